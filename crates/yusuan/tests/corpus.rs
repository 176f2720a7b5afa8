//! The whole pipeline over every corpus document, compared with `corpus/truth/<name>.json`
//! (written by the corpus generator from its own data, never from yusuan's output).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{item_key, Truth};
use yusuan::process_bytes;
use yusuan_model::{CheckStatus, FileStatus};

/// Checks compared with the truth's `failing_checks`; `missing_table` is compared through
/// `tables_missing`.
const CHECKS_RUN: &[&str] = &[
    "rollup",
    "row_identity",
    "cross_table",
    "name_mismatch",
    "unknown_code",
    "narrative_mismatch",
];

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn truths(format: &str) -> Vec<(PathBuf, Truth)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(corpus().join("truth")).expect("corpus/truth exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let truth: Truth = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if truth.file.ends_with(format) {
                out.push((path, truth));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn compare_format(format: &str) {
    let truths = truths(format);
    assert!(
        truths.len() >= 40,
        "expected at least 40 corpus {format} documents, found {}",
        truths.len()
    );
    let mut problems: Vec<String> = Vec::new();
    // Department slug (the file name without its year) → ids given to it.
    let mut ids: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut found_total = 0usize;
    let mut truth_total = 0usize;
    for (_, truth) in &truths {
        let bytes = std::fs::read(corpus().join(&truth.file)).unwrap();
        let outcome = process_bytes(&bytes, &truth.file, format);
        let name = &truth.file;
        if outcome.status != FileStatus::Ok {
            problems.push(format!(
                "{name}: status {:?}: {:?}",
                outcome.status, outcome.error
            ));
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
        truth_total += truth.items.len();
        for (k, n) in &want {
            let g = got.get(k).copied().unwrap_or(0);
            found_total += g.min(*n);
            if g < *n {
                problems.push(format!("{name}: missing {k}"));
            }
        }
        for (k, n) in &got {
            if want.get(k).copied().unwrap_or(0) < *n {
                problems.push(format!("{name}: extra {k}"));
            }
        }
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
            .map(|c| format!("{}/{}/{}", c.check, c.table, c.code))
            .collect();
        want_checks.sort();
        want_checks.dedup();
        got_checks.sort();
        got_checks.dedup();
        if want_checks != got_checks {
            problems.push(format!(
                "{name}: failing checks {got_checks:?}, truth {want_checks:?}"
            ));
        }
        let m = &d.meta;
        let slug = name.trim_start_matches("docx/").trim_start_matches("seed-");
        let slug = slug.rsplit_once('-').map_or(slug, |(s, _)| s).to_string();
        ids.entry(slug)
            .or_default()
            .insert(m.department_id.clone().unwrap_or_default());
        let meta_ok = m.fiscal_year == Some(truth.fiscal_year)
            && m.unit.as_deref() == Some(truth.unit.as_str())
            && m.department.as_deref() == Some(truth.department.as_str())
            && m.doc_kind.map(|k| k.as_str()) == Some(truth.doc_kind.as_str())
            && m.scope.map(|s| s.as_str()) == Some(truth.scope.as_str())
            && m.region.as_deref() == Some(truth.region.as_str());
        if !meta_ok {
            problems.push(format!(
                "{name}: meta {:?} {:?} {:?} {:?} {:?} {:?}, truth {} {} {} {} {} {}",
                m.fiscal_year,
                m.unit,
                m.department,
                m.doc_kind,
                m.scope,
                m.region,
                truth.fiscal_year,
                truth.unit,
                truth.department,
                truth.doc_kind,
                truth.scope,
                truth.region
            ));
        }
        if let Some(want) = &truth.staffing {
            let s = m.staffing;
            let got = (s.authorised, s.actual, s.serving, s.retired);
            if got
                != (
                    Some(want.authorised),
                    Some(want.actual),
                    Some(want.serving),
                    Some(want.retired),
                )
            {
                problems.push(format!("{name}: staffing {got:?}, truth {want:?}"));
            }
        }
        let mut missing = d.tables_missing.clone();
        missing.sort();
        let mut want_missing = truth.tables_missing.clone();
        want_missing.sort();
        if missing != want_missing {
            problems.push(format!(
                "{name}: tables_missing {missing:?}, truth {want_missing:?}"
            ));
        }
    }
    for (slug, set) in &ids {
        if set.len() != 1 {
            problems.push(format!("{slug}: one department, {} ids {set:?}", set.len()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems over {} documents ({found_total}/{truth_total} truth items found):\n{}",
        problems.len(),
        truths.len(),
        problems
            .iter()
            .take(80)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_docx_matches_its_truth() {
    compare_format("docx");
}
