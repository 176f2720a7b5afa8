//! The normaliser: a [`yusuan_model::Document`] → a [`yusuan_model::Disclosure`].
//!
//! [`normalise`] walks the document's blocks in order. For every table grid it gathers the text
//! printed above it (and any title rows inside it), recognises the kind of disclosure table from
//! the title ([`classify`]), takes the unit printed over it ([`amount::find_unit`]), reads the
//! header into column roles and measures ([`read_table`], [`measure`]), and the data rows into
//! codes ([`code`], checked against the canonical tables in [`codes`]) and exact amounts in 元
//! ([`amount`]). Document facts come from [`meta`]; [`checks`] then runs the consistency checks
//! over all tables together. Nothing here touches the filesystem.

pub mod amount;
pub mod checks;
pub mod classify;
pub mod code;
pub mod codes;
mod findings;
pub use findings::year_on_year;
pub mod identity;
pub mod income;
pub mod measure;
pub mod meta;
pub mod narrative;
pub mod prose;
pub mod read_table;
pub mod reported;
pub mod targets;
pub mod transparency;

use std::collections::HashMap;

use yusuan_model::{
    Block, Disclosure, Document, LineItem, Location, Scheme, Table, TableInfo, TableKind,
};

use amount::{find_unit, Unit};
use classify::{kind_from_title, looks_like_title};
use read_table::{
    column_roles, first_data_row, header_paths, read_blocks, title_rows, Dense, TableData,
};

/// A recognised table and what was read from it.
#[derive(Debug, Clone)]
pub struct ReadTable {
    /// What it is.
    pub info: TableInfo,
    /// Its rows.
    pub data: TableData,
    /// Its unit.
    pub unit: Unit,
    /// Per code, per measure, the figure the checks compare (computed once, on first use).
    pub(crate) figures: std::sync::OnceLock<checks::CodeFigures>,
}

impl ReadTable {
    fn new(info: TableInfo, data: TableData, unit: Unit) -> ReadTable {
        ReadTable {
            info,
            data,
            unit,
            figures: std::sync::OnceLock::new(),
        }
    }
}

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
    let mut lines: Vec<String> = Vec::new();
    let mut context: Vec<String> = Vec::new();
    let mut read: Vec<ReadTable> = Vec::new();
    let mut table_no = 0usize;
    let mut last_unit: Option<Unit> = None;
    let mut performance_targets = Vec::new();
    let mut target_reader = targets::TargetReader::default();
    let mut paragraphs: Vec<(String, Option<u32>)> = Vec::new();

    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                // Line breaks inside a paragraph are wrapping (PDF) more often than meaning.
                let joined: String = p.text.lines().map(str::trim).collect();
                if !joined.is_empty() {
                    paragraphs.push((joined, p.page));
                }
                for line in p.text.lines() {
                    let t = line.trim();
                    if !t.is_empty() {
                        lines.push(t.to_string());
                        context.push(t.to_string());
                    }
                }
            }
            Block::Table(t) => {
                table_no += 1;
                let dense = Dense::new(t);
                let n_title = title_rows(&dense);
                let mut ctx: Vec<String> = context.iter().rev().take(6).rev().cloned().collect();
                for row in &dense.full[..n_title] {
                    let mut seen: Vec<&String> =
                        row.iter().filter(|s| !s.trim().is_empty()).collect();
                    seen.dedup();
                    let text = seen.iter().map(|s| s.trim()).collect::<Vec<_>>().join("  ");
                    lines.push(text.clone());
                    ctx.push(text);
                }
                let continuation = context.is_empty();
                context.clear();
                let printed_title = ctx
                    .iter()
                    .rev()
                    .find(|l| looks_like_title(l) && kind_from_title(l).is_some())
                    .cloned();
                // The rest of a performance-target form broken by a page break repeats its
                // header but not its title: it continues the form, it does not start one.
                let continues_form = continuation
                    && printed_title.is_none()
                    && read
                        .last()
                        .is_some_and(|p| p.info.kind == TableKind::PerformanceTargets);
                let title = printed_title.or_else(|| {
                    (!continues_form)
                        .then(|| header_guess(&dense, n_title))
                        .flatten()
                });
                let unit = ctx.iter().rev().find_map(|l| find_unit(l));
                if let Some(u) = &unit {
                    last_unit = Some(u.clone());
                }
                match title.as_deref().and_then(kind_from_title) {
                    Some((kind, final_accounts)) => {
                        let unit = unit
                            .or_else(|| last_unit.clone())
                            .unwrap_or_else(|| Unit::from_name("万元").expect("known unit"));
                        if kind == TableKind::PerformanceTargets {
                            performance_targets.extend(target_reader.flush());
                            target_reader = targets::TargetReader::default();
                            performance_targets.extend(target_reader.read(&dense));
                        }
                        read.push(read_grid(
                            t,
                            &dense,
                            n_title,
                            kind,
                            final_accounts,
                            title.unwrap_or_default(),
                            unit,
                            table_no,
                        ));
                    }
                    None if continuation => {
                        if let Some(prev) = read.last() {
                            if prev.info.kind == TableKind::PerformanceTargets {
                                // The rest of a form broken by a page break.
                                performance_targets.extend(target_reader.read(&dense));
                            } else if prev.data.roles.len() == t.n_cols {
                                let data = continue_grid(prev, &dense);
                                let mut info = prev.info.clone();
                                info.table_no = table_no;
                                info.page = t.page;
                                info.empty = !data.any_amount;
                                let unit = prev.unit.clone();
                                read.push(ReadTable::new(info, data, unit));
                            }
                        }
                    }
                    None => {}
                }
            }
        }
    }

    performance_targets.extend(target_reader.flush());
    let mut meta = meta::read_meta(&lines);
    if meta.fiscal_year.is_none() {
        // Tables published without a narrative (a workbook, a tables-only file) carry the
        // year in their titles.
        let titles: Vec<String> = read.iter().map(|rt| rt.info.title.clone()).collect();
        meta.fiscal_year = meta::read_meta(&titles).fiscal_year;
    }
    meta.department_id = meta
        .department
        .as_deref()
        .map(|d| identity::department_id(d, meta.scope, &options.aliases));
    meta.department_canonical = meta
        .department
        .as_deref()
        .map(|d| options.aliases.canonical(d));
    let mut unit_counts: HashMap<String, usize> = HashMap::new();
    for rt in &read {
        if rt.info.kind != TableKind::PerformanceTargets {
            *unit_counts.entry(rt.unit.name.clone()).or_default() += 1;
        }
    }
    meta.unit = unit_counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(u, _)| u);

    let final_doc = meta.doc_kind == Some(yusuan_model::DocKind::FinalAccounts);
    let mut line_items = Vec::new();
    for rt in &read {
        line_items.extend(items_of(rt, doc_table(doc, rt.info.table_no)));
    }
    let mut checks = checks::run(&read, meta.fiscal_year);
    let paged = prose::unwrap_paged(&paragraphs);
    let pages: Vec<Option<u32>> = paged.iter().map(|(_, p)| *p).collect();
    let paragraphs: Vec<String> = paged.into_iter().map(|(p, _)| p).collect();
    meta.staffing = meta::staffing(&paragraphs);
    let facts = narrative::read_facts_paged(&paragraphs, &pages);
    checks.extend(narrative::check_facts(&facts, &read));
    let narrative_facts: Vec<_> = facts.iter().map(narrative::Fact::record).collect();
    let projects = reported::read_projects(&paragraphs, &narrative_facts, &line_items);
    let (tables_missing, missing_checks) =
        checks::missing_tables(&read, final_doc, meta.region.as_deref());
    checks.extend(missing_checks);
    checks.extend(findings::run(doc, &meta, &read));

    let mut disclosure = Disclosure {
        meta,
        tables: read
            .iter()
            .map(|r| TableInfo {
                totals: r
                    .data
                    .totals
                    .iter()
                    .map(|((side, measure), v)| yusuan_model::PrintedTotal {
                        side: side.clone(),
                        measure: *measure,
                        amount_yuan: v.yuan,
                    })
                    .collect(),
                ..r.info.clone()
            })
            .collect(),
        tables_missing,
        line_items,
        checks,
        reported: reported::read_reported(&narrative_facts, &paragraphs),
        projects,
        narrative_facts,
        performance_targets,
        transparency: Default::default(),
    };
    disclosure.transparency = transparency::score(&disclosure);
    disclosure
}

/// A title guessed from the header when none is printed above the table.
fn header_guess(d: &Dense, from: usize) -> Option<String> {
    let head: String = d
        .full
        .iter()
        .skip(from)
        .take(4)
        .flatten()
        .map(|s| classify::squash(s))
        .collect();
    if head.contains("一级指标") && head.contains("三级指标") {
        Some("项目支出绩效目标表".into())
    } else if head.contains("因公出国") && head.contains("公务接待") {
        Some("“三公”经费支出表".into())
    } else if head.contains("人员经费") && head.contains("公用经费") && head.contains("经济分类")
    {
        Some("一般公共预算基本支出情况表".into())
    } else {
        None
    }
}

#[allow(clippy::too_many_arguments)]
fn read_grid(
    t: &Table,
    dense: &Dense,
    n_title: usize,
    kind: TableKind,
    final_accounts: bool,
    title: String,
    unit: Unit,
    table_no: usize,
) -> ReadTable {
    let info = |empty: bool, unit: &Unit| TableInfo {
        totals: Vec::new(),
        table_no,
        kind,
        final_accounts,
        title: title.trim().to_string(),
        unit: Some(unit.name.clone()),
        page: t.page,
        empty,
    };
    let data_from = first_data_row(dense, n_title);
    if kind == TableKind::PerformanceTargets {
        return ReadTable::new(info(false, &unit), TableData::without_amounts(), unit);
    }
    let paths = header_paths(dense, n_title, data_from, t.n_cols);
    let roles = column_roles(kind, final_accounts, &paths, dense, data_from);
    let data = read_blocks(kind, dense, &roles, data_from, &unit);
    ReadTable::new(info(!data.any_amount, &unit), data, unit)
}

/// A grid that continues the previous table (a table broken over a page in Word): same columns,
/// no title between. A repeated header is skipped.
fn continue_grid(prev: &ReadTable, dense: &Dense) -> TableData {
    let data_from = first_data_row(dense, 0);
    read_blocks(
        prev.info.kind,
        dense,
        &prev.data.roles,
        data_from,
        &prev.unit,
    )
}

fn doc_table(doc: &Document, table_no: usize) -> Option<&Table> {
    doc.tables().nth(table_no.wrapping_sub(1))
}

fn items_of(rt: &ReadTable, table: Option<&Table>) -> Vec<LineItem> {
    let book = codes::book();
    let id = rt.info.id();
    let page_at = |row: usize, col: usize| -> Option<u32> {
        let t = table?;
        t.cells
            .iter()
            .find(|c| {
                c.row <= row && row < c.row + c.row_span && c.col <= col && col < c.col + c.col_span
            })
            .and_then(|c| c.page)
            .or(t.page)
    };
    let mut out = Vec::new();
    for row in &rt.data.rows {
        let name = match row.scheme {
            Scheme::Function | Scheme::Economic => book.name(&row.code).to_string(),
            _ => String::new(),
        };
        for (measure, v) in &row.values {
            out.push(LineItem {
                table: id,
                scheme: row.scheme,
                code: row.code.clone(),
                name: name.clone(),
                name_published: row.name_published.clone(),
                project: row.project.clone(),
                measure: *measure,
                amount_yuan: v.yuan,
                unit: rt.unit.name.clone(),
                location: Location {
                    page: page_at(row.row, v.col),
                    table_no: Some(rt.info.table_no),
                    row: Some(row.row),
                    col: Some(v.col),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::{CheckId, Format, Measure, Paragraph};

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
    }
}
