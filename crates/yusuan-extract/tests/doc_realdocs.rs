//! The .doc reader on a real Word 97 file written by WPS Office, kept in `shared/realdocs-wild`
//! (outside the repository; the test skips when it is absent): the 2016 决算 of 太原市发展和改革
//! 委员会, a narrative, the list of its units and the 8 tables 公开02–09表 in 元.
//!
//! Every fact asserted here was checked by eye against the pages LibreOffice renders from the same
//! file (and LibreOffice's own reading of it, converted to .docx and read by the .docx reader, gives
//! the same blocks, apart from two page breaks it drops).

use std::path::Path;

use yusuan_extract::{extract, Limits};
use yusuan_model::{Block, Document, Format, Table};

const FILE: &str = "太原市发展和改革委员会2016年决算公开.doc";

fn taiyuan() -> Option<Document> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/realdocs-wild")
        .join(FILE);
    if !path.is_file() {
        eprintln!("skipping: {} not found", path.display());
        return None;
    }
    let bytes = std::fs::read(&path).unwrap();
    Some(extract(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{FILE}: {e}")))
}

/// The text of the cell whose top-left corner is at (row, col).
fn at(t: &Table, row: usize, col: usize) -> &str {
    t.cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .map(|c| c.text.as_str())
        .unwrap_or_else(|| panic!("no cell starts at ({row}, {col})"))
}

/// (row_span, col_span) of the cell at (row, col).
fn span(t: &Table, row: usize, col: usize) -> (usize, usize) {
    let c = t
        .cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .unwrap();
    (c.row_span, c.col_span)
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn taiyuan_2016_reads_with_its_tables_as_grids() {
    let Some(doc) = taiyuan() else { return };
    assert_eq!(doc.format, Format::Doc);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    let tables: Vec<&Table> = doc.tables().collect();
    let shapes: Vec<(usize, usize)> = tables.iter().map(|t| (t.n_rows, t.n_cols)).collect();
    assert_eq!(
        shapes,
        [
            (8, 2),   // the units in the 决算 (序号, 单位名称)
            (39, 11), // 公开02表 收入决算表
            (39, 10), // 公开03表 支出决算表
            (35, 8),  // 公开04表 财政拨款收入支出决算总表
            (36, 7),  // 公开05表 一般公共预算财政拨款支出决算表（一）
            (58, 7),  // 公开06表 一般公共预算财政拨款决算表（二）
            (15, 10), // 公开07表 政府性基金预算财政拨款收入支出决算表
            (21, 4),  // 公开08表 部门决算公开相关信息统计表
            (16, 3),  // 公开09表 “三公”经费支出表
        ]
    );

    let units = tables[0];
    assert_eq!(at(units, 0, 1), "单位名称");
    assert_eq!(at(units, 6, 1), "太原市价格认证中心");

    // 公开02表: 项目 over four columns, 本年收入合计 down four rows; 201 一般公共服务支出.
    let income = tables[1];
    assert_eq!((at(income, 0, 0), span(income, 0, 0)), ("项目", (1, 4)));
    assert_eq!(
        (at(income, 0, 4), span(income, 0, 4)),
        ("本年收入合计", (4, 1))
    );
    assert_eq!(at(income, 5, 3), "合计");
    assert_eq!(at(income, 5, 4), "42,583,921.59");
    assert_eq!(at(income, 5, 10), "8,863.33");
    assert_eq!(
        (at(income, 6, 0), at(income, 6, 3)),
        ("201", "一般公共服务支出")
    );
    assert_eq!(at(income, 8, 3), "  行政运行");
    assert_eq!(at(income, 8, 5), "20,861,725.02");

    // 公开04表: the two-level header of 支出 and the totals.
    let grant = tables[3];
    assert_eq!((at(grant, 0, 0), span(grant, 0, 0)), ("收     入", (1, 3)));
    assert_eq!((at(grant, 0, 3), span(grant, 0, 3)), ("支     出", (1, 5)));
    assert_eq!((at(grant, 1, 5), span(grant, 1, 5)), ("金额", (1, 3)));
    assert_eq!(at(grant, 4, 2), "41,542,805.26");
    assert_eq!(at(grant, 33, 0), "总计");
    assert_eq!(at(grant, 33, 5), "43,119,176.80");
    assert_eq!(span(grant, 34, 0), (1, 8), "the note spans the table");

    // 公开09表: 三公 经费.
    let three = tables[8];
    assert_eq!(at(three, 0, 2), "2016年度决算数");
    assert_eq!(at(three, 1, 0), "（一）合     计");
    assert_eq!(at(three, 1, 2), "77,997.08");
    assert_eq!(at(three, 4, 2), "73,055.58");
    assert_eq!(at(three, 11, 2), "16");

    let paras = paragraphs(&doc);
    assert_eq!(paras[0], "关于太原市发展和改革委员会2016年部门决算");
    for title in [
        "2016年收入决算表",
        "2016年财政拨款收入支出决算总表",
        "公开04表",
        "金额单位：元",
        "2016年收入决算4258.39万元，其中：财政拨款4154.28万元。",
    ] {
        assert!(paras.contains(&title), "{title} not among the paragraphs");
    }
    // Each table comes right after its 金额单位 line.
    let after_unit = doc
        .blocks
        .windows(2)
        .filter(|w| {
            matches!(&w[0], Block::Paragraph(p) if p.text == "金额单位：元")
                && matches!(w[1], Block::Table(_))
        })
        .count();
    assert_eq!(after_unit, 8);
}
