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
pub mod procurement;
pub mod prose;
pub mod read_table;
pub mod reported;
pub mod targets;
pub mod template;
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
    /// The grids the table is printed in: one, or more where it continues over pages without
    /// the PDF reader joining them (columns that shift from one page to the next).
    pub segments: Vec<Segment>,
    /// Per code, per measure, the figure the checks compare (computed once, on first use).
    pub(crate) figures: std::sync::OnceLock<checks::CodeFigures>,
}

/// One grid of a table: its rows are numbered from `first_row` in the table's [`TableData`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The table's row number of the grid's first row.
    pub first_row: usize,
    /// The grid's ordinal in the document.
    pub table_no: usize,
    /// The page it is printed on.
    pub page: Option<u32>,
}

impl ReadTable {
    fn new(info: TableInfo, data: TableData, unit: Unit) -> ReadTable {
        ReadTable {
            segments: vec![Segment {
                first_row: 0,
                table_no: info.table_no,
                page: info.page,
            }],
            info,
            data,
            unit,
            figures: std::sync::OnceLock::new(),
        }
    }

    /// Where row `row` of the table (and column `col`) is printed: its grid, page and the row
    /// within that grid.
    pub fn location(&self, row: Option<usize>, col: Option<usize>) -> Location {
        let seg = row
            .and_then(|r| self.segments.iter().rev().find(|s| s.first_row <= r))
            .unwrap_or(&self.segments[0]);
        Location {
            page: seg.page,
            table_no: Some(seg.table_no),
            row: row.map(|r| r - seg.first_row),
            col,
        }
    }

    /// Append the rows of a grid that continues this table, numbering them after the rows of
    /// the grids before it (`rows_before`: how many rows those grids have).
    fn append(
        &mut self,
        mut data: TableData,
        rows_before: usize,
        table_no: usize,
        page: Option<u32>,
    ) {
        for row in &mut data.rows {
            row.row += rows_before;
        }
        self.data.rows.append(&mut data.rows);
        for (key, v) in data.totals {
            self.data.totals.entry(key).or_insert(v);
        }
        self.data.scale = self.data.scale.max(data.scale);
        self.data.any_amount |= data.any_amount;
        self.info.empty = !self.data.any_amount;
        self.segments.push(Segment {
            first_row: rows_before,
            table_no,
            page,
        });
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
    // In a 决算 every disclosure table is a 决算 table, whether or not its title says so
    // (`2016年一般公共预算财政拨款“三公”经费支出表` printing 预算数 | 决算数). The kind is read
    // from the opening lines (the title and the head), as `read_meta` reads it below.
    let final_doc = {
        let text: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.lines().map(|l| l.trim().to_string())),
                _ => None,
            })
            .flatten()
            .filter(|l| !l.is_empty())
            .take(200)
            .collect();
        meta::read_meta(&text).doc_kind == Some(yusuan_model::DocKind::FinalAccounts)
    };
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
            Block::Paragraph(p) if is_page_number(&p.text) => {
                // A page number left between a table and its continuation on the next page
                // (printed numbering that differs from the file's) does not end the table.
            }
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
                let printed_title = printed_title(&ctx);
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
                        let final_accounts =
                            final_accounts || (final_doc && kind != TableKind::PerformanceTargets);
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
                                let last = *prev.segments.last().expect("a table has a grid");
                                let rows_before = last.first_row
                                    + doc_table(doc, last.table_no).map_or(0, |g| g.n_rows);
                                if let Some(prev) = read.last_mut() {
                                    prev.append(data, rows_before, table_no, t.page);
                                }
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
        line_items.extend(items_of(rt, doc));
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
/// Whether a paragraph is only a page number (`6`, `- 6 -`, `第6页`, `6/40`).
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .trim_start_matches(['-', '—', '第'])
        .trim_end_matches(['-', '—', '页']);
    let digits = t.split('/').collect::<Vec<_>>();
    !t.is_empty()
        && digits.len() <= 2
        && digits
            .iter()
            .all(|d| !d.is_empty() && d.len() <= 4 && d.chars().all(|c| c.is_ascii_digit()))
}

/// The title printed above a table: the last line that reads like one, or that line joined to
/// the line before it where the title wrapped (`公开 09 表：一般公共预算“三公”经费、会议费、培训费`
/// over `支出预算表`).
fn printed_title(ctx: &[String]) -> Option<String> {
    let is_title = |l: &str| looks_like_title(l) && kind_from_title(l).is_some();
    let i = ctx.iter().rposition(|l| is_title(l))?;
    if i > 0 && ctx[i].chars().count() <= 10 && !is_title(&ctx[i - 1]) {
        let joined = format!("{}{}", ctx[i - 1], ctx[i]);
        let kind = |l: &str| kind_from_title(l).map(|k| k.0);
        if is_title(&joined) && kind(&joined) != kind(&ctx[i]) {
            return Some(joined);
        }
    }
    Some(ctx[i].clone())
}

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
    if kind == TableKind::Procurement {
        let data = procurement::read(dense, data_from, &unit, Default::default());
        return ReadTable::new(info(!data.any_amount, &unit), data, unit);
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
    if prev.info.kind == TableKind::Procurement {
        let ctx = procurement::Context::after(&prev.data.rows);
        return procurement::read(dense, data_from, &prev.unit, ctx);
    }
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

fn items_of(rt: &ReadTable, doc: &Document) -> Vec<LineItem> {
    let book = codes::book();
    let id = rt.info.id();
    let page_at = |at: &Location| -> Option<u32> {
        let (row, col) = (at.row?, at.col?);
        let t = doc_table(doc, at.table_no?)?;
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
            Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic => {
                book.name(&row.code).to_string()
            }
            _ => String::new(),
        };
        for (measure, v) in &row.values {
            let mut location = rt.location(Some(row.row), Some(v.col));
            location.page = page_at(&location);
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
                location,
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
