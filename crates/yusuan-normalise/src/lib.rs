//! The normaliser: a [`yusuan_model::Document`] → a [`yusuan_model::Disclosure`], in four
//! phases, each a module folder:
//!
//! 1. `segment`: the blocks cut into lines, paragraphs and table grids, each grid with its
//!    title, the kind of disclosure table it is, and its unit;
//! 2. `tables`: every recognised grid read into rows of coded amounts in 元 (continued grids
//!    appended), indexed by code for comparison (`tables::figures`);
//! 3. `narrative`: the explanation's figures, each with its subject, share and change;
//! 4. `checks` (the tables and the narrative against each other and against the code tables)
//!    and `findings` (what a careful reader finds in the words).
//!
//! `meta` reads the document's facts (department, year, kind, scope, staffing), `codes` holds the
//! classification tables by fiscal year, `amount` and `text` are the cell and text rules every
//! phase shares, and `transparency` scores the result. Nothing here touches the filesystem.

mod amount;
mod checks;
mod codes;
mod findings;
#[doc(hidden)]
pub mod fuzzing;
mod meta;
mod narrative;
mod segment;
mod tables;
mod text;
mod tolerances;
mod transparency;

pub use codes::codebook;
pub use findings::year_on_year;
pub use meta::identity::Aliases;
pub use transparency::score as transparency_score;

use yusuan_model::{Disclosure, Document, PrintedTotal, TableInfo};

use codes::Codes;
use meta::identity;
use tables::ReadTable;

/// How to normalise: what the caller may configure.
#[derive(Debug, Clone)]
pub struct Options {
    /// Department aliases (built-in, plus any the user adds).
    pub aliases: identity::Aliases,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            aliases: identity::Aliases::built_in(),
        }
    }
}

/// What a file's name says, where the text does not: the fiscal year
/// (`…2019年预算公开表.pdf`) and the department (`江苏省政协办公厅__…2019年度部门预算.pdf`), with
/// the department's id, canonical name and region as for a name read from the text.
pub fn fill_from_file_name(meta: &mut yusuan_model::DocMeta, file_name: &str, options: &Options) {
    if meta.fiscal_year.is_none() {
        meta.fiscal_year = meta::year_in_name(file_name);
    }
    if meta.department.is_some() {
        return;
    }
    let Some(name) = meta::department_in_name(file_name) else {
        return;
    };
    meta.department_id = Some(identity::department_id(&name, meta.scope, &options.aliases));
    meta.department_canonical = Some(options.aliases.canonical(&name));
    if meta.region.is_none() {
        meta.region = meta::region_of(&name).0;
    }
    meta.department = Some(name);
}

/// The placeholder that shows a document to be a blank template rather than a disclosure
/// (`上海市XX局`, `××单位`, a title that says 模板), if any.
pub fn template_placeholder(d: &Disclosure) -> Option<String> {
    let dept = d.meta.department.as_deref().unwrap_or("");
    for p in ["XX", "xx", "××", "某某"] {
        if dept.contains(p) {
            return Some(dept.to_string());
        }
    }
    d.tables
        .iter()
        .find(|t| t.title.contains("模板"))
        .map(|t| t.title.clone())
}

/// Read everything a disclosure says, with the default options.
pub fn normalise(doc: &Document) -> Disclosure {
    normalise_with(doc, &Options::default())
}

/// Read everything a disclosure says.
pub fn normalise_with(doc: &Document, options: &Options) -> Disclosure {
    let segmented = segment::segment(doc);
    let mut meta = meta::document_meta(&segmented, &options.aliases);
    // The code tables of the document's fiscal year, which every phase below is given.
    let codes = Codes::of_year(codes::book(), meta.fiscal_year);
    let read = tables::read_all(&segmented.grids, meta::is_final_accounts(doc), &codes);
    meta.unit = meta::main_unit(&read.tables);
    let paragraphs = text::unwrap_paged(&segmented.paragraphs);
    let texts: Vec<String> = paragraphs.iter().map(|(p, _)| p.clone()).collect();
    meta.staffing = meta::staffing(&texts);
    let facts = narrative::read_facts_paged(&paragraphs);
    let line_items: Vec<_> = read
        .tables
        .iter()
        .flat_map(|rt| tables::items_of(rt, &segmented.grids, &codes))
        .collect();
    let checked = checks::run(doc, &meta, &read.tables, &facts, &codes);
    let narrative_facts: Vec<_> = facts.iter().map(narrative::Fact::record).collect();
    let mut disclosure = Disclosure {
        tables: read.tables.iter().map(table_info).collect(),
        tables_missing: checked.tables_missing,
        projects: narrative::reported::read_projects(&texts, &narrative_facts, &line_items),
        reported: narrative::reported::read_reported(&narrative_facts, &texts),
        meta,
        line_items,
        checks: checked.checks,
        narrative_facts,
        performance_targets: read.targets,
        transparency: Default::default(),
    };
    disclosure.transparency = transparency::score(&disclosure);
    disclosure
}

/// The record of a read table, with its printed totals.
fn table_info(rt: &ReadTable) -> TableInfo {
    TableInfo {
        totals: rt
            .data
            .totals
            .iter()
            .map(|((side, measure), v)| PrintedTotal {
                side: side.clone(),
                measure: *measure,
                amount_yuan: v.yuan,
            })
            .collect(),
        ..rt.info.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::{Block, CheckId, Format, Measure, Paragraph, Scheme, Table};

    fn doc(title: &str, rows: &[Vec<&str>]) -> Document {
        Document {
            format: Format::Docx,
            pages: None,
            blocks: vec![
                Block::Paragraph(Paragraph {
                    text: title.into(),
                    page: None,
                }),
                Block::Paragraph(Paragraph {
                    text: "编制部门：某市某局  单位：万元".into(),
                    page: None,
                }),
                Block::Table(Table::from_rows(rows)),
            ],
            warnings: Vec::new(),
        }
    }

    #[test]
    fn rows_printed_without_codes_are_coded_from_their_names() {
        let d = normalise(&doc(
            "一般公共预算支出情况表",
            &[
                vec!["科目名称", "合计", "基本支出", "项目支出"],
                vec!["一般公共服务支出", "10.00", "8.00", "2.00"],
                vec!["  政府办公厅（室）及相关机构事务", "10.00", "8.00", "2.00"],
                vec!["    行政运行", "8.00", "8.00", ""],
                vec!["    一般行政管理事务", "2.00", "", "2.00"],
                vec!["合计", "10.00", "8.00", "2.00"],
            ],
        ));
        let codes: Vec<&str> = d
            .line_items
            .iter()
            .filter(|i| i.measure == Measure::Total)
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(codes, ["201", "20103", "2010301", "2010302"]);
        let class = d
            .line_items
            .iter()
            .find(|i| i.code == "201" && i.measure == Measure::Total)
            .unwrap();
        assert_eq!(class.amount_yuan.to_string(), "100000.00");
        let notes = d
            .checks
            .iter()
            .filter(|c| c.check == CheckId::CodeRepaired)
            .count();
        assert_eq!(notes, 4);
        assert_eq!(
            d.checks_failed(),
            d.tables_missing.len(),
            "only the missing tables fail: {:?}",
            d.checks
        );
        // Each missing table points at the one table printed, beside which it would be.
        let missing: Vec<_> = d
            .checks
            .iter()
            .filter(|c| c.check == CheckId::MissingTable)
            .collect();
        assert_eq!(missing.len(), 8, "{missing:?}");
        assert!(missing.iter().all(|c| c.location.table_no == Some(1)));
        assert!(
            missing[0]
                .detail
                .ends_with("it would precede the general_budget_expenditure table"),
            "{}",
            missing[0].detail
        );
    }

    #[test]
    fn government_economic_codes_are_their_own_scheme() {
        let d = normalise(&doc(
            "2024年一般公共预算基本支出表",
            &[
                vec!["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                vec!["501", "机关工资福利支出", "9.00", "9.00", ""],
                vec!["50101", "工资奖金津补贴", "6.00", "6.00", ""],
                vec!["50102", "社会保障缴费", "3.00", "3.00", ""],
                vec!["502", "机关商品和服务支出", "2.00", "", "2.00"],
                vec!["50201", "办公经费", "2.00", "", "2.00"],
                vec!["合计", "", "11.00", "9.00", "2.00"],
            ],
        ));
        let office = d
            .line_items
            .iter()
            .find(|i| i.code == "50201" && i.measure == Measure::Total)
            .expect("50201 read");
        assert_eq!(office.scheme, Scheme::GovernmentEconomic);
        assert_eq!(office.name, "办公经费");
        assert_eq!(office.amount_yuan.to_string(), "20000.00");
        assert!(d
            .line_items
            .iter()
            .all(|i| i.scheme == Scheme::GovernmentEconomic));
        assert!(
            !d.checks.iter().any(|c| matches!(
                c.check,
                CheckId::NameMismatch | CheckId::UnknownCode | CheckId::Rollup
            ) && c.status != yusuan_model::CheckStatus::Pass),
            "{:?}",
            d.checks
        );
    }

    #[test]
    fn a_former_name_in_a_later_year_is_a_note() {
        let d = normalise(&doc(
            "2024年一般公共预算支出表",
            &[
                vec!["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                vec!["210", "医疗卫生与计划生育支出", "3.00", "3.00", ""],
                vec!["21011", "行政事业单位医疗", "3.00", "3.00", ""],
                vec!["2101101", "行政单位医疗", "3.00", "3.00", ""],
                vec!["合计", "", "3.00", "3.00", ""],
            ],
        ));
        assert_eq!(d.meta.fiscal_year, Some(2024));
        let named: Vec<_> = d
            .checks
            .iter()
            .filter(|c| c.check == CheckId::NameMismatch)
            .collect();
        assert_eq!(named.len(), 1, "{named:?}");
        assert_eq!(named[0].status, yusuan_model::CheckStatus::Note);
        assert_eq!(named[0].expected, "卫生健康支出");
        assert!(
            named[0].detail.contains("until 2018"),
            "{}",
            named[0].detail
        );
    }
}
