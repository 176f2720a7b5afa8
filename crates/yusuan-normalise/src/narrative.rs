//! The explanation (情况说明): its figures, and whether they agree with the tables and with
//! their own arithmetic.
//!
//! The narrative is split into top-level sections (`一、关于…收入预算情况说明`); each heading says
//! which tables its figures describe (收支 → 收支总表, 收入 → the income side, 支出 → 支出总表,
//! 财政拨款 and 一般公共预算 → the general-budget tables, 三公 → the 三公 table). Within a
//! clause, every amount (`基本支出492.34万元`) starts a [`Fact`] whose subject is the text before
//! it; the text after it may add a share (`占40.81%`) and a change on last year
//! (`比上年预算增加37.66万元，增长8.28%`). A section's first figure is the total its shares are of.
//!
//! Checks, each allowing for rounding at the printed precision of every number involved:
//! * the amount against the table figures the subject names (in that section's tables), within
//!   one unit of the narrative's last printed digit;
//! * the share against amount ÷ section total; a share within 0.1 point of it is a `note` (shares
//!   nudged so that they add up to 100%), further off a `narrative_mismatch`;
//! * the change % against change ÷ (amount − change), with the same note band.
//!
//! Subjects that name nothing in the tables (`行政运行基本支出`, `预算安排规模`) are recorded as
//! facts and checked only for their own arithmetic.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use yusuan_model::{
    Check, CheckId, CheckStatus, IncomeSource, Location, Measure, NarrativeFact, Scheme, TableId,
    TableKind,
};

use crate::amount::Unit;
use crate::checks::{by_code, fig, grand_total, sum, table_total, Fig};
use crate::classify::{squash, strip_ordinal};
use crate::codes::book;
use crate::income::income_id;
use crate::measure::three_public_measure;
use crate::ReadTable;

/// Which tables a section's figures describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overall,
    Income,
    Expenditure,
    FiscalGrant,
    GeneralBudget,
    ThreePublic,
    Other,
}

fn section_kind(heading: &str) -> Section {
    let s = squash(heading);
    if s.contains("名词解释") {
        Section::Other
    } else if s.contains("三公") {
        Section::ThreePublic
    } else if s.contains("财政拨款") {
        Section::FiscalGrant
    } else if s.contains("一般公共预算") {
        Section::GeneralBudget
    } else if s.contains("收支") || s.contains("编制说明") {
        Section::Overall
    } else if s.contains("收入") {
        Section::Income
    } else if s.contains("支出") {
        Section::Expenditure
    } else {
        Section::Other
    }
}

/// A printed number with its precision.
#[derive(Debug, Clone, Copy)]
struct Printed {
    value: Decimal,
}

impl Printed {
    fn half_ulp(&self) -> Decimal {
        Decimal::new(5, self.value.scale() + 1)
    }
}

/// One figure of the narrative.
#[derive(Debug, Clone)]
pub struct Fact {
    section: Section,
    heading: String,
    subject: String,
    amount: Option<(Printed, Unit)>,
    share: Option<Printed>,
    change: Option<(Printed, Unit)>,
    change_pct: Option<Printed>,
    sentence: String,
    /// Index of the fact that opens its section (the total its shares are of).
    lead: Option<usize>,
    /// Whether the words before the figure call it a 决算数 (`true`) or a 预算数 (`false`).
    stage: Option<bool>,
    /// The page of the sentence (PDF).
    page: Option<u32>,
}

impl Fact {
    fn amount_yuan(&self) -> Option<Decimal> {
        self.amount.as_ref().map(|(p, u)| u.to_yuan(p.value))
    }

    /// A whole unit of the last printed digit: narratives round, and some truncate
    /// (877,080 元 written as 87.70万元).
    fn amount_tolerance(&self) -> Decimal {
        self.amount
            .as_ref()
            .map(|(p, u)| p.half_ulp() * Decimal::TWO * u.factor)
            .unwrap_or_default()
    }

    /// What the figure is about, as written.
    pub(crate) fn subject(&self) -> &str {
        &self.subject
    }

    /// The amount in 元 and the rounding its printed digits allow.
    pub(crate) fn amount_with_tolerance(&self) -> Option<(Decimal, Decimal)> {
        Some((self.amount_yuan()?, self.amount_tolerance()))
    }

    /// The change on last year in 元 (negative for a decrease) and its rounding.
    pub(crate) fn change_with_tolerance(&self) -> Option<(Decimal, Decimal)> {
        self.change
            .as_ref()
            .map(|(p, u)| (u.to_yuan(p.value), p.half_ulp() * u.factor))
    }

    /// The sentence and its page.
    pub(crate) fn sentence(&self) -> (&str, Option<u32>) {
        (&self.sentence, self.page)
    }

    /// The record for `narrative_facts.csv`.
    pub fn record(&self) -> NarrativeFact {
        NarrativeFact {
            section: self.heading.clone(),
            subject: self.subject.clone(),
            amount_yuan: self.amount_yuan(),
            share_pct: self.share.map(|p| p.value),
            change_yuan: self.change.as_ref().map(|(p, u)| u.to_yuan(p.value)),
            change_pct: self.change_pct.map(|p| p.value),
            sentence: self.sentence.clone(),
        }
    }
}

fn amount_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|元)").expect("valid regex")
    })
}

fn number(s: &str) -> Option<Printed> {
    Decimal::from_str(&s.replace(',', ""))
        .ok()
        .map(|value| Printed { value })
}

/// Read the narrative's facts from the document's paragraph lines.
pub fn read_facts(lines: &[String]) -> Vec<Fact> {
    read_facts_paged(lines, &[])
}

/// [`read_facts`] with each paragraph's page (`pages[i]` for `lines[i]`), which every fact keeps.
pub fn read_facts_paged(lines: &[String], pages: &[Option<u32>]) -> Vec<Fact> {
    let start = lines
        .iter()
        .position(|l| l.contains("情况说明") || l.contains("编制说明"));
    let Some(start) = start else {
        return Vec::new();
    };
    let mut facts: Vec<Fact> = Vec::new();
    let mut section = Section::Other;
    let mut heading = String::new();
    let mut lead: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let page = pages.get(i).copied().flatten();
        let t = line.trim();
        if t.contains("……") || t.contains("....") {
            continue; // a table of contents
        }
        if crate::prose::is_heading(t) {
            section = section_kind(t);
            heading = t.to_string();
            lead = None;
            continue;
        }
        for sentence in t.split(['。', '；', ';']).filter(|s| !s.trim().is_empty()) {
            let (found, orphans) = sentence_facts(sentence, section, &heading);
            for orphan in orphans {
                let earlier = facts
                    .iter_mut()
                    .rev()
                    .take_while(|f| f.heading == heading)
                    .find(|f| f.change.is_none() && same_subject(&f.subject, &orphan.subject));
                if let Some(f) = earlier {
                    f.change = Some(orphan.change);
                    f.change_pct = orphan.pct;
                }
            }
            for fact in found {
                let is_total = fact.amount.is_some() && fact.share.is_none();
                facts.push(Fact { lead, page, ..fact });
                if lead.is_none() && is_total {
                    lead = Some(facts.len() - 1);
                }
            }
        }
    }
    facts
}

/// The facts of one sentence: each amount not preceded by 增加/减少 opens one.
/// A year-on-year change stated without an amount of its own (`“三公”经费比上年减少0.31万元，
/// 下降5.84%`): it belongs to the figure stated earlier for the same subject.
#[derive(Debug, Clone)]
struct ChangeOnly {
    subject: String,
    change: (Printed, Unit),
    pct: Option<Printed>,
}

/// The facts of one sentence, and the changes it states for figures given earlier.
fn sentence_facts(sentence: &str, section: Section, heading: &str) -> (Vec<Fact>, Vec<ChangeOnly>) {
    static SHARE: OnceLock<Regex> = OnceLock::new();
    static PCT: OnceLock<Regex> = OnceLock::new();
    let share_re = SHARE.get_or_init(|| {
        Regex::new(r"^[，,\s]*占[^0-9，。]{0,12}?([0-9]+(?:\.[0-9]+)?)\s*[%％]")
            .expect("valid regex")
    });
    let pct_re = PCT.get_or_init(|| {
        Regex::new(r"(增长|下降|增加|减少|上升)\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]")
            .expect("valid regex")
    });
    let matches: Vec<regex::Captures> = amount_re().captures_iter(sentence).collect();
    let is_change = |start: usize| {
        let before: String = sentence[..start]
            .chars()
            .rev()
            .take(3)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        ["增加", "减少", "增长", "下降", "上升"]
            .iter()
            .any(|w| before.trim_end().ends_with(w))
    };
    let signed = |n: &regex::Captures| -> Option<(Printed, Unit)> {
        let start = n.get(0).expect("match").start();
        let before = sentence[..start].trim_end();
        let sign = if before.ends_with("减少") || before.ends_with("下降") {
            -1
        } else {
            1
        };
        number(&n[1]).map(|p| {
            (
                Printed {
                    value: if sign < 0 && !p.value.is_zero() {
                        -p.value
                    } else {
                        p.value
                    },
                },
                Unit::from_name(&n[2]).expect("unit"),
            )
        })
    };
    let signed_pct = |c: regex::Captures| {
        let sign = if matches!(&c[1], "下降" | "减少") {
            -1
        } else {
            1
        };
        number(&c[2]).map(|p| Printed {
            value: if sign < 0 && !p.value.is_zero() {
                -p.value
            } else {
                p.value
            },
        })
    };
    // Changes before the first figure of the sentence belong to a figure stated earlier.
    let first_anchor = matches
        .iter()
        .map(|m| m.get(0).expect("match").start())
        .find(|&st| !is_change(st))
        .unwrap_or(sentence.len());
    let mut orphans = Vec::new();
    for n in matches
        .iter()
        .filter(|n| n.get(0).expect("match").start() < first_anchor)
    {
        let whole = n.get(0).expect("match");
        let before = sentence[..whole.start()].trim_end();
        let before = before.rsplit_once('比').map(|(a, _)| a).unwrap_or(before);
        let before =
            before.trim_end_matches(['增', '加', '减', '少', '长', '下', '降', '上', '升']);
        let Some(change) = signed(n) else { continue };
        let rest_end = matches
            .iter()
            .map(|m| m.get(0).expect("match").start())
            .find(|&st| st > whole.start())
            .unwrap_or(sentence.len());
        let pct = pct_re
            .captures(&sentence[whole.end()..rest_end.max(whole.end())])
            .and_then(signed_pct);
        orphans.push(ChangeOnly {
            subject: subject_of(before),
            change,
            pct,
        });
    }
    let mut out: Vec<Fact> = Vec::new();
    let mut prev_end = 0;
    for (i, m) in matches.iter().enumerate() {
        let whole = m.get(0).expect("match");
        if is_change(whole.start()) {
            continue;
        }
        let tail_end = matches[i + 1..]
            .iter()
            .map(|n| n.get(0).expect("match"))
            .find(|n| !is_change(n.start()))
            .map(|n| n.start())
            .unwrap_or(sentence.len());
        let head = &sentence[prev_end..whole.start()];
        let mut subject = if head.contains("（类）") || head.contains("(类)") {
            path_subject(head)
        } else {
            subject_of(head)
        };
        // `…年初预算为3.45万元，支出决算为8.11万元`: the second figure is the same subject's.
        let stage = stage_of(head);
        if stage.is_some() && only_stage_words(&subject) {
            if let Some(prev) = out.last() {
                subject = prev.subject.clone();
            }
        }
        let tail = &sentence[whole.end()..tail_end];
        prev_end = whole.end();
        let unit = Unit::from_name(&m[2]).expect("unit from the regex");
        let Some(amount) = number(&m[1]) else {
            continue;
        };
        let share = share_re.captures(tail).and_then(|c| number(&c[1]));
        let change = matches[i + 1..]
            .iter()
            .take_while(|n| n.get(0).expect("match").start() < tail_end)
            .find(|n| is_change(n.get(0).expect("match").start()))
            .and_then(signed);
        let change_pct = pct_re.captures(tail).and_then(signed_pct);
        out.push(Fact {
            section,
            heading: heading.to_string(),
            subject,
            amount: Some((amount, unit)),
            share,
            change,
            change_pct,
            sentence: sentence.trim().to_string(),
            lead: None,
            stage,
            page: None,
        });
    }
    (out, orphans)
}

/// Whether the words before a figure call it a 决算数 (`true`) or a 预算数 (`false`): the last
/// of the two words named wins (`年初预算为3.45万元，支出决算为` names 决算).
fn stage_of(head: &str) -> Option<bool> {
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
fn only_stage_words(subject: &str) -> bool {
    let mut s = subject.to_string();
    for w in [
        "支出", "决算", "预算", "年初", "全年", "调整", "执行", "完成", "实际", "数", "为", "是",
    ] {
        s = s.replace(w, "");
    }
    s.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
}

/// Subjects that name the same figure (`一般公共预算“三公”经费数` and `一般公共预算“三公”经费`).
fn same_subject(a: &str, b: &str) -> bool {
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
fn subject_of(head: &str) -> String {
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
fn path_subject(head: &str) -> String {
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

/// What a subject names in the tables: a label for the check, and the figure in every table
/// that prints it (a narrative figure that agrees with one of them does not contradict the
/// tables; a disagreement between the tables is `cross_table`'s to report).
fn resolve(fact: &Fact, tables: &[ReadTable]) -> Option<(String, Vec<Fig>)> {
    use TableKind as K;
    let find = |k: TableKind| tables.iter().find(|t| t.info.kind == k && !t.info.empty);
    let total =
        |k: TableKind, side: &str, m: Measure| find(k).and_then(|t| table_total(t, side, m));
    let class_total = |k: TableKind, class: &str, m: Measure| {
        find(k).and_then(|t| by_code(t).get(class)?.get(&m).copied())
    };
    let some = |figs: Vec<Option<Fig>>| -> Option<Vec<Fig>> {
        let v: Vec<Fig> = figs.into_iter().flatten().collect();
        (!v.is_empty()).then_some(v)
    };
    let s = fact.subject.as_str();
    // A figure inside a reason (原因是从会议费预算中调减403.75万元) is the size of a change, not
    // the level of what it names.
    if ["原因", "主要原因", "主要是", "由于"]
        .iter()
        .any(|r| s.starts_with(r))
    {
        return None;
    }
    let general = matches!(fact.section, Section::GeneralBudget | Section::FiscalGrant);
    if s.contains("（类）") || s.contains("(类)") {
        // A class alone is named by its name (`一般公共服务支出（类）` → `一般公共服务支出`).
        let class_only = s.trim_end_matches("（类）").trim_end_matches("(类)");
        let label = if class_only.contains('（') || class_only.contains('(') {
            s
        } else {
            class_only
        };
        // The class is named under 一般公共预算支出 in most templates, under the year's whole
        // spending (支出预算总计 … 包括：公共安全（类）支出) in others: any table that prints it.
        let figs: Vec<Fig> = [
            K::GeneralBudgetExpenditure,
            K::FiscalGrantExpenditure,
            K::ExpenditureSummary,
            K::RevenueExpenditureSummary,
        ]
        .into_iter()
        .filter_map(|k| path_figure(s, find(k)?))
        .collect();
        return (!figs.is_empty()).then(|| (label.to_string(), figs));
    }
    if fact.section == Section::ThreePublic {
        let measure = if s.contains("三公") {
            Measure::Total
        } else {
            three_public_measure(&[s.to_string()])?
        };
        if measure == Measure::Total && !s.contains("三公") || measure == Measure::RunningCosts {
            return None;
        }
        let Some(t) = find(K::ThreePublic) else {
            // A 三公 table printed empty while the text gives a figure: the table shows nothing
            // of what the text says was there.
            let empty = tables
                .iter()
                .find(|t| t.info.kind == K::ThreePublic && t.info.empty)?;
            if fact.amount_yuan().is_none_or(|a| a.is_zero()) {
                return None;
            }
            let nothing = Fig {
                yuan: Decimal::ZERO,
                tolerance: Decimal::ZERO,
                loc: Location {
                    page: empty.info.page,
                    table_no: Some(empty.info.table_no),
                    row: None,
                    col: None,
                },
            };
            let label = if measure == Measure::Total {
                "三公经费".to_string()
            } else {
                s.to_string()
            };
            return Some((label, vec![nothing]));
        };
        let row = t.data.rows.first()?;
        let label = if measure == Measure::Total {
            "三公经费".to_string()
        } else {
            s.to_string()
        };
        // A 决算 table prints 预算数 and 决算数 for every part: the figure is compared with the
        // column its wording names (决算 unless it says 预算).
        let measure = if t.info.final_accounts {
            measure.three_public_stage(fact.stage.unwrap_or(true))
        } else {
            measure
        };
        return Some((label, vec![fig(t, row.values.get(&measure)?, row.row)]));
    }
    // `收入预算`, `上海市普陀区财政局支出预算`, but not `财政拨款支出预算` or `政府性基金拨款支出预算`:
    // those are parts of the total.
    let qualified = ["拨款", "基金", "资本经营", "一般公共"]
        .iter()
        .any(|q| s.contains(q));
    let ends = |w: &str| s.ends_with(w) && !qualified;
    // A 决算's totals: 收入支出总计 (with the carry-overs), 本年收入合计, 本年支出合计.
    if s.ends_with("收入支出总计") || s.ends_with("收支总计") {
        let grand =
            |k: TableKind, side: &str| find(k).and_then(|t| grand_total(t, side, Measure::Total));
        let fiscal = fact.section == Section::FiscalGrant || s.contains("财政拨款");
        let k = if fiscal {
            K::FiscalGrantSummary
        } else {
            K::RevenueExpenditureSummary
        };
        let label = if fiscal {
            "财政拨款收入支出总计"
        } else {
            "收入支出总计"
        };
        return Some((
            label.into(),
            some(vec![grand(k, "income"), grand(k, "expenditure")])?,
        ));
    }
    // The 收支总表's year total of a side (本年收入合计), where it prints one beside the grand
    // total: a budget that uses carry-overs gives both, and a narrative may name either.
    let year_total = |side: &str| {
        let t = find(K::RevenueExpenditureSummary)?;
        let v = t
            .data
            .totals
            .get(&(crate::read_table::year_side(side), Measure::Total))?;
        Some(fig(t, v, 0))
    };
    if s.ends_with("本年收入合计") && !qualified {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "income", Measure::Total),
            total(K::RevenueSummary, "", Measure::Total),
            year_total("income"),
        ];
        return Some(("本年收入合计".into(), some(figs)?));
    }
    if s.ends_with("本年支出合计") && !qualified {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            total(K::ExpenditureSummary, "", Measure::Total),
            year_total("expenditure"),
        ];
        return Some(("本年支出合计".into(), some(figs)?));
    }
    if ends("收支总预算") || ends("收支预算") {
        let figs = if fact.section == Section::FiscalGrant {
            vec![total(K::FiscalGrantSummary, "income", Measure::Total)]
        } else {
            vec![
                total(K::RevenueExpenditureSummary, "income", Measure::Total),
                total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            ]
        };
        return Some(("收支总预算".into(), some(figs)?));
    }
    if ends("收入预算") && matches!(fact.section, Section::Income | Section::Overall) {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "income", Measure::Total),
            total(K::RevenueSummary, "", Measure::Total),
            year_total("income"),
        ];
        return Some(("收入预算".into(), some(figs)?));
    }
    if ends("支出预算") && matches!(fact.section, Section::Expenditure | Section::Overall) {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            total(K::ExpenditureSummary, "", Measure::Total),
            year_total("expenditure"),
        ];
        return Some(("支出预算".into(), some(figs)?));
    }
    if fact.section == Section::GeneralBudget && s.ends_with("拨款合计") {
        let figs = vec![
            total(K::GeneralBudgetExpenditure, "", Measure::Total),
            total(
                K::FiscalGrantSummary,
                "expenditure",
                Measure::GeneralPublicBudget,
            ),
        ];
        return Some(("一般公共预算拨款合计".into(), some(figs)?));
    }
    for (words, measure) in [
        (["基本支出", "一般公共预算基本支出"], Measure::Basic),
        (["项目支出", "一般公共预算项目支出"], Measure::Project),
    ] {
        if words.contains(&s) {
            let figs = match fact.section {
                Section::GeneralBudget => vec![
                    total(K::GeneralBudgetExpenditure, "", measure),
                    total(
                        if measure == Measure::Basic {
                            K::GeneralBudgetBasicExpenditure
                        } else {
                            K::GeneralBudgetProjectExpenditure
                        },
                        "",
                        Measure::Total,
                    ),
                ],
                Section::Expenditure | Section::Overall => {
                    vec![total(K::ExpenditureSummary, "", measure)]
                }
                _ => return None,
            };
            return Some((words[0].to_string(), some(figs)?));
        }
    }
    if fact.section == Section::GeneralBudget && (s == "人员经费" || s == "公用经费") {
        let measure = if s == "人员经费" {
            Measure::Personnel
        } else {
            Measure::PublicUse
        };
        return Some((
            s.to_string(),
            vec![total(K::GeneralBudgetBasicExpenditure, "", measure)?],
        ));
    }
    if !s.contains("支出") && !s.contains("合计") {
        if let Some(id) = income_id(s) {
            let table = match fact.section {
                Section::Overall | Section::Income => find(K::RevenueExpenditureSummary),
                Section::FiscalGrant => find(K::FiscalGrantSummary),
                _ => None,
            }?;
            let row = table
                .data
                .rows
                .iter()
                .find(|r| r.scheme == Scheme::Income && r.code == id.as_str())?;
            let label = if id == IncomeSource::GeneralPublicBudget {
                "一般公共预算".to_string()
            } else {
                s.to_string()
            };
            return Some((
                label,
                vec![fig(table, row.values.get(&Measure::Total)?, row.row)],
            ));
        }
    }
    let class = book().function_class_by_name(s)?;
    let figs = if general {
        vec![
            class_total(K::GeneralBudgetExpenditure, class, Measure::Total),
            class_total(K::FiscalGrantSummary, class, Measure::GeneralPublicBudget),
        ]
    } else {
        vec![
            class_total(K::ExpenditureSummary, class, Measure::Total),
            class_total(K::RevenueExpenditureSummary, class, Measure::Total),
        ]
    };
    Some((book().name(class).to_string(), some(figs)?))
}

/// The general-budget figure of a `类（类）款（款）项（项）、项（项）` path (several 项 are summed).
fn path_figure(path: &str, gbe: &ReadTable) -> Option<Fig> {
    static PART: OnceLock<Regex> = OnceLock::new();
    let re = PART
        .get_or_init(|| Regex::new(r"([^（）()、，]+)[（(](类|款|项)[）)]").expect("valid regex"));
    let mut class: Option<String> = None;
    let mut kuan: Option<String> = None;
    let mut items: Vec<String> = Vec::new();
    for c in re.captures_iter(path) {
        let name = c[1].trim_start_matches(['、', '，']);
        match &c[2] {
            "类" => class = book().function_class_by_name(name).map(String::from),
            "款" => {
                kuan = book()
                    .codes_named(name, class.as_deref()?, 5)
                    .first()
                    .map(|c| c.to_string())
            }
            _ => items.push(
                book()
                    .codes_named(name, kuan.as_deref()?, 7)
                    .first()?
                    .to_string(),
            ),
        }
    }
    let codes = by_code(gbe);
    let figs: Vec<Fig> = if items.is_empty() {
        vec![*codes
            .get(kuan.as_ref().or(class.as_ref())?)?
            .get(&Measure::Total)?]
    } else {
        items
            .iter()
            .map(|c| codes.get(c).and_then(|m| m.get(&Measure::Total)).copied())
            .collect::<Option<Vec<_>>>()?
    };
    sum(&figs)
}

/// The table of the figure a narrative finding was compared with.
type At = Option<TableId>;

fn check(
    fact: &Fact,
    code: &str,
    status: CheckStatus,
    expected: Decimal,
    found: Decimal,
    detail: String,
    at: At,
) -> Check {
    Check {
        check: CheckId::NarrativeMismatch,
        status,
        table: at,
        code: code.to_string(),
        expected: expected.to_string(),
        found: found.to_string(),
        detail: format!("{detail} (“{}”, {})", fact.sentence, fact.heading),
        // A narrative finding points at its sentence's page; `table` names the table compared.
        location: Location {
            page: fact.page,
            ..Location::default()
        },
    }
}

/// A fact's share with what it should be: (the lead fact's index, the share printed, amount ÷
/// the lead's amount in percent, the rounding both figures allow).
fn share_of(fact: &Fact, facts: &[Fact]) -> Option<(usize, Decimal, Decimal, Decimal)> {
    let hundred = Decimal::from(100);
    let share = fact.share?;
    let i = fact.lead?;
    let lead = facts.get(i)?;
    let total = lead.amount_yuan().filter(|t| !t.is_zero())?;
    let amount = fact.amount_yuan()?;
    let exact = amount / total * hundred;
    let rounding = share.half_ulp()
        + (fact.amount_tolerance() / total + amount * lead.amount_tolerance() / (total * total))
            * hundred;
    Some((i, share.value, exact, rounding))
}

/// Grade a percentage against its exact value: pass within rounding, note within 0.1 point
/// (nudged to add up), fail beyond.
fn grade(printed: Decimal, exact: Decimal, rounding: Decimal) -> CheckStatus {
    let diff = (printed - exact).abs();
    if diff <= rounding {
        CheckStatus::Pass
    } else if diff <= rounding + Decimal::new(1, 1) {
        CheckStatus::Note
    } else {
        CheckStatus::Fail
    }
}

/// Check every fact against the tables and its own arithmetic.
pub fn check_facts(facts: &[Fact], tables: &[ReadTable]) -> Vec<Check> {
    let hundred = Decimal::from(100);
    let at = |f: &Fig| -> At {
        tables
            .iter()
            .find(|t| Some(t.info.table_no) == f.loc.table_no)
            .map(|t| t.info.id())
    };
    // The shares stated of one total add up to 100% when they were nudged for rounding; when
    // they do not, a share off by a little is an error, not a nudge. (Shares far off are errors
    // of their own and are left out of the sum.)
    let mut share_sums: std::collections::HashMap<usize, Decimal> = Default::default();
    for f in facts {
        if let Some((lead, share, exact, rounding)) = share_of(f, facts) {
            if grade(share, exact, rounding) != CheckStatus::Fail {
                *share_sums.entry(lead).or_default() += share;
            }
        }
    }
    let mut out = Vec::new();
    for fact in facts {
        let resolved = resolve(fact, tables);
        let compared: At = resolved.as_ref().and_then(|(_, figs)| {
            let amount = fact.amount_yuan()?;
            let h = fact.amount_tolerance();
            let f = figs
                .iter()
                .find(|f| (amount - f.yuan).abs() <= h + f.tolerance)
                .or(figs.first())?;
            at(f)
        });
        let label = resolved
            .as_ref()
            .map(|(l, _)| l.clone())
            .unwrap_or_else(|| fact.subject.clone());
        let Some(amount) = fact.amount_yuan() else {
            continue;
        };
        let h_amount = fact.amount_tolerance();
        if let Some((_, figs)) = &resolved {
            let agrees = |f: &&Fig| (amount - f.yuan).abs() <= h_amount + f.tolerance;
            let (status, table) = match figs.iter().find(agrees) {
                Some(f) => (CheckStatus::Pass, f),
                None => (CheckStatus::Fail, &figs[0]),
            };
            out.push(check(
                fact,
                &label,
                status,
                table.yuan,
                amount,
                format!(
                    "the narrative gives {amount} 元, the tables {} 元",
                    table.yuan
                ),
                at(table),
            ));
        }
        if let (Some(share), Some(lead)) = (fact.share, fact.lead.and_then(|i| facts.get(i))) {
            if let (Some(total), Some((_, _, exact, rounding))) = (
                lead.amount_yuan().filter(|t| !t.is_zero()),
                share_of(fact, facts),
            ) {
                let mut status = grade(share.value, exact, rounding);
                let sum = fact.lead.and_then(|l| share_sums.get(&l)).copied();
                let nudged = sum.is_some_and(|s| (s - hundred).abs() <= Decimal::new(1, 2));
                if status == CheckStatus::Note && !nudged {
                    status = CheckStatus::Fail;
                }
                let exact = exact.round_dp(4);
                out.push(check(
                    fact,
                    &label,
                    status,
                    exact,
                    share.value,
                    format!(
                        "a share of {}% is stated; {amount} of {total} is {exact}%{}",
                        share.value,
                        match sum {
                            Some(s) if status == CheckStatus::Fail => {
                                format!(" (the shares stated add up to {s}%)")
                            }
                            _ => String::new(),
                        }
                    ),
                    compared,
                ));
            }
        }
        if let (Some((change, unit)), Some(pct)) = (&fact.change, fact.change_pct) {
            let c = unit.to_yuan(change.value);
            // The figure is this year's, so last year's is the figure less the change; a sentence
            // that states last year's figure in brackets (（2016年度部门支出预算安排为8,648.07万元）)
            // may have given that one instead.
            let mut bases = vec![amount - c];
            if states_last_year_in_brackets(&fact.sentence) {
                bases.push(amount);
            }
            let graded: Vec<(Decimal, Decimal, CheckStatus)> = bases
                .into_iter()
                .filter(|b| !b.is_zero())
                .map(|base| {
                    let exact = c / base * hundred;
                    let hc = change.half_ulp() * unit.factor;
                    let rounding = pct.half_ulp()
                        + (hc / base.abs() + c.abs() * (h_amount + hc) / (base * base)) * hundred;
                    (base, exact, grade(pct.value, exact, rounding))
                })
                .collect();
            let best = graded
                .iter()
                .find(|g| g.2 == CheckStatus::Pass)
                .or_else(|| graded.iter().find(|g| g.2 == CheckStatus::Note))
                .or(graded.first());
            if let Some(&(base, exact, status)) = best {
                let exact = exact.round_dp(4);
                out.push(check(
                    fact,
                    &label,
                    status,
                    exact,
                    pct.value,
                    format!(
                        "a change of {}% is stated; {c} on last year's {base} is {exact}%",
                        pct.value
                    ),
                    compared,
                ));
            }
        }
    }
    out
}

/// Whether a sentence states last year's figure in brackets (`（2016年度部门支出预算安排为
/// 8,648.07万元）`, `（上年为…）`).
fn states_last_year_in_brackets(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[（(][^）)]*(上年|\d{4}\s*年)[^）)]*为\s*[\d,，.]+\s*万?元\s*[）)]")
            .expect("valid regex")
    })
    .is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_year_in_brackets() {
        assert!(states_last_year_in_brackets(
            "2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。"
        ));
        assert!(!states_last_year_in_brackets(
            "一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.06%。"
        ));
    }

    fn facts_of(s: &str, section: Section) -> Vec<Fact> {
        sentence_facts(s, section, "").0
    }

    #[test]
    fn amounts_shares_and_changes() {
        let f = facts_of("基本支出492.34万元，占40.81%，比上年预算增加37.66万元，增长8.28%，主要原因调入1名事业编制人员", Section::Expenditure);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, "基本支出");
        assert_eq!(f[0].amount_yuan().unwrap().to_string(), "4923400.00");
        assert_eq!(f[0].share.unwrap().value.to_string(), "40.81");
        assert_eq!(f[0].change.as_ref().unwrap().0.value.to_string(), "37.66");
        assert_eq!(f[0].change_pct.unwrap().value.to_string(), "8.28");
    }

    #[test]
    fn lists_and_decreases() {
        let f = facts_of("其中：因公出国（境）费0万元，公务用车购置0万元，公务用车运行费4.8万元，公务接待费0.2万元", Section::ThreePublic);
        let subjects: Vec<&str> = f.iter().map(|x| x.subject.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "因公出国（境）费",
                "公务用车购置",
                "公务用车运行费",
                "公务接待费"
            ]
        );
        let g = facts_of(
            "2.事业运行（项）:2022年预算数为185.97万元，比上年预算数减少16.75万元，下降8.26%",
            Section::GeneralBudget,
        );
        assert_eq!(g[0].change_pct.unwrap().value.to_string(), "-8.26");
        assert_eq!(g[0].change.as_ref().unwrap().0.value.to_string(), "-16.75");
    }

    #[test]
    fn subjects_lose_prefixes() {
        assert_eq!(
            subject_of("昌吉州政资局2022年一般公共预算拨款合计"),
            "一般公共预算拨款合计"
        );
        assert_eq!(subject_of("1.一般公共服务支出"), "一般公共服务支出");
        assert_eq!(subject_of("主要用于行政运行基本支出"), "行政运行基本支出");
    }

    #[test]
    fn nudged_shares_are_notes() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(
            grade(d("3.64"), d("3.6342"), d("0.0055")),
            CheckStatus::Note
        );
        assert_eq!(
            grade(d("38.26"), d("59.1876"), d("0.0055")),
            CheckStatus::Fail
        );
        assert_eq!(
            grade(d("40.81"), d("40.8127"), d("0.0055")),
            CheckStatus::Pass
        );
    }
}
