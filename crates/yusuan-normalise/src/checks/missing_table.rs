//! `missing_table`: the tables the document's template expects for its kind were published.

use std::collections::BTreeSet;

use yusuan_model::{Check, CheckId, CheckStatus, Location, TableId, TableKind};

use crate::tables::ReadTable;

/// Expected tables that were not published, and a failed `missing_table` check for each. Each
/// points at where the table would have been printed: beside the nearest table of the template
/// that is printed, in the template's order (its page and grid).
pub(crate) fn missing_tables(
    tables: &[ReadTable],
    final_accounts: bool,
    region: Option<&str>,
) -> (Vec<TableId>, Vec<Check>) {
    let present: BTreeSet<TableKind> = tables.iter().map(|t| t.info.kind).collect();
    let template = crate::segment::template::Template::recognise(&present, region);
    let expected = template.expected(final_accounts);
    let printed = |k: &TableKind| tables.iter().find(|t| t.info.kind == *k);
    let mut missing = Vec::new();
    let mut checks = Vec::new();
    for (i, kind) in expected.iter().enumerate() {
        if present.contains(kind) {
            continue;
        }
        let id = kind.id(final_accounts);
        let after = expected[..i].iter().rev().find_map(printed);
        let before = expected[i + 1..].iter().find_map(printed);
        let (location, place) = match (after, before) {
            (Some(t), _) => (
                at(t),
                format!("; it would follow the {} table", t.info.id()),
            ),
            (None, Some(t)) => (
                at(t),
                format!("; it would precede the {} table", t.info.id()),
            ),
            (None, None) => (Location::default(), String::new()),
        };
        missing.push(id);
        checks.push(Check {
            check: CheckId::MissingTable,
            status: CheckStatus::Fail,
            table: Some(id),
            code: String::new(),
            expected: "published".into(),
            found: "absent".into(),
            detail: format!("the template's {id} table was not found in the document{place}"),
            location,
        });
    }
    (missing, checks)
}

/// Where a printed table is: its page and grid.
fn at(t: &ReadTable) -> Location {
    Location {
        page: t.info.page,
        table_no: Some(t.info.table_no),
        row: None,
        col: None,
    }
}
