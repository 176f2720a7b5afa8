//! Tables that continue across pages.
//!
//! When a page ends with a table and the next page starts with one whose column boundaries
//! match ([`columns_match`]), the second is a continuation: [`append`] drops its first rows if
//! they repeat the first part's header rows exactly and appends the rest, renumbering rows.
//! Cells keep the page they are printed on; the table keeps the page it starts on.

use yusuan_model::{Cell, Table};

/// Column boundaries further apart than this (points) do not match.
const COLUMN_TOLERANCE: f32 = 3.0;
/// Most header rows looked for at the top of a continuation.
const MAX_HEADER_ROWS: usize = 6;

/// Whether two tables have the same column boundaries.
pub(crate) fn columns_match(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len()
        && a.len() >= 2
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= COLUMN_TOLERANCE)
}

/// The cells in the first `k` rows, if no cell crosses the boundary below row `k`.
fn top_rows(t: &Table, k: usize) -> Option<Vec<&Cell>> {
    let mut out = Vec::new();
    for c in &t.cells {
        if c.row < k {
            if c.row + c.row_span > k {
                return None;
            }
            out.push(c);
        }
    }
    Some(out)
}

fn same_rows(a: &[&Cell], b: &[&Cell]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.row == y.row
                && x.col == y.col
                && x.row_span == y.row_span
                && x.col_span == y.col_span
                && x.text == y.text
        })
}

/// How many leading rows of `next` repeat the leading rows of `first` (0 if none).
pub(crate) fn repeated_header_rows(first: &Table, next: &Table) -> usize {
    let max = MAX_HEADER_ROWS
        .min(first.n_rows.saturating_sub(1))
        .min(next.n_rows);
    for k in (1..=max).rev() {
        let (Some(a), Some(b)) = (top_rows(first, k), top_rows(next, k)) else {
            continue;
        };
        if a.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        if same_rows(&a, &b) {
            return k;
        }
    }
    0
}

/// Whether row `r` holds only empty one-row cells.
fn blank_row(t: &Table, r: usize) -> bool {
    let mut any = false;
    for c in &t.cells {
        if c.row <= r && r < c.row + c.row_span {
            if c.row_span != 1 || !c.text.trim().is_empty() {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Append a continuation to a table, dropping a repeated header and blank leading rows.
pub(crate) fn append(base: &mut Table, next: Table) {
    let mut k = repeated_header_rows(base, &next);
    while k < next.n_rows && blank_row(&next, k) {
        k += 1;
    }
    let offset = base.n_rows;
    let mut cells: Vec<Cell> = next
        .cells
        .into_iter()
        .filter(|c| c.row >= k)
        .map(|mut c| {
            c.row = c.row - k + offset;
            c
        })
        .collect();
    base.cells.append(&mut cells);
    base.n_rows += next.n_rows.saturating_sub(k);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]], page: u32) -> Table {
        let mut t = Table::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
        for c in &mut t.cells {
            c.page = Some(page);
        }
        t.page = Some(page);
        t
    }

    #[test]
    fn drops_a_repeated_header_and_renumbers() {
        let mut a = table(&[&["科目", "合计"], &["201", "1.00"], &["202", "2.00"]], 4);
        let b = table(&[&["科目", "合计"], &["203", "3.00"]], 5);
        append(&mut a, b);
        assert_eq!(a.n_rows, 4);
        let last = a.cells.last().unwrap();
        assert_eq!(
            (last.row, last.text.as_str(), last.page),
            (3, "3.00", Some(5))
        );
        assert_eq!(a.page, Some(4));
    }

    #[test]
    fn keeps_rows_without_repeated_header() {
        let mut a = table(&[&["科目", "合计"], &["201", "1.00"]], 1);
        let b = table(&[&["203", "3.00"], &["204", "4.00"]], 2);
        append(&mut a, b);
        assert_eq!(a.n_rows, 4);
        assert_eq!(a.cells[4].text, "203");
        assert_eq!(a.cells[4].row, 2);
    }

    #[test]
    fn skips_blank_leading_rows() {
        let mut a = table(&[&["科目", "合计"], &["201", "1.00"]], 1);
        let b = table(&[&["", ""], &["203", "3.00"]], 2);
        append(&mut a, b);
        assert_eq!(a.n_rows, 3);
        assert_eq!(a.cells[4].text, "203");
    }

    #[test]
    fn multi_row_header_with_spans() {
        let mut a = table(&[&["项目", ""], &["类", "款"], &["201", "01"]], 1);
        a.cells[0].col_span = 2;
        a.cells.remove(1);
        let mut b = a.clone();
        b.cells.truncate(3);
        b.cells.push(Cell {
            row: 2,
            col: 0,
            row_span: 1,
            col_span: 1,
            text: "208".into(),
            page: Some(2),
        });
        b.n_rows = 3;
        assert_eq!(repeated_header_rows(&a, &b), 2);
        append(&mut a, b);
        assert_eq!(a.n_rows, 4);
        assert_eq!(a.cells.last().unwrap().row, 3);
    }

    #[test]
    fn column_matching() {
        assert!(columns_match(&[10.0, 50.0, 90.0], &[11.0, 49.5, 92.0]));
        assert!(!columns_match(&[10.0, 50.0, 90.0], &[10.0, 60.0, 90.0]));
        assert!(!columns_match(&[10.0, 50.0], &[10.0, 50.0, 90.0]));
    }
}
