//! Writing the dataset files atomically.

use std::borrow::Borrow;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use yusuan_model::{Code, CodebookEntry, FileOutcome, FileStatus, Location};

use crate::schema::{
    self, CheckRow, CodebookRow, Column, DocumentRow, LineItemRow, NarrativeFactRow, PanelRow,
    PerformanceTargetRow, ProjectRow, TableRow,
};
use crate::{Result, WriteError};

/// Counts for the run's closing line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Files listed.
    pub files: usize,
    /// Files per status, in the order of [`FileStatus::ALL`]: ok, partial, failed, duplicate,
    /// unsupported, template.
    pub by_status: [usize; 6],
    /// Disclosures counted once (preferred copies).
    pub disclosures: usize,
    /// Line items written.
    pub line_items: usize,
    /// Checks that failed.
    pub checks_failed: usize,
}

/// What a dataset carries besides the outcomes: the classification codes for the codebook, and
/// a record of how the run was made for `datapackage.json`.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Classification codes (function, economic) with their names.
    pub codes: Vec<CodebookEntry>,
    /// How the run was made (version, settings, time, input count), as JSON.
    pub run: Option<serde_json::Value>,
}

/// Excel (in a Chinese locale) reads a CSV as UTF-8 only when it starts with a byte order
/// mark; pandas, R, DuckDB and the Frictionless tools skip it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn csv_err(what: &str) -> impl FnOnce(csv::Error) -> WriteError + '_ {
    move |e| WriteError::Serialise {
        what: what.to_string(),
        message: e.to_string(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn loc_fields(l: &Location) -> [String; 4] {
    [opt(l.page), opt(l.table_no), opt(l.row), opt(l.col)]
}

fn csv_writer(dir: &Path, name: &str, columns: &[Column]) -> Result<csv::Writer<BufWriter<File>>> {
    let path = dir.join(format!("{name}.csv"));
    let file = File::create(&path).map_err(io_err(&path))?;
    let mut out = BufWriter::new(file);
    out.write_all(BOM).map_err(io_err(&path))?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(columns.iter().map(|c| c.0))
        .map_err(csv_err(name))?;
    Ok(w)
}

/// Write the whole dataset for these outcomes into `out_dir` (created if needed).
/// Outcomes are consumed one at a time, so a caller can stream them (from disk) without holding
/// every document in memory.
pub fn write_dataset<I>(outcomes: I, out_dir: &Path) -> Result<Summary>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<FileOutcome>,
{
    write_dataset_with(outcomes, out_dir, &Extras::default())
}

/// [`write_dataset`], with the codebook's classification codes and the run record.
pub fn write_dataset_with<I>(outcomes: I, out_dir: &Path, extras: &Extras) -> Result<Summary>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<FileOutcome>,
{
    fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let tmp: PathBuf = out_dir.join(format!(".yusuan-tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
    let result = write_all(outcomes, &tmp, extras);
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let mut names: Vec<String> = schema::FILES
        .iter()
        .map(|f| format!("{}.csv", f.0))
        .collect();
    names.push("documents.jsonl".into());
    names.push("datapackage.json".into());
    names.push("yusuan.sqlite".into());
    for name in &names {
        let to = out_dir.join(name);
        fs::rename(tmp.join(name), &to).map_err(io_err(&to))?;
    }
    fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    Ok(summary)
}

fn write_all<I>(outcomes: I, dir: &Path, extras: &Extras) -> Result<Summary>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<FileOutcome>,
{
    let mut docs = csv_writer(dir, DocumentRow::FILE, DocumentRow::COLUMNS)?;
    let mut items = csv_writer(dir, LineItemRow::FILE, LineItemRow::COLUMNS)?;
    let mut checks = csv_writer(dir, CheckRow::FILE, CheckRow::COLUMNS)?;
    let mut tables = csv_writer(dir, TableRow::FILE, TableRow::COLUMNS)?;
    let mut facts = csv_writer(dir, NarrativeFactRow::FILE, NarrativeFactRow::COLUMNS)?;
    let mut targets = csv_writer(
        dir,
        PerformanceTargetRow::FILE,
        PerformanceTargetRow::COLUMNS,
    )?;
    let mut projects = csv_writer(dir, ProjectRow::FILE, ProjectRow::COLUMNS)?;
    let mut panel = csv_writer(dir, PanelRow::FILE, PanelRow::COLUMNS)?;
    let jsonl_path = dir.join("documents.jsonl");
    let mut jsonl = BufWriter::new(File::create(&jsonl_path).map_err(io_err(&jsonl_path))?);
    let mut summary = Summary::default();

    for item in outcomes {
        let o: &FileOutcome = item.borrow();
        summary.files += 1;
        if let Some(i) = FileStatus::ALL.iter().position(|s| *s == o.status) {
            summary.by_status[i] += 1;
        }
        if o.copies.preferred {
            summary.disclosures += 1;
        }
        let d = o.disclosure.as_ref();
        let meta = d.map(|d| &d.meta);
        let rep = d.map(|d| &d.reported);
        let dept_id = opt(meta.and_then(|m| m.department_id.clone()));
        let dept_name = opt(meta.and_then(|m| m.department_canonical.clone()));
        let year = opt(meta.and_then(|m| m.fiscal_year));
        let kind = opt(meta.and_then(|m| m.doc_kind.map(|k| k.as_str())));
        let scope = opt(meta.and_then(|m| m.scope.map(|s| s.as_str())));
        let preferred = o.copies.preferred.to_string();
        let n_failed = d.map(|d| d.checks_failed()).unwrap_or(0);
        summary.checks_failed += n_failed;
        let row = DocumentRow {
            doc_id: o.doc_id.clone(),
            path: o.path.clone(),
            format: o.format.clone(),
            status: o.status.as_str().to_string(),
            error: opt(o.error.clone()),
            department: opt(meta.and_then(|m| m.department.clone())),
            department_id: dept_id.clone(),
            region: opt(meta.and_then(|m| m.region.clone())),
            fiscal_year: year.clone(),
            doc_kind: kind.clone(),
            scope: scope.clone(),
            unit: opt(meta.and_then(|m| m.unit.clone())),
            pages: opt(o.pages),
            tables: opt(d.map(|d| d.tables.len())),
            tables_missing: opt(d.map(|d| d.tables_missing.len())),
            checks_failed: opt(d.map(|_| n_failed)),
            line_items: opt(d.map(|d| d.line_items.len())),
            staff_authorised: opt(meta.and_then(|m| m.staffing.authorised)),
            staff_actual: opt(meta.and_then(|m| m.staffing.actual)),
            staff_serving: opt(meta.and_then(|m| m.staffing.serving)),
            staff_retired: opt(meta.and_then(|m| m.staffing.retired)),
            running_costs_yuan: opt(rep.and_then(|r| r.running_costs_yuan)),
            procurement_yuan: opt(rep.and_then(|r| r.procurement_yuan)),
            procurement_goods_yuan: opt(rep.and_then(|r| r.procurement_goods_yuan)),
            procurement_works_yuan: opt(rep.and_then(|r| r.procurement_works_yuan)),
            procurement_services_yuan: opt(rep.and_then(|r| r.procurement_services_yuan)),
            vehicles: opt(rep.and_then(|r| r.vehicles)),
            vehicles_value_yuan: opt(rep.and_then(|r| r.vehicles_value_yuan)),
            equipment_over_500k: opt(rep.and_then(|r| r.equipment_over_500k)),
            equipment_over_1m: opt(rep.and_then(|r| r.equipment_over_1m)),
            note: opt(o.note.clone()),
            department_name: dept_name.clone(),
            disclosure_id: opt(o.copies.disclosure_id.clone()),
            duplicate_of: opt(o.copies.duplicate_of.clone()),
            preferred: preferred.clone(),
            transparency_score: opt(d.map(|d| d.transparency.score)),
            transparency_grade: opt(d.map(|d| d.transparency.grade.clone())),
            transparency_deductions: d
                .map(|d| {
                    d.transparency
                        .deductions
                        .iter()
                        .map(|x| format!("{} -{}: {}", x.part, x.points, x.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default(),
        };
        docs.write_record(row.values())
            .map_err(csv_err("documents"))?;

        if let Some(d) = d {
            for li in &d.line_items {
                summary.line_items += 1;
                let [page, table_no, row_no, col_no] = loc_fields(&li.location);
                let code = Code::new(li.scheme, &li.code);
                let level = opt(code.and_then(|c| c.level()).map(|l| l.as_str()));
                let class_code = opt(code.map(|c| c.class()));
                let parent_code = opt(code.and_then(|c| c.parent()));
                let row = LineItemRow {
                    doc_id: o.doc_id.clone(),
                    department_id: dept_id.clone(),
                    fiscal_year: year.clone(),
                    table_id: li.table.to_string(),
                    scheme: li.scheme.as_str().to_string(),
                    code: li.code.clone(),
                    name: li.name.clone(),
                    name_published: li.name_published.clone(),
                    project: li.project.clone(),
                    measure: li.measure.to_string(),
                    amount_yuan: li.amount_yuan.to_string(),
                    unit: li.unit.clone(),
                    page,
                    table_no,
                    row_no,
                    col_no,
                    doc_kind: kind.clone(),
                    scope: scope.clone(),
                    department_name: dept_name.clone(),
                    level: level.clone(),
                    class_code: class_code.clone(),
                    parent_code: parent_code.clone(),
                    preferred: preferred.clone(),
                };
                items
                    .write_record(row.values())
                    .map_err(csv_err("line_items"))?;
                if o.copies.preferred {
                    let row = PanelRow {
                        department_id: dept_id.clone(),
                        department_name: dept_name.clone(),
                        region: opt(meta.and_then(|m| m.region.clone())),
                        fiscal_year: year.clone(),
                        doc_kind: kind.clone(),
                        scope: scope.clone(),
                        table_id: li.table.to_string(),
                        scheme: li.scheme.as_str().to_string(),
                        level,
                        code: li.code.clone(),
                        class_code,
                        parent_code,
                        name: li.name.clone(),
                        project: li.project.clone(),
                        measure: li.measure.to_string(),
                        amount_yuan: li.amount_yuan.to_string(),
                        doc_id: o.doc_id.clone(),
                    };
                    panel.write_record(row.values()).map_err(csv_err("panel"))?;
                }
            }
            for t in &d.tables {
                let main = t
                    .totals
                    .iter()
                    .filter(|p| matches!(p.side.as_str(), "" | "expenditure"))
                    .find(|p| {
                        matches!(
                            p.measure,
                            yusuan_model::Measure::Total | yusuan_model::Measure::Actual
                        )
                    });
                let printed: Vec<String> = t
                    .totals
                    .iter()
                    .map(|p| format!("{}:{}={}", p.side, p.measure, p.amount_yuan))
                    .collect();
                let row = TableRow {
                    doc_id: o.doc_id.clone(),
                    table_no: t.table_no.to_string(),
                    table_id: t.id().to_string(),
                    title: t.title.clone(),
                    page: opt(t.page),
                    unit: opt(t.unit.clone()),
                    empty: t.empty.to_string(),
                    line_items: d
                        .line_items
                        .iter()
                        .filter(|i| i.location.table_no == Some(t.table_no))
                        .count()
                        .to_string(),
                    total_yuan: opt(main.map(|p| p.amount_yuan)),
                    printed_totals: printed.join(";"),
                    preferred: preferred.clone(),
                };
                tables
                    .write_record(row.values())
                    .map_err(csv_err("tables"))?;
            }
            for c in &d.checks {
                let [page, table_no, row_no, col_no] = loc_fields(&c.location);
                let number = |s: &str| {
                    s.parse::<rust_decimal::Decimal>()
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                };
                let row = CheckRow {
                    doc_id: o.doc_id.clone(),
                    check_id: c.check.to_string(),
                    status: c.status.as_str().to_string(),
                    table_id: opt(c.table),
                    code: c.code.clone(),
                    expected: c.expected.clone(),
                    found: c.found.clone(),
                    detail: c.detail.clone(),
                    page,
                    table_no,
                    row_no,
                    col_no,
                    expected_value: number(&c.expected),
                    found_value: number(&c.found),
                };
                checks
                    .write_record(row.values())
                    .map_err(csv_err("checks"))?;
            }
            for f in &d.narrative_facts {
                let row = NarrativeFactRow {
                    doc_id: o.doc_id.clone(),
                    section: f.section.clone(),
                    subject: f.subject.clone(),
                    amount_yuan: opt(f.amount_yuan),
                    share_pct: opt(f.share_pct),
                    change_yuan: opt(f.change_yuan),
                    change_pct: opt(f.change_pct),
                    sentence: f.sentence.clone(),
                };
                facts
                    .write_record(row.values())
                    .map_err(csv_err("narrative_facts"))?;
            }
            for t in &d.performance_targets {
                let row = PerformanceTargetRow {
                    doc_id: o.doc_id.clone(),
                    project: t.project.clone(),
                    level1: t.level1.clone(),
                    level2: t.level2.clone(),
                    indicator: t.indicator.clone(),
                    operator: t.operator.clone(),
                    value: t.value.clone(),
                    unit: t.unit.clone(),
                    text: t.text.clone(),
                };
                targets
                    .write_record(row.values())
                    .map_err(csv_err("performance_targets"))?;
            }
            for p in &d.projects {
                let row = ProjectRow {
                    doc_id: o.doc_id.clone(),
                    project: p.name.clone(),
                    code: p.code.clone(),
                    table_name: p.table_name.clone(),
                    amount_yuan: opt(p.amount_yuan),
                    table_amount_yuan: opt(p.table_amount_yuan),
                    policy_basis: p.policy_basis.clone(),
                    implementing_unit: p.implementing_unit.clone(),
                    period: p.period.clone(),
                };
                projects
                    .write_record(row.values())
                    .map_err(csv_err("projects"))?;
            }
        }
        let line = serde_json::to_string(o).map_err(|e| WriteError::Serialise {
            what: format!("documents.jsonl ({})", o.path),
            message: e.to_string(),
        })?;
        jsonl
            .write_all(line.as_bytes())
            .and_then(|_| jsonl.write_all(b"\n"))
            .map_err(io_err(&jsonl_path))?;
    }
    let mut codebook = csv_writer(dir, CodebookRow::FILE, CodebookRow::COLUMNS)?;
    let codes = extras.codes.iter().map(|e| CodebookRow {
        vocabulary: e.vocabulary.clone(),
        code: e.code.clone(),
        level: e.level.clone(),
        parent_code: e.parent_code.clone(),
        name: e.name.clone(),
        former_names: e.former_names.clone(),
    });
    for row in codes.chain(schema::vocabulary_rows()) {
        codebook
            .write_record(row.values())
            .map_err(csv_err("codebook"))?;
    }
    for (w, name) in [
        (docs, "documents"),
        (items, "line_items"),
        (checks, "checks"),
        (tables, "tables"),
        (facts, "narrative_facts"),
        (targets, "performance_targets"),
        (projects, "projects"),
        (panel, "panel"),
        (codebook, "codebook"),
    ] {
        let path = dir.join(format!("{name}.csv"));
        w.into_inner()
            .map_err(|e| WriteError::Serialise {
                what: name.into(),
                message: e.to_string(),
            })?
            .flush()
            .map_err(io_err(&path))?;
    }
    jsonl.flush().map_err(io_err(&jsonl_path))?;
    let dp_path = dir.join("datapackage.json");
    let text =
        serde_json::to_string_pretty(&datapackage_with(extras.run.clone())).expect("static JSON");
    fs::write(&dp_path, text + "\n").map_err(io_err(&dp_path))?;
    crate::sqlite::write_sqlite(dir)?;
    Ok(summary)
}

/// The Frictionless Tabular Data Package descriptor, without a run record.
pub fn datapackage() -> serde_json::Value {
    datapackage_with(None)
}

/// The Frictionless Tabular Data Package descriptor: a schema for every CSV with the allowed
/// values of each closed vocabulary, primary and foreign keys, licence and version, and (when
/// given) the record of the run under `yusuan_run`.
pub fn datapackage_with(run: Option<serde_json::Value>) -> serde_json::Value {
    let resources: Vec<serde_json::Value> = schema::FILES
        .iter()
        .map(|(name, description, columns)| {
            let fields: Vec<serde_json::Value> = columns
                .iter()
                .map(|(n, t, d)| {
                    let mut field = json!({"name": n, "type": t, "description": d});
                    if *t == "boolean" {
                        field["trueValues"] = json!(["true"]);
                        field["falseValues"] = json!(["false"]);
                    }
                    if let Some(values) = schema::allowed_values(name, n) {
                        field["constraints"] = json!({ "enum": values });
                    }
                    field
                })
                .collect();
            let mut schema_json = json!({ "fields": fields, "missingValues": [""] });
            if let Some(key) = schema::primary_key(name) {
                schema_json["primaryKey"] = json!(key);
            }
            if columns.iter().any(|c| c.0 == "doc_id") && *name != "documents" && *name != "panel" {
                schema_json["foreignKeys"] = json!([{
                    "fields": "doc_id",
                    "reference": { "resource": "documents", "fields": "doc_id" }
                }]);
            }
            json!({
                "name": name,
                "path": format!("{name}.csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": description,
                "schema": schema_json,
            })
        })
        .collect();
    let mut package = json!({
        "name": "yusuan-budget-disclosures",
        "title": "Chinese government department budget disclosures, read by yusuan",
        "profile": "tabular-data-package",
        "version": env!("CARGO_PKG_VERSION"),
        "licenses": [{
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/"
        }],
        "resources": resources,
    });
    if let Some(run) = run {
        package["yusuan_run"] = run;
    }
    package
}
