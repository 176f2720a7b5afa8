//! `cross_table`: the same figure printed in two tables agrees (the summaries' totals, the
//! general budget's classes, the 财政拨款 columns), each disagreement charged to the table that
//! disagrees with the most others.

use std::collections::BTreeMap;

use yusuan_model::{Check, CheckId, Measure, Scheme, TableId, TableKind};

use crate::checks::compare::compare;
use crate::tables::data::year_side;
use crate::tables::figures::{by_code, fig, grand_total, loc, printed_as, tolerance, tot, Fig};
use crate::tables::ReadTable;

/// The figure to compare `other` with: `usual`, or `alternative` where only that one agrees
/// with it (a table that prints the other of two totals a template may mean).
pub(crate) fn agreeing<'a>(
    usual: Option<(&'a ReadTable, Fig)>,
    alternative: Option<(&'a ReadTable, Fig)>,
    other: Option<&(&ReadTable, Fig)>,
) -> Option<(&'a ReadTable, Fig)> {
    let agrees = |f: &(&ReadTable, Fig)| {
        other.is_some_and(|(_, o)| (f.1.yuan - o.yuan).abs() <= f.1.tolerance + o.tolerance)
    };
    match (usual, alternative) {
        (Some(u), Some(a)) if !agrees(&u) && agrees(&a) => Some(a),
        (None, a) => a,
        (u, _) => u,
    }
}

/// The 收支总表's total on one side to compare another table's total with: the year's own total
/// where that is what the other table prints, else the side's total as [`table_total`] reads it.
pub(crate) fn res_side_for<'a>(
    res: Option<&'a ReadTable>,
    side: &str,
    other: Option<&(&ReadTable, Fig)>,
) -> Option<(&'a ReadTable, Fig)> {
    let res = res?;
    let year = res
        .data
        .totals
        .get(&(year_side(side), printed_as(res, Measure::Total)))
        .map(|v| {
            (
                res,
                Fig {
                    yuan: v.yuan,
                    tolerance: tolerance(res),
                    loc: loc(res, None, Some(v.col)),
                },
            )
        });
    agreeing(tot(Some(res), side, Measure::Total), year, other)
}

/// The 一般公共预算支出表's figure to compare the economic-class table's total with: its 基本支出,
/// or its 合计 where the economic table covers all the spending (2016's 一般公共预算财政拨款决算表
/// （二）, 人员经费 and 公用经费 of basic and project spending alike) and agrees with that.
pub(crate) fn basic_side_for<'a>(
    gbe: Option<&'a ReadTable>,
    other: Option<&(&ReadTable, Fig)>,
) -> Option<(&'a ReadTable, Fig)> {
    // Without a 基本支出 column there is nothing to compare.
    let basic = tot(gbe, "", Measure::Basic)?;
    agreeing(Some(basic), tot(gbe, "", Measure::Total), other)
}

/// Two figures from two tables that must agree.
pub(crate) struct Pair {
    a: TableId,
    fa: Fig,
    b: TableId,
    fb: Fig,
    code: String,
    what: &'static str,
}

/// A figure and the table it is printed in.
type At<'a> = Option<(&'a ReadTable, Fig)>;

impl Pair {
    fn of(a: At<'_>, b: At<'_>, code: &str, what: &'static str) -> Option<Pair> {
        let ((ta, fa), (tb, fb)) = (a?, b?);
        Some(Pair {
            a: ta.info.id(),
            fa,
            b: tb.info.id(),
            fb,
            code: code.to_string(),
            what,
        })
    }
}

pub(crate) fn cross_tables(tables: &[ReadTable], out: &mut Vec<Check>) {
    let mut pairs = total_pairs(tables);
    pairs.extend(class_pairs(tables));
    blame(pairs, out);
}

/// The totals that two tables print alike.
fn total_pairs<'a>(tables: &'a [ReadTable]) -> Vec<Pair> {
    let find = |k: TableKind| tables.iter().find(|t| t.info.kind == k && !t.info.empty);
    let res = find(TableKind::RevenueExpenditureSummary);
    let rev = find(TableKind::RevenueSummary);
    let exp = find(TableKind::ExpenditureSummary);
    let fgs = find(TableKind::FiscalGrantSummary);
    let gbe = find(TableKind::GeneralBudgetExpenditure);
    let basic = find(TableKind::GeneralBudgetBasicExpenditure);
    let proj = find(TableKind::GeneralBudgetProjectExpenditure);
    let rev_total = tot(rev, "", Measure::Total);
    let exp_total = tot(exp, "", Measure::Total);
    // A budget that uses carry-overs prints two totals per side in its 收支总表: the year's
    // (本年收入合计, 本年支出合计) and the grand total with the carry-overs (总计). Its 收入表 and
    // 支出表 print one or the other, depending on the template.
    let res_income = res_side_for(res, "income", rev_total.as_ref());
    let res_exp = res_side_for(res, "expenditure", exp_total.as_ref());
    // In a 决算 the year's income and spending differ; only the grand totals (总计, with the
    // carry-overs) agree, and 收入决算表 and 支出决算表 are not compared with each other.
    let final_accounts = tables.iter().any(|t| t.info.final_accounts);
    let grand = |rt: Option<&'a ReadTable>, side: &str| {
        rt.and_then(|t| grand_total(t, side, Measure::Total).map(|f| (t, f)))
    };
    let mut totals = vec![
        (
            grand(res, "income"),
            grand(res, "expenditure"),
            "收支总表: 支出总计 vs 收入总计",
        ),
        (res_exp, exp_total, "支出总表 total vs 收支总表"),
        (res_income, rev_total, "收入总表 total vs 收支总表"),
        (
            grand(fgs, "income"),
            grand(fgs, "expenditure"),
            "财政拨款收支总表: 支出 vs 收入",
        ),
        (
            tot(fgs, "expenditure", Measure::GeneralPublicBudget),
            tot(gbe, "", Measure::Total),
            "一般公共预算支出表 total vs 财政拨款收支总表 一般公共预算",
        ),
        (
            basic_side_for(gbe, tot(basic, "", Measure::Total).as_ref()),
            tot(basic, "", Measure::Total),
            "基本支出表 total vs 一般公共预算支出表 基本支出",
        ),
        (
            tot(gbe, "", Measure::Project),
            tot(proj, "", Measure::Total),
            "项目支出表 total vs 一般公共预算支出表 项目支出",
        ),
    ];
    // Without a 收支总表 to compare both with, the 收入总表 and 支出总表 are compared directly.
    if !final_accounts && res.is_none() {
        totals.push((exp_total, rev_total, "收入总表 total vs 支出总表"));
    }
    totals
        .into_iter()
        .filter_map(|(a, b, what)| Pair::of(a, b, "total", what))
        .collect()
}

/// Each class in the 收支总表 against the 支出总表.
fn class_pairs(tables: &[ReadTable]) -> Vec<Pair> {
    let find = |k: TableKind| tables.iter().find(|t| t.info.kind == k && !t.info.empty);
    let (Some(res), Some(exp)) = (
        find(TableKind::RevenueExpenditureSummary),
        find(TableKind::ExpenditureSummary),
    ) else {
        return Vec::new();
    };
    let detail = by_code(exp);
    res.data
        .rows
        .iter()
        .filter(|r| r.scheme == Scheme::Function)
        .filter_map(|row| {
            let v = row.values.get(&printed_as(res, Measure::Total))?;
            let e = detail
                .get(&row.code)
                .and_then(|m| m.get(&printed_as(exp, Measure::Total)))?;
            Pair::of(
                Some((exp, *e)),
                Some((res, fig(res, v, row.row))),
                &row.code,
                "收支总表 class vs 支出总表",
            )
        })
        .collect()
}

/// A disagreement is charged to the table that disagrees with the most others; on a tie, to
/// the second table named (the more detailed one).
fn blame(pairs: Vec<Pair>, out: &mut Vec<Check>) {
    let fails = |fa: &Fig, fb: &Fig| (fa.yuan - fb.yuan).abs() > fa.tolerance + fb.tolerance;
    let mut failures: BTreeMap<TableId, usize> = BTreeMap::new();
    for p in &pairs {
        if fails(&p.fa, &p.fb) {
            *failures.entry(p.a).or_default() += 1;
            *failures.entry(p.b).or_default() += 1;
        }
    }
    for p in pairs {
        let blame_a =
            failures.get(&p.a).copied().unwrap_or(0) > failures.get(&p.b).copied().unwrap_or(0);
        if blame_a {
            compare(out, CheckId::CrossTable, p.a, &p.code, p.fb, p.fa, p.what);
        } else {
            compare(out, CheckId::CrossTable, p.b, &p.code, p.fa, p.fb, p.what);
        }
    }
}
