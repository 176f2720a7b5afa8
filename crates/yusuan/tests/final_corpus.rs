//! The whole pipeline over the generated final accounts (部门决算) in `corpus/final`, compared with
//! `corpus/final/truth/<name>.json` (written by `scripts/gen_final_corpus.py` from its own data,
//! never from yusuan's output). Every .docx and its LibreOffice PDF twin.
//!
//! The truth is never bent to what the reader gives. Where the reader misses something printed
//! correctly, the difference is listed in `KNOWN_GAPS` (it is tolerated, but anything else fails),
//! and the recall reached is asserted as a floor so that it cannot regress.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{item_key, truth_table_of, Truth};
use yusuan::process_bytes;
use yusuan_model::{CheckStatus, FileStatus};

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
    let mut problems: Vec<String> = Vec::new();
    let mut tolerated: Vec<String> = Vec::new();
    let mut found_total = 0usize;
    let mut truth_total = 0usize;
    let mut per_doc: Vec<String> = Vec::new();
    for (file, truth) in &cases {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{folder}/{stem}");
        let mut report = |p: String| {
            if known_gap(&stem, &p) {
                tolerated.push(p);
            } else {
                problems.push(p);
            }
        };
        assert_eq!(truth.doc_kind, "final_accounts", "{name}");
        let bytes = std::fs::read(file).unwrap();
        let outcome = process_bytes(&bytes, &name, folder);
        if outcome.status != FileStatus::Ok {
            report(format!(
                "{name}: status {:?}: {:?}",
                outcome.status, outcome.error
            ));
            truth_total += truth.items.len();
            continue;
        }
        let d = outcome.disclosure.as_ref().unwrap();
        let mut want: BTreeMap<String, usize> = BTreeMap::new();
        for it in &truth.items {
            *want.entry(it.key()).or_default() += 1;
        }
        let mut got: BTreeMap<String, usize> = BTreeMap::new();
        for li in &d.line_items {
            *got.entry(item_key(li)).or_default() += 1;
        }
        let mut found = 0usize;
        for (k, n) in &want {
            let g = got.get(k).copied().unwrap_or(0);
            found += g.min(*n);
            if g < *n {
                report(format!("{name}: missing {k}"));
            }
        }
        for (k, n) in &got {
            if want.get(k).copied().unwrap_or(0) < *n {
                report(format!("{name}: extra {k}"));
            }
        }
        found_total += found;
        truth_total += truth.items.len();
        per_doc.push(format!("{name}: {found}/{}", truth.items.len()));
        let mut want_checks: Vec<String> = truth
            .failing_checks
            .iter()
            .filter(|c| CHECKS_RUN.contains(&c.check.as_str()))
            .map(|c| format!("{}/{}/{}", c.check, c.table, c.code))
            .collect();
        let mut got_checks: Vec<String> = d
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail && CHECKS_RUN.contains(&c.check.as_str()))
            .map(|c| format!("{}/{}/{}", c.check, truth_table_of(c), c.code))
            .collect();
        want_checks.sort();
        want_checks.dedup();
        got_checks.sort();
        got_checks.dedup();
        if want_checks != got_checks {
            report(format!(
                "{name}: failing checks {got_checks:?}, truth {want_checks:?}"
            ));
        }
        // the 决算 balance is checked on both two-sided summaries, and holds
        let balance: Vec<_> = d
            .checks
            .iter()
            .filter(|c| c.check.as_str() == "final_balance")
            .collect();
        if balance.len() < 3 {
            report(format!(
                "{name}: {} final_balance checks, expected 3 (两张总表, income and expenditure sides of 收入支出决算总表)",
                balance.len()
            ));
        }
        let m = &d.meta;
        let meta = [
            (
                "fiscal_year",
                m.fiscal_year.map(|y| y.to_string()),
                truth.fiscal_year.to_string(),
            ),
            ("unit", m.unit.clone(), truth.unit.clone()),
            ("department", m.department.clone(), truth.department.clone()),
            (
                "doc_kind",
                m.doc_kind.map(|k| k.as_str().to_string()),
                truth.doc_kind.clone(),
            ),
            (
                "scope",
                m.scope.map(|s| s.as_str().to_string()),
                truth.scope.clone(),
            ),
            ("region", m.region.clone(), truth.region.clone()),
        ];
        for (what, got, want) in meta {
            if got.as_deref() != Some(want.as_str()) {
                report(format!("{name}: {what} {got:?}, truth {want}"));
            }
        }
        let mut missing: Vec<String> = d.tables_missing.iter().map(|t| t.to_string()).collect();
        missing.sort();
        let mut want_missing = truth.tables_missing.clone();
        want_missing.sort();
        if missing != want_missing {
            report(format!(
                "{name}: tables_missing {missing:?}, truth {want_missing:?}"
            ));
        }
    }
    eprintln!(
        "final corpus, {folder}: {found_total}/{truth_total} truth items found\n  {}\n  known gaps still open ({}):\n    {}",
        per_doc.join("\n  "),
        tolerated.len(),
        tolerated.join("\n    ")
    );
    assert!(
        problems.is_empty(),
        "{} problems over {} documents ({found_total}/{truth_total} truth items found):\n{}",
        problems.len(),
        cases.len(),
        problems
            .iter()
            .take(80)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    let floor = RECALL_PERMILLE
        .iter()
        .find(|(f, _)| *f == folder)
        .map_or(1000, |(_, n)| *n);
    assert!(
        found_total * 1000 >= truth_total * floor,
        "recall {found_total}/{truth_total} fell below {floor}‰"
    );
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
