//! Reading one recognised table grid into rows of coded amounts.
//!
//! A grid is split into title rows, header rows and data rows. Each column gets a role from the
//! header texts above it (merged header cells count for every column they cover): a part of the
//! code (类/款/项), a joined code, a name, a project name, or an amount with a measure. Two-sided
//! summary tables (收入 | 支出) have two label columns; each amount column belongs to the label
//! column on its left.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{IncomeSource, Measure, Scheme, Table, TableKind};

use crate::amount::{parse_amount, CellValue, Unit};
use crate::classify::{looks_like_title, squash, strip_ordinal};
use crate::code::{clean, split_fused, SplitCodes};
use crate::codes::book;
use crate::income::income_id;
use crate::measure::{column_measure, three_public_measure};

/// The role of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// One level of a split code: 0 = 类, 1 = 款, 2 = 项.
    CodePart(usize),
    /// A joined (or fused) code.
    Code,
    /// A name or label.
    Label,
    /// A project name.
    Project,
    /// An amount with this measure.
    Amount(Measure),
    /// Nothing we read.
    Ignore,
}

/// One amount cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// As printed, in the table's unit.
    pub printed: Decimal,
    /// In 元.
    pub yuan: Decimal,
    /// Grid column.
    pub col: usize,
}

/// One data row that carries amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Grid row.
    pub row: usize,
    /// Scheme of the code.
    pub scheme: Scheme,
    /// Canonical code, or "" for rows without one.
    pub code: String,
    /// The row's name as printed.
    pub name_published: String,
    /// Project name (project table), else "".
    pub project: String,
    /// How the code was printed, where it had to be repaired (`2` read as `02`) or was not
    /// printed at all and came from the name.
    pub code_repaired: Option<String>,
    /// Measure → value.
    pub values: BTreeMap<Measure, Value>,
}

impl Row {
    /// A row without a code (the 三公 row).
    pub(crate) fn uncoded(row: usize, values: BTreeMap<Measure, Value>) -> Row {
        Row {
            row,
            scheme: Scheme::None,
            code: String::new(),
            name_published: String::new(),
            project: String::new(),
            code_repaired: None,
            values,
        }
    }
}

/// Grand-total rows of a table: side (`income`, `expenditure`, or "" for one-sided) → measure → value.
pub type Totals = BTreeMap<(String, Measure), Value>;

/// A table read into rows.
#[derive(Debug, Clone)]
pub struct TableData {
    /// Rows with codes (or the 三公 row).
    pub rows: Vec<Row>,
    /// Printed grand totals.
    pub totals: Totals,
    /// The most decimals printed in the table: its published precision.
    pub scale: u32,
    /// Whether any amount was printed at all.
    pub any_amount: bool,
    /// The column roles, for a continuation table on the next grid.
    pub roles: Vec<Role>,
}

impl TableData {
    /// A table read for what it is, not for amounts (a performance-target form).
    pub fn without_amounts() -> TableData {
        TableData {
            rows: Vec::new(),
            totals: Totals::new(),
            scale: 0,
            any_amount: false,
            roles: Vec::new(),
        }
    }
}

/// Dense views of a grid: text at every position covered by a cell (for headers), and text only
/// at each cell's origin (for data).
pub struct Dense {
    /// Replicated over merged areas.
    pub full: Vec<Vec<String>>,
    /// Only at the top-left of each cell.
    pub origin: Vec<Vec<String>>,
    /// The page each row is printed on (PDF), from its first cell.
    pub pages: Vec<Option<u32>>,
}

impl Dense {
    /// Build both views.
    pub fn new(t: &Table) -> Dense {
        let mut full = vec![vec![String::new(); t.n_cols]; t.n_rows];
        let mut origin = full.clone();
        for (r, row) in t.coverage().iter().enumerate() {
            for (c, idx) in row.iter().enumerate() {
                if let Some(i) = idx {
                    let cell = &t.cells[*i];
                    full[r][c] = cell.text.clone();
                    if cell.row == r && cell.col == c {
                        origin[r][c] = cell.text.clone();
                    }
                }
            }
        }
        let mut pages = vec![None; t.n_rows];
        for cell in &t.cells {
            if let Some(slot) = pages.get_mut(cell.row) {
                if slot.is_none() {
                    *slot = cell.page;
                }
            }
        }
        Dense {
            full,
            origin,
            pages,
        }
    }
}

/// Rows at the top that hold a title, the 编制部门 line or the unit, rather than the header.
pub fn title_rows(d: &Dense) -> usize {
    let mut n = 0;
    for row in &d.full {
        let distinct: Vec<&String> = {
            let mut v: Vec<&String> = row.iter().filter(|t| !clean(t).is_empty()).collect();
            v.dedup();
            v
        };
        let joined: String = distinct
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let is_title = distinct.len() == 1 && looks_like_title(&joined);
        let is_meta = joined.contains("编制部门")
            || joined.contains("编制单位")
            || joined.contains("单位：")
            || joined.contains("单位:");
        let is_year = distinct.len() == 1
            && squash(&joined)
                .trim_matches(['(', ')', '（', '）'])
                .ends_with('年');
        if (is_title || is_meta || is_year) && !row_has_number(row)
            || (distinct.is_empty() && n < 2 && n > 0)
        {
            n += 1;
        } else {
            break;
        }
    }
    n
}

fn row_has_number(row: &[String]) -> bool {
    row.iter()
        .any(|t| matches!(parse_amount(t), CellValue::Number(_)))
}

/// Index of the first data row after the title rows: the first row with a printed number that is
/// not a 栏次 (column-number) row.
pub fn first_data_row(d: &Dense, from: usize) -> usize {
    for (r, row) in d.origin.iter().enumerate().skip(from) {
        let first = row
            .iter()
            .map(|t| squash(t))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        if first.starts_with("栏次") || first == "行次" {
            continue;
        }
        if row_has_number(row) {
            return r;
        }
    }
    d.origin.len()
}

/// The header texts above each column, top to bottom, without repeats.
pub fn header_paths(d: &Dense, from: usize, to: usize, n_cols: usize) -> Vec<Vec<String>> {
    (0..n_cols)
        .map(|c| {
            let mut path: Vec<String> = Vec::new();
            for row in &d.full[from..to] {
                let t = clean(&row[c]);
                if !t.is_empty() && path.last() != Some(&t) {
                    path.push(t);
                }
            }
            path
        })
        .collect()
}

/// Decide each column's role from its header path (and, for unlabeled columns, its content).
pub fn column_roles(
    kind: TableKind,
    final_accounts: bool,
    paths: &[Vec<String>],
    d: &Dense,
    data_from: usize,
) -> Vec<Role> {
    let mut roles: Vec<Role> = paths
        .iter()
        .enumerate()
        .map(|(c, path)| {
            let mut lowest = path.last().map(|t| squash(t)).unwrap_or_default();
            let any = |w: &str| path.iter().any(|t| squash(t).contains(w));
            // 类 | 款 | 项 printed on the first row with figures (the 合计 row) under 科目编码.
            if let Some(first) = d.origin.get(data_from).map(|row| squash(&row[c])) {
                if matches!(first.as_str(), "类" | "款" | "项") {
                    lowest = first;
                }
            }
            match lowest.as_str() {
                "类" => return Role::CodePart(0),
                "款" => return Role::CodePart(1),
                "项" => return Role::CodePart(2),
                _ => {}
            }
            // In a summary, 项目名称 heads the rows' labels (Jiangsu's 收支预算总表), not projects.
            if (lowest.contains("项目名称") && !is_summary(kind))
                || (kind == TableKind::GeneralBudgetProjectExpenditure && lowest == "项目")
            {
                return Role::Project;
            }
            if lowest.contains("编码") || lowest.contains("代码") || lowest == "科目编号" {
                return Role::Code;
            }
            if lowest.contains("名称")
                || matches!(
                    lowest.as_str(),
                    "项目"
                        | "科目"
                        | "功能分类"
                        | "经济分类"
                        | "收入"
                        | "支出"
                        | "收入项目"
                        | "支出项目"
                        | "功能分类科目"
                        | "经济分类科目"
                        | "项目(按功能分类)"
                        | "项目（按功能分类）"
                )
            {
                return Role::Label;
            }
            let numeric = d.origin[data_from..]
                .iter()
                .filter(|row| matches!(parse_amount(&row[c]), CellValue::Number(_)))
                .count();
            let texty = d.origin[data_from..]
                .iter()
                .filter(|row| matches!(parse_amount(&row[c]), CellValue::Text))
                .count();
            if kind == TableKind::ThreePublic {
                return match three_public_measure(path) {
                    // A 决算 table prints 预算数 and 决算数 under every part.
                    Some(m) if numeric > 0 && final_accounts && any("决算") => {
                        Role::Amount(m.three_public_stage(true))
                    }
                    Some(m) if numeric > 0 && final_accounts && any("预算") => {
                        Role::Amount(m.three_public_stage(false))
                    }
                    Some(m) if numeric > 0 => Role::Amount(m),
                    _ if texty > 0 => Role::Label,
                    _ => Role::Ignore,
                };
            }
            if texty > numeric && texty > 0 {
                return Role::Label;
            }
            // 其中：教育收费 under 事业收入 is part of the column beside it, not another source.
            if lowest.starts_with("其中") {
                return if lowest.contains("教育收费") {
                    Role::Amount(Measure::EducationFees)
                } else {
                    Role::Ignore
                };
            }
            if any("编码") && path.len() > 1 && lowest.chars().all(|ch| ch.is_ascii_digit()) {
                return Role::Code;
            }
            match column_measure(path) {
                Some(m) => Role::Amount(m),
                // A table with one amount column may head it with the table's subject
                // (机关运行经费支出) rather than 金额.
                None if numeric > 0 && (path.is_empty() || kind == TableKind::RunningCosts) => {
                    Role::Amount(Measure::Total)
                }
                None => Role::Ignore,
            }
        })
        .collect();
    if kind == TableKind::ThreePublic {
        grand_total_beside_meetings(&mut roles, paths);
    }
    roles
}

/// Summary tables, whose rows are labelled by income source or class rather than by code.
fn is_summary(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::RevenueExpenditureSummary
            | TableKind::RevenueSummary
            | TableKind::ExpenditureSummary
            | TableKind::FiscalGrantSummary
    )
}

/// A 三公 table that adds 会议费 and 培训费 prints two totals: the 三公 total (小计 under
/// “三公”经费) and the 合计 of everything. The latter becomes `grand_total`.
fn grand_total_beside_meetings(roles: &mut [Role], paths: &[Vec<String>]) {
    let adds_meetings = roles
        .iter()
        .any(|r| matches!(r, Role::Amount(Measure::Meetings | Measure::Training)));
    let under_three = |c: usize| paths[c].iter().any(|t| squash(t).contains("三公"));
    let three_total =
        (0..roles.len()).any(|c| roles[c] == Role::Amount(Measure::Total) && under_three(c));
    if !(adds_meetings && three_total) {
        return;
    }
    for (c, role) in roles.iter_mut().enumerate() {
        if *role == Role::Amount(Measure::Total) && !under_three(c) {
            *role = Role::Amount(Measure::GrandTotal);
        }
    }
}

/// Read the data rows of a table, block by block where it prints two or more blocks side by
/// side with the same columns (a 基本支出决算表 with 人员经费 codes on the left and 公用经费 codes
/// on the right, each with its own 科目编码 | 科目名称 | 决算数): each block is read as a table of
/// its own and their rows are put together, with every column kept as printed.
pub fn read_blocks(
    kind: TableKind,
    d: &Dense,
    roles: &[Role],
    data_from: usize,
    unit: &Unit,
) -> TableData {
    let starts = block_starts(kind, roles);
    if starts.len() < 2 {
        return read_rows(kind, d, roles, data_from, unit);
    }
    let mut out = TableData {
        rows: Vec::new(),
        totals: Totals::new(),
        scale: 0,
        any_amount: false,
        roles: roles.to_vec(),
    };
    for (i, &from) in starts.iter().enumerate() {
        let to = starts.get(i + 1).copied().unwrap_or(roles.len());
        let cut = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
            rows.iter().map(|r| r[from..to].to_vec()).collect()
        };
        let block = Dense {
            full: cut(&d.full),
            origin: cut(&d.origin),
            pages: d.pages.clone(),
        };
        let mut part = read_rows(kind, &block, &roles[from..to], data_from, unit);
        for row in &mut part.rows {
            for v in row.values.values_mut() {
                v.col += from;
            }
        }
        out.rows.append(&mut part.rows);
        // Each block's total row (人员经费合计, 公用经费合计) is part of the table's total.
        for (key, mut v) in part.totals {
            v.col += from;
            match out.totals.get_mut(&key) {
                Some(t) => {
                    t.printed += v.printed;
                    t.yuan += v.yuan;
                }
                None => {
                    out.totals.insert(key, v);
                }
            }
        }
        out.scale = out.scale.max(part.scale);
        out.any_amount |= part.any_amount;
    }
    out
}

/// Where the column blocks of a table start: a code column (or the 类 of split codes) that comes
/// again after amount columns. Two-sided summaries (收入 | 支出) are not blocks of one table.
fn block_starts(kind: TableKind, roles: &[Role]) -> Vec<usize> {
    if matches!(
        kind,
        TableKind::RevenueExpenditureSummary | TableKind::FiscalGrantSummary
    ) {
        return vec![0];
    }
    let opens = |r: &Role| matches!(r, Role::CodePart(0) | Role::Code);
    let mut starts = vec![0];
    let mut amounts_since = false;
    for (c, r) in roles.iter().enumerate() {
        if opens(r) && amounts_since {
            starts.push(c);
            amounts_since = false;
        }
        amounts_since |= matches!(r, Role::Amount(_));
    }
    starts
}

/// Read the data rows of a table.
pub fn read_rows(
    kind: TableKind,
    d: &Dense,
    roles: &[Role],
    data_from: usize,
    unit: &Unit,
) -> TableData {
    let mut out = TableData {
        rows: Vec::new(),
        totals: Totals::new(),
        scale: 0,
        any_amount: false,
        roles: roles.to_vec(),
    };
    let cols_where = |pred: fn(&Role) -> bool| -> Vec<usize> {
        roles
            .iter()
            .enumerate()
            .filter(|(_, r)| pred(r))
            .map(|(i, _)| i)
            .collect()
    };
    let label_cols = cols_where(|r| *r == Role::Label);
    let code_cols = cols_where(|r| *r == Role::Code);
    let part_cols = cols_where(|r| matches!(r, Role::CodePart(_)));
    let project_col = roles.iter().position(|r| *r == Role::Project);
    let two_sided = matches!(
        kind,
        TableKind::RevenueExpenditureSummary | TableKind::FiscalGrantSummary
    ) && label_cols.len() >= 2;
    let mut split = SplitCodes::default();

    // The page of the last row read, and whether a row with amounts went by since (then the
    // next page cannot be continuing it).
    let mut last_page: Option<u32> = None;
    let mut amounts_since = false;
    for (r, row) in d.origin.iter().enumerate().skip(data_from) {
        if continues_previous_row(
            row,
            d.pages[r],
            last_page,
            amounts_since,
            &part_cols,
            &code_cols,
            &label_cols,
        ) {
            if let Some(prev) = out.rows.last_mut() {
                merge_continuation(prev, row, roles, &label_cols, project_col, unit);
                last_page = d.pages[r];
                continue;
            }
        }
        // Values of this row, grouped by the label column on their left (two-sided tables).
        let mut groups: BTreeMap<usize, BTreeMap<Measure, Value>> = BTreeMap::new();
        for (c, role) in roles.iter().enumerate() {
            let Role::Amount(measure) = role else {
                continue;
            };
            if let CellValue::Number(n) = parse_amount(&row[c]) {
                out.scale = out.scale.max(n.scale());
                out.any_amount = true;
                let side = if two_sided {
                    label_cols
                        .iter()
                        .rev()
                        .find(|&&l| l < c)
                        .copied()
                        .unwrap_or(0)
                } else {
                    0
                };
                groups
                    .entry(side)
                    .or_default()
                    .entry(*measure)
                    .or_insert(Value {
                        printed: n,
                        yuan: unit.to_yuan(n),
                        col: c,
                    });
            }
        }
        if !groups.is_empty() {
            amounts_since = true;
        }
        if groups.is_empty() {
            // Keep split-code context flowing through rows without amounts.
            if !part_cols.is_empty() {
                let parts: Vec<&str> = part_cols.iter().map(|&c| row[c].as_str()).collect();
                split.join(&parts);
            }
            continue;
        }
        if kind == TableKind::ThreePublic {
            read_three_public_row(r, row, roles, &label_cols, groups, &mut out);
            continue;
        }
        if two_sided {
            for (label_col, values) in groups {
                let is_income = label_col == label_cols[0];
                // A label merged across the columns to its right (当年支出小计, 支出合计) has its
                // text at the merged cell's origin, left of this side's label column.
                let mut label = clean(&row[label_col]);
                if label.is_empty() {
                    label = clean(&d.full[r][label_col]);
                }
                read_summary_side(r, &label, is_income, values, &mut out);
            }
            continue;
        }
        let values = groups.into_values().next().unwrap_or_default();
        // The code: split parts, a code column, or fused into the label.
        let label_text = label_cols
            .iter()
            .map(|&c| clean(&row[c]))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let mut code = None;
        let mut repaired = None;
        if !part_cols.is_empty() {
            let parts: Vec<&str> = part_cols.iter().map(|&c| row[c].as_str()).collect();
            if let Some((c, fixed)) = split.join(&parts) {
                if fixed {
                    repaired = Some(parts.iter().map(|p| clean(p)).collect::<Vec<_>>().join("|"));
                }
                code = Some(c);
            }
        }
        let mut name = label_text.clone();
        if code.is_none() {
            for &c in &code_cols {
                let f = split_fused(&row[c]);
                if f.code.is_some() {
                    if name.is_empty() {
                        name = f.name.clone();
                    }
                    code = f.code;
                    break;
                }
            }
        }
        if code.is_none() {
            let f = split_fused(&label_text);
            if f.code.is_some() {
                code = f.code;
                name = f.name;
            }
        }
        let mut from_name = None;
        if code.is_none() && !name.is_empty() && !is_total_label(&name) {
            let prefix = if economic_rows(kind) { "3" } else { "2" };
            let context = out
                .rows
                .last()
                .map(|r| r.code.as_str())
                .filter(|c| !c.is_empty());
            code = book().code_for_name(&strip_ordinal(&name), context, prefix);
            from_name = code.as_ref().map(|_| format!("name only: {name}"));
        }
        if code.is_none() && kind == TableKind::RevenueSummary {
            if let Some((source, label)) = income_tree_label(d, r, &label_cols) {
                let code = source.as_str();
                if !out.rows.iter().any(|x| x.code == code) {
                    out.rows.push(Row {
                        scheme: Scheme::Income,
                        code: code.to_string(),
                        name_published: label,
                        ..Row::uncoded(r, values)
                    });
                }
                continue;
            }
        }
        let Some(code) = code else {
            let sq = squash(&label_text);
            let row_label = if sq.is_empty() {
                row.iter()
                    .map(|t| squash(t))
                    .find(|t| !t.is_empty() && !t.chars().any(|c| c.is_ascii_digit()))
                    .unwrap_or_default()
            } else {
                sq
            };
            // A row with neither label nor code whose figures are all zero is padding (the
            // shorter block of a two-block table printing 0.00 beside the longer one's rows).
            let padding = row_label.is_empty() && values.values().all(|v| v.yuan.is_zero());
            if (row_label.contains("合计") || row_label.contains("总计") || row_label.is_empty())
                && !padding
            {
                for (m, v) in values {
                    out.totals.entry((String::new(), m)).or_insert(v);
                }
            }
            continue;
        };
        // A 类 or 款 printed padded with 00 (`30400` for 304): no 款 or 项 is numbered 00, so the
        // padding names the level above, unless that is printed too (`22904` over `2290400`).
        let (code, repaired) =
            match unpadded(&code).filter(|c| !out.rows.iter().any(|r| &r.code == c)) {
                Some(short) => (short, repaired.or(from_name).or(Some(code))),
                None => (code, repaired.or(from_name)),
            };
        let scheme = crate::codes::scheme_of(&code);
        let project = project_col
            .map(|c| clean(&row[c]))
            .filter(|p| squash(p) != "项目支出")
            .unwrap_or_default();
        out.rows.push(Row {
            row: r,
            scheme,
            code,
            name_published: name,
            project,
            code_repaired: repaired,
            values,
        });
        last_page = d.pages[r];
        amounts_since = false;
    }
    totals_only_row(kind, data_from, &mut out);
    out
}

/// A 支出总表 that prints only its totals (Jiangsu's 支出预算总表: 合计 | 基本支出 | 项目支出 |
/// 单位预留机动经费 | 结转下年资金, one row) gives them as one uncoded row, as the 三公 table does.
fn totals_only_row(kind: TableKind, row: usize, out: &mut TableData) {
    if kind != TableKind::ExpenditureSummary || !out.rows.is_empty() {
        return;
    }
    let values: BTreeMap<Measure, Value> = out
        .totals
        .iter()
        .filter(|((side, _), _)| side.is_empty())
        .map(|((_, m), v)| (*m, v.clone()))
        .collect();
    if values.len() >= 2 {
        out.rows.push(Row::uncoded(row, values));
    }
}

/// Whether a row is the rest of the row above, broken by a page break: it starts a new page,
/// carries no code, and only header rows (no amounts) came between.
fn continues_previous_row(
    row: &[String],
    page: Option<u32>,
    last_page: Option<u32>,
    amounts_since: bool,
    part_cols: &[usize],
    code_cols: &[usize],
    label_cols: &[usize],
) -> bool {
    let (Some(page), Some(last)) = (page, last_page) else {
        return false;
    };
    if page <= last || amounts_since {
        return false;
    }
    let has_code = part_cols
        .iter()
        .chain(code_cols)
        .any(|&c| !clean(&row[c]).is_empty())
        || label_cols
            .iter()
            .any(|&c| split_fused(&row[c]).code.is_some());
    let label: String = label_cols.iter().map(|&c| clean(&row[c])).collect();
    let has_text = row.iter().any(|t| !clean(t).is_empty());
    has_text
        && !has_code
        && !is_total_label(&label)
        && !label.contains("类")
        && !label.contains("科目")
}

/// Join the rest of a broken row to the row above: text to its name and project, amounts to the
/// columns it left blank.
fn merge_continuation(
    prev: &mut Row,
    row: &[String],
    roles: &[Role],
    label_cols: &[usize],
    project_col: Option<usize>,
    unit: &Unit,
) {
    if let Some(c) = project_col {
        prev.project.push_str(&clean(&row[c]));
    }
    if let Some(&c) = label_cols.first() {
        prev.name_published.push_str(&clean(&row[c]));
    }
    for (c, role) in roles.iter().enumerate() {
        if let (Role::Amount(measure), CellValue::Number(n)) = (role, parse_amount(&row[c])) {
            prev.values.entry(*measure).or_insert(Value {
                printed: n,
                yuan: unit.to_yuan(n),
                col: c,
            });
        }
    }
}

/// The source of revenue a row of a 收入总表 laid out as a tree of funds names (Jiangsu's
/// 收入预算总表: 一般公共预算资金 | 小计, then 公共财政拨款(补助)资金 …): the row's own label, or for
/// a 小计 row its group's. 其中 rows are parts of the row above and are left out.
fn income_tree_label(d: &Dense, r: usize, label_cols: &[usize]) -> Option<(IncomeSource, String)> {
    let texts: Vec<String> = label_cols
        .iter()
        .map(|&c| clean(&d.full[r][c]))
        .filter(|t| !t.is_empty())
        .collect();
    let own = texts.last()?;
    if squash(own).starts_with("其中") {
        return None;
    }
    if squash(own) != "小计" {
        return income_id(own).map(|id| (id, own.clone()));
    }
    let group = texts.iter().rev().find(|t| squash(t) != "小计")?;
    // The 其他资金 group adds up 事业收入, 经营收入 and 其他收入, each read from its own row.
    if squash(group).contains("其他资金") {
        return Some((IncomeSource::OtherFunds, group.clone()));
    }
    income_id(group).map(|id| (id, group.clone()))
}

/// A code padded with `00` to the length of the level below, without its padding.
fn unpadded(code: &str) -> Option<String> {
    let n = code.len();
    ((n == 5 || n == 7) && code.ends_with("00") && code.chars().all(|c| c.is_ascii_digit()))
        .then(|| code[..n - 2].to_string())
}

/// Tables whose rows are economic codes (3xx).
fn economic_rows(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::GeneralBudgetBasicExpenditure
            | TableKind::FiscalGrantBasicExpenditure
            | TableKind::RunningCosts
    )
}

fn is_total_label(s: &str) -> bool {
    let s = squash(s);
    s.contains("合计") || s.contains("总计") || s.contains("小计")
}

/// The key under which a two-sided table keeps the year's own total (本年收入合计, 本年支出合计)
/// beside the grand total (总计) of that side.
pub fn year_side(side: &str) -> String {
    format!("{side}_year")
}

fn read_summary_side(
    r: usize,
    label: &str,
    is_income: bool,
    values: BTreeMap<Measure, Value>,
    out: &mut TableData,
) {
    let sq = squash(label);
    let side = if is_income { "income" } else { "expenditure" };
    if sq.contains("总计") || sq.contains("合计") {
        // 收入总计 is the grand total; 本年收入合计 only the year's part of it (kept apart too:
        // in a 决算 the year's income and spending differ, their totals with carry-overs agree).
        // A plain 合计 printed below the year's total and the carry-overs (收支决算总表 of the
        // universities) is the grand total too.
        for (m, v) in values {
            let key = (side.to_string(), m);
            let grand = sq.contains("总计")
                || (!sq.contains("本年") && out.totals.contains_key(&(year_side(side), m)));
            if grand {
                out.totals.insert(key, v);
            } else {
                out.totals.entry((year_side(side), m)).or_insert(v.clone());
                out.totals.entry(key).or_insert(v);
            }
        }
        return;
    }
    if is_income {
        if let Some(id) = income_id(label) {
            // The funds a carry-over is broken down by (年初结转和结余 / 一、一般公共预算 …) are
            // parts of that carry-over, not the year's income again.
            let after_carryover = out
                .rows
                .iter()
                .rev()
                .find(|r| r.scheme == Scheme::Income)
                .is_some_and(|r| r.code == IncomeSource::Carryover.as_str());
            let is_fund = matches!(
                id,
                IncomeSource::GeneralPublicBudget
                    | IncomeSource::GovernmentFundBudget
                    | IncomeSource::StateCapitalBudget
            );
            if after_carryover && is_fund {
                return;
            }
            out.rows.push(Row {
                row: r,
                scheme: if id == IncomeSource::FundOffset {
                    Scheme::None
                } else {
                    Scheme::Income
                },
                code: id.as_str().to_string(),
                name_published: label.to_string(),
                project: String::new(),
                code_repaired: None,
                values,
            });
        }
        return;
    }
    if let Some(purpose) = spending_purpose(&sq) {
        // 支出用途 (基本支出, 项目支出, 单位预留机动经费, 结转下年资金): a row without a code whose
        // label says what its amount is.
        let values = values
            .into_values()
            .next()
            .map(|v| BTreeMap::from([(purpose, v)]))
            .unwrap_or_default();
        out.rows.push(Row {
            name_published: label.to_string(),
            ..Row::uncoded(r, values)
        });
        return;
    }
    if sq.contains("年末") && sq.contains("结转")
        || sq.contains("结转下年")
        || sq.contains("结余分配")
    {
        let code = if sq.contains("结余分配") {
            "surplus_distribution"
        } else {
            "year_end_carryover"
        };
        out.rows.push(Row {
            row: r,
            scheme: Scheme::None,
            code: code.to_string(),
            name_published: label.to_string(),
            project: String::new(),
            code_repaired: None,
            values,
        });
        return;
    }
    let f = split_fused(label);
    let (code, name) = match f.code {
        Some(c) if c.len() == 3 => (c, f.name),
        Some(_) => return,
        None => {
            let stripped = strip_ordinal(&f.name);
            match book().function_class_by_name(&stripped) {
                Some(c) => (c.to_string(), f.name),
                None => return,
            }
        }
    };
    out.rows.push(Row {
        row: r,
        scheme: Scheme::Function,
        code,
        name_published: name,
        project: String::new(),
        code_repaired: None,
        values,
    });
}

/// The measure a spending-purpose row label names (`一、基本支出` → `basic`).
fn spending_purpose(label: &str) -> Option<Measure> {
    let s = strip_ordinal(label);
    Some(match s.as_str() {
        "基本支出" => Measure::Basic,
        "项目支出" => Measure::Project,
        "单位预留机动经费" | "预留机动经费" => Measure::UnitReserve,
        _ => return None,
    })
}

fn read_three_public_row(
    r: usize,
    row: &[String],
    roles: &[Role],
    label_cols: &[usize],
    groups: BTreeMap<usize, BTreeMap<Measure, Value>>,
    out: &mut TableData,
) {
    let values = groups.into_values().next().unwrap_or_default();
    let horizontal = roles
        .iter()
        .filter(|r| matches!(r, Role::Amount(m) if *m != Measure::Total))
        .count()
        >= 2;
    if horizontal {
        if out.rows.is_empty() {
            out.rows.push(Row::uncoded(r, values));
        }
        return;
    }
    // Laid out vertically: the row label says what the amount is.
    let label = label_cols
        .iter()
        .map(|&c| clean(&row[c]))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let Some(measure) = three_public_measure(std::slice::from_ref(&label)) else {
        return;
    };
    let Some(v) = values.into_values().next() else {
        return;
    };
    if out.rows.is_empty() {
        out.rows.push(Row::uncoded(r, BTreeMap::new()));
    }
    out.rows[0].values.entry(measure).or_insert(v);
}
