//! Words → cells: the words that fall in a ruled grid become the text of its cells.
//!
//! [`grid_table`] places each word by its centre (a cell's lines are joined with `\n`, CJK
//! words of one line without a space), after splitting rows that the rules left merged but
//! the text shows apart.

use yusuan_model::{Cell, Table};

use super::grid::Grid;
use super::{PageTable, TableSettings};
use crate::pdf::layout::lines::{join_words, Word};

/// Text of the words of one cell: lines top to bottom joined with `\n`.
fn cell_text(mut words: Vec<Word>) -> String {
    if words.is_empty() {
        return String::new();
    }
    words.sort_by(|a, b| a.bbox.cy().total_cmp(&b.bbox.cy()));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(l)
                if {
                    let cy = l.iter().map(|x| x.bbox.cy()).sum::<f32>() / l.len() as f32;
                    (w.bbox.cy() - cy).abs()
                        <= TableSettings::DEFAULT.text_line_em * w.size.min(l[0].size)
                } =>
            {
                l.push(w)
            }
            _ => lines.push(vec![w]),
        }
    }
    let mut out = Vec::new();
    for mut l in lines {
        l.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        let refs: Vec<&Word> = l.iter().collect();
        out.push(join_words(&refs, f32::INFINITY));
    }
    out.join("\n")
}

/// The table of one ruled grid on `page`: each `(row, col, word)` goes into its cell.
pub(crate) fn grid_table(grid: &Grid, words: Vec<(usize, usize, Word)>, page: u32) -> PageTable {
    let marks: Vec<(f32, f32, usize)> = words
        .iter()
        .map(|(_, c, w)| (w.bbox.cy(), w.size, *c))
        .collect();
    let split = grid.split_unruled_rows(&marks);
    let (grid, words) = match &split {
        Some(g) => {
            let relocated = words
                .into_iter()
                .filter_map(|(_, _, w)| g.locate(w.bbox.cx(), w.bbox.cy()).map(|(r, c)| (r, c, w)))
                .collect();
            (g, relocated)
        }
        None => (grid, words),
    };
    let cover = grid.coverage();
    let mut per_cell: Vec<Vec<Word>> = vec![Vec::new(); grid.cells.len()];
    for (r, c, w) in words {
        if let Some(Some(i)) = cover.get(r).and_then(|row| row.get(c)) {
            per_cell[*i].push(w);
        }
    }
    let cells = grid
        .cells
        .iter()
        .zip(per_cell)
        .map(|(gc, ws)| Cell {
            row: gc.row,
            col: gc.col,
            row_span: gc.row_span,
            col_span: gc.col_span,
            text: cell_text(ws),
            page: Some(page),
        })
        .collect();
    PageTable {
        table: Table {
            n_rows: grid.n_rows(),
            n_cols: grid.n_cols(),
            cells,
            page: Some(page),
        },
        xs: grid.xs.clone(),
        bbox: grid.bbox(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::interpret::geom::Rect;

    fn word(text: &str, x0: f32, y0: f32, x1: f32) -> Word {
        Word {
            text: text.into(),
            bbox: Rect {
                x0,
                y0,
                x1,
                y1: y0 + 12.0,
            },
            size: 12.0,
            dir: 0,
        }
    }

    #[test]
    fn cell_text_orders_lines_and_joins_cjk() {
        let ws = vec![
            word("银行费", 10.0, 30.0, 46.0),
            word("国库集中", 10.0, 15.0, 58.0),
            word("收付", 70.0, 15.5, 94.0),
        ];
        assert_eq!(cell_text(ws), "国库集中收付\n银行费");
        assert_eq!(
            cell_text(vec![
                word("1,206", 0.0, 0.0, 30.0),
                word("337", 0.0, 14.0, 20.0)
            ]),
            "1,206\n337"
        );
    }
}
