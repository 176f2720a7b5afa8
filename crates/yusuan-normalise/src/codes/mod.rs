//! The canonical code tables, compiled into the binary, and matching printed names against them
//! in the tables of a document's fiscal year.
//!
//! The base tables (`data/function_codes.csv`, `data/economic_codes.csv`,
//! `data/government_economic_codes.csv`) hold every code in force in the classification's current
//! edition; `data/code_changes.csv` holds each year's additions, renamings and removals with the
//! document that made them, so that the table of any fiscal year can be rebuilt;
//! `data/economic_correspondence.csv` maps the department economic classification (301–399) to the
//! government one (501–599). Sources are in `data/SOURCES.md`.
//!
//! Code is authority, name is evidence: a printed name is accepted when it is the name the code
//! had in the document's year, a truncation of it, or a close variant (brackets, 的, spacing); an
//! official name of another year is a note; it is a mismatch when it is the name of another code,
//! or shares too little with the right one.

mod year;

use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) use year::Codes;

use yusuan_model::{Code, CodebookEntry, Scheme};

const FUNCTION_CSV: &str = include_str!("../../data/function_codes.csv");
const ECONOMIC_CSV: &str = include_str!("../../data/economic_codes.csv");
const GOVERNMENT_CSV: &str = include_str!("../../data/government_economic_codes.csv");
const CHANGES_CSV: &str = include_str!("../../data/code_changes.csv");
const CORRESPONDENCE_CSV: &str = include_str!("../../data/economic_correspondence.csv");

/// The first fiscal year of the base tables' edition: an official former name with no dated
/// change may still be the right name in a document before it.
const BASE_EDITION: i32 = 2019;

/// The classification a code belongs to, from its first digit (`2` function, `3` department
/// economic, `5` government economic).
pub(crate) fn scheme_of(code: &str) -> Scheme {
    match code.as_bytes().first() {
        Some(b'3') => Scheme::Economic,
        Some(b'5') => Scheme::GovernmentEconomic,
        _ => Scheme::Function,
    }
}

/// What a dated change did to a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// The code exists from `year` on.
    Added,
    /// From `year` on the code is called `name`; before, `former_name`.
    Renamed,
    /// The code exists up to `year - 1`, last called `name`.
    Removed,
}

/// One dated change of the code tables (`data/code_changes.csv`).
#[derive(Debug, Clone)]
pub(crate) struct Change {
    /// The classification.
    pub scheme: Scheme,
    /// The code.
    pub code: String,
    /// The first fiscal year the change applies to.
    pub year: i32,
    /// What changed.
    pub kind: ChangeKind,
    /// The name from `year` on (added, renamed), or the last name (removed).
    pub name: String,
    /// Renamed: the name before `year`; removed: earlier names, `|`-separated.
    pub former_name: String,
    /// The document that made the change, or the evidence for it.
    pub source: String,
}

/// Every dated change, in the order of the file (by year).
pub(crate) fn changes() -> &'static [Change] {
    static C: OnceLock<Vec<Change>> = OnceLock::new();
    C.get_or_init(|| {
        let mut rdr = csv::Reader::from_reader(CHANGES_CSV.as_bytes());
        rdr.records()
            .flatten()
            .filter_map(|r| {
                let field = |i: usize| r.get(i).unwrap_or("").trim().to_string();
                Some(Change {
                    scheme: match r.get(0)? {
                        "economic" => Scheme::Economic,
                        "government_economic" => Scheme::GovernmentEconomic,
                        _ => Scheme::Function,
                    },
                    code: field(1),
                    year: r.get(2)?.trim().parse().ok()?,
                    kind: match r.get(3)?.trim() {
                        "added" => ChangeKind::Added,
                        "renamed" => ChangeKind::Renamed,
                        "removed" => ChangeKind::Removed,
                        _ => return None,
                    },
                    name: field(4),
                    former_name: field(5),
                    source: field(6),
                })
            })
            .collect()
    })
}

/// One pair of the official correspondence between the department economic classification
/// and the government one (`data/economic_correspondence.csv`).
#[derive(Debug, Clone)]
pub(crate) struct Correspondence {
    /// The department code (301–399).
    pub department: String,
    /// The government code (501–599).
    pub government: String,
}

/// Every pair of the correspondence.
pub(crate) fn correspondence() -> &'static [Correspondence] {
    static C: OnceLock<Vec<Correspondence>> = OnceLock::new();
    C.get_or_init(|| {
        let mut rdr = csv::Reader::from_reader(CORRESPONDENCE_CSV.as_bytes());
        rdr.records()
            .flatten()
            .map(|r| Correspondence {
                department: r.get(0).unwrap_or("").trim().to_string(),
                government: r.get(1).unwrap_or("").trim().to_string(),
            })
            .collect()
    })
}

/// The codes of the other economic classification that a code corresponds to: the government
/// codes of a department code (`30201` → `50201`), or the department codes of a government one.
pub(crate) fn corresponding(code: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = correspondence()
        .iter()
        .filter_map(|c| {
            if c.department == code {
                Some(c.government.as_str())
            } else if c.government == code {
                Some(c.department.as_str())
            } else {
                None
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One entry of a code table.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Canonical name.
    pub name: String,
    /// Earlier official names.
    pub former: Vec<String>,
}

/// The code tables, indexed.
#[derive(Debug, Default)]
pub(crate) struct CodeBook {
    entries: HashMap<String, Entry>,
    /// Normalised name → codes carrying it (canonical or former).
    by_name: HashMap<String, Vec<String>>,
}

/// The code book, loaded once.
pub(crate) fn book() -> &'static CodeBook {
    static BOOK: OnceLock<CodeBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut b = CodeBook::default();
        b.load(FUNCTION_CSV);
        b.load(ECONOMIC_CSV);
        b.load(GOVERNMENT_CSV);
        b
    })
}

/// Every code of the classifications as codebook rows, in the order of the code tables, then the
/// names and codes of earlier years with the years they were valid.
pub fn codebook() -> Vec<CodebookEntry> {
    let joined = |code: &str| corresponding(code).join("|");
    let mut out = Vec::new();
    for (scheme, text) in [
        (Scheme::Function, FUNCTION_CSV),
        (Scheme::Economic, ECONOMIC_CSV),
        (Scheme::GovernmentEconomic, GOVERNMENT_CSV),
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
            // The current name holds since the code's last dated addition or renaming.
            let since = changes()
                .iter()
                .filter(|c| c.code == digits && c.kind != ChangeKind::Removed)
                .max_by_key(|c| c.year);
            let source = match (since, scheme) {
                (Some(c), _) => c.source.clone(),
                (None, Scheme::GovernmentEconomic) => {
                    "财预〔2017〕98号 政府预算支出经济分类科目 (see data/SOURCES.md)".to_string()
                }
                _ => String::new(),
            };
            out.push(CodebookEntry {
                vocabulary: scheme.as_str().to_string(),
                code: digits.to_string(),
                level: code.level().map(|l| l.as_str()).unwrap_or("").to_string(),
                parent_code: code.parent().unwrap_or("").to_string(),
                name: rec.get(1).unwrap_or("").trim().to_string(),
                former_names: rec.get(2).unwrap_or("").trim().to_string(),
                valid_from: since.map(|c| c.year.to_string()).unwrap_or_default(),
                valid_to: String::new(),
                corresponds_to: joined(digits),
                source,
            });
        }
    }
    // Names and codes of earlier years: a renamed code's former name up to the year before the
    // renaming; a removed code up to the year before its removal.
    for c in changes() {
        let Some(code) = Code::new(c.scheme, &c.code) else {
            continue;
        };
        let name = match c.kind {
            ChangeKind::Added => continue,
            ChangeKind::Renamed => c.former_name.clone(),
            ChangeKind::Removed => c.name.clone(),
        };
        let from = changes()
            .iter()
            .filter(|e| e.code == c.code && e.kind != ChangeKind::Removed && e.year < c.year)
            .map(|e| e.year)
            .max();
        out.push(CodebookEntry {
            vocabulary: c.scheme.as_str().to_string(),
            code: c.code.clone(),
            level: code.level().map(|l| l.as_str()).unwrap_or("").to_string(),
            parent_code: code.parent().unwrap_or("").to_string(),
            name,
            former_names: match c.kind {
                ChangeKind::Removed => c.former_name.clone(),
                _ => String::new(),
            },
            valid_from: from.map(|y| y.to_string()).unwrap_or_default(),
            valid_to: (c.year - 1).to_string(),
            corresponds_to: joined(&c.code),
            source: c.source.clone(),
        });
    }
    out
}

/// A code as the tables of one fiscal year know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InYear {
    /// In that year's table, with the name it had then.
    Valid(String),
    /// Added to the classification after that year.
    NotYet(Change),
    /// Removed from the classification in or before that year.
    Removed(Change),
    /// In no table of any year.
    Unknown,
}

impl PartialEq for Change {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code && self.year == other.year && self.kind == other.kind
    }
}

impl Eq for Change {}

/// The outcome of comparing a printed name with a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameMatch {
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
    /// The printed name is an official name of the code, but of another year than the
    /// document's: `valid` is the name the code had in the document's year.
    OtherYear {
        /// The name of the code in the document's year.
        valid: String,
        /// When the printed name was in force: `(from, to)`, each `None` where the tables do not
        /// say (an undated former name has neither).
        years: (Option<i32>, Option<i32>),
    },
    /// The code was added to the classification after the document's year.
    NotYet(Change),
    /// The code was removed from the classification in or before the document's year.
    Removed(Change),
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

    /// The canonical name of a code, or "" when unknown.
    pub(crate) fn name(&self, code: &str) -> &str {
        self.entries
            .get(code)
            .map(|e| e.name.as_str())
            .unwrap_or("")
    }

    /// Codes whose canonical or former name is `name`, among those of length `len` starting
    /// with `prefix`.
    pub(crate) fn codes_named(&self, name: &str, prefix: &str, len: usize) -> Vec<&str> {
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
    pub(crate) fn code_for_name(
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
    pub(crate) fn function_class_by_name(&self, name: &str) -> Option<&str> {
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

    /// A code as the tables of a fiscal year know it (`None`: the current tables): whether it
    /// was in force, and under which name.
    pub(crate) fn in_year(&self, code: &str, year: Option<i32>) -> InYear {
        let year = year.unwrap_or(i32::MAX);
        let mine: Vec<&Change> = changes().iter().filter(|c| c.code == code).collect();
        if let Some(gone) = mine
            .iter()
            .filter(|c| c.kind == ChangeKind::Removed && c.year <= year)
            .max_by_key(|c| c.year)
        {
            let back = mine
                .iter()
                .any(|c| c.kind == ChangeKind::Added && c.year > gone.year && c.year <= year);
            if !back {
                return InYear::Removed((*gone).clone());
            }
        }
        if let Some(added) = mine
            .iter()
            .filter(|c| c.kind == ChangeKind::Added)
            .min_by_key(|c| c.year)
        {
            if added.year > year {
                return InYear::NotYet((*added).clone());
            }
        }
        let mut name = match self.entries.get(code) {
            Some(e) => e.name.clone(),
            None => match mine
                .iter()
                .filter(|c| c.kind == ChangeKind::Removed)
                .max_by_key(|c| c.year)
            {
                Some(c) => c.name.clone(),
                None => return InYear::Unknown,
            },
        };
        let mut renames: Vec<&&Change> = mine
            .iter()
            .filter(|c| c.kind == ChangeKind::Renamed && c.year > year)
            .collect();
        renames.sort_by_key(|c| std::cmp::Reverse(c.year));
        for r in renames {
            name = r.former_name.clone();
        }
        InYear::Valid(name)
    }

    /// Every official name a code has had, with the years it was in force where a dated change
    /// says so: the current name, dated renamings and removals, then the undated former names.
    fn names_over_time(&self, code: &str) -> Vec<(String, Option<i32>, Option<i32>)> {
        let mine: Vec<&Change> = changes().iter().filter(|c| c.code == code).collect();
        let mut out = Vec::new();
        let last_rename = |before: i32| {
            mine.iter()
                .filter(|c| c.kind != ChangeKind::Removed && c.year < before)
                .map(|c| c.year)
                .max()
        };
        if let Some(e) = self.entries.get(code) {
            out.push((e.name.clone(), last_rename(i32::MAX), None));
        }
        for c in &mine {
            match c.kind {
                ChangeKind::Renamed => {
                    out.push((c.former_name.clone(), last_rename(c.year), Some(c.year - 1)))
                }
                ChangeKind::Removed => {
                    out.push((c.name.clone(), last_rename(c.year), Some(c.year - 1)))
                }
                ChangeKind::Added => {}
            }
        }
        let dated: Vec<String> = out.iter().map(|(n, _, _)| normalise_name(n)).collect();
        let undated = self
            .entries
            .get(code)
            .map(|e| e.former.clone())
            .unwrap_or_default()
            .into_iter()
            .chain(
                mine.iter()
                    .filter(|c| c.kind == ChangeKind::Removed)
                    .flat_map(|c| c.former_name.split('|').map(|n| n.trim().to_string())),
            )
            .filter(|n| !n.is_empty() && !dated.contains(&normalise_name(n)));
        out.extend(undated.map(|n| (n, None, None)));
        out
    }

    /// Whether a printed name fits a code in the tables of a document's fiscal year: a code not
    /// yet added or already removed is reported as such; a name the code had in another year
    /// is [`NameMatch::OtherYear`]; otherwise the name is judged against the name the code had
    /// that year as [`CodeBook::check_name`] judges it against the current one.
    pub(crate) fn check_name_in(&self, code: &str, printed: &str, year: Option<i32>) -> NameMatch {
        let valid = match self.in_year(code, year) {
            InYear::Unknown => return self.check_name(code, printed),
            InYear::NotYet(c) => return NameMatch::NotYet(c),
            InYear::Removed(c) => return NameMatch::Removed(c),
            InYear::Valid(name) => name,
        };
        let p = normalise_name(without_enumeration(printed));
        // The year's name, or its beginning (`一般公共服务` for 一般公共服务支出, which is also a
        // former name of 201): a truncation, not an outdated template.
        if p.is_empty() || normalise_name(&valid).starts_with(&p) {
            return NameMatch::Fits;
        }
        let other = self
            .names_over_time(code)
            .into_iter()
            .find(|(n, _, _)| normalise_name(n) == p);
        if let Some((_, from, to)) = other {
            // An undated former name may be the right one before the base tables' edition.
            let undated_before_base =
                from.is_none() && to.is_none() && year.is_some_and(|y| y < BASE_EDITION);
            let dated_in_force = (from.is_some() || to.is_some())
                && year.is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t));
            if undated_before_base || dated_in_force {
                return NameMatch::Fits;
            }
            return NameMatch::OtherYear {
                valid,
                years: (from, to),
            };
        }
        self.judge(code, &valid, printed)
    }

    /// Whether a printed name fits a code in the current tables (see [`NameMatch`]).
    pub(crate) fn check_name(&self, code: &str, printed: &str) -> NameMatch {
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
        self.judge(code, &entry.name, printed)
    }

    /// A printed name against the name a code has (`canonical`): the same or a close variant
    /// fits; a sibling's name or a name sharing too little is a mismatch. Former official names
    /// are evidence of an outdated template, not a fit: they are judged like any other printed
    /// name (close variants pass, renamed classes do not).
    fn judge(&self, code: &str, canonical: &str, printed: &str) -> NameMatch {
        let p = normalise_name(printed);
        if p.is_empty() {
            return NameMatch::Fits;
        }
        let names = [normalise_name(canonical)];
        if names.contains(&p) {
            return NameMatch::Fits;
        }
        // The name of a sibling (same parent, same level; for a class, a class of the same
        // classification) is a misnamed code.
        let parent = if code.len() > 3 {
            &code[..code.len() - 2]
        } else {
            &code[..code.len().min(1)]
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

/// A printed name without the enumeration a summary table puts before a class (`三、`, `十二、`).
fn without_enumeration(s: &str) -> &str {
    let t = s.trim_start();
    let numerals = t
        .char_indices()
        .take_while(|(_, c)| "一二三四五六七八九十".contains(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    match numerals {
        Some(end) if t[end..].starts_with('、') => &t[end + '、'.len_utf8()..],
        _ => s,
    }
}

/// A name reduced for comparison: no spaces, punctuation, bracketed asides or 的.
pub(crate) fn normalise_name(s: &str) -> String {
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
        assert_eq!(b.codes_named("商品和服务支出", "3", 3), ["302"]);
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

    #[test]
    fn a_code_added_in_2024_is_unknown_to_earlier_years() {
        let b = book();
        // 22006 耕地保护考核奖惩基金支出: added by 财预〔2024〕22号.
        assert_eq!(
            b.check_name_in("22006", "耕地保护考核奖惩基金支出", Some(2024)),
            NameMatch::Fits
        );
        match b.check_name_in("22006", "耕地保护考核奖惩基金支出", Some(2023)) {
            NameMatch::NotYet(c) => {
                assert_eq!(c.year, 2024);
                assert!(c.source.contains("财预〔2024〕22号"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            b.in_year("2170404", Some(2024)),
            InYear::NotYet(_)
        ));
        assert_eq!(
            b.in_year("2170404", Some(2025)),
            InYear::Valid("中央金融机构注资特别国债支出".into())
        );
    }

    #[test]
    fn a_code_added_in_2022_is_unknown_to_2021() {
        let b = book();
        // 2300296 增值税留抵退税转移支付支出: added by 财预〔2022〕40号.
        match b.in_year("2300296", Some(2021)) {
            InYear::NotYet(c) => {
                assert_eq!(c.year, 2022);
                assert!(c.source.contains("财预〔2022〕40号"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            b.in_year("2300296", Some(2022)),
            InYear::Valid("增值税留抵退税转移支付支出".into())
        );
        assert_eq!(
            b.check_name_in("2300296", "增值税留抵退税转移支付支出", Some(2022)),
            NameMatch::Fits
        );
    }

    #[test]
    fn the_2024_edition_names_21305_and_adds_2300412() {
        let b = book();
        // 2300412 自然资源海洋气象等 (under 23004): added by 财预〔2024〕22号.
        assert!(matches!(
            b.in_year("2300412", Some(2023)),
            InYear::NotYet(_)
        ));
        assert_eq!(
            b.in_year("2300412", Some(2024)),
            InYear::Valid("自然资源海洋气象等".into())
        );
        // 21305: 扶贫 until 2020, 巩固脱贫衔接乡村振兴 from the 2021 edition, 巩固脱贫攻坚成果衔接乡村振兴
        // in the 2024 edition (财预〔2023〕83号).
        assert_eq!(b.in_year("21305", Some(2020)), InYear::Valid("扶贫".into()));
        assert_eq!(
            b.in_year("21305", Some(2023)),
            InYear::Valid("巩固脱贫衔接乡村振兴".into())
        );
        assert_eq!(
            b.in_year("21305", Some(2024)),
            InYear::Valid("巩固脱贫攻坚成果衔接乡村振兴".into())
        );
        assert_eq!(
            b.check_name_in("21305", "巩固脱贫衔接乡村振兴", Some(2022)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name_in("21305", "巩固脱贫攻坚成果衔接乡村振兴", Some(2025)),
            NameMatch::Fits
        );
        match b.check_name_in("21305", "巩固脱贫衔接乡村振兴", Some(2025)) {
            NameMatch::OtherYear { valid, years } => {
                assert_eq!(valid, "巩固脱贫攻坚成果衔接乡村振兴");
                assert_eq!(years, (Some(2021), Some(2023)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_renamed_item_keeps_its_old_name_in_its_own_years() {
        let b = book();
        // 2130550 was 扶贫事业机构 until the 2021 edition made it 事业运行.
        assert_eq!(
            b.in_year("2130550", Some(2019)),
            InYear::Valid("扶贫事业机构".into())
        );
        assert_eq!(
            b.check_name_in("2130550", "扶贫事业机构", Some(2019)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name_in("2130550", "扶贫事业机构", Some(2022)),
            NameMatch::OtherYear {
                valid: "事业运行".into(),
                years: (None, Some(2020)),
            }
        );
        assert_eq!(
            b.check_name_in("201", "一般公共服务", Some(2024)),
            NameMatch::Fits
        );
        assert_eq!(without_enumeration("十二、农林水支出"), "农林水支出");
        assert_eq!(without_enumeration("十足"), "十足");
        // 210 in a 2016 决算 and in a 2024 budget, with a summary table's enumeration.
        assert!(matches!(
            b.check_name_in("210", "三、医疗卫生与计划生育支出", Some(2024)),
            NameMatch::OtherYear { .. }
        ));
        assert_eq!(
            b.check_name_in("210", "医疗卫生与计划生育支出", Some(2016)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name_in("210", "医疗卫生与计划生育支出", Some(2024)),
            NameMatch::OtherYear {
                valid: "卫生健康支出".into(),
                years: (None, Some(2018)),
            }
        );
        // A new name printed before the renaming is an official name of a later year (from the
        // 2021 edition until the 2024 edition renamed it again).
        assert!(matches!(
            b.check_name_in("21305", "巩固脱贫衔接乡村振兴", Some(2019)),
            NameMatch::OtherYear {
                years: (Some(2021), Some(2023)),
                ..
            }
        ));
        // An undated former name may be right before the base edition, not after it.
        assert_eq!(
            b.check_name_in("30110", "城镇职工基本医疗保险缴费", Some(2018)),
            NameMatch::Fits
        );
        assert!(matches!(
            b.check_name_in("30110", "城镇职工基本医疗保险缴费", Some(2022)),
            NameMatch::OtherYear {
                years: (None, None),
                ..
            }
        ));
        // Three 2019 Jiangsu budgets print 20805's former name and 2080504.
        assert_eq!(
            b.check_name_in("20805", "行政事业单位离退休", Some(2019)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name_in("2080504", "未归口管理的行政单位离退休", Some(2019)),
            NameMatch::Fits
        );
        assert!(matches!(
            b.check_name_in("20805", "行政事业单位离退休", Some(2023)),
            NameMatch::OtherYear {
                years: (None, Some(2019)),
                ..
            }
        ));
    }

    #[test]
    fn a_removed_code_is_valid_until_its_removal() {
        let b = book();
        assert_eq!(
            b.check_name_in("30401", "企业政策性补贴", Some(2016)),
            NameMatch::Fits
        );
        match b.check_name_in("30401", "企业政策性补贴", Some(2019)) {
            NameMatch::Removed(c) => {
                assert_eq!(c.year, 2018);
                assert!(c.source.contains("财预〔2017〕98号"));
            }
            other => panic!("{other:?}"),
        }
        // 30104 as the Taiyuan 2016 and Jiangsu 2017 disclosures print it.
        assert_eq!(
            b.check_name_in("30104", "其他社会保障缴费", Some(2017)),
            NameMatch::Fits
        );
    }

    #[test]
    fn government_economic_codes_and_their_correspondence() {
        let b = book();
        assert_eq!(scheme_of("50201"), Scheme::GovernmentEconomic);
        assert_eq!(scheme_of("30201"), Scheme::Economic);
        assert_eq!(b.name("50201"), "办公经费");
        assert_eq!(b.name("505"), "对事业单位经常性补助");
        assert_eq!(
            b.check_name_in("50201", "办公经费", Some(2024)),
            NameMatch::Fits
        );
        assert_eq!(
            b.check_name("50202", "培训费"),
            NameMatch::Mismatch {
                belongs_to: Some("50203".into())
            }
        );
        // A department class printed with the government class's name is that class's name.
        assert_eq!(b.check_name("301", "机关工资福利支出"), NameMatch::Fits);
        assert_eq!(b.check_name("501", "工资福利支出"), NameMatch::Fits);
        assert_eq!(corresponding("30215"), vec!["50202"]);
        assert_eq!(corresponding("30113"), vec!["50103"]);
        let office = corresponding("50201");
        for dept in ["30201", "30211", "30228", "30240"] {
            assert!(office.contains(&dept), "{dept} in {office:?}");
        }
        assert!(!office.contains(&"30203"));
    }

    #[test]
    fn the_data_files_hold_together() {
        let b = book();
        for c in changes() {
            let parent = &c.code[..c.code.len().saturating_sub(2)];
            if c.code.len() > 3 {
                let known =
                    !b.name(parent).is_empty() || changes().iter().any(|e| e.code == parent);
                assert!(known, "parent of {} ({:?} in {})", c.code, c.kind, c.year);
            }
            assert!(!c.source.is_empty(), "source of {}", c.code);
            assert_eq!(scheme_of(&c.code), c.scheme, "{}", c.code);
            match c.kind {
                ChangeKind::Added => assert_eq!(b.name(&c.code), c.name, "{}", c.code),
                ChangeKind::Renamed => assert!(!c.former_name.is_empty(), "{}", c.code),
                ChangeKind::Removed => {}
            }
        }
        for pair in correspondence() {
            assert_eq!(scheme_of(&pair.department), Scheme::Economic);
            assert_eq!(scheme_of(&pair.government), Scheme::GovernmentEconomic);
            assert!(!b.name(&pair.department).is_empty(), "{}", pair.department);
            assert!(!b.name(&pair.government).is_empty(), "{}", pair.government);
        }
        let mut rdr = csv::Reader::from_reader(CORRESPONDENCE_CSV.as_bytes());
        for r in rdr.records().flatten() {
            assert!(!r.get(2).unwrap_or("").trim().is_empty(), "source of {r:?}");
        }
        let rows = codebook();
        let gov = rows
            .iter()
            .filter(|r| r.vocabulary == "government_economic")
            .count();
        assert_eq!(gov, GOVERNMENT_CSV.lines().count() - 1);
        let office = rows.iter().find(|r| r.code == "30201").unwrap();
        assert_eq!(office.corresponds_to, "50201");
        let old_health = rows
            .iter()
            .find(|r| r.code == "210" && r.name == "医疗卫生与计划生育支出")
            .unwrap();
        assert_eq!(old_health.valid_to, "2018");
        let health = rows
            .iter()
            .find(|r| r.code == "210" && r.name == "卫生健康支出")
            .unwrap();
        assert_eq!(health.valid_from, "2019");
    }
}
