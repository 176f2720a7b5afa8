//! Year-on-year changes that do not follow from the figures the text itself states:
//!
//! * both years' figures stated with the change (`64.35万元，上年为59.35万元，增长14.06%`,
//!   `64.35万元，比上年的60.35万元增加6.00万元`): the change amount must be their difference and
//!   the rate that difference over last year's figure, each within the rounding of the printed
//!   digits (a change amount that agrees leaves the rate to the narrative check);
//! * last year's figure stated in one place (`2024年“三公”经费预算为16.20万元`) and implied in
//!   another (`2025年“三公”经费预算11.70万元，比上年预算减少2.50万元`: 14.20): one of them is a typo.
//! * a budget's income and spending (`财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元`,
//!   `财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元`): a budget balances both years, so
//!   equal figures with different changes were compared with different bases (a `note`).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus, DocMeta};

use super::logic::{half_ulp, num, yuan, NUM};
use super::residue::sentence_around;
use super::{finding, Text};

fn both_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"{NUM}\s*(万元|元)[，,]\s*(?:比|较)?上年(?:度)?(?:预算|决算)?(?:数)?(?:为|的|是)?\s*{NUM}\s*(万元|元)[，,]?\s*(?:(增加|减少)\s*{NUM}\s*(万元|元)[，,]?\s*)?(?:(增长|下降|上升)\s*{NUM}\s*[%％])?"
        ))
        .expect("valid regex")
    })
}

/// `2024年“三公”经费预算为16.20万元`: a figure stated for a year (group 1), its subject (2).
fn stated_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(20[0-9]{{2}}|上|本)年度?([\p{{Han}}“”]{{2,16}}?)(?:预算|决算)(?:数)?(?:为|是)?\s*{NUM}\s*(万元|元)([，,]\s*(?:比|较)(?:上年|20[0-9]{{2}}年)度?(?:预算|决算)?(?:数)?(增加|减少|增长|下降)\s*{NUM}\s*(万元|元))?"
        ))
        .expect("valid regex")
    })
}

/// A subject compared by meaning: no quotation marks or spaces.
pub(super) fn subject_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’'))
        .collect()
}

/// Change findings over the paragraphs.
pub(super) fn run(text: &Text, meta: &DocMeta) -> Vec<Check> {
    let mut out = Vec::new();
    let hundred = Decimal::from(100);
    for (p, page) in &text.paragraphs {
        for c in both_re().captures_iter(p) {
            let (Some(cur_p), Some(prev_p)) = (num(&c[1]), num(&c[3])) else {
                continue;
            };
            let (cur, prev) = (yuan(cur_p, &c[2]), yuan(prev_p, &c[4]));
            let tol = yuan(half_ulp(cur_p), &c[2]) + yuan(half_ulp(prev_p), &c[4]);
            let m = c.get(0).expect("match");
            let quoted = sentence_around(p, m.start(), m.end());
            let diff = cur - prev;
            if let (Some(word), Some(amount)) = (c.get(5), c.get(6).and_then(|a| num(a.as_str()))) {
                let stated = yuan(amount, &c[7]);
                let signed = if word.as_str() == "减少" {
                    -stated
                } else {
                    stated
                };
                if (signed - diff).abs() > tol + yuan(half_ulp(amount), &c[7]) {
                    out.push(finding(
                        CheckId::ChangeRate,
                        CheckStatus::Fail,
                        word.as_str(),
                        &quoted,
                        *page,
                        format!(
                            "a change of {}{amount}{} is stated between {}{} and last year's {}{}, which differ by {}{}",
                            word.as_str(),
                            &c[7],
                            &c[1],
                            &c[2],
                            &c[3],
                            &c[4],
                            (diff / yuan(Decimal::ONE, &c[7])).normalize(),
                            &c[7]
                        ),
                    ));
                }
                continue;
            }
            let (Some(word), Some(rate)) = (c.get(8), c.get(9).and_then(|r| num(r.as_str())))
            else {
                continue;
            };
            if prev.is_zero() {
                continue;
            }
            let signed = if word.as_str() == "下降" {
                -rate
            } else {
                rate
            };
            let exact = diff / prev * hundred;
            let rounding =
                half_ulp(rate) + (tol / prev.abs() + diff.abs() * tol / (prev * prev)) * hundred;
            if (signed - exact).abs() > rounding {
                out.push(finding(
                    CheckId::ChangeRate,
                    CheckStatus::Fail,
                    word.as_str(),
                    &quoted,
                    *page,
                    format!(
                        "a change of {}{rate}% is stated; {}{} against last year's {}{} is {}%",
                        word.as_str(),
                        &c[1],
                        &c[2],
                        &c[3],
                        &c[4],
                        exact.round_dp(2)
                    ),
                ));
            }
        }
    }
    out.extend(prior_elsewhere(text, meta));
    out
}

/// A budget's income and its spending, equal, with different changes on last year.
pub(super) fn balanced_changes(facts: &[crate::narrative::Fact], meta: &DocMeta) -> Vec<Check> {
    if meta.doc_kind != Some(yusuan_model::DocKind::Budget) {
        return Vec::new();
    }
    let side = |f: &crate::narrative::Fact| {
        let key: String = subject_key(f.subject()).replace("预算", "");
        let (Some((amount, tol)), Some((change, ctol))) =
            (f.amount_with_tolerance(), f.change_with_tolerance())
        else {
            return None;
        };
        let (income, spending) = (key.ends_with("收入"), key.ends_with("支出"));
        (income || spending).then(|| {
            let stem = key
                .trim_end_matches("收入")
                .trim_end_matches("支出")
                .to_string();
            (stem, income, amount, tol, change, ctol)
        })
    };
    let sides: Vec<_> = facts
        .iter()
        .filter_map(|f| side(f).map(|s| (f, s)))
        .collect();
    let mut out = Vec::new();
    for (fi, (stem, income, amount, tol, change, ctol)) in &sides {
        if !income {
            continue;
        }
        let Some((fs, (_, _, _, stol, schange, sctol))) = sides
            .iter()
            .find(|(_, s)| !s.1 && s.0 == *stem && (s.2 - amount).abs() <= tol + s.3)
        else {
            continue;
        };
        if (change - schange).abs() > ctol + sctol + tol + stol {
            let (said, page) = fi.sentence();
            let (other, _) = fs.sentence();
            out.push(finding(
                CheckId::ChangeRate,
                CheckStatus::Note,
                stem,
                said,
                page,
                format!(
                    "income and spending of {} 元 are compared with last year by {} 元 and {} 元: a budget balances, so the two bases differ (“{other}”)",
                    amount.normalize(),
                    change.normalize(),
                    schange.normalize()
                ),
            ));
        }
    }
    out
}

/// Last year's figure stated for a subject, against the one its change implies.
fn prior_elsewhere(text: &Text, meta: &DocMeta) -> Vec<Check> {
    let Some(year) = meta.fiscal_year else {
        return Vec::new();
    };
    let last = (year - 1).to_string();
    // (subject, last year's figure in 元, its tolerance, sentence, page)
    let mut stated = Vec::new();
    let mut implied = Vec::new();
    for (p, page) in &text.paragraphs {
        for c in stated_re().captures_iter(p) {
            let Some(v) = num(&c[3]) else { continue };
            let amount = yuan(v, &c[4]);
            let tol = yuan(half_ulp(v), &c[4]);
            let m = c.get(0).expect("match");
            let quoted = sentence_around(p, m.start(), m.end());
            let key = subject_key(&c[2]);
            let of_last_year = &c[1] == "上" || c[1] == last;
            let of_this_year = &c[1] == "本" || c[1] == year.to_string();
            match (c.get(5), c.get(7).and_then(|x| num(x.as_str()))) {
                (None, _) if of_last_year => stated.push((key, amount, tol, quoted, *page)),
                (Some(_), Some(change)) if of_this_year => {
                    let change_yuan = yuan(change, &c[8]);
                    let signed = if matches!(&c[6], "减少" | "下降") {
                        -change_yuan
                    } else {
                        change_yuan
                    };
                    let tol = tol + yuan(half_ulp(change), &c[8]);
                    implied.push((key, amount - signed, tol, quoted, *page));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for (key, amount, tol, quoted, page) in &stated {
        for (k2, base, tol2, quoted2, _) in &implied {
            if key == k2 && (amount - base).abs() > tol + tol2 {
                out.push(finding(
                    CheckId::ChangeRate,
                    CheckStatus::Fail,
                    key,
                    quoted,
                    *page,
                    format!(
                        "last year's {key} is stated as {} 元 here, but the change stated elsewhere implies {} 元 (“{quoted2}”)",
                        amount.normalize(),
                        base.normalize()
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
    use yusuan_model::{Block, DocKind, Document, Format, Paragraph};

    fn findings(paras: &[&str]) -> Vec<String> {
        let doc = Document {
            format: Format::Docx,
            pages: None,
            blocks: paras
                .iter()
                .map(|s| {
                    Block::Paragraph(Paragraph {
                        text: s.to_string(),
                        page: None,
                    })
                })
                .collect(),
            warnings: Vec::new(),
        };
        let meta = DocMeta {
            fiscal_year: Some(2025),
            doc_kind: Some(DocKind::Budget),
            ..DocMeta::default()
        };
        run(&Text::new(&doc), &meta)
            .into_iter()
            .map(|c| c.detail)
            .collect()
    }

    #[test]
    fn two_figures_and_their_change() {
        assert_eq!(
            findings(&["2025年机关运行经费64.35万元，上年为59.35万元，增长11.42%。"]).len(),
            1
        );
        assert!(
            findings(&["2025年机关运行经费64.35万元，上年为59.35万元，增长8.42%。"]).is_empty()
        );
        assert_eq!(
            findings(&["2025年机关运行经费64.35万元，比上年的60.35万元增加6.00万元。"]).len(),
            1
        );
        assert!(
            findings(&["机关运行经费64.35万元，比上年的60.35万元增加4.00万元，增长6.63%。"])
                .is_empty()
        );
    }

    #[test]
    fn last_years_figure_stated_twice() {
        let wrong = [
            "2025年“三公”经费预算11.70万元，比上年预算减少2.50万元。",
            "2024年“三公”经费预算为16.20万元。",
        ];
        assert_eq!(findings(&wrong).len(), 1, "{:?}", findings(&wrong));
        let right = [
            "2025年“三公”经费预算11.70万元，比上年预算减少2.50万元。",
            "2024年“三公”经费预算为14.20万元。",
        ];
        assert!(findings(&right).is_empty());
    }
}
