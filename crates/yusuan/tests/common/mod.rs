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
