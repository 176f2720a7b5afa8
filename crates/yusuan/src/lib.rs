//! yusuan's pipeline, chained: walk a folder, extract each file ([`yusuan_extract`]), normalise
//! it ([`yusuan_normalise`]), and write the dataset ([`yusuan_consolidate`]). This is the only
//! crate that knows all three stages.
//!
//! [`process::process_bytes`] turns one file into a [`yusuan_model::FileOutcome`] and never
//! panics outward: a reader that panics on a hostile file yields a `failed` outcome naming the
//! file. [`run`] processes a folder in parallel with rayon and writes the dataset.

mod cache;
mod companions;
mod copies;
mod process;
mod shard;
mod walk;
mod year_on_year;

use std::path::Path;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use yusuan_consolidate::{write_dataset_with, Extras, Summary};

pub use process::{process_bytes, process_bytes_with, process_file, Settings};
pub use shard::{merge, Shard};
pub use walk::Filter;
pub use yusuan_extract::Limits;
pub use yusuan_normalise::Options;

/// A processed file, as a run keeps it until the dataset is written.
enum Held {
    /// The outcome is in the store under the content hash.
    Stored { path: String, hash: String },
    /// The file could not be read: its (small) outcome is kept as is.
    Inline(Box<yusuan_model::FileOutcome>),
}

impl Held {
    fn path(&self) -> &str {
        match self {
            Held::Stored { path, .. } => path,
            Held::Inline(o) => &o.path,
        }
    }
}

/// How a run goes about its work (as opposed to what it reads: [`Settings`]).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Show a progress bar.
    pub progress: bool,
    /// Process only this shard of the files.
    pub shard: Option<Shard>,
    /// Keep and use the outcome cache in the output folder.
    pub cache: bool,
    /// Which files to take (`--include`, `--exclude`).
    pub filter: Filter,
}

/// What a run did: the dataset's counts and what the walk passed over.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// The dataset written.
    pub dataset: Summary,
    /// Files whose outcome came from the cache.
    pub from_cache: usize,
    /// Symbolic links to files, followed.
    pub links_followed: usize,
    /// Symbolic links to folders or nowhere, not followed.
    pub links_not_followed: usize,
    /// Files left out by `--include`/`--exclude`.
    pub filtered_out: usize,
    /// Whether the output folder lay inside the input and was left out.
    pub output_skipped: bool,
}

impl RunSummary {
    /// Whether no file could be read as a document (none `ok` or `partial`).
    pub fn nothing_readable(&self) -> bool {
        self.dataset.by_status[0] + self.dataset.by_status[1] == 0
    }
}

/// Read every file under `input` (or this shard's part of them) and write the dataset into
/// `out`.
pub fn run(input: &Path, out: &Path, run: &RunOptions, settings: &Settings) -> Result<RunSummary> {
    if !input.is_dir() {
        bail!("{} is not a folder", input.display());
    }
    // A switch of datasets that an earlier run left half done is finished or undone first, so
    // that the walk never reads its leftovers and the cache is where it belongs.
    yusuan_consolidate::recover(out)
        .with_context(|| format!("cannot tidy the dataset in {}", out.display()))?;
    let walk = walk::files_under(input, Some(out), &run.filter)
        .with_context(|| format!("cannot list {}", input.display()))?;
    tracing::info!(files = walk.files.len(), input = %input.display(), "starting run");
    // Every outcome goes to disk as soon as it is made (the cache, or a spool removed at the
    // end), and the dataset is written by reading them back one at a time in path order: the
    // memory a run needs does not grow with the number of files.
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let spool_dir = out.join(format!(".yusuan-spool-{}", std::process::id()));
    let store = if run.cache {
        cache::Cache::open(out, settings)
    } else {
        cache::Cache::at(&spool_dir)
    }
    .with_context(|| format!("cannot create the outcome store in {}", out.display()))?;
    let digests = year_on_year::DigestSpool::create(out)
        .with_context(|| format!("cannot create a file in {}", out.display()))?;
    let read = read_files(input, &walk.files, run, settings, &store, digests)?;
    let from_cache = read.from_cache;
    let summary = write_back(input, out, read, settings, &store, walk.files.len());
    let _ = std::fs::remove_dir_all(&spool_dir);
    Ok(RunSummary {
        dataset: summary?,
        from_cache,
        links_followed: walk.links_followed,
        links_not_followed: walk.links_not_followed,
        filtered_out: walk.filtered_out,
        output_skipped: walk.output_skipped,
    })
}

/// What reading every file leaves for writing: each file's outcome (or where it is stored) in
/// path order, the copies decided, and last year's figures of each disclosure.
struct ReadFiles {
    held: Vec<Held>,
    assignment: copies::Assignment,
    year_on_year: year_on_year::YearOnYear,
    /// How many outcomes came from the cache.
    from_cache: usize,
}

/// Read every file in parallel, each outcome into the store as soon as it is made.
fn read_files(
    input: &Path,
    files: &[std::path::PathBuf],
    run: &RunOptions,
    settings: &Settings,
    store: &cache::Cache,
    digests: year_on_year::DigestSpool,
) -> Result<ReadFiles> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.jobs.unwrap_or(0))
        .stack_size(64 << 20)
        .build()
        .context("cannot start worker threads")?;
    let bar = progress_bar(run.progress, files.len());
    let from_cache = std::sync::atomic::AtomicUsize::new(0);
    let (seen, mut held): (Vec<(copies::Seen, Option<_>)>, Vec<Held>) = pool.install(|| {
        files
            .par_iter()
            .filter_map(|path| {
                let rel = walk::relative(input, path);
                let done = process::process_in_run(path, &rel, settings, run.shard, Some(store))?;
                if done.cached {
                    from_cache.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                bar.set_message(rel.clone());
                bar.inc(1);
                let seen = copies::seen(&done.outcome);
                let digest = digests.put(&done.outcome);
                Some((
                    (seen, digest),
                    match done.hash {
                        Some(hash) => Held::Stored { path: rel, hash },
                        None => Held::Inline(Box::new(done.outcome)),
                    },
                ))
            })
            .unzip()
    });
    bar.finish_and_clear();
    held.sort_by(|a, b| a.path().cmp(b.path()));
    let (seen, spilled): (Vec<copies::Seen>, Vec<_>) = seen
        .into_iter()
        .map(|(s, d)| {
            let path = s.path.clone();
            (s, d.map(|d| (path, d)))
        })
        .unzip();
    Ok(ReadFiles {
        held,
        assignment: copies::Assignment::decide(seen),
        year_on_year: year_on_year::YearOnYear::new(digests, spilled.into_iter().flatten()),
        from_cache: from_cache.into_inner(),
    })
}

/// A progress bar on the terminal, or a hidden one.
fn progress_bar(shown: bool, files: usize) -> ProgressBar {
    if !shown {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new(files as u64);
    b.set_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files  {elapsed} elapsed, ~{eta} left  {wide_msg}",
        )
        .expect("valid template"),
    );
    b
}

/// Write the dataset, reading each outcome back from the store in path order and marking its
/// copies, its companion and its changes on last year as it goes.
fn write_back(
    input: &Path,
    out: &Path,
    read: ReadFiles,
    settings: &Settings,
    store: &cache::Cache,
    n_files: usize,
) -> Result<Summary> {
    let ReadFiles {
        held,
        assignment,
        year_on_year,
        ..
    } = read;
    let hash_of: std::collections::HashMap<String, String> = held
        .iter()
        .filter_map(|h| match h {
            Held::Stored { path, hash } => Some((path.clone(), hash.clone())),
            Held::Inline(_) => None,
        })
        .collect();
    let mut lost = Vec::new();
    let outcomes = held.into_iter().map(|h| {
        let mut o = match h {
            Held::Inline(o) => *o,
            Held::Stored { path, hash } => match store.get(&hash) {
                Some(o) => process::relocate(o, &path),
                None => {
                    lost.push(path.clone());
                    process::process_file(&input.join(&path), &path, settings)
                }
            },
        };
        assignment.apply(&mut o);
        if let Some(other) = assignment
            .companion(&o.path)
            .and_then(|p| hash_of.get(p).and_then(|h| store.get(h)))
        {
            companions::recheck(&mut o, &other, &settings.options);
        }
        year_on_year.apply(&mut o);
        o
    });
    let summary = write_dataset_with(outcomes, out, &extras(input, n_files, settings))
        .with_context(|| format!("cannot write the dataset into {}", out.display()));
    if !lost.is_empty() {
        tracing::warn!(
            files = lost.len(),
            "outcomes missing from the store were read again"
        );
    }
    summary
}

/// What the dataset carries besides the outcomes: the classification codes for the codebook,
/// and a record of the run (version, limits, input, file count, time) for `datapackage.json`.
pub fn extras(input: &Path, files: usize, settings: &Settings) -> Extras {
    let l = &settings.limits;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Extras {
        codes: yusuan_normalise::codebook(),
        run: Some(serde_json::json!({
            "yusuan_version": env!("CARGO_PKG_VERSION"),
            "input": input.display().to_string(),
            "files": files,
            "finished_unix_seconds": seconds,
            "settings": {
                "max_part_bytes": l.max_part_bytes,
                "max_document_bytes": l.max_document_bytes,
                "max_pages": l.max_pages,
                "max_depth": l.max_depth,
                "max_seconds": l.max_seconds,
                "aliases": settings.options.aliases.fingerprint(),
            },
        })),
    }
}

/// The closing line of a run, with what the walk passed over and what came from the cache.
pub fn run_summary_line(s: &RunSummary, out: &Path) -> String {
    let mut line = summary_line(&s.dataset, out);
    let mut notes = Vec::new();
    if s.from_cache > 0 {
        notes.push(format!("{} from the cache", s.from_cache));
    }
    if s.links_followed > 0 {
        notes.push(format!(
            "{} symbolic links to files followed",
            s.links_followed
        ));
    }
    if s.links_not_followed > 0 {
        notes.push(format!(
            "{} symbolic links to folders not followed",
            s.links_not_followed
        ));
    }
    if s.filtered_out > 0 {
        notes.push(format!(
            "{} files left out by --include/--exclude",
            s.filtered_out
        ));
    }
    if s.output_skipped {
        notes.push("the output folder inside the input was not read".to_string());
    }
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join("; ")));
    }
    line
}

/// Normaliser options with the user's alias file (`alias,canonical` rows) added to the
/// built-in aliases.
pub fn options_with_aliases(file: Option<&Path>) -> Result<Options> {
    let mut options = Options::default();
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read aliases {}", file.display()))?;
        options
            .aliases
            .extend_csv(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    }
    Ok(options)
}

/// The closing line of a run.
pub fn summary_line(s: &Summary, out: &Path) -> String {
    let [ok, partial, failed, duplicate, unsupported, template] = s.by_status;
    let template = if template > 0 {
        format!(", {template} template")
    } else {
        String::new()
    };
    format!(
        "yusuan: {} files ({ok} ok, {partial} partial, {failed} failed, {duplicate} duplicate, {unsupported} unsupported{template}), {} disclosures, {} line items, {} checks failed → {}",
        s.files,
        s.disclosures,
        s.line_items,
        s.checks_failed,
        out.display()
    )
}

/// One file's extracted document and everything read from it, as pretty JSON.
pub fn extract_one(path: &Path) -> Result<String> {
    if !path.is_file() {
        bail!("{} is not a file", path.display());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outcome = process_file(path, &name, &Settings::default());
    Ok(serde_json::to_string_pretty(&outcome)?)
}
