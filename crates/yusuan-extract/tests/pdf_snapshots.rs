//! Snapshots of the PDF reader's grids on generated corpus PDFs: a merged header tree (the
//! seed's 三公 table, LibreOffice), a table that runs across a page break with its header rows
//! repeated (the seed's 收入总表 written directly with a non-embedded CJK font), and a table with
//! names wrapped inside their cells (the seed's project table, LibreOffice). Review changes with
//! `cargo insta review`.

mod common;

use common::{grid, read, table_containing};

#[test]
fn three_public_header_tree() {
    let doc = read("pdf/seed-changji-zhengziju-2022.pdf");
    let t = table_containing(&doc, "公务用车购置及运行费");
    let merged = t
        .cells
        .iter()
        .find(|c| c.text.contains("公务用车购置及运行费"))
        .unwrap();
    assert_eq!(
        merged.col_span, 3,
        "the group header spans 合计, 购置费 and 运行费"
    );
    insta::assert_json_snapshot!(grid(&t));
}

#[test]
fn table_across_a_page_break_with_its_header_repeated() {
    let doc = read("pdf-direct/seed-changji-zhengziju-2022.pdf");
    let t = table_containing(&doc, "单位其他\n资金收入");
    let pages: std::collections::BTreeSet<_> = t.cells.iter().filter_map(|c| c.page).collect();
    assert_eq!(pages.len(), 2, "one table over two pages");
    let headers = t
        .cells
        .iter()
        .filter(|c| c.text == "单位其他\n资金收入")
        .count();
    assert_eq!(headers, 1, "the repeated header rows are dropped");
    assert_eq!(
        t.n_rows, 21,
        "two header rows, 18 data rows and the total, as in the .docx"
    );
    insta::assert_json_snapshot!(grid(&t));
}

#[test]
fn project_table_with_wrapped_names() {
    let doc = read("pdf/seed-changji-zhengziju-2022.pdf");
    let t = table_containing(&doc, "公告费");
    assert!(
        t.cells
            .iter()
            .any(|c| c.text == "公共资源\n与政采云\n平台整合\n运维费"),
        "a name wrapped over four lines stays in one cell"
    );
    insta::assert_json_snapshot!(grid(&t));
}
