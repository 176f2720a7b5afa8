//! Helpers shared by the snapshot tests: reading a corpus file and printing a grid compactly.

#![allow(dead_code)]

use yusuan_extract::{extract, Limits};
use yusuan_model::{Document, Table};

/// Extract a file under `corpus/`.
pub fn read(path: &str) -> Document {
    let path = format!("{}/../../corpus/{path}", env!("CARGO_MANIFEST_DIR"));
    extract(&std::fs::read(&path).unwrap(), &Limits::default()).unwrap()
}

/// The grid as rows of `text@col [rowspan x colspan] p<page>`, compact enough to review.
pub fn grid(t: &Table) -> Vec<String> {
    let mut rows = vec![String::new(); t.n_rows];
    for c in &t.cells {
        let span = if c.row_span > 1 || c.col_span > 1 {
            format!(" [{}x{}]", c.row_span, c.col_span)
        } else {
            String::new()
        };
        let page = c.page.map(|p| format!(" p{p}")).unwrap_or_default();
        rows[c.row].push_str(&format!("{:?}@{}{span}{page} | ", c.text, c.col));
    }
    rows
}

/// The first table with a cell containing `needle`.
pub fn table_containing(doc: &Document, needle: &str) -> Table {
    doc.tables()
        .find(|t| t.cells.iter().any(|c| c.text.contains(needle)))
        .cloned()
        .unwrap()
}

/// Say that a test did not run, on the real stderr (past the test harness's capture), as a line
/// `SKIPPED: …` that CI counts in its closing line: "passed" never means "did not run".
#[allow(dead_code)]
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}
