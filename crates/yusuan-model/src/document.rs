//! What the extractor produces: the text and table grids of one file, in reading order.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::vocab::WarningKind;

/// The container format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML word-processing document.
    Docx,
    /// Portable Document Format.
    Pdf,
    /// Office Open XML workbook (Excel .xlsx).
    Xlsx,
    /// Word 97–2003 binary document (an OLE compound file).
    Doc,
    /// Excel 97–2003 binary workbook (an OLE compound file; WPS's .et too).
    Xls,
}

impl Format {
    /// The lower-case name used in the dataset (`docx`, `pdf`, `doc`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Doc => "doc",
            Format::Xls => "xls",
        }
    }
}

/// One extracted file: blocks in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The format it was read from.
    pub format: Format,
    /// Number of pages (PDF only).
    pub pages: Option<u32>,
    /// Paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
    /// Problems the reader met that did not stop it (pages skipped, undecodable text …).
    /// A document with warnings is `partial`.
    pub warnings: Vec<Warning>,
}

/// A problem a reader met that did not stop it: what happened ([`WarningKind`]), where (the
/// page or sheet), and the specifics. Each kind sets the fields its sentence needs and no
/// others; the constructors, one per kind, say which.
///
/// [`Display`](fmt::Display) gives the sentence users read (in `documents.csv`'s `error`
/// column, joined with `; `); serde gives the fields, those not set left out, e.g.
/// `{"kind":"page_unreadable","page":3,"detail":"page object 12 0 is missing"}` for
/// `page 3: could not be read (page object 12 0 is missing); skipped`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What happened.
    pub kind: WarningKind,
    /// The page it happened on (PDF), 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The pages it concerns, when several (PDF pages without a text layer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// The sheet it happened in (workbooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The font whose text could not be decoded (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// How many: characters left out, pages read or found, tables, rows, paragraph marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Out of how many: the pages of the document or declared, the characters of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// The cause, as the library or the reader reported it, or what exactly was met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Warning {
    fn new(kind: WarningKind) -> Warning {
        Warning {
            kind,
            page: None,
            pages: Vec::new(),
            sheet: None,
            font: None,
            count: None,
            total: None,
            detail: None,
        }
    }

    fn on_page(mut self, page: u32) -> Warning {
        self.page = Some(page);
        self
    }

    fn because(mut self, cause: impl fmt::Display) -> Warning {
        self.detail = Some(cause.to_string());
        self
    }

    fn counting(mut self, count: usize, total: Option<usize>) -> Warning {
        self.count = Some(count as u64);
        self.total = total.map(|t| t as u64);
        self
    }

    /// [`WarningKind::XrefRepaired`], with the error that loading the file reported.
    pub fn xref_repaired(cause: impl fmt::Display) -> Warning {
        Warning::new(WarningKind::XrefRepaired).because(cause)
    }

    /// [`WarningKind::PageTreeDamaged`].
    pub fn page_tree_damaged() -> Warning {
        Warning::new(WarningKind::PageTreeDamaged)
    }

    /// [`WarningKind::PagesMissing`]: `found` of the `declared` pages.
    pub fn pages_missing(found: usize, declared: usize) -> Warning {
        Warning::new(WarningKind::PagesMissing).counting(found, Some(declared))
    }

    /// [`WarningKind::PageLimitReached`]: the first `read` of `pages` pages.
    pub fn page_limit_reached(read: usize, pages: usize) -> Warning {
        Warning::new(WarningKind::PageLimitReached).counting(read, Some(pages))
    }

    /// [`WarningKind::PagesWithoutText`].
    pub fn pages_without_text(pages: Vec<u32>) -> Warning {
        Warning {
            pages,
            ..Warning::new(WarningKind::PagesWithoutText)
        }
    }

    /// [`WarningKind::PageUnreadable`], with why.
    pub fn page_unreadable(page: u32, cause: impl fmt::Display) -> Warning {
        Warning::new(WarningKind::PageUnreadable)
            .on_page(page)
            .because(cause)
    }

    /// [`WarningKind::PageReaderFailed`].
    pub fn page_reader_failed(page: u32) -> Warning {
        Warning::new(WarningKind::PageReaderFailed).on_page(page)
    }

    /// [`WarningKind::ContentMissing`], with what is missing (`its content stream is missing`).
    pub fn content_missing(page: u32, what: impl fmt::Display) -> Warning {
        Warning::new(WarningKind::ContentMissing)
            .on_page(page)
            .because(what)
    }

    /// [`WarningKind::ContentDamaged`], with what decoding the stream reported.
    pub fn content_damaged(page: u32, cause: impl fmt::Display) -> Warning {
        Warning::new(WarningKind::ContentDamaged)
            .on_page(page)
            .because(cause)
    }

    /// [`WarningKind::ContentIncomplete`], with what the interpreter met
    /// (`a form that paints itself was skipped`).
    pub fn content_incomplete(page: u32, what: impl fmt::Display) -> Warning {
        Warning::new(WarningKind::ContentIncomplete)
            .on_page(page)
            .because(what)
    }

    /// [`WarningKind::FontUndecodable`]: `left_out` characters in `font`.
    pub fn font_undecodable(page: u32, font: &str, left_out: usize) -> Warning {
        Warning {
            font: Some(font.to_string()),
            ..Warning::new(WarningKind::FontUndecodable)
                .on_page(page)
                .counting(left_out, None)
        }
    }

    /// [`WarningKind::CharactersUndecodable`]: `left_out` characters in `font`.
    pub fn characters_undecodable(page: u32, font: &str, left_out: usize) -> Warning {
        Warning {
            font: Some(font.to_string()),
            ..Warning::new(WarningKind::CharactersUndecodable)
                .on_page(page)
                .counting(left_out, None)
        }
    }

    /// [`WarningKind::PieceTableShort`]: `covered` of the `characters` of the main text.
    pub fn piece_table_short(covered: usize, characters: usize) -> Warning {
        Warning::new(WarningKind::PieceTableShort).counting(covered, Some(characters))
    }

    /// [`WarningKind::ParagraphPropertiesMissing`]: `marks` paragraph marks.
    pub fn paragraph_properties_missing(marks: usize) -> Warning {
        Warning::new(WarningKind::ParagraphPropertiesMissing).counting(marks, None)
    }

    /// [`WarningKind::TableCellEdgesMissing`]: `tables` tables.
    pub fn table_cell_edges_missing(tables: usize) -> Warning {
        Warning::new(WarningKind::TableCellEdgesMissing).counting(tables, None)
    }

    /// [`WarningKind::TableRowEndMissing`]: `rows` rows.
    pub fn table_row_end_missing(rows: usize) -> Warning {
        Warning::new(WarningKind::TableRowEndMissing).counting(rows, None)
    }

    /// [`WarningKind::SheetUnreadable`], with the error the workbook library reported.
    pub fn sheet_unreadable(sheet: &str, cause: impl fmt::Display) -> Warning {
        Warning {
            sheet: Some(sheet.to_string()),
            ..Warning::new(WarningKind::SheetUnreadable).because(cause)
        }
    }
}

/// The sentence users read: `page 3: could not be read (…); skipped`.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(page) = self.page {
            write!(f, "page {page}: ")?;
        }
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet {sheet}: ")?;
        }
        let detail = self.detail.as_deref().unwrap_or_default();
        let font = self.font.as_deref().unwrap_or_default();
        let count = self.count.unwrap_or_default();
        let total = self.total.unwrap_or_default();
        match self.kind {
            WarningKind::XrefRepaired => write!(
                f,
                "the cross-reference table is damaged ({detail}); objects were recovered by scanning the file"
            ),
            WarningKind::PageTreeDamaged => f.write_str(
                "the page tree is damaged; pages were found by scanning (order may differ)",
            ),
            WarningKind::PagesMissing => write!(
                f,
                "the page tree declares {total} pages but only {count} could be found"
            ),
            WarningKind::PageLimitReached => write!(
                f,
                "only the first {count} of {total} pages were read (page limit)"
            ),
            WarningKind::PagesWithoutText => {
                f.write_str("pages without a text layer (scanned?): ")?;
                for (i, page) in self.pages.iter().take(20).enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{page}")?;
                }
                if self.pages.len() > 20 {
                    f.write_str(" …")?;
                }
                Ok(())
            }
            WarningKind::PageUnreadable | WarningKind::SheetUnreadable => {
                write!(f, "could not be read ({detail}); skipped")
            }
            WarningKind::PageReaderFailed => {
                f.write_str("the reader failed on this page; skipped")
            }
            WarningKind::ContentMissing | WarningKind::ContentIncomplete => f.write_str(detail),
            WarningKind::ContentDamaged => write!(
                f,
                "its content is damaged ({detail}); kept what could be read"
            ),
            WarningKind::FontUndecodable => write!(
                f,
                "text in font {font} cannot be decoded (no usable ToUnicode map); {count} characters left out"
            ),
            WarningKind::CharactersUndecodable => write!(
                f,
                "{count} characters in font {font} cannot be decoded and were left out"
            ),
            WarningKind::PieceTableShort => write!(
                f,
                "the piece table covers {count} of the {total} characters of the main text"
            ),
            WarningKind::ParagraphPropertiesMissing => write!(
                f,
                "{count} paragraph mark(s) without paragraph properties, read as body text"
            ),
            WarningKind::TableCellEdgesMissing => write!(
                f,
                "{count} table(s) laid out without their cell edges (one column per cell)"
            ),
            WarningKind::TableRowEndMissing => {
                write!(f, "{count} table row(s) without a row-end mark")
            }
        }
    }
}

impl Document {
    /// Iterate over the tables of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
    }
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A run of text.
    Paragraph(Paragraph),
    /// A table grid.
    Table(Table),
}

/// A paragraph of text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text; line breaks inside the paragraph are `\n`.
    pub text: String,
    /// Page it starts on (PDF only).
    pub page: Option<u32>,
}

/// A table as a grid of cells. Merged cells appear once, at their top-left position, with a span.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Table {
    /// Number of grid rows.
    pub n_rows: usize,
    /// Number of grid columns.
    pub n_cols: usize,
    /// The cells, in row-major order of their top-left position.
    pub cells: Vec<Cell>,
    /// Page the table starts on (PDF only).
    pub page: Option<u32>,
}

/// One cell of a table grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Grid row of the top-left corner, 0-based.
    pub row: usize,
    /// Grid column of the top-left corner, 0-based.
    pub col: usize,
    /// Rows covered (1 unless vertically merged).
    pub row_span: usize,
    /// Columns covered (1 unless horizontally merged).
    pub col_span: usize,
    /// Text; the cell's paragraphs and line breaks are joined with `\n`.
    pub text: String,
    /// Page the cell is printed on (PDF only).
    pub page: Option<u32>,
}

impl Table {
    /// A dense view: for every grid position, the index into `cells` of the cell covering it.
    pub fn coverage(&self) -> Vec<Vec<Option<usize>>> {
        let mut grid = vec![vec![None; self.n_cols]; self.n_rows];
        for (i, c) in self.cells.iter().enumerate() {
            let cols = c.col.min(self.n_cols)..(c.col + c.col_span).min(self.n_cols);
            for row in grid
                .iter_mut()
                .take((c.row + c.row_span).min(self.n_rows))
                .skip(c.row)
            {
                for slot in &mut row[cols.clone()] {
                    *slot = Some(i);
                }
            }
        }
        grid
    }

    /// Build a table from rows of plain strings (one cell per position, no spans).
    pub fn from_rows<S: AsRef<str>>(rows: &[Vec<S>]) -> Table {
        let n_cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    text: text.as_ref().to_string(),
                    page: None,
                });
            }
        }
        Table {
            n_rows: rows.len(),
            n_cols,
            cells,
            page: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_expands_merged_cells() {
        let t = Table {
            n_rows: 2,
            n_cols: 3,
            cells: vec![
                Cell {
                    row: 0,
                    col: 0,
                    row_span: 2,
                    col_span: 1,
                    text: "a".into(),
                    page: None,
                },
                Cell {
                    row: 0,
                    col: 1,
                    row_span: 1,
                    col_span: 2,
                    text: "b".into(),
                    page: None,
                },
                Cell {
                    row: 1,
                    col: 1,
                    row_span: 1,
                    col_span: 1,
                    text: "c".into(),
                    page: None,
                },
            ],
            page: None,
        };
        let g = t.coverage();
        assert_eq!(g[1][0], Some(0));
        assert_eq!(g[0][2], Some(1));
        assert_eq!(g[1][2], None);
    }

    #[test]
    fn warnings_read_as_the_sentences_users_know() {
        let cases = [
            (
                Warning::xref_repaired("invalid cross-reference table"),
                "the cross-reference table is damaged (invalid cross-reference table); objects were recovered by scanning the file",
            ),
            (
                Warning::page_tree_damaged(),
                "the page tree is damaged; pages were found by scanning (order may differ)",
            ),
            (
                Warning::pages_missing(3, 5),
                "the page tree declares 5 pages but only 3 could be found",
            ),
            (
                Warning::page_limit_reached(2, 3),
                "only the first 2 of 3 pages were read (page limit)",
            ),
            (
                Warning::pages_without_text(vec![2, 5]),
                "pages without a text layer (scanned?): 2, 5",
            ),
            (
                Warning::page_unreadable(3, "page object 12 0 is missing"),
                "page 3: could not be read (page object 12 0 is missing); skipped",
            ),
            (
                Warning::page_reader_failed(4),
                "page 4: the reader failed on this page; skipped",
            ),
            (
                Warning::content_missing(1, "its content stream is missing"),
                "page 1: its content stream is missing",
            ),
            (
                Warning::content_damaged(2, "corrupt deflate stream"),
                "page 2: its content is damaged (corrupt deflate stream); kept what could be read",
            ),
            (
                Warning::content_incomplete(6, "a form that paints itself was skipped"),
                "page 6: a form that paints itself was skipped",
            ),
            (
                Warning::font_undecodable(1, "ABCDEF+Garbled", 4),
                "page 1: text in font ABCDEF+Garbled cannot be decoded (no usable ToUnicode map); 4 characters left out",
            ),
            (
                Warning::characters_undecodable(7, "F3", 12),
                "page 7: 12 characters in font F3 cannot be decoded and were left out",
            ),
            (
                Warning::piece_table_short(100, 120),
                "the piece table covers 100 of the 120 characters of the main text",
            ),
            (
                Warning::paragraph_properties_missing(2),
                "2 paragraph mark(s) without paragraph properties, read as body text",
            ),
            (
                Warning::table_cell_edges_missing(1),
                "1 table(s) laid out without their cell edges (one column per cell)",
            ),
            (
                Warning::table_row_end_missing(3),
                "3 table row(s) without a row-end mark",
            ),
            (
                Warning::sheet_unreadable("Sheet2", "cannot find sheet"),
                "sheet Sheet2: could not be read (cannot find sheet); skipped",
            ),
        ];
        let mut kinds: Vec<WarningKind> = cases.iter().map(|(w, _)| w.kind).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), WarningKind::ALL.len(), "one case per kind");
        for (warning, sentence) in cases {
            assert_eq!(warning.to_string(), sentence);
            let json = serde_json::to_string(&warning).unwrap();
            let back: Warning = serde_json::from_str(&json).unwrap();
            assert_eq!(back, warning, "{json}");
        }
    }

    #[test]
    fn a_warning_serialises_its_kind_place_and_cause_only() {
        let w = Warning::page_unreadable(3, "page object 12 0 is missing");
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"kind":"page_unreadable","page":3,"detail":"page object 12 0 is missing"}"#
        );
        let w = Warning::font_undecodable(1, "ABCDEF+Garbled", 4);
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"kind":"font_undecodable","page":1,"font":"ABCDEF+Garbled","count":4}"#
        );
        let w = Warning::pages_without_text((1..=22).collect());
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"kind":"pages_without_text","pages":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22]}"#
        );
        assert!(w.to_string().ends_with(
            ": 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 …"
        ));
        // The strings of an older build are not warnings: such a record is read as a miss.
        assert!(serde_json::from_str::<Warning>(r#""page 3: could not be read""#).is_err());
        assert!(serde_json::from_str::<Warning>(r#"{"kind":"page_skipped"}"#).is_err());
    }
}
