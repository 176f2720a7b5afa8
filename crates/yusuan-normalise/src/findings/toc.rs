//! The table of contents against the tables: every table the contents list is in the document,
//! every table of the document (but performance-target forms, which templates list under a
//! section) is listed, and they come in the order listed.
//!
//! The contents are the lines after a `目录` line that carry dot leaders (`……`, `....`); an entry
//! is a table when its text ends with 表, and its kind is read as a table title's is. A table is
//! present when the reader read a table of that kind or a title line of that kind is printed
//! outside the contents (a table whose grid could not be read is still there).

use yusuan_model::{Block, Check, CheckId, CheckStatus, TableKind};

use super::{finding, Text};
use crate::segment::classify::{kind_from_title, looks_like_title};
use crate::tables::ReadTable;
use crate::text::{squash, strip_ordinal};

/// Whether a line carries dot leaders.
fn has_leader(line: &str) -> bool {
    line.contains("……") || line.contains("....") || line.contains("···") || line.contains("．．．")
}

/// An entry's text: no leaders, no page number, no ordinal.
fn entry_text(line: &str) -> String {
    let cut = ["…", "....", "···", "．．．"]
        .iter()
        .filter_map(|l| line.find(l))
        .min()
        .unwrap_or(line.len());
    let mut t = line[..cut].trim().to_string();
    for _ in 0..2 {
        t = strip_ordinal(&t);
    }
    t
}

/// The contents' entries, in order, each with its page; empty when there are none.
fn contents(text: &Text) -> (Vec<(String, Option<u32>)>, usize) {
    let mut entries = Vec::new();
    let mut started = false;
    let mut gap = 0;
    let mut end = 0;
    let mut seen = 0usize;
    for block in &text.doc.blocks {
        let Block::Paragraph(p) = block else {
            if started {
                break;
            }
            continue;
        };
        for line in p.text.lines() {
            seen += 1;
            let sq = squash(line);
            if !started {
                if sq == "目录" || sq == "目次" {
                    started = true;
                }
                continue;
            }
            if has_leader(line) {
                entries.push((entry_text(line), p.page));
                gap = 0;
                end = seen;
            } else if !sq.is_empty() {
                gap += 1;
                if gap > 2 && !entries.is_empty() {
                    return (entries, end);
                }
            }
        }
    }
    (entries, end)
}

/// The first occurrence of each kind, in order.
fn firsts(kinds: impl Iterator<Item = TableKind>) -> Vec<TableKind> {
    let mut out: Vec<TableKind> = Vec::new();
    for k in kinds {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Contents findings.
pub(super) fn run(text: &Text, tables: &[ReadTable]) -> Vec<Check> {
    let (entries, end) = contents(text);
    let listed: Vec<Listed> = entries
        .iter()
        .filter(|(t, _)| squash(t).ends_with('表'))
        .filter_map(|(t, page)| kind_from_title(t).map(|(k, _)| (k, t, *page)))
        .collect();
    if listed.len() < 3 {
        return Vec::new();
    }
    let titled = titles_after(text, end);
    let read = firsts(tables.iter().map(|t| t.info.kind));
    let mut out = Vec::new();
    for (kind, entry, page) in &listed {
        if !read.contains(kind) && !titled.contains(kind) {
            out.push(finding(
                CheckId::TocMismatch,
                CheckStatus::Fail,
                kind.as_str(),
                entry,
                *page,
                "the contents list a table the document does not have".to_string(),
            ));
        }
    }
    let listed_kinds = firsts(listed.iter().map(|(k, _, _)| *k));
    for t in tables {
        let k = t.info.kind;
        if k != TableKind::PerformanceTargets
            && !listed_kinds.contains(&k)
            && !out.iter().any(|c| c.code == k.as_str())
        {
            out.push(Check {
                table: Some(t.info.id()),
                ..finding(
                    CheckId::TocMismatch,
                    CheckStatus::Fail,
                    k.as_str(),
                    &t.info.title,
                    t.info.page,
                    "a table the contents do not list".to_string(),
                )
            });
        }
    }
    out.extend(order_mismatch(&listed, &listed_kinds, &read));
    out
}

/// A table the contents list: its kind, the entry and the page it names.
type Listed<'a> = (TableKind, &'a String, Option<u32>);

/// The kinds of the table titles printed after the contents (which end at line `end`).
fn titles_after(text: &Text, end: usize) -> Vec<TableKind> {
    let mut titled = Vec::new();
    let mut seen = 0usize;
    for block in &text.doc.blocks {
        if let Block::Paragraph(p) = block {
            for line in p.text.lines() {
                seen += 1;
                if seen > end && looks_like_title(line) && !has_leader(line) {
                    if let Some((k, _)) = kind_from_title(line) {
                        titled.push(k);
                    }
                }
            }
        }
    }
    titled
}

/// The first table, among those both listed and printed, that the contents put in another place
/// than the document does.
fn order_mismatch(
    listed: &[Listed<'_>],
    listed_kinds: &[TableKind],
    read: &[TableKind],
) -> Option<Check> {
    let toc_order: Vec<TableKind> = listed_kinds
        .iter()
        .copied()
        .filter(|k| read.contains(k))
        .collect();
    let doc_order: Vec<TableKind> = read
        .iter()
        .copied()
        .filter(|k| listed_kinds.contains(k))
        .collect();
    let i = (0..toc_order.len()).find(|&i| toc_order[i] != doc_order[i])?;
    let (_, entry, page) = listed
        .iter()
        .find(|(k, _, _)| *k == toc_order[i])
        .expect("listed");
    Some(finding(
        CheckId::TocMismatch,
        CheckStatus::Fail,
        toc_order[i].as_str(),
        entry,
        *page,
        format!(
            "the contents list this table as number {} of those present; the document prints it as number {}",
            i + 1,
            doc_order.iter().position(|k| *k == toc_order[i]).map_or(0, |p| p + 1)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_lose_leaders_pages_and_ordinals() {
        assert_eq!(
            entry_text("  4．2025年部门财政拨款收支预算总表   ……………………12"),
            "2025年部门财政拨款收支预算总表"
        );
        assert_eq!(entry_text("一、部门主要职能……1"), "部门主要职能");
        assert_eq!(
            entry_text("4．2025年部门财政拨款收支预算总表 ....... 9"),
            "2025年部门财政拨款收支预算总表"
        );
        assert!(has_leader("五、部门预算表.......5"));
    }
}
