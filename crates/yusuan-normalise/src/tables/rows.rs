//! The data rows of one recognised grid, read with its column roles into rows of coded amounts:
//! the code from split parts, a code column, fused into the name or from the name alone; rows a
//! page break split joined again; blocks printed side by side read one by one. Two-sided summary
//! tables (收入 | 支出) have two label columns; each amount column belongs to the label column on
//! its left, and [`crate::tables::summary`] reads those rows by their labels.

use std::collections::BTreeMap;

use yusuan_model::{Measure, Scheme, TableKind};

use crate::amount::{parse_amount, CellValue, Unit};
use crate::codes::Codes;
use crate::segment::grid::Dense;
use crate::tables::code::{split_fused, SplitCodes};
use crate::tables::data::{Role, Row, TableData, Value};
use crate::tables::measure::three_public_measure;
use crate::tables::summary::{income_tree_label, read_summary_side};
use crate::text::clean;
use crate::text::{squash, strip_ordinal};

/// Read the data rows of a table, block by block where it prints two or more blocks side by
/// side with the same columns (a 基本支出决算表 with 人员经费 codes on the left and 公用经费 codes
/// on the right, each with its own 科目编码 | 科目名称 | 决算数): each block is read as a table of
/// its own and their rows are put together, with every column kept as printed.
pub(crate) fn read_blocks(
    kind: TableKind,
    d: &Dense,
    roles: &[Role],
    data_from: usize,
    unit: &Unit,
    codes: &Codes<'_>,
) -> TableData {
    let starts = block_starts(kind, roles);
    if starts.len() < 2 {
        return read_rows(kind, d, roles, data_from, unit, codes);
    }
    let mut out = TableData::empty(roles.to_vec());
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
        let mut part = read_rows(kind, &block, &roles[from..to], data_from, unit, codes);
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

/// The columns of a table by role.
struct Columns {
    label: Vec<usize>,
    code: Vec<usize>,
    part: Vec<usize>,
    project: Option<usize>,
    /// A two-sided summary (收入 | 支出) with a label column on each side.
    two_sided: bool,
}

impl Columns {
    fn of(kind: TableKind, roles: &[Role]) -> Columns {
        let cols_where = |pred: fn(&Role) -> bool| -> Vec<usize> {
            roles
                .iter()
                .enumerate()
                .filter(|(_, r)| pred(r))
                .map(|(i, _)| i)
                .collect()
        };
        let label = cols_where(|r| *r == Role::Label);
        Columns {
            two_sided: matches!(
                kind,
                TableKind::RevenueExpenditureSummary | TableKind::FiscalGrantSummary
            ) && label.len() >= 2,
            label,
            code: cols_where(|r| *r == Role::Code),
            part: cols_where(|r| matches!(r, Role::CodePart(_))),
            project: roles.iter().position(|r| *r == Role::Project),
        }
    }

    /// The row's first label that is not empty.
    fn label_text(&self, row: &[String]) -> String {
        self.label
            .iter()
            .map(|&c| clean(&row[c]))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }

    /// The split code parts of a row, 类 first.
    fn parts<'r>(&self, row: &'r [String]) -> Vec<&'r str> {
        self.part.iter().map(|&c| row[c].as_str()).collect()
    }
}

/// What reading the rows of one table needs: its kind, its columns by role, the code tables.
struct Reading<'a> {
    kind: TableKind,
    cols: Columns,
    codes: Codes<'a>,
}

/// A row's amounts, grouped by the label column on their left (two-sided tables; else all
/// under 0).
type Groups = BTreeMap<usize, BTreeMap<Measure, Value>>;

/// Read the data rows of a table.
pub(crate) fn read_rows(
    kind: TableKind,
    d: &Dense,
    roles: &[Role],
    data_from: usize,
    unit: &Unit,
    codes: &Codes<'_>,
) -> TableData {
    let mut out = TableData::empty(roles.to_vec());
    let reading = Reading {
        kind,
        cols: Columns::of(kind, roles),
        codes: *codes,
    };
    let cols = &reading.cols;
    let mut split = SplitCodes::default();
    // The page of the last row read, and whether a row with amounts went by since (then the
    // next page cannot be continuing it).
    let mut last_page: Option<u32> = None;
    let mut amounts_since = false;
    for (r, row) in d.origin.iter().enumerate().skip(data_from) {
        if continues_previous_row(row, d.pages[r], last_page, amounts_since, cols) {
            if let Some(prev) = out.rows.last_mut() {
                merge_continuation(prev, row, roles, cols, unit);
                last_page = d.pages[r];
                continue;
            }
        }
        let groups = row_values(row, roles, cols, unit, &mut out);
        if groups.is_empty() {
            // Keep split-code context flowing through rows without amounts.
            if !cols.part.is_empty() {
                split.join(&cols.parts(row));
            }
            continue;
        }
        amounts_since = true;
        if kind == TableKind::ThreePublic {
            read_three_public_row(r, row, roles, &cols.label, groups, &mut out);
        } else if cols.two_sided {
            for (label_col, values) in groups {
                let is_income = label_col == cols.label[0];
                // A label merged across the columns to its right (当年支出小计, 支出合计) has its
                // text at the merged cell's origin, left of this side's label column.
                let mut label = clean(&row[label_col]);
                if label.is_empty() {
                    label = clean(&d.full[r][label_col]);
                }
                read_summary_side(r, &label, is_income, values, &mut out, codes);
            }
        } else if read_coded_row(&reading, d, r, &mut split, groups, &mut out) {
            last_page = d.pages[r];
            amounts_since = false;
        }
    }
    totals_only_row(kind, data_from, &mut out);
    out
}

/// The amounts of a row, grouped by side; the table's scale and whether it prints any amount are
/// updated on the way.
fn row_values(
    row: &[String],
    roles: &[Role],
    cols: &Columns,
    unit: &Unit,
    out: &mut TableData,
) -> Groups {
    let mut groups = Groups::new();
    for (c, role) in roles.iter().enumerate() {
        let Role::Amount(measure) = role else {
            continue;
        };
        let CellValue::Number(n) = parse_amount(&row[c]) else {
            continue;
        };
        out.scale = out.scale.max(n.scale());
        out.any_amount = true;
        let side = if cols.two_sided {
            cols.label
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
    groups
}

/// A row's code and the name printed with it: from split parts, a code column, fused into the
/// label, or (`from_name`) looked up by the name among the rows above; and how it was printed
/// where it had to be repaired.
struct RowCode {
    code: Option<String>,
    name: String,
    repaired: Option<String>,
    from_name: Option<String>,
}

fn row_code(
    reading: &Reading<'_>,
    row: &[String],
    split: &mut SplitCodes,
    rows_above: &[Row],
) -> RowCode {
    let (kind, cols) = (reading.kind, &reading.cols);
    let label_text = cols.label_text(row);
    let mut found = RowCode {
        code: None,
        name: label_text.clone(),
        repaired: None,
        from_name: None,
    };
    if !cols.part.is_empty() {
        let parts = cols.parts(row);
        if let Some((c, fixed)) = split.join(&parts) {
            if fixed {
                found.repaired = Some(parts.iter().map(|p| clean(p)).collect::<Vec<_>>().join("|"));
            }
            found.code = Some(c);
        }
    }
    if found.code.is_none() {
        if let Some(f) = cols
            .code
            .iter()
            .map(|&c| split_fused(&row[c]))
            .find(|f| f.code.is_some())
        {
            if found.name.is_empty() {
                found.name = f.name.clone();
            }
            found.code = f.code;
        }
    }
    if found.code.is_none() {
        let f = split_fused(&label_text);
        if f.code.is_some() {
            found.code = f.code;
            found.name = f.name;
        }
    }
    if found.code.is_none() && !found.name.is_empty() && !is_total_label(&found.name) {
        let prefix = if economic_rows(kind) { "3" } else { "2" };
        let context = rows_above
            .last()
            .map(|r| r.code.as_str())
            .filter(|c| !c.is_empty());
        found.code = reading
            .codes
            .code_for_name(&strip_ordinal(&found.name), context, prefix);
        found.from_name = found
            .code
            .as_ref()
            .map(|_| format!("name only: {}", found.name));
    }
    found
}

/// Read a row of a one-sided table: a coded row, an income source of a 收入总表 laid out as a
/// tree, or a total. Whether it was a coded row.
fn read_coded_row(
    reading: &Reading<'_>,
    d: &Dense,
    r: usize,
    split: &mut SplitCodes,
    groups: Groups,
    out: &mut TableData,
) -> bool {
    let (kind, cols) = (reading.kind, &reading.cols);
    let row = &d.origin[r];
    let values = groups.into_values().next().unwrap_or_default();
    let found = row_code(reading, row, split, &out.rows);
    let Some(code) = found.code else {
        if kind == TableKind::RevenueSummary {
            if let Some((source, label)) = income_tree_label(d, r, &cols.label) {
                let code = source.as_str();
                if !out.rows.iter().any(|x| x.code == code) {
                    out.rows.push(Row {
                        scheme: Scheme::Income,
                        code: code.to_string(),
                        name_published: label,
                        ..Row::uncoded(r, values)
                    });
                }
                return false;
            }
        }
        read_total_row(row, &cols.label_text(row), values, out);
        return false;
    };
    // A 类 or 款 printed padded with 00 (`30400` for 304): no 款 or 项 is numbered 00, so the
    // padding names the level above, unless that is printed too (`22904` over `2290400`).
    let (code, repaired) = match unpadded(&code).filter(|c| !out.rows.iter().any(|r| &r.code == c))
    {
        Some(short) => (short, found.repaired.or(found.from_name).or(Some(code))),
        None => (code, found.repaired.or(found.from_name)),
    };
    let project = cols
        .project
        .map(|c| clean(&row[c]))
        .filter(|p| squash(p) != "项目支出")
        .unwrap_or_default();
    out.rows.push(Row {
        row: r,
        scheme: crate::codes::scheme_of(&code),
        code,
        name_published: found.name,
        project,
        code_repaired: repaired,
        values,
    });
    true
}

/// A row without a code: a total (合计, 总计, or no label at all) is kept as the table's printed
/// total, unless it is padding.
fn read_total_row(
    row: &[String],
    label_text: &str,
    values: BTreeMap<Measure, Value>,
    out: &mut TableData,
) {
    let sq = squash(label_text);
    let row_label = if sq.is_empty() {
        row.iter()
            .map(|t| squash(t))
            .find(|t| !t.is_empty() && !t.chars().any(|c| c.is_ascii_digit()))
            .unwrap_or_default()
    } else {
        sq
    };
    // A row with neither label nor code whose figures are all zero is padding (the shorter block
    // of a two-block table printing 0.00 beside the longer one's rows).
    let padding = row_label.is_empty() && values.values().all(|v| v.yuan.is_zero());
    if (row_label.contains("合计") || row_label.contains("总计") || row_label.is_empty())
        && !padding
    {
        for (m, v) in values {
            out.totals.entry((String::new(), m)).or_insert(v);
        }
    }
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
    cols: &Columns,
) -> bool {
    let (part_cols, code_cols, label_cols) = (&cols.part, &cols.code, &cols.label);
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
fn merge_continuation(prev: &mut Row, row: &[String], roles: &[Role], cols: &Columns, unit: &Unit) {
    let label_cols = &cols.label;
    if let Some(c) = cols.project {
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
