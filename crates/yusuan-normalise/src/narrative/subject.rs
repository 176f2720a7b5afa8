//! What a narrative figure is about: the words before it, without numbering, the department and
//! year, or connecting words; its stage (预算 or 决算); a `类/款/项` path.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::{squash, strip_ordinal};

/// Whether the words before a figure call it a 决算数 (`true`) or a 预算数 (`false`): the last
/// of the two words named wins (`年初预算为3.45万元，支出决算为` names 决算).
pub(crate) fn stage_of(head: &str) -> Option<bool> {
    match (head.rfind("决算"), head.rfind("预算")) {
        (Some(a), Some(b)) => Some(a > b),
        (Some(_), None) => Some(true),
        (None, Some(_)) if head.contains("年初预算") || head.contains("全年预算") => {
            Some(false)
        }
        _ => None,
    }
}

/// Whether a subject says nothing but the stage of a figure (`支出决算`, `年初预算数`).
pub(crate) fn only_stage_words(subject: &str) -> bool {
    let mut s = subject.to_string();
    for w in [
        "支出", "决算", "预算", "年初", "全年", "调整", "执行", "完成", "实际", "数", "为", "是",
    ] {
        s = s.replace(w, "");
    }
    s.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
}

/// Subjects that name the same figure (`一般公共预算“三公”经费数` and `一般公共预算“三公”经费`).
pub(crate) fn same_subject(a: &str, b: &str) -> bool {
    let core = |s: &str| -> String {
        let s: String = s
            .chars()
            .filter(|c| !matches!(c, '“' | '”' | '"'))
            .collect();
        let s = s.strip_prefix("一般公共预算").unwrap_or(&s).to_string();
        s.trim_end_matches("预算数")
            .trim_end_matches('数')
            .trim_end_matches("预算")
            .to_string()
    };
    let (a, b) = (core(a), core(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.ends_with(&b) || b.ends_with(&a))
}

/// The subject before an amount: the text since the last delimiter, without numbering, the
/// department-and-year prefix or connecting words.
pub(crate) fn subject_of(head: &str) -> String {
    let head =
        head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '为' | '：' | ':' | '是'));
    let piece = head
        .rsplit(['，', ',', '、', '：', ':', '。', '；'])
        .next()
        .unwrap_or(head);
    let piece = piece.rsplit("其中").next().unwrap_or(piece);
    let mut s = strip_ordinal(piece);
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static DEPT: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| Regex::new(r"20[0-9]{2}\s*年度?").expect("valid regex"));
    // A department named before its figure (`昌吉州政资局收入预算`): a place, then the body.
    let dept = DEPT.get_or_init(|| {
        Regex::new(r"^[^，。]{0,8}?[州市县区省][^，。]{0,20}?(?:委员会|办公室|局|委|办|院|中心|馆|厅|所|站|队)").expect("valid regex")
    });
    if let Some(m) = year.find_iter(&s).last() {
        s = s[m.end()..].to_string();
    }
    if let Some(m) = dept.find(&s) {
        if m.end() < s.len() {
            s = s[m.end()..].to_string();
        }
    }
    for prefix in [
        "本部门（单位）",
        "本部门",
        "本单位",
        "主要用于",
        "包括",
        "其中",
        "涉及",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The `X（类）Y（款）Z（项）` path before an amount (`1.“…（项）”1,623.18万元`, `…（项）:预算数为…`).
pub(crate) fn path_subject(head: &str) -> String {
    let start = head
        .find("（类）")
        .or_else(|| head.find("(类)"))
        .unwrap_or(0);
    let from = head[..start]
        .rfind(['：', ':', '，', '。'])
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let end = head[start..]
        .rfind(['：', ':'])
        .map(|i| start + i)
        .unwrap_or(head.len());
    squash(strip_ordinal(&head[from..end]).as_str()).replace(['“', '”', '"'], "")
}
