//! Year on year across documents: when last year's disclosure of the same department (same
//! `department_id` and kind) is read in the same run, every 上年 figure this year's explanation
//! states (implied by `比上年增加…`, or stated as `上年…为…`) must be the figure last year's
//! explanation printed for the same subject (`fail`), and a figure that moves by more than half
//! from last year's with no reason given in its paragraph or the next is a `note`.
//!
//! A run keeps one small [`Digest`] per disclosure (its subjects stated once, with their figures),
//! so that the comparison needs neither document again; the binary pairs the digests after every
//! file is read and adds the findings to the later document.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use yusuan_model::{Block, Check, CheckId, CheckStatus, Disclosure, DocKind, Document};

use super::change_rate::subject_key;
use super::finding;

/// At most this many figures are kept per disclosure.
const MAX_FIGURES: usize = 200;

/// One figure of a digest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    key: String,
    subject: String,
    yuan: Decimal,
    tolerance: Decimal,
    reason: bool,
    sentence: String,
    page: Option<u32>,
}

/// What the comparison needs of one disclosure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Digest {
    /// The department, as the dataset identifies it.
    pub department_id: String,
    /// Its fiscal year.
    pub fiscal_year: i32,
    /// Budget or final accounts.
    pub doc_kind: DocKind,
    /// This year's figures, one per subject stated once.
    current: Vec<Figure>,
    /// Last year's figures as this document states them.
    prior: Vec<Figure>,
}

impl Digest {
    /// The number of figures kept.
    pub fn len(&self) -> usize {
        self.current.len() + self.prior.len()
    }

    /// Whether it keeps no figure.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A subject compared across years: no quotation marks, years, stage words or copulas.
fn key(subject: &str) -> String {
    let mut s = subject_key(subject);
    for w in [
        "本年度",
        "本年",
        "年度",
        "预算数",
        "决算数",
        "预算",
        "决算",
        "合计",
        "总额",
        "为",
    ] {
        s = s.replace(w, "");
    }
    s.chars()
        .filter(|c| !c.is_ascii_digit() && *c != '年')
        .collect()
}

/// The digest of a disclosure read from `doc`, where it names its department, year and kind.
pub fn digest(doc: &Document, d: &Disclosure) -> Option<Digest> {
    let department_id = d.meta.department_id.clone()?;
    let fiscal_year = d.meta.fiscal_year?;
    let doc_kind = d.meta.doc_kind?;
    let mut raw: Vec<(String, Option<u32>)> = Vec::new();
    for b in &doc.blocks {
        if let Block::Paragraph(p) = b {
            let joined: String = p.text.lines().map(str::trim).collect();
            if !joined.is_empty() {
                raw.push((joined, p.page));
            }
        }
    }
    let paged = crate::text::unwrap_paged(&raw);
    let facts = crate::narrative::read_facts_paged(&paged);
    let paragraphs: Vec<String> = paged.into_iter().map(|(p, _)| p).collect();
    let (mut current, mut prior) = figures(&facts, &paragraphs, fiscal_year);
    current.truncate(MAX_FIGURES);
    prior.truncate(MAX_FIGURES);
    Some(Digest {
        department_id,
        fiscal_year,
        doc_kind,
        current,
        prior,
    })
}

/// This year's figures of the explanation (a subject stated with two figures is ambiguous and
/// left out), and last year's as it states them or as its changes imply them.
fn figures(
    facts: &[crate::narrative::Fact],
    paragraphs: &[String],
    fiscal_year: i32,
) -> (Vec<Figure>, Vec<Figure>) {
    let reason_near = |sentence: &str| {
        paragraphs
            .iter()
            .position(|p| p.contains(sentence))
            .is_some_and(|i| {
                paragraphs[i..(i + 2).min(paragraphs.len())]
                    .iter()
                    .any(|p| p.contains("原因"))
            })
    };
    let last = format!("{}年", fiscal_year - 1);
    let mut current: Vec<Figure> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut prior: Vec<Figure> = Vec::new();
    for f in facts {
        let Some((yuan, tolerance)) = f.amount_with_tolerance() else {
            continue;
        };
        let k = key(f.subject());
        if k.chars().count() < 2 {
            continue;
        }
        let (sentence, page) = f.sentence();
        let figure = |key: String, yuan, tolerance, reason| Figure {
            key,
            subject: f.subject().to_string(),
            yuan,
            tolerance,
            reason,
            sentence: sentence.to_string(),
            page,
        };
        // `2024年“三公”经费预算为14.20万元` in a 2025 document: last year's figure, stated.
        if sentence.trim_start().starts_with(&last) || sentence.trim_start().starts_with("上年") {
            prior.push(figure(k, yuan, tolerance, false));
            continue;
        }
        *counts.entry(k.clone()).or_default() += 1;
        current.push(figure(k.clone(), yuan, tolerance, reason_near(sentence)));
        // A change on last year (`比上年预算增加`), never on the year's own budget (`比年初预算`).
        let on_last_year =
            (sentence.contains("上年") || sentence.contains(&last)) && !sentence.contains("年初");
        if let (true, Some((change, change_tol))) = (on_last_year, f.change_with_tolerance()) {
            prior.push(figure(k, yuan - change, tolerance + change_tol, false));
        }
    }
    current.retain(|f| counts.get(&f.key) == Some(&1));
    (current, prior)
}

/// The findings of `this` year's disclosure against `last` year's.
pub fn compare(this: &Digest, last: &Digest) -> Vec<Check> {
    let mut out = Vec::new();
    if this.department_id != last.department_id
        || this.doc_kind != last.doc_kind
        || this.fiscal_year != last.fiscal_year + 1
    {
        return out;
    }
    let then = |k: &str| last.current.iter().find(|f| f.key == k);
    let mut failed: Vec<&str> = Vec::new();
    for p in &this.prior {
        let Some(was) = then(&p.key) else { continue };
        if failed.contains(&p.key.as_str()) {
            continue;
        }
        if (p.yuan - was.yuan).abs() > p.tolerance + was.tolerance {
            failed.push(&p.key);
            out.push(finding(
                CheckId::YearOnYear,
                CheckStatus::Fail,
                &p.key,
                &p.sentence,
                p.page,
                format!(
                    "last year's {} is {} 元 by this sentence, but the {} disclosure printed {} 元 (“{}”)",
                    p.subject,
                    p.yuan.normalize(),
                    last.fiscal_year,
                    was.yuan.normalize(),
                    was.sentence.chars().take(60).collect::<String>()
                ),
            ));
        }
    }
    // One note per sentence, naming every figure of it that moved.
    let mut moved: Vec<(&Figure, Vec<String>)> = Vec::new();
    for f in &this.current {
        let Some(was) = then(&f.key) else { continue };
        if was.yuan.is_zero() || f.reason {
            continue;
        }
        let by = (f.yuan - was.yuan).abs();
        if by - f.tolerance - was.tolerance > was.yuan.abs() * crate::tolerances::MOVED_FRACTION {
            let what = format!(
                "{} from {} 元 to {} 元",
                f.subject,
                was.yuan.normalize(),
                f.yuan.normalize()
            );
            match moved.iter_mut().find(|(g, _)| g.sentence == f.sentence) {
                Some((_, list)) => list.push(what),
                None => moved.push((f, vec![what])),
            }
        }
    }
    for (f, list) in moved {
        out.push(finding(
            CheckId::YearOnYear,
            CheckStatus::Note,
            &f.key,
            &f.sentence,
            f.page,
            format!(
                "moved by more than half since {} with no reason given: {}",
                last.fiscal_year,
                list.join("; ")
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use yusuan_model::{Format, Paragraph};

    fn disclosure(year: i32, lines: &[&str]) -> Digest {
        let mut text = vec![
            format!("上海市普陀区财政局{year}年度部门预算"),
            "编制部门：上海市普陀区财政局    单位：万元".to_string(),
            format!("四、{year}年部门预算编制说明"),
        ];
        text.extend(lines.iter().map(|l| l.to_string()));
        let doc = Document {
            format: Format::Docx,
            pages: None,
            blocks: text
                .into_iter()
                .map(|t| {
                    Block::Paragraph(Paragraph {
                        text: t,
                        page: None,
                    })
                })
                .collect(),
            warnings: Vec::new(),
        };
        let d = crate::normalise(&doc);
        digest(&doc, &d).expect("a digest")
    }

    #[test]
    fn last_years_figures_against_last_years_disclosure() {
        let last = disclosure(
            2024,
            &["2024年“三公”经费预算13.20万元，比上年预算增加0.70万元。主要原因是公务用车更新。"],
        );
        let wrong = disclosure(
            2025,
            &["2025年“三公”经费预算11.70万元，比上年预算减少2.50万元。主要原因是压减开支。"],
        );
        let found = compare(&wrong, &last);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].status, CheckStatus::Fail);
        let right = disclosure(
            2025,
            &["2025年“三公”经费预算11.70万元，比上年预算减少1.50万元。主要原因是压减开支。"],
        );
        assert!(compare(&right, &last).is_empty());
        let doubled = disclosure(
            2025,
            &["2025年“三公”经费预算26.70万元，比上年预算增加13.50万元。"],
        );
        let found = compare(&doubled, &last);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].status, CheckStatus::Note);
        // Only the year before, of the same kind, is compared.
        assert!(compare(&last, &wrong).is_empty());
    }

    #[test]
    fn subjects_compare_across_years() {
        assert_eq!(key("2025年“三公”经费预算"), "三公经费");
        assert_eq!(key("三公经费"), "三公经费");
        assert_eq!(key("财政拨款收入"), "财政拨款收入");
    }
}
