//! Years that are not the document's: a title or heading of a 2024 决算 that says 2023, a
//! 决算's `截至2023年12月31日` (its assets are counted at the end of its own year), a budget's
//! `截至` that is not the end of the year before. Amounts such as `2083.68` and document numbers
//! such as `〔2017〕` are not years: a year here is four digits followed by 年.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Check, CheckId, CheckStatus, DocKind, DocMeta};

use super::residue::sentence_around;
use super::{finding, Text};

fn title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(20[0-9]{2})\s*年度?\s*(?:[^\s，。；0-9]{0,20}?)(部门预算|部门决算|单位预算|单位决算|预算公开|决算公开|预算情况说明|决算情况说明|预算表|决算表|公开表)")
            .expect("valid regex")
    })
}

fn as_of_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"截[至止]\s*(20[0-9]{2})\s*年\s*(?:12\s*月\s*31\s*日|底|末)")
            .expect("valid regex")
    })
}

/// Year findings over the paragraphs.
pub(super) fn run(text: &Text, meta: &DocMeta) -> Vec<Check> {
    let (Some(year), Some(kind)) = (meta.fiscal_year, meta.doc_kind) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (p, page) in &text.paragraphs {
        // Titles and headings: short lines naming the disclosure or one of its parts.
        if p.chars().count() <= 60 && !p.contains('。') {
            if let Some(c) = title_re().captures(p) {
                let printed: i32 = c[1].parse().unwrap_or(year);
                if printed != year {
                    out.push(finding(
                        CheckId::YearMismatch,
                        CheckStatus::Fail,
                        &c[1],
                        p,
                        *page,
                        format!("a heading of the {year} disclosure says {printed}"),
                    ));
                }
            }
        }
        for c in as_of_re().captures_iter(p) {
            let printed: i32 = c[1].parse().unwrap_or(year);
            let want = match kind {
                DocKind::FinalAccounts => year,
                DocKind::Budget => year - 1,
            };
            if printed != want {
                let m = c.get(0).expect("match");
                out.push(finding(
                    CheckId::YearMismatch,
                    CheckStatus::Fail,
                    &c[1],
                    &sentence_around(p, m.start(), m.end()),
                    *page,
                    format!(
                        "the {} of {year} counts as of the end of {want}, not {printed}",
                        match kind {
                            DocKind::FinalAccounts => "final account",
                            DocKind::Budget => "budget",
                        }
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_as_of_dates() {
        assert!(title_re().is_match("第三部分上海市普陀区财政局2023年度部门决算情况说明"));
        assert!(title_re().is_match("2025年部门预算公开表"));
        assert!(!title_re().is_match("收支总预算2083.68万元"));
        assert!(!title_re().is_match("沪财预〔2017〕98号"));
        assert!(!title_re().is_match("三、2018年度部门主要工作任务及目标"));
        assert_eq!(
            &as_of_re()
                .captures("截至 2023年 12 月 31 日，本单位")
                .unwrap()[1],
            "2023"
        );
        assert_eq!(&as_of_re().captures("截至2021年底").unwrap()[1], "2021");
    }
}
