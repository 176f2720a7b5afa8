//! The whole pipeline over the generated regional templates in `corpus/regional` (Jiangsu-like
//! provincial department budgets, university-like budgets and 决算), compared with
//! `corpus/regional/truth/<name>.json` (written by `scripts/gen_regional_corpus.py` from its own
//! figures, never from yusuan's output). Every .docx, its LibreOffice PDF twin, and the .doc and
//! .xlsx twins where the generator wrote one.
//!
//! The truth is never bent to what the reader gives. Where the reader misses something printed
//! correctly, the difference is listed in `KNOWN_GAPS` (it is tolerated, but anything else fails),
//! and the recall reached is asserted as a floor so that it cannot regress.

mod common;

use std::path::PathBuf;

use common::{Tally, Truth};
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

/// Differences from the truth that are the reader's known gaps: (document stem prefix, the texts
/// the problem line contains in this order, separated by `*`, what is printed and why it is
/// missed). Each is a reader bug, not a truth to change.
const KNOWN_GAPS: &[(&str, &str, &str)] = &[];

/// Recall floors (truth items found, per thousand), measured when the corpus was written.
const RECALL_PERMILLE: &[(&str, usize)] =
    &[("docx", 1000), ("pdf", 1000), ("doc", 1000), ("xlsx", 1000)];

fn regional_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/regional")
}

/// Every truth file with its document in `folder` (`docx`, `pdf`, `doc`, `xlsx`); for `doc` and
/// `xlsx` only the documents that have such a twin.
fn cases(folder: &str) -> Vec<(PathBuf, Truth)> {
    let mut out = Vec::new();
    let dir = regional_corpus().join("truth");
    for entry in std::fs::read_dir(&dir).expect("corpus/regional/truth exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let truth: Truth = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let file = regional_corpus()
                .join(folder)
                .join(format!("{stem}.{folder}"));
            if matches!(folder, "docx" | "pdf") {
                assert!(file.exists(), "{} has no {folder} twin", path.display());
            }
            if file.exists() {
                out.push((file, truth));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn known_gap(stem: &str, problem: &str) -> bool {
    KNOWN_GAPS.iter().any(|(doc, text, _)| {
        stem.starts_with(doc) && {
            let mut rest = problem;
            text.split('*').all(|part| match rest.find(part) {
                Some(i) => {
                    rest = &rest[i + part.len()..];
                    true
                }
                None => false,
            })
        }
    })
}

fn compare_folder(folder: &str, at_least: usize) {
    let cases = cases(folder);
    assert!(
        cases.len() >= at_least,
        "expected at least {at_least} documents in corpus/regional/{folder}, found {}",
        cases.len()
    );
    let mut tally = Tally::default();
    for (file, truth) in &cases {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{folder}/{stem}.{folder}");
        let gap = |p: &str| known_gap(&stem, p);
        let bytes = std::fs::read(file).unwrap();
        let outcome = process_bytes(&bytes, &name, folder);
        match &outcome.disclosure {
            Some(d) if outcome.status == FileStatus::Ok => {
                tally.document(&name, d, truth, CHECKS_RUN, &gap)
            }
            _ => tally.unread(
                &name,
                truth,
                format!("status {:?}: {:?}", outcome.status, outcome.error),
                &gap,
            ),
        }
    }
    let floor = RECALL_PERMILLE
        .iter()
        .find(|(f, _)| *f == folder)
        .map_or(1000, |(_, n)| *n);
    tally.finish(&format!("regional corpus, {folder}"), cases.len(), floor);
}

#[test]
fn every_regional_docx_matches_its_truth() {
    compare_folder("docx", 7);
}

/// The same documents converted to PDF by LibreOffice.
#[test]
fn every_regional_libreoffice_pdf_matches_its_truth() {
    compare_folder("pdf", 7);
}

/// The Word 97 twin LibreOffice wrote of a Jiangsu-like budget.
#[test]
fn regional_doc_twin_matches_its_truth() {
    compare_folder("doc", 1);
}

/// The workbook twin of a university-like budget (one table a sheet).
#[test]
fn regional_xlsx_twin_matches_its_truth() {
    compare_folder("xlsx", 1);
}

/// A narrative file published apart from its tables (Jiangsu's 部门预算 + 部门预算公开表) is one
/// disclosure with it: `yusuan run` over the .docx folder links the parts, and the narrative's
/// figures (收支预算总计, 财政拨款收支总预算), checked against the companion's tables, hold.
#[test]
fn regional_narrative_and_tables_files_are_one_disclosure() {
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("run")
        .arg(regional_corpus().join("docx"))
        .arg("--out")
        .arg(out.path())
        .args(["--quiet", "--no-cache"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let outcomes: std::collections::BTreeMap<String, yusuan_model::FileOutcome> =
        std::fs::read_to_string(out.path().join("documents.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let o: yusuan_model::FileOutcome = serde_json::from_str(l).unwrap();
                (o.path.clone(), o)
            })
            .collect();
    let mut pairs = 0;
    for (path, text) in &outcomes {
        let Some(stem) = path.strip_suffix("-shuoming.docx") else {
            continue;
        };
        pairs += 1;
        let tables = &outcomes[&format!("{stem}-biao.docx")];
        assert_eq!(text.status, FileStatus::Ok, "{path}: {:?}", text.error);
        assert!(
            tables.copies.disclosure_id.is_some(),
            "{stem}: no disclosure"
        );
        assert_eq!(
            tables.copies.disclosure_id, text.copies.disclosure_id,
            "{stem}: the parts are not one disclosure"
        );
        let checks = &text.disclosure.as_ref().unwrap().checks;
        let narrative: Vec<_> = checks
            .iter()
            .filter(|c| c.check == yusuan_model::CheckId::NarrativeMismatch)
            .collect();
        assert!(
            !narrative.is_empty(),
            "{stem}: the narrative's figures were checked against nothing"
        );
        assert!(
            narrative.iter().all(|c| c.status != CheckStatus::Fail),
            "{stem}: {narrative:?}"
        );
    }
    assert!(pairs >= 1, "no narrative companion in corpus/regional/docx");
}
