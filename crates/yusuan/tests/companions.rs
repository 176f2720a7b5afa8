//! A disclosure published as two files (made by `scripts/gen_companion_corpus.py` from corpus
//! documents: the explanation without its tables, and the tables without the explanation) is
//! one disclosure: the parts share a `disclosure_id`, it is counted once, the explanation's
//! figures are checked against the companion's tables exactly as in the whole document, and no
//! table is missing from either part.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use yusuan::process_bytes;
use yusuan_model::{CheckId, FileOutcome};

fn narrative_checks(o: &FileOutcome) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for c in &o.disclosure.as_ref().unwrap().checks {
        if c.check == CheckId::NarrativeMismatch {
            *m.entry(format!("{}/{}", c.code, c.status.as_str()))
                .or_insert(0) += 1;
        }
    }
    m
}

#[test]
fn two_files_are_one_disclosure_read_as_the_whole() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("run")
        .arg(corpus.join("companions"))
        .arg("--out")
        .arg(out.path())
        .args(["--quiet", "--no-cache"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("4 files (4 ok"), "{stderr}");
    assert!(stderr.contains("2 disclosures"), "{stderr}");
    let outcomes: BTreeMap<String, FileOutcome> =
        std::fs::read_to_string(out.path().join("documents.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let o: FileOutcome = serde_json::from_str(l).unwrap();
                (o.path.clone(), o)
            })
            .collect();
    for stem in ["changji-zhengziju-2023", "hangzhou-caizhengju-2022"] {
        let tables = &outcomes[&format!("{stem}-公开表.docx")];
        let text = &outcomes[&format!("{stem}-说明.docx")];
        assert_eq!(
            tables.copies.disclosure_id, text.copies.disclosure_id,
            "{stem}"
        );
        assert!(tables.copies.disclosure_id.is_some(), "{stem}");
        assert_eq!(
            tables.copies.companion.as_deref(),
            Some(text.doc_id.as_str())
        );
        assert_eq!(
            text.copies.companion.as_deref(),
            Some(tables.doc_id.as_str())
        );
        let whole_path = corpus.join(format!("docx/{stem}.docx"));
        let whole = process_bytes(&std::fs::read(&whole_path).unwrap(), stem, "docx");
        let w = whole.disclosure.as_ref().unwrap();
        // The tables part holds every figure; the explanation part none.
        assert_eq!(
            tables.disclosure.as_ref().unwrap().line_items.len(),
            w.line_items.len(),
            "{stem}"
        );
        assert!(text.disclosure.as_ref().unwrap().line_items.is_empty());
        // The explanation is checked against the companion's tables as in the whole.
        let whole_checks = narrative_checks(&whole);
        assert!(whole_checks.len() > 5, "{stem}: {whole_checks:?}");
        assert_eq!(narrative_checks(text), whole_checks, "{stem}");
        // Missing tables are counted over the disclosure.
        for part in [tables, text] {
            assert_eq!(
                part.disclosure.as_ref().unwrap().tables_missing,
                w.tables_missing,
                "{stem}: {}",
                part.path
            );
        }
    }
}
