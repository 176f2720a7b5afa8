//! What was read, indexed for comparison: each printed figure with its value in 元, the rounding
//! its printed digits allow, and where it is printed; per table, the figure of every code and
//! measure, and the table's totals.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use yusuan_model::{Location, Measure, Scheme};

use crate::tables::data::{year_side, Role, Value};
use crate::tables::ReadTable;

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
pub(crate) fn tolerance(rt: &ReadTable) -> Decimal {
    let half = rt.unit.half_ulp_yuan(rt.data.scale);
    if rt.unit.factor > Decimal::ONE {
        half
    } else {
        half.min(crate::tolerances::YUAN_ROUNDING)
    }
}

pub(crate) fn loc(rt: &ReadTable, row: Option<usize>, col: Option<usize>) -> Location {
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

/// Per code, per measure: the figure (a project table sums its projects under one code).
/// Per code, per measure: the figure.
pub(crate) type CodeFigures = BTreeMap<String, BTreeMap<Measure, Fig>>;

/// Per code, per measure: the figure (a project table sums its projects under one code).
pub(crate) fn by_code(rt: &ReadTable) -> &CodeFigures {
    rt.figures.get_or_init(|| code_figures(rt))
}

pub(crate) fn code_figures(rt: &ReadTable) -> CodeFigures {
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

pub(crate) fn tot<'a>(
    rt: Option<&'a ReadTable>,
    side: &str,
    m: Measure,
) -> Option<(&'a ReadTable, Fig)> {
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
pub(crate) fn printed_as(rt: &ReadTable, measure: Measure) -> Measure {
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
