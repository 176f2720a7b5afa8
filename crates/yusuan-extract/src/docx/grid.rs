//! Building a table grid from Word rows and cells with `gridBefore`, `gridSpan` and `vMerge`.

use yusuan_model::{Cell, Table};

/// How a `w:tc` takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged vertically.
    None,
    /// `w:vMerge w:val="restart"`: the first cell of a vertical merge.
    Restart,
    /// `w:vMerge` without a value: continues the merge from the row above.
    Continue,
}

/// Collects rows and cells of one `w:tbl` and lays them out on the grid.
#[derive(Debug, Default)]
pub(crate) struct GridBuilder {
    cells: Vec<Cell>,
    /// For each grid column, the index of the cell whose vertical merge is open there.
    open_merges: Vec<Option<usize>>,
    row: usize,
    col: usize,
    n_cols: usize,
    started_row: bool,
}

impl GridBuilder {
    /// Start a new row; `grid_before` columns are skipped at its start.
    pub(crate) fn start_row(&mut self, grid_before: usize) {
        if self.started_row {
            self.row += 1;
        }
        self.started_row = true;
        self.col = grid_before;
    }

    /// Add a `w:tc` with its properties and text at the current column.
    pub(crate) fn add_cell(&mut self, span: usize, vmerge: VMerge, text: String) {
        let span = span.max(1);
        let col = self.col;
        if self.open_merges.len() < col + span {
            self.open_merges.resize(col + span, None);
        }
        match (vmerge, self.open_merges[col]) {
            (VMerge::Continue, Some(idx)) if self.cells[idx].col_span == span => {
                let cell = &mut self.cells[idx];
                cell.row_span = self.row - cell.row + 1;
                if !text.trim().is_empty() {
                    if !cell.text.is_empty() {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&text);
                }
            }
            _ => {
                let idx = self.cells.len();
                self.cells.push(Cell {
                    row: self.row,
                    col,
                    row_span: 1,
                    col_span: span,
                    text,
                    page: None,
                });
                let open = if vmerge == VMerge::None {
                    None
                } else {
                    Some(idx)
                };
                for slot in &mut self.open_merges[col..col + span] {
                    *slot = open;
                }
            }
        }
        self.col += span;
        self.n_cols = self.n_cols.max(self.col);
    }

    /// Finish the table. `grid_cols` is the column count declared by `w:tblGrid`, if any.
    pub(crate) fn finish(mut self, grid_cols: usize) -> Table {
        let n_rows = if self.started_row { self.row + 1 } else { 0 };
        self.cells.sort_by_key(|c| (c.row, c.col));
        Table {
            n_rows,
            n_cols: self.n_cols.max(grid_cols),
            cells: self.cells,
            page: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_vertical_merges() {
        let mut g = GridBuilder::default();
        g.start_row(0);
        g.add_cell(1, VMerge::Restart, "编码".into());
        g.add_cell(2, VMerge::None, "支出".into());
        g.start_row(0);
        g.add_cell(1, VMerge::Continue, String::new());
        g.add_cell(1, VMerge::None, "基本".into());
        g.add_cell(1, VMerge::None, "项目".into());
        let t = g.finish(0);
        assert_eq!((t.n_rows, t.n_cols), (2, 3));
        assert_eq!(t.cells[0].row_span, 2);
        assert_eq!(t.cells[1].col_span, 2);
        assert_eq!(t.cells[2].col, 1);
        assert_eq!(t.cells[2].row, 1);
    }

    #[test]
    fn grid_before_shifts_cells() {
        let mut g = GridBuilder::default();
        g.start_row(2);
        g.add_cell(1, VMerge::None, "x".into());
        let t = g.finish(0);
        assert_eq!(t.cells[0].col, 2);
        assert_eq!(t.n_cols, 3);
    }
}
