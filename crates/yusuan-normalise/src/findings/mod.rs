//! What a careful reader finds that no table arithmetic can see, each family in a module of its
//! own, all reading the document's paragraphs with their pages ([`Text`]):
//!
//! * [`residue`]: template residue and placeholders (`XX局`, `××`, `待填写`, an antonym pair left
//!   as a bracketed alternative, `主要原因是。`), doubled punctuation and doubled words;
//! * [`years`]: a heading, title or statement whose year is not the document's (a 2024 决算
//!   titled 2023, `截至2023年12月31日` in a 2024 决算);
//! * [`logic`]: comparative words against the figures they compare (`决算数大于预算数` where the
//!   决算 is smaller);
//! * [`empty_tables`]: an empty fund or 三公 table with no note saying why, a note naming another
//!   table's fund, a note saying "empty" over a table that prints figures;
//! * [`sections`]: the sections a disclosure must have (主要职能, 机构设置, 名词解释, 机关运行经费,
//!   政府采购, 国有资产, 绩效, 三公);
//! * [`conflict`]: two disagreeing figures for one thing in one paragraph;
//! * [`percent`]: a rate printed without its % sign, a share whose amount is missing;
//! * [`change_rate`]: a change that does not follow from the two years' figures stated, and
//!   last year's figure stated in one place and implied in another;
//! * [`procurement`]: 政府采购 total against 货物 + 工程 + 服务, and small firms' part within it;
//! * [`toc`]: the table of contents against the tables present and their order;
//! * [`department`]: the department named over the tables against the cover's;
//! * [`class_names`]: a 类/款/项 the narrative names by its name of another year (a `note`);
//! * [`year_on_year`]: last year's figures against last year's disclosure of the same
//!   department (run across documents by the binary, with a [`year_on_year::Digest`] of each).
//!
//! Every finding quotes the printed words and names the page where there is one.

mod change_rate;
mod class_names;
mod conflict;
mod department;
mod empty_tables;
mod logic;
mod percent;
mod procurement;
mod residue;
mod sections;
mod toc;
pub mod year_on_year;
mod years;

use yusuan_model::{Block, Check, CheckId, CheckStatus, DocMeta, Document, Location};

use crate::codes::Codes;
use crate::tables::ReadTable;

/// A paragraph with its page, and the position of each table among them.
pub(crate) struct Text<'a> {
    /// Paragraphs (lines joined) in reading order, with their page.
    pub(crate) paragraphs: Vec<(String, Option<u32>)>,
    /// For each table (by `table_no` − 1): the index of the first paragraph after it.
    pub(crate) after_table: Vec<usize>,
    /// The document.
    pub(crate) doc: &'a Document,
}

impl<'a> Text<'a> {
    fn new(doc: &'a Document) -> Text<'a> {
        let mut paragraphs = Vec::new();
        let mut after_table = Vec::new();
        for block in &doc.blocks {
            match block {
                Block::Paragraph(p) => {
                    let joined: String = p.text.lines().map(str::trim).collect();
                    if !joined.is_empty() {
                        paragraphs.push((joined, p.page));
                    }
                }
                Block::Table(_) => after_table.push(paragraphs.len()),
            }
        }
        Text {
            paragraphs,
            after_table,
            doc,
        }
    }
}

/// A finding about printed words: their page and the sentence quoted.
pub(crate) fn finding(
    check: CheckId,
    status: CheckStatus,
    code: &str,
    quoted: &str,
    page: Option<u32>,
    detail: String,
) -> Check {
    let quoted: String = quoted.chars().take(120).collect();
    Check {
        check,
        status,
        table: None,
        code: code.to_string(),
        expected: String::new(),
        found: quoted.clone(),
        detail: format!("{detail} (“{quoted}”)"),
        location: Location {
            page,
            ..Location::default()
        },
    }
}

/// Run every family of findings over one document.
pub(crate) fn run(
    doc: &Document,
    meta: &DocMeta,
    tables: &[ReadTable],
    facts: &[crate::narrative::Fact],
    codes: &Codes<'_>,
) -> Vec<Check> {
    let text = Text::new(doc);
    let mut out = Vec::new();
    out.extend(residue::run(&text));
    out.extend(years::run(&text, meta));
    out.extend(logic::run(&text));
    out.extend(empty_tables::run(&text, tables));
    out.extend(sections::run(&text, meta, tables));
    out.extend(conflict::run(&text, meta));
    out.extend(percent::run(&text));
    out.extend(change_rate::run(&text, meta));
    out.extend(change_rate::balanced_changes(facts, meta));
    out.extend(procurement::run(&text));
    out.extend(toc::run(&text, tables));
    out.extend(department::run(&text, meta));
    out.extend(class_names::run(&text, codes));
    out
}
