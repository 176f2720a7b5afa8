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

/// The facts of one sentence, and the changes it states for figures given earlier.
pub(crate) fn sentence_facts(
    sentence: &str,
    section: Section,
    heading: &str,
) -> (Vec<Fact>, Vec<ChangeOnly>) {
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
