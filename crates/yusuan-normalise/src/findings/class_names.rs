//! The narrative's names of classification items (`医疗卫生与计划生育支出（类）`,
//! `行政运行（项）`) against the code tables of the document's year: an official name of another
//! year (the class renamed 卫生健康支出 in 2019) is a `name_mismatch` note naming the name in
//! force. A name the tables do not know at all is left alone: without a printed code there is no
//! telling which item was meant.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Check, CheckId, CheckStatus};

use super::{finding, Text};
use crate::codes::{Codes, NameMatch};
use crate::text::strip_ordinal;

fn part_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"([^（）()、，,。：:；;\s]{2,30}?)[（(](类|款|项)[）)]").expect("valid regex")
    })
}

/// Obsolete names of 类/款/项 in the narrative.
pub(super) fn run(text: &Text, codes: &Codes<'_>) -> Vec<Check> {
    let Some(year) = codes.year() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (p, page) in &text.paragraphs {
        // The parent a 款 or 项 is looked up under: the 类 (or 款) named before it.
        let mut parent = String::from("2");
        for c in part_re().captures_iter(p) {
            let name = strip_ordinal(&c[1])
                .trim_matches(['“', '”', '"', '‘', '’'])
                .to_string();
            let (level_len, prefix) = match &c[2] {
                "类" => (3, "2".to_string()),
                "款" => (5, parent.chars().take(3).collect()),
                _ => (7, parent.clone()),
            };
            let Some(code) = codes
                .codes_named(&name, &prefix, level_len)
                .first()
                .map(|c| c.to_string())
            else {
                continue;
            };
            if let NameMatch::OtherYear { valid, .. } = codes.check_name(&code, &name) {
                if seen.insert((code.clone(), name.clone())) {
                    out.push(finding(
                        CheckId::NameMismatch,
                        CheckStatus::Note,
                        &code,
                        p,
                        *page,
                        format!(
                            "the narrative names {code} {name}, its name in another year; in {year} it is {valid}"
                        ),
                    ));
                }
            }
            if level_len < 7 {
                parent = code;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::{Block, Document, Format, Paragraph};

    fn run_on(text: &str, year: i32) -> Vec<Check> {
        let doc = Document {
            format: Format::Docx,
            pages: None,
            blocks: vec![Block::Paragraph(Paragraph {
                text: text.into(),
                page: Some(3),
            })],
            warnings: Vec::new(),
        };
        run(
            &Text::new(&doc),
            &Codes::of_year(crate::codes::book(), Some(year)),
        )
    }

    #[test]
    fn a_class_by_its_former_name() {
        let found = run_on(
            "1.医疗卫生与计划生育支出（类）公立医院（款）支出120万元。",
            2024,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "210");
        assert_eq!(found[0].status, CheckStatus::Note);
        assert!(
            found[0].detail.contains("卫生健康支出"),
            "{}",
            found[0].detail
        );
        // In its own years the name is right.
        assert!(run_on("医疗卫生与计划生育支出（类）支出120万元。", 2016).is_empty());
        // The current name, or a name the tables do not know, is not a finding.
        assert!(run_on("卫生健康支出（类）支出120万元。", 2024).is_empty());
        assert!(run_on("某某专项（类）支出120万元。", 2024).is_empty());
    }
}
