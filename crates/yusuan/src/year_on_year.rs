//! The comparison across documents: each disclosure's small [`Digest`] is kept while the files
//! are read; once all are read, each document is paired with last year's disclosure of the same
//! department and kind (the digest with the most figures, where a disclosure was read from more
//! than one copy), and the findings are added to it as it is written. `yusuan merge` does the same
//! over the shards' records.

use std::collections::HashMap;

use yusuan_model::{CheckId, FileOutcome};
use yusuan_normalise::year_on_year::{compare, digest, Digest};

/// Every digest of a run, by path and by department, kind and year.
#[derive(Default)]
pub(crate) struct YearOnYear {
    by_path: HashMap<String, usize>,
    by_key: HashMap<(String, &'static str, i32), usize>,
    digests: Vec<Digest>,
    paths: Vec<String>,
}

/// The digest of an outcome, where it was read with a department, year and kind.
pub(crate) fn digest_of(o: &FileOutcome) -> Option<Digest> {
    digest(o.document.as_ref()?, o.disclosure.as_ref()?)
}

impl YearOnYear {
    /// Index the digests of a run, each with its outcome's path.
    pub(crate) fn new(digests: impl IntoIterator<Item = (String, Digest)>) -> YearOnYear {
        let mut index = YearOnYear::default();
        for (path, d) in digests {
            let key = (d.department_id.clone(), d.doc_kind.as_str(), d.fiscal_year);
            let i = index.digests.len();
            // The richest digest, then the first path: the same choice whatever the order read.
            let better = index.by_key.get(&key).is_none_or(|&j| {
                let (other, other_path) = (&index.digests[j], &index.paths[j]);
                other.len() < d.len() || (other.len() == d.len() && path < *other_path)
            });
            if better {
                index.by_key.insert(key, i);
            }
            index.by_path.insert(path.clone(), i);
            index.paths.push(path);
            index.digests.push(d);
        }
        index
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
        let Some(this) = self.by_path.get(&o.path).map(|&i| &self.digests[i]) else {
            return;
        };
        let key = (
            this.department_id.clone(),
            this.doc_kind.as_str(),
            this.fiscal_year - 1,
        );
        let Some(last) = self.by_key.get(&key).map(|&i| &self.digests[i]) else {
            return;
        };
        let found = compare(this, last);
        if let (false, Some(d)) = (found.is_empty(), o.disclosure.as_mut()) {
            d.checks.extend(found);
            d.transparency = yusuan_normalise::transparency_score(d);
        }
    }
}
