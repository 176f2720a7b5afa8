//! `narrative_mismatch`: every figure of the explanation against the tables that print what its
//! subject names ([`resolve`](crate::checks::resolve)), within one unit of the narrative's last
//! printed digit, and against its own arithmetic: the share against amount ÷ the section's total
//! (within 0.1 point a `note`, shares nudged so that they add up to 100%), the change % against
//! change ÷ last year's figure.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus, Location, TableId};

use crate::checks::resolve::resolve;
use crate::codes::Codes;
use crate::narrative::Fact;
use crate::tables::figures::Fig;
use crate::tables::ReadTable;
use crate::tolerances::{NUDGE_POINTS, SHARES_ADD_UP_POINTS};

/// The table of the figure a narrative finding was compared with.
pub(crate) type At = Option<TableId>;

pub(crate) fn check(
    fact: &Fact,
    code: &str,
    status: CheckStatus,
    expected: Decimal,
    found: Decimal,
    detail: String,
    at: At,
) -> Check {
    Check {
        check: CheckId::NarrativeMismatch,
        status,
        table: at,
        code: code.to_string(),
        expected: expected.to_string(),
        found: found.to_string(),
        detail: format!("{detail} (“{}”, {})", fact.sentence, fact.heading),
        // A narrative finding points at its sentence's page; `table` names the table compared.
        location: Location {
            page: fact.page,
            ..Location::default()
        },
    }
}

/// A fact's share with what it should be: (the lead fact's index, the share printed, amount ÷
/// the lead's amount in percent, the rounding both figures allow).
pub(crate) fn share_of(fact: &Fact, facts: &[Fact]) -> Option<(usize, Decimal, Decimal, Decimal)> {
    let hundred = Decimal::from(100);
    let share = fact.share?;
    let i = fact.lead?;
    let lead = facts.get(i)?;
    let total = lead.amount_yuan().filter(|t| !t.is_zero())?;
    let amount = fact.amount_yuan()?;
    let exact = amount / total * hundred;
    let rounding = share.half_ulp()
        + (fact.amount_tolerance() / total + amount * lead.amount_tolerance() / (total * total))
            * hundred;
    Some((i, share.value, exact, rounding))
}

/// Grade a percentage against its exact value: pass within rounding, note within 0.1 point
/// (nudged to add up), fail beyond.
pub(crate) fn grade(printed: Decimal, exact: Decimal, rounding: Decimal) -> CheckStatus {
    let diff = (printed - exact).abs();
    if diff <= rounding {
        CheckStatus::Pass
    } else if diff <= rounding + NUDGE_POINTS {
        CheckStatus::Note
    } else {
        CheckStatus::Fail
    }
}

/// Check every fact against the tables and its own arithmetic.
pub(crate) fn check_facts(facts: &[Fact], tables: &[ReadTable], codes: &Codes<'_>) -> Vec<Check> {
    let share_sums = share_sums(facts);
    let mut out = Vec::new();
    for fact in facts {
        let Some(amount) = fact.amount_yuan() else {
            continue;
        };
        let resolved = resolve(fact, tables, codes);
        let label = resolved
            .as_ref()
            .map(|(l, _)| l.clone())
            .unwrap_or_else(|| fact.subject.clone());
        // The table the fact's own arithmetic is reported against: the one whose figure it
        // agrees with, else the first.
        let compared: At = resolved.as_ref().and_then(|(_, figs)| {
            let f = figs
                .iter()
                .find(|f| agrees(fact, amount, f))
                .or(figs.first())?;
            table_of(tables, f)
        });
        if let Some((_, figs)) = &resolved {
            out.push(amount_check(fact, &label, amount, figs, tables));
        }
        out.extend(share_check(
            fact,
            facts,
            &share_sums,
            &label,
            amount,
            compared,
        ));
        out.extend(change_check(fact, &label, amount, compared));
    }
    out
}

/// The table a figure is printed in.
fn table_of(tables: &[ReadTable], f: &Fig) -> At {
    tables
        .iter()
        .find(|t| Some(t.info.table_no) == f.loc.table_no)
        .map(|t| t.info.id())
}

/// Whether a narrative amount agrees with a table's figure, within both roundings.
fn agrees(fact: &Fact, amount: Decimal, f: &Fig) -> bool {
    (amount - f.yuan).abs() <= fact.amount_tolerance() + f.tolerance
}

/// The shares stated of one total add up to 100% when they were nudged for rounding; when
/// they do not, a share off by a little is an error, not a nudge. (Shares far off are errors
/// of their own and are left out of the sum.) Per lead fact, the sum of its shares.
fn share_sums(facts: &[Fact]) -> HashMap<usize, Decimal> {
    let mut sums: HashMap<usize, Decimal> = HashMap::new();
    for f in facts {
        if let Some((lead, share, exact, rounding)) = share_of(f, facts) {
            if grade(share, exact, rounding) != CheckStatus::Fail {
                *sums.entry(lead).or_default() += share;
            }
        }
    }
    sums
}

/// The amount against the figures the subject names: it passes when it agrees with any.
fn amount_check(
    fact: &Fact,
    label: &str,
    amount: Decimal,
    figs: &[Fig],
    tables: &[ReadTable],
) -> Check {
    let (status, table) = match figs.iter().find(|f| agrees(fact, amount, f)) {
        Some(f) => (CheckStatus::Pass, f),
        None => (CheckStatus::Fail, &figs[0]),
    };
    check(
        fact,
        label,
        status,
        table.yuan,
        amount,
        format!(
            "the narrative gives {amount} 元, the tables {} 元",
            table.yuan
        ),
        table_of(tables, table),
    )
}

/// The share stated against amount ÷ the section's total.
fn share_check(
    fact: &Fact,
    facts: &[Fact],
    share_sums: &HashMap<usize, Decimal>,
    label: &str,
    amount: Decimal,
    compared: At,
) -> Option<Check> {
    let share = fact.share?;
    let lead = fact.lead.and_then(|i| facts.get(i))?;
    let total = lead.amount_yuan().filter(|t| !t.is_zero())?;
    let (_, _, exact, rounding) = share_of(fact, facts)?;
    let mut status = grade(share.value, exact, rounding);
    let sum = fact.lead.and_then(|l| share_sums.get(&l)).copied();
    let nudged = sum.is_some_and(|s| (s - Decimal::ONE_HUNDRED).abs() <= SHARES_ADD_UP_POINTS);
    if status == CheckStatus::Note && !nudged {
        status = CheckStatus::Fail;
    }
    let exact = exact.round_dp(4);
    let sums_to = match sum {
        Some(s) if status == CheckStatus::Fail => format!(" (the shares stated add up to {s}%)"),
        _ => String::new(),
    };
    Some(check(
        fact,
        label,
        status,
        exact,
        share.value,
        format!(
            "a share of {}% is stated; {amount} of {total} is {exact}%{sums_to}",
            share.value
        ),
        compared,
    ))
}

/// The change % stated against change ÷ last year's figure. The figure is this year's, so last
/// year's is the figure less the change; a sentence that states last year's figure in brackets
/// (（2016年度部门支出预算安排为8,648.07万元）) may have given that one instead.
fn change_check(fact: &Fact, label: &str, amount: Decimal, compared: At) -> Option<Check> {
    let ((change, unit), pct) = (fact.change.as_ref()?, fact.change_pct?);
    let c = unit.to_yuan(change.value);
    let mut bases = vec![amount - c];
    if states_last_year_in_brackets(&fact.sentence) {
        bases.push(amount);
    }
    let graded: Vec<(Decimal, Decimal, CheckStatus)> = bases
        .into_iter()
        .filter(|b| !b.is_zero())
        .map(|base| {
            let exact = c / base * Decimal::ONE_HUNDRED;
            let hc = change.half_ulp() * unit.factor;
            let rounding = pct.half_ulp()
                + (hc / base.abs() + c.abs() * (fact.amount_tolerance() + hc) / (base * base))
                    * Decimal::ONE_HUNDRED;
            (base, exact, grade(pct.value, exact, rounding))
        })
        .collect();
    let &(base, exact, status) = graded
        .iter()
        .find(|g| g.2 == CheckStatus::Pass)
        .or_else(|| graded.iter().find(|g| g.2 == CheckStatus::Note))
        .or(graded.first())?;
    let exact = exact.round_dp(4);
    Some(check(
        fact,
        label,
        status,
        exact,
        pct.value,
        format!(
            "a change of {}% is stated; {c} on last year's {base} is {exact}%",
            pct.value
        ),
        compared,
    ))
}

/// Whether a sentence states last year's figure in brackets (`（2016年度部门支出预算安排为
/// 8,648.07万元）`, `（上年为…）`).
pub(crate) fn states_last_year_in_brackets(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[（(][^）)]*(上年|\d{4}\s*年)[^）)]*为\s*[\d,，.]+\s*万?元\s*[）)]")
            .expect("valid regex")
    })
    .is_match(sentence)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn last_year_in_brackets() {
        assert!(states_last_year_in_brackets(
            "2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。"
        ));
        assert!(!states_last_year_in_brackets(
            "一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.06%。"
        ));
    }

    #[test]
    fn nudged_shares_are_notes() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(
            grade(d("3.64"), d("3.6342"), d("0.0055")),
            CheckStatus::Note
        );
        assert_eq!(
            grade(d("38.26"), d("59.1876"), d("0.0055")),
            CheckStatus::Fail
        );
        assert_eq!(
            grade(d("40.81"), d("40.8127"), d("0.0055")),
            CheckStatus::Pass
        );
    }
}
