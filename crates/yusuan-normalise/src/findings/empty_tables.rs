//! Empty tables and their notes. An empty 政府性基金, 国有资本经营 or 三公 table must say why
//! (`本单位无政府性基金预算财政拨款收入支出，故本表无数据`); the note must name that table's own
//! fund (a note copied from the 基金 table onto the 国资 table is a finding); and a note saying
//! the table is empty over a table that prints figures is a finding too. The 财政拨款收支总表's
//! 政府性基金 and 国有资本经营 columns must agree: a fund the summary spends has a table that prints
//! figures, and a fund it does not spend has an empty table.

use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, CheckStatus, Measure, Table, TableKind};

use super::{finding, Text};
use crate::tables::ReadTable;

/// A statement that a fund spends nothing: `为0`, `0万元`, `为零`, `未发生`, `未安排`.
fn nil_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[^0-9.])0(?:\.0+)?\s*(?:万元|元)|为\s*0(?:\.0+)?(?:[^0-9.]|$)|为零|未发生|未安排",
        )
            .expect("valid regex")
    })
}

/// Whether a text is a note that a table has nothing in it.
fn says_empty(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    (t.contains('无') || t.contains("没有") || t.contains("未安排") || t.contains("为空"))
        && (t.contains("本表") || t.contains("此表") || t.contains("空表") || t.contains("无数据"))
}

/// The fund a note names, as the table kind it belongs to.
fn fund_named(t: &str) -> Option<TableKind> {
    let gov = t.contains("政府性基金");
    let cap = t.contains("国有资本");
    let three = t.contains("三公");
    match (gov, cap, three) {
        (true, false, false) => Some(TableKind::GovernmentFundExpenditure),
        (false, true, false) => Some(TableKind::StateCapitalExpenditure),
        (false, false, true) => Some(TableKind::ThreePublic),
        _ => None,
    }
}

fn what(kind: TableKind) -> &'static str {
    match kind {
        TableKind::GovernmentFundExpenditure => "政府性基金",
        TableKind::StateCapitalExpenditure => "国有资本经营",
        _ => "“三公”经费",
    }
}

/// What the 财政拨款收支总表 spends of a fund (its 支出 side's total in that column), if it prints
/// the column.
fn summary_spends(tables: &[ReadTable], kind: TableKind) -> Option<Decimal> {
    let measure = match kind {
        TableKind::GovernmentFundExpenditure => Measure::GovernmentFundBudget,
        TableKind::StateCapitalExpenditure => Measure::StateCapitalBudget,
        _ => return None,
    };
    tables
        .iter()
        .find(|t| t.info.kind == TableKind::FiscalGrantSummary)
        .and_then(|t| t.data.totals.get(&("expenditure".to_string(), measure)))
        .map(|v| v.yuan)
}

/// The fund tables against the 财政拨款收支总表's columns.
fn against_summary(tables: &[ReadTable]) -> Vec<Check> {
    let mut out = Vec::new();
    for rt in tables {
        let Some(spent) = summary_spends(tables, rt.info.kind) else {
            continue;
        };
        let prints = rt
            .data
            .rows
            .iter()
            .any(|r| r.values.values().any(|v| !v.yuan.is_zero()));
        let detail = match (spent.is_zero(), prints) {
            (false, false) => format!(
                "the 财政拨款收支总表 spends {} 元 of {} funds, but the {} table prints nothing",
                spent.normalize(),
                what(rt.info.kind),
                what(rt.info.kind)
            ),
            (true, true) => format!(
                "the 财政拨款收支总表 spends nothing of {} funds, but the {} table prints figures",
                what(rt.info.kind),
                what(rt.info.kind)
            ),
            _ => continue,
        };
        out.push(Check {
            table: Some(rt.info.id()),
            ..finding(
                CheckId::EmptyTableNote,
                CheckStatus::Fail,
                "",
                &rt.info.title,
                rt.info.page,
                detail,
            )
        });
    }
    out
}

/// Empty-table findings.
pub(super) fn run(text: &Text, tables: &[ReadTable]) -> Vec<Check> {
    let mut out = against_summary(tables);
    let grids: Vec<_> = text.doc.tables().collect();
    for rt in tables {
        let kind = rt.info.kind;
        if !matches!(
            kind,
            TableKind::GovernmentFundExpenditure
                | TableKind::StateCapitalExpenditure
                | TableKind::ThreePublic
        ) {
            continue;
        }
        let note = note_of(text, &grids, rt.info.table_no.saturating_sub(1));
        let prints_figures = rt
            .data
            .rows
            .iter()
            .any(|r| r.values.values().any(|v| !v.yuan.is_zero()));
        let judged = match (&note, rt.info.empty, prints_figures) {
            (None, true, _) => Some(without_note(text, rt)),
            (Some(n), _, true) => Some((
                CheckStatus::Fail,
                n.clone(),
                format!(
                    "a note says the {} table is empty, but it prints figures",
                    what(kind)
                ),
            )),
            (Some(n), true, false) => fund_named(n).filter(|k| *k != kind).map(|other| {
                (
                    CheckStatus::Fail,
                    n.clone(),
                    format!(
                        "the note on the empty {} table names {} instead",
                        what(kind),
                        what(other)
                    ),
                )
            }),
            _ => None,
        };
        if let Some((status, quoted, detail)) = judged {
            out.push(Check {
                table: Some(rt.info.id()),
                ..finding(
                    CheckId::EmptyTableNote,
                    status,
                    "",
                    &quoted,
                    rt.info.page,
                    detail,
                )
            });
        }
    }
    out
}

/// The note that says a table is empty: in the table's own cells (grid `i`), or in the
/// paragraphs right after it (a note above a table is the previous table's).
fn note_of(text: &Text, grids: &[&Table], i: usize) -> Option<String> {
    let at = text
        .after_table
        .get(i)
        .copied()
        .unwrap_or(text.paragraphs.len());
    let after_to = text
        .after_table
        .get(i + 1)
        .copied()
        .unwrap_or(text.paragraphs.len())
        .min(at + 3)
        .max(at);
    let cells = grids
        .get(i)
        .map(|g| g.cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    cells
        .into_iter()
        .chain(text.paragraphs[at..after_to].iter().map(|(p, _)| p.clone()))
        .find(|t| says_empty(t))
}

/// An empty table with no note under it: a `note` where the explanation says the fund spends
/// nothing (`政府性基金拨款支出预算为0`: the reader is told, if not where the table is) or the
/// file holds the tables alone (its explanation published apart), else a `fail`. The status,
/// the text quoted and the detail.
fn without_note(text: &Text, rt: &ReadTable) -> (CheckStatus, String, String) {
    let kind = rt.info.kind;
    let fund = what(kind).trim_matches(['“', '”']);
    let explained = text.paragraphs.iter().find(|(p, _)| {
        p.contains(fund)
            && (nil_re().is_match(p)
                || (kind != TableKind::ThreePublic && ["没有", "无"].iter().any(|w| p.contains(w))))
    });
    let tables_only = text
        .paragraphs
        .iter()
        .map(|(p, _)| p.chars().count())
        .sum::<usize>()
        < 1500;
    match explained {
        Some((p, _)) => (
            CheckStatus::Note,
            p.clone(),
            format!(
                "the {} table is empty with no note under it; the explanation says why",
                what(kind)
            ),
        ),
        None if tables_only => (
            CheckStatus::Note,
            rt.info.title.clone(),
            format!(
                "the {} table is empty with no note under it (this file holds the tables alone; the explanation may say why)",
                what(kind)
            ),
        ),
        None => (
            CheckStatus::Fail,
            rt.info.title.clone(),
            format!(
                "the {} table is empty and no note says why (本单位无…，故本表无数据)",
                what(kind)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_spent() {
        assert!(nil_re().is_match("政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0。"));
        assert!(nil_re().is_match("政府性基金支出预算支出 0 万元"));
        assert!(!nil_re().is_match("年初预算为0.95万元"));
    }

    #[test]
    fn notes_and_their_funds() {
        assert!(says_empty(
            "本单位无政府性基金预算财政拨款收入支出，故本表无数据。"
        ));
        assert!(says_empty(
            "备注：本单位2023年没有使用国有资本经营预算拨款安排的支出，故此表为空。"
        ));
        assert!(!says_empty("单位：万元"));
        assert_eq!(
            fund_named("本单位无国有资本经营预算财政拨款支出，故本表无数据"),
            Some(TableKind::StateCapitalExpenditure)
        );
    }
}
