//! The 政府采购支出预算表 (Jiangsu's 公开12表): purchases by category (货物 A, 工程 B, 服务 C), each
//! 专项 with its 经济科目 and amount, then the items bought under it with the way they are bought.
//!
//! A category row gives an uncoded row whose measure is the category (`procurement_goods` …); a
//! 专项 row an economic-code row (the code from the 经济科目 name) whose project is the 专项's
//! name; an item row the same code with the project `专项｜物品｜组织形式`. The 合计 row is the
//! table's total.

use std::collections::BTreeMap;

use yusuan_model::{Measure, Scheme};

use crate::amount::{parse_amount, CellValue, Unit};
use crate::codes::Codes;
use crate::segment::grid::Dense;
use crate::tables::data::{Role, Row, TableData, Value};
use crate::text::clean;
use crate::text::{squash, strip_ordinal};

/// The columns of the table, from its header.
struct Columns {
    category: Option<usize>,
    project: Option<usize>,
    economic: Option<usize>,
    item: Option<usize>,
    form: Option<usize>,
    amount: usize,
}

impl Columns {
    fn of(d: &Dense, data_from: usize) -> Option<Columns> {
        let head: Vec<String> = (0..d.full.first()?.len())
            .map(|c| {
                d.full[..data_from]
                    .iter()
                    .map(|r| squash(&r[c]))
                    .collect::<String>()
            })
            .collect();
        let find = |words: &[&str]| {
            head.iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        Some(Columns {
            category: find(&["品目大类", "采购类别", "品目"]),
            project: find(&["专项名称", "项目名称"]),
            economic: find(&["经济科目", "经济分类"]),
            item: find(&["采购物品", "物品名称", "采购项目"]),
            form: find(&["组织形式", "采购方式"]),
            amount: head.iter().rposition(|h| {
                ["总计", "金额", "合计", "预算"]
                    .iter()
                    .any(|w| h.contains(w))
            })?,
        })
    }
}

/// Where the reading stands: the category and 专项 the next rows fall under.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    category: Option<Measure>,
    project: String,
    code: String,
}

impl Context {
    /// The context at the end of rows already read (a table continued on the next page).
    pub(crate) fn after(rows: &[Row]) -> Context {
        let Some(last) = rows.last() else {
            return Context::default();
        };
        Context {
            category: last.values.keys().next().copied(),
            project: last
                .project
                .split('｜')
                .next()
                .unwrap_or_default()
                .to_string(),
            code: last.code.clone(),
        }
    }
}

/// The category a label names (`一、货物A` → `procurement_goods`).
fn category_of(label: &str) -> Option<Measure> {
    let s = strip_ordinal(&squash(label));
    let s = s.trim_end_matches(['A', 'B', 'C', 'a', 'b', 'c']);
    Some(match s {
        "货物" | "货物类" => Measure::ProcurementGoods,
        "工程" | "工程类" => Measure::ProcurementWorks,
        "服务" | "服务类" => Measure::ProcurementServices,
        _ => return None,
    })
}

/// Read the table's rows, starting from `ctx` (the default for a table's first grid).
pub(crate) fn read(
    d: &Dense,
    data_from: usize,
    unit: &Unit,
    mut ctx: Context,
    codes: &Codes<'_>,
) -> TableData {
    let n_cols = d.full.first().map_or(0, Vec::len);
    let mut out = TableData::empty(vec![Role::Ignore; n_cols]);
    let Some(cols) = Columns::of(d, data_from) else {
        return out;
    };
    let text = |r: usize, c: Option<usize>| c.map(|c| clean(&d.origin[r][c])).unwrap_or_default();
    for r in data_from..d.origin.len() {
        let CellValue::Number(n) = parse_amount(&d.origin[r][cols.amount]) else {
            continue;
        };
        out.scale = out.scale.max(n.scale());
        out.any_amount = true;
        let value = Value {
            printed: n,
            yuan: unit.to_yuan(n),
            col: cols.amount,
        };
        let first = text(r, cols.category);
        let (project, economic, item) = (
            text(r, cols.project),
            text(r, cols.economic),
            text(r, cols.item),
        );
        let squashed = squash(&first);
        if squashed.contains("合计") || squashed.contains("总计") {
            out.totals.insert((String::new(), Measure::Total), value);
            continue;
        }
        if let Some(category) = category_of(&first) {
            ctx = Context {
                category: Some(category),
                ..Context::default()
            };
            out.rows.push(Row {
                name_published: first,
                ..Row::uncoded(r, BTreeMap::from([(category, value)]))
            });
            continue;
        }
        let Some(category) = ctx.category else {
            continue;
        };
        if !project.is_empty() || !economic.is_empty() {
            // A 专项 printed once over several 经济科目 rows names each of them.
            if !project.is_empty() {
                ctx.project = project;
            }
            ctx.code = economic_code(&economic, codes);
            out.rows.push(procurement_row(
                r,
                &ctx,
                ctx.project.clone(),
                economic,
                category,
                value,
            ));
        } else {
            // An item bought two ways prints its name once, merged over both rows.
            let item = Some(item)
                .filter(|i| !i.is_empty())
                .or_else(|| cols.item.map(|c| clean(&d.full[r][c])))
                .unwrap_or_default();
            if item.is_empty() {
                continue;
            }
            let name = format!("{}｜{}｜{}", ctx.project, item, text(r, cols.form));
            out.rows
                .push(procurement_row(r, &ctx, name, item, category, value));
        }
    }
    out
}

/// The department economic code an 经济科目 name names. 办公设备购置 is both 30902 (基本建设) and
/// 31002: the 基本建设 class only when named.
fn economic_code(name: &str, codes: &Codes<'_>) -> String {
    let named = codes.codes_named(name, "3", 5);
    let construction = |c: &&str| c.starts_with("309") || c.starts_with("311");
    named
        .iter()
        .find(|c| !construction(c))
        .or(named.first())
        .map(|c| c.to_string())
        .unwrap_or_default()
}

fn procurement_row(
    r: usize,
    ctx: &Context,
    project: String,
    printed: String,
    category: Measure,
    value: Value,
) -> Row {
    let scheme = if ctx.code.is_empty() {
        Scheme::None
    } else {
        Scheme::Economic
    };
    Row {
        scheme,
        code: ctx.code.clone(),
        name_published: printed,
        project,
        ..Row::uncoded(r, BTreeMap::from([(category, value)]))
    }
}
