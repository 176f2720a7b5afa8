//! Sources of revenue, as the left side of summary tables prints them.

use crate::classify::squash;

/// The income id of a summary-table row label (`财政拨款（补助）` → `fiscal_appropriation`).
pub fn income_id(label: &str) -> Option<&'static str> {
    let s = squash(&crate::classify::strip_ordinal(label));
    let has = |w: &str| s.contains(w);
    Some(if has("总计") || has("合计") {
        return None;
    } else if has("一般公共预算") {
        "general_public_budget"
    } else if has("政府性基金") {
        "government_fund_budget"
    } else if has("国有资本") {
        "state_capital_budget"
    } else if has("财政专户") {
        "special_account"
    } else if has("经营收入") {
        "business_operating_income"
    } else if has("事业收入") {
        "business_income"
    } else if has("上年结转") || has("结转结余") || has("年初结转") {
        "carryover"
    } else if has("其他收入") || has("其他资金") {
        "other_income"
    } else if has("财政拨款") {
        "fiscal_appropriation"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn income_labels() {
        assert_eq!(income_id("财政拨款（补助）"), Some("fiscal_appropriation"));
        assert_eq!(income_id("    一般公共预算"), Some("general_public_budget"));
        assert_eq!(
            income_id("1. 一般公共预算资金"),
            Some("general_public_budget")
        );
        assert_eq!(income_id("财政专户（教育收费）"), Some("special_account"));
        assert_eq!(
            income_id("事业单位经营收入"),
            Some("business_operating_income")
        );
        assert_eq!(income_id("单位其他资金收入"), Some("other_income"));
        assert_eq!(income_id("收  入  总  计"), None);
        assert_eq!(income_id("上年结转"), Some("carryover"));
    }
}
