//! `final_balance`: a 决算's 收入 + 年初结转 = 支出 + 结余分配 + 年末结转, on each two-sided
//! summary.

use yusuan_model::{Check, CheckId, Measure};

use crate::checks::compare::compare;
use crate::tables::data::year_side;
use crate::tables::figures::{fig, grand_total, loc, sum};
use crate::tables::ReadTable;

/// The 决算 balance on each side of the two-sided summaries: 本年收入合计 + 年初结转和结余
/// (+ 使用非财政拨款结余) = 收入总计, and 本年支出合计 + 结余分配 + 年末结转和结余 = 支出总计.
pub(crate) fn final_balance(rt: &ReadTable, out: &mut Vec<Check>) {
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
