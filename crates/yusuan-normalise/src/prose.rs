//! The document's prose as a reader sees it: paragraphs whose lines were wrapped by the page
//! (PDF exports break a sentence wherever the line ends, often in the middle of a number or
//! between a figure and its `增长8.28%`) are joined again.
//!
//! A paragraph continues the one before unless that one ends a sentence (`。；` …), is a
//! heading, or the new one starts a heading, a numbered item or a `标签：` field. (A line ending
//! in `：` runs on: what follows is what it introduces.)

use std::sync::OnceLock;

use regex::Regex;

/// Whether a paragraph is a heading: a numbered section title, or a short line ending in 说明.
pub fn is_heading(p: &str) -> bool {
    static TOP: OnceLock<Regex> = OnceLock::new();
    let top = TOP.get_or_init(|| Regex::new(r"^[一二三四五六七八九十]+、").expect("valid regex"));
    let n = p.chars().count();
    top.is_match(p) && n < 60 || p.ends_with("说明") && n < 40
}

fn starts_item(p: &str) -> bool {
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
pub fn unwrap_paged(paragraphs: &[(String, Option<u32>)]) -> Vec<(String, Option<u32>)> {
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
