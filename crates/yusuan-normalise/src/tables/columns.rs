//! Each column's role, from the header texts above it (merged header cells count for every
//! column they cover): a part of the code (类/款/项), a joined code, a name, a project name, or
//! an amount with a measure.

use yusuan_model::{Measure, TableKind};

use crate::amount::{parse_amount, CellValue};
use crate::codes::Codes;
use crate::segment::grid::{row_has_number, Dense};
use crate::tables::data::Role;
use crate::tables::measure::{column_measure, three_public_measure};
use crate::text::clean;
use crate::text::squash;

/// Index of the first data row after the title rows: the first row with a printed number that is
/// not a 栏次 (column-number) row.
pub(crate) fn first_data_row(d: &Dense, from: usize) -> usize {
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
pub(crate) fn header_paths(d: &Dense, from: usize, to: usize, n_cols: usize) -> Vec<Vec<String>> {
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
pub(crate) fn column_roles(
    kind: TableKind,
    final_accounts: bool,
    paths: &[Vec<String>],
    d: &Dense,
    data_from: usize,
    codes: &Codes<'_>,
) -> Vec<Role> {
    let mut roles: Vec<Role> = paths
        .iter()
        .enumerate()
        .map(|(c, path)| {
            // 类 | 款 | 项 printed on the first row with figures (the 合计 row) under 科目编码.
            let first = d.origin.get(data_from).map(|row| squash(&row[c]));
            let lowest = match first {
                Some(f) if matches!(f.as_str(), "类" | "款" | "项") => f,
                _ => path.last().map(|t| squash(t)).unwrap_or_default(),
            };
            let content = Content::of(d, c, data_from);
            label_role(kind, &lowest)
                .unwrap_or_else(|| amount_role(kind, final_accounts, path, &lowest, content, codes))
        })
        .collect();
    if kind == TableKind::ThreePublic {
        grand_total_beside_meetings(&mut roles, paths);
    }
    roles
}

/// How many data cells of a column print a number, and how many text.
#[derive(Clone, Copy)]
struct Content {
    numeric: usize,
    texty: usize,
}

impl Content {
    fn of(d: &Dense, c: usize, data_from: usize) -> Content {
        let count = |want: fn(&CellValue) -> bool| {
            d.origin[data_from..]
                .iter()
                .filter(|row| want(&parse_amount(&row[c])))
                .count()
        };
        Content {
            numeric: count(|v| matches!(v, CellValue::Number(_))),
            texty: count(|v| matches!(v, CellValue::Text)),
        }
    }
}

/// The role a column's lowest header gives by itself: a code part, a project name, a code, a
/// label.
fn label_role(kind: TableKind, lowest: &str) -> Option<Role> {
    Some(match lowest {
        "类" => Role::CodePart(0),
        "款" => Role::CodePart(1),
        "项" => Role::CodePart(2),
        // In a summary, 项目名称 heads the rows' labels (Jiangsu's 收支预算总表), not projects.
        _ if (lowest.contains("项目名称") && !is_summary(kind))
            || (kind == TableKind::GeneralBudgetProjectExpenditure && lowest == "项目") =>
        {
            Role::Project
        }
        _ if lowest.contains("编码") || lowest.contains("代码") || lowest == "科目编号" => {
            Role::Code
        }
        _ if lowest.contains("名称")
            || matches!(
                lowest,
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
            ) =>
        {
            Role::Label
        }
        _ => return None,
    })
}

/// The role of a column whose header names no label: an amount with its measure, a label where
/// it holds text, or nothing read.
fn amount_role(
    kind: TableKind,
    final_accounts: bool,
    path: &[String],
    lowest: &str,
    content: Content,
    codes: &Codes<'_>,
) -> Role {
    let Content { numeric, texty } = content;
    let any = |w: &str| path.iter().any(|t| squash(t).contains(w));
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
    match column_measure(path, codes) {
        Some(m) => Role::Amount(m),
        // A table with one amount column may head it with the table's subject (机关运行经费支出)
        // rather than 金额.
        None if numeric > 0 && (path.is_empty() || kind == TableKind::RunningCosts) => {
            Role::Amount(Measure::Total)
        }
        None => Role::Ignore,
    }
}

/// Summary tables, whose rows are labelled by income source or class rather than by code.
pub(crate) fn is_summary(kind: TableKind) -> bool {
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
pub(crate) fn grand_total_beside_meetings(roles: &mut [Role], paths: &[Vec<String>]) {
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
