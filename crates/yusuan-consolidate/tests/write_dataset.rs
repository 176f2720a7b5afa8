//! The dataset files are all written, with headers that match the data package's schemas, and
//! a new dataset replaces the old one whole, even when a run dies part way.

use std::str::FromStr;

use rust_decimal::Decimal;
use yusuan_consolidate::{schema, write_dataset};
use yusuan_model::{
    Disclosure, DocMeta, FileOutcome, FileStatus, LineItem, Location, Measure, Scheme, TableKind,
};

fn outcomes() -> Vec<FileOutcome> {
    let item = LineItem {
        table: TableKind::ExpenditureSummary.id(false),
        scheme: Scheme::Function,
        code: "2010302".into(),
        name: "一般行政管理事务".into(),
        name_published: "一般行政管理事务".into(),
        project: String::new(),
        measure: Measure::Project,
        amount_yuan: Decimal::from_str("7140000.00").unwrap(),
        unit: "万元".into(),
        location: Location {
            page: None,
            table_no: Some(3),
            row: Some(6),
            col: Some(6),
        },
    };
    let disclosure = Disclosure {
        meta: DocMeta {
            department: Some("昌吉州政资局".into()),
            fiscal_year: Some(2022),
            ..Default::default()
        },
        line_items: vec![item],
        ..Default::default()
    };
    vec![
        FileOutcome {
            doc_id: "00aa".into(),
            path: "a.docx".into(),
            format: "docx".into(),
            status: FileStatus::Ok,
            error: None,
            note: None,
            copies: Default::default(),
            pages: None,
            disclosure: Some(disclosure),
            document: None,
        },
        FileOutcome {
            doc_id: "00bb".into(),
            path: "b.txt".into(),
            format: "txt".into(),
            status: FileStatus::Unsupported,
            error: Some("not a .docx or .pdf file".into()),
            note: None,
            copies: Default::default(),
            pages: None,
            disclosure: None,
            document: None,
        },
    ]
}

#[test]
fn writes_every_file_with_matching_headers() {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_dataset(outcomes(), dir.path()).unwrap();
    assert_eq!(summary.files, 2);
    assert_eq!(summary.line_items, 1);
    assert_eq!(summary.by_status, [1, 0, 0, 0, 1, 0]);
    for (name, _, columns) in schema::FILES {
        let text = std::fs::read_to_string(dir.path().join(format!("{name}.csv"))).unwrap();
        // Every CSV starts with a byte order mark, so that Excel reads it as UTF-8.
        let header = text
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{name}.csv has no byte order mark"))
            .lines()
            .next()
            .unwrap();
        let expected: Vec<&str> = columns.iter().map(|c| c.0).collect();
        assert_eq!(header, expected.join(","), "{name}");
    }
    let items = std::fs::read_to_string(dir.path().join("line_items.csv")).unwrap();
    assert!(items
        .lines()
        .nth(1)
        .unwrap()
        .contains(",project,7140000.00,万元,,3,6,6,"));
    let docs = std::fs::read_to_string(dir.path().join("documents.csv")).unwrap();
    assert!(docs.contains("00bb,b.txt,txt,unsupported,not a .docx or .pdf file"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("documents.jsonl"))
            .unwrap()
            .lines()
            .count(),
        2
    );
    let dp: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        dp["resources"].as_array().unwrap().len(),
        schema::FILES.len()
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = dir.path().file_name().unwrap().to_string_lossy();
            name.starts_with(&format!("{ours}.yusuan-"))
        })
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn an_unwritable_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let err = write_dataset(outcomes(), &file).unwrap_err();
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

#[test]
fn sqlite_holds_the_same_tables_with_indexes_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    write_dataset(outcomes(), dir.path()).unwrap();
    let db = rusqlite::Connection::open(dir.path().join("yusuan.sqlite")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM line_items"), 1);
    let amount: String = db
        .query_row("SELECT amount_yuan_text FROM line_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        amount, "7140000.00",
        "the exact text is kept beside the number"
    );
    let max: f64 = db
        .query_row("SELECT max(amount_yuan) FROM line_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(max, 7_140_000.0, "amounts are numbers");
    let kind: String = db
        .query_row("SELECT typeof(amount_yuan) FROM line_items", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kind, "real");
    let year: Option<i64> = db
        .query_row("SELECT fiscal_year FROM line_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(year, Some(2022));
    let missing: Option<String> = db
        .query_row(
            "SELECT error FROM documents WHERE path = 'a.docx'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(missing, None, "an empty field is NULL, not an empty string");
    for index in [
        "line_items_doc_id",
        "line_items_department_id",
        "line_items_fiscal_year",
        "line_items_code",
    ] {
        let n = count(&format!(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '{index}'"
        ));
        assert_eq!(n, 1, "{index}");
    }
    let total: String = db
        .query_row("SELECT amount_yuan FROM department_year_totals", [], |r| {
            r.get(0)
        })
        .unwrap_or_default();
    assert_eq!(
        total, "",
        "the one line item is a 项, not a class: no class totals"
    );
}

/// `docs/dataset.md` is generated from the schema: this fails when it is out of date, and
/// `UPDATE_CONTRACT=1` rewrites it.
#[test]
fn contract_in_the_repository_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dataset.md");
    let want = schema::contract_markdown();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/dataset.md is out of date: run UPDATE_CONTRACT=1 cargo test -p yusuan-consolidate contract"
    );
}

/// Every file of the dataset in `dir`, by name, with its bytes.
fn dataset_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = schema::FILES
        .iter()
        .map(|f| format!("{}.csv", f.0))
        .collect();
    names.extend(["documents.jsonl", "datapackage.json", "yusuan.sqlite"].map(String::from));
    names
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap_or_else(|e| panic!("{n}: {e}"));
            (n, bytes)
        })
        .collect()
}

/// The output folder `out` with the leftovers a switch may leave beside it.
fn beside(out: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!("{name}.{suffix}"))
}

/// A dataset whose outcomes differ from [`outcomes`]: one file, another status.
fn other_outcomes() -> Vec<FileOutcome> {
    let mut o = outcomes().remove(1);
    o.doc_id = "00cc".into();
    o.path = "c.txt".into();
    vec![o]
}

#[test]
fn a_run_that_dies_mid_write_leaves_the_previous_dataset_whole() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write_dataset(outcomes(), &out).unwrap();
    std::fs::create_dir_all(out.join(".yusuan-cache")).unwrap();
    std::fs::write(out.join(".yusuan-cache/entry.json"), b"{}").unwrap();
    let before = dataset_in(&out);

    // The second run dies (a panic stands for a crash) after writing some rows of every file.
    let dying = other_outcomes()
        .into_iter()
        .chain(std::iter::from_fn(|| panic!("the run dies here")));
    let died =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write_dataset(dying, &out)));
    assert!(died.is_err());
    assert!(
        beside(&out, "yusuan-next").is_dir(),
        "the crash leaves its staging folder"
    );
    assert_eq!(
        dataset_in(&out),
        before,
        "the previous dataset is untouched"
    );
    assert!(out.join(".yusuan-cache/entry.json").is_file());

    // The next run clears what the crash left and writes its dataset whole.
    write_dataset(other_outcomes(), &out).unwrap();
    assert!(!beside(&out, "yusuan-next").exists());
    let fresh = root.path().join("fresh");
    write_dataset(other_outcomes(), &fresh).unwrap();
    assert_eq!(dataset_in(&out), dataset_in(&fresh));
    assert!(out.join(".yusuan-cache/entry.json").is_file());
}

#[test]
fn a_completed_run_replaces_the_dataset_whole_and_keeps_the_rest() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write_dataset(outcomes(), &out).unwrap();
    std::fs::create_dir_all(out.join(".yusuan-cache/v1")).unwrap();
    std::fs::write(out.join(".yusuan-cache/v1/entry.json"), b"{}").unwrap();
    std::fs::write(out.join("NOTES.txt"), b"the user's own").unwrap();

    let summary = write_dataset(other_outcomes(), &out).unwrap();
    assert_eq!(summary.files, 1);
    let fresh = root.path().join("fresh");
    write_dataset(other_outcomes(), &fresh).unwrap();
    assert_eq!(
        dataset_in(&out),
        dataset_in(&fresh),
        "not one file of the first dataset is left"
    );
    assert_eq!(
        std::fs::read(out.join("NOTES.txt")).unwrap(),
        b"the user's own"
    );
    assert!(out.join(".yusuan-cache/v1/entry.json").is_file());
    let mut names: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["fresh", "out"], "nothing is left beside the output");
}

#[cfg(unix)]
#[test]
fn an_output_reached_by_a_symbolic_link_keeps_its_link() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("real");
    let link = root.path().join("link");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_dataset(outcomes(), &link).unwrap();
    write_dataset(other_outcomes(), &link).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let docs = std::fs::read_to_string(real.join("documents.csv")).unwrap();
    assert!(docs.contains("c.txt") && !docs.contains("a.docx"));
}

/// Each state a crash can leave during the switch comes out as one whole dataset, with the
/// cache, after `recover`.
#[test]
fn recovery_after_a_crash_during_the_switch() {
    let root = tempfile::tempdir().unwrap();
    let old_data = root.path().join("old-data");
    let new_data = root.path().join("new-data");
    write_dataset(outcomes(), &old_data).unwrap();
    write_dataset(other_outcomes(), &new_data).unwrap();
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).unwrap();
        for (name, bytes) in dataset_in(from) {
            std::fs::write(to.join(name), bytes).unwrap();
        }
    };
    let cache = |dir: &std::path::Path| {
        std::fs::create_dir_all(dir.join(".yusuan-cache")).unwrap();
        std::fs::write(dir.join(".yusuan-cache/entry.json"), b"{}").unwrap();
    };
    let check = |out: &std::path::Path, want: &std::path::Path| {
        yusuan_consolidate::recover(out).unwrap();
        assert_eq!(dataset_in(out), dataset_in(want));
        assert!(out.join(".yusuan-cache/entry.json").is_file(), "cache kept");
        assert!(!beside(out, "yusuan-next").exists());
        assert!(!beside(out, "yusuan-old").exists());
    };

    // Stopped while moving the cache into the new folder: the previous dataset stays.
    let out = root.path().join("a");
    copy(&old_data, &out);
    copy(&new_data, &beside(&out, "yusuan-next"));
    cache(&beside(&out, "yusuan-next"));
    check(&out, &old_data);

    // Stopped after the exchange: the new dataset, the old one's folder still beside it.
    let out = root.path().join("b");
    copy(&new_data, &out);
    cache(&out);
    copy(&old_data, &beside(&out, "yusuan-next"));
    check(&out, &new_data);

    // Switching by two renames, stopped between them: the previous dataset comes back.
    let out = root.path().join("c");
    copy(&old_data, &beside(&out, "yusuan-old"));
    copy(&new_data, &beside(&out, "yusuan-next"));
    cache(&beside(&out, "yusuan-next"));
    check(&out, &old_data);

    // Switching by two renames, stopped after both: the new dataset.
    let out = root.path().join("d");
    copy(&new_data, &out);
    cache(&out);
    copy(&old_data, &beside(&out, "yusuan-old"));
    check(&out, &new_data);
}
