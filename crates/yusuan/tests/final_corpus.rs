//! The whole pipeline over the generated final accounts (部门决算) in `corpus/final`, compared with
//! `corpus/final/truth/<name>.json` (written by `scripts/gen_final_corpus.py` from its own data,
//! never from yusuan's output). Every .docx and its LibreOffice PDF twin.
//!
//! The truth is never bent to what the reader gives. Where the reader misses something printed
//! correctly, the difference is listed in `KNOWN_GAPS` (it is tolerated, but anything else fails),
//! and the recall reached is asserted as a floor so that it cannot regress.

mod common;

use std::path::PathBuf;

use common::{Tally, Truth};
use yusuan::process_bytes;
use yusuan_model::FileStatus;

/// Checks compared with the truth's `failing_checks`; `missing_table` is compared through
/// `tables_missing`.
const CHECKS_RUN: &[&str] = &[
    "rollup",
    "row_identity",
    "cross_table",
    "final_balance",
    "name_mismatch",
    "unknown_code",
    "narrative_mismatch",
];

/// Differences from the truth that are the reader's known gaps: (document stem prefix, text the
/// problem line contains, what is printed). Each is a reader bug, not a truth to change.
const KNOWN_GAPS: &[(&str, &str, &str)] = &[];

/// Recall floors (truth items found, per thousand), measured when the corpus was written.
const RECALL_PERMILLE: &[(&str, usize)] = &[("docx", 1000), ("pdf", 1000)];

fn final_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/final")
}

/// Every truth file, with the document it describes in `folder` (`docx`, `pdf`).
fn cases(folder: &str) -> Vec<(PathBuf, Truth)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(final_corpus().join("truth")).expect("corpus/final/truth exists")
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let truth: Truth = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let file = final_corpus().join(folder).join(format!("{stem}.{folder}"));
            assert!(file.exists(), "{} has no {folder} twin", path.display());
            out.push((file, truth));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn known_gap(stem: &str, problem: &str) -> bool {
    KNOWN_GAPS
        .iter()
        .any(|(doc, text, _)| stem.starts_with(doc) && problem.contains(text))
}

fn compare_folder(folder: &str) {
    let cases = cases(folder);
    assert!(
        cases.len() >= 12,
        "expected at least 12 documents in corpus/final/{folder}, found {}",
        cases.len()
    );
    let mut tally = Tally::default();
    for (file, truth) in &cases {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{folder}/{stem}");
        let gap = |p: &str| known_gap(&stem, p);
        assert_eq!(truth.doc_kind, "final_accounts", "{name}");
        let bytes = std::fs::read(file).unwrap();
        let outcome = process_bytes(&bytes, &name, folder);
        let d = match &outcome.disclosure {
            Some(d) if outcome.status == FileStatus::Ok => d,
            _ => {
                let why = format!("status {:?}: {:?}", outcome.status, outcome.error);
                tally.unread(&name, truth, why, &gap);
                continue;
            }
        };
        tally.document(&name, d, truth, CHECKS_RUN, &gap);
        // the 决算 balance is checked on both two-sided summaries, and holds
        let balance = d
            .checks
            .iter()
            .filter(|c| c.check.as_str() == "final_balance")
            .count();
        if balance < 3 {
            let p = format!(
                "{name}: {balance} final_balance checks, expected 3 (两张总表, income and expenditure sides of 收入支出决算总表)"
            );
            tally.add(p.clone(), gap(&p));
        }
    }
    let floor = RECALL_PERMILLE
        .iter()
        .find(|(f, _)| *f == folder)
        .map_or(1000, |(_, n)| *n);
    tally.finish(&format!("final corpus, {folder}"), cases.len(), floor);
}

#[test]
fn every_final_docx_matches_its_truth() {
    compare_folder("docx");
}

/// The same documents converted to PDF by LibreOffice.
#[test]
fn every_final_libreoffice_pdf_matches_its_truth() {
    compare_folder("pdf");
}
