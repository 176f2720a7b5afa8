//! The dataset files are all written, with headers that match the data package's schemas.

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
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".yusuan-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folder left behind");
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
