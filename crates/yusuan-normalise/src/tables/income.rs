//! Sources of revenue, as the left side of summary tables prints them.

use yusuan_model::IncomeSource;

use crate::text::squash;

/// The income id of a summary-table row label (`财政拨款（补助）` → `fiscal_appropriation`).
pub(crate) fn income_id(label: &str) -> Option<IncomeSource> {
    let s = squash(&crate::text::strip_ordinal(label));
    let has = |w: &str| s.contains(w);
    Some(if has("总计") || has("合计") {
        return None;
    } else if has("上级补助") {
        IncomeSource::HigherLevelSubsidy
    } else if has("附属单位上缴") {
        IncomeSource::AffiliateRemittance
    } else if has("弥补收支差额") || has("使用非财政拨款结余") || has("使用专用结余")
    {
        IncomeSource::FundOffset
    } else if has("结转") && (has("年初") || has("上年")) {
        IncomeSource::Carryover
    } else if has("一般公共预算") {
        IncomeSource::GeneralPublicBudget
    } else if has("政府性基金") {
        IncomeSource::GovernmentFundBudget
    } else if has("国有资本") {
        IncomeSource::StateCapitalBudget
    } else if has("财政专户") {
        IncomeSource::SpecialAccount
    } else if has("经营收入") {
        IncomeSource::BusinessOperatingIncome
    } else if has("事业收入") {
        IncomeSource::BusinessIncome
    } else if has("上年结转") || has("结转结余") || has("年初结转") {
        IncomeSource::Carryover
    } else if has("捐赠收入") {
        IncomeSource::DonationIncome
    } else if has("其他收入") || has("其他资金") {
        IncomeSource::OtherIncome
    } else if has("财政拨款") {
        IncomeSource::FiscalAppropriation
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn income_labels() {
        assert_eq!(
            income_id("财政拨款（补助）"),
            Some(IncomeSource::FiscalAppropriation)
        );
        assert_eq!(
            income_id("    一般公共预算"),
            Some(IncomeSource::GeneralPublicBudget)
        );
        assert_eq!(
            income_id("1. 一般公共预算资金"),
            Some(IncomeSource::GeneralPublicBudget)
        );
        assert_eq!(
            income_id("财政专户（教育收费）"),
            Some(IncomeSource::SpecialAccount)
        );
        assert_eq!(
            income_id("事业单位经营收入"),
            Some(IncomeSource::BusinessOperatingIncome)
        );
        assert_eq!(
            income_id("单位其他资金收入"),
            Some(IncomeSource::OtherIncome)
        );
        assert_eq!(income_id("收  入  总  计"), None);
        assert_eq!(income_id("上年结转"), Some(IncomeSource::Carryover));
    }
}
