//! Recognising which disclosure table a grid is, from its title (and, failing that, its header).
//!
//! Titles vary by region and year (`部门（单位）收支总体情况表`, `收支预算总表`, `财务收支预算总表`,
//! `收入支出决算总表` …), so recognition looks for the words that carry the meaning, most specific
//! first, rather than for whole titles.

use yusuan_model::TableKind;

use crate::text::squash;

/// A title without the qualifier some templates print after it in brackets:
/// `财政拨款支出预算表（功能科目）` → `财政拨款支出预算表`.
fn without_qualifier(s: &str) -> &str {
    let Some(inner) = s.strip_suffix('）').or_else(|| s.strip_suffix(')')) else {
        return s;
    };
    match inner.rfind(['（', '(']) {
        Some(open) if inner[open..].chars().count() <= 10 => &s[..open],
        _ => s,
    }
}

/// Whether a line of text reads like a disclosure table's title.
pub(crate) fn looks_like_title(text: &str) -> bool {
    let squashed = squash(text);
    let s = without_qualifier(&squashed);
    let n = s.chars().count();
    (4..=60).contains(&n)
        && (s.ends_with('表') || s.contains("情况表") || s.contains("总表") || s.contains("目标表"))
        && !s.contains('。')
}

/// The kind of table a title names, and whether it is a final-accounts (决算) table.
pub(crate) fn kind_from_title(title: &str) -> Option<(TableKind, bool)> {
    let s = squash(title);
    if !(s.contains('表') || s.contains("情况")) {
        return None;
    }
    let final_accounts = s.contains("决算");
    let has = |w: &str| s.contains(w);
    let kind = if has("绩效目标") || has("绩效指标") {
        TableKind::PerformanceTargets
    } else if has("三公") {
        TableKind::ThreePublic
    } else if has("相关信息统计") {
        TableKind::Statistics
    } else if has("机关运行经费") {
        TableKind::RunningCosts
    } else if has("政府采购") {
        TableKind::Procurement
    } else if has("政府性基金") && has("支出") && !has("收支总") {
        TableKind::GovernmentFundExpenditure
    } else if has("国有资本经营") && has("支出") && !has("收支总") {
        TableKind::StateCapitalExpenditure
    } else if has("财政拨款收支") || has("财政拨款收入支出") {
        TableKind::FiscalGrantSummary
    } else if has("一般公共预算") && (has("基本支出") || has("经济分类")) {
        TableKind::GeneralBudgetBasicExpenditure
    } else if has("财政拨款") && has("基本支出") && !has("收支") && !has("收入") {
        TableKind::FiscalGrantBasicExpenditure
    } else if has("项目支出") && !has("收支") && !has("收入") {
        TableKind::GeneralBudgetProjectExpenditure
    } else if has("一般公共预算") && has("支出") {
        TableKind::GeneralBudgetExpenditure
    } else if has("财政拨款") && has("支出") && !has("收支") && !has("收入") {
        TableKind::FiscalGrantExpenditure
    } else if has("收支") || has("收入支出") {
        TableKind::RevenueExpenditureSummary
    } else if has("收入") {
        TableKind::RevenueSummary
    } else if has("支出") {
        TableKind::ExpenditureSummary
    } else {
        return None;
    };
    Some((kind, final_accounts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TableKind::*;

    fn k(t: &str) -> TableKind {
        kind_from_title(t).unwrap_or_else(|| panic!("{t}")).0
    }

    #[test]
    fn title_variants() {
        assert_eq!(k("部门（单位）收支总体情况表"), RevenueExpenditureSummary);
        assert_eq!(k("表1 收支预算总表"), RevenueExpenditureSummary);
        assert_eq!(k("2025年部门财务收支预算总表"), RevenueExpenditureSummary);
        assert_eq!(k("部门（单位）收入总体情况表"), RevenueSummary);
        assert_eq!(k("收入预算总表"), RevenueSummary);
        assert_eq!(k("部门（单位）支出总体情况表"), ExpenditureSummary);
        assert_eq!(k("支出预算总表"), ExpenditureSummary);
        assert_eq!(k("财政拨款收支预算总体情况表"), FiscalGrantSummary);
        assert_eq!(k("一般公共预算支出情况表"), GeneralBudgetExpenditure);
        assert_eq!(
            k("一般公共预算支出功能分类预算表"),
            GeneralBudgetExpenditure
        );
        assert_eq!(
            k("一般公共预算基本支出情况表"),
            GeneralBudgetBasicExpenditure
        );
        assert_eq!(
            k("一般公共预算基本支出经济分类预算表"),
            GeneralBudgetBasicExpenditure
        );
        assert_eq!(
            k("一般公共预算项目支出情况表"),
            GeneralBudgetProjectExpenditure
        );
        assert_eq!(k("一般公共预算“三公”经费支出情况表"), ThreePublic);
        assert_eq!(k("“三公”经费预算表"), ThreePublic);
        assert_eq!(k("政府性基金预算支出情况表"), GovernmentFundExpenditure);
        assert_eq!(k("国有资本经营预算支出情况表"), StateCapitalExpenditure);
        assert_eq!(k("项  目  支  出  绩  效  目  标  表"), PerformanceTargets);
    }

    #[test]
    fn jiangsu_titles() {
        assert!(looks_like_title("财政拨款支出预算表（功能科目）"));
        assert_eq!(k("财政拨款支出预算表（功能科目）"), FiscalGrantExpenditure);
        assert_eq!(
            k("财政拨款基本支出预算表（经济科目）"),
            FiscalGrantBasicExpenditure
        );
        assert_eq!(
            k("一般公共预算支出预算表（功能科目）"),
            GeneralBudgetExpenditure
        );
        assert_eq!(
            k("一般公共预算基本支出预算表（经济科目）"),
            GeneralBudgetBasicExpenditure
        );
        assert_eq!(k("一般公共预算机关运行经费支出预算表"), RunningCosts);
        assert_eq!(k("2019年政府采购预算表"), Procurement);
        assert_eq!(k("政府采购支出预算表"), Procurement);
        assert_eq!(k("“三公”经费、会议费、培训费支出预算表"), ThreePublic);
        assert_eq!(k("政府性基金财政拨款支出预算表"), GovernmentFundExpenditure);
        assert!(!looks_like_title("公开表五"));
        assert_eq!(k("2016年部门决算公开相关信息统计表"), Statistics);
    }

    #[test]
    fn final_accounts_titles() {
        assert_eq!(
            kind_from_title("收入支出决算总表"),
            Some((RevenueExpenditureSummary, true))
        );
        assert_eq!(
            kind_from_title("财政拨款收入支出决算总表"),
            Some((FiscalGrantSummary, true))
        );
        assert_eq!(
            kind_from_title("一般公共预算财政拨款支出决算表"),
            Some((GeneralBudgetExpenditure, true))
        );
        assert_eq!(kind_from_title("收入决算表"), Some((RevenueSummary, true)));
    }

    #[test]
    fn not_titles() {
        assert_eq!(
            kind_from_title("编制部门（单位）：昌吉州政务服务和公共资源交易管理局"),
            None
        );
        assert!(!looks_like_title("收支总预算1206.34万元。"));
    }
}
