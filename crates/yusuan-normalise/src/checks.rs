//! The checks a careful reader makes, run over every table of one document.
//!
//! * `rollup`: a parent row equals the sum of its children (类 = Σ款, 款 = Σ项), per column.
//! * `row_identity`: in a row, 合计 equals the sum of its parts (基本 + 项目, 人员 + 公用, …).
//! * `cross_table`: totals agree between tables.
//! * `name_mismatch`, `unknown_code`: the printed name fits the code; the code exists.
//! * `missing_table`: the tables the template expects were published.
//!
//! Every comparison allows for rounding at the published precision: each printed figure may be
//! off by half a unit of its last printed digit, so a sum of n figures and the figure it is
//! compared with may differ by (n + 1) such halves. The seed's `21011` row (34.07 over children
//! summing to 34.08, at two decimals with four children) passes; a real error does not. Figures
//! printed in 元 are taken as exact, so a one-yuan gap is an inconsistency.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus, Location, Measure, Scheme, TableId, TableKind};

use crate::codes::{book, InYear, NameMatch};
use crate::read_table::{year_side, Role, Value};
use crate::ReadTable;

/// A figure to compare: its value in 元, its rounding allowance, and where it was printed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fig {
    pub(crate) yuan: Decimal,
    pub(crate) tolerance: Decimal,
    pub(crate) loc: Location,
}

pub(crate) fn fig(rt: &ReadTable, v: &Value, row: usize) -> Fig {
    Fig {
        yuan: v.yuan,
        tolerance: tolerance(rt),
        loc: loc(rt, Some(row), Some(v.col)),
    }
}

/// The rounding one printed figure of a table may carry, in 元. Figures printed in 元 are taken
/// as exact to the fen: budgets kept in 元 are whole amounts, not rounded ones.
fn tolerance(rt: &ReadTable) -> Decimal {
    let half = rt.unit.half_ulp_yuan(rt.data.scale);
    if rt.unit.factor > Decimal::ONE {
        half
    } else {
        half.min(Decimal::new(5, 3))
    }
}

fn loc(rt: &ReadTable, row: Option<usize>, col: Option<usize>) -> Location {
    rt.location(row, col)
}

pub(crate) fn sum(figs: &[Fig]) -> Option<Fig> {
    let first = figs.first()?;
    Some(Fig {
        yuan: figs.iter().map(|f| f.yuan).sum(),
        tolerance: figs.iter().map(|f| f.tolerance).sum(),
        loc: first.loc,
    })
}

#[allow(clippy::too_many_arguments)]
fn compare(
    out: &mut Vec<Check>,
    check: CheckId,
    table: TableId,
    code: &str,
    expected: Fig,
    found: Fig,
    what: &str,
) {
    let diff = (expected.yuan - found.yuan).abs();
    let ok = diff <= expected.tolerance + found.tolerance;
    // A difference within rounding is no error, but a reader comparing two tables sees it
    // (236.63 against 236.64): it is recorded as a note with the difference.
    let status = match (ok, diff.is_zero()) {
        (true, true) => CheckStatus::Pass,
        (true, false) => CheckStatus::Note,
        (false, _) => CheckStatus::Fail,
    };
    out.push(Check {
        check,
        status,
        table: Some(table),
        code: code.to_string(),
        expected: expected.yuan.to_string(),
        found: found.yuan.to_string(),
        detail: match status {
            CheckStatus::Pass => String::new(),
            CheckStatus::Note => format!(
                "{what}: printed {} 元, expected {} 元 (difference {diff} 元, within the rounding of the printed figures)",
                found.yuan, expected.yuan
            ),
            CheckStatus::Fail => format!(
                "{what}: printed {} 元, expected {} 元 (difference {diff} 元)",
                found.yuan, expected.yuan
            ),
        },
        location: found.loc,
    });
}

/// Run the table checks.
pub fn run(tables: &[ReadTable], year: Option<i32>) -> Vec<Check> {
    let mut out = Vec::new();
    for rt in tables {
        if rt.info.kind == TableKind::PerformanceTargets {
            continue;
        }
        names(rt, year, &mut out);
        rollups(rt, &mut out);
        row_identities(rt, &mut out);
    }
    cross_tables(tables, &mut out);
    for rt in tables.iter().filter(|t| {
        t.info.final_accounts
            && matches!(
                t.info.kind,
                TableKind::RevenueExpenditureSummary | TableKind::FiscalGrantSummary
            )
    }) {
        final_balance(rt, &mut out);
    }
    out
}

/// Names against codes, in the tables of the document's year.
fn names(rt: &ReadTable, year: Option<i32>, out: &mut Vec<Check>) {
    let id = rt.info.id();
    let mut seen = BTreeSet::new();
    for row in &rt.data.rows {
        if !matches!(
            row.scheme,
            Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic
        ) || !seen.insert(row.code.clone())
        {
            continue;
        }
        let location = loc(rt, Some(row.row), None);
        let mut push = |check: CheckId, expected: String, detail: String| {
            out.push(Check {
                check,
                status: CheckStatus::Fail,
                table: Some(id),
                code: row.code.clone(),
                expected,
                found: row.name_published.clone(),
                detail,
                location,
            })
        };
        match book().check_name_in(&row.code, &row.name_published, year) {
            NameMatch::Fits => {}
            NameMatch::Patterned { parent } => out.push(Check {
                check: CheckId::UnknownCode,
                status: CheckStatus::Note,
                table: Some(id),
                code: row.code.clone(),
                expected: String::new(),
                found: row.name_published.clone(),
                detail: format!(
                    "code {} ({}) is not in the code table, but {parent} ({}) is and the name is the classification's standard one for its number: a code newer than the table",
                    row.code,
                    row.name_published,
                    book().name(&parent)
                ),
                location,
            }),
            NameMatch::OtherYear { valid, years } => out.push(Check {
                check: CheckId::NameMismatch,
                status: CheckStatus::Note,
                table: Some(id),
                code: row.code.clone(),
                expected: valid.clone(),
                found: row.name_published.clone(),
                detail: format!(
                    "code {} is {valid} in {}, but is printed as {}, its official name {}",
                    row.code,
                    year.map_or("the current tables".to_string(), |y| y.to_string()),
                    row.name_published,
                    match years {
                        (_, Some(to)) if year.is_none_or(|y| y > to) =>
                            format!("until {to} (a former name)"),
                        (Some(from), _) => format!("from {from} on (a later name)"),
                        _ => "of an earlier year (a former name)".to_string(),
                    }
                ),
                location,
            }),
            NameMatch::NotYet(change) => push(
                CheckId::UnknownCode,
                String::new(),
                format!(
                    "code {} ({}) was added to the classification in {} ({}): it is not in the tables of {}",
                    row.code,
                    row.name_published,
                    change.year,
                    change.source,
                    year.map_or("the document's year".to_string(), |y| y.to_string()),
                ),
            ),
            NameMatch::Removed(change) => push(
                CheckId::UnknownCode,
                change.name.clone(),
                format!(
                    "code {} ({}) was removed from the classification in {} ({}): it is not in the tables of {}",
                    row.code,
                    row.name_published,
                    change.year,
                    change.source,
                    year.map_or("the current year".to_string(), |y| y.to_string()),
                ),
            ),
            NameMatch::UnknownCode => push(
                CheckId::UnknownCode,
                String::new(),
                format!(
                    "code {} ({}) is not in the canonical code tables",
                    row.code, row.name_published
                ),
            ),
            NameMatch::Mismatch { belongs_to } => {
                let canonical = match book().in_year(&row.code, year) {
                    InYear::Valid(name) => name,
                    _ => book().name(&row.code).to_string(),
                };
                let detail = match &belongs_to {
                    _ if canonical.is_empty() => format!(
                        "code {} is not in the classification; its name {} says the row is misnumbered",
                        row.code, row.name_published
                    ),
                    Some(other) => format!(
                        "code {} is {canonical}, but is printed as {}, the name of {other}",
                        row.code, row.name_published
                    ),
                    None => format!("code {} is {canonical}, but is printed as {}", row.code, row.name_published),
                };
                if canonical.is_empty() {
                    push(
                        CheckId::UnknownCode,
                        String::new(),
                        format!(
                            "code {} ({}) is not in the canonical code tables",
                            row.code, row.name_published
                        ),
                    );
                }
                push(CheckId::NameMismatch, canonical, detail);
            }
        }
        if let Some(printed) = &row.code_repaired {
            out.push(Check {
                check: CheckId::CodeRepaired,
                status: CheckStatus::Note,
                table: Some(id),
                code: row.code.clone(),
                expected: row.code.clone(),
                found: printed.clone(),
                detail: format!("code printed as {printed}, read as {}", row.code),
                location,
            });
        }
    }
}

/// Per code, per measure: the figure (a project table sums its projects under one code).
/// Per code, per measure: the figure.
pub(crate) type CodeFigures = BTreeMap<String, BTreeMap<Measure, Fig>>;

/// Per code, per measure: the figure (a project table sums its projects under one code).
pub(crate) fn by_code(rt: &ReadTable) -> &CodeFigures {
    rt.figures.get_or_init(|| code_figures(rt))
}

fn code_figures(rt: &ReadTable) -> CodeFigures {
    let mut map: BTreeMap<String, BTreeMap<Measure, Vec<Fig>>> = BTreeMap::new();
    let mut has_plain: BTreeSet<String> = BTreeSet::new();
    for row in &rt.data.rows {
        if row.project.is_empty() {
            has_plain.insert(row.code.clone());
        }
    }
    for row in &rt.data.rows {
        if !matches!(
            row.scheme,
            Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic
        ) {
            continue;
        }
        if !row.project.is_empty() && has_plain.contains(&row.code) {
            continue;
        }
        for (m, v) in &row.values {
            map.entry(row.code.clone())
                .or_default()
                .entry(*m)
                .or_default()
                .push(fig(rt, v, row.row));
        }
    }
    map.into_iter()
        .map(|(c, ms)| {
            (
                c,
                ms.into_iter()
                    .filter_map(|(m, figs)| sum(&figs).map(|f| (m, f)))
                    .collect(),
            )
        })
        .collect()
}

fn rollups(rt: &ReadTable, out: &mut Vec<Check>) {
    let codes = by_code(rt);
    let id = rt.info.id();
    for (parent, pvals) in codes {
        if parent.len() >= 7 {
            continue;
        }
        let children: Vec<&BTreeMap<Measure, Fig>> = codes
            .iter()
            .filter(|(c, _)| c.len() == parent.len() + 2 && c.starts_with(parent.as_str()))
            .map(|(_, v)| v)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (measure, pfig) in pvals {
            let kids: Vec<Fig> = children
                .iter()
                .filter_map(|c| c.get(measure).copied())
                .collect();
            let Some(total) = sum(&kids) else {
                if pfig.yuan.is_zero() {
                    continue;
                }
                let zero = Fig {
                    yuan: Decimal::ZERO,
                    tolerance: Decimal::ZERO,
                    loc: pfig.loc,
                };
                compare(
                    out,
                    CheckId::Rollup,
                    id,
                    parent,
                    zero,
                    *pfig,
                    &format!("{parent} {measure} with no child amounts"),
                );
                continue;
            };
            compare(
                out,
                CheckId::Rollup,
                id,
                parent,
                total,
                *pfig,
                &format!(
                    "{parent} {measure} vs the sum of its {} children",
                    kids.len()
                ),
            );
        }
    }
}

/// Revenue columns that add up to 合计 beside 财政拨款.
const INCOME_SOURCES: [Measure; 8] = [
    Measure::SpecialAccount,
    Measure::BusinessIncome,
    Measure::BusinessOperatingIncome,
    Measure::HigherLevelSubsidy,
    Measure::AffiliateRemittance,
    Measure::OtherIncome,
    Measure::Carryover,
    Measure::FundOffset,
];
/// The budgets that make up 财政拨款.
const FISCAL_SOURCES: [Measure; 3] = [
    Measure::GeneralPublicBudget,
    Measure::GovernmentFundBudget,
    Measure::StateCapitalBudget,
];

fn row_identities(rt: &ReadTable, out: &mut Vec<Check>) {
    let id = rt.info.id();
    for row in &rt.data.rows {
        let get = |m: Measure| row.values.get(&m).map(|v| fig(rt, v, row.row));
        let sum_of = |ms: &[Measure]| sum(&ms.iter().filter_map(|m| get(*m)).collect::<Vec<_>>());
        if rt.info.kind == TableKind::ThreePublic {
            let vehicles = get(Measure::Vehicles)
                .or_else(|| sum_of(&[Measure::VehiclePurchase, Measure::VehicleOperation]));
            if let Some(total) = get(Measure::Total) {
                if let Some(parts) = sum(&[
                    get(Measure::OverseasTravel),
                    vehicles,
                    get(Measure::Reception),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>())
                {
                    compare(
                        out,
                        CheckId::RowIdentity,
                        id,
                        "",
                        parts,
                        total,
                        "三公 total vs 出国 + 公务用车 + 接待",
                    );
                }
            }
            if let (Some(grand), Some(parts)) = (
                get(Measure::GrandTotal),
                sum_of(&[Measure::Total, Measure::Meetings, Measure::Training]),
            ) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    "",
                    parts,
                    grand,
                    "合计 vs 三公 + 会议费 + 培训费",
                );
            }
            if let (Some(v), Some(parts)) = (
                get(Measure::Vehicles),
                sum_of(&[Measure::VehiclePurchase, Measure::VehicleOperation]),
            ) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    "",
                    parts,
                    v,
                    "公务用车 vs 购置 + 运行",
                );
            }
            continue;
        }
        let label = row.code.clone();
        let mut identity = |parts: Option<Fig>, whole: Option<Fig>, what: &str| {
            if let (Some(p), Some(w)) = (parts, whole) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    &label,
                    p,
                    w,
                    &format!("{label} {what}"),
                );
            }
        };
        // Expenditure: 合计 = 基本 (or 人员 + 公用) + 项目 + other kinds; 基本 = 人员 + 公用.
        let staff = sum_of(&[Measure::Personnel, Measure::PublicUse]);
        let base = get(Measure::Basic).or(staff);
        let spend: Vec<Fig> = [
            base,
            get(Measure::Project),
            get(Measure::UnitReserve),
            get(Measure::RemitToHigher),
            get(Measure::SubsidyToAffiliates),
            get(Measure::BusinessOperatingExpenditure),
        ]
        .into_iter()
        .flatten()
        .collect();
        identity(
            sum(&spend),
            get(Measure::Total),
            "total vs 基本 + 项目 (+ other kinds)",
        );
        if get(Measure::Basic).is_some() {
            identity(
                staff,
                get(Measure::Basic),
                "基本支出 vs 人员经费 + 公用经费",
            );
        }
        // Income: 合计 = 财政拨款 (or its parts) + the other sources; 财政拨款 = its parts.
        let fiscal_parts = sum_of(&FISCAL_SOURCES);
        let fiscal = get(Measure::FiscalAppropriation).or(fiscal_parts);
        let income: Vec<Fig> = std::iter::once(fiscal)
            .chain(INCOME_SOURCES.iter().map(|m| get(*m)))
            .flatten()
            .collect();
        // A row that prints spending beside its sources (政府性基金 收入支出决算表: 上年结转 |
        // 本年收入 | 本年支出 合计/基本/项目 | 年末结转) is not a sum of sources.
        if spend.is_empty() {
            identity(
                sum(&income),
                get(Measure::Total),
                "total vs the sum of its sources",
            );
        }
        if get(Measure::FiscalAppropriation).is_some() {
            identity(
                fiscal_parts,
                get(Measure::FiscalAppropriation),
                "财政拨款 vs its budgets",
            );
        }
        // Project table: 合计 = Σ economic classes.
        let economic: Vec<Fig> = row
            .values
            .iter()
            .filter(|(m, _)| m.is_economic_class())
            .map(|(_, v)| fig(rt, v, row.row))
            .collect();
        identity(
            sum(&economic),
            get(Measure::Total),
            "total vs its economic classes",
        );
    }
}

fn tot<'a>(rt: Option<&'a ReadTable>, side: &str, m: Measure) -> Option<(&'a ReadTable, Fig)> {
    rt.and_then(|t| table_total(t, side, m).map(|f| (t, f)))
}

/// A table's grand total in one measure: the printed total row, else the sum of its classes.
///
/// In a 决算 the year's own total (本年收入合计, 本年支出合计) is the one that other tables print:
/// the grand total (总计) adds the carry-overs.
pub(crate) fn table_total(rt: &ReadTable, side: &str, measure: Measure) -> Option<Fig> {
    let measure = printed_as(rt, measure);
    let year = rt
        .info
        .final_accounts
        .then(|| rt.data.totals.get(&(year_side(side), measure)))
        .flatten();
    if let Some(v) = year.or_else(|| rt.data.totals.get(&(side.to_string(), measure))) {
        return Some(Fig {
            yuan: v.yuan,
            tolerance: tolerance(rt),
            loc: loc(rt, None, Some(v.col)),
        });
    }
    if side == "income" {
        return None;
    }
    let classes: Vec<Fig> = by_code(rt)
        .iter()
        .filter(|(c, _)| c.len() == 3)
        .filter_map(|(_, ms)| ms.get(&measure).copied())
        .collect();
    sum(&classes)
}

/// The measure a table prints a figure under: a 决算 table whose one amount column is 决算数
/// prints its totals as `actual`.
fn printed_as(rt: &ReadTable, measure: Measure) -> Measure {
    let has = |m: Measure| rt.data.roles.contains(&Role::Amount(m));
    if measure == Measure::Total && !has(Measure::Total) && has(Measure::Actual) {
        Measure::Actual
    } else {
        measure
    }
}

/// A side's printed grand total (总计), else its printed total.
pub(crate) fn grand_total(rt: &ReadTable, side: &str, measure: Measure) -> Option<Fig> {
    let v = rt
        .data
        .totals
        .get(&(side.to_string(), printed_as(rt, measure)))?;
    Some(Fig {
        yuan: v.yuan,
        tolerance: tolerance(rt),
        loc: loc(rt, None, Some(v.col)),
    })
}

/// The 决算 balance on each side of the two-sided summaries: 本年收入合计 + 年初结转和结余
/// (+ 使用非财政拨款结余) = 收入总计, and 本年支出合计 + 结余分配 + 年末结转和结余 = 支出总计.
fn final_balance(rt: &ReadTable, out: &mut Vec<Check>) {
    let id = rt.info.id();
    for (side, parts, what) in [
        (
            "income",
            &["carryover", "fund_offset"][..],
            "收入总计 vs 本年收入合计 + 年初结转和结余 + 使用结余",
        ),
        (
            "expenditure",
            &["year_end_carryover", "surplus_distribution"][..],
            "支出总计 vs 本年支出合计 + 结余分配 + 年末结转和结余",
        ),
    ] {
        let key = (year_side(side), Measure::Actual);
        let (Some(year), Some(total)) = (
            rt.data
                .totals
                .get(&key)
                .or_else(|| rt.data.totals.get(&(year_side(side), Measure::Total))),
            grand_total(rt, side, Measure::Total),
        ) else {
            continue;
        };
        if total.yuan == year.yuan
            && !rt
                .data
                .totals
                .contains_key(&(side.to_string(), Measure::Actual))
        {
            continue;
        }
        let mut figs = vec![fig(rt, year, 0)];
        figs[0].loc = loc(rt, None, Some(year.col));
        for row in rt
            .data
            .rows
            .iter()
            .filter(|r| parts.contains(&r.code.as_str()))
        {
            if let Some(v) = row
                .values
                .get(&Measure::Actual)
                .or_else(|| row.values.get(&Measure::Total))
            {
                figs.push(fig(rt, v, row.row));
            }
        }
        if let Some(parts) = sum(&figs) {
            compare(out, CheckId::FinalBalance, id, "total", parts, total, what);
        }
    }
}

/// The figure to compare `other` with: `usual`, or `alternative` where only that one agrees
/// with it (a table that prints the other of two totals a template may mean).
fn agreeing<'a>(
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
fn res_side_for<'a>(
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
fn basic_side_for<'a>(
    gbe: Option<&'a ReadTable>,
    other: Option<&(&ReadTable, Fig)>,
) -> Option<(&'a ReadTable, Fig)> {
    // Without a 基本支出 column there is nothing to compare.
    let basic = tot(gbe, "", Measure::Basic)?;
    agreeing(Some(basic), tot(gbe, "", Measure::Total), other)
}

/// Two figures from two tables that must agree.
struct Pair {
    a: TableId,
    fa: Fig,
    b: TableId,
    fb: Fig,
    code: String,
    what: &'static str,
}

fn cross_tables<'a>(tables: &'a [ReadTable], out: &mut Vec<Check>) {
    let find = |k: TableKind| tables.iter().find(|t| t.info.kind == k && !t.info.empty);
    let res = find(TableKind::RevenueExpenditureSummary);
    let rev = find(TableKind::RevenueSummary);
    let exp = find(TableKind::ExpenditureSummary);
    let fgs = find(TableKind::FiscalGrantSummary);
    let gbe = find(TableKind::GeneralBudgetExpenditure);
    let basic = find(TableKind::GeneralBudgetBasicExpenditure);
    let proj = find(TableKind::GeneralBudgetProjectExpenditure);

    let mut pairs: Vec<Pair> = Vec::new();
    let mut pair = |a: Option<(&ReadTable, Fig)>,
                    b: Option<(&ReadTable, Fig)>,
                    code: &str,
                    what: &'static str| {
        if let (Some((ta, fa)), Some((tb, fb))) = (a, b) {
            pairs.push(Pair {
                a: ta.info.id(),
                fa,
                b: tb.info.id(),
                fb,
                code: code.to_string(),
                what,
            });
        }
    };
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
    for (a, b, what) in totals {
        pair(a, b, "total", what);
    }
    // Each class in the 收支总表 against the 支出总表.
    if let (Some(res), Some(exp)) = (res, exp) {
        let detail = by_code(exp);
        for row in res
            .data
            .rows
            .iter()
            .filter(|r| r.scheme == Scheme::Function)
        {
            if let (Some(v), Some(e)) = (
                row.values.get(&printed_as(res, Measure::Total)),
                detail
                    .get(&row.code)
                    .and_then(|m| m.get(&printed_as(exp, Measure::Total))),
            ) {
                pair(
                    Some((exp, *e)),
                    Some((res, fig(res, v, row.row))),
                    &row.code,
                    "收支总表 class vs 支出总表",
                );
            }
        }
    }

    // A disagreement is charged to the table that disagrees with the most others; on a tie, to
    // the second table named (the more detailed one).
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

/// Expected tables that were not published, and a failed `missing_table` check for each.
pub fn missing_tables(
    tables: &[ReadTable],
    final_accounts: bool,
    region: Option<&str>,
) -> (Vec<TableId>, Vec<Check>) {
    let present: BTreeSet<TableKind> = tables.iter().map(|t| t.info.kind).collect();
    let template = crate::template::Template::recognise(&present, region);
    let missing: Vec<TableId> = template
        .expected(final_accounts)
        .into_iter()
        .filter(|k| !present.contains(k))
        .map(|k| k.id(final_accounts))
        .collect();
    let checks = missing
        .iter()
        .map(|id| Check {
            check: CheckId::MissingTable,
            status: CheckStatus::Fail,
            table: Some(*id),
            code: String::new(),
            expected: "published".into(),
            found: "absent".into(),
            detail: format!("the template's {id} table was not found in the document"),
            location: Location::default(),
        })
        .collect();
    (missing, checks)
}
