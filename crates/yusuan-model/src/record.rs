//! What the normaliser produces for one document, and the outcome of one input file.
//!
//! Field names follow the dataset contract (`dataset.md`): these types serialise straight into
//! `documents.jsonl`, and the consolidator writes their CSV columns.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::vocab::{CheckId, Measure};

/// Budget (预算) or final accounts (决算).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 预算: a budget for the coming year.
    Budget,
    /// 决算: the accounts of a finished year.
    FinalAccounts,
}

impl DocKind {
    /// The dataset identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Budget => "budget",
            DocKind::FinalAccounts => "final_accounts",
        }
    }
}

/// A department's consolidated disclosure (部门) or one unit's own (单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 部门预算/决算.
    Department,
    /// 单位预算/决算.
    Unit,
}

impl Scope {
    /// The dataset identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Department => "department",
            Scope::Unit => "unit",
        }
    }
}

/// The kinds of disclosure table (dataset.md). Final-accounts tables carry the same kind with
/// [`TableInfo::final_accounts`] set; their id gets the prefix `final_`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 收支总体情况表 / 收支总表.
    RevenueExpenditureSummary,
    /// 收入总体情况表 / 收入总表.
    RevenueSummary,
    /// 支出总体情况表 / 支出总表.
    ExpenditureSummary,
    /// 财政拨款收支总体情况表.
    FiscalGrantSummary,
    /// 一般公共预算支出情况表.
    GeneralBudgetExpenditure,
    /// 一般公共预算基本支出情况表 (economic codes).
    GeneralBudgetBasicExpenditure,
    /// 一般公共预算项目支出情况表.
    GeneralBudgetProjectExpenditure,
    /// 一般公共预算“三公”经费支出情况表.
    ThreePublic,
    /// 政府性基金预算支出情况表.
    GovernmentFundExpenditure,
    /// 国有资本经营预算支出情况表.
    StateCapitalExpenditure,
    /// 项目支出绩效目标表.
    PerformanceTargets,
    /// 财政拨款支出表 (the central-unit and university template): spending of all fiscal funds
    /// by function code, 合计 / 基本支出 / 项目支出.
    FiscalGrantExpenditure,
    /// 财政拨款基本支出预算表（经济科目） (Jiangsu's set): basic spending of all fiscal funds by
    /// economic code.
    FiscalGrantBasicExpenditure,
    /// 机关运行经费支出预算表: the running costs of the offices, by economic code.
    RunningCosts,
    /// 政府采购支出预算表: planned government procurement, by category (货物, 工程, 服务).
    Procurement,
    /// 相关信息统计表: a 决算's statistics of procurement, 机关运行经费 and state assets (vehicles,
    /// equipment), as one table.
    Statistics,
}

impl TableKind {
    /// Every kind, in the order of the Ministry of Finance template.
    pub const ALL: [TableKind; 16] = [
        TableKind::RevenueExpenditureSummary,
        TableKind::RevenueSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalGrantSummary,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetBasicExpenditure,
        TableKind::GeneralBudgetProjectExpenditure,
        TableKind::ThreePublic,
        TableKind::GovernmentFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::PerformanceTargets,
        TableKind::FiscalGrantExpenditure,
        TableKind::FiscalGrantBasicExpenditure,
        TableKind::RunningCosts,
        TableKind::Procurement,
        TableKind::Statistics,
    ];

    /// The dataset identifier of a budget table of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::RevenueExpenditureSummary => "revenue_expenditure_summary",
            TableKind::RevenueSummary => "revenue_summary",
            TableKind::ExpenditureSummary => "expenditure_summary",
            TableKind::FiscalGrantSummary => "fiscal_grant_summary",
            TableKind::GeneralBudgetExpenditure => "general_budget_expenditure",
            TableKind::GeneralBudgetBasicExpenditure => "general_budget_basic_expenditure",
            TableKind::GeneralBudgetProjectExpenditure => "general_budget_project_expenditure",
            TableKind::ThreePublic => "three_public",
            TableKind::GovernmentFundExpenditure => "government_fund_expenditure",
            TableKind::StateCapitalExpenditure => "state_capital_expenditure",
            TableKind::PerformanceTargets => "performance_targets",
            TableKind::FiscalGrantExpenditure => "fiscal_grant_expenditure",
            TableKind::FiscalGrantBasicExpenditure => "fiscal_grant_basic_expenditure",
            TableKind::RunningCosts => "running_costs",
            TableKind::Procurement => "procurement",
            TableKind::Statistics => "statistics",
        }
    }

    /// The usual title of this kind of table (the budget's; a 决算 table says 决算 for 预算).
    pub fn title_zh(self) -> &'static str {
        match self {
            TableKind::RevenueExpenditureSummary => "收支总表（收支预算总表 / 收入支出决算总表）",
            TableKind::RevenueSummary => "收入总表（收入预算表 / 收入决算表）",
            TableKind::ExpenditureSummary => "支出总表（支出预算表 / 支出决算表）",
            TableKind::FiscalGrantSummary => "财政拨款收支总表（财政拨款收入支出决算总表）",
            TableKind::GeneralBudgetExpenditure => {
                "一般公共预算支出表（一般公共预算财政拨款支出决算表）"
            }
            TableKind::GeneralBudgetBasicExpenditure => "一般公共预算基本支出表（经济分类）",
            TableKind::GeneralBudgetProjectExpenditure => "一般公共预算项目支出表",
            TableKind::ThreePublic => "“三公”经费支出表",
            TableKind::GovernmentFundExpenditure => "政府性基金预算支出表",
            TableKind::StateCapitalExpenditure => "国有资本经营预算支出表",
            TableKind::PerformanceTargets => "项目支出绩效目标表",
            TableKind::FiscalGrantExpenditure => "财政拨款支出表",
            TableKind::FiscalGrantBasicExpenditure => "财政拨款基本支出表（经济科目）",
            TableKind::RunningCosts => "机关运行经费支出表",
            TableKind::Procurement => "政府采购支出表",
            TableKind::Statistics => "相关信息统计表（政府采购、机关运行经费、国有资产占用）",
        }
    }

    /// The table id of this kind in a budget (`false`) or a final account (`true`).
    pub fn id(self, final_accounts: bool) -> TableId {
        TableId {
            kind: self,
            final_accounts,
        }
    }
}

/// A table id of the dataset: a kind, with the prefix `final_` for final-accounts tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId {
    /// The kind of table.
    pub kind: TableKind,
    /// Whether it is the 决算 table of that kind.
    pub final_accounts: bool,
}

impl TableId {
    /// Every table id: each kind as a budget table, then as a final-accounts table.
    pub fn all() -> impl Iterator<Item = TableId> {
        [false, true]
            .into_iter()
            .flat_map(|f| TableKind::ALL.iter().map(move |k| k.id(f)))
    }

    /// The id a dataset spelling names (`final_three_public`).
    pub fn parse(s: &str) -> Option<TableId> {
        let (final_accounts, kind) = match s.strip_prefix("final_") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        TableKind::ALL
            .iter()
            .find(|k| k.as_str() == kind)
            .map(|k| k.id(final_accounts))
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.final_accounts {
            f.write_str("final_")?;
        }
        f.write_str(self.kind.as_str())
    }
}

impl PartialEq<&str> for TableId {
    fn eq(&self, other: &&str) -> bool {
        TableId::parse(other) == Some(*self)
    }
}

impl Serialize for TableId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TableId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TableId, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        TableId::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown table id `{s}`")))
    }
}

/// Serde for an optional table id spelt `""` when absent (the `table` of a check that concerns
/// no one table).
pub mod optional_table_id {
    use super::TableId;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Write the id, or `""`.
    pub fn serialize<S: Serializer>(t: &Option<TableId>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(t),
            None => s.serialize_str(""),
        }
    }

    /// Read the id, `""` as none.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TableId>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if s.is_empty() {
            return Ok(None);
        }
        TableId::parse(&s)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown table id `{s}`")))
    }
}

/// Which classification a line item's code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 支出功能分类: `code` is the joined digits, `2010301`.
    Function,
    /// 部门预算支出经济分类: `30101`.
    Economic,
    /// 政府预算支出经济分类 (the government-level economic classification of 财预〔2017〕98号):
    /// `50101`.
    GovernmentEconomic,
    /// A source of revenue: `code` is an income id such as `general_public_budget`.
    Income,
    /// No code (the 三公 row).
    None,
}

impl Scheme {
    /// Every scheme.
    pub const ALL: [Scheme; 5] = [
        Scheme::Function,
        Scheme::Economic,
        Scheme::GovernmentEconomic,
        Scheme::Income,
        Scheme::None,
    ];

    /// The dataset identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Function => "function",
            Scheme::Economic => "economic",
            Scheme::GovernmentEconomic => "government_economic",
            Scheme::Income => "income",
            Scheme::None => "none",
        }
    }
}

/// The level of a classification code: 类, 款 or 项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeLevel {
    /// 类: the first three digits.
    Class,
    /// 款: two more.
    Section,
    /// 项: two more again (function codes only).
    Item,
}

impl CodeLevel {
    /// The dataset identifier (`class`, `section`, `item`).
    pub fn as_str(self) -> &'static str {
        match self {
            CodeLevel::Class => "class",
            CodeLevel::Section => "section",
            CodeLevel::Item => "item",
        }
    }
}

/// A classification code as the dataset writes it (`2010301`, `30101`), with what its digits
/// say: its level, its parent and its class (类).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code<'a> {
    /// Its classification.
    pub scheme: Scheme,
    /// Its joined digits.
    pub digits: &'a str,
}

impl<'a> Code<'a> {
    /// A code of a scheme; `None` for schemes without classification codes (income, none) or
    /// digits of no level.
    pub fn new(scheme: Scheme, digits: &'a str) -> Option<Code<'a>> {
        let code = Code { scheme, digits };
        code.level().map(|_| code)
    }

    /// 类, 款 or 项, from the number of digits.
    pub fn level(&self) -> Option<CodeLevel> {
        if !self.digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match (self.scheme, self.digits.len()) {
            (Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic, 3) => {
                Some(CodeLevel::Class)
            }
            (Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic, 5) => {
                Some(CodeLevel::Section)
            }
            (Scheme::Function, 7) => Some(CodeLevel::Item),
            _ => None,
        }
    }

    /// The code one level up (`2010301` → `20103`), `None` for a class.
    pub fn parent(&self) -> Option<&'a str> {
        (self.digits.len() > 3).then(|| &self.digits[..self.digits.len() - 2])
    }

    /// The class (类) the code belongs to (`2010301` → `201`).
    pub fn class(&self) -> &'a str {
        &self.digits[..3.min(self.digits.len())]
    }
}

/// One row of the codebook: a value of one of the dataset's vocabularies (a classification
/// code, a table id, a measure, a check id …) with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookEntry {
    /// Which vocabulary: `function`, `economic`, `government_economic`, `table`, `measure`,
    /// `income_source`, `check`, `status`.
    pub vocabulary: String,
    /// The value as the dataset writes it.
    pub code: String,
    /// For classification codes: `class`, `section` or `item`.
    pub level: String,
    /// For classification codes: the code one level up.
    pub parent_code: String,
    /// Its name (canonical Chinese name, or what the id means).
    pub name: String,
    /// Earlier official names of a classification code, `|`-separated.
    pub former_names: String,
    /// The first fiscal year the code had this name, where a dated change of the code tables
    /// (an addition or a renaming) says so.
    #[serde(default)]
    pub valid_from: String,
    /// The last fiscal year the code had this name, where a dated change (a renaming or a
    /// removal) ended it.
    #[serde(default)]
    pub valid_to: String,
    /// For an economic code: the codes of the other economic classification it corresponds to
    /// (部门预算 301–399 ↔ 政府预算 501–599, per 财预〔2017〕98号), `|`-separated.
    #[serde(default)]
    pub corresponds_to: String,
    /// The document the row rests on, where it is a dated change or a table beside the base
    /// tables (empty: the base tables, see the normaliser's `data/SOURCES.md`).
    #[serde(default)]
    pub source: String,
}

/// Where a value was printed: table ordinal, grid row and column, page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// PDF page from 1; `None` for Word.
    pub page: Option<u32>,
    /// The table's ordinal in the document, from 1.
    pub table_no: Option<usize>,
    /// Grid row, 0-based.
    pub row: Option<usize>,
    /// Grid column, 0-based.
    pub col: Option<usize>,
}

/// Document-level facts read from the text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocMeta {
    /// The department as published (the longest spelling found).
    pub department: Option<String>,
    /// Stable identifier of the department across spellings and years.
    pub department_id: Option<String>,
    /// The department's canonical name (aliases resolved, short place names expanded, asides
    /// such as （本级） dropped): one name per `department_id`.
    #[serde(default)]
    pub department_canonical: Option<String>,
    /// Region (province, prefecture or county) the department belongs to.
    pub region: Option<String>,
    /// The fiscal year the document is about.
    pub fiscal_year: Option<i32>,
    /// Budget or final accounts.
    pub doc_kind: Option<DocKind>,
    /// Department or unit disclosure.
    pub scope: Option<Scope>,
    /// The unit printed over most tables (万元, 元).
    pub unit: Option<String>,
    /// Staffing stated in the overview.
    pub staffing: Staffing,
}

/// Staffing as the overview states it (编制数, 实有人数, 在职, 退休); `None` where not stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Staffing {
    /// 编制数: authorised posts.
    pub authorised: Option<u32>,
    /// 实有人数: actual staff.
    pub actual: Option<u32>,
    /// 在职: serving staff.
    pub serving: Option<u32>,
    /// 退休: retired staff.
    pub retired: Option<u32>,
}

/// A disclosure table the normaliser recognised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// The table's ordinal among the document's table grids, from 1.
    pub table_no: usize,
    /// Its kind.
    pub kind: TableKind,
    /// Whether it is a final-accounts (决算) table.
    pub final_accounts: bool,
    /// The title as printed.
    pub title: String,
    /// The unit printed over it (万元, 元), if any.
    pub unit: Option<String>,
    /// Page it starts on (PDF).
    pub page: Option<u32>,
    /// Whether it printed no amounts at all (an empty table, often with a remark).
    pub empty: bool,
    /// Its printed total rows (合计, 总计, 本年收入合计 …), per side and measure.
    #[serde(default)]
    pub totals: Vec<PrintedTotal>,
}

/// A total row as a table prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedTotal {
    /// `income` or `expenditure` on two-sided tables (`_year` for 本年…合计 beside 总计), else "".
    pub side: String,
    /// The column's meaning.
    pub measure: Measure,
    /// The amount in 元, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount_yuan: Decimal,
}

impl TableInfo {
    /// The dataset identifier of this table (`final_` prefix for 决算).
    pub fn id(&self) -> TableId {
        self.kind.id(self.final_accounts)
    }
}

/// One amount in a disclosure table, in long form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    /// Table id (`expenditure_summary`, `final_three_public`, …).
    pub table: TableId,
    /// Classification of `code`.
    pub scheme: Scheme,
    /// Canonical code (`2010301`, `30101`, `general_public_budget`) or empty.
    pub code: String,
    /// Canonical name of the code, empty where unknown.
    pub name: String,
    /// The row's name as printed.
    pub name_published: String,
    /// Project name on project-table rows.
    pub project: String,
    /// The column's meaning (`total`, `basic`, `project`, …).
    pub measure: Measure,
    /// The amount in 元, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount_yuan: Decimal,
    /// The unit printed over the table.
    pub unit: String,
    /// Where it was printed.
    pub location: Location,
}

/// Pass or fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// The document agrees with itself here.
    Pass,
    /// An inconsistency.
    Fail,
    /// Worth knowing, not an inconsistency (e.g. a share nudged for rounding).
    Note,
}

impl CheckStatus {
    /// The dataset identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Note => "note",
        }
    }
}

/// One consistency check run on a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Check id.
    pub check: CheckId,
    /// Outcome.
    pub status: CheckStatus,
    /// Table id the check concerns, if one.
    #[serde(with = "optional_table_id")]
    pub table: Option<TableId>,
    /// Code (or measure) the check concerns.
    pub code: String,
    /// What it should be.
    pub expected: String,
    /// What was printed.
    pub found: String,
    /// A sentence a person understands.
    pub detail: String,
    /// Where.
    pub location: Location,
}

/// A figure stated in the narrative.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NarrativeFact {
    /// The section heading the sentence is under.
    pub section: String,
    /// What the figure is about, as written.
    pub subject: String,
    /// Amount in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount_yuan: Option<Decimal>,
    /// Share in percent (`40.81`).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub share_pct: Option<Decimal>,
    /// Change on last year in 元 (negative for a decrease).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub change_yuan: Option<Decimal>,
    /// Change on last year in percent (negative for a decrease).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub change_pct: Option<Decimal>,
    /// The sentence as printed.
    pub sentence: String,
}

/// One indicator of a 项目支出绩效目标表.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PerformanceTarget {
    /// Project name.
    pub project: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub indicator: String,
    /// `=`, `>=`, `<=`, `>`, `<`, or empty for text.
    pub operator: String,
    /// The number, or the text where there is none.
    pub value: String,
    /// Unit after the number (`%`, `个`, `万元`).
    pub unit: String,
    /// The value cell as printed.
    pub text: String,
}

/// Other matters the explanation reports, as fields of the document record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reported {
    /// 机关运行经费 in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub running_costs_yuan: Option<Decimal>,
    /// 政府采购预算 in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub procurement_yuan: Option<Decimal>,
    /// Of which goods (货物), in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub procurement_goods_yuan: Option<Decimal>,
    /// Of which works (工程), in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub procurement_works_yuan: Option<Decimal>,
    /// Of which services (服务), in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub procurement_services_yuan: Option<Decimal>,
    /// Vehicles held (车辆 N 辆).
    pub vehicles: Option<u32>,
    /// Their value in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub vehicles_value_yuan: Option<Decimal>,
    /// Large equipment of unit value over 500,000 元 (台/套).
    pub equipment_over_500k: Option<u32>,
    /// Large equipment of unit value over 1,000,000 元 (台/套).
    pub equipment_over_1m: Option<u32>,
    /// The 三公 explanation as printed.
    pub three_public_explanation: String,
}

/// A project the explanation describes (项目名称, 政策依据, 预算安排规模, 执行时间).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Project {
    /// 项目名称 as the explanation prints it.
    pub name: String,
    /// Function code of the project-table row it matches, if any.
    pub code: String,
    /// The project name in the project table, where it is spelt differently.
    pub table_name: String,
    /// 预算安排规模 in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount_yuan: Option<Decimal>,
    /// The project table's total for it, in 元.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub table_amount_yuan: Option<Decimal>,
    /// 设立的政策依据.
    pub policy_basis: String,
    /// 项目承担单位.
    pub implementing_unit: String,
    /// 资金执行时间 / 实施周期.
    pub period: String,
}

/// Everything the normaliser read from one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Disclosure {
    /// Document-level facts.
    pub meta: DocMeta,
    /// Recognised disclosure tables.
    pub tables: Vec<TableInfo>,
    /// Expected tables that were not published.
    pub tables_missing: Vec<TableId>,
    /// Amounts in long form.
    pub line_items: Vec<LineItem>,
    /// Checks run, passed and failed.
    pub checks: Vec<Check>,
    /// Figures from the narrative.
    pub narrative_facts: Vec<NarrativeFact>,
    /// Performance-target indicators.
    pub performance_targets: Vec<PerformanceTarget>,
    /// Projects the explanation describes.
    pub projects: Vec<Project>,
    /// Other matters the explanation reports.
    pub reported: Reported,
    /// The transparency score, with what cost each point.
    #[serde(default)]
    pub transparency: Transparency,
}

/// A document's transparency score (0–100) and grade (A ≥ 90, B ≥ 80, C ≥ 70, D), from the
/// rubric in the README; every point lost is a [`Deduction`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Transparency {
    /// The score, 0 to 100.
    #[serde(with = "rust_decimal::serde::str")]
    pub score: Decimal,
    /// A, B, C or D.
    pub grade: String,
    /// The points lost, each with its reason.
    pub deductions: Vec<Deduction>,
}

/// Points a document lost, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deduction {
    /// The rubric's part: tables, sections, three_public, performance, consistency.
    pub part: String,
    /// Points lost.
    #[serde(with = "rust_decimal::serde::str")]
    pub points: Decimal,
    /// The finding that cost them.
    pub reason: String,
}

impl Disclosure {
    /// Number of failed checks.
    pub fn checks_failed(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count()
    }
}

/// What became of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Read in full.
    Ok,
    /// Read, but part of it could not be.
    Partial,
    /// Could not be read.
    Failed,
    /// Byte-identical to a file listed earlier.
    Duplicate,
    /// Not a format yusuan reads.
    Unsupported,
    /// A blank template (placeholders such as XX局, codes where amounts belong), not a
    /// disclosure: read, but no figures are taken from it.
    Template,
}

impl FileStatus {
    /// Every status.
    pub const ALL: [FileStatus; 6] = [
        FileStatus::Ok,
        FileStatus::Partial,
        FileStatus::Failed,
        FileStatus::Duplicate,
        FileStatus::Unsupported,
        FileStatus::Template,
    ];

    /// What the status means.
    pub fn label(self) -> &'static str {
        match self {
            FileStatus::Ok => "read in full",
            FileStatus::Partial => "read, but part of it could not be (the error says which)",
            FileStatus::Failed => "could not be read (the error says why)",
            FileStatus::Duplicate => "byte for byte the same as a file listed before it",
            FileStatus::Unsupported => "not a format yusuan reads",
            FileStatus::Template => "a blank template, not a disclosure: no figures taken",
        }
    }

    /// The dataset identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Partial => "partial",
            FileStatus::Failed => "failed",
            FileStatus::Duplicate => "duplicate",
            FileStatus::Unsupported => "unsupported",
            FileStatus::Template => "template",
        }
    }
}

/// A file as one copy of a disclosure. The same disclosure often arrives more than once: as
/// .docx and as PDF, or downloaded twice. Copies share a `disclosure_id` (from the department,
/// year, kind, scope and every figure read); one of them is preferred and counted, the others
/// name it in `duplicate_of`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Copies {
    /// The disclosure this file is a copy of (first 16 hex digits of a SHA-256 over what it
    /// says); `None` where nothing was read.
    pub disclosure_id: Option<String>,
    /// The `doc_id` of the preferred copy, on every other copy.
    pub duplicate_of: Option<String>,
    /// Whether this is the copy the dataset counts (`panel.csv`, the SQLite views).
    pub preferred: bool,
    /// A disclosure published in two files (its explanation in one, its tables in the other):
    /// the `doc_id` of the other part.
    #[serde(default)]
    pub companion: Option<String>,
}

/// One input file's whole result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileOutcome {
    /// First 16 hex digits of the file's SHA-256.
    pub doc_id: String,
    /// Path relative to the input folder, with `/` separators.
    pub path: String,
    /// Format (`docx`, `pdf`, or the file's extension when unsupported).
    pub format: String,
    /// What became of it.
    pub status: FileStatus,
    /// Why, for anything not ok (never set on an `ok` file).
    pub error: Option<String>,
    /// Worth knowing about a file read in full (`ok`): a narrative with no disclosure table, a
    /// workbook that is not a disclosure.
    #[serde(default)]
    pub note: Option<String>,
    /// Which disclosure the file is a copy of, and whether it is the copy the dataset counts.
    #[serde(default)]
    pub copies: Copies,
    /// Number of pages (PDF).
    pub pages: Option<u32>,
    /// What the normaliser read, where the file could be read.
    pub disclosure: Option<Disclosure>,
    /// The extracted document (raw tables), where the file could be read.
    pub document: Option<Document>,
}
