//! The columns of every CSV file, with their types and meanings. Each file's row is a struct
//! declared once with [`rows!`]: the same declaration gives the CSV header, the values in order
//! and the Frictionless schema, so the writer cannot fill a column the schema does not list (the
//! compiler checks that every column of a row is given).

use yusuan_model::{CheckId, CheckStatus, FileStatus, IncomeSource, Measure, Scheme, TableId};

/// A column: name, Frictionless type, description.
pub type Column = (&'static str, &'static str, &'static str);

/// Declares row structs: every field a `String` column with its Frictionless type and meaning.
macro_rules! rows {
    ($(
        $(#[$meta:meta])*
        $row:ident $file:literal, $about:literal {
            $($field:ident : $ty:literal, $desc:literal;)*
        }
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct $row {
                $(#[doc = $desc] pub $field: String,)*
            }

            impl $row {
                /// The file's name without `.csv`.
                pub const FILE: &'static str = $file;
                /// What one row is.
                pub const ABOUT: &'static str = $about;
                /// The columns, in order.
                pub const COLUMNS: &'static [Column] = &[$((stringify!($field), $ty, $desc),)*];

                /// The values, in the order of [`Self::COLUMNS`].
                pub fn values(&self) -> Vec<&str> {
                    vec![$(self.$field.as_str(),)*]
                }
            }
        )*

        /// Every CSV file of the dataset: name, description, columns.
        pub const FILES: &[(&str, &str, &[Column])] = &[$(($file, $about, $row::COLUMNS),)*];
    };
}

rows! {
    /// `documents.csv`: one row per input file.
    DocumentRow "documents", "One row per input file found, whatever became of it" {
        doc_id: "string", "First 16 hex digits of the file's SHA-256 (for a byte-identical duplicate, of its hash and path, so that every row has its own id)";
        path: "string", "Path relative to the input folder";
        format: "string", "docx, doc, xlsx, pdf, or the extension of an unsupported file";
        status: "string", "ok, partial, failed, duplicate, unsupported or template";
        error: "string", "Why, for anything not ok (never set on an ok file)";
        department: "string", "The department as published";
        department_id: "string", "Stable identifier of the department across spellings and years";
        region: "string", "Province, prefecture and county of the department";
        fiscal_year: "integer", "The fiscal year the document is about";
        doc_kind: "string", "budget (预算) or final_accounts (决算)";
        scope: "string", "department (部门) or unit (单位)";
        unit: "string", "The unit printed over most tables (万元, 元)";
        pages: "integer", "Number of pages (PDF)";
        tables: "integer", "Disclosure tables recognised";
        tables_missing: "integer", "Expected tables that were not published";
        checks_failed: "integer", "Consistency checks that failed";
        line_items: "integer", "Amounts read into line_items.csv";
        staff_authorised: "integer", "编制数: authorised posts, as the overview states";
        staff_actual: "integer", "实有人数: actual staff";
        staff_serving: "integer", "在职: serving staff";
        staff_retired: "integer", "退休: retired staff";
        running_costs_yuan: "number", "机关运行经费 the explanation reports, in 元";
        procurement_yuan: "number", "政府采购预算, in 元";
        procurement_goods_yuan: "number", "of which goods (货物), in 元";
        procurement_works_yuan: "number", "of which works (工程), in 元";
        procurement_services_yuan: "number", "of which services (服务), in 元";
        vehicles: "integer", "Vehicles held (车辆)";
        vehicles_value_yuan: "number", "Their value, in 元";
        equipment_over_500k: "integer", "Large equipment of unit value over 500,000 元 (台/套)";
        equipment_over_1m: "integer", "Large equipment of unit value over 1,000,000 元 (台/套)";
        note: "string", "Worth knowing about a file read in full: a narrative without disclosure tables, a workbook that is not a disclosure";
        department_name: "string", "The department's canonical name (aliases resolved, （本级） dropped): one per department_id";
        disclosure_id: "string", "The disclosure this file is a copy of: copies in other formats and re-downloads share it";
        duplicate_of: "string", "On every copy but the preferred one: the doc_id of the preferred copy";
        preferred: "boolean", "Whether this is the copy the dataset counts (panel.csv and the SQLite views use only these)";
        companion: "string", "For a disclosure published in two files (explanation and tables): the doc_id of the other part";
        transparency_score: "number", "Transparency score, 0 to 100, from the rubric in the README";
        transparency_grade: "string", "A (≥ 90), B (≥ 80), C (≥ 70) or D";
        transparency_deductions: "string", "The points lost, each as part -points: finding, `;`-separated";
    }

    /// `line_items.csv`: one row per amount in a disclosure table.
    LineItemRow "line_items", "One row per amount in a disclosure table, in 元" {
        doc_id: "string", "Document the amount was read from";
        department_id: "string", "Stable department identifier";
        fiscal_year: "integer", "Fiscal year";
        table_id: "string", "Table kind (`final_` prefix for 决算 tables)";
        scheme: "string", "function, economic (301–399), government_economic (501–599), income or none";
        code: "string", "Canonical code (2010301, 30101, general_public_budget) or empty";
        name: "string", "Canonical name of the code";
        name_published: "string", "The row's name as printed";
        project: "string", "Project name on project-table rows";
        measure: "string", "The column's meaning (total, basic, project, personnel, actual, …)";
        amount_yuan: "number", "Exact amount in 元";
        unit: "string", "The unit printed over this table";
        page: "integer", "PDF page from 1";
        table_no: "integer", "The table's ordinal in the document, from 1";
        row_no: "integer", "Grid row, 0-based";
        col_no: "integer", "Grid column, 0-based";
        doc_kind: "string", "budget or final_accounts";
        scope: "string", "department or unit";
        department_name: "string", "The department's canonical name";
        level: "string", "class (类), section (款) or item (项) for function and economic codes";
        class_code: "string", "The class (类) of a function or economic code";
        parent_code: "string", "The code one level up";
        preferred: "boolean", "Whether the document is the preferred copy of its disclosure";
    }

    /// `tables.csv`: one row per disclosure table recognised.
    TableRow "tables", "One row per disclosure table recognised in a document, with its printed totals" {
        doc_id: "string", "Document";
        table_no: "integer", "The table's ordinal in the document, from 1";
        table_id: "string", "Table kind (`final_` prefix for 决算 tables)";
        title: "string", "The title as printed";
        page: "integer", "PDF page it starts on";
        unit: "string", "The unit printed over it";
        empty: "boolean", "Whether it printed no amount (an empty table, often with a remark)";
        line_items: "integer", "Amounts read from it into line_items.csv";
        total_yuan: "number", "Its printed grand total (总计, else 合计) of the first amount column, in 元; on two-sided tables the expenditure side";
        printed_totals: "string", "Every printed total as side:measure=amount in 元, `;`-separated (side income/expenditure on two-sided tables, `_year` for 本年…合计)";
        preferred: "boolean", "Whether the document is the preferred copy of its disclosure";
    }

    /// `checks.csv`: one row per consistency check run.
    CheckRow "checks", "One row per consistency check run on a document" {
        doc_id: "string", "Document checked";
        check_id: "string", "The check's id (the allowed values are listed in the constraint)";
        status: "string", "pass, fail or note";
        table_id: "string", "Table kind the check concerns";
        code: "string", "Code or measure the check concerns";
        expected: "string", "What it should be, as text";
        found: "string", "What was printed, as text";
        detail: "string", "Explanation";
        page: "integer", "PDF page from 1";
        table_no: "integer", "The table's ordinal in the document";
        row_no: "integer", "Grid row, 0-based";
        col_no: "integer", "Grid column, 0-based";
        expected_value: "number", "`expected` where it is a number (元, or percent for shares)";
        found_value: "number", "`found` where it is a number";
    }

    /// `narrative_facts.csv`: one row per figure stated in the narrative.
    NarrativeFactRow "narrative_facts", "One row per figure stated in the narrative" {
        doc_id: "string", "Document";
        section: "string", "Section heading";
        subject: "string", "What the figure is about";
        amount_yuan: "number", "Amount in 元";
        share_pct: "number", "Share in percent";
        change_yuan: "number", "Change on last year in 元";
        change_pct: "number", "Change on last year in percent";
        sentence: "string", "The sentence as printed";
    }

    /// `performance_targets.csv`: one row per indicator of a 项目支出绩效目标表.
    PerformanceTargetRow "performance_targets", "One row per indicator of a performance-target table" {
        doc_id: "string", "Document";
        project: "string", "Project name";
        level1: "string", "一级指标";
        level2: "string", "二级指标";
        indicator: "string", "三级指标";
        operator: "string", "=, >=, <=, >, < or empty for text";
        value: "string", "The number, or the text";
        unit: "string", "Unit after the number";
        text: "string", "The value cell as printed";
    }

    /// `projects.csv`: one row per project the explanation describes.
    ProjectRow "projects", "One row per project the explanation describes" {
        doc_id: "string", "Document";
        project: "string", "项目名称 as the explanation prints it";
        code: "string", "Function code of the matching project-table row";
        table_name: "string", "The project-table spelling, where it differs";
        amount_yuan: "number", "预算安排规模 in 元";
        table_amount_yuan: "number", "The project table's total for it, in 元";
        policy_basis: "string", "设立的政策依据";
        implementing_unit: "string", "项目承担单位";
        period: "string", "资金执行时间 / 实施周期";
    }

    /// `panel.csv`: the line items of preferred copies only, one row per department × year ×
    /// kind × scope × table × code × project × measure, ready for group-bys.
    PanelRow "panel", "One row per department, year, kind, table, code, project and measure, from preferred copies only" {
        department_id: "string", "Stable department identifier";
        department_name: "string", "The department's canonical name";
        region: "string", "Province, prefecture and county";
        fiscal_year: "integer", "Fiscal year";
        doc_kind: "string", "budget or final_accounts";
        scope: "string", "department or unit";
        table_id: "string", "Table kind";
        scheme: "string", "function, economic (301–399), government_economic (501–599), income or none";
        level: "string", "class, section or item";
        code: "string", "Canonical code";
        class_code: "string", "The class (类) of the code";
        parent_code: "string", "The code one level up";
        name: "string", "Canonical name of the code";
        project: "string", "Project name on project-table rows";
        measure: "string", "The column's meaning";
        amount_yuan: "number", "Exact amount in 元";
        doc_id: "string", "The preferred copy it was read from";
    }

    /// `codebook.csv`: every value of the dataset's vocabularies with its name.
    CodebookRow "codebook", "One row per value of a vocabulary: classification codes with their names, table ids, measures, income sources, check ids, statuses" {
        vocabulary: "string", "function, economic, government_economic, table, measure, income_source, check, status";
        code: "string", "The value as the dataset writes it";
        level: "string", "class, section or item for classification codes";
        parent_code: "string", "The code one level up";
        name: "string", "Canonical Chinese name, or what the value means";
        former_names: "string", "Earlier official names, |-separated";
        valid_from: "integer", "The first fiscal year the code had this name, where a dated change (an addition or a renaming) says so (empty: since before the tables' history)";
        valid_to: "integer", "The last fiscal year the code had this name, where a dated change (a renaming or a removal) ended it (empty: in force now)";
        corresponds_to: "string", "For an economic code: the codes of the other economic classification it corresponds to (301–399 ↔ 501–599, per 财预〔2017〕98号), |-separated";
        source: "string", "The document a dated change or a table beside the base tables rests on (empty: the base tables)";
    }
}

/// The closed vocabulary of a column, where it has one: published as a Frictionless `enum`
/// constraint, so that the data package itself tells users the allowed values. An empty field
/// ("not published") is always allowed besides these.
pub fn allowed_values(file: &str, column: &str) -> Option<Vec<String>> {
    let strings = |it: &mut dyn Iterator<Item = String>| Some(it.collect());
    match (file, column) {
        ("documents", "transparency_grade") => {
            Some(["A", "B", "C", "D"].iter().map(|g| g.to_string()).collect())
        }
        ("documents", "status") => strings(&mut FileStatus::ALL.iter().map(|s| s.as_str().into())),
        ("documents" | "line_items" | "panel", "doc_kind") => {
            Some(vec!["budget".into(), "final_accounts".into()])
        }
        ("documents" | "line_items" | "panel", "scope") => {
            Some(vec!["department".into(), "unit".into()])
        }
        ("line_items" | "checks" | "panel" | "tables", "table_id") => {
            strings(&mut TableId::all().map(|t| t.to_string()))
        }
        ("line_items" | "panel", "scheme") => {
            strings(&mut Scheme::ALL.iter().map(|s| s.as_str().into()))
        }
        ("line_items" | "panel", "measure") => {
            strings(&mut Measure::ALL.iter().map(|m| m.to_string()))
        }
        ("line_items" | "panel", "level") => {
            Some(vec!["class".into(), "section".into(), "item".into()])
        }
        ("checks", "check_id") => strings(&mut CheckId::ALL.iter().map(|c| c.to_string())),
        ("checks", "status") => strings(
            &mut [CheckStatus::Pass, CheckStatus::Fail, CheckStatus::Note]
                .iter()
                .map(|s| s.as_str().to_string()),
        ),
        _ => None,
    }
}

/// The primary key of a file, where its rows have one.
pub fn primary_key(file: &str) -> Option<Vec<&'static str>> {
    match file {
        "documents" => Some(vec!["doc_id"]),
        _ => None,
    }
}

/// The dataset's vocabularies (all but the classification codes) as codebook rows.
pub fn vocabulary_rows() -> Vec<CodebookRow> {
    let row = |vocabulary: &str, code: String, name: &str| CodebookRow {
        vocabulary: vocabulary.to_string(),
        code,
        name: name.to_string(),
        ..CodebookRow::default()
    };
    let mut out = Vec::new();
    for t in TableId::all() {
        let title = t.kind.title_zh();
        let name = if t.final_accounts {
            format!("{title}（决算）")
        } else {
            title.to_string()
        };
        out.push(row("table", t.to_string(), &name));
    }
    out.extend(
        Measure::ALL
            .iter()
            .map(|m| row("measure", m.to_string(), m.label())),
    );
    out.extend(
        IncomeSource::ALL
            .iter()
            .map(|s| row("income_source", s.to_string(), s.label())),
    );
    out.extend(
        CheckId::ALL
            .iter()
            .map(|c| row("check", c.to_string(), c.label())),
    );
    out.extend(
        FileStatus::ALL
            .iter()
            .map(|s| row("status", s.as_str().to_string(), s.label())),
    );
    out
}

/// The dataset contract as Markdown, generated from the row declarations above, so that the
/// document shipped in the repository (`docs/dataset.md`) cannot drift from what is written.
pub fn contract_markdown() -> String {
    let mut out = String::from(
        "# The dataset contract\n\n\
         Generated from `crates/yusuan-consolidate/src/schema.rs` (a test fails when this file is \
         out of date; `UPDATE_CONTRACT=1 cargo test -p yusuan-consolidate contract` rewrites it).\n\n\
         What `yusuan run <INPUT_DIR> --out <OUT_DIR>` writes. Every CSV is UTF-8 with a byte order \
         mark (so that Excel reads it), RFC 4180, with a header row. Money is an exact decimal in \
         元; an empty field means \"not published\", never zero. Besides the CSV files: \
         `documents.jsonl` (one JSON object per file, everything nested, with the raw extracted \
         tables), `datapackage.json` (a Frictionless Tabular Data Package describing every CSV, \
         with the allowed values, keys, licence, version and a record of the run) and \
         `yusuan.sqlite` (the same tables; numbers as REAL with the exact text in \
         `<column>_text`; a view `department_year_totals` over preferred copies).\n\n\
         The allowed values of `table_id`, `measure`, `check_id` and the classification codes, with \
         their names, are listed in `codebook.csv`.\n",
    );
    for (file, about, columns) in FILES {
        out.push_str(&format!("\n## {file}.csv\n\n{about}.\n\n"));
        if let Some(key) = primary_key(file) {
            out.push_str(&format!("Primary key: `{}`.\n\n", key.join("`, `")));
        }
        out.push_str("| column | type | meaning |\n|---|---|---|\n");
        for (name, ty, desc) in columns.iter() {
            let mut meaning = desc.replace('|', "\\|");
            if let Some(values) = allowed_values(file, name) {
                if values.len() <= 12 {
                    meaning.push_str(&format!(" (one of: `{}`)", values.join("`, `")));
                } else {
                    meaning.push_str(&format!(
                        " ({} values, listed in codebook.csv)",
                        values.len()
                    ));
                }
            }
            out.push_str(&format!("| `{name}` | {ty} | {meaning} |\n"));
        }
    }
    out
}
