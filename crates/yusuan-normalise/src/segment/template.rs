//! Which template a disclosure follows, and so which tables it is expected to publish.
//!
//! The Ministry of Finance's 部门预算 template has nine tables (with an optional 国有资本经营 table);
//! its 部门决算 template has no project-expenditure table. Regions and kinds of unit publish other
//! sets: Shanghai's budgets leave out the project table; Jiangsu's twelve-table set prints
//! 财政拨款支出 and 财政拨款基本支出 tables, 机关运行经费 and 政府采购 tables and no project table;
//! central units such as the universities under the Ministry of Education publish four tables
//! (收支总表, 收入表, 支出表, 财政拨款支出表). The template is recognised from the tables the document
//! prints (a kind only one set has) and, failing that, from the region.

use std::collections::BTreeSet;

use yusuan_model::TableKind;

/// A family of disclosure templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// The Ministry of Finance's nine-table set (and its 决算 twin).
    National,
    /// Shanghai's budgets: the national set without the project table.
    Shanghai,
    /// Jiangsu's twelve-table set.
    Jiangsu,
    /// A central unit's four tables (universities under the Ministry of Education).
    CentralUnit,
}

use TableKind as K;

const NATIONAL: &[TableKind] = &[
    K::RevenueExpenditureSummary,
    K::RevenueSummary,
    K::ExpenditureSummary,
    K::FiscalGrantSummary,
    K::GeneralBudgetExpenditure,
    K::GeneralBudgetBasicExpenditure,
    K::GeneralBudgetProjectExpenditure,
    K::ThreePublic,
    K::GovernmentFundExpenditure,
];

const NATIONAL_FINAL: &[TableKind] = &[
    K::RevenueExpenditureSummary,
    K::RevenueSummary,
    K::ExpenditureSummary,
    K::FiscalGrantSummary,
    K::GeneralBudgetExpenditure,
    K::GeneralBudgetBasicExpenditure,
    K::ThreePublic,
    K::GovernmentFundExpenditure,
];

const JIANGSU: &[TableKind] = &[
    K::RevenueExpenditureSummary,
    K::RevenueSummary,
    K::ExpenditureSummary,
    K::FiscalGrantSummary,
    K::FiscalGrantExpenditure,
    K::FiscalGrantBasicExpenditure,
    K::GeneralBudgetExpenditure,
    K::GeneralBudgetBasicExpenditure,
    K::ThreePublic,
    K::GovernmentFundExpenditure,
    K::RunningCosts,
    K::Procurement,
];

const CENTRAL_UNIT: &[TableKind] = &[
    K::RevenueExpenditureSummary,
    K::RevenueSummary,
    K::ExpenditureSummary,
    K::FiscalGrantExpenditure,
];

impl Template {
    /// The template of a document that prints these tables, in this region.
    pub(crate) fn recognise(kinds: &BTreeSet<TableKind>, region: Option<&str>) -> Template {
        let has = |k: TableKind| kinds.contains(&k);
        if has(K::FiscalGrantBasicExpenditure) || region.is_some_and(|r| r.starts_with("江苏省"))
        {
            return Template::Jiangsu;
        }
        let national_only = [
            K::FiscalGrantSummary,
            K::GeneralBudgetExpenditure,
            K::GeneralBudgetBasicExpenditure,
            K::ThreePublic,
        ];
        if has(K::FiscalGrantExpenditure) && !national_only.iter().any(|k| has(*k)) {
            return Template::CentralUnit;
        }
        if region.is_some_and(|r| r.starts_with("上海市")) {
            return Template::Shanghai;
        }
        Template::National
    }

    /// The tables a budget (`false`) or final account (`true`) of this template publishes.
    pub(crate) fn expected(self, final_accounts: bool) -> Vec<TableKind> {
        match (self, final_accounts) {
            (Template::Jiangsu, false) => JIANGSU.to_vec(),
            (Template::CentralUnit, _) => CENTRAL_UNIT.to_vec(),
            (Template::Shanghai, false) => NATIONAL
                .iter()
                .copied()
                .filter(|k| *k != K::GeneralBudgetProjectExpenditure)
                .collect(),
            (Template::National, false) => NATIONAL.to_vec(),
            (_, true) => NATIONAL_FINAL.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ks: &[TableKind]) -> BTreeSet<TableKind> {
        ks.iter().copied().collect()
    }

    #[test]
    fn recognised_from_the_tables_printed() {
        let jiangsu = set(&[K::RevenueExpenditureSummary, K::FiscalGrantBasicExpenditure]);
        assert_eq!(Template::recognise(&jiangsu, None), Template::Jiangsu);
        let university = set(&[
            K::RevenueExpenditureSummary,
            K::RevenueSummary,
            K::ExpenditureSummary,
            K::FiscalGrantExpenditure,
        ]);
        assert_eq!(
            Template::recognise(&university, Some("重庆市")),
            Template::CentralUnit
        );
        assert!(!Template::CentralUnit
            .expected(false)
            .contains(&K::ThreePublic));
        let national = set(&[K::RevenueExpenditureSummary, K::ThreePublic]);
        assert_eq!(
            Template::recognise(&national, Some("上海市普陀区")),
            Template::Shanghai
        );
        assert_eq!(
            Template::recognise(&national, Some("新疆维吾尔自治区昌吉回族自治州")),
            Template::National
        );
        assert!(!Template::National
            .expected(true)
            .contains(&K::GeneralBudgetProjectExpenditure));
    }
}
