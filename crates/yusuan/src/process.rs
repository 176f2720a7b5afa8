//! One input file → one [`FileOutcome`], whatever the file holds.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use sha2::{Digest, Sha256};
use yusuan_extract::{extract, ExtractError, Limits};
use yusuan_model::{FileOutcome, FileStatus};
use yusuan_normalise::Options;

use crate::cache::Cache;
use crate::shard::Shard;

/// Everything a run can be configured with: reader limits and normaliser options.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Bounds on each reader (sizes, pages, nesting, time).
    pub limits: Limits,
    /// Normaliser options (department aliases).
    pub options: Options,
}

/// Read, extract and normalise one file.
pub fn process_file(path: &Path, rel: &str, settings: &Settings) -> FileOutcome {
    process_in_run(path, rel, settings, None, None)
        .expect("no shard: every file is taken")
        .outcome
}

/// One file of a run: read it, skip it when it belongs to another shard, take its outcome from
/// the cache when its content was read before, else extract and normalise it (and cache that).
/// Returns the content hash (where the file could be read) with the outcome, and whether it
/// came from the cache.
pub(crate) fn process_in_run(
    path: &Path,
    rel: &str,
    settings: &Settings,
    shard: Option<Shard>,
    cache: Option<&Cache>,
) -> Option<InRun> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // A file that cannot be read has no hash: the first shard lists it.
        Err(e) => {
            return shard.is_none_or(|s| s.index == 1).then(|| {
                let outcome = FileOutcome {
                    doc_id: String::new(),
                    path: rel.to_string(),
                    format: ext,
                    status: FileStatus::Failed,
                    error: Some(format!("{rel}: cannot read file: {e}")),
                    note: None,
                    copies: Default::default(),
                    pages: None,
                    disclosure: None,
                    document: None,
                };
                InRun {
                    hash: None,
                    outcome,
                    cached: false,
                }
            })
        }
    };
    let hash = content_hash(&bytes);
    if shard.is_some_and(|s| !s.takes(&hash)) {
        return None;
    }
    if let Some(hit) = cache.and_then(|c| c.get(&hash)) {
        return Some(InRun {
            outcome: relocate(hit, rel),
            hash: Some(hash),
            cached: true,
        });
    }
    let outcome = process_hashed(&bytes, &hash, rel, &ext, settings);
    if let Some(c) = cache {
        c.put(&hash, &outcome);
    }
    Some(InRun {
        hash: Some(hash),
        outcome,
        cached: false,
    })
}

/// One file's part of a run.
pub(crate) struct InRun {
    /// The content hash, where the file could be read.
    pub hash: Option<String>,
    /// What became of it.
    pub outcome: FileOutcome,
    /// Whether the outcome came from the cache.
    pub cached: bool,
}

/// The outcome of some content, for a file of that content at `rel`: the same record but for
/// the path (and the path its error names).
pub(crate) fn relocate(mut outcome: FileOutcome, rel: &str) -> FileOutcome {
    if let Some(e) = outcome.error.as_mut() {
        if let Some(rest) = e.strip_prefix(&format!("{}: ", outcome.path)) {
            *e = format!("{rel}: {rest}");
        }
    }
    outcome.path = rel.to_string();
    outcome
}

/// Extract and normalise a file's bytes with the default options. `ext` is the file's
/// extension, used only to report the format of files that cannot be read.
pub fn process_bytes(bytes: &[u8], rel: &str, ext: &str) -> FileOutcome {
    process_bytes_with(bytes, rel, ext, &Settings::default())
}

/// Extract and normalise a file's bytes.
pub fn process_bytes_with(bytes: &[u8], rel: &str, ext: &str, settings: &Settings) -> FileOutcome {
    process_hashed(bytes, &content_hash(bytes), rel, ext, settings)
}

/// The SHA-256 of a file's content, in hex: the key of the cache and of sharding; its first 16
/// digits are the `doc_id`.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Extract and normalise a file's bytes whose content hash is already known.
pub(crate) fn process_hashed(
    bytes: &[u8],
    hash: &str,
    rel: &str,
    ext: &str,
    settings: &Settings,
) -> FileOutcome {
    let mut outcome = FileOutcome {
        doc_id: hash[..16.min(hash.len())].to_string(),
        path: rel.to_string(),
        format: ext.to_string(),
        status: FileStatus::Failed,
        error: None,
        note: None,
        copies: Default::default(),
        pages: None,
        disclosure: None,
        document: None,
    };
    let _span = tracing::info_span!("file", path = rel).entered();
    let extracted = catch_unwind(AssertUnwindSafe(|| extract(bytes, &settings.limits)));
    let document = match extracted {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            outcome.status = match e {
                ExtractError::Unsupported(_) => FileStatus::Unsupported,
                _ => FileStatus::Failed,
            };
            outcome.error = Some(format!("{rel}: {}", e.message()));
            tracing::warn!(error = %e, "cannot read");
            return outcome;
        }
        Err(panic) => {
            outcome.error = Some(format!("{rel}: reader crashed: {}", panic_message(&panic)));
            tracing::error!("reader crashed");
            return outcome;
        }
    };
    outcome.format = document.format.as_str().to_string();
    outcome.pages = document.pages;
    let normalised = catch_unwind(AssertUnwindSafe(|| {
        yusuan_normalise::normalise_with(&document, &settings.options)
    }));
    match normalised {
        Ok(mut d) => {
            // Last in the order of trust: what the file's name says.
            yusuan_normalise::fill_from_file_name(&mut d.meta, rel, &settings.options);
            outcome.status = if document.warnings.is_empty() {
                FileStatus::Ok
            } else {
                FileStatus::Partial
            };
            if !document.warnings.is_empty() {
                let warnings: Vec<String> =
                    document.warnings.iter().map(ToString::to_string).collect();
                outcome.error = Some(format!("{rel}: {}", warnings.join("; ")));
            }
            if let Some(placeholder) = yusuan_normalise::template_placeholder(&d) {
                outcome.status = FileStatus::Template;
                outcome.error = Some(format!(
                    "{rel}: a blank template, not a disclosure (it prints {placeholder}); no figures taken"
                ));
                outcome.document = Some(document);
                return outcome;
            }
            if d.tables.is_empty() {
                outcome.note = Some(format!(
                    "{rel}: no disclosure table recognised (a narrative published without its tables, or not a budget disclosure)"
                ));
            }
            outcome.disclosure = Some(d);
        }
        Err(panic) => {
            outcome.error = Some(format!(
                "{rel}: normaliser crashed: {}",
                panic_message(&panic)
            ));
        }
    }
    outcome.document = Some(document);
    outcome
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
