//! What a column means, from the header texts above it (most specific first).

use crate::classify::squash;
use crate::codes::book;

/// The measure a single header text names, if any.
pub fn measure_of(text: &str) -> Option<String> {
    let s = squash(text);
    if s.is_empty() {
        return None;
    }
    let has = |w: &str| s.contains(w);
    let m = if has("人员经费") {
        "personnel"
    } else if has("公用经费") {
        "public_use"
    } else if has("基本支出") {
        "basic"
    } else if has("项目支出") && (has("合计") || has("小计") || has("总计")) {
        "total"
    } else if has("项目支出") {
        "project"
    } else if has("上缴上级") {
        "remit_to_higher"
    } else if has("附属单位") {
        "subsidy_to_affiliates"
    } else if has("经营支出") {
        "business_operating_expenditure"
    } else if has("结转下年") || has("年末结转") {
        "carry_forward"
    } else if let Some(source) = crate::income::income_id(text) {
        source
    } else if has("决算数") || has("决算") {
        "actual"
    } else if has("年初预算") {
        "initial_budget"
    } else if has("全年预算") || has("调整预算") {
        "full_year_budget"
    } else if has("合计")
        || has("总计")
        || has("小计")
        || has("预算数")
        || has("金额")
        || s == "预算"
    {
        "total"
    } else if let Some(code) = economic_class(&s) {
        return Some(format!("economic_{code}"));
    } else {
        return None;
    };
    Some(m.to_string())
}

/// The economic class a project-table column header names (`商品和服务支出` → `302`).
fn economic_class(s: &str) -> Option<String> {
    let candidates = book().codes_named(s, "3", 3);
    let wants_construction = s.contains("基本建设");
    candidates
        .iter()
        .find(|c| book().name(c).contains("基本建设") == wants_construction)
        .or(candidates.first())
        .map(|c| c.to_string())
}

/// The measure of a column from its header path (top to bottom).
pub fn column_measure(path: &[String]) -> Option<String> {
    let stage = path.iter().find_map(|t| {
        measure_of(t)
            .filter(|m| matches!(m.as_str(), "actual" | "initial_budget" | "full_year_budget"))
    });
    for text in path.iter().rev() {
        if let Some(m) = measure_of(text) {
            return Some(match (&stage, m.as_str()) {
                (Some(st), "total") => st.clone(),
                (Some(st), "basic" | "project" | "personnel" | "public_use") => format!("{st}_{m}"),
                _ => m,
            });
        }
    }
    None
}

/// The 三公 measure of a column (or of a row label, in tables laid out vertically).
pub fn three_public_measure(path: &[String]) -> Option<&'static str> {
    let all: Vec<String> = path
        .iter()
        .map(|t| squash(t))
        .filter(|t| !t.is_empty())
        .collect();
    let any = |w: &str| all.iter().any(|t| t.contains(w));
    if any("出国") {
        return Some("overseas_travel");
    }
    if any("接待") {
        return Some("reception");
    }
    if any("机关运行") {
        return Some("running_costs");
    }
    if any("公务用车") || any("购置费") || any("运行费") || any("运行维护") {
        let last = all.last()?;
        let buy = last.contains("购置");
        let run = last.contains("运行");
        return Some(match (buy, run) {
            (true, false) => "vehicle_purchase",
            (false, true) => "vehicle_operation",
            _ => "vehicles",
        });
    }
    if any("合计") || any("总计") || any("三公") || any("预算数") {
        return Some("total");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn generic_columns() {
        assert_eq!(
            column_measure(&p(&["支出预算", "合  计"])).as_deref(),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["支出预算", "基本支出"])).as_deref(),
            Some("basic")
        );
        assert_eq!(
            column_measure(&p(&["一般公共预算基本支出", "人员经费"])).as_deref(),
            Some("personnel")
        );
        assert_eq!(
            column_measure(&p(&["财政拨款收入", "合  计"])).as_deref(),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["财政拨款支出", "一般公共预算"])).as_deref(),
            Some("general_public_budget")
        );
        assert_eq!(
            column_measure(&p(&["事业单位经营收入"])).as_deref(),
            Some("business_operating_income")
        );
        assert_eq!(
            column_measure(&p(&["项目支出合计"])).as_deref(),
            Some("total")
        );
        assert_eq!(
            column_measure(&p(&["商品和服务支出"])).as_deref(),
            Some("economic_302")
        );
        assert_eq!(
            column_measure(&p(&["资本性支出（基本建设）"])).as_deref(),
            Some("economic_309")
        );
        assert_eq!(
            column_measure(&p(&["资本性支出"])).as_deref(),
            Some("economic_310")
        );
        assert_eq!(
            column_measure(&p(&["决算数", "基本支出"])).as_deref(),
            Some("actual_basic")
        );
        assert_eq!(
            column_measure(&p(&["年初预算数"])).as_deref(),
            Some("initial_budget")
        );
    }

    #[test]
    fn three_public_tree() {
        assert_eq!(three_public_measure(&p(&["合  计"])), Some("total"));
        assert_eq!(
            three_public_measure(&p(&["因公出国（境）费", "合计"])),
            Some("overseas_travel")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "合  计"])),
            Some("vehicles")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "公务用车购置费"])),
            Some("vehicle_purchase")
        );
        assert_eq!(
            three_public_measure(&p(&["公务用车购置及运行费", "公务用车运行费"])),
            Some("vehicle_operation")
        );
        assert_eq!(three_public_measure(&p(&["公务接待费"])), Some("reception"));
        assert_eq!(
            three_public_measure(&p(&["机关运行经费"])),
            Some("running_costs")
        );
    }
}
