//! The figures of one sentence: each amount not preceded by 增加/减少 opens a [`Fact`] whose
//! subject is the text before it; the text after it may add a share (`占40.81%`) and a change
//! on last year (`比上年预算增加37.66万元，增长8.28%`).

use std::sync::OnceLock;

use regex::Regex;

use crate::amount::Unit;
use crate::narrative::subject::{only_stage_words, path_subject, stage_of, subject_of};
use crate::narrative::{amount_re, number, Fact, Printed, Section};

/// The facts of one sentence: each amount not preceded by 增加/减少 opens one.
/// A year-on-year change stated without an amount of its own (`“三公”经费比上年减少0.31万元，
/// 下降5.84%`): it belongs to the figure stated earlier for the same subject.
#[derive(Debug, Clone)]
pub(crate) struct ChangeOnly {
    pub(crate) subject: String,
    pub(crate) change: (Printed, Unit),
    pub(crate) pct: Option<Printed>,
}

fn share_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[，,\s]*占[^0-9，。]{0,12}?([0-9]+(?:\.[0-9]+)?)\s*[%％]")
            .expect("valid regex")
    })
}

fn pct_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(增长|下降|增加|减少|上升)\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]")
            .expect("valid regex")
    })
}

/// A number made negative when its word says it went down (`下降`, `减少`).
fn with_sign(p: Printed, down: bool) -> Printed {
    Printed {
        value: if down && !p.value.is_zero() {
            -p.value
        } else {
            p.value
        },
    }
}

/// A change in percent (`增长8.28%`), signed.
fn signed_pct(c: regex::Captures) -> Option<Printed> {
    number(&c[2]).map(|p| with_sign(p, matches!(&c[1], "下降" | "减少")))
}

/// One sentence and the amounts printed in it.
struct Amounts<'s> {
    text: &'s str,
    found: Vec<regex::Captures<'s>>,
}

impl<'s> Amounts<'s> {
    fn of(text: &'s str) -> Amounts<'s> {
        Amounts {
            text,
            found: amount_re().captures_iter(text).collect(),
        }
    }

    /// Where amount `i` starts and ends.
    fn span(&self, i: usize) -> (usize, usize) {
        let m = self.found[i].get(0).expect("match");
        (m.start(), m.end())
    }

    /// Whether the amount starting at `start` is a change (`增加37.66万元`), not a level.
    fn is_change(&self, start: usize) -> bool {
        let before: String = self.text[..start]
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
    }

    /// Amount `i` with its unit, negative when its word says it went down.
    fn signed(&self, i: usize) -> Option<(Printed, Unit)> {
        let n = &self.found[i];
        let before = self.text[..self.span(i).0].trim_end();
        let down = before.ends_with("减少") || before.ends_with("下降");
        number(&n[1]).map(|p| (with_sign(p, down), Unit::from_name(&n[2]).expect("unit")))
    }

    /// Where the first amount after `from` that is not a change starts (or the sentence's end).
    fn next_level(&self, after: usize) -> usize {
        (after + 1..self.found.len())
            .map(|j| self.span(j).0)
            .find(|&st| !self.is_change(st))
            .unwrap_or(self.text.len())
    }
}

/// The facts of one sentence, and the changes it states for figures given earlier.
pub(crate) fn sentence_facts(
    sentence: &str,
    section: Section,
    heading: &str,
) -> (Vec<Fact>, Vec<ChangeOnly>) {
    let amounts = Amounts::of(sentence);
    (
        levels(&amounts, section, heading),
        changes_before_first_level(&amounts),
    )
}

/// Changes before the first figure of the sentence belong to a figure stated earlier.
fn changes_before_first_level(a: &Amounts<'_>) -> Vec<ChangeOnly> {
    let first_level = (0..a.found.len())
        .map(|i| a.span(i).0)
        .find(|&st| !a.is_change(st))
        .unwrap_or(a.text.len());
    let mut orphans = Vec::new();
    for i in (0..a.found.len()).filter(|&i| a.span(i).0 < first_level) {
        let (start, end) = a.span(i);
        let before = a.text[..start].trim_end();
        let before = before.rsplit_once('比').map(|(b, _)| b).unwrap_or(before);
        let before =
            before.trim_end_matches(['增', '加', '减', '少', '长', '下', '降', '上', '升']);
        let Some(change) = a.signed(i) else { continue };
        let rest_end = (0..a.found.len())
            .map(|j| a.span(j).0)
            .find(|&st| st > start)
            .unwrap_or(a.text.len());
        let pct = pct_re()
            .captures(&a.text[end..rest_end.max(end)])
            .and_then(signed_pct);
        orphans.push(ChangeOnly {
            subject: subject_of(before),
            change,
            pct,
        });
    }
    orphans
}

/// Each amount that is not a change opens a fact: its subject is the text since the amount
/// before, its share and change come after it, up to the next such amount.
fn levels(a: &Amounts<'_>, section: Section, heading: &str) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut prev_end = 0;
    for i in 0..a.found.len() {
        let (start, end) = a.span(i);
        if a.is_change(start) {
            continue;
        }
        let tail_end = a.next_level(i);
        let head = &a.text[prev_end..start];
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
        let tail = &a.text[end..tail_end];
        prev_end = end;
        let m = &a.found[i];
        let unit = Unit::from_name(&m[2]).expect("unit from the regex");
        let Some(amount) = number(&m[1]) else {
            continue;
        };
        let change = (i + 1..a.found.len())
            .take_while(|&j| a.span(j).0 < tail_end)
            .find(|&j| a.is_change(a.span(j).0))
            .and_then(|j| a.signed(j));
        out.push(Fact {
            section,
            heading: heading.to_string(),
            subject,
            amount: Some((amount, unit)),
            share: share_re().captures(tail).and_then(|c| number(&c[1])),
            change,
            change_pct: pct_re().captures(tail).and_then(signed_pct),
            sentence: a.text.trim().to_string(),
            lead: None,
            stage,
            page: None,
        });
    }
    out
}
