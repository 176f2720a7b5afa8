//! Writing the dataset files atomically.

use std::borrow::Borrow;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use yusuan_model::{FileOutcome, FileStatus, Location};

use crate::schema::{self, Column};
use crate::{Result, WriteError};

/// Counts for the run's closing line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Files listed.
    pub files: usize,
    /// Files per status, in the order ok, partial, failed, duplicate, unsupported.
    pub by_status: [usize; 5],
    /// Line items written.
    pub line_items: usize,
    /// Checks that failed.
    pub checks_failed: usize,
}

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
    let mut w = csv::Writer::from_writer(BufWriter::new(file));
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
    fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let tmp: PathBuf = out_dir.join(format!(".yusuan-tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
    let result = write_all(outcomes, &tmp);
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

fn write_all<I>(outcomes: I, dir: &Path) -> Result<Summary>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<FileOutcome>,
{
    let mut docs = csv_writer(dir, "documents", schema::DOCUMENTS)?;
    let mut items = csv_writer(dir, "line_items", schema::LINE_ITEMS)?;
    let mut checks = csv_writer(dir, "checks", schema::CHECKS)?;
    let mut facts = csv_writer(dir, "narrative_facts", schema::NARRATIVE_FACTS)?;
    let mut targets = csv_writer(dir, "performance_targets", schema::PERFORMANCE_TARGETS)?;
    let mut projects = csv_writer(dir, "projects", schema::PROJECTS)?;
    let jsonl_path = dir.join("documents.jsonl");
    let mut jsonl = BufWriter::new(File::create(&jsonl_path).map_err(io_err(&jsonl_path))?);
    let mut summary = Summary::default();

    for item in outcomes {
        let o: &FileOutcome = item.borrow();
        summary.files += 1;
        summary.by_status[match o.status {
            FileStatus::Ok => 0,
            FileStatus::Partial => 1,
            FileStatus::Failed => 2,
            FileStatus::Duplicate => 3,
            FileStatus::Unsupported => 4,
        }] += 1;
        let d = o.disclosure.as_ref();
        let meta = d.map(|d| &d.meta);
        let rep = d.map(|d| &d.reported);
        let dept_id = meta
            .and_then(|m| m.department_id.clone())
            .unwrap_or_default();
        let year = opt(meta.and_then(|m| m.fiscal_year));
        let n_failed = d.map(|d| d.checks_failed()).unwrap_or(0);
        summary.checks_failed += n_failed;
        docs.write_record([
            o.doc_id.clone(),
            o.path.clone(),
            o.format.clone(),
            o.status.as_str().to_string(),
            o.error.clone().unwrap_or_default(),
            opt(meta.and_then(|m| m.department.clone())),
            dept_id.clone(),
            opt(meta.and_then(|m| m.region.clone())),
            year.clone(),
            opt(meta.and_then(|m| m.doc_kind.map(|k| k.as_str()))),
            opt(meta.and_then(|m| m.scope.map(|s| s.as_str()))),
            opt(meta.and_then(|m| m.unit.clone())),
            opt(o.pages),
            opt(d.map(|d| d.tables.len())),
            opt(d.map(|d| d.tables_missing.len())),
            opt(d.map(|_| n_failed)),
            opt(d.map(|d| d.line_items.len())),
            opt(meta.and_then(|m| m.staffing.authorised)),
            opt(meta.and_then(|m| m.staffing.actual)),
            opt(meta.and_then(|m| m.staffing.serving)),
            opt(meta.and_then(|m| m.staffing.retired)),
            opt(rep.and_then(|r| r.running_costs_yuan)),
            opt(rep.and_then(|r| r.procurement_yuan)),
            opt(rep.and_then(|r| r.procurement_goods_yuan)),
            opt(rep.and_then(|r| r.procurement_works_yuan)),
            opt(rep.and_then(|r| r.procurement_services_yuan)),
            opt(rep.and_then(|r| r.vehicles)),
            opt(rep.and_then(|r| r.vehicles_value_yuan)),
            opt(rep.and_then(|r| r.equipment_over_500k)),
            opt(rep.and_then(|r| r.equipment_over_1m)),
        ])
        .map_err(csv_err("documents"))?;

        if let Some(d) = d {
            for li in &d.line_items {
                summary.line_items += 1;
                let [page, table_no, row, col] = loc_fields(&li.location);
                items
                    .write_record([
                        o.doc_id.as_str(),
                        &dept_id,
                        &year,
                        &li.table.to_string(),
                        li.scheme.as_str(),
                        &li.code,
                        &li.name,
                        &li.name_published,
                        &li.project,
                        li.measure.as_str(),
                        &li.amount_yuan.to_string(),
                        &li.unit,
                        &page,
                        &table_no,
                        &row,
                        &col,
                    ])
                    .map_err(csv_err("line_items"))?;
            }
            for c in &d.checks {
                let [page, table_no, row, col] = loc_fields(&c.location);
                checks
                    .write_record([
                        o.doc_id.as_str(),
                        c.check.as_str(),
                        c.status.as_str(),
                        &c.table.map(|t| t.to_string()).unwrap_or_default(),
                        &c.code,
                        &c.expected,
                        &c.found,
                        &c.detail,
                        &page,
                        &table_no,
                        &row,
                        &col,
                    ])
                    .map_err(csv_err("checks"))?;
            }
            for f in &d.narrative_facts {
                facts
                    .write_record([
                        o.doc_id.clone(),
                        f.section.clone(),
                        f.subject.clone(),
                        opt(f.amount_yuan),
                        opt(f.share_pct),
                        opt(f.change_yuan),
                        opt(f.change_pct),
                        f.sentence.clone(),
                    ])
                    .map_err(csv_err("narrative_facts"))?;
            }
            for t in &d.performance_targets {
                targets
                    .write_record([
                        &o.doc_id,
                        &t.project,
                        &t.level1,
                        &t.level2,
                        &t.indicator,
                        &t.operator,
                        &t.value,
                        &t.unit,
                        &t.text,
                    ])
                    .map_err(csv_err("performance_targets"))?;
            }
        }
        for p in d.map(|d| d.projects.as_slice()).unwrap_or_default() {
            projects
                .write_record([
                    o.doc_id.clone(),
                    p.name.clone(),
                    p.code.clone(),
                    p.table_name.clone(),
                    opt(p.amount_yuan),
                    opt(p.table_amount_yuan),
                    p.policy_basis.clone(),
                    p.implementing_unit.clone(),
                    p.period.clone(),
                ])
                .map_err(csv_err("projects"))?;
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
    for (w, name) in [
        (docs, "documents"),
        (items, "line_items"),
        (checks, "checks"),
        (facts, "narrative_facts"),
        (targets, "performance_targets"),
        (projects, "projects"),
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
    let text = serde_json::to_string_pretty(&datapackage()).expect("static JSON");
    fs::write(&dp_path, text + "\n").map_err(io_err(&dp_path))?;
    crate::sqlite::write_sqlite(dir)?;
    Ok(summary)
}

/// The Frictionless Tabular Data Package descriptor.
pub fn datapackage() -> serde_json::Value {
    let resources: Vec<serde_json::Value> = schema::FILES
        .iter()
        .map(|(name, description, columns)| {
            json!({
                "name": name,
                "path": format!("{name}.csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": {
                    "fields": columns.iter().map(|(n, t, d)| {
                        let mut field = json!({"name": n, "type": t, "description": d});
                        if let Some(values) = schema::allowed_values(name, n) {
                            field["constraints"] = json!({ "enum": values });
                        }
                        field
                    }).collect::<Vec<_>>(),
                    "missingValues": [""],
                },
            })
        })
        .collect();
    json!({
        "name": "yusuan-budget-disclosures",
        "title": "Chinese government department budget disclosures, read by yusuan",
        "profile": "tabular-data-package",
        "resources": resources,
    })
}
