//! Truth files (the corpus's and the real documents') and how line items are compared with them.

#![allow(dead_code)]

use serde::Deserialize;
use yusuan_model::LineItem;

/// One expected line item.
#[derive(Debug, Deserialize)]
pub struct TruthItem {
    pub table: String,
    pub scheme: String,
    pub code: String,
    #[serde(default)]
    pub project: String,
    pub measure: String,
    pub amount_yuan: String,
}

impl TruthItem {
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.table, self.scheme, self.code, self.project, self.measure, self.amount_yuan
        )
    }
}

/// An expected failing check.
#[derive(Debug, Deserialize)]
pub struct TruthCheck {
    pub check: String,
    #[serde(default)]
    pub table: String,
    #[serde(default)]
    pub code: String,
}

/// A truth file.
#[derive(Debug, Deserialize)]
pub struct Truth {
    #[serde(default)]
    pub file: String,
    pub department: String,
    pub region: String,
    pub fiscal_year: i32,
    pub doc_kind: String,
    pub scope: String,
    pub unit: String,
    #[serde(default)]
    pub tables_missing: Vec<String>,
    pub items: Vec<TruthItem>,
    #[serde(default)]
    pub failing_checks: Vec<TruthCheck>,
    #[serde(default)]
    pub staffing: Option<TruthStaffing>,
    #[serde(default)]
    pub facts: Vec<TruthFact>,
    #[serde(default)]
    pub targets: Vec<TruthTarget>,
}

/// A figure the narrative states.
#[derive(Debug, Deserialize)]
pub struct TruthFact {
    pub subject: String,
    pub amount_yuan: Option<String>,
    pub share_pct: Option<String>,
    pub change_yuan: Option<String>,
    pub change_pct: Option<String>,
}

impl TruthFact {
    pub fn key(&self) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}",
            self.subject,
            o(&self.amount_yuan),
            o(&self.share_pct),
            o(&self.change_yuan),
            o(&self.change_pct)
        )
    }
}

/// The comparison key of an extracted narrative fact.
pub fn fact_key(f: &yusuan_model::NarrativeFact) -> String {
    let o = |v: Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}",
        f.subject,
        o(f.amount_yuan),
        o(f.share_pct),
        o(f.change_yuan),
        o(f.change_pct)
    )
}

/// An indicator of a performance-target form.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct TruthTarget {
    pub project: String,
    pub level1: String,
    pub level2: String,
    pub indicator: String,
    pub operator: String,
    pub value: String,
    pub unit: String,
    pub text: String,
}

impl TruthTarget {
    pub fn matches(&self, t: &yusuan_model::PerformanceTarget) -> bool {
        (
            &self.project,
            &self.level1,
            &self.level2,
            &self.indicator,
            &self.operator,
            &self.value,
            &self.unit,
            &self.text,
        ) == (
            &t.project,
            &t.level1,
            &t.level2,
            &t.indicator,
            &t.operator,
            &t.value,
            &t.unit,
            &t.text,
        )
    }
}

/// Staffing as the truth states it.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct TruthStaffing {
    pub authorised: u32,
    pub actual: u32,
    pub serving: u32,
    pub retired: u32,
}

/// The comparison key of an extracted line item.
pub fn item_key(li: &LineItem) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}",
        li.table,
        li.scheme.as_str(),
        li.code,
        li.project,
        li.measure,
        li.amount_yuan
    )
}

/// The table id a check names, `""` where it names none.
#[allow(dead_code)]
pub fn table_of(c: &yusuan_model::Check) -> String {
    c.table.map(|t| t.to_string()).unwrap_or_default()
}

/// Say that a test did not run, on the real stderr (past the test harness's capture), as a line
/// `SKIPPED: …` that CI counts in its closing line: "passed" never means "did not run".
#[allow(dead_code)]
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}

/// The table a check names, as the generated corpus truth records it: the truth names no table
/// for a narrative finding (the reader names the table of the figure it compared with).
#[allow(dead_code)]
pub fn truth_table_of(c: &yusuan_model::Check) -> String {
    if c.check == yusuan_model::CheckId::NarrativeMismatch {
        String::new()
    } else {
        table_of(c)
    }
}
