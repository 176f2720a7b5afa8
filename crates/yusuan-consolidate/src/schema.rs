//! The columns of every CSV file, with their types and meanings: one list serves the CSV
//! headers and the Frictionless schemas, so the two cannot drift apart.

/// A column: name, Frictionless type, description.
pub type Column = (&'static str, &'static str, &'static str);

/// `documents.csv`: one row per input file.
pub const DOCUMENTS: &[Column] = &[
    (
        "doc_id",
        "string",
        "First 16 hex digits of the file's SHA-256",
    ),
    ("path", "string", "Path relative to the input folder"),
    (
        "format",
        "string",
        "docx, doc, pdf, or the extension of an unsupported file",
    ),
    (
        "status",
        "string",
        "ok, partial, failed, duplicate or unsupported",
    ),
    ("error", "string", "Why, for anything not ok"),
    ("department", "string", "The department as published"),
    (
        "department_id",
        "string",
        "Stable identifier of the department across spellings and years",
    ),
    (
        "region",
        "string",
        "Province, prefecture and county of the department",
    ),
    (
        "fiscal_year",
        "integer",
        "The fiscal year the document is about",
    ),
    (
        "doc_kind",
        "string",
        "budget (预算) or final_accounts (决算)",
    ),
    ("scope", "string", "department (部门) or unit (单位)"),
    (
        "unit",
        "string",
        "The unit printed over most tables (万元, 元)",
    ),
    ("pages", "integer", "Number of pages (PDF)"),
    ("tables", "integer", "Disclosure tables recognised"),
    (
        "tables_missing",
        "integer",
        "Expected tables that were not published",
    ),
    ("checks_failed", "integer", "Consistency checks that failed"),
    ("line_items", "integer", "Amounts read into line_items.csv"),
    (
        "staff_authorised",
        "integer",
        "编制数: authorised posts, as the overview states",
    ),
    ("staff_actual", "integer", "实有人数: actual staff"),
    ("staff_serving", "integer", "在职: serving staff"),
    ("staff_retired", "integer", "退休: retired staff"),
    (
        "running_costs_yuan",
        "number",
        "机关运行经费 the explanation reports, in 元",
    ),
    ("procurement_yuan", "number", "政府采购预算, in 元"),
    (
        "procurement_goods_yuan",
        "number",
        "of which goods (货物), in 元",
    ),
    (
        "procurement_works_yuan",
        "number",
        "of which works (工程), in 元",
    ),
    (
        "procurement_services_yuan",
        "number",
        "of which services (服务), in 元",
    ),
    ("vehicles", "integer", "Vehicles held (车辆)"),
    ("vehicles_value_yuan", "number", "Their value, in 元"),
    (
        "equipment_over_500k",
        "integer",
        "Large equipment over 500,000 元 a unit (台/套)",
    ),
    (
        "equipment_over_1m",
        "integer",
        "Large equipment over 1,000,000 元 a unit (台/套)",
    ),
];

/// `projects.csv`: one row per project the explanation describes.
pub const PROJECTS: &[Column] = &[
    ("doc_id", "string", "Document"),
    ("project", "string", "项目名称 as the explanation prints it"),
    (
        "code",
        "string",
        "Function code of the matching project-table row",
    ),
    (
        "table_name",
        "string",
        "The project-table spelling, where it differs",
    ),
    ("amount_yuan", "number", "预算安排规模 in 元"),
    (
        "table_amount_yuan",
        "number",
        "The project table's total for it, in 元",
    ),
    ("policy_basis", "string", "设立的政策依据"),
    ("implementing_unit", "string", "项目承担单位"),
    ("period", "string", "资金执行时间"),
];

/// `line_items.csv`: one row per amount in a disclosure table.
pub const LINE_ITEMS: &[Column] = &[
    ("doc_id", "string", "Document the amount was printed in"),
    ("department_id", "string", "Department identifier"),
    ("fiscal_year", "integer", "Fiscal year"),
    (
        "table",
        "string",
        "Table kind (final_ prefix for final accounts)",
    ),
    ("scheme", "string", "function, economic, income or none"),
    (
        "code",
        "string",
        "Canonical code (2010301, 30101, general_public_budget) or empty",
    ),
    ("name", "string", "Canonical name of the code"),
    ("name_published", "string", "The row's name as printed"),
    ("project", "string", "Project name on project-table rows"),
    (
        "measure",
        "string",
        "The column's meaning (total, basic, project, personnel, …)",
    ),
    ("amount_yuan", "number", "Exact amount in 元"),
    ("unit", "string", "The unit printed over this table"),
    ("page", "integer", "PDF page from 1"),
    (
        "table_no",
        "integer",
        "The table's ordinal in the document, from 1",
    ),
    ("row", "integer", "Grid row, 0-based"),
    ("col", "integer", "Grid column, 0-based"),
];

/// `checks.csv`: one row per consistency check run.
pub const CHECKS: &[Column] = &[
    ("doc_id", "string", "Document checked"),
    ("check", "string", "rollup, row_identity, cross_table, narrative_mismatch, name_mismatch, unknown_code, missing_table"),
    ("status", "string", "pass, fail or note"),
    ("table", "string", "Table kind the check concerns"),
    ("code", "string", "Code or measure the check concerns"),
    ("expected", "string", "What it should be"),
    ("found", "string", "What was printed"),
    ("detail", "string", "Explanation"),
    ("page", "integer", "PDF page from 1"),
    ("table_no", "integer", "The table's ordinal in the document"),
    ("row", "integer", "Grid row, 0-based"),
    ("col", "integer", "Grid column, 0-based"),
];

/// `narrative_facts.csv`: one row per figure stated in the narrative.
pub const NARRATIVE_FACTS: &[Column] = &[
    ("doc_id", "string", "Document"),
    ("section", "string", "Section heading"),
    ("subject", "string", "What the figure is about"),
    ("amount_yuan", "number", "Amount in 元"),
    ("share_pct", "number", "Share in percent"),
    ("change_yuan", "number", "Change on last year in 元"),
    ("change_pct", "number", "Change on last year in percent"),
    ("sentence", "string", "The sentence as printed"),
];

/// `performance_targets.csv`: one row per indicator of a 项目支出绩效目标表.
pub const PERFORMANCE_TARGETS: &[Column] = &[
    ("doc_id", "string", "Document"),
    ("project", "string", "Project name"),
    ("level1", "string", "一级指标"),
    ("level2", "string", "二级指标"),
    ("indicator", "string", "三级指标"),
    ("operator", "string", "=, >=, <=, >, < or empty for text"),
    ("value", "string", "The number, or the text"),
    ("unit", "string", "Unit after the number"),
    ("text", "string", "The value cell as printed"),
];

/// Every CSV file of the dataset with its columns, in the order they are described.
pub const FILES: &[(&str, &str, &[Column])] = &[
    (
        "documents",
        "One row per input file found, whatever became of it",
        DOCUMENTS,
    ),
    (
        "line_items",
        "One row per amount in a disclosure table, in 元",
        LINE_ITEMS,
    ),
    (
        "checks",
        "One row per consistency check run on a document",
        CHECKS,
    ),
    (
        "narrative_facts",
        "One row per figure stated in the narrative",
        NARRATIVE_FACTS,
    ),
    (
        "performance_targets",
        "One row per indicator of a performance-target table",
        PERFORMANCE_TARGETS,
    ),
    (
        "projects",
        "One row per project the explanation describes",
        PROJECTS,
    ),
];
