//! `missing_table`: the tables the document's template expects for its kind were published.

use std::collections::BTreeSet;

use yusuan_model::{Check, CheckId, CheckStatus, Location, TableId, TableKind};

use crate::tables::ReadTable;

/// Expected tables that were not published, and a failed `missing_table` check for each.
pub(crate) fn missing_tables(
    tables: &[ReadTable],
    final_accounts: bool,
    region: Option<&str>,
) -> (Vec<TableId>, Vec<Check>) {
    let present: BTreeSet<TableKind> = tables.iter().map(|t| t.info.kind).collect();
    let template = crate::segment::template::Template::recognise(&present, region);
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
