//! One page: glyphs, words and grids → tables and lines in reading order.
//!
//! [`assemble`] finds the ruled grids ([`super::grid`]), builds lines of words
//! ([`super::layout`]), puts every word whose centre falls in a grid into its cell (a cell's
//! lines are joined with `\n`, CJK words of one line without a space), and keeps the other
//! words as lines. Where no rules are drawn, [`super::align`] may still find a table from the
//! column alignment of the lines. The result is a list of [`Item`]s sorted top to bottom;
//! [`paragraphs`] later groups consecutive lines into paragraphs.

use yusuan_model::{Cell, Table};

use super::align;
use super::content::PageContent;
use super::geom::Rect;
use super::grid::{find_grids, Grid};
use super::layout::{build_lines, join_words, line_of, Line, Word};

/// A table on one page, with the geometry the cross-page merge compares.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The table (cells carry the page number).
    pub table: Table,
    /// Column boundaries.
    pub xs: Vec<f32>,
    /// Outer box.
    pub bbox: Rect,
}

/// A table or a line of text.
#[derive(Debug, Clone)]
pub enum Item {
    /// A table.
    Table(PageTable),
    /// A line outside any table.
    Line(Line),
}

impl Item {
    /// Top edge, for reading order.
    pub fn top(&self) -> f32 {
        match self {
            Item::Table(t) => t.bbox.y0,
            Item::Line(l) => l.bbox.y0,
        }
    }
}

/// A laid-out page.
#[derive(Debug, Clone)]
pub struct PageLayout {
    /// 1-based page number.
    pub page: u32,
    /// Width of the page frame.
    pub width: f32,
    /// Height of the page frame.
    pub height: f32,
    /// Tables and lines, top to bottom.
    pub items: Vec<Item>,
}

/// Lay out one page's content.
pub fn assemble(content: &PageContent, page: u32, width: f32, height: f32) -> PageLayout {
    let grids = find_grids(&content.rules);
    let lines = build_lines(&content.glyphs, &content.rules);
    let boxes: Vec<Rect> = grids.iter().map(Grid::bbox).collect();
    // Words per grid: (row, col, word).
    let mut in_grid: Vec<Vec<(usize, usize, Word)>> = vec![Vec::new(); grids.len()];
    let mut rest: Vec<Line> = Vec::new();
    for line in lines {
        let dir = line.dir;
        let mut outside = Vec::new();
        for w in line.words {
            let (cx, cy) = (w.bbox.cx(), w.bbox.cy());
            let hit = boxes
                .iter()
                .position(|b| cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1);
            match hit.and_then(|g| grids[g].locate(cx, cy).map(|rc| (g, rc))) {
                Some((g, (r, c))) => in_grid[g].push((r, c, w)),
                None => outside.push(w),
            }
        }
        if !outside.is_empty() {
            rest.push(line_of(outside, dir));
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for (grid, words) in grids.iter().zip(in_grid) {
        items.push(Item::Table(grid_table(grid, words, page)));
    }
    let (tables, rest) = align::find_aligned_tables(rest, page);
    items.extend(tables.into_iter().map(Item::Table));
    items.extend(rest.into_iter().map(Item::Line));
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    PageLayout {
        page,
        width,
        height,
        items,
    }
}

/// Text of the words of one cell: lines top to bottom joined with `\n`.
pub fn cell_text(mut words: Vec<Word>) -> String {
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
                    (w.bbox.cy() - cy).abs() <= 0.5 * w.size.min(l[0].size)
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

fn grid_table(grid: &Grid, words: Vec<(usize, usize, Word)>, page: u32) -> PageTable {
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

/// Text of one line: CJK words closer than two em join, others get a space.
pub fn line_text(line: &Line) -> String {
    let refs: Vec<&Word> = line.words.iter().collect();
    join_words(&refs, 2.0)
}

/// Whether a line opens an enumerated item: `（一）`, `一、`, `1.`, `（1）`, `第一条`, `第二部分`.
pub fn starts_enumeration(text: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    let t = text.trim_start();
    let mut chars = t.chars().peekable();
    match chars.next() {
        Some('（' | '(') => {
            let mut n = 0;
            while chars.peek().is_some_and(|&c| numeral(c)) {
                chars.next();
                n += 1;
            }
            n > 0 && matches!(chars.next(), Some('）' | ')'))
        }
        Some('第') => {
            let mut n = 0;
            while chars.peek().is_some_and(|&c| numeral(c)) {
                chars.next();
                n += 1;
            }
            n > 0 && chars.next().is_some_and(|c| "部章节条款篇".contains(c))
        }
        Some(c) if numeral(c) => {
            let digit = c.is_ascii_digit();
            while chars
                .peek()
                .is_some_and(|&c| numeral(c) && c.is_ascii_digit() == digit)
            {
                chars.next();
            }
            match chars.next() {
                Some('、') => true,
                Some('.' | '．') => digit && chars.next().is_some_and(|c| !c.is_ascii_digit()),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Group consecutive lines of a page into paragraphs (`\n` between lines).
///
/// A line continues the paragraph when it follows closely (a gap no wider than the page's
/// usual line gap, or 0.8 em), has a similar size, is not indented against the line above (a
/// first-line indent starts a paragraph), does not open an enumerated item, and the line
/// above ran to the right edge of the page's text (a short line ends a paragraph).
pub fn paragraphs(lines: &[&Line], right_edge: f32) -> Vec<String> {
    // The usual gap between consecutive lines on this page (double-spaced official
    // documents leave almost a full em).
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| {
            let em = w[0].size.max(w[1].size).max(1.0);
            let gap = w[1].bbox.y0 - w[0].bbox.y1;
            (gap > 0.0 && gap < 1.6 * em && (w[1].size / w[0].size.max(0.1) - 1.0).abs() < 0.2)
                .then_some(gap / em)
        })
        .collect();
    gaps.sort_by(|a, b| a.total_cmp(b));
    let usual_em = gaps.get(gaps.len() / 2).copied().unwrap_or(0.5);
    let max_gap_em = (usual_em * 1.2 + 0.1).clamp(0.8, 1.6);
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    let mut first_of_para = true;
    for &l in lines {
        let text = line_text(l);
        if text.is_empty() {
            continue;
        }
        let cont = prev.is_some_and(|p| {
            let em = p.size.max(l.size).max(1.0);
            let gap = l.bbox.y0 - p.bbox.y1;
            let ratio = l.size / p.size.max(0.1);
            let indented = l.bbox.x0 > p.bbox.x0 + 1.5 * em;
            let outdent_ok = l.bbox.x0 >= p.bbox.x0 - 1.5 * em || first_of_para;
            let full = p.bbox.x1 >= right_edge - 2.0 * em;
            gap < max_gap_em * em
                && gap > -0.5 * em
                && (0.8..=1.25).contains(&ratio)
                && !indented
                && outdent_ok
                && full
                && !starts_enumeration(&text)
        });
        if cont {
            if let Some(last) = out.last_mut() {
                last.push('\n');
                last.push_str(&text);
            }
            first_of_para = false;
        } else {
            out.push(text);
            first_of_para = true;
        }
        prev = Some(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn paragraphs_break_on_indent_short_line_and_gap() {
        let l = |t: &str, x0: f32, y0: f32, x1: f32| line_of(vec![word(t, x0, y0, x1)], 0);
        let lines = [
            l("一、标题", 50.0, 100.0, 120.0),
            l("第一段第一行", 74.0, 120.0, 500.0),
            l("第一段第二行", 50.0, 135.0, 300.0),
            l("第二段", 74.0, 150.0, 500.0),
            l("远处的行", 50.0, 200.0, 500.0),
        ];
        let refs: Vec<&Line> = lines.iter().collect();
        let p = paragraphs(&refs, 500.0);
        assert_eq!(
            p,
            vec![
                "一、标题",
                "第一段第一行\n第一段第二行",
                "第二段",
                "远处的行"
            ]
        );
    }

    #[test]
    fn enumerations() {
        for t in [
            "（一）贯彻执行",
            "一、主要职能",
            "1.“一般公共服务支出”",
            "(3) x",
            "第一条 根据",
            "第二部分 表",
            "12、项目",
        ] {
            assert!(starts_enumeration(t), "{t}");
        }
        for t in [
            "1,665.53万元。",
            "2025.12",
            "一般公共预算",
            "第1页",
            "（注）",
            "十分",
        ] {
            assert!(!starts_enumeration(t), "{t}");
        }
    }
}
