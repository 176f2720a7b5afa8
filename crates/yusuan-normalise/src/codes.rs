//! The canonical code tables (`data/function_codes.csv`, `data/economic_codes.csv`; sources in
//! `data/SOURCES.md`), compiled into the binary, and matching printed names against them.
//!
//! Code is authority, name is evidence: a printed name is accepted when it is the canonical name
//! or a former official name, a truncation of it, or a close variant (brackets, 的, spacing); it
//! is a mismatch when it is the name of another code, or shares too little with the right one.

use std::collections::HashMap;
use std::sync::OnceLock;

use yusuan_model::{Code, CodebookEntry, Scheme};

const FUNCTION_CSV: &str = include_str!("../data/function_codes.csv");
const ECONOMIC_CSV: &str = include_str!("../data/economic_codes.csv");
const HISTORY_CSV: &str = include_str!("../data/code_history.csv");

/// A code or name of an earlier year, no longer in the current tables
/// (`data/code_history.csv`, with the source of each).
#[derive(Debug, Clone)]
struct Historic {
    scheme: Scheme,
    code: String,
    name: String,
    valid_from: Option<i32>,
    valid_to: Option<i32>,
}

fn history() -> &'static [Historic] {
    static H: OnceLock<Vec<Historic>> = OnceLock::new();
    H.get_or_init(|| {
        let mut rdr = csv::Reader::from_reader(HISTORY_CSV.as_bytes());
        rdr.records()
            .flatten()
            .map(|r| Historic {
                scheme: match r.get(0) {
                    Some("economic") => Scheme::Economic,
                    _ => Scheme::Function,
                },
                code: r.get(1).unwrap_or("").to_string(),
                name: r.get(2).unwrap_or("").to_string(),
                valid_from: r.get(3).and_then(|y| y.parse().ok()),
                valid_to: r.get(4).and_then(|y| y.parse().ok()),
            })
            .collect()
    })
}

/// One entry of a code table.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical name.
    pub name: String,
    /// Earlier official names.
    pub former: Vec<String>,
}

/// Both code tables, indexed.
#[derive(Debug, Default)]
pub struct CodeBook {
    entries: HashMap<String, Entry>,
    /// Normalised name → codes carrying it (canonical or former).
    by_name: HashMap<String, Vec<String>>,
}

/// The code book, loaded once.
pub fn book() -> &'static CodeBook {
    static BOOK: OnceLock<CodeBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut b = CodeBook::default();
        b.load(FUNCTION_CSV);
        b.load(ECONOMIC_CSV);
        b
    })
}

/// Every code of both classifications as codebook rows, in the order of the code tables.
pub fn codebook() -> Vec<CodebookEntry> {
    let mut out = Vec::new();
    for (scheme, text) in [
        (Scheme::Function, FUNCTION_CSV),
        (Scheme::Economic, ECONOMIC_CSV),
    ] {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in rdr.records().flatten() {
            let digits = rec.get(0).unwrap_or("").trim();
            let Some(code) = Code::new(scheme, digits) else {
                continue;
            };
            out.push(CodebookEntry {
                vocabulary: scheme.as_str().to_string(),
                code: digits.to_string(),
                level: code.level().map(|l| l.as_str()).unwrap_or("").to_string(),
                parent_code: code.parent().unwrap_or("").to_string(),
                name: rec.get(1).unwrap_or("").trim().to_string(),
                former_names: rec.get(2).unwrap_or("").trim().to_string(),
                valid_from: String::new(),
                valid_to: String::new(),
            });
        }
    }
    // Codes and names of earlier years, with the years they were valid.
    for h in history() {
        let Some(code) = Code::new(h.scheme, &h.code) else {
            continue;
        };
        out.push(CodebookEntry {
            vocabulary: h.scheme.as_str().to_string(),
            code: h.code.clone(),
            level: code.level().map(|l| l.as_str()).unwrap_or("").to_string(),
            parent_code: code.parent().unwrap_or("").to_string(),
            name: h.name.clone(),
            former_names: String::new(),
            valid_from: h.valid_from.map(|y| y.to_string()).unwrap_or_default(),
            valid_to: h.valid_to.map(|y| y.to_string()).unwrap_or_default(),
        });
    }
    out
}

/// The outcome of comparing a printed name with a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The printed name fits the code.
    Fits,
    /// It does not; `belongs_to` is the sibling code whose name it is, if any.
    Mismatch {
        /// The code the printed name belongs to.
        belongs_to: Option<String>,
    },
    /// The code is not in the tables.
    UnknownCode,
    /// The code is not in the tables, but its parent is and its name is the classification's
    /// standard name for its number (`01` 行政运行, `02` 一般行政管理事务, `03` 机关服务, `50` 事业运行,
    /// `99` 其他…): a code the tables have not caught up with.
    Patterned {
        /// The parent code.
        parent: String,
    },
}

/// Whether a printed name is the classification's standard name for a code's last two digits.
fn follows_pattern(code: &str, printed: &str) -> bool {
    let p = normalise_name(printed);
    let suffix = &code[code.len().saturating_sub(2)..];
    match (code.len(), suffix) {
        (7, "01") => p == "行政运行",
        (7, "02") => p == "一般行政管理事务",
        (7, "03") => p == "机关服务",
        (7, "50") => p == "事业运行",
        (5 | 7, "99") => p.starts_with("其他") && p.chars().count() > 2,
        _ => false,
    }
}

impl CodeBook {
    fn load(&mut self, csv_text: &str) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        for rec in rdr.records().flatten() {
            let code = rec.get(0).unwrap_or("").trim().to_string();
            let name = rec.get(1).unwrap_or("").trim().to_string();
            if code.is_empty() || name.is_empty() {
                continue;
            }
            let former: Vec<String> = rec
                .get(2)
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            for n in std::iter::once(&name).chain(former.iter()) {
                self.by_name
                    .entry(normalise_name(n))
                    .or_default()
                    .push(code.clone());
            }
            self.entries.insert(code, Entry { name, former });
        }
    }

    /// The entry for a code.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.get(code)
    }

    /// The canonical name of a code, or "" when unknown.
    pub fn name(&self, code: &str) -> &str {
        self.entries
            .get(code)
            .map(|e| e.name.as_str())
            .unwrap_or("")
    }

    /// Codes whose canonical or former name is `name`, among those of length `len` starting
    /// with `prefix`.
    pub fn codes_named(&self, name: &str, prefix: &str, len: usize) -> Vec<&str> {
        let key = normalise_name(name);
        self.by_name
            .get(&key)
            .map(|v| {
                v.iter()
                    .filter(|c| c.len() == len && c.starts_with(prefix))
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The code a name belongs to, for rows printed without codes: searched among the children
    /// of the row above's 款, then its 类, then the classes of `scheme_prefix` (`2` function,
    /// `3` economic). An exact (normalised) name wins; a truncated name (at least four
    /// characters) matches the one code it begins, within the same parent.
    pub fn code_for_name(
        &self,
        name: &str,
        context: Option<&str>,
        scheme_prefix: &str,
    ) -> Option<String> {
        let key = normalise_name(name);
        if key.chars().count() < 2 {
            return None;
        }
        let mut parents: Vec<(String, usize)> = Vec::new();
        if let Some(ctx) = context {
            for len in [5, 3] {
                if ctx.len() >= len {
                    parents.push((ctx[..len].to_string(), len + 2));
                }
            }
        }
        parents.push((scheme_prefix.to_string(), 3));
        for (parent, len) in &parents {
            if let Some(c) = self.codes_named(name, parent, *len).first() {
                return Some(c.to_string());
            }
        }
        if key.chars().count() < 4 {
            return None;
        }
        for (parent, len) in &parents {
            let mut hits = self.entries.iter().filter(|(c, e)| {
                c.len() == *len
                    && c.starts_with(parent.as_str())
                    && normalise_name(&e.name).starts_with(&key)
            });
            if let (Some((code, _)), None) = (hits.next(), hits.next()) {
                return Some(code.clone());
            }
        }
        None
    }

    /// A function class (类, 3 digits) from its name, for summary tables that print no codes.
    pub fn function_class_by_name(&self, name: &str) -> Option<&str> {
        let found = self.codes_named(name, "2", 3);
        if let Some(c) = found.first() {
            return Some(c);
        }
        // `卫生健康` for `卫生健康支出`.
        let with_suffix = format!("{}支出", normalise_name(name));
        if let Some(c) = self.codes_named(&with_suffix, "2", 3).first() {
            return Some(c);
        }
        // A name cut by a cell's wrapping (`社会保障和就` over `业支出` on the next row) still
        // names its class when it begins one class's name and no other's.
        let code = self
            .code_for_name(name, None, "2")
            .filter(|c| c.len() == 3)?;
        self.entries.get_key_value(&code).map(|(k, _)| k.as_str())
    }

    /// An economic class (3 digits, 3xx) from its name, for project-table column headers.
    pub fn economic_class_by_name(&self, name: &str) -> Option<&str> {
        self.codes_named(name, "3", 3).first().copied()
    }

    /// [`CodeBook::check_name`] against the tables of a document's year: a code or name that
    /// the classification had in that year (`data/code_history.csv`) fits.
    pub fn check_name_in(&self, code: &str, printed: &str, year: Option<i32>) -> NameMatch {
        let now = self.check_name(code, printed);
        let Some(year) = year else { return now };
        if now == NameMatch::Fits {
            return now;
        }
        let p = normalise_name(printed);
        let then = history().iter().any(|h| {
            h.code == code
                && h.valid_from.is_none_or(|f| year >= f)
                && h.valid_to.is_none_or(|t| year <= t)
                && (p.is_empty() || normalise_name(&h.name) == p)
        });
        if then {
            NameMatch::Fits
        } else {
            now
        }
    }

    /// Whether a printed name fits a code (see [`NameMatch`]).
    pub fn check_name(&self, code: &str, printed: &str) -> NameMatch {
        let Some(entry) = self.entries.get(code) else {
            // A code missing from a known parent is a misnumbered row (a unit budget that
            // numbers its 302 款 in sequence): the name says which code it is.
            let parent = &code[..code.len().saturating_sub(2)];
            if code.len() > 3 && self.entries.contains_key(parent) {
                let belongs_to = self
                    .codes_named(printed, parent, code.len())
                    .first()
                    .map(|c| c.to_string());
                if belongs_to.is_none() && follows_pattern(code, printed) {
                    return NameMatch::Patterned {
                        parent: parent.to_string(),
                    };
                }
                return NameMatch::Mismatch { belongs_to };
            }
            return NameMatch::UnknownCode;
        };
        let p = normalise_name(printed);
        if p.is_empty() {
            return NameMatch::Fits;
        }
        // Former official names are evidence of an outdated template, not a fit: they are
        // judged like any other printed name (close variants pass, renamed classes do not).
        let names = [normalise_name(&entry.name)];
        if names.contains(&p) {
            return NameMatch::Fits;
        }
        // The name of a sibling (same parent, same level) is a misnamed code.
        let parent = if code.len() > 3 {
            &code[..code.len() - 2]
        } else {
            ""
        };
        let sibling = self
            .codes_named(printed, parent, code.len())
            .into_iter()
            .find(|c| *c != code)
            .map(String::from);
        if sibling.is_some() {
            return NameMatch::Mismatch {
                belongs_to: sibling,
            };
        }
        let truncated = p.chars().count() >= 4 && names.iter().any(|n| n.starts_with(&p));
        let close = names
            .iter()
            .any(|n| dice(n, &p) >= 0.5 || n.contains(&p) || p.contains(n.as_str()));
        if truncated || close {
            NameMatch::Fits
        } else {
            NameMatch::Mismatch { belongs_to: None }
        }
    }
}

/// A name reduced for comparison: no spaces, punctuation, bracketed asides or 的.
pub fn normalise_name(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in s.chars() {
        match ch {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '的' | '、' | '，' | ',' | '.' | '。' | '“' | '”' | '"' | '：' | ':' | '·' => {
            }
            c => out.push(c),
        }
    }
    out
}

/// Dice coefficient of character bigrams.
pub(crate) fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = s.chars().collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, mut y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let total = x.len() + y.len();
    let mut common = 0;
    for g in &x {
        if let Some(i) = y.iter().position(|h| h == g) {
            y.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_and_misnamed_codes() {
        let b = book();
        assert_eq!(b.name("2010301"), "行政运行");
        assert_eq!(b.name("2101102"), "事业单位医疗");
        assert_eq!(b.check_name("2101103", "公务员医疗补助"), NameMatch::Fits);
        assert_eq!(
            b.check_name("2101102", "公务员医疗补助"),
            NameMatch::Mismatch {
                belongs_to: Some("2101103".into())
            }
        );
        assert_eq!(b.check_name("9999999", "x"), NameMatch::UnknownCode);
        assert_eq!(
            b.check_name("30210", "车辆运行费"),
            NameMatch::Mismatch { belongs_to: None }
        );
    }

    #[test]
    fn variants_that_fit() {
        let b = book();
        assert_eq!(b.check_name("303", "对个人和家庭补助"), NameMatch::Fits);
        assert_eq!(b.check_name("30112", "其他社会保险缴费"), NameMatch::Fits);
        assert_eq!(
            b.check_name("20103", "政府办公厅及相关机构事务"),
            NameMatch::Fits
        );
        assert_eq!(b.check_name("215", "资源勘探信息等支出"), NameMatch::Fits);
        assert_eq!(
            b.check_name("30110", "城镇职工基本医疗保险缴费"),
            NameMatch::Fits
        );
        assert!(matches!(
            b.check_name("210", "医疗卫生与计划生育支出"),
            NameMatch::Mismatch { .. }
        ));
        assert_eq!(b.check_name("2010301", "  行 政 运 行"), NameMatch::Fits);
    }

    #[test]
    fn codes_from_names_in_context() {
        let b = book();
        assert_eq!(
            b.code_for_name("行政运行", Some("2010302"), "2").as_deref(),
            Some("2010301")
        );
        assert_eq!(b.code_for_name("行政运行", Some("2080505"), "2"), None);
        assert_eq!(
            b.code_for_name("其他政府办公厅（室）及相关机构事", Some("20103"), "2")
                .as_deref(),
            Some("2010399")
        );
        assert_eq!(
            b.code_for_name("卫生健康支出", Some("2080505"), "2")
                .as_deref(),
            Some("210")
        );
        assert_eq!(
            b.code_for_name("基本工资", Some("301"), "3").as_deref(),
            Some("30101")
        );
        assert_eq!(b.code_for_name("合计", None, "2"), None);
    }

    #[test]
    fn classes_by_name() {
        let b = book();
        assert_eq!(b.function_class_by_name("一般公共服务支出"), Some("201"));
        assert_eq!(b.function_class_by_name("卫生健康"), Some("210"));
        assert_eq!(b.economic_class_by_name("商品和服务支出"), Some("302"));
    }

    #[test]
    fn codes_newer_than_the_table_follow_the_pattern() {
        let b = book();
        // 20106 财政事务 is known; a 项 99 named 其他… under it follows the pattern.
        assert!(!b.name("20106").is_empty());
        if b.name("2010698").is_empty() {
            assert_eq!(
                b.check_name("2010698", "行政运行"),
                NameMatch::Mismatch {
                    belongs_to: Some("2010601".into())
                }
            );
        }
        // 20206 对外宣传 has no 项 50 in the table: a 2020650 事业运行 is a newer code.
        assert_eq!(
            b.check_name("2020650", "事业运行"),
            NameMatch::Patterned {
                parent: "20206".into()
            }
        );
        assert!(follows_pattern("2019950", "事业运行"));
        assert!(follows_pattern("2019999", "其他新设事务支出"));
        assert!(!follows_pattern("2019905", "行政运行"));
    }

    #[test]
    fn a_document_is_checked_against_its_own_year() {
        let b = book();
        // 30311 was 住房公积金 until the 2018 reform of the economic classification.
        assert_eq!(
            b.check_name_in("30311", "住房公积金", Some(2017)),
            NameMatch::Fits
        );
        assert_ne!(
            b.check_name_in("30311", "住房公积金", Some(2019)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name_in("2040404", "查办和预防职务犯罪", Some(2017)),
            NameMatch::Fits
        );
        assert_ne!(
            b.check_name_in("2040404", "查办和预防职务犯罪", Some(2020)),
            NameMatch::Fits
        );
    }
}
