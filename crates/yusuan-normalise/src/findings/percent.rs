//! Percentages a reader cannot use: a rate printed without its % sign (`增长8.28；`, `占比为45.60，`)
//! and a share whose amount is missing (`项目支出，占6.19%`, `项目支出万元，占6.19%`: the clause
//! before the share states no figure). A share at the start of a paragraph is left alone: its
//! amount may end the paragraph before, which a page break cut off.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Check, CheckId, CheckStatus};

use super::residue::sentence_around;
use super::{finding, Text};

/// A rate word followed by a decimal number and then punctuation, with no % sign or unit.
fn bare_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(增长|下降|上升|增幅为?|降幅为?|占比为?|占[^0-9，。；、]{0,12}?|完成[^0-9，。；]{0,10}?的)\s*([0-9]{1,3}\.[0-9]{1,2})\s*(?:[，。；;、）)]|$)",
        )
        .expect("valid regex")
    })
}

/// A share (`，占…X%`) after a clause that states no figure.
fn orphan_share_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"[，。；：:]([^，。；：:0-9０-９]{2,30})[，,]\s*(占[^0-9，。；]{0,12}?[0-9]+(?:\.[0-9]+)?\s*[%％])")
            .expect("valid regex")
    })
}

/// Percentage findings over the paragraphs.
pub(super) fn run(text: &Text) -> Vec<Check> {
    let mut out = Vec::new();
    for (p, page) in &text.paragraphs {
        for c in bare_re().captures_iter(p) {
            let m = c.get(0).expect("match");
            out.push(finding(
                CheckId::PercentFormat,
                CheckStatus::Fail,
                &c[2],
                &sentence_around(p, m.start(), m.end()),
                *page,
                format!("a rate of {} is printed without its % sign", &c[2]),
            ));
        }
        for c in orphan_share_re().captures_iter(p) {
            let subject = c[1].trim();
            // A heading or a list's lead-in (`主要用于以下方面`) is not a figure's subject, and a
            // clause that is only a unit (`万元，占5.78%`) had its figure cut off by a page or
            // a line the reader could not join: the amount is printed, on the line before.
            if subject.ends_with("如下")
                || subject.ends_with("方面")
                || ["万元", "元", "亿元"]
                    .iter()
                    .any(|u| subject.starts_with(u))
            {
                continue;
            }
            let m = c.get(0).expect("match");
            out.push(finding(
                CheckId::PercentFormat,
                CheckStatus::Fail,
                subject,
                &sentence_around(p, m.start(), m.end()),
                *page,
                format!("a share ({}) is stated for {subject} with no amount", &c[2]),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_rates_and_orphan_shares() {
        assert!(bare_re().is_match("比2024年预算增加92.57万元，增长8.82；事业收入0万元"));
        assert!(bare_re().is_match("占一般公共预算支出的比重为45.60，"));
        assert!(bare_re().is_match("基本支出934.87万元，占90.75；"));
        assert!(!bare_re().is_match("比上年增加5.00万元，增长8.82%；"));
        assert!(!bare_re().is_match("增长12.50万元，"));
        assert!(!bare_re().is_match("增长1.5倍。"));
        assert!(orphan_share_re().is_match("基本支出1,047.27万元，占91.66%；项目支出，占8.34%。"));
        assert!(orphan_share_re().is_match("；项目支出万元，占8.34%。"));
        assert!(!orphan_share_re().is_match("万元，占 5.78%；"));
        assert!(!orphan_share_re()
            .is_match("基本支出1,047.27万元，占91.66%；项目支出95.30万元，占8.34%。"));
    }
}
