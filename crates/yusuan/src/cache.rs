//! The outcome cache: one JSON file per content hash inside the output folder, so that a re-run
//! over a grown folder parses only new or changed files, and a run that was killed resumes
//! where it stopped. Entries are keyed by the file's SHA-256, yusuan's version and build, and the
//! settings (limits and aliases), and are written atomically (temporary file, then rename) as
//! soon as a file is done.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use yusuan_model::FileOutcome;

use crate::process::Settings;

/// A folder of cached outcomes.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache for these settings inside `out` (created if needed).
    pub(crate) fn open(out: &Path, settings: &Settings) -> std::io::Result<Cache> {
        // The build is part of the key, so that a rebuilt yusuan never serves what an older
        // build read (the version alone does not change between development builds).
        // (The executable's size and modification time identify the build without reading it.)
        let build = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                format!("{}-{}", m.len(), modified.map_or(0, |d| d.as_nanos()))
            })
            .unwrap_or_default();
        let key = format!(
            "{}|{build}|{:?}|{}",
            env!("CARGO_PKG_VERSION"),
            settings.limits,
            settings.options.aliases.fingerprint()
        );
        let digest: String = Sha256::digest(key.as_bytes())
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect();
        let dir = out
            .join(".yusuan-cache")
            .join(format!("v{}-{digest}", env!("CARGO_PKG_VERSION")));
        fs::create_dir_all(&dir)?;
        Ok(Cache { dir })
    }

    /// A store in a folder of its own (a run's spool when caching is off).
    pub(crate) fn at(dir: &Path) -> std::io::Result<Cache> {
        fs::create_dir_all(dir)?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    fn entry(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{hash}.json"))
    }

    /// The outcome stored for this content, if any (an unreadable entry is a miss).
    pub(crate) fn get(&self, hash: &str) -> Option<FileOutcome> {
        let text = fs::read(self.entry(hash)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Store an outcome; failures to store only cost a re-parse next time.
    pub(crate) fn put(&self, hash: &str, outcome: &FileOutcome) {
        let Ok(json) = serde_json::to_vec(outcome) else {
            return;
        };
        let tmp = self.dir.join(format!(".{hash}.{}.tmp", std::process::id()));
        if fs::write(&tmp, json).is_ok() && fs::rename(&tmp, self.entry(hash)).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::{Copies, Document, FileStatus, Format, Warning};

    #[test]
    fn an_entry_of_an_older_shape_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path()).unwrap();
        let outcome = FileOutcome {
            doc_id: "0123456789abcdef".into(),
            path: "a.pdf".into(),
            format: "pdf".into(),
            status: FileStatus::Partial,
            error: Some("a.pdf: page 2: the reader failed on this page; skipped".into()),
            note: None,
            copies: Copies::default(),
            pages: Some(2),
            disclosure: None,
            document: Some(Document {
                format: Format::Pdf,
                pages: Some(2),
                blocks: Vec::new(),
                warnings: vec![Warning::page_reader_failed(2)],
            }),
        };
        cache.put("h", &outcome);
        assert_eq!(cache.get("h"), Some(outcome.clone()));
        // Before warnings were typed, they were stored as their sentences.
        let old = fs::read_to_string(cache.entry("h")).unwrap().replace(
            r#"[{"kind":"page_reader_failed","page":2}]"#,
            r#"["page 2: the reader failed on this page; skipped"]"#,
        );
        fs::write(cache.entry("h"), old).unwrap();
        assert_eq!(cache.get("h"), None, "read again instead");
    }
}
