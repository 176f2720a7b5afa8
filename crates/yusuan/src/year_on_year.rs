//! The comparison across documents: each disclosure's small [`Digest`] is kept while the files
//! are read; once all are read, each document is paired with last year's disclosure of the same
//! department and kind (the digest with the most figures, where a disclosure was read from more
//! than one copy), and the findings are added to it as it is written. `yusuan merge` does the same
//! over the shards' records.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use yusuan_model::{CheckId, FileOutcome};
use yusuan_normalise::year_on_year::{compare, digest, Digest};

/// The digests of a run, written to a file beside the output as each is made, so that memory
/// holds only where each one is (the figures of 2,000 disclosures would otherwise be held
/// until the dataset is written). The file is removed when the comparison is dropped.
pub(crate) struct DigestSpool {
    path: PathBuf,
    /// The writer and the offset of its next byte.
    writer: Mutex<(BufWriter<File>, u64)>,
}

/// Where one digest is in the spool, and what chooses among copies of a disclosure.
pub(crate) struct Spilled {
    key: (String, &'static str, i32),
    figures: usize,
    at: u64,
    len: usize,
}

impl DigestSpool {
    /// A spool in the folder `dir` (the output folder).
    pub(crate) fn create(dir: &Path) -> std::io::Result<DigestSpool> {
        let path = dir.join(format!(".yusuan-digests-{}", std::process::id()));
        let file = File::create(&path)?;
        Ok(DigestSpool {
            path,
            writer: Mutex::new((BufWriter::new(file), 0)),
        })
    }

    /// Write the digest of an outcome, where it was read with a department, year and kind.
    pub(crate) fn put(&self, o: &FileOutcome) -> Option<Spilled> {
        let d = digest(o.document.as_ref()?, o.disclosure.as_ref()?)?;
        let bytes = serde_json::to_vec(&d).ok()?;
        let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let at = w.1;
        if let Err(e) = w.0.write_all(&bytes) {
            tracing::warn!(error = %e, "a digest could not be spooled; its document is not compared with last year's");
            return None;
        }
        w.1 += bytes.len() as u64;
        Some(Spilled {
            key: (d.department_id.clone(), d.doc_kind.as_str(), d.fiscal_year),
            figures: d.len(),
            at,
            len: bytes.len(),
        })
    }
}

/// Every digest of a run, by path and by department, kind and year.
pub(crate) struct YearOnYear {
    by_path: HashMap<String, usize>,
    by_key: HashMap<(String, &'static str, i32), usize>,
    entries: Vec<Spilled>,
    file: Mutex<Option<File>>,
    path: PathBuf,
}

impl YearOnYear {
    /// Index the spooled digests of a run, each with its outcome's path.
    pub(crate) fn new(
        spool: DigestSpool,
        spilled: impl IntoIterator<Item = (String, Spilled)>,
    ) -> YearOnYear {
        let DigestSpool { path, writer } = spool;
        let (writer, _) = writer.into_inner().unwrap_or_else(|e| e.into_inner());
        // A spool that cannot be flushed or read back compares nothing.
        let file = writer
            .into_inner()
            .ok()
            .and_then(|_| File::open(&path).ok());
        let mut index = YearOnYear {
            by_path: HashMap::new(),
            by_key: HashMap::new(),
            entries: Vec::new(),
            file: Mutex::new(file),
            path,
        };
        let mut paths: Vec<String> = Vec::new();
        for (path, e) in spilled {
            let i = index.entries.len();
            // The richest digest, then the first path: the same choice whatever the order read.
            let better = index.by_key.get(&e.key).is_none_or(|&j| {
                let (other, other_path) = (&index.entries[j], &paths[j]);
                other.figures < e.figures || (other.figures == e.figures && path < *other_path)
            });
            if better {
                index.by_key.insert(e.key.clone(), i);
            }
            index.by_path.insert(path.clone(), i);
            paths.push(path);
            index.entries.push(e);
        }
        index
    }

    /// The digest at entry `i`, read back from the spool.
    fn read(&self, i: usize) -> Option<Digest> {
        let e = self.entries.get(i)?;
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let file = file.as_mut()?;
        let mut bytes = vec![0; e.len];
        file.seek(SeekFrom::Start(e.at)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// [`YearOnYear::apply`] to an outcome read back from a shard, whose own run may have
    /// compared it with the documents of that shard alone: those findings are dropped first.
    pub(crate) fn reapply(&self, o: &mut FileOutcome) {
        let removed = o.disclosure.as_mut().is_some_and(|d| {
            let before = d.checks.len();
            d.checks.retain(|c| c.check != CheckId::YearOnYear);
            d.checks.len() != before
        });
        if removed {
            if let Some(d) = o.disclosure.as_mut() {
                d.transparency = yusuan_normalise::transparency_score(d);
            }
        }
        self.apply(o);
    }

    /// Add to an outcome the findings against last year's disclosure, and score it again.
    pub(crate) fn apply(&self, o: &mut FileOutcome) {
        let Some(&i) = self.by_path.get(&o.path) else {
            return;
        };
        let (department, kind, year) = &self.entries[i].key;
        let Some(&j) = self.by_key.get(&(department.clone(), *kind, year - 1)) else {
            return;
        };
        let (Some(this), Some(last)) = (self.read(i), self.read(j)) else {
            return;
        };
        let found = compare(&this, &last);
        if let (false, Some(d)) = (found.is_empty(), o.disclosure.as_mut()) {
            d.checks.extend(found);
            d.transparency = yusuan_normalise::transparency_score(d);
        }
    }
}

impl Drop for YearOnYear {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
