//! The real seed disclosure (昌吉州政资局 2022 budget), rebuilt as .docx, read end to end.

use std::str::FromStr;

use rust_decimal::Decimal;
use yusuan::process_bytes;
use yusuan_model::{CheckStatus, Disclosure, FileStatus};

fn seed() -> Disclosure {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/docx/seed-changji-zhengziju-2022.docx"
    );
    let outcome = process_bytes(
        &std::fs::read(path).unwrap(),
        "seed-changji-zhengziju-2022.docx",
        "docx",
    );
    assert_eq!(outcome.status, FileStatus::Ok, "{:?}", outcome.error);
    outcome.disclosure.unwrap()
}

fn amount(d: &Disclosure, table: &str, code: &str, measure: &str) -> Decimal {
    let found: Vec<_> = d
        .line_items
        .iter()
        .filter(|i| i.table == table && i.code == code && i.measure == measure)
        .collect();
    assert_eq!(found.len(), 1, "{table} {code} {measure}: {found:?}");
    found[0].amount_yuan
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn seed_amounts_in_yuan() {
    let d = seed();
    assert_eq!(
        amount(
            &d,
            "revenue_expenditure_summary",
            "general_public_budget",
            "total"
        ),
        dec("12063372.61")
    );
    assert_eq!(
        amount(&d, "expenditure_summary", "2010302", "project"),
        dec("7140000.00")
    );
    assert_eq!(
        amount(&d, "general_budget_basic_expenditure", "30101", "total"),
        dec("1303200.00")
    );
    let vehicle_operation: Vec<_> = d
        .line_items
        .iter()
        .filter(|i| i.table == "three_public" && i.measure == "vehicle_operation")
        .collect();
    assert_eq!(vehicle_operation.len(), 1);
    assert_eq!(vehicle_operation[0].amount_yuan, dec("48000.00"));
    // A project amount printed after a line break inside its cell.
    let project: Vec<_> = d
        .line_items
        .iter()
        .filter(|i| {
            i.table == "general_budget_project_expenditure"
                && i.project == "放管服改革优化营商环境运维费"
                && i.measure == "total"
        })
        .collect();
    assert_eq!(project.len(), 1);
    assert_eq!(project[0].amount_yuan, dec("160000.00"));
}

#[test]
fn seed_document_facts() {
    let d = seed();
    assert_eq!(d.meta.fiscal_year, Some(2022));
    assert_eq!(d.meta.unit.as_deref(), Some("万元"));
    assert_eq!(
        d.meta.department.as_deref(),
        Some("昌吉州政务服务和公共资源交易管理局")
    );
    assert_eq!(
        d.meta.region.as_deref(),
        Some("新疆维吾尔自治区昌吉回族自治州")
    );
    assert!(d.tables_missing.is_empty(), "{:?}", d.tables_missing);
}

#[test]
fn seed_checks() {
    let d = seed();
    let failed = |check: &str, table: &str, code: &str| {
        d.checks.iter().any(|c| {
            c.check == check && c.table == table && c.code == code && c.status == CheckStatus::Fail
        })
    };
    // 2101102 printed as 公务员医疗补助 (the name of 2101103).
    assert!(failed("name_mismatch", "expenditure_summary", "2101102"));
    // 21011 prints 34.07 over children summing to 34.08: rounding at two decimals, not an error.
    let rollup_21011: Vec<_> = d
        .checks
        .iter()
        .filter(|c| c.check == "rollup" && c.code == "21011" && c.table == "expenditure_summary")
        .collect();
    assert!(!rollup_21011.is_empty());
    assert!(
        rollup_21011.iter().all(|c| c.status == CheckStatus::Pass),
        "{rollup_21011:?}"
    );
    let arithmetic_failures: Vec<_> = d
        .checks
        .iter()
        .filter(|c| {
            c.status == CheckStatus::Fail
                && matches!(c.check.as_str(), "rollup" | "row_identity" | "cross_table")
        })
        .collect();
    assert!(arithmetic_failures.is_empty(), "{arithmetic_failures:?}");
}
