//! Tables without ruling lines, found from the column alignment of text lines.
//!
//! Only what is clearly tabular becomes a table: a run of at least three consecutive,
//! closely spaced lines, each split by wide gaps (≥ 1 em) into chunks, where the chunks'
//! horizontal extents fall into at least three disjoint columns and no line puts two
//! chunks into one column. Each line is a row; every cell spans one row and one column.

use yusuan_model::{Cell, Table};

use super::{PageTable, TableSettings};
use crate::pdf::fonts::font::is_cjk;
use crate::pdf::interpret::geom::Rect;
use crate::pdf::layout::lines::{join_words, Line, Word};

/// The tolerances used here.
const S: &TableSettings = &TableSettings::DEFAULT;

struct Chunk {
    text: String,
    x0: f32,
    x1: f32,
}

/// Split a line into chunks at wide gaps.
fn chunks(line: &Line) -> Vec<Chunk> {
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for w in &line.words {
        match groups.last_mut() {
            Some(g) => {
                let p = g[g.len() - 1];
                let em = p.size.max(w.size).max(1.0);
                let gap = w.bbox.x0 - p.bbox.x1;
                // Numbers never continue a chunk across a word gap: a number is a cell.
                let numeric =
                    |s: &str| s.chars().any(|c| c.is_ascii_digit()) && !s.chars().any(is_cjk);
                if gap < S.column_gap_em * em && !numeric(&p.text) && !numeric(&w.text) {
                    g.push(w);
                } else {
                    groups.push(vec![w]);
                }
            }
            None => groups.push(vec![w]),
        }
    }
    groups
        .into_iter()
        .map(|g| Chunk {
            text: join_words(&g, f32::INFINITY),
            x0: g[0].bbox.x0,
            x1: g[g.len() - 1].bbox.x1,
        })
        .collect()
}

/// Find unruled tables among a page's lines (sorted top to bottom). Returns the tables and
/// the lines that are not in one.
pub(crate) fn find_aligned_tables(lines: Vec<Line>, page: u32) -> (Vec<PageTable>, Vec<Line>) {
    let chunked: Vec<Vec<Chunk>> = lines.iter().map(chunks).collect();
    let mut in_table = vec![false; lines.len()];
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A run of multi-chunk horizontal lines, closely spaced.
        let mut j = i;
        while j < lines.len() && lines[j].dir == 0 && chunked[j].len() >= 2 {
            if j > i {
                let (p, l) = (&lines[j - 1], &lines[j]);
                let em = p.size.max(l.size).max(1.0);
                if l.bbox.y0 - p.bbox.y1 > S.aligned_row_gap_em * em {
                    break;
                }
            }
            j += 1;
        }
        if j - i >= S.min_aligned_rows {
            if let Some(t) = try_table(&lines[i..j], &chunked[i..j], page) {
                tables.push(t);
                for flag in &mut in_table[i..j] {
                    *flag = true;
                }
            }
        }
        i = j.max(i + 1);
    }
    let rest = lines
        .into_iter()
        .zip(in_table)
        .filter(|(_, t)| !t)
        .map(|(l, _)| l)
        .collect();
    (tables, rest)
}

fn try_table(lines: &[Line], chunked: &[Vec<Chunk>], page: u32) -> Option<PageTable> {
    let wide = chunked
        .iter()
        .filter(|c| c.len() >= S.min_aligned_cols)
        .count();
    if wide < S.min_aligned_rows {
        return None;
    }
    // Columns: unions of overlapping chunk extents.
    let mut spans: Vec<(f32, f32)> = chunked.iter().flatten().map(|c| (c.x0, c.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    if cols.len() < S.min_aligned_cols {
        return None;
    }
    let col_of = |c: &Chunk| {
        cols.iter()
            .position(|s| c.x0 >= s.0 - 0.01 && c.x1 <= s.1 + 0.01)
    };
    let mut cells = Vec::new();
    for (r, row) in chunked.iter().enumerate() {
        let mut used = vec![false; cols.len()];
        for ch in row {
            let k = col_of(ch)?;
            if used[k] {
                return None;
            }
            used[k] = true;
        }
        for (k, _) in cols.iter().enumerate() {
            let text = row
                .iter()
                .find(|ch| col_of(ch) == Some(k))
                .map(|ch| ch.text.clone())
                .unwrap_or_default();
            cells.push(Cell {
                row: r,
                col: k,
                row_span: 1,
                col_span: 1,
                text,
                page: Some(page),
            });
        }
    }
    let mut xs = vec![cols[0].0];
    for w in cols.windows(2) {
        xs.push((w[0].1 + w[1].0) / 2.0);
    }
    xs.push(cols[cols.len() - 1].1);
    let bbox = lines
        .iter()
        .skip(1)
        .fold(lines[0].bbox, |acc, l| acc.union(&l.bbox));
    let bbox = Rect {
        x0: xs[0],
        x1: xs[xs.len() - 1],
        ..bbox
    };
    Some(PageTable {
        table: Table {
            n_rows: lines.len(),
            n_cols: cols.len(),
            cells,
            page: Some(page),
        },
        xs,
        bbox,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::lines::line_of;

    fn line(y: f32, parts: &[(&str, f32)]) -> Line {
        let words = parts
            .iter()
            .map(|(t, x)| Word {
                text: t.to_string(),
                bbox: Rect {
                    x0: *x,
                    y0: y,
                    x1: x + 10.0 * t.chars().count() as f32,
                    y1: y + 10.0,
                },
                size: 10.0,
                dir: 0,
            })
            .collect();
        line_of(words, 0)
    }

    #[test]
    fn finds_aligned_columns() {
        let lines = vec![
            line(0.0, &[("标题在这里", 100.0)]),
            line(20.0, &[("科目", 10.0), ("合计", 200.0), ("基本", 300.0)]),
            line(
                34.0,
                &[("行政运行", 10.0), ("100.00", 190.0), ("100.00", 290.0)],
            ),
            line(48.0, &[("一般行政管理事务", 10.0), ("5.00", 210.0)]),
            line(
                62.0,
                &[("合计", 30.0), ("105.00", 190.0), ("100.00", 290.0)],
            ),
            line(100.0, &[("正文", 10.0)]),
        ];
        let (tables, rest) = find_aligned_tables(lines, 3);
        assert_eq!(tables.len(), 1);
        let t = &tables[0].table;
        assert_eq!((t.n_rows, t.n_cols), (4, 3));
        let row2: Vec<_> = t
            .cells
            .iter()
            .filter(|c| c.row == 2)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(row2, ["一般行政管理事务", "5.00", ""]);
        assert_eq!(rest.len(), 2);
    }

    #[test]
    fn prose_is_not_a_table() {
        let lines = vec![
            line(0.0, &[("编制单位：某局", 10.0), ("单位：元", 400.0)]),
            line(14.0, &[("一段正文", 10.0)]),
            line(28.0, &[("又一段正文", 10.0)]),
        ];
        let (tables, rest) = find_aligned_tables(lines, 1);
        assert!(tables.is_empty());
        assert_eq!(rest.len(), 3);
    }
}
