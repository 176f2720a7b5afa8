//! Layout: glyphs → words → lines.
//!
//! Glyphs of one writing direction are grouped into lines by their vertical centre (within
//! 0.4 em); a line is cut into [`Word`]s wherever the gap between two glyphs exceeds 0.3 em
//! or a vertical ruling line passes between them, so that text of neighbouring table cells
//! never runs together. Glyphs painted twice at nearly the same place (fake bold) count once.
//! Inside a word, a gap over 0.15 em between two non-CJK characters becomes a space: space
//! characters are not kept as glyphs, so spacing comes from geometry alone, and CJK neighbours
//! (letter-spaced titles such as `目   录`) join without one. Rotated text is laid out in its
//! own reading frame and mapped back. The tolerances are those of [`LayoutSettings::DEFAULT`].

use super::LayoutSettings;
use crate::pdf::fonts::font::is_cjk;
use crate::pdf::interpret::content::{Glyph, Rule};
use crate::pdf::interpret::geom::Rect;

/// A run of glyphs without a wide gap or a rule inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// Text.
    pub text: String,
    /// Box in the page frame.
    pub bbox: Rect,
    /// Largest font size.
    pub size: f32,
    /// Writing direction (see [`Glyph::dir`]).
    pub dir: u8,
}

/// Words sharing a baseline, left to right (in reading order).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The words.
    pub words: Vec<Word>,
    /// Box of all words, page frame.
    pub bbox: Rect,
    /// Largest font size.
    pub size: f32,
    /// Writing direction.
    pub dir: u8,
}

/// The tolerances used here.
const S: &LayoutSettings = &LayoutSettings::DEFAULT;

fn to_frame(dir: u8, (x, y): (f32, f32)) -> (f32, f32) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

fn from_frame(dir: u8, (x, y): (f32, f32)) -> (f32, f32) {
    match dir {
        1 => (-y, x),
        2 => (-x, -y),
        3 => (y, -x),
        _ => (x, y),
    }
}

fn map_rect(r: &Rect, f: impl Fn((f32, f32)) -> (f32, f32)) -> Rect {
    Rect::around(&[f((r.x0, r.y0)), f((r.x1, r.y1))])
}

/// Assemble glyphs into lines of words. `rules` are the page's ruling lines: a rule
/// perpendicular to the writing direction between two glyphs separates words.
pub(crate) fn build_lines(glyphs: &[Glyph], rules: &[Rule]) -> Vec<Line> {
    let mut out = Vec::new();
    for dir in 0..4u8 {
        let mut gs: Vec<(Rect, &Glyph)> = glyphs
            .iter()
            .filter(|g| g.dir == dir)
            .map(|g| (map_rect(&g.bbox, |p| to_frame(dir, p)), g))
            .collect();
        if gs.is_empty() {
            continue;
        }
        // Separators: rules that are vertical in this frame, as (x, y0, y1).
        let mut seps: Vec<(f32, f32, f32)> = rules
            .iter()
            .map(|r| {
                let a = to_frame(dir, (r.x0, r.y0));
                let b = to_frame(dir, (r.x1, r.y1));
                (a, b)
            })
            .filter(|(a, b)| (a.0 - b.0).abs() < S.separator_skew)
            .map(|(a, b)| (a.0, a.1.min(b.1), a.1.max(b.1)))
            .collect();
        seps.sort_by(|a, b| a.0.total_cmp(&b.0));
        gs.sort_by(|a, b| a.0.cy().total_cmp(&b.0.cy()));
        for group in group_lines(&gs) {
            let mut line_glyphs: Vec<(Rect, &Glyph)> = group;
            line_glyphs.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
            let words = split_words(&line_glyphs, &seps);
            if words.is_empty() {
                continue;
            }
            let words: Vec<Word> = words
                .into_iter()
                .map(|mut w| {
                    w.bbox = map_rect(&w.bbox, |p| from_frame(dir, p));
                    w.dir = dir;
                    w
                })
                .collect();
            out.push(line_of(words, dir));
        }
    }
    out.sort_by(|a, b| {
        a.bbox
            .y0
            .total_cmp(&b.bbox.y0)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    out
}

/// A line from its words (already in reading order).
pub(crate) fn line_of(words: Vec<Word>, dir: u8) -> Line {
    let bbox = words
        .iter()
        .skip(1)
        .fold(words[0].bbox, |acc, w| acc.union(&w.bbox));
    let size = words.iter().map(|w| w.size).fold(0.0, f32::max);
    Line {
        words,
        bbox,
        size,
        dir,
    }
}

/// Cluster glyphs (sorted by vertical centre) into lines.
fn group_lines<'g>(gs: &[(Rect, &'g Glyph)]) -> Vec<Vec<(Rect, &'g Glyph)>> {
    let mut lines: Vec<Vec<(Rect, &'g Glyph)>> = Vec::new();
    let mut sum_cy = 0.0f32;
    let mut sum_size = 0.0f32;
    for &(r, g) in gs {
        if let Some(cur) = lines.last_mut() {
            let n = cur.len() as f32;
            let mean_cy = sum_cy / n;
            let mean_size = sum_size / n;
            if (r.cy() - mean_cy).abs() <= S.line_tolerance_em * mean_size.min(g.size) {
                cur.push((r, g));
                sum_cy += r.cy();
                sum_size += g.size;
                continue;
            }
        }
        lines.push(vec![(r, g)]);
        sum_cy = r.cy();
        sum_size = g.size;
    }
    lines
}

fn split_words(gs: &[(Rect, &Glyph)], seps: &[(f32, f32, f32)]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut cur: Option<Word> = None;
    let mut last_char: Option<char> = None;
    let mut prev: Option<(Rect, &Glyph)> = None;
    for &(r, g) in gs {
        if let Some((pr, pg)) = prev {
            // Fake bold: the same glyph again at (almost) the same place.
            if pg.text == g.text
                && (r.x0 - pr.x0).abs() < S.fake_bold_em * g.size
                && (r.cy() - pr.cy()).abs() < S.fake_bold_em * g.size
            {
                continue;
            }
        }
        let mut split = false;
        let mut space = false;
        if let Some((pr, pg)) = prev {
            let em = (pg.size + g.size) / 2.0;
            let gap = r.x0 - pr.x1;
            if gap > S.word_gap_em * em
                || separated(seps, pr.cx(), r.cx(), (pr.cy() + r.cy()) / 2.0)
            {
                split = true;
            } else if gap > S.space_gap_em * em {
                let next = g.text.chars().next();
                space = !last_char.is_some_and(is_cjk) && !next.is_some_and(is_cjk);
            }
        }
        match (&mut cur, split) {
            (Some(w), false) => {
                if space {
                    w.text.push(' ');
                }
                w.text.push_str(&g.text);
                w.bbox = w.bbox.union(&r);
                w.size = w.size.max(g.size);
            }
            _ => {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
                cur = Some(Word {
                    text: g.text.clone(),
                    bbox: r,
                    size: g.size,
                    dir: 0,
                });
            }
        }
        last_char = g.text.chars().last();
        prev = Some((r, g));
    }
    if let Some(w) = cur {
        words.push(w);
    }
    words
}

/// Whether a separator lies strictly between `xa` and `xb` and spans height `y`.
fn separated(seps: &[(f32, f32, f32)], xa: f32, xb: f32, y: f32) -> bool {
    if seps.is_empty() {
        return false;
    }
    let start = seps.partition_point(|s| s.0 <= xa);
    seps[start..]
        .iter()
        .take_while(|s| s.0 < xb)
        .any(|s| s.1 - S.separator_reach <= y && y <= s.2 + S.separator_reach)
}

/// The text of words in one line: CJK neighbours closer than `cjk_join_em` join without a
/// space, everything else is separated by one space.
pub(crate) fn join_words(words: &[&Word], cjk_join_em: f32) -> String {
    let mut s = String::new();
    let mut prev: Option<&Word> = None;
    for w in words {
        if let Some(p) = prev {
            let a = p.text.chars().last();
            let b = w.text.chars().next();
            let gap = (w.bbox.x0 - p.bbox.x1).max(0.0);
            let em = p.size.max(w.size).max(1.0);
            let join = a.is_some_and(is_cjk) && b.is_some_and(is_cjk) && gap <= cjk_join_em * em;
            if !join {
                s.push(' ');
            }
        }
        s.push_str(&w.text);
        prev = Some(w);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, y: f32, w: f32, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            bbox: Rect {
                x0: x,
                y0: y - 0.88 * size,
                x1: x + w,
                y1: y + 0.12 * size,
            },
            size,
            dir: 0,
            font: 0,
        }
    }

    /// Glyphs for `text` starting at `x` on baseline `y`, each `adv` wide.
    fn run(text: &str, x: f32, y: f32, adv: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), x + i as f32 * adv, y, adv, size))
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.words.iter().map(|w| w.text.clone()).collect())
            .collect()
    }

    #[test]
    fn groups_by_baseline_and_splits_on_gaps() {
        let mut g = run("行政运行", 50.0, 100.0, 12.0, 12.0);
        g.extend(run("84,861,719", 200.0, 100.5, 6.0, 12.0));
        g.extend(run("一般行政", 50.0, 124.0, 12.0, 12.0));
        // Shuffle order: layout must not depend on paint order.
        g.reverse();
        let lines = build_lines(&g, &[]);
        assert_eq!(
            texts(&lines),
            vec![vec!["行政运行", "84,861,719"], vec!["一般行政"]]
        );
        assert!(lines[0].bbox.y0 < lines[1].bbox.y0);
    }

    #[test]
    fn rules_split_adjacent_numbers() {
        // Two numbers 1pt apart, a vertical rule between them.
        let mut g = run("346.30", 100.0, 100.0, 5.0, 10.0);
        g.extend(run("288.70", 131.0, 100.0, 5.0, 10.0));
        let without = build_lines(&g, &[]);
        assert_eq!(texts(&without), vec![vec!["346.30288.70"]]);
        let rule = Rule {
            x0: 130.5,
            x1: 130.5,
            y0: 80.0,
            y1: 120.0,
        };
        let with = build_lines(&g, &[rule]);
        assert_eq!(texts(&with), vec![vec!["346.30", "288.70"]]);
        // A rule that does not span the line's height does not split.
        let short = Rule {
            x0: 130.5,
            x1: 130.5,
            y0: 10.0,
            y1: 20.0,
        };
        assert_eq!(
            texts(&build_lines(&g, &[short])),
            vec![vec!["346.30288.70"]]
        );
    }

    #[test]
    fn spaces_inside_latin_words_and_fake_bold() {
        let mut g = run("Page", 10.0, 50.0, 5.0, 10.0);
        g.extend(run("2", 32.0, 50.0, 5.0, 10.0));
        // Fake bold: the same glyphs again, shifted by 0.3pt.
        g.extend(run("Page", 10.3, 50.0, 5.0, 10.0));
        let lines = build_lines(&g, &[]);
        assert_eq!(texts(&lines), vec![vec!["Page 2"]]);
    }

    #[test]
    fn joins_words_of_a_line() {
        let a = Word {
            text: "编制单位：上海".into(),
            bbox: Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 84.0,
                y1: 12.0,
            },
            size: 12.0,
            dir: 0,
        };
        let b = Word {
            text: "单位：元".into(),
            bbox: Rect {
                x0: 500.0,
                y0: 0.0,
                x1: 548.0,
                y1: 12.0,
            },
            size: 12.0,
            dir: 0,
        };
        let c = Word {
            text: "合".into(),
            bbox: Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 12.0,
                y1: 12.0,
            },
            size: 12.0,
            dir: 0,
        };
        let d = Word {
            text: "计".into(),
            bbox: Rect {
                x0: 30.0,
                y0: 0.0,
                x1: 42.0,
                y1: 12.0,
            },
            size: 12.0,
            dir: 0,
        };
        assert_eq!(join_words(&[&a, &b], 2.0), "编制单位：上海 单位：元");
        assert_eq!(join_words(&[&c, &d], 2.0), "合计");
    }

    #[test]
    fn vertical_text_reads_top_to_bottom() {
        // Three glyphs stacked downwards, direction 1.
        let g: Vec<Glyph> = "项目名"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                bbox: Rect {
                    x0: 100.0,
                    y0: 50.0 + 12.0 * i as f32,
                    x1: 112.0,
                    y1: 62.0 + 12.0 * i as f32,
                },
                size: 12.0,
                dir: 1,
                font: 0,
            })
            .collect();
        let lines = build_lines(&g, &[]);
        assert_eq!(texts(&lines), vec![vec!["项目名"]]);
        assert_eq!(
            lines[0].bbox,
            Rect {
                x0: 100.0,
                y0: 50.0,
                x1: 112.0,
                y1: 86.0
            }
        );
    }
}
