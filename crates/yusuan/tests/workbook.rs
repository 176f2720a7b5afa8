//! Disclosure tables published as an Excel workbook (one table a sheet; made by
//! `scripts/gen_xlsx_corpus.py` from corpus documents) read like their .docx twins: the same
//! line items, the same failed table checks, the same department and year; and the two saved
//! by LibreOffice as Excel 97–2003 `.xls` (corpus/xls) read like them too.

use std::collections::BTreeMap;
use std::path::PathBuf;

use yusuan::process_bytes;
use yusuan_model::{CheckId, CheckStatus, Disclosure, FileStatus};

fn read(path: &PathBuf, ext: &str) -> Disclosure {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let outcome = process_bytes(&std::fs::read(path).unwrap(), &name, ext);
    assert_eq!(
        outcome.status,
        FileStatus::Ok,
        "{name}: {:?}",
        outcome.error
    );
    assert_eq!(outcome.format, ext, "{name}");
    outcome.disclosure.unwrap()
}

fn items(d: &Disclosure) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for i in &d.line_items {
        let key = format!(
            "{}|{}|{}|{}|{}|{}",
            i.table,
            i.scheme.as_str(),
            i.code,
            i.project,
            i.measure,
            i.amount_yuan
        );
        *m.entry(key).or_insert(0) += 1;
    }
    m
}

fn table_failures(d: &Disclosure) -> Vec<String> {
    let mut v: Vec<String> = d
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail && c.check != CheckId::NarrativeMismatch)
        .filter(|c| c.check != CheckId::MissingTable)
        .map(|c| format!("{}/{:?}/{}", c.check, c.table, c.code))
        .collect();
    v.sort();
    v
}

fn workbooks_in(folder: &str) -> Vec<PathBuf> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut books: Vec<PathBuf> = std::fs::read_dir(corpus.join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == folder))
        .collect();
    books.sort();
    books
}

#[test]
fn workbooks_read_like_their_docx_twins() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let xlsx = workbooks_in("xlsx");
    let xls = workbooks_in("xls");
    assert_eq!((xlsx.len(), xls.len()), (4, 2));
    for (book, ext) in xlsx
        .iter()
        .map(|b| (b, "xlsx"))
        .chain(xls.iter().map(|b| (b, "xls")))
    {
        let stem = book.file_stem().unwrap().to_string_lossy().into_owned();
        let x = read(book, ext);
        let w = read(&corpus.join(format!("docx/{stem}.docx")), "docx");
        assert!(x.line_items.len() > 200, "{stem}: {}", x.line_items.len());
        assert_eq!(items(&x), items(&w), "{stem}: line items differ");
        assert_eq!(table_failures(&x), table_failures(&w), "{stem}");
        assert_eq!(x.meta.department, w.meta.department, "{stem}");
        assert_eq!(x.meta.fiscal_year, w.meta.fiscal_year, "{stem}");
        assert_eq!(x.meta.doc_kind, w.meta.doc_kind, "{stem}");
    }
}
