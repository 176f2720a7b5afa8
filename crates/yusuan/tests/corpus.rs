//! The whole pipeline over every corpus document, compared with `corpus/truth/<name>.json`
//! (written by the corpus generator from its own data, never from yusuan's output).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{fact_key, item_key, truth_table_of, Truth};
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

/// Every truth file, with the document it describes in `folder` (`docx`, `doc`, `pdf`,
/// `pdf-direct`).
fn cases(folder: &str) -> Vec<(PathBuf, Truth)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(corpus().join("truth")).expect("corpus/truth exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let truth: Truth = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let ext = match folder {
                "docx" | "doc" => folder,
                _ => "pdf",
            };
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let file = corpus().join(folder).join(format!("{stem}.{ext}"));
            if file.exists() {
                out.push((file, truth));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn compare_folder(folder: &str, minimum: usize) {
    let cases = cases(folder);
    assert!(
        cases.len() >= minimum,
        "expected at least {minimum} documents in corpus/{folder}, found {}",
        cases.len()
    );
    let mut problems: Vec<String> = Vec::new();
    // Department slug (the file name without its year) → ids given to it.
    let mut ids: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut found_total = 0usize;
    let mut truth_total = 0usize;
    let (mut facts_found, mut facts_total, mut targets_total) = (0usize, 0usize, 0usize);
    for (file, truth) in &cases {
        let name = file
            .strip_prefix(corpus())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(file).unwrap();
        let ext = file.extension().unwrap().to_string_lossy().into_owned();
        let outcome = process_bytes(&bytes, &name, &ext);
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
            .map(|c| format!("{}/{}/{}", c.check, truth_table_of(c), c.code))
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
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let slug = stem.trim_start_matches("seed-");
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
        let mut want_facts: BTreeMap<String, usize> = BTreeMap::new();
        for f in &truth.facts {
            *want_facts.entry(f.key()).or_default() += 1;
        }
        let mut got_facts: BTreeMap<String, usize> = BTreeMap::new();
        for f in &d.narrative_facts {
            *got_facts.entry(fact_key(f)).or_default() += 1;
        }
        facts_total += truth.facts.len();
        for (k, n) in &want_facts {
            let g = got_facts.get(k).copied().unwrap_or(0);
            facts_found += g.min(*n);
            if g < *n {
                problems.push(format!("{name}: narrative fact missing {k}"));
            }
        }
        for (k, n) in &got_facts {
            if want_facts.get(k).copied().unwrap_or(0) < *n {
                problems.push(format!("{name}: narrative fact extra {k}"));
            }
        }
        targets_total += truth.targets.len();
        let targets_agree = truth.targets.len() == d.performance_targets.len()
            && truth
                .targets
                .iter()
                .zip(&d.performance_targets)
                .all(|(w, g)| w.matches(g));
        if !targets_agree {
            problems.push(format!(
                "{name}: {} performance targets read, truth {} (first difference at {:?})",
                d.performance_targets.len(),
                truth.targets.len(),
                truth
                    .targets
                    .iter()
                    .zip(&d.performance_targets)
                    .position(|(w, g)| !w.matches(g))
            ));
        }
        let mut missing: Vec<String> = d.tables_missing.iter().map(|t| t.to_string()).collect();
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
        "{} problems over {} documents ({found_total}/{truth_total} truth items, {facts_found}/{facts_total} narrative facts found; {targets_total} targets):\n{}",
        problems.len(),
        cases.len(),
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
    compare_folder("docx", 40);
}

/// A few of the documents converted to Word 97–2003 .doc by LibreOffice
/// (`scripts/gen_doc_corpus.py`).
#[test]
fn every_word97_doc_matches_its_truth() {
    compare_folder("doc", 4);
}

/// The same documents converted to PDF by LibreOffice (simple TrueType subsets, ToUnicode).
#[test]
fn every_libreoffice_pdf_matches_its_truth() {
    compare_folder("pdf", 40);
}

/// The same documents written directly by a PDF library with the non-embedded STSong-Light font
/// and the predefined UniGB-UCS2-H CMap.
#[test]
fn every_direct_pdf_matches_its_truth() {
    compare_folder("pdf-direct", 12);
}
