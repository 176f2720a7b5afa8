//! Snapshots of the .docx reader's grids on corpus documents: a merged header tree (the seed's
//! 三公 table), amounts broken by a line break (the seed's project table), and a disclosure
//! table nested inside another table's cell. Review changes with `cargo insta review`.

mod common;

use common::{grid, read, table_containing};
use yusuan_model::Block;

#[test]
fn seed_three_public_header_tree() {
    let doc = read("docx/seed-changji-zhengziju-2022.docx");
    let t = table_containing(&doc, "公务用车购置及运行费");
    insta::assert_json_snapshot!(grid(&t));
}

#[test]
fn seed_project_table_with_broken_numbers() {
    let doc = read("docx/seed-changji-zhengziju-2022.docx");
    let t = table_containing(&doc, "12345云呼叫中心平台技术服务运维费");
    assert!(
        t.cells.iter().any(|c| c.text == "\n16"),
        "the line break before 16 is kept"
    );
    insta::assert_json_snapshot!(grid(&t));
}

#[test]
fn nested_table_is_its_own_block() {
    let doc = read("docx/changji-jiaoyuju-2024.docx");
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert!(tables >= 10, "{tables}");
    let summary = table_containing(&doc, "财政拨款（补助）");
    insta::assert_json_snapshot!(grid(&summary));
}

#[test]
fn seed_reads_in_body_order() {
    let doc = read("docx/seed-changji-zhengziju-2022.docx");
    let first = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) => Some(p.text.clone()),
        Block::Table(_) => None,
    });
    assert_eq!(
        first.as_deref().map(str::trim),
        Some("第一部分   州政资局部门概况")
    );
    assert_eq!(
        doc.tables().count(),
        16,
        "9 disclosure tables and 7 performance-target tables"
    );
}
