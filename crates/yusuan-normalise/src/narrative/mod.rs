//! Phase 3: the explanation (情况说明) read into figures.
//!
//! The narrative is split into top-level sections (`一、关于…收入预算情况说明`); each heading says
//! which tables its figures describe (收支 → 收支总表, 收入 → the income side, 支出 → 支出总表,
//! 财政拨款 and 一般公共预算 → the general-budget tables, 三公 → the 三公 table). Within a
//! clause, every amount (`基本支出492.34万元`) starts a [`Fact`] whose subject is the text before
//! it ([`sentence`], [`subject`]); the text after it may add a share (`占40.81%`) and a change on
//! last year (`比上年预算增加37.66万元，增长8.28%`). A section's first figure is the total its
//! shares are of. The checks phase compares the facts with the tables; `reported` reads the
//! other things the explanation reports (机关运行经费, 政府采购, assets, projects).

pub(crate) mod reported;
pub(crate) mod sentence;
pub(crate) mod subject;

use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::NarrativeFact;

use crate::amount::Unit;
use crate::text::squash;
use sentence::sentence_facts;
use subject::same_subject;

/// Which tables a section's figures describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Overall,
    Income,
    Expenditure,
    FiscalGrant,
    GeneralBudget,
    ThreePublic,
    Other,
}

pub(crate) fn section_kind(heading: &str) -> Section {
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
pub(crate) struct Printed {
    pub(crate) value: Decimal,
}

impl Printed {
    pub(crate) fn half_ulp(&self) -> Decimal {
        Decimal::new(5, self.value.scale() + 1)
    }
}

/// One figure of the narrative.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    pub(crate) section: Section,
    pub(crate) heading: String,
    pub(crate) subject: String,
    pub(crate) amount: Option<(Printed, Unit)>,
    pub(crate) share: Option<Printed>,
    pub(crate) change: Option<(Printed, Unit)>,
    pub(crate) change_pct: Option<Printed>,
    pub(crate) sentence: String,
    /// Index of the fact that opens its section (the total its shares are of).
    pub(crate) lead: Option<usize>,
    /// Whether the words before the figure call it a 决算数 (`true`) or a 预算数 (`false`).
    pub(crate) stage: Option<bool>,
    /// The page of the sentence (PDF).
    pub(crate) page: Option<u32>,
}

impl Fact {
    pub(crate) fn amount_yuan(&self) -> Option<Decimal> {
        self.amount.as_ref().map(|(p, u)| u.to_yuan(p.value))
    }

    /// A whole unit of the last printed digit: narratives round, and some truncate
    /// (877,080 元 written as 87.70万元).
    pub(crate) fn amount_tolerance(&self) -> Decimal {
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
    pub(crate) fn record(&self) -> NarrativeFact {
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

pub(crate) fn amount_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|元)").expect("valid regex")
    })
}

pub(crate) fn number(s: &str) -> Option<Printed> {
    Decimal::from_str(&s.replace(',', ""))
        .ok()
        .map(|value| Printed { value })
}

/// Read the narrative's facts from the document's paragraphs, each with its page, which every
/// fact keeps.
pub(crate) fn read_facts_paged(paragraphs: &[(String, Option<u32>)]) -> Vec<Fact> {
    let start = paragraphs
        .iter()
        .position(|(l, _)| l.contains("情况说明") || l.contains("编制说明"));
    let Some(start) = start else {
        return Vec::new();
    };
    let mut facts: Vec<Fact> = Vec::new();
    let mut section = Section::Other;
    let mut heading = String::new();
    let mut lead: Option<usize> = None;
    for (line, page) in paragraphs.iter().skip(start + 1) {
        let page = *page;
        let t = line.trim();
        if t.contains("……") || t.contains("....") {
            continue; // a table of contents
        }
        if crate::text::is_heading(t) {
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

#[cfg(test)]
mod tests {
    use super::subject::subject_of;
    use super::*;

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
}
