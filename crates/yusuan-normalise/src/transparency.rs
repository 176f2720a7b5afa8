//! A transparency score from 0 to 100 per document, from a published rubric (README,
//! "Transparency score"), with every point lost traceable to the findings that cost it.
//!
//! | part | points | what earns them |
//! |---|---|---|
//! | tables | 30 | the template's expected tables published (in proportion) |
//! | sections | 20 | the required sections present (主要职能, 机构设置, 名词解释, 机关运行经费, 政府采购, 国有资产, 绩效, 三公), 2.5 each |
//! | three_public | 10 | the 三公 table published with its parts (出国, 公务用车, 接待), or empty with a note |
//! | performance | 10 | performance targets (a budget's 绩效目标表) or a performance section (a 决算's 绩效评价) |
//! | consistency | 30 | less, per failed check: arithmetic 3, narrative, change and year-on-year 2, reader's findings 2, names, codes, contents and % signs 1 |
//!
//! Grades: A ≥ 90, B ≥ 80, C ≥ 70, D below. The weights are the constants below, in one place.

use crate::segment::template::Template;
use rust_decimal::Decimal;
use yusuan_model::{
    Check, CheckId, CheckStatus, Deduction, Disclosure, DocKind, Measure, TableKind, Transparency,
};

/// Points for the expected tables.
const TABLES: i64 = 30;
/// Points for the required sections (eight of them).
const SECTIONS: i64 = 20;
/// Points for the 三公 table.
const THREE_PUBLIC: i64 = 10;
/// Points for performance information.
const PERFORMANCE: i64 = 10;
/// Points for internal consistency.
const CONSISTENCY: i64 = 30;
/// The required sections the findings check.
const N_SECTIONS: i64 = 8;

/// What one failed check costs from the consistency points.
fn cost(check: CheckId) -> i64 {
    match check {
        CheckId::Rollup | CheckId::RowIdentity | CheckId::CrossTable | CheckId::FinalBalance => 3,
        CheckId::NarrativeMismatch
        | CheckId::NarrativeLogic
        | CheckId::ChangeRate
        | CheckId::ProcurementSum
        | CheckId::YearOnYear => 2,
        CheckId::TemplateResidue | CheckId::YearMismatch | CheckId::EmptyTableNote => 2,
        CheckId::TocMismatch | CheckId::DepartmentName | CheckId::PercentFormat => 1,
        CheckId::NameMismatch | CheckId::UnknownCode => 1,
        CheckId::CodeRepaired | CheckId::MissingTable | CheckId::MissingSection => 0,
    }
}

/// The grade of a score.
fn grade(score: Decimal) -> &'static str {
    if score >= Decimal::from(90) {
        "A"
    } else if score >= Decimal::from(80) {
        "B"
    } else if score >= Decimal::from(70) {
        "C"
    } else {
        "D"
    }
}

/// The deductions of one part of the rubric.
type Deductions = Vec<Deduction>;

fn lose(out: &mut Deductions, part: &str, points: Decimal, reason: String) {
    if !points.is_zero() {
        out.push(Deduction {
            part: part.to_string(),
            points: points.round_dp(2),
            reason,
        });
    }
}

/// The checks of one id that did not pass.
fn not_passed(d: &Disclosure, id: CheckId) -> impl Iterator<Item = &Check> {
    d.checks
        .iter()
        .filter(move |c| c.check == id && c.status != CheckStatus::Pass)
}

/// Score a document read in full.
pub fn score(d: &Disclosure) -> Transparency {
    let mut deductions: Deductions = Vec::new();
    tables(d, &mut deductions);
    sections(d, &mut deductions);
    three_public(d, &mut deductions);
    performance(d, &mut deductions);
    consistency(d, &mut deductions);
    let total = Decimal::from(TABLES + SECTIONS + THREE_PUBLIC + PERFORMANCE + CONSISTENCY);
    let lost: Decimal = deductions.iter().map(|x| x.points).sum();
    let score = (total - lost).max(Decimal::ZERO).round_dp(1);
    Transparency {
        score,
        grade: grade(score).to_string(),
        deductions,
    }
}

/// Tables: in proportion to the expected tables published.
fn tables(d: &Disclosure, out: &mut Deductions) {
    let missing = d.tables_missing.len() as i64;
    // The tables the document's template expects that it publishes.
    let kinds: std::collections::BTreeSet<TableKind> = d.tables.iter().map(|t| t.kind).collect();
    let template = Template::recognise(&kinds, d.meta.region.as_deref());
    let final_accounts = d.meta.doc_kind == Some(DocKind::FinalAccounts);
    let present = template
        .expected(final_accounts)
        .iter()
        .filter(|k| kinds.contains(k))
        .count() as i64;
    let expected = (present + missing).max(1);
    for t in &d.tables_missing {
        lose(
            out,
            "tables",
            Decimal::from(TABLES) / Decimal::from(expected),
            format!("missing_table: {t}"),
        );
    }
}

/// Sections: 2.5 points each.
fn sections(d: &Disclosure, out: &mut Deductions) {
    for c in not_passed(d, CheckId::MissingSection) {
        lose(
            out,
            "sections",
            Decimal::from(SECTIONS) / Decimal::from(N_SECTIONS),
            format!("missing_section: {}", c.code),
        );
    }
}

/// 三公: the table with its parts, or empty with a note.
fn three_public(d: &Disclosure, out: &mut Deductions) {
    let three = d.tables.iter().find(|t| t.kind == TableKind::ThreePublic);
    let parts = d
        .line_items
        .iter()
        .filter(|i| i.table.kind == TableKind::ThreePublic)
        .filter_map(|i| {
            i.measure
                .three_public_part()
                .map(|(p, _)| p)
                .or(Some(i.measure))
        })
        .filter(|m| {
            matches!(
                m,
                Measure::OverseasTravel
                    | Measure::Vehicles
                    | Measure::VehiclePurchase
                    | Measure::VehicleOperation
                    | Measure::Reception
            )
        })
        .count();
    let half = Decimal::from(THREE_PUBLIC / 2);
    match three {
        None => lose(
            out,
            "three_public",
            Decimal::from(THREE_PUBLIC),
            "no 三公 table".into(),
        ),
        Some(t) if t.empty => {
            if d.checks.iter().any(|c| {
                c.check == CheckId::EmptyTableNote
                    && c.status == CheckStatus::Fail
                    && c.table == Some(t.id())
            }) {
                let reason = "the 三公 table is empty without a note";
                lose(out, "three_public", half, reason.into());
            }
        }
        Some(_) if parts == 0 => {
            let reason = "the 三公 table prints a total but none of its parts";
            lose(out, "three_public", half, reason.into());
        }
        Some(_) => {}
    }
}

/// Performance information: targets (a budget) or a performance section.
fn performance(d: &Disclosure, out: &mut Deductions) {
    let has_section = !not_passed(d, CheckId::MissingSection).any(|c| c.code == "绩效");
    let has_performance = match d.meta.doc_kind {
        Some(DocKind::Budget) => !d.performance_targets.is_empty() || has_section,
        _ => has_section,
    };
    if !has_performance {
        lose(
            out,
            "performance",
            Decimal::from(PERFORMANCE),
            "no performance targets or performance section".into(),
        );
    }
}

/// Consistency: each failed check costs by its kind, down to 0.
fn consistency(d: &Disclosure, out: &mut Deductions) {
    let mut spent = 0i64;
    for c in d.checks.iter().filter(|c| c.status == CheckStatus::Fail) {
        let points = cost(c.check).min(CONSISTENCY - spent);
        if points > 0 {
            spent += points;
            let at = c.table.map(|t| t.to_string()).unwrap_or_default();
            let reason = format!("{}: {at} {}", c.check, c.code);
            lose(
                out,
                "consistency",
                Decimal::from(points),
                reason.trim_end().to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_and_weights() {
        assert_eq!(grade(Decimal::from(95)), "A");
        assert_eq!(grade(Decimal::from(80)), "B");
        assert_eq!(grade(Decimal::new(699, 1)), "D");
        assert_eq!(
            TABLES + SECTIONS + THREE_PUBLIC + PERFORMANCE + CONSISTENCY,
            100
        );
        // A document of unknown kind with no 三公 table loses those 10 points and nothing else.
        let t = score(&Disclosure::default());
        assert_eq!(t.score, Decimal::from(90));
        assert_eq!(t.deductions.len(), 1);
        assert_eq!(t.deductions[0].part, "three_public");
    }
}
