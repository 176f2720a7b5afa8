//! Comparative words against the figures they compare: `年初预算为A万元，支出决算为B万元。决算数
//! 大于预算数` where B < A; a completion rate (`完成年初预算的X%`) that is not B ÷ A, or is stated
//! against a budget of 0; and a figure said to have grown by more than it now is (`0万元，比上年
//! 增加1421.25万元`: last year would have been negative).

use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus};

use super::residue::sentence_around;
use super::{finding, Text};

pub(super) const NUM: &str = r"([0-9][0-9,]*(?:\.[0-9]+)?)";

fn budget_actual_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"预算(?:数)?为\s*{NUM}\s*(万元|元)[，,、]\s*(?:支出)?决算(?:数)?为\s*{NUM}\s*(万元|元)"
        ))
        .expect("valid regex")
    })
}

fn relation_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^[^。]{0,12}。?\s*决算数?(?:与预算数?)?(大于|小于|等于|高于|低于|超过|基本持平|持平|相等|一致)")
            .expect("valid regex")
    })
}

fn completion_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"^[，,]\s*完成(?:年初|全年|调整)?预算的\s*{NUM}\s*[%％]"
        ))
        .expect("valid regex")
    })
}

fn growth_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"{NUM}\s*(万元|元)[，,]\s*(?:比|较)(?:上年|20[0-9]{{2}}年)(?:度)?(?:预算|决算)?(增加|增长)\s*{NUM}\s*(万元|元)"
        ))
        .expect("valid regex")
    })
}

pub(super) fn num(s: &str) -> Option<Decimal> {
    Decimal::from_str(&s.replace(',', "")).ok()
}

pub(super) fn yuan(v: Decimal, unit: &str) -> Decimal {
    if unit == "万元" {
        v * Decimal::from(10_000)
    } else {
        v
    }
}

/// Half a unit of the last printed digit.
pub(super) fn half_ulp(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// Whether a comparative word holds between the actual and the budget figure.
fn holds(word: &str, actual: Decimal, budget: Decimal) -> bool {
    match word {
        "大于" | "高于" | "超过" => actual > budget,
        "小于" | "低于" => actual < budget,
        "等于" | "持平" | "相等" | "一致" => actual == budget,
        _ => (actual - budget).abs() <= budget.abs() * crate::tolerances::ABOUT_LEVEL,
    }
}

/// Logic findings over the paragraphs.
pub(super) fn run(text: &Text) -> Vec<Check> {
    let mut out = Vec::new();
    for (p, page) in &text.paragraphs {
        for c in budget_actual_re().captures_iter(p) {
            out.extend(budget_against_actual(p, *page, &c));
        }
        for c in growth_re().captures_iter(p) {
            out.extend(growth_larger_than_figure(p, *page, &c));
        }
    }
    out
}

/// A 预算数 and a 决算数 stated together: the comparative word that follows them (大于, 持平 …)
/// and the completion rate (完成预算的 X%) against the two figures.
fn budget_against_actual(p: &str, page: Option<u32>, c: &regex::Captures) -> Vec<Check> {
    let mut out = Vec::new();
    let whole = c.get(0).expect("match");
    let (Some(a), Some(b)) = (num(&c[1]), num(&c[3])) else {
        return out;
    };
    let (budget, actual) = (yuan(a, &c[2]), yuan(b, &c[4]));
    let rest = &p[whole.end()..];
    let fail = |code: &str, quoted: &str, detail: String| {
        finding(
            CheckId::NarrativeLogic,
            CheckStatus::Fail,
            code,
            quoted,
            page,
            detail,
        )
    };
    if let Some(r) = relation_re().captures(rest) {
        let word = r.get(1).expect("word").as_str();
        if !holds(word, actual, budget) {
            let quoted =
                sentence_around(p, whole.start(), whole.end() + r.get(0).expect("m").end());
            let detail = format!(
                "the text says the 决算数 ({b}{}) is {word} the 预算数 ({a}{})",
                &c[4], &c[2]
            );
            out.push(fail(word, &quoted, detail));
        }
    }
    let Some(r) = completion_re().captures(rest) else {
        return out;
    };
    let Some(rate) = num(&r[1]) else {
        return out;
    };
    let quoted = sentence_around(p, whole.start(), whole.end() + r.get(0).expect("m").end());
    if budget.is_zero() {
        if !actual.is_zero() || !rate.is_zero() {
            let detail = format!("a completion rate of {rate}% is stated against a budget of 0");
            out.push(fail("完成率", &quoted, detail));
        }
        return out;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let exact = actual / budget * hundred;
    let (ha, hb) = (yuan(half_ulp(a), &c[2]), yuan(half_ulp(b), &c[4]));
    let rounding = half_ulp(rate) + (hb / budget + actual * ha / (budget * budget)) * hundred;
    if (rate - exact).abs() > rounding {
        let detail = format!(
            "a completion rate of {rate}% is stated; {b} of {a} is {}%",
            exact.round_dp(2)
        );
        out.push(fail("完成率", &quoted, detail));
    }
    out
}

/// A figure said to have grown on last year by more than itself: last year would be negative.
fn growth_larger_than_figure(p: &str, page: Option<u32>, c: &regex::Captures) -> Option<Check> {
    let (now, up) = (num(&c[1])?, num(&c[4])?);
    let (now, up) = (yuan(now, &c[2]), yuan(up, &c[5]));
    if up <= now {
        return None;
    }
    let m = c.get(0).expect("match");
    Some(finding(
        CheckId::NarrativeLogic,
        CheckStatus::Fail,
        &c[3],
        &sentence_around(p, m.start(), m.end()),
        page,
        format!(
            "a figure of {}{} cannot have {} by {}{} on last year (last year would be negative)",
            &c[1], &c[2], &c[3], &c[4], &c[5]
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::{Block, Document, Format, Paragraph};

    fn findings(s: &str) -> Vec<String> {
        let doc = Document {
            format: Format::Docx,
            pages: None,
            blocks: vec![Block::Paragraph(Paragraph {
                text: s.to_string(),
                page: None,
            })],
            warnings: Vec::new(),
        };
        run(&Text::new(&doc))
            .into_iter()
            .map(|c| c.detail)
            .collect()
    }

    #[test]
    fn comparative_words_against_the_figures() {
        let wrong = "年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数大于预算数的主要原因：人员变化。";
        assert_eq!(findings(wrong).len(), 1, "{:?}", findings(wrong));
        let right = "年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数小于预算数的主要原因：人员变化。";
        assert!(findings(right).is_empty());
        assert_eq!(
            findings("年初预算为62.29 万元，支出决算为60.99万元。 决算数等于预算数。").len(),
            1
        );
        assert!(
            findings("年初预算为 10.00 万元，支出决算为10.00万元。决算数与预算数基本持平。")
                .is_empty()
        );
        assert!(
            findings("年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。")
                .is_empty()
        );
        assert_eq!(
            findings("年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的99.20%。").len(),
            1
        );
        assert!(findings("年初预算为0.95万元，支出决算为0.00万元，完成预算的0%").is_empty());
        assert_eq!(
            findings("年初预算为0万元，支出决算为3.00万元，完成预算的300%").len(),
            1
        );
        assert_eq!(
            findings("一般公共预算0万元，比上年增加1421.25万元。").len(),
            1
        );
        assert!(
            findings("一般公共预算1206.34万元，比上年预算增加683.66万元，增长130.8%").is_empty()
        );
        assert_eq!(
            findings("事业收入0万元，比2024年预算增加35.60万元；其他收入0万元。").len(),
            1
        );
    }
}
