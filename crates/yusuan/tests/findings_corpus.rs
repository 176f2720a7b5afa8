//! The findings corpus (`corpus/findings`, made by `scripts/gen_findings_corpus.py`): budgets and
//! final accounts with problems planted on purpose, each listed in `corpus/findings/truth/<name>.json`
//! (check id, status, table, a fragment of the words the finding must quote). The whole run goes
//! over the folder, so that the comparison across documents (`year_on_year`) is tested as a user
//! gets it, and every finding of the compared kinds is matched with the truth:
//!
//! * found: a truth item some finding of its check and status quotes;
//! * missed: a truth item no finding quotes;
//! * false: a finding of a compared kind that quotes no truth item of its check and status.
//!
//! It prints the three per kind, and asserts nothing missed, nothing false, and no finding at all of
//! the compared kinds on the clean documents.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use yusuan::{RunOptions, Settings};
use yusuan_model::{CheckStatus, FileOutcome};

/// The kinds the corpus seeds, and so compares.
const COMPARED: &[&str] = &[
    "narrative_logic",
    "percent_format",
    "change_rate",
    "template_residue",
    "empty_table_note",
    "year_mismatch",
    "department_name",
    "missing_section",
    "procurement_sum",
    "toc_mismatch",
    "year_on_year",
];

#[derive(Deserialize)]
struct Truth {
    findings: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    check: String,
    status: String,
    #[allow(dead_code)]
    table: String,
    quote: String,
}

#[derive(Default)]
struct Tally {
    found: usize,
    missed: usize,
    false_alarms: usize,
}

#[test]
fn findings_match_the_truth() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/findings");
    let out = tempfile::tempdir().unwrap();
    yusuan::run(
        &root.join("docx"),
        out.path(),
        &RunOptions {
            jobs: Some(1),
            ..RunOptions::default()
        },
        &Settings::default(),
    )
    .expect("the run completes");
    let outcomes: BTreeMap<String, FileOutcome> =
        std::fs::read_to_string(out.path().join("documents.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let o: FileOutcome = serde_json::from_str(l).unwrap();
                (o.path.clone(), o)
            })
            .collect();
    let mut tally: BTreeMap<&str, Tally> =
        COMPARED.iter().map(|k| (*k, Tally::default())).collect();
    let mut problems = Vec::new();
    let mut clean_findings = 0usize;
    let mut documents = 0usize;
    for entry in std::fs::read_dir(root.join("truth")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let truth: Truth = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let o = outcomes
            .get(&format!("{stem}.docx"))
            .unwrap_or_else(|| panic!("{stem}.docx was not read"));
        documents += 1;
        let d = o
            .disclosure
            .as_ref()
            .unwrap_or_else(|| panic!("{stem}: {:?}", o.error));
        let got: Vec<_> = d
            .checks
            .iter()
            .filter(|c| c.status != CheckStatus::Pass && COMPARED.contains(&c.check.as_str()))
            .collect();
        let quotes = |c: &yusuan_model::Check, e: &Expected| {
            c.check.as_str() == e.check
                && c.status.as_str() == e.status
                && (c.detail.contains(&e.quote) || c.found.contains(&e.quote))
        };
        for e in &truth.findings {
            let t = tally.get_mut(e.check.as_str()).unwrap_or_else(|| {
                panic!("{stem}: the truth names {}, not a compared kind", e.check)
            });
            if got.iter().any(|c| quotes(c, e)) {
                t.found += 1;
            } else {
                t.missed += 1;
                problems.push(format!(
                    "{stem}: missed {} {} “{}”",
                    e.check, e.status, e.quote
                ));
            }
        }
        for c in &got {
            if !truth.findings.iter().any(|e| quotes(c, e)) {
                tally.get_mut(c.check.as_str()).unwrap().false_alarms += 1;
                problems.push(format!(
                    "{stem}: false {} {}: {}",
                    c.check,
                    c.status.as_str(),
                    c.detail
                ));
            }
        }
        if stem.starts_with("clean-") {
            clean_findings += got.len();
        }
    }
    println!(
        "{:<18} {:>6} {:>7} {:>6}",
        "kind", "found", "missed", "false"
    );
    for (kind, t) in &tally {
        println!(
            "{kind:<18} {:>6} {:>7} {:>6}",
            t.found, t.missed, t.false_alarms
        );
    }
    println!("clean documents: {clean_findings} findings of the compared kinds");
    assert!(documents >= 15, "only {documents} documents in the corpus");
    for (kind, t) in &tally {
        assert!(
            t.found >= 2,
            "{kind} is seeded fewer than twice ({})",
            t.found
        );
    }
    assert_eq!(clean_findings, 0, "findings on clean documents");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
