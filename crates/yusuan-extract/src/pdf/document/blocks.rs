//! Over the whole document: page numbers and running headers/footers are dropped
//! ([`drop_headers_and_footers`]), the remaining lines of each page become paragraphs, tables
//! interleave with them top to bottom, and a table that continues on the next page is merged
//! into one ([`build_blocks`]).

use std::collections::{HashMap, HashSet};

use yusuan_model::{Block, Paragraph};

use super::page::{self, Item, PageLayout};
use crate::pdf::layout::lines::Line;
use crate::pdf::tables::continuation;

/// Whether a line is a page number: `12`, `- 12 -`, `—12—`, `第 12 页`, `第12页 共30页`, `12/30`.
fn is_page_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(text.trim()) {
        return true;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dashes: &[char] = &['-', '—', '–', '－', '·', '•'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|s| s.strip_suffix(dashes)) {
        let inner = inner.trim_matches(dashes);
        if digits(inner) {
            return true;
        }
    }
    if let Some(inner) = t.strip_prefix('第') {
        let mut parts = inner.split('页');
        let first = parts.next().unwrap_or("");
        let rest: String = parts.collect::<Vec<_>>().join("");
        let rest = rest.trim_matches(|c| c == '/' || c == '，' || c == ',');
        let rest_ok = rest.is_empty()
            || rest
                .strip_prefix('共')
                .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()));
        if digits(first) && inner.contains('页') && rest_ok {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.replace("of", "/");
        return rest.split('/').all(digits);
    }
    false
}

/// Remove page numbers near the top or bottom edge, and lines repeated in the same margin
/// zone on many pages (running headers and footers).
pub(crate) fn drop_headers_and_footers(layouts: &mut [PageLayout]) {
    let in_zone =
        |l: &Line, h: f32, frac: f32| l.bbox.y1 <= h * frac || l.bbox.y0 >= h * (1.0 - frac);
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut counts: HashMap<String, HashSet<u32>> = HashMap::new();
    for p in layouts.iter() {
        for it in &p.items {
            if let Item::Line(l) = it {
                if in_zone(l, p.height, 0.07) {
                    counts
                        .entry(key(&page::line_text(l)))
                        .or_default()
                        .insert(p.page);
                }
            }
        }
    }
    let n = layouts.len();
    let repeated: HashSet<String> = counts
        .into_iter()
        .filter(|(k, pages)| !k.is_empty() && pages.len() >= 3 && pages.len() * 2 >= n)
        .map(|(k, _)| k)
        .collect();
    for p in layouts.iter_mut() {
        let h = p.height;
        p.items.retain(|it| match it {
            Item::Line(l) => {
                let text = page::line_text(l);
                let numbered = in_zone(l, h, 0.1) && is_page_number(&text);
                let running = in_zone(l, h, 0.07) && repeated.contains(&key(&text));
                !(numbered || running)
            }
            Item::Table(_) => true,
        });
    }
}

/// Paragraphs and tables of all pages in order, merging tables that run across pages.
pub(crate) fn build_blocks(layouts: Vec<PageLayout>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // The table that ended the previous page: (block index, column boundaries).
    let mut open: Option<(usize, Vec<f32>)> = None;
    for p in layouts {
        let right_edge = p
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Line(l) => Some(l.bbox.x1),
                Item::Table(_) => None,
            })
            .fold(0.0f32, f32::max);
        let n_items = p.items.len();
        let mut pending: Vec<Line> = Vec::new();
        let mut next_open = None;
        let flush = |pending: &mut Vec<Line>, blocks: &mut Vec<Block>| {
            let refs: Vec<&Line> = pending.iter().collect();
            for text in page::paragraphs(&refs, right_edge) {
                blocks.push(Block::Paragraph(Paragraph {
                    text,
                    page: Some(p.page),
                }));
            }
            pending.clear();
        };
        for (i, it) in p.items.into_iter().enumerate() {
            match it {
                Item::Line(l) => pending.push(l),
                Item::Table(t) => {
                    flush(&mut pending, &mut blocks);
                    let continues = i == 0
                        && open
                            .as_ref()
                            .is_some_and(|(_, xs)| continuation::columns_match(xs, &t.xs));
                    let idx = match (continues, &open) {
                        (true, Some((idx, _))) => {
                            if let Some(Block::Table(base)) = blocks.get_mut(*idx) {
                                continuation::append(base, t.table);
                            }
                            *idx
                        }
                        _ => {
                            blocks.push(Block::Table(t.table));
                            blocks.len() - 1
                        }
                    };
                    if i + 1 == n_items {
                        next_open = Some((idx, t.xs));
                    }
                }
            }
        }
        flush(&mut pending, &mut blocks);
        open = next_open;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "12",
            "- 3 -",
            "—12—",
            "第 4 页",
            "第4页 共30页",
            "3/30",
            "Page 2 of 9",
            "－ 7 －",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "2025年预算",
            "第一部分",
            "单位：元",
            "301 01",
            "12.5",
            "30101",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
