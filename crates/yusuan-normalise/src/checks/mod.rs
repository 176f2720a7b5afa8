//! Phase 4: the checks a careful reader makes, one module per family, run over every table of
//! one document and its narrative.
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

pub(crate) mod compare;
pub(crate) mod cross_table;
pub(crate) mod final_balance;
pub(crate) mod missing_table;
pub(crate) mod names;
pub(crate) mod narrative;
pub(crate) mod resolve;
pub(crate) mod rollup;
pub(crate) mod row_identity;

use yusuan_model::{Check, DocKind, DocMeta, Document, TableId, TableKind};

use crate::codes::Codes;
use crate::narrative::Fact;
use crate::tables::ReadTable;

/// What the checks give: every check, and the expected tables that were not published.
pub(crate) struct Checked {
    pub(crate) checks: Vec<Check>,
    pub(crate) tables_missing: Vec<TableId>,
}

/// Run every check family over one document: the tables' own (names, rollups, row identities),
/// between tables, the 决算 balance, the narrative's figures, the expected tables, and the
/// findings in the words.
pub(crate) fn run(
    doc: &Document,
    meta: &DocMeta,
    tables: &[ReadTable],
    facts: &[Fact],
    codes: &Codes<'_>,
) -> Checked {
    let mut out = Vec::new();
    for rt in tables {
        if rt.info.kind == TableKind::PerformanceTargets {
            continue;
        }
        names::names(rt, codes, &mut out);
        rollup::rollups(rt, &mut out);
        row_identity::row_identities(rt, &mut out);
    }
    cross_table::cross_tables(tables, &mut out);
    for rt in tables.iter().filter(|t| {
        t.info.final_accounts
            && matches!(
                t.info.kind,
                TableKind::RevenueExpenditureSummary | TableKind::FiscalGrantSummary
            )
    }) {
        final_balance::final_balance(rt, &mut out);
    }
    out.extend(narrative::check_facts(facts, tables, codes));
    let final_doc = meta.doc_kind == Some(DocKind::FinalAccounts);
    let (tables_missing, missing) =
        missing_table::missing_tables(tables, final_doc, meta.region.as_deref());
    out.extend(missing);
    out.extend(crate::findings::run(doc, meta, tables, facts, codes));
    Checked {
        checks: out,
        tables_missing,
    }
}
