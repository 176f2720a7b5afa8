//! Three real disclosures from outside Shanghai (`../shared/realdocs-wild`: a Jiangsu tables-only
//! budget, a Jiangsu narrative-and-tables budget, a university budget) against the hand-verified
//! truth in `tests/realdocs-wild-truth/` (every amount printed in their tables, read twice and
//! checked by arithmetic; how is said in each file's `verification` and `notes`). Skips, saying so,
//! where that folder is absent.
//!
//! The reader does not read these templates fully yet, so each file has its `KNOWN_GAPS`: the truth
//! keys not found today and the keys read today that the truth does not have. The test asserts that
//! what is found is exactly the truth minus those gaps, plus those extras: it fails on a regression
//! and also when a gap is closed without the list being shortened. `PRINT_KNOWN_GAPS=1 cargo test
//! -p yusuan --test realdocs_wild -- --nocapture` prints the lists as they are today, ready to paste.
//!
//! A key is `table|scheme|code|project|measure|amount_yuan`, as in `common::item_key`. The truth
//! uses ids the vocabulary does not have yet (listed under `proposed_ids` in each truth file, e.g.
//! `procurement`, `fiscal_grant_basic_expenditure`, `reserve_fund`, `meeting`): those items stay
//! gaps until the ids exist.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::{item_key, Truth};
use yusuan::process_bytes;

fn wild() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdocs-wild");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip(&format!(
            "{} not found (the real disclosures live outside the repository)",
            dir.display()
        ));
        None
    }
}

fn truth_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/realdocs-wild-truth")
}

/// What the reader misses and adds today, per file (the truth file's stem).
struct Gaps {
    file: &'static str,
    /// Truth keys not found.
    missing: &'static [&'static str],
    /// Keys read that the truth does not have (once per surplus copy).
    extra: &'static [&'static str],
}

// KNOWN_GAPS: the end of this file.

/// One file compared with its truth.
struct Outcome {
    file: String,
    status: String,
    meta: String,
    truth: usize,
    found: usize,
    missing: Vec<String>,
    extra: Vec<String>,
    /// Per table id: (truth, found, extra).
    tables: BTreeMap<String, (usize, usize, usize)>,
}

fn table_of_key(key: &str) -> String {
    key.split('|').next().unwrap_or_default().to_string()
}

fn compare(dir: &std::path::Path, truth_path: &std::path::Path) -> Option<Outcome> {
    let truth: Truth = serde_json::from_str(&std::fs::read_to_string(truth_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
    let stem = truth_path
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let name = if truth.file.is_empty() {
        format!("{stem}.pdf")
    } else {
        truth.file.clone()
    };
    let path = dir.join(&name);
    if !path.exists() {
        common::skip(&format!("{name} is absent from {}", dir.display()));
        return None;
    }
    let ext = path.extension().unwrap().to_string_lossy().into_owned();
    let outcome = process_bytes(&std::fs::read(&path).unwrap(), &name, &ext);
    let status = format!("{:?}", outcome.status);
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for item in &truth.items {
        *want.entry(item.key()).or_default() += 1;
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    let mut meta = String::from("no disclosure");
    if let Some(d) = &outcome.disclosure {
        for li in &d.line_items {
            *got.entry(item_key(li)).or_default() += 1;
        }
        let m = &d.meta;
        meta = format!(
            "department {:?} (truth {}), year {:?} (truth {}), kind {:?} (truth {}), {} tables read (truth {})",
            m.department.as_deref().unwrap_or(""),
            truth.department,
            m.fiscal_year,
            truth.fiscal_year,
            m.doc_kind.map(|k| k.as_str()).unwrap_or(""),
            truth.doc_kind,
            d.tables.len(),
            truth_table_count(truth_path),
        );
    }
    let mut tables: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut found, mut missing, mut extra) = (0, Vec::new(), Vec::new());
    for (k, n) in &want {
        let g = got.get(k).copied().unwrap_or(0);
        let t = tables.entry(table_of_key(k)).or_default();
        t.0 += n;
        t.1 += g.min(*n);
        found += g.min(*n);
        for _ in g..*n {
            missing.push(k.clone());
        }
    }
    for (k, n) in &got {
        let w = want.get(k).copied().unwrap_or(0);
        for _ in w..*n {
            extra.push(k.clone());
            tables.entry(table_of_key(k)).or_default().2 += 1;
        }
    }
    Some(Outcome {
        file: stem,
        status,
        meta,
        truth: truth.items.len(),
        found,
        missing,
        extra,
        tables,
    })
}

/// The number of tables the truth file lists as printed (its `tables` field, which `Truth` does
/// not read).
fn truth_table_count(path: &std::path::Path) -> usize {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["tables"].as_array().map_or(0, |t| t.len())
}

fn report(outcomes: &[Outcome]) -> String {
    let mut out = String::from("\nrealdocs-wild: amounts found / truth, and extra amounts read\n");
    for o in outcomes {
        out.push_str(&format!(
            "\n{}\n  status {}; {}\n  found {}/{}  missing {}  extra {}\n  {:<36} {:>6} {:>6} {:>6}\n",
            o.file,
            o.status,
            o.meta,
            o.found,
            o.truth,
            o.missing.len(),
            o.extra.len(),
            "table",
            "truth",
            "found",
            "extra"
        ));
        for (t, (truth, found, extra)) in &o.tables {
            out.push_str(&format!("  {t:<36} {truth:>6} {found:>6} {extra:>6}\n"));
        }
    }
    out
}

/// The Rust text of `KNOWN_GAPS` as the reader stands today.
fn known_gaps_source(outcomes: &[Outcome]) -> String {
    let list = |keys: &[String]| -> String {
        keys.iter()
            .map(|k| format!("            {k:?},\n"))
            .collect::<String>()
    };
    let mut s = String::from(
        "/// What the reader misses and adds today on the three hand-verified files. Shorten it as gaps\n\
         /// close (PRINT_KNOWN_GAPS=1 prints it as it stands).\n\
         #[rustfmt::skip]\n\
         const KNOWN_GAPS: &[Gaps] = &[\n",
    );
    for o in outcomes {
        s.push_str(&format!(
            "    Gaps {{\n        file: {:?},\n        missing: &[\n{}        ],\n        extra: &[\n{}        ],\n    }},\n",
            o.file,
            list(&o.missing),
            list(&o.extra)
        ));
    }
    s.push_str("];\n");
    s
}

#[test]
fn wild_real_files_match_hand_verified_truth_minus_known_gaps() {
    let Some(dir) = wild() else { return };
    let mut truths: Vec<PathBuf> = std::fs::read_dir(truth_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    truths.sort();
    assert_eq!(truths.len(), 3, "{truths:?}");
    let outcomes: Vec<Outcome> = truths.iter().filter_map(|t| compare(&dir, t)).collect();
    eprintln!("{}", report(&outcomes));
    if std::env::var_os("PRINT_KNOWN_GAPS").is_some() {
        println!("{}", known_gaps_source(&outcomes));
    }
    // Every list names a truth file, once.
    let stems: BTreeSet<String> = truths
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for g in KNOWN_GAPS {
        assert!(
            stems.contains(g.file),
            "KNOWN_GAPS names no truth file: {}",
            g.file
        );
    }
    let mut problems = Vec::new();
    for o in &outcomes {
        let gaps = KNOWN_GAPS.iter().find(|g| g.file == o.file);
        let known = |f: fn(&Gaps) -> &'static [&'static str]| -> BTreeMap<String, usize> {
            let mut m = BTreeMap::new();
            for k in gaps.map(f).unwrap_or(&[]) {
                *m.entry(k.to_string()).or_default() += 1;
            }
            m
        };
        let count = |keys: &[String]| -> BTreeMap<String, usize> {
            let mut m = BTreeMap::new();
            for k in keys {
                *m.entry(k.clone()).or_default() += 1;
            }
            m
        };
        let diff = |a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>| -> Vec<String> {
            a.iter()
                .filter(|(k, n)| b.get(*k).copied().unwrap_or(0) < **n)
                .map(|(k, _)| k.clone())
                .collect()
        };
        let (missing, extra) = (count(&o.missing), count(&o.extra));
        let (known_missing, known_extra) = (known(|g| g.missing), known(|g| g.extra));
        for (what, keys) in [
            (
                "REGRESSION: truth amount no longer found",
                diff(&missing, &known_missing),
            ),
            (
                "FIXED: found now, remove from KNOWN_GAPS.missing",
                diff(&known_missing, &missing),
            ),
            ("REGRESSION: new extra amount", diff(&extra, &known_extra)),
            (
                "FIXED: extra gone, remove from KNOWN_GAPS.extra",
                diff(&known_extra, &extra),
            ),
        ] {
            for k in keys {
                problems.push(format!("{}: {what}: {k}", o.file));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences from the truth minus KNOWN_GAPS:\n  {}\n(PRINT_KNOWN_GAPS=1 prints the lists as they are today)",
        problems.len(),
        problems.join("\n  ")
    );
}

/// What the reader misses and adds today on the three hand-verified files. Shorten it as gaps
/// close (PRINT_KNOWN_GAPS=1 prints it as it stands).
#[rustfmt::skip]
const KNOWN_GAPS: &[Gaps] = &[
    Gaps {
        file: "04_swu_2021_department_budget",
        missing: &[
        ],
        extra: &[
        ],
    },
    Gaps {
        file: "江苏省人大办公厅__江苏省人大常委会办公厅2019年部门预算公开表",
        missing: &[
        ],
        extra: &[
        ],
    },
    Gaps {
        file: "江苏省人民检察院__2018年省检察院部门预算公开",
        missing: &[
        ],
        extra: &[
        ],
    },
];
