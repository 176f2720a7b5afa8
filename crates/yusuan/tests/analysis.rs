//! The questions a researcher asks of the dataset, answered with plain group-bys over
//! `panel.csv` after one run over the whole corpus, where every disclosure is there two or three
//! times (.docx, LibreOffice PDF, directly written PDF). Each answer must be the published
//! figures of the corpus truth, each disclosure counted once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_decimal::Decimal;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// A CSV of the dataset as rows of column → value (the byte order mark skipped).
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no BOM",
        path.display()
    );
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Every truth file of the corpus with the docx it describes.
fn truths() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    for (truth_dir, docx_dir) in [("truth", "docx"), ("final/truth", "final/docx")] {
        for e in std::fs::read_dir(corpus().join(truth_dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let t: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                out.push((format!("{docx_dir}/{stem}.docx"), t));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn five_questions_from_the_panel_count_each_disclosure_once() {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("run")
        .arg(corpus())
        .arg("--out")
        .arg(out.path())
        .args(["--quiet", "--no-cache"])
        // The findings corpus has its problems planted on purpose (tests/findings_corpus.rs); the
        // regional corpus copies the template residue of the real Jiangsu explanations
        // (tests/regional_corpus.rs).
        .args(["--exclude", "findings/**", "--exclude", "regional/**"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let docs = read_csv(&out.path().join("documents.csv"));
    let panel = read_csv(&out.path().join("panel.csv"));
    let checks = read_csv(&out.path().join("checks.csv"));

    // Which department and year each truth file is, as the dataset identifies them.
    let by_path: BTreeMap<&str, &BTreeMap<String, String>> =
        docs.iter().map(|d| (d["path"].as_str(), d)).collect();
    let truths = truths();
    assert!(truths.len() >= 60);
    let key_of = |path: &str| {
        let d = by_path[path];
        (
            d["department_id"].clone(),
            d["fiscal_year"].clone(),
            d["doc_kind"].clone(),
        )
    };
    // Every document has its own id, and each disclosure has exactly one preferred copy.
    let ids: BTreeSet<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "doc_id is unique per row");
    for (path, _) in &truths {
        let d = by_path[path.as_str()];
        let copies: Vec<_> = docs
            .iter()
            .filter(|c| c["disclosure_id"] == d["disclosure_id"])
            .collect();
        assert!(copies.len() >= 2, "{path}: its PDF twin is a copy");
        // One preferred copy with the figures (an explanation published apart from its tables
        // is preferred too, and holds none).
        assert_eq!(
            copies
                .iter()
                .filter(|c| c["preferred"] == "true" && c["line_items"] != "0")
                .count(),
            1,
            "{path}"
        );
    }

    // The corpus documents are clean of the problems only a reader of the words finds (template
    // residue, wrong years, comparative words against their figures, empty tables without a
    // note): none of those checks fails on any of its files.
    let reader_checks = [
        "template_residue",
        "year_mismatch",
        "narrative_logic",
        "empty_table_note",
        "missing_section",
    ];
    let false_alarms: Vec<_> = checks
        .iter()
        .filter(|c| c["status"] == "fail" && reader_checks.contains(&c["check_id"].as_str()))
        .map(|c| format!("{} {} {}", c["doc_id"], c["check_id"], c["detail"]))
        .collect();
    assert!(false_alarms.is_empty(), "{false_alarms:#?}");
    let run_on: usize = checks
        .iter()
        .filter(|c| reader_checks.contains(&c["check_id"].as_str()))
        .count();
    eprintln!("reader checks on the corpus: {run_on} findings, 0 failures");

    // The truth's figures, the same way: (department, year, kind) → items.
    let sum_truth = |pred: &dyn Fn(&serde_json::Value) -> bool| {
        let mut m: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
        for (path, t) in &truths {
            for i in t["items"].as_array().unwrap() {
                if pred(i) {
                    *m.entry(key_of(path)).or_default() += dec(i["amount_yuan"].as_str().unwrap());
                }
            }
        }
        m
    };
    let sum_panel = |pred: &dyn Fn(&BTreeMap<String, String>) -> bool| {
        let mut m: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
        for r in panel.iter().filter(|r| pred(r)) {
            *m.entry((
                r["department_id"].clone(),
                r["fiscal_year"].clone(),
                r["doc_kind"].clone(),
            ))
            .or_default() += dec(&r["amount_yuan"]);
        }
        m
    };

    // 1. Total 一般公共预算 expenditure per department per year: the classes (类) of the
    //    一般公共预算支出表, measure total.
    //    SELECT department_id, fiscal_year, SUM(amount_yuan) FROM panel
    //    WHERE table_id = 'general_budget_expenditure' AND measure = 'total' AND level = 'class'
    //    GROUP BY department_id, fiscal_year
    let q1 = sum_panel(&|r| {
        r["table_id"] == "general_budget_expenditure"
            && r["measure"] == "total"
            && r["level"] == "class"
    });
    let t1 = sum_truth(&|i| {
        i["table"] == "general_budget_expenditure"
            && i["measure"] == "total"
            && i["code"].as_str().unwrap().len() == 3
    });
    assert_eq!(q1, t1);
    assert!(q1.len() >= 40);

    // 2. Basic against project spending by class (类), from the 支出总表.
    let by_class = |rows: Vec<(String, String, String, String, Decimal)>| {
        let mut m: BTreeMap<(String, String, String, String), Decimal> = BTreeMap::new();
        for (d, y, c, ms, v) in rows {
            *m.entry((d, y, c, ms)).or_default() += v;
        }
        m
    };
    let q2 = by_class(
        panel
            .iter()
            .filter(|r| {
                r["table_id"] == "expenditure_summary"
                    && r["level"] == "class"
                    && matches!(r["measure"].as_str(), "basic" | "project")
            })
            .map(|r| {
                (
                    r["department_id"].clone(),
                    r["fiscal_year"].clone(),
                    r["code"].clone(),
                    r["measure"].clone(),
                    dec(&r["amount_yuan"]),
                )
            })
            .collect(),
    );
    let t2 = by_class(
        truths
            .iter()
            .flat_map(|(path, t)| {
                let (d, y, _) = key_of(path);
                t["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|i| {
                        i["table"] == "expenditure_summary"
                            && i["code"].as_str().unwrap().len() == 3
                            && matches!(i["measure"].as_str(), Some("basic" | "project"))
                    })
                    .map(move |i| {
                        (
                            d.clone(),
                            y.clone(),
                            i["code"].as_str().unwrap().to_string(),
                            i["measure"].as_str().unwrap().to_string(),
                            dec(i["amount_yuan"].as_str().unwrap()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    );
    assert_eq!(q2, t2);

    // 3. Whose 三公 rose: the budgets' 三公 total per department and year, year on year.
    let q3 = sum_panel(&|r| r["table_id"] == "three_public" && r["measure"] == "total");
    let t3 = sum_truth(&|i| i["table"] == "three_public" && i["measure"] == "total");
    assert_eq!(q3, t3);
    let rose = |m: &BTreeMap<(String, String, String), Decimal>| -> BTreeSet<(String, String)> {
        m.iter()
            .filter_map(|((d, y, k), v)| {
                let prev: i32 = y.parse::<i32>().ok()? - 1;
                let before = m.get(&(d.clone(), prev.to_string(), k.clone()))?;
                (v > before).then(|| (d.clone(), y.clone()))
            })
            .collect()
    };
    assert_eq!(rose(&q3), rose(&t3));
    assert!(!rose(&q3).is_empty());

    // 4. Which documents failed which checks, on which page: checks joined to documents on
    //    doc_id, preferred copies only; every failing check the truth lists is there, once.
    let preferred: BTreeMap<&str, &BTreeMap<String, String>> = docs
        .iter()
        .filter(|d| d["preferred"] == "true")
        .map(|d| (d["doc_id"].as_str(), d))
        .collect();
    let failed: BTreeSet<(String, String, String, String)> = checks
        .iter()
        .filter(|c| c["status"] == "fail" && preferred.contains_key(c["doc_id"].as_str()))
        .map(|c| {
            let d = preferred[c["doc_id"].as_str()];
            (
                d["path"].clone(),
                c["check_id"].clone(),
                // The corpus truth names no table for a narrative finding.
                if c["check_id"] == "narrative_mismatch" {
                    String::new()
                } else {
                    c["table_id"].clone()
                },
                c["code"].clone(),
            )
        })
        .collect();
    for (path, t) in &truths {
        let d = by_path[path.as_str()];
        let preferred_path = docs
            .iter()
            .find(|c| c["disclosure_id"] == d["disclosure_id"] && c["preferred"] == "true")
            .map(|c| c["path"].clone())
            .unwrap();
        for c in t["failing_checks"].as_array().unwrap() {
            let want = (
                preferred_path.clone(),
                c["check"].as_str().unwrap().to_string(),
                c["table"].as_str().unwrap().to_string(),
                c["code"].as_str().unwrap().to_string(),
            );
            assert!(failed.contains(&want), "{want:?} not in checks.csv");
        }
    }

    // 5. One department across two years: every figure of its two disclosures, once each.
    let (dept, _, _) = key_of("docx/changji-caizhengju-2021.docx");
    for year in ["2021", "2022"] {
        let (path, t) = truths
            .iter()
            .find(|(p, _)| {
                let (d, y, k) = key_of(p);
                d == dept && y == year && k == "budget"
            })
            .unwrap();
        let rows: Vec<_> = panel
            .iter()
            .filter(|r| r["department_id"] == dept && r["fiscal_year"] == year)
            .collect();
        assert_eq!(
            rows.len(),
            t["items"].as_array().unwrap().len(),
            "{path}: one panel row per printed figure"
        );
    }
}
