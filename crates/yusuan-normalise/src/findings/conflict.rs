//! Two figures for one thing in one paragraph that disagree: `“三公”经费预算11.70万元…本部门“三公”经费
//! 预算合计12.70万元`. Only statements of the document's own year are compared (a figure named
//! with another year, or with 上年, is last year's), and only the same subject with the same
//! stage word (预算 / 决算), so that a part and its whole are never confused.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Check, CheckId, CheckStatus, DocMeta};

use super::change_rate::subject_key;
use super::logic::{half_ulp, num, yuan, NUM};
use super::residue::sentence_around;
use super::{finding, Text};

/// A statement at the start of a clause: optional year, optional 本部门, the subject, the stage
/// word, an optional 合计/总额, the figure.
fn statement_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?:^|[，。；：:])\s*(?:(20[0-9]{{2}})年度?)?(?:本部门|本单位)?([\p{{Han}}“”]{{2,16}}?)(预算|决算)(?:数)?(?:合计|总额|共计|总计)?(?:为|是)?\s*{NUM}\s*(万元|元)"
        ))
        .expect("valid regex")
    })
}

/// Disagreeing figures within each paragraph.
pub(super) fn run(text: &Text, meta: &DocMeta) -> Vec<Check> {
    let Some(year) = meta.fiscal_year else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (p, page) in &text.paragraphs {
        let mut seen: HashMap<
            (String, String),
            (rust_decimal::Decimal, rust_decimal::Decimal, String),
        > = HashMap::new();
        for c in statement_re().captures_iter(p) {
            if c.get(1).is_some_and(|y| y.as_str() != year.to_string()) {
                continue;
            }
            let subject = subject_key(&c[2]);
            if subject.starts_with('上') || subject.starts_with("其中") || subject.contains("比")
            {
                continue;
            }
            let Some(v) = num(&c[4]) else { continue };
            let amount = yuan(v, &c[5]);
            let tol = yuan(half_ulp(v), &c[5]);
            let m = c.get(0).expect("match");
            let quoted = sentence_around(p, m.start(), m.end());
            let key = (subject.clone(), c[3].to_string());
            match seen.get(&key) {
                Some((first, first_tol, first_quote))
                    if (amount - first).abs() > tol + first_tol =>
                {
                    out.push(finding(
                        CheckId::NarrativeLogic,
                        CheckStatus::Fail,
                        &subject,
                        &quoted,
                        *page,
                        format!(
                            "two figures for {subject}{} in one paragraph: {} 元 (“{first_quote}”) and {} 元",
                            &c[3],
                            first.normalize(),
                            amount.normalize()
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (amount, tol, quoted));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_at_clause_starts() {
        let p = "（五）说明：2025年“三公”经费预算11.70万元，比上年预算减少2.50万元。本部门“三公”经费预算合计12.70万元。";
        let subjects: Vec<String> = statement_re()
            .captures_iter(p)
            .map(|c| subject_key(&c[2]))
            .collect();
        assert_eq!(subjects, ["三公经费", "三公经费"]);
    }
}
