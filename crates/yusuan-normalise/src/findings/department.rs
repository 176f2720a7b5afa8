//! The department named over a table (`编制部门：…`, a title that begins with a name) against the
//! cover's: a placeholder (`XX局`), the same body in another district or with its district
//! dropped (`上海市财政局` in a document of `上海市普陀区财政局`), or another name for the body
//! (an older name: `卫生和计划生育委员会` for `卫生健康委员会`).
//!
//! Kept conservative: a shortened name (`区财政局`, `普陀区财政局`: its characters are the cover's in
//! order), a longer one (`…（本级）`), a sub-unit that carries the cover's name
//! (`区财政局会计服务中心`), and any name that is not a government body's (a school, a centre, a
//! hospital: a unit a department's tables may legitimately be headed with) pass.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Block, Check, CheckId, CheckStatus, DocMeta};

use super::finding;
use super::Text;
use crate::meta::region_of;
use crate::segment::classify::looks_like_title;
use crate::text::squash;

fn header_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:编制部门|编制单位|预算单位|部门名称|单位名称)(?:（单位）|\(单位\))?[：:]\s*([^\s：:　]{2,40}?)(?:\s|　|(?:金额)?单位[：:]|$)")
            .expect("valid regex")
    })
}

fn cover_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"^(?:预算主管部门|主管部门|部门名称|单位名称|编制部门|编制单位)[：:]\s*(\S{3,40})$",
        )
        .expect("valid regex")
    })
}

fn title_name_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(\S{3,30}?)20[0-9]{2}年").expect("valid regex"))
}

/// A part heading before a title's name (`第二部分`, `第三部分：`).
fn part_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^第[一二三四五六七八九十0-9]+部分[：:、]?").expect("valid regex"))
}

/// Whether a name ends as a government body's does.
fn is_body(name: &str) -> bool {
    ["局", "委员会", "委", "办公室", "办", "厅", "署"]
        .iter()
        .any(|s| name.ends_with(s))
}

fn is_placeholder(name: &str) -> bool {
    ["XX", "ＸＸ", "××", "xx", "**"]
        .iter()
        .any(|p| name.contains(p))
}

/// Whether `short`'s characters appear in `long` in order.
fn subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

/// A name split into its region and the rest.
fn split(name: &str) -> (Option<String>, String) {
    let (region, canonical) = region_of(name);
    let core = match &region {
        Some(r) => {
            // The canonical name starts with the region's last levels.
            let cut = (0..=r.len())
                .filter(|&i| r.is_char_boundary(i))
                .find(|&i| canonical.starts_with(&r[i..]) && i < r.len())
                .map(|i| r.len() - i)
                .unwrap_or(0);
            canonical[cut..].to_string()
        }
        None => canonical,
    };
    (region, core)
}

/// What is wrong with a header's name, if anything.
fn judge(header: &str, cover: &str) -> Option<String> {
    if header == cover {
        return None;
    }
    if is_placeholder(header) {
        return Some("a placeholder instead of the department's name".to_string());
    }
    if !is_body(header) || header.contains(cover) || subsequence(cover, header) {
        return None;
    }
    let (hr, hcore) = split(header);
    let (cr, ccore) = split(cover);
    if let (Some(hr), Some(cr)) = (&hr, &cr) {
        if hr != cr && hcore == ccore {
            return Some(if cr.starts_with(hr.as_str()) {
                format!("the name lacks the district ({cr}) of the cover's")
            } else {
                format!("the name is of another place ({hr}, the cover's is {cr})")
            });
        }
        if hr != cr {
            return None;
        }
    }
    if subsequence(header, cover) || header.contains(&ccore) {
        return None;
    }
    if !is_body(&ccore) {
        return None;
    }
    Some("another name than the cover's (an older name, or another body)".to_string())
}

/// The cover's name: a `预算主管部门：` line or a title's name among the first lines, else the
/// name the metadata settled on.
fn cover_name(text: &Text, meta: &DocMeta) -> Option<String> {
    let mut lines = Vec::new();
    for b in text.doc.blocks.iter().take(12) {
        if let Block::Paragraph(p) = b {
            lines.extend(p.text.lines().map(str::trim).filter(|l| !l.is_empty()));
        }
    }
    for l in lines.iter().take(12) {
        if let Some(c) = cover_re().captures(l) {
            return Some(c[1].to_string());
        }
    }
    for l in lines.iter().take(6) {
        if let Some(c) = title_name_re().captures(&squash(l)) {
            if is_body(&c[1]) && !is_placeholder(&c[1]) {
                return Some(c[1].to_string());
            }
        }
    }
    meta.department.clone()
}

/// Department-name findings.
pub(super) fn run(text: &Text, meta: &DocMeta) -> Vec<Check> {
    let Some(cover) = cover_name(text, meta) else {
        return Vec::new();
    };
    if is_placeholder(&cover) {
        return Vec::new();
    }
    // Headers: 编制部门 lines in paragraphs and table cells, and titles beginning with a name.
    let mut headers: Vec<(String, String, Option<u32>)> = Vec::new();
    for b in &text.doc.blocks {
        let texts: Vec<(&str, Option<u32>)> = match b {
            Block::Paragraph(p) => p.text.lines().map(|l| (l, p.page)).collect(),
            Block::Table(t) => t.cells.iter().map(|c| (c.text.as_str(), c.page)).collect(),
        };
        for (line, page) in texts {
            for c in header_re().captures_iter(line) {
                headers.push((c[1].to_string(), line.trim().to_string(), page));
            }
            if looks_like_title(line) {
                if let Some(c) = title_name_re().captures(&squash(line)) {
                    let name = part_re().replace(&c[1], "").into_owned();
                    if name.chars().count() >= 3 {
                        headers.push((name, line.trim().to_string(), page));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut reported: Vec<String> = Vec::new();
    for (name, line, page) in headers {
        if reported.contains(&name) {
            continue;
        }
        if let Some(why) = judge(&name, &cover) {
            reported.push(name.clone());
            out.push(finding(
                CheckId::DepartmentName,
                CheckStatus::Fail,
                &name,
                &line,
                page,
                format!("a table is headed “{name}”, the cover names “{cover}”: {why}"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_against_the_cover() {
        let cover = "上海市普陀区卫生健康委员会";
        assert!(judge("上海市普陀区卫生健康委员会", cover).is_none());
        assert!(judge("普陀区卫生健康委员会", cover).is_none());
        assert!(judge("区卫生健康委", cover).is_none());
        assert!(judge("上海市普陀区卫生健康委员会（本级）", cover).is_none());
        assert!(judge("上海市普陀区卫生健康委员会监督所", cover).is_none());
        assert!(judge("上海市普陀区人民医院", cover).is_none());
        assert!(judge("XX局", cover).is_some());
        assert!(judge("上海市卫生健康委员会", cover).is_some());
        assert!(judge("上海市静安区卫生健康委员会", cover).is_some());
        assert!(judge("上海市普陀区卫生和计划生育委员会", cover).is_some());
        assert!(judge("省人大办公厅", "江苏省人大常委会办公厅").is_none());
        assert_eq!(
            part_re().replace("第二部分省人大办公厅", ""),
            "省人大办公厅"
        );
    }
}
