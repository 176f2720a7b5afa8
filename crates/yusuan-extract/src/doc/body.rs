//! Paragraphs, in text order, into body paragraphs and tables.
//!
//! Each paragraph comes with the mark that ended it and its [`ParaProps`]. At depth 0 it is a
//! body paragraph (kept unless blank, as in the .docx reader). In a top-level table a cell mark
//! `\x07` ends a cell and the `\x07` with `sprmPFTtp` ends the row (it holds no text, only the
//! row's definition); in a nested table the cell and row ends are ordinary marks flagged with
//! `sprmPFInnerTableCell` / `sprmPFInnerTtp`. A cell's paragraphs are joined with `\n`. A table
//! nested in a cell becomes a table block of its own, placed before the table that holds it.

use yusuan_model::{Block, Paragraph, Warning};

use super::paragraphs::ParaProps;
use super::tables::{build_table, RowIn};

/// What ended a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// A paragraph mark `\r`.
    Paragraph,
    /// A cell or row-end mark `\x07`.
    Cell,
    /// A section or page break `\x0c`.
    Section,
    /// The end of the main text without a mark.
    End,
}

/// A table being read.
#[derive(Default)]
struct TableAcc {
    rows: Vec<RowIn>,
    cells: Vec<String>,
    /// Paragraphs of the open cell.
    cell: Vec<String>,
}

impl TableAcc {
    fn end_cell(&mut self) {
        let text = std::mem::take(&mut self.cell).join("\n");
        self.cells.push(text);
    }
}

/// Collects blocks from paragraphs.
#[derive(Default)]
pub(super) struct Assembler {
    blocks: Vec<Block>,
    tables: Vec<TableAcc>,
    /// Tables whose cell edges could not be used.
    inexact: usize,
    /// Rows or cells left open when their table ended.
    unclosed: usize,
}

impl Assembler {
    /// Take the next paragraph. `depth` must already be bounded by the caller.
    pub(super) fn push(&mut self, text: String, mark: Mark, props: &ParaProps, depth: usize) {
        while self.tables.len() > depth {
            self.close_table();
        }
        while self.tables.len() < depth {
            self.tables.push(TableAcc::default());
        }
        let Some(table) = self.tables.last_mut() else {
            if !text.trim().is_empty() {
                self.blocks
                    .push(Block::Paragraph(Paragraph { text, page: None }));
            }
            return;
        };
        let (row_end, cell_end) = if depth == 1 {
            (props.ttp && mark == Mark::Cell, mark == Mark::Cell)
        } else {
            (props.inner_ttp, props.inner_cell)
        };
        if row_end {
            if !table.cell.is_empty() {
                table.end_cell();
                self.unclosed += 1;
            }
            let cells = std::mem::take(&mut table.cells);
            table.rows.push(RowIn {
                cells,
                def: props.row.clone(),
            });
        } else {
            table.cell.push(text);
            if cell_end {
                table.end_cell();
            }
        }
    }

    /// Finish the innermost open table and emit it.
    fn close_table(&mut self) {
        let Some(mut t) = self.tables.pop() else {
            return;
        };
        if !t.cell.is_empty() {
            t.end_cell();
        }
        if !t.cells.is_empty() {
            self.unclosed += 1;
            t.rows.push(RowIn {
                cells: std::mem::take(&mut t.cells),
                def: None,
            });
        }
        if t.rows.is_empty() {
            return;
        }
        let (table, exact) = build_table(t.rows);
        if !exact {
            self.inexact += 1;
        }
        self.blocks.push(Block::Table(table));
    }

    /// Close every open table; the blocks and any warnings.
    pub(super) fn finish(mut self) -> (Vec<Block>, Vec<Warning>) {
        while !self.tables.is_empty() {
            self.close_table();
        }
        let mut warnings = Vec::new();
        if self.inexact > 0 {
            warnings.push(Warning::table_cell_edges_missing(self.inexact));
        }
        if self.unclosed > 0 {
            warnings.push(Warning::table_row_end_missing(self.unclosed));
        }
        (self.blocks, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::tables::{RowDef, Tc};
    use yusuan_model::Table;

    fn props(in_table: bool, ttp: bool, itap: i64, inner_cell: bool, inner_ttp: bool) -> ParaProps {
        ParaProps {
            in_table,
            ttp,
            itap: Some(itap),
            inner_cell,
            inner_ttp,
            row: None,
        }
    }

    /// A row definition of `n` cells 100 twips wide.
    fn row_def(n: usize) -> Option<RowDef> {
        Some(RowDef {
            edges: (0..=n as i64).map(|i| 100 * i).collect(),
            tcs: vec![Tc::default(); n],
        })
    }

    fn table(b: &Block) -> &Table {
        match b {
            Block::Table(t) => t,
            Block::Paragraph(p) => panic!("expected a table, got {:?}", p.text),
        }
    }

    #[test]
    fn cells_rows_and_nested_tables() {
        let body = ParaProps::default();
        let cell = props(true, false, 1, false, false);
        let ttp = ParaProps {
            row: row_def(2),
            ..props(true, true, 1, false, false)
        };
        let inner = props(true, false, 2, false, false);
        let inner_cell = props(true, false, 2, true, false);
        let inner_ttp = ParaProps {
            row: row_def(1),
            ..props(true, false, 2, true, true)
        };
        let mut a = Assembler::default();
        a.push("标题".into(), Mark::Paragraph, &body, 0);
        a.push("基本".into(), Mark::Paragraph, &cell, 1);
        a.push("支出".into(), Mark::Cell, &cell, 1);
        a.push("host".into(), Mark::Paragraph, &cell, 1);
        a.push("x".into(), Mark::Paragraph, &inner, 2);
        a.push("y".into(), Mark::Paragraph, &inner_cell, 2);
        a.push(String::new(), Mark::Paragraph, &inner_ttp, 2);
        a.push(String::new(), Mark::Cell, &cell, 1);
        a.push(String::new(), Mark::Cell, &ttp, 1);
        a.push("  ".into(), Mark::Paragraph, &body, 0);
        a.push("完".into(), Mark::End, &body, 0);
        let (blocks, warnings) = a.finish();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(blocks.len(), 4);
        assert_eq!(table(&blocks[1]).cells[0].text, "x\ny");
        let host = table(&blocks[2]);
        assert_eq!((host.n_rows, host.n_cols), (1, 2));
        assert_eq!(host.cells[0].text, "基本\n支出");
        assert_eq!(host.cells[1].text, "host\n");
    }

    #[test]
    fn an_unfinished_table_is_kept_with_a_warning() {
        let mut a = Assembler::default();
        a.push(
            "a".into(),
            Mark::Cell,
            &props(true, false, 1, false, false),
            1,
        );
        a.push(
            "b".into(),
            Mark::End,
            &props(true, false, 1, false, false),
            1,
        );
        let (blocks, warnings) = a.finish();
        assert_eq!(table(&blocks[0]).cells.len(), 2);
        assert_eq!(
            warnings,
            [
                Warning::table_cell_edges_missing(1),
                Warning::table_row_end_missing(1)
            ]
        );
    }
}
