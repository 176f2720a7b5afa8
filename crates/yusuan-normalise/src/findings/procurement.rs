//! The 政府采购 paragraph's arithmetic: the total stated must be 货物 + 工程 + 服务 (when all three
//! are stated), and the amount reserved for or awarded to small and medium firms cannot exceed
//! the total stated before it. A total is the figure a `其中` breaks down (`政府采购预算830.00万元，
//! 其中：…`, `政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额…`).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus};

use super::logic::{half_ulp, num, yuan, NUM};
use super::residue::sentence_around;
use super::{finding, Text};

/// The regexes: total, goods, works, services, small firms.
fn res() -> &'static [Regex; 5] {
    static R: OnceLock<[Regex; 5]> = OnceLock::new();
    R.get_or_init(|| {
        [
            format!(r"政府采购(?:项目)?(?:预算|决算|支出)?(?:总额|合计|总计|金额)?(?:[（(][^）)]{{0,12}}[）)])?(?:为|共计)?\s*{NUM}\s*(万元|元)[，,；]?\s*其中"),
            format!(r"货物(?:类)?(?:采购)?(?:预算|决算|支出)?(?:金额)?(?:为)?\s*{NUM}\s*(万元|元)"),
            format!(r"工程(?:类)?(?:采购)?(?:预算|决算|支出)?(?:金额)?(?:为)?\s*{NUM}\s*(万元|元)"),
            format!(r"服务(?:类)?(?:采购)?(?:预算|决算|支出)?(?:金额)?(?:为)?\s*{NUM}\s*(万元|元)"),
            format!(r"(?:中小企业|小微企业|小型和微型企业|小型、微型企业)[^。；0-9%％]{{0,20}}?{NUM}\s*(万元|元)"),
        ]
        .map(|p| Regex::new(&p).expect("valid regex"))
    })
}

/// A figure found: its value in 元, the rounding it allows, and where it is.
struct Found {
    yuan: Decimal,
    tol: Decimal,
    start: usize,
    end: usize,
}

fn first(re: &Regex, p: &str) -> Option<Found> {
    let c = re.captures(p)?;
    let v = num(&c[1])?;
    let m = c.get(0)?;
    Some(Found {
        yuan: yuan(v, &c[2]),
        tol: yuan(half_ulp(v), &c[2]),
        start: m.start(),
        end: m.end(),
    })
}

/// Procurement findings.
pub(super) fn run(text: &Text) -> Vec<Check> {
    let mut out = Vec::new();
    let [total_re, goods_re, works_re, services_re, small_re] = res();
    for (p, page) in &text.paragraphs {
        if !p.contains("政府采购") {
            continue;
        }
        let Some(total) = first(total_re, p) else {
            continue;
        };
        // The parts follow the total (`其中：政府采购货物预算…`).
        let rest = &p[total.end..];
        let parts = [goods_re, works_re, services_re].map(|re| first(re, rest));
        if let [Some(g), Some(w), Some(s)] = &parts {
            let sum = g.yuan + w.yuan + s.yuan;
            if (sum - total.yuan).abs() > total.tol + g.tol + w.tol + s.tol {
                out.push(finding(
                    CheckId::ProcurementSum,
                    CheckStatus::Fail,
                    "政府采购",
                    &sentence_around(p, total.start, total.end + s.end),
                    *page,
                    format!(
                        "政府采购 total {} 元 is not 货物 + 工程 + 服务 = {} 元",
                        total.yuan.normalize(),
                        sum.normalize()
                    ),
                ));
            }
        }
        if let Some(small) = first(small_re, p) {
            // Against the total stated before it (`政府采购项目预算金额332.00万元，其中，预留给小型和
            // 微型企业的…232.40万元` may follow the whole budget's total).
            let total = total_re
                .captures_iter(&p[..small.start])
                .last()
                .and_then(|c| {
                    let v = num(&c[1])?;
                    Some(Found {
                        yuan: yuan(v, &c[2]),
                        tol: yuan(half_ulp(v), &c[2]),
                        start: 0,
                        end: 0,
                    })
                })
                .unwrap_or(total);
            if small.yuan > total.yuan + total.tol + small.tol {
                out.push(finding(
                    CheckId::ProcurementSum,
                    CheckStatus::Fail,
                    "中小企业",
                    &sentence_around(p, small.start, small.end),
                    *page,
                    format!(
                        "the amount for small and medium firms ({} 元) exceeds the 政府采购 total ({} 元)",
                        small.yuan.normalize(),
                        total.yuan.normalize()
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
    use yusuan_model::{Block, Document, Format, Paragraph};

    fn count(s: &str) -> usize {
        let doc = Document {
            format: Format::Docx,
            pages: None,
            blocks: vec![Block::Paragraph(Paragraph {
                text: s.to_string(),
                page: None,
            })],
            warnings: Vec::new(),
        };
        run(&Text::new(&doc)).len()
    }

    #[test]
    fn totals_parts_and_small_firms() {
        let ok = "本部门政府采购预算总额160.50万元，其中：政府采购货物预算42.00万元、政府采购工程预算0.00万元、政府采购服务预算118.50万元。本部门面向中小企业预留预算96.00万元。";
        assert_eq!(count(ok), 0);
        assert_eq!(count(&ok.replace("总额160.50", "总额170.50")), 1);
        assert_eq!(count(&ok.replace("预留预算96.00", "预留预算196.00")), 1);
        let real = "2023年本部门政府采购预算830.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算550.00万元、政府采购服务预算270.00万元。政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元。";
        assert_eq!(count(real), 0);
        assert_eq!(count(&real.replace("预算为232.40", "预算为432.40")), 1);
        assert_eq!(count(&real.replace("预算830.00", "预算840.00")), 1);
        assert_eq!(
            count("政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.46万元。"),
            0
        );
    }
}
