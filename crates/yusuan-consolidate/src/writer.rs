//! Writing the dataset files: every row of every file from one pass over the outcomes, into a
//! staging folder that [`crate::swap`] then puts in place whole.

use std::borrow::Borrow;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::json;
use yusuan_model::{CodebookEntry, FileOutcome, FileStatus};

use crate::rows;
use crate::schema::{
    self, CheckRow, CodebookRow, Column, DocumentRow, LineItemRow, NarrativeFactRow, PanelRow,
    PerformanceTargetRow, ProjectRow, TableRow,
};
use crate::{swap, Result, WriteError};

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

impl Summary {
    /// Count one file.
    fn count(&mut self, o: &FileOutcome) {
        self.files += 1;
        if let Some(i) = FileStatus::ALL.iter().position(|s| *s == o.status) {
            self.by_status[i] += 1;
        }
        // A disclosure counts once: its preferred copy (of two parts, the one with the tables).
        if o.copies.preferred
            && o.disclosure
                .as_ref()
                .is_some_and(|d| !d.line_items.is_empty())
        {
            self.disclosures += 1;
        }
        if let Some(d) = &o.disclosure {
            self.line_items += d.line_items.len();
            self.checks_failed += d.checks_failed();
        }
    }
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
        source: e.into(),
    }
}

/// A CSV file being written.
type CsvWriter = csv::Writer<BufWriter<File>>;

fn csv_writer(dir: &Path, name: &str, columns: &[Column]) -> Result<CsvWriter> {
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
    let files = dataset_files();
    let staging = swap::stage(out_dir, &files).map_err(io_err(out_dir))?;
    let summary = match write_all(outcomes, &staging.next, extras) {
        Ok(s) => s,
        Err(e) => {
            swap::abandon(&staging);
            return Err(e);
        }
    };
    swap::switch(&staging, &files).map_err(io_err(&staging.out))?;
    Ok(summary)
}

/// The names of the files a dataset is made of.
pub(crate) fn dataset_files() -> Vec<String> {
    let mut names: Vec<String> = schema::FILES
        .iter()
        .map(|f| format!("{}.csv", f.0))
        .collect();
    names.push("documents.jsonl".into());
    names.push("datapackage.json".into());
    names.push("yusuan.sqlite".into());
    names
}

/// Finish or undo the switch of a dataset that a run stopped part way through (see
/// the `swap` module); a caller that lists `out_dir`'s surroundings before writing (a run whose
/// output lies inside its input) calls this first.
pub fn recover(out_dir: &Path) -> Result<()> {
    swap::recover(out_dir, &dataset_files()).map_err(io_err(out_dir))
}

fn write_all<I>(outcomes: I, dir: &Path, extras: &Extras) -> Result<Summary>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<FileOutcome>,
{
    let mut files = Files::create(dir)?;
    let mut summary = Summary::default();
    for item in outcomes {
        let o: &FileOutcome = item.borrow();
        summary.count(o);
        files.write(o)?;
    }
    files.finish(dir, extras)?;
    let dp_path = dir.join("datapackage.json");
    let text =
        serde_json::to_string_pretty(&datapackage_with(extras.run.clone())).expect("static JSON");
    fs::write(&dp_path, text + "\n").map_err(io_err(&dp_path))?;
    crate::sqlite::write_sqlite(dir)?;
    Ok(summary)
}

/// The dataset's files while they are written, one outcome at a time.
struct Files {
    docs: CsvWriter,
    items: CsvWriter,
    checks: CsvWriter,
    tables: CsvWriter,
    facts: CsvWriter,
    targets: CsvWriter,
    projects: CsvWriter,
    panel: CsvWriter,
    jsonl: BufWriter<File>,
    jsonl_path: std::path::PathBuf,
}

impl Files {
    fn create(dir: &Path) -> Result<Files> {
        let jsonl_path = dir.join("documents.jsonl");
        Ok(Files {
            docs: csv_writer(dir, DocumentRow::FILE, DocumentRow::COLUMNS)?,
            items: csv_writer(dir, LineItemRow::FILE, LineItemRow::COLUMNS)?,
            checks: csv_writer(dir, CheckRow::FILE, CheckRow::COLUMNS)?,
            tables: csv_writer(dir, TableRow::FILE, TableRow::COLUMNS)?,
            facts: csv_writer(dir, NarrativeFactRow::FILE, NarrativeFactRow::COLUMNS)?,
            targets: csv_writer(
                dir,
                PerformanceTargetRow::FILE,
                PerformanceTargetRow::COLUMNS,
            )?,
            projects: csv_writer(dir, ProjectRow::FILE, ProjectRow::COLUMNS)?,
            panel: csv_writer(dir, PanelRow::FILE, PanelRow::COLUMNS)?,
            jsonl: BufWriter::new(File::create(&jsonl_path).map_err(io_err(&jsonl_path))?),
            jsonl_path,
        })
    }

    /// One outcome's rows in every file.
    fn write(&mut self, o: &FileOutcome) -> Result<()> {
        let s = rows::Shared::of(o);
        put(&mut self.docs, "documents", rows::document(o, &s).values())?;
        if let Some(d) = o.disclosure.as_ref() {
            for li in &d.line_items {
                put(
                    &mut self.items,
                    "line_items",
                    rows::line_item(li, &s).values(),
                )?;
                if o.copies.preferred {
                    put(&mut self.panel, "panel", rows::panel(li, &s).values())?;
                }
            }
            for t in &d.tables {
                put(&mut self.tables, "tables", rows::table(t, d, &s).values())?;
            }
            for c in &d.checks {
                put(&mut self.checks, "checks", rows::check(c, &s).values())?;
            }
            for f in &d.narrative_facts {
                put(
                    &mut self.facts,
                    "narrative_facts",
                    rows::fact(f, &s).values(),
                )?;
            }
            for t in &d.performance_targets {
                let row = rows::target(t, &s);
                put(&mut self.targets, "performance_targets", row.values())?;
            }
            for p in &d.projects {
                put(
                    &mut self.projects,
                    "projects",
                    rows::project(p, &s).values(),
                )?;
            }
        }
        let line = serde_json::to_string(o).map_err(|e| WriteError::Serialise {
            what: format!("documents.jsonl ({})", o.path),
            source: e.into(),
        })?;
        self.jsonl
            .write_all(line.as_bytes())
            .and_then(|_| self.jsonl.write_all(b"\n"))
            .map_err(io_err(&self.jsonl_path))
    }

    /// The codebook, then every file flushed to disk.
    fn finish(self, dir: &Path, extras: &Extras) -> Result<()> {
        let mut codebook = csv_writer(dir, CodebookRow::FILE, CodebookRow::COLUMNS)?;
        for row in extras
            .codes
            .iter()
            .map(rows::code)
            .chain(schema::vocabulary_rows())
        {
            put(&mut codebook, "codebook", row.values())?;
        }
        let Files {
            docs,
            items,
            checks,
            tables,
            facts,
            targets,
            projects,
            panel,
            mut jsonl,
            jsonl_path,
        } = self;
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
                    source: e.into_error().into(),
                })?
                .flush()
                .map_err(io_err(&path))?;
        }
        jsonl.flush().map_err(io_err(&jsonl_path))
    }
}

/// Write one row.
fn put(w: &mut CsvWriter, file: &str, values: Vec<&str>) -> Result<()> {
    w.write_record(values).map_err(csv_err(file))
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
