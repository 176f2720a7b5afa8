//! `name_mismatch`, `unknown_code`, `code_repaired`: each printed code and name against the code
//! table of the document's fiscal year.

use std::collections::BTreeSet;

use yusuan_model::{Check, CheckId, CheckStatus, Scheme};

use crate::codes::{Codes, InYear, NameMatch};
use crate::tables::data::Row;
use crate::tables::figures::loc;
use crate::tables::ReadTable;

/// A finding on one row's code or name.
struct Finding {
    check: CheckId,
    status: CheckStatus,
    expected: String,
    detail: String,
}

impl Finding {
    fn fail(check: CheckId, expected: String, detail: String) -> Finding {
        Finding {
            check,
            status: CheckStatus::Fail,
            expected,
            detail,
        }
    }
}

/// Names against codes, in the tables of the document's year.
pub(crate) fn names(rt: &ReadTable, codes: &Codes<'_>, out: &mut Vec<Check>) {
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
        for f in row_findings(row, codes) {
            out.push(Check {
                check: f.check,
                status: f.status,
                table: Some(id),
                code: row.code.clone(),
                expected: f.expected,
                found: row.name_published.clone(),
                detail: f.detail,
                location,
            });
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

/// What the code table of the year says of a row's code and printed name.
fn row_findings(row: &Row, codes: &Codes<'_>) -> Vec<Finding> {
    let (code, name) = (&row.code, &row.name_published);
    let year = codes.year();
    let year_or = |none: &str| year.map_or(none.to_string(), |y| y.to_string());
    let unknown = || {
        Finding::fail(
            CheckId::UnknownCode,
            String::new(),
            format!("code {code} ({name}) is not in the canonical code tables"),
        )
    };
    match codes.check_name(code, name) {
        NameMatch::Fits => vec![],
        NameMatch::Patterned { parent } => vec![Finding {
            check: CheckId::UnknownCode,
            status: CheckStatus::Note,
            expected: String::new(),
            detail: format!(
                "code {code} ({name}) is not in the code table, but {parent} ({}) is and the name is the classification's standard one for its number: a code newer than the table",
                codes.name(&parent)
            ),
        }],
        NameMatch::OtherYear { valid, years } => {
            let when = match years {
                (_, Some(to)) if year.is_none_or(|y| y > to) => format!("until {to} (a former name)"),
                (Some(from), _) => format!("from {from} on (a later name)"),
                _ => "of an earlier year (a former name)".to_string(),
            };
            let detail = format!(
                "code {code} is {valid} in {}, but is printed as {name}, its official name {when}",
                year_or("the current tables"),
            );
            vec![Finding {
                check: CheckId::NameMismatch,
                status: CheckStatus::Note,
                expected: valid,
                detail,
            }]
        }
        NameMatch::NotYet(change) => vec![Finding::fail(
            CheckId::UnknownCode,
            String::new(),
            format!(
                "code {code} ({name}) was added to the classification in {} ({}): it is not in the tables of {}",
                change.year,
                change.source,
                year_or("the document's year"),
            ),
        )],
        NameMatch::Removed(change) => vec![Finding::fail(
            CheckId::UnknownCode,
            change.name.clone(),
            format!(
                "code {code} ({name}) was removed from the classification in {} ({}): it is not in the tables of {}",
                change.year,
                change.source,
                year_or("the current year"),
            ),
        )],
        NameMatch::UnknownCode => vec![unknown()],
        NameMatch::Mismatch { belongs_to } => {
            let canonical = match codes.state(code) {
                InYear::Valid(name) => name,
                _ => codes.name(code).to_string(),
            };
            let detail = match &belongs_to {
                _ if canonical.is_empty() => format!(
                    "code {code} is not in the classification; its name {name} says the row is misnumbered"
                ),
                Some(other) => {
                    format!("code {code} is {canonical}, but is printed as {name}, the name of {other}")
                }
                None => format!("code {code} is {canonical}, but is printed as {name}"),
            };
            let mut out = Vec::new();
            if canonical.is_empty() {
                out.push(unknown());
            }
            out.push(Finding::fail(CheckId::NameMismatch, canonical, detail));
            out
        }
    }
}
