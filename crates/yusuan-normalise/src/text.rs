//! Text as the readers and the checks compare it, in one place: folding (`squash`), numbered
//! items and their ordinals, headings, page numbers, and the joining of paragraphs that a page
//! wrapped.
//!
//! PDF exports break a sentence wherever the line ends, often in the middle of a number or
//! between a figure and its `增长8.28%`: [`unwrap_paged`] joins them again. A paragraph continues
//! the one before unless that one ends a sentence (`。；` …), is a heading, or the new one starts
//! a heading, a numbered item or a `标签：` field. (A line ending in `：` runs on: what follows is
//! what it introduces.)

use std::sync::OnceLock;

use regex::Regex;

/// A title reduced for matching: no spaces, no quotation marks, no table number.
pub(crate) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」'))
        .collect()
}

/// Remove a leading ordinal (`一、`, `1.`, `（一）`, `(2)`) and spaces.
pub(crate) fn strip_ordinal(s: &str) -> String {
    let t = s.trim_start_matches(|c: char| c.is_whitespace());
    let chars: Vec<char> = t.chars().collect();
    let is_num = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut i = 0;
    if chars.first().is_some_and(|&c| c == '（' || c == '(') {
        let mut j = 1;
        while j < chars.len() && is_num(chars[j]) {
            j += 1;
        }
        if j > 1 && j < chars.len() && (chars[j] == '）' || chars[j] == ')') {
            i = j + 1;
        }
    } else {
        let mut j = 0;
        while j < chars.len() && is_num(chars[j]) {
            j += 1;
        }
        if j > 0 && j < chars.len() && "、.．,，".contains(chars[j]) {
            i = j + 1;
        }
    }
    chars[i..].iter().collect::<String>().trim().to_string()
}

/// Whether a paragraph is only a page number (`6`, `- 6 -`, `第6页`, `6/40`).
pub(crate) fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .trim_start_matches(['-', '—', '第'])
        .trim_end_matches(['-', '—', '页']);
    let digits = t.split('/').collect::<Vec<_>>();
    !t.is_empty()
        && digits.len() <= 2
        && digits
            .iter()
            .all(|d| !d.is_empty() && d.len() <= 4 && d.chars().all(|c| c.is_ascii_digit()))
}

/// Trim spaces of every width and the line breaks inside a cell.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace())
        .to_string()
}

/// Whether a paragraph is a heading: a numbered section title, or a short line ending in 说明.
pub(crate) fn is_heading(p: &str) -> bool {
    static TOP: OnceLock<Regex> = OnceLock::new();
    let top = TOP.get_or_init(|| Regex::new(r"^[一二三四五六七八九十]+、").expect("valid regex"));
    let n = p.chars().count();
    top.is_match(p) && n < 60 || p.ends_with("说明") && n < 40
}

/// Whether a paragraph starts a numbered item (`一、`, `（二）`, `3.`, `第四`, `项目一`) or a
/// `标签：` field.
pub(crate) fn starts_item(p: &str) -> bool {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    let item = ITEM.get_or_init(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,2}\s*[.．、]\s*[^0-9%]|第[一二三四五六七八九十0-9]+|项目[一二三四五六七八九十]|[\p{Han}]{2,12}[：:])")
            .expect("valid regex")
    });
    item.is_match(p)
}

fn ends_sentence(p: &str) -> bool {
    p.ends_with(['。', '；', ';', '！', '？', '!', '?'])
}

/// Join wrapped paragraphs, each given with its page (its own line breaks removed); a joined
/// paragraph keeps the page it starts on.
pub(crate) fn unwrap_paged(paragraphs: &[(String, Option<u32>)]) -> Vec<(String, Option<u32>)> {
    let mut out: Vec<(String, Option<u32>)> = Vec::new();
    for (p, page) in paragraphs {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((prev, _))
                if !ends_sentence(prev)
                    && !is_heading(prev)
                    && !starts_item(p)
                    && !is_heading(p) =>
            {
                prev.push_str(p);
            }
            _ => out.push((p.to_string(), *page)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(ps: &[&str]) -> Vec<String> {
        let paged: Vec<(String, Option<u32>)> = ps.iter().map(|s| (s.to_string(), None)).collect();
        unwrap_paged(&paged).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn wrapped_sentences_are_joined() {
        assert_eq!(
            u(&[
                "基本支出492.34万元，占40.81%，比上年预算增加37.66万元，增",
                "长8.28%。",
                "项目支出714万元。"
            ]),
            [
                "基本支出492.34万元，占40.81%，比上年预算增加37.66万元，增长8.28%。",
                "项目支出714万元。"
            ]
        );
    }

    #[test]
    fn headings_items_and_fields_stay_apart() {
        assert_eq!(
            u(&[
                "一、关于收入预算情况说明",
                "收入预算1206.34万元，其中",
                "1.一般公共预算",
                "预算安排规模：10万元",
                "项目承担单位：州政资局"
            ]),
            [
                "一、关于收入预算情况说明",
                "收入预算1206.34万元，其中",
                "1.一般公共预算",
                "预算安排规模：10万元",
                "项目承担单位：州政资局"
            ]
        );
    }
}
