//! One page: glyphs, words and grids → tables and lines in reading order.
//!
//! [`assemble`] finds the ruled grids (`tables::grid`), builds lines of words
//! (`layout::lines`), puts every word whose centre falls in a grid into its cell
//! (`tables::cells`), and keeps the other words as lines. Where no rules are drawn,
//! `tables::align` may still find a table from the column alignment of the lines. The result
//! is a list of [`Item`]s sorted top to bottom; [`paragraphs`] later groups consecutive lines
//! into paragraphs.

use crate::pdf::interpret::content::PageContent;
use crate::pdf::interpret::geom::Rect;
use crate::pdf::layout::lines::{build_lines, join_words, line_of, Line, Word};
use crate::pdf::tables::align;
use crate::pdf::tables::cells::grid_table;
use crate::pdf::tables::grid::{find_grids, Grid};
use crate::pdf::tables::PageTable;

/// A table or a line of text.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// A table.
    Table(PageTable),
    /// A line outside any table.
    Line(Line),
}

impl Item {
    /// Top edge, for reading order.
    pub(crate) fn top(&self) -> f32 {
        match self {
            Item::Table(t) => t.bbox.y0,
            Item::Line(l) => l.bbox.y0,
        }
    }
}

/// A laid-out page.
#[derive(Debug, Clone)]
pub(crate) struct PageLayout {
    /// 1-based page number.
    pub page: u32,
    /// Height of the page frame.
    pub height: f32,
    /// Tables and lines, top to bottom.
    pub items: Vec<Item>,
}

/// Lay out one page's content.
pub(crate) fn assemble(content: &PageContent, page: u32, height: f32) -> PageLayout {
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
        height,
        items,
    }
}

/// Text of one line: CJK words closer than two em join, others get a space.
pub(crate) fn line_text(line: &Line) -> String {
    let refs: Vec<&Word> = line.words.iter().collect();
    join_words(&refs, 2.0)
}

/// Whether a line opens an enumerated item: `（一）`, `一、`, `1.`, `（1）`, `第一条`, `第二部分`.
pub(crate) fn starts_enumeration(text: &str) -> bool {
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
pub(crate) fn paragraphs(lines: &[&Line], right_edge: f32) -> Vec<String> {
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
