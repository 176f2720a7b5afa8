//! What a column means, from the header texts above it (most specific first).

use yusuan_model::Measure;

use crate::codes::Codes;
use crate::text::squash;

/// The measure a single header text names, if any.
pub(crate) fn measure_of(text: &str, codes: &Codes<'_>) -> Option<Measure> {
    let s = squash(text);
    if s.is_empty() {
        return None;
    }
    let has = |w: &str| s.contains(w);
    Some(if has("人员经费") {
        Measure::Personnel
    } else if has("公用经费") {
        Measure::PublicUse
    } else if has("基本支出") {
        Measure::Basic
    } else if has("项目支出") && (has("合计") || has("小计") || has("总计")) {
        Measure::Total
    } else if has("项目支出") {
        Measure::Project
    } else if has("上缴上级") {
        Measure::RemitToHigher
    } else if has("附属单位") && has("补助") {
        Measure::SubsidyToAffiliates
    } else if has("经营支出") {
        Measure::BusinessOperatingExpenditure
    } else if has("预留机动") {
        Measure::UnitReserve
    } else if has("结转下年") || has("年末结转") {
        Measure::CarryForward
    } else if has("财政拨款支出") {
        // The 合计 of a 财政拨款支出表 (the universities' `财政拨款支出` beside 基本支出 | 项目支出).
        Measure::Total
    } else if let Some(source) = crate::tables::income::income_id(text) {
        Measure::of_income(source)
    } else if has("决算数") || has("决算") {
        Measure::Actual
    } else if has("年初预算") {
        Measure::InitialBudget
    } else if has("全年预算") || has("调整预算") {
        Measure::FullYearBudget
    } else if has("合计")
        || has("总计")
        || has("小计")
        || has("预算数")
        || has("金额")
        || s == "预算"
    {
        Measure::Total
    } else {
        return economic_class(&s, codes);
    })
}

/// The economic class a project-table column header names (`商品和服务支出` → `economic_302`).
fn economic_class(s: &str, codes: &Codes<'_>) -> Option<Measure> {
    let candidates = codes.codes_named(s, "3", 3);
    let wants_construction = s.contains("基本建设");
    candidates
        .iter()
        .find(|c| codes.name(c).contains("基本建设") == wants_construction)
        .or(candidates.first())
        .and_then(|c| Measure::economic_class(c))
}

/// The measure of a column from its header path (top to bottom).
pub(crate) fn column_measure(path: &[String], codes: &Codes<'_>) -> Option<Measure> {
    let stage = path
        .iter()
        .find_map(|t| measure_of(t, codes).and_then(Measure::as_stage));
    let mut m = path.iter().rev().find_map(|t| measure_of(t, codes))?;
    // 金额 under a header that names a source (事业收入 | 金额, beside 其中：教育收费) is that
    // source's amount.
    // Likewise 小计 under 项目支出 (beside 其中：基本建设资金支出) is the project spending.
    if path
        .last()
        .is_some_and(|t| matches!(squash(t).as_str(), "金额" | "小计"))
    {
        if let Some(parent) = path[..path.len() - 1]
            .iter()
            .rev()
            .find_map(|t| measure_of(t, codes))
            .filter(|p| p.is_income() || matches!(p, Measure::Basic | Measure::Project))
        {
            m = parent;
        }
    }
    Some(match stage {
        Some(stage) => m.at_stage(stage),
        None => m,
    })
}

/// The 三公 measure of a column (or of a row label, in tables laid out vertically).
pub(crate) fn three_public_measure(path: &[String]) -> Option<Measure> {
    let all: Vec<String> = path
        .iter()
        .map(|t| squash(t))
        .filter(|t| !t.is_empty())
        .collect();
    let any = |w: &str| all.iter().any(|t| t.contains(w));
    if any("出国") {
        return Some(Measure::OverseasTravel);
    }
    if any("接待") {
        return Some(Measure::Reception);
    }
    if any("机关运行") {
        return Some(Measure::RunningCosts);
    }
    if any("会议费") {
        return Some(Measure::Meetings);
    }
    if any("培训费") {
        return Some(Measure::Training);
    }
    if any("公务用车") || any("购置费") || any("运行费") || any("运行维护") {
        // The most specific header naming the car costs: under 公务用车购置及运行费 come 小计 /
        // 公务用车购置费 / 公务用车运行费, and a 决算 table prints 预算数 | 决算数 under each.
        let last = all
            .iter()
            .rev()
            .find(|t| t.contains("公务用车") || t.contains("购置") || t.contains("运行"))?;
        let buy = last.contains("购置");
        let run = last.contains("运行");
        return Some(match (buy, run) {
            (true, false) => Measure::VehiclePurchase,
            (false, true) => Measure::VehicleOperation,
            _ => Measure::Vehicles,
        });
    }
    if any("合计") || any("总计") || any("三公") || any("预算数") {
        return Some(Measure::Total);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Codes<'static> {
        Codes::of_year(crate::codes::book(), None)
    }

    fn p(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn generic_columns() {
        assert_eq!(
            column_measure(&p(&["支出预算", "合  计"]), &codes()).map(Measure::as_str),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["支出预算", "基本支出"]), &codes()).map(Measure::as_str),
            Some("basic")
        );
        assert_eq!(
            column_measure(&p(&["一般公共预算基本支出", "人员经费"]), &codes())
                .map(Measure::as_str),
            Some("personnel")
        );
        assert_eq!(
            column_measure(&p(&["财政拨款收入", "合  计"]), &codes()).map(Measure::as_str),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["财政拨款支出", "一般公共预算"]), &codes()).map(Measure::as_str),
            Some("general_public_budget")
        );
        assert_eq!(
            column_measure(&p(&["事业单位经营收入"]), &codes()).map(Measure::as_str),
            Some("business_operating_income")
        );
        assert_eq!(
            column_measure(&p(&["项目支出合计"]), &codes()).map(Measure::as_str),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["商品和服务支出"]), &codes()).map(Measure::as_str),
            Some("economic_302")
        );
        assert_eq!(
            column_measure(&p(&["资本性支出（基本建设）"]), &codes()).map(Measure::as_str),
            Some("economic_309")
        );
        assert_eq!(
            column_measure(&p(&["资本性支出"]), &codes()).map(Measure::as_str),
            Some("economic_310")
        );
        assert_eq!(
            column_measure(&p(&["决算数", "基本支出"]), &codes()).map(Measure::as_str),
            Some("actual_basic")
        );
        assert_eq!(
            column_measure(&p(&["年初预算数"]), &codes()).map(Measure::as_str),
            Some("initial_budget")
        );
    }

    #[test]
    fn three_public_tree() {
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "公务用车运行费", "决算数"]))
                .map(Measure::as_str),
            Some("vehicle_operation")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "小计", "预算数"]))
                .map(Measure::as_str),
            Some("vehicles")
        );
        assert_eq!(
            three_public_measure(&p(&["合  计"])).map(Measure::as_str),
            Some("total")
        );
        assert_eq!(
            three_public_measure(&p(&["因公出国（境）费", "合计"])).map(Measure::as_str),
            Some("overseas_travel")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "合  计"])).map(Measure::as_str),
            Some("vehicles")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "公务用车购置费"]))
                .map(Measure::as_str),
            Some("vehicle_purchase")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "公务用车运行费"]))
                .map(Measure::as_str),
            Some("vehicle_operation")
        );
        assert_eq!(
            three_public_measure(&p(&["公务接待费"])).map(Measure::as_str),
            Some("reception")
        );
        assert_eq!(
            three_public_measure(&p(&["机关运行经费"])).map(Measure::as_str),
            Some("running_costs")
        );
        assert_eq!(
            three_public_measure(&p(&["会议费"])).map(Measure::as_str),
            Some("meetings")
        );
        assert_eq!(
            three_public_measure(&p(&["“三公”经费", "小计"])).map(Measure::as_str),
            Some("total")
        );
    }
}
