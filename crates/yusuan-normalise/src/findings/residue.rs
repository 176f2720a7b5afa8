//! Template residue and placeholders left in a published text: `XX局`, `××`, `待填写`, an antonym
//! pair left as the template's bracketed alternative (`增加（减少）`), an empty reason
//! (`主要原因是。`), doubled punctuation (`。。`) and doubled words (`预算预算`).

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Check, CheckId, CheckStatus};

use super::{finding, Text};

fn patterns() -> &'static [(Regex, &'static str)] {
    static P: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    P.get_or_init(|| {
        [
            (
                r"(?:XX|ＸＸ|××|xx|XXX)(?:[局委办院厅处部室所站队校馆会]|单位|部门|街道|区|县|市|省|镇)",
                "a placeholder for a name (XX局) left from the template",
            ),
            (r"待填写|请填写|此处填写|TBD|（此处|\(此处", "a placeholder left from the template"),
            (
                r"增加[／/（(]\s*减少|减少[／/（(]\s*增加|上升[／/（(]\s*下降|下降[／/（(]\s*上升|增长[／/（(]\s*下降|增加持平|增加（持平）",
                "both words of the template's alternative left in place",
            ),
            (
                r"原因(?:是|为|主要是)?[：:]?\s*[。；;]",
                "a reason announced and not given",
            ),
            (r"。。|，，|；；|、、|，。|。，", "doubled punctuation"),
            (
                r"预算\s*预算|决算\s*决算|支出\s*支出|收入\s*收入|经费\s*经费|项目\s*项目|资金\s*资金|万元\s*万元",
                "a doubled word",
            ),
        ]
        .into_iter()
        .map(|(p, what)| (Regex::new(p).expect("valid regex"), what))
        .collect()
    })
}

/// Residue in every paragraph, once per kind and paragraph.
pub(super) fn run(text: &Text) -> Vec<Check> {
    let mut out = Vec::new();
    for (p, page) in &text.paragraphs {
        for (re, what) in patterns() {
            if let Some(m) = re.find(p) {
                out.push(finding(
                    CheckId::TemplateResidue,
                    CheckStatus::Fail,
                    m.as_str(),
                    &sentence_around(p, m.start(), m.end()),
                    *page,
                    format!("{what}: {}", m.as_str()),
                ));
            }
        }
    }
    out
}

/// The sentence of a paragraph that holds bytes `start..end`.
pub(super) fn sentence_around(p: &str, start: usize, end: usize) -> String {
    let from = p[..start]
        .rfind(['。', '；', '！'])
        .map(|i| i + '。'.len_utf8())
        .unwrap_or(0);
    let to = p[end..]
        .find(['。', '；', '！'])
        .map(|i| end + i + '。'.len_utf8())
        .unwrap_or(p.len());
    p[from.min(start)..to.max(end)].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<&'static str> {
        patterns()
            .iter()
            .filter(|(re, _)| re.is_match(s))
            .map(|(_, w)| *w)
            .collect()
    }

    #[test]
    fn residue_is_found_and_clean_text_is_not() {
        assert_eq!(
            kinds("第二部分 上海市普陀区XX局2024年度部门决算表").len(),
            1
        );
        assert_eq!(kinds("比上年增加（减少）5万元").len(), 1);
        assert_eq!(kinds("主要原因是。").len(), 1);
        assert_eq!(kinds("而支付的利息。。").len(), 1);
        assert_eq!(kinds("2025年预算预算数为10万元").len(), 1);
        for clean in [
            "比上年预算增加37.66万元，增长8.28%，主要原因是经营收入纳入预算；",
            "决算数小于预算数的主要原因：人员进出及退休变化。",
            "购置X光机1台，价值50万元。",
            "收入预算包括：一般公共预算9058109.38元。",
        ] {
            assert!(kinds(clean).is_empty(), "{clean}: {:?}", kinds(clean));
        }
    }
}
