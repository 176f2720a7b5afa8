//! The rows of summary tables, which are labelled by meaning rather than by code: income
//! sources (also as a tree of funds), spending purposes, carry-overs, and classes by name.

use std::collections::BTreeMap;

use yusuan_model::{IncomeSource, Measure, Scheme};

use crate::codes::Codes;
use crate::segment::grid::Dense;
use crate::tables::code::split_fused;
use crate::tables::data::{year_side, Row, TableData, Value};
use crate::tables::income::income_id;
use crate::text::clean;
use crate::text::{squash, strip_ordinal};

/// The source of revenue a row of a 收入总表 laid out as a tree of funds names (Jiangsu's
/// 收入预算总表: 一般公共预算资金 | 小计, then 公共财政拨款(补助)资金 …): the row's own label, or for
/// a 小计 row its group's. 其中 rows are parts of the row above and are left out.
pub(crate) fn income_tree_label(
    d: &Dense,
    r: usize,
    label_cols: &[usize],
) -> Option<(IncomeSource, String)> {
    let texts: Vec<String> = label_cols
        .iter()
        .map(|&c| clean(&d.full[r][c]))
        .filter(|t| !t.is_empty())
        .collect();
    let own = texts.last()?;
    if squash(own).starts_with("其中") {
        return None;
    }
    if squash(own) != "小计" {
        return income_id(own).map(|id| (id, own.clone()));
    }
    let group = texts.iter().rev().find(|t| squash(t) != "小计")?;
    // The 其他资金 group adds up 事业收入, 经营收入 and 其他收入, each read from its own row.
    if squash(group).contains("其他资金") {
        return Some((IncomeSource::OtherFunds, group.clone()));
    }
    income_id(group).map(|id| (id, group.clone()))
}

/// One side of a row of a two-sided summary (收入 | 支出): a total, an income source, a
/// spending purpose, a carry-over, or a class.
pub(crate) fn read_summary_side(
    r: usize,
    label: &str,
    is_income: bool,
    values: BTreeMap<Measure, Value>,
    out: &mut TableData,
    codes: &Codes<'_>,
) {
    let sq = squash(label);
    let side = if is_income { "income" } else { "expenditure" };
    if sq.contains("总计") || sq.contains("合计") {
        side_total(&sq, side, values, out);
        return;
    }
    let row = if is_income {
        income_row(r, label, values, out)
    } else if let Some(purpose) = spending_purpose(&sq) {
        // 支出用途 (基本支出, 项目支出, 单位预留机动经费, 结转下年资金): a row without a code whose
        // label says what its amount is.
        let values = values
            .into_values()
            .next()
            .map(|v| BTreeMap::from([(purpose, v)]))
            .unwrap_or_default();
        Some(Row {
            name_published: label.to_string(),
            ..Row::uncoded(r, values)
        })
    } else if sq.contains("年末") && sq.contains("结转")
        || sq.contains("结转下年")
        || sq.contains("结余分配")
    {
        let code = if sq.contains("结余分配") {
            "surplus_distribution"
        } else {
            "year_end_carryover"
        };
        Some(Row {
            code: code.to_string(),
            name_published: label.to_string(),
            ..Row::uncoded(r, values)
        })
    } else {
        class_row(r, label, values, codes)
    };
    out.rows.extend(row);
}

/// 收入总计 is the grand total; 本年收入合计 only the year's part of it (kept apart too: in a
/// 决算 the year's income and spending differ, their totals with carry-overs agree). A plain 合计
/// printed below the year's total and the carry-overs (收支决算总表 of the universities) is the
/// grand total too.
fn side_total(sq: &str, side: &str, values: BTreeMap<Measure, Value>, out: &mut TableData) {
    for (m, v) in values {
        let key = (side.to_string(), m);
        let grand = sq.contains("总计")
            || (!sq.contains("本年") && out.totals.contains_key(&(year_side(side), m)));
        if grand {
            out.totals.insert(key, v);
        } else {
            out.totals.entry((year_side(side), m)).or_insert(v.clone());
            out.totals.entry(key).or_insert(v);
        }
    }
}

/// An income source. The funds a carry-over is broken down by (年初结转和结余 / 一、一般公共预算
/// …) are parts of that carry-over, not the year's income again.
fn income_row(
    r: usize,
    label: &str,
    values: BTreeMap<Measure, Value>,
    out: &TableData,
) -> Option<Row> {
    let id = income_id(label)?;
    let after_carryover = out
        .rows
        .iter()
        .rev()
        .find(|r| r.scheme == Scheme::Income)
        .is_some_and(|r| r.code == IncomeSource::Carryover.as_str());
    let is_fund = matches!(
        id,
        IncomeSource::GeneralPublicBudget
            | IncomeSource::GovernmentFundBudget
            | IncomeSource::StateCapitalBudget
    );
    if after_carryover && is_fund {
        return None;
    }
    Some(Row {
        scheme: if id == IncomeSource::FundOffset {
            Scheme::None
        } else {
            Scheme::Income
        },
        code: id.as_str().to_string(),
        name_published: label.to_string(),
        ..Row::uncoded(r, values)
    })
}

/// A spending row by class: a 类 code fused into the label, or a class named by its name.
fn class_row(
    r: usize,
    label: &str,
    values: BTreeMap<Measure, Value>,
    codes: &Codes<'_>,
) -> Option<Row> {
    let f = split_fused(label);
    let (code, name) = match f.code {
        Some(c) if c.len() == 3 => (c, f.name),
        Some(_) => return None,
        None => {
            let c = codes.function_class_by_name(&strip_ordinal(&f.name))?;
            (c.to_string(), f.name)
        }
    };
    Some(Row {
        scheme: Scheme::Function,
        code,
        name_published: name,
        ..Row::uncoded(r, values)
    })
}

/// The measure a spending-purpose row label names (`一、基本支出` → `basic`).
pub(crate) fn spending_purpose(label: &str) -> Option<Measure> {
    let s = strip_ordinal(label);
    Some(match s.as_str() {
        "基本支出" => Measure::Basic,
        "项目支出" => Measure::Project,
        "单位预留机动经费" | "预留机动经费" => Measure::UnitReserve,
        _ => return None,
    })
}
