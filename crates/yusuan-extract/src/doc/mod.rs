//! The Word 97–2003 .doc reader: an OLE compound file (written by Word or WPS) → paragraphs and
//! table grids, the same [`Document`] the .docx reader gives.
//!
//! 1. `ole` opens the compound file and reads the `WordDocument`, table (`0Table`/`1Table`)
//!    and `Data` streams within the [`Limits`]; an OLE file without `WordDocument` (an .xls) is
//!    [`ExtractError::Unsupported`].
//! 2. `fib` reads the File Information Block: version, encryption, where the tables are.
//! 3. `pieces` reads the piece table and gathers the main document text (Windows-1252 and
//!    UTF-16 pieces) as UTF-16.
//! 4. The text is split at paragraph marks `\r`, cell marks `\x07` and section breaks `\x0c`
//!    (a `\x0c` that ends no section in `PlcfSed` is a page break inside a paragraph: `\n`);
//!    `paragraphs` finds each mark's properties (in a table? row end? depth?), `chars`
//!    finds text deleted with revision marks (skipped), `text` cleans the rest (field results
//!    only, control characters), and `body` assembles body paragraphs and tables, which
//!    `tables` lays out on a grid from the rows' cell edges.
//!
//! Headers, footers, footnotes, comments and text boxes are separate parts of the text and are
//! not read, as the .docx reader reads only `word/document.xml`.
//!
//! Example: a WPS .doc with the paragraph `2016年收入决算表` and a table whose first header cell
//! `项目` covers two columns yields `[Paragraph("2016年收入决算表"), Table { cells: [Cell { row:
//! 0, col: 0, col_span: 2, text: "项目", .. }, ..], .. }]`.

mod body;
mod chars;
mod fib;
mod ole;
mod paragraphs;
mod pieces;
mod sprm;
mod tables;
#[cfg(test)]
mod testdoc;
mod text;

use yusuan_model::{Document, Format, Warning};

use crate::{ExtractError, Limits, Result};
use body::{Assembler, Mark};
use paragraphs::{PapxIndex, ParaProps};
use text::Cleaner;

/// Read a Word 97–2003 .doc file's bytes.
pub fn read_doc(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let _span = tracing::debug_span!("read_doc", bytes = bytes.len()).entered();
    let mut ole = ole::Ole::open(bytes)?;
    let names = ole.root_names();
    if names.iter().any(|n| n == "EncryptedPackage") {
        return Err(ExtractError::encrypted(
            "password-protected Office 2007+ file (an encrypted package in an OLE container)",
        ));
    }
    // An Excel 97–2003 workbook (or WPS's .et) keeps its sheets in a `Workbook` (or `Book`) stream.
    if let Some(stream) = ["Workbook", "Book"].into_iter().find(|s| ole.has_stream(s)) {
        ole.read_stream(stream, limits)?;
        return crate::workbook::read_xls(bytes);
    }
    if !ole.has_stream("WordDocument") {
        return Err(ExtractError::Unsupported(ole::not_word_message(&names)));
    }
    let word = ole.read_stream("WordDocument", limits)?;
    let fib = fib::parse(&word)?;
    if !ole.has_stream(fib.table_stream) {
        return Err(ExtractError::malformed(format!(
            "Word 97 .doc: the table stream {} is missing",
            fib.table_stream
        )));
    }
    let table = ole.read_stream(fib.table_stream, limits)?;
    let data = if ole.has_stream("Data") {
        ole.read_stream("Data", limits)?
    } else {
        Vec::new()
    };
    let total = (word.len() + table.len() + data.len()) as u64;
    if total > limits.max_document_bytes {
        return Err(ExtractError::Limit(format!(
            "the .doc streams hold {total} bytes, more than the {} allowed for a document",
            limits.max_document_bytes
        )));
    }

    let clx = pieces::parse_clx(&table, fib.clx.fc, fib.clx.lcb)?;
    let units = clx.main_text(&word, fib.ccp_text, limits)?;
    let mut papx = PapxIndex::new(&table, fib.plcf_bte_papx, &word, &data)?;
    let section_ends = section_ends(&table, fib.plcf_sed);
    let deleted_fcs = chars::deleted_fc_ranges(&table, fib.plcf_bte_chpx, &word);
    let deleted = chars::deleted_cp_ranges(&clx, &deleted_fcs, fib.ccp_text);
    let mut warnings = Vec::new();
    if units.len() < fib.ccp_text as usize {
        warnings.push(Warning::piece_table_short(
            units.len(),
            fib.ccp_text as usize,
        ));
    }

    let mut assembler = Assembler::default();
    let mut cleaner = Cleaner::default();
    let mut current: Vec<u16> = Vec::new();
    let mut unknown_props = 0usize;
    for (cp, &unit) in units.iter().enumerate() {
        let mark = match unit {
            0x0D => Mark::Paragraph,
            0x07 => Mark::Cell,
            0x0C if section_ends.binary_search(&(cp as u32 + 1)).is_ok() => Mark::Section,
            _ => {
                if deleted.is_empty() || !chars::in_ranges(&deleted, cp as u32) {
                    cleaner.push(unit, &mut current);
                }
                continue;
            }
        };
        let props = match props_at(&clx, &mut papx, &data, cp as u32) {
            Some(p) => p,
            None => {
                unknown_props += 1;
                ParaProps::default()
            }
        };
        let depth = depth_of(&props, limits)?;
        let text = text::decode(&current);
        current.clear();
        assembler.push(text, mark, &props, depth);
    }
    if !current.is_empty() {
        assembler.push(text::decode(&current), Mark::End, &ParaProps::default(), 0);
    }
    let (blocks, more) = assembler.finish();
    if unknown_props > 0 {
        warnings.push(Warning::paragraph_properties_missing(unknown_props));
    }
    warnings.extend(more);
    Ok(Document {
        format: Format::Doc,
        pages: None,
        blocks,
        warnings,
    })
}

/// The properties of the paragraph whose mark is at `cp`: its FKP's, then its piece's `Prm`.
fn props_at(clx: &pieces::Clx, papx: &mut PapxIndex, data: &[u8], cp: u32) -> Option<ParaProps> {
    let piece = clx.piece_at(cp)?;
    let mut props = papx.props_at(piece.fc_of(cp))?;
    if piece.prm & 1 == 1 {
        if let Some(grpprl) = clx.grpprls.get(usize::from(piece.prm >> 1)) {
            props.apply(grpprl, data, false);
        }
    }
    Some(props)
}

/// The CPs at which sections end (one past their section mark), sorted; empty when the section
/// table is missing or lies outside the table stream.
fn section_ends(table: &[u8], at: fib::FcLcb) -> Vec<u32> {
    let start = at.fc as usize;
    let Some(plc) = start
        .checked_add(at.lcb as usize)
        .and_then(|end| table.get(start..end))
    else {
        return Vec::new();
    };
    // n + 1 CPs, then n section descriptors of 12 bytes.
    let n = plc.len().saturating_sub(4) / 16;
    let mut cps: Vec<u32> = (1..=n).filter_map(|i| u32_at(plc, 4 * i)).collect();
    cps.sort_unstable();
    cps
}

/// The table depth of a paragraph, refused past `limits.max_depth`.
fn depth_of(props: &ParaProps, limits: &Limits) -> Result<usize> {
    let depth = props.depth();
    usize::try_from(depth)
        .ok()
        .filter(|&d| d <= limits.max_depth)
        .ok_or_else(|| {
            ExtractError::Limit(format!(
                "tables nested {depth} deep, more than the {} levels allowed",
                limits.max_depth
            ))
        })
}

/// A little-endian `u16` at `at`, if the bytes are there.
fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// A little-endian `i16` at `at`, if the bytes are there.
fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    u16_at(b, at).map(|v| v as i16)
}

/// A little-endian `u32` at `at`, if the bytes are there.
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::testdoc::{body, build, build_with_deletions, cell, fib_bytes, ole, row_end, Para};
    use super::*;
    use yusuan_model::{Block, Table};

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                Block::Table(t) => format!("<table {}x{}>", t.n_rows, t.n_cols),
            })
            .collect()
    }

    fn table(doc: &Document) -> &Table {
        doc.tables().next().expect("a table")
    }

    /// A title, a field, a two-row table with a merged header, a closing line.
    fn sample() -> Vec<u8> {
        build(
            &[
                body("2016年收入决算表"),
                body("第\x13 PAGE \x143\x15页\x0b金额单位：元\x01"),
                cell("项目"),
                cell("金额"),
                row_end(&[0, 1000, 3000], &[0x60, 0]),
                cell(""),
                cell("基本"),
                cell("42,583,921.59"),
                row_end(&[0, 1000, 2000, 3000], &[0x20, 0, 0]),
                body("完"),
            ],
            &[],
        )
    }

    #[test]
    fn paragraphs_fields_and_a_merged_table() {
        let doc = read_doc(&sample(), &Limits::default()).unwrap();
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(
            texts(&doc),
            [
                "2016年收入决算表",
                "第3页\n金额单位：元",
                "<table 2x3>",
                "完"
            ]
        );
        let t = table(&doc);
        let cells: Vec<_> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
            .collect();
        assert_eq!(
            cells,
            [
                (0, 0, 2, 1, "项目"),
                (0, 1, 1, 2, "金额"),
                (1, 1, 1, 1, "基本"),
                (1, 2, 1, 1, "42,583,921.59")
            ]
        );
        // Through the sniffer too.
        assert_eq!(crate::extract(&sample(), &Limits::default()).unwrap(), doc);
    }

    #[test]
    fn section_marks_end_paragraphs_and_page_breaks_do_not() {
        let paras = [
            Para {
                text: "第一部分".into(),
                mark: '\x0c',
                grpprl: Vec::new(),
            },
            body("x\x0cy"),
        ];
        // The section ends after the first mark (CP 5).
        let doc = read_doc(&build(&paras, &[5, 9]), &Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["第一部分", "x\ny"]);
    }

    #[test]
    fn deleted_revisions_are_not_read() {
        // "保留删除" then a cell "999678": 删除 (CPs 2..4) and 999 (CPs 5..8) are deleted.
        let paras = [body("保留删除"), cell("999678"), row_end(&[0, 1000], &[0])];
        let doc = read_doc(
            &build_with_deletions(&paras, &[], &[(2, 4), (5, 8)]),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(texts(&doc), ["保留", "<table 1x1>"]);
        assert_eq!(table(&doc).cells[0].text, "678");
    }

    #[test]
    fn truncated_files_are_errors() {
        let bytes = sample();
        for keep in [bytes.len() / 2, bytes.len() * 3 / 4, 600, 100] {
            let res = crate::extract(&bytes[..keep], &Limits::default());
            assert!(res.is_err(), "{keep} of {} bytes read", bytes.len());
        }
    }

    #[test]
    fn a_garbage_word_document_stream_is_malformed() {
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let bytes = ole(&[("WordDocument", &garbage), ("1Table", &garbage)]);
        let err = read_doc(&bytes, &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Malformed { .. }), "{err}");

        // A valid FIB whose tables point nowhere.
        let mut word = fib_bytes(0, 50, &[(33, fib::FcLcb { fc: 9, lcb: 900 })]);
        word.resize(2048, 0x41);
        let bytes = ole(&[("WordDocument", &word), ("0Table", &garbage[..64])]);
        let err = read_doc(&bytes, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("piece table"), "{err}");

        // No table stream at all.
        let bytes = ole(&[("WordDocument", &word)]);
        let err = read_doc(&bytes, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("0Table is missing"), "{err}");
    }

    #[test]
    fn encrypted_and_non_word_ole_files() {
        let mut word = fib_bytes(0x0100, 0, &[]);
        word.resize(1024, 0);
        let bytes = ole(&[("WordDocument", &word), ("0Table", &[0u8; 16])]);
        assert!(matches!(
            read_doc(&bytes, &Limits::default()),
            Err(ExtractError::Encrypted { .. })
        ));
        // An .xls goes to the workbook reader, which names what it could not read.
        let xls = ole(&[("Workbook", &[9u8; 4096])]);
        match crate::extract(&xls, &Limits::default()) {
            Err(e @ ExtractError::Malformed { .. }) => {
                assert!(e.to_string().contains(".xls workbook"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        let package = ole(&[
            ("EncryptionInfo", &[1u8; 64]),
            ("EncryptedPackage", &[2u8; 64]),
        ]);
        assert!(matches!(
            read_doc(&package, &Limits::default()),
            Err(ExtractError::Encrypted { .. })
        ));
    }

    #[test]
    fn limits_are_obeyed() {
        let limits = Limits {
            max_part_bytes: 1000,
            ..Limits::default()
        };
        let err = read_doc(&sample(), &limits).unwrap_err();
        assert!(matches!(err, ExtractError::Limit(_)), "{err}");
        let deep = build(
            &[Para {
                text: "x".into(),
                mark: '\r',
                grpprl: vec![0x16, 0x24, 1, 0x49, 0x66, 0xFF, 0xFF, 0xFF, 0x0F],
            }],
            &[],
        );
        let err = read_doc(&deep, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("nested"), "{err}");
    }

    #[test]
    fn damaged_bytes_never_panic() {
        let bytes = sample();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..300 {
            let mut b = bytes.clone();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % b.len() as u64) as usize;
                b[at] = (seed >> 32) as u8;
            }
            let _ = read_doc(&b, &Limits::default());
        }
    }
}
