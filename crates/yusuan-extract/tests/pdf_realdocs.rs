//! The PDF reader on real budget disclosures kept in `shared/realdocs` (outside the repository;
//! the tests skip when it is absent).
//!
//! Every file must read without error, with its page count. Grid facts were checked by eye
//! against the rendered pages and `pdftotext -layout`; amounts come from the hand-verified
//! truth files in `realdocs/truth`: every economic (类 + 款) and function (类 + 款 + 项) total
//! there must appear in one table row next to its printed code.

use std::collections::BTreeSet;
mod common;

use std::path::{Path, PathBuf};

use yusuan_extract::{pdf::read_pdf, Limits};
use yusuan_model::{Document, Table};

fn realdocs() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdocs");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip(&format!("{} is absent", dir.display()));
        None
    }
}

fn read(dir: &Path, name: &str) -> Document {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    read_pdf(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The texts of each row of a table (a merged cell counts in every row it covers).
fn rows(t: &Table) -> Vec<Vec<String>> {
    let cov = t.coverage();
    cov.iter()
        .map(|row| {
            let mut seen = BTreeSet::new();
            row.iter()
                .flatten()
                .filter(|i| seen.insert(**i))
                .map(|&i| t.cells[i].text.clone())
                .collect()
        })
        .collect()
}

fn number(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    t.parse().ok()
}

/// A row holding `cells` (in order, as separate cells) and a cell worth `amount`.
fn has_row(doc: &Document, cells: &[&str], amount: Option<f64>) -> bool {
    doc.tables().any(|t| {
        rows(t).iter().any(|r| {
            let mut pos = 0;
            let codes_ok = cells
                .iter()
                .all(|c| match r[pos..].iter().position(|x| x == c) {
                    Some(p) => {
                        pos += p + 1;
                        true
                    }
                    None => false,
                });
            codes_ok
                && amount.is_none_or(|a| {
                    r.iter()
                        .any(|x| number(x).is_some_and(|v| (v - a).abs() < 0.005))
                })
        })
    })
}

const EXPECTED_PAGES: &[(&str, u32)] = &[
    ("1769321433314-826553525.pdf", 16),
    ("1770007475548-818404804.pdf", 35),
    ("24年普陀区财政局（测试问题版本）.pdf", 26),
    ("上海市普陀区人民政府办公室25年预算.pdf", 22),
    ("上海市普陀区商务委员会单位25年预算.pdf", 22),
    ("上海市普陀区财政局2024年度部门决算.pdf", 25),
    ("上海市普陀区财政局部门25年预算.pdf", 24),
    ("上海市财政局25年预算.pdf", 21),
    ("附件2：部门决算模板.pdf", 23),
];

#[test]
fn every_real_pdf_reads_with_its_page_count() {
    let Some(dir) = realdocs() else { return };
    for (name, pages) in EXPECTED_PAGES {
        let doc = read(&dir, name);
        assert_eq!(doc.pages, Some(*pages), "{name}");
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        assert!(
            doc.tables().count() >= 9,
            "{name}: {} tables",
            doc.tables().count()
        );
        for b in &doc.blocks {
            let page = match b {
                yusuan_model::Block::Paragraph(p) => p.page,
                yusuan_model::Block::Table(t) => t.page,
            };
            assert!(
                page.is_some_and(|p| p >= 1 && p <= *pages),
                "{name}: block without a page"
            );
        }
    }
}

#[test]
fn truth_amounts_sit_next_to_their_codes() {
    let Some(dir) = realdocs() else { return };
    let truth_dir = dir.join("truth");
    let Ok(entries) = std::fs::read_dir(&truth_dir) else {
        return;
    };
    let mut checked = 0;
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = format!("{stem}.pdf");
        if !dir.join(&pdf).exists() {
            continue;
        }
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let doc = read(&dir, &pdf);
        for item in truth["items"].as_array().unwrap() {
            let (table, code, measure) = (
                item["table"].as_str().unwrap(),
                item["code"].as_str().unwrap(),
                item["measure"].as_str().unwrap(),
            );
            let amount: f64 = item["amount_yuan"].as_str().unwrap().parse().unwrap();
            let parts: Vec<&str> = match (table, code.len()) {
                ("general_budget_basic_expenditure", 5) => vec![&code[..3], &code[3..]],
                ("expenditure_summary", 7) => vec![&code[..3], &code[3..5], &code[5..]],
                _ => continue,
            };
            if measure != "total" {
                continue;
            }
            assert!(
                has_row(&doc, &parts, Some(amount)) || has_row(&doc, &[code], Some(amount)),
                "{pdf}: no row with {parts:?} and {amount}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} amounts checked");
}

#[test]
fn shanghai_finance_bureau_grids() {
    let Some(dir) = realdocs() else { return };
    let doc = read(&dir, "上海市财政局25年预算.pdf");
    assert_eq!(doc.tables().count(), 9);
    // The 三公 table (p20): a tree header over three rows, one data row.
    let three = doc
        .tables()
        .find(|t| t.cells.iter().any(|c| c.text == "346.30"))
        .expect("三公 table");
    assert_eq!((three.n_rows, three.n_cols, three.page), (4, 7, Some(20)));
    let head = &three.cells[0];
    assert_eq!(
        (head.text.as_str(), head.row_span, head.col_span),
        ("“三公”经费预算数", 1, 6)
    );
    let data: Vec<&str> = three
        .cells
        .iter()
        .filter(|c| c.row == 3)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        data,
        ["346.30", "288.70", "25.40", "32.20", "", "32.20", "2,517.78"]
    );
    let vehicles = three
        .cells
        .iter()
        .find(|c| c.text == "公务用车购置及运行费")
        .unwrap();
    assert_eq!((vehicles.row, vehicles.col, vehicles.col_span), (1, 3, 3));
    // The economic table: 类 and 款 in their own cells, amount from the truth file.
    assert!(has_row(
        &doc,
        &["301", "01", "基本工资"],
        Some(13_150_000.0)
    ));
    // The 支出预算总表 runs over pages 10–11 without a repeated header: one table of 27 rows.
    let spending = doc
        .tables()
        .find(|t| t.page == Some(10))
        .expect("支出预算总表");
    assert_eq!((spending.n_rows, spending.n_cols), (27, 7));
    assert!(spending
        .cells
        .iter()
        .any(|c| c.text == "210" && c.page == Some(11)));
    let last = rows(spending).pop().unwrap();
    assert_eq!(last, ["合计", "171,915,169", "127,642,039", "44,273,130"]);
    // The 收入预算总表 repeats its header on p9: dropped when merged.
    let income = doc.tables().find(|t| t.page == Some(8)).unwrap();
    assert_eq!(
        income
            .cells
            .iter()
            .filter(|c| c.text == "功能分类科目名称")
            .count(),
        1
    );
    assert_eq!(income.n_rows, 27);
    // Table titles and units are paragraphs just before their tables.
    let pos = doc
        .blocks
        .iter()
        .position(|b| matches!(b, yusuan_model::Block::Table(t) if t.page == Some(20)))
        .unwrap();
    match &doc.blocks[pos - 1] {
        yusuan_model::Block::Paragraph(p) => assert_eq!(p.text, "编制单位：上海市财政局 单位:万元"),
        other => panic!("expected the unit line, got {other:?}"),
    }
}

#[test]
fn putuo_finance_bureau_grids() {
    let Some(dir) = realdocs() else { return };
    let doc = read(&dir, "上海市普陀区财政局部门25年预算.pdf");
    let three = doc
        .tables()
        .find(|t| t.cells.iter().any(|c| c.text == "229.43"))
        .expect("三公 table");
    let data = rows(three).pop().unwrap();
    assert!(data.iter().any(|s| s == "0.95"), "{data:?}");
    // Two-decimal amounts and economic codes.
    assert!(has_row(&doc, &["301", "01", "基本工资"], Some(2_642_448.0)));
    assert!(has_row(
        &doc,
        &["201", "06", "01", "行政运行"],
        Some(16_231_840.80)
    ));
    // Text clipped away at the bottom of p7 (and printed again on p8) appears once.
    let items: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            yusuan_model::Block::Paragraph(p) if p.text.starts_with("9.“卫生健康支出") => {
                Some(p.text.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 1, "{items:?}");
}

#[test]
fn final_accounts_grids() {
    let Some(dir) = realdocs() else { return };
    let doc = read(&dir, "上海市普陀区财政局2024年度部门决算.pdf");
    // 一般公共预算财政拨款基本支出决算表: two economic-code column groups side by side, over two pages.
    let basic = doc
        .tables()
        .find(|t| t.page == Some(16))
        .expect("basic expenditure table");
    assert_eq!(basic.n_cols, 8);
    assert!(has_row(
        &doc,
        &[
            "301",
            "01",
            "基本工资",
            "262.33",
            "302",
            "01",
            "办公费",
            "21.21"
        ],
        None
    ));
    assert!(basic
        .cells
        .iter()
        .any(|c| c.text == "公用经费合计" && c.page == Some(17)));
    // A header cell wrapped over lines keeps its line breaks.
    assert!(doc
        .tables()
        .any(|t| t.cells.iter().any(|c| c.text == "本年收入合\n计")));
}
