//! The .doc reader against the .docx reader: every `corpus/doc/X.doc` (LibreOffice's Word 97
//! conversion of `corpus/docx/X.docx`, made by `scripts/gen_doc_corpus.py`) must give the same
//! paragraphs and the same table grids — rows, columns, spans and cell texts — once whitespace is
//! normalised (LibreOffice drops a lone space in a cell, and turns a page break at the start of a
//! paragraph into a paragraph property).

use std::path::{Path, PathBuf};

use yusuan_extract::{extract, Limits};
use yusuan_model::{Block, Document, Format};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    extract(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs of whitespace (U+3000 included) as one space, none at the ends.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The blocks as lines: a paragraph, or a table's shape followed by one line per cell.
fn lines(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                let text = norm(&p.text);
                if !text.is_empty() {
                    out.push(format!("P {text}"));
                }
            }
            Block::Table(t) => {
                out.push(format!("T {}x{}", t.n_rows, t.n_cols));
                for c in &t.cells {
                    out.push(format!(
                        "  ({},{}) {}x{} {}",
                        c.row,
                        c.col,
                        c.row_span,
                        c.col_span,
                        norm(&c.text)
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_doc_reads_like_its_docx() {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(corpus().join("doc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 4, "corpus/doc holds {} files", docs.len());

    for doc_path in docs {
        let stem = doc_path.file_stem().unwrap().to_str().unwrap().to_string();
        let doc = read(&doc_path);
        let docx = read(&corpus().join("docx").join(format!("{stem}.docx")));
        assert_eq!(doc.format, Format::Doc);
        assert!(doc.warnings.is_empty(), "{stem}: {:?}", doc.warnings);

        let (a, b) = (lines(&doc), lines(&docx));
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            panic!(
                "{stem}: first difference at line {i}:\n  .doc : {:?}\n  .docx: {:?}\ncontext (.docx): {:#?}",
                a.get(i),
                b.get(i),
                &b[i.saturating_sub(3)..(i + 3).min(b.len())]
            );
        }
        let tables = doc.tables().count();
        assert!(tables >= 9, "{stem}: {tables} tables");
        assert!(
            doc.tables().any(|t| t.cells.iter().any(|c| c.col_span > 1)),
            "{stem}: some header cell spans columns"
        );
    }
}

#[test]
fn merged_header_tree_of_the_seed() {
    let doc = read(&corpus().join("doc/seed-changji-zhengziju-2022.doc"));
    let t = doc
        .tables()
        .find(|t| {
            t.cells
                .iter()
                .any(|c| c.text.contains("公务用车购置及运行费"))
        })
        .expect("the 三公 table");
    let cell = |needle: &str| {
        t.cells
            .iter()
            .find(|c| c.text.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let car = cell("公务用车购置及运行费");
    assert!(car.col_span >= 2, "{car:?}");
    assert!(
        t.cells.iter().any(|c| c.row_span >= 2),
        "a header cell spans rows"
    );
    // The project table keeps the line break before 16.
    assert!(doc
        .tables()
        .any(|t| t.cells.iter().any(|c| c.text == "\n16")));
}

#[test]
fn damaged_copies_of_a_real_doc_give_errors_not_panics() {
    let bytes = std::fs::read(corpus().join("doc/hangzhou-caizhengju-2023.doc")).unwrap();
    // Cut short anywhere from the header to the last sector: an error, never a panic.
    for tenth in 1..10 {
        let keep = bytes.len() * tenth / 10;
        assert!(
            extract(&bytes[..keep], &Limits::default()).is_err(),
            "{keep} of {} bytes read without an error",
            bytes.len()
        );
    }
    // Bytes overwritten at random (a fixed xorshift sequence): whatever comes out, no panic.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..200 {
        let mut b = bytes.clone();
        for _ in 0..16 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = 512 + (seed % (b.len() as u64 - 512)) as usize;
            b[at] = (seed >> 40) as u8;
        }
        let _ = extract(&b, &Limits::default());
    }
}
