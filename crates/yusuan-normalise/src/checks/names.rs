//! `name_mismatch`, `unknown_code`, `code_repaired`: each printed code and name against the code
//! table of the document's fiscal year.

use std::collections::BTreeSet;

use yusuan_model::{Check, CheckId, CheckStatus, Scheme};

use crate::tables::figures::loc;

use crate::codes::{book, InYear, NameMatch};
use crate::tables::ReadTable;

/// Names against codes, in the tables of the document's year.
pub(crate) fn names(rt: &ReadTable, year: Option<i32>, out: &mut Vec<Check>) {
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
