//! What the extractor produces: the text and table grids of one file, in reading order.

use serde::{Deserialize, Serialize};

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
    pub warnings: Vec<String>,
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
}
