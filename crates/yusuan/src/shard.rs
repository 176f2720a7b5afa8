//! Splitting a run over several machines: `--shard K/N` takes the files whose content hash falls
//! in the K-th of N buckets (identical files always land together), and [`merge`] combines the
//! shards' outputs into the dataset a single run would have written, byte for byte.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use yusuan_consolidate::{write_dataset_with, Extras, Summary};
use yusuan_model::FileOutcome;

use crate::{companions, copies, year_on_year};

/// The K-th (from 1) of N shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (such as 2/8), found {s:?}"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("{k:?} is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("{n:?} is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: K must be between 1 and N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the file with this content hash (hex) belongs to this shard.
    pub(crate) fn takes(&self, hash: &str) -> bool {
        let bucket = u64::from_str_radix(&hash[..16.min(hash.len())], 16).unwrap_or(0);
        bucket % self.count == self.index - 1
    }
}

/// Combine the outputs of several shards (their `documents.jsonl`) into one dataset, in two
/// streaming passes with memory flat in the number of documents: the first reads every record
/// to decide which copies of a disclosure are preferred (keeping a few strings per file), the
/// second merges the shards' files (each sorted by path) k ways and writes the dataset.
pub fn merge(shards: &[impl AsRef<Path>], out: &Path) -> Result<Summary> {
    let paths: Vec<PathBuf> = shards
        .iter()
        .map(|d| d.as_ref().join("documents.jsonl"))
        .collect();
    let mut seen = Vec::new();
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let spool = year_on_year::DigestSpool::create(out)
        .with_context(|| format!("cannot create a file in {}", out.display()))?;
    let mut spilled = Vec::new();
    let mut files = 0;
    for path in &paths {
        for outcome in Records::open(path)? {
            let outcome = outcome?;
            seen.push(copies::seen(&outcome));
            if let Some(d) = spool.put(&outcome) {
                spilled.push((outcome.path.clone(), d));
            }
            files += 1;
        }
    }
    let year_on_year = year_on_year::YearOnYear::new(spool, spilled);
    seen.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = seen.windows(2).find(|w| w[0].path == w[1].path) {
        bail!("{} appears in more than one shard: were the shards run over the same folder with the same N?", w[0].path);
    }
    let assignment = copies::Assignment::decide(seen);
    // The parts of disclosures published in two files, to read each part with the other.
    let mut parts: std::collections::HashMap<String, FileOutcome> = Default::default();
    for path in &paths {
        for outcome in Records::open(path)? {
            let outcome = outcome?;
            if assignment.companion(&outcome.path).is_some() {
                parts.insert(outcome.path.clone(), outcome);
            }
        }
    }
    let options = yusuan_normalise::Options::default();
    let mut heads: Vec<(Records, Option<FileOutcome>)> = Vec::new();
    for path in &paths {
        let mut records = Records::open(path)?;
        let first = records.next().transpose()?;
        heads.push((records, first));
    }
    let mut failure: Option<anyhow::Error> = None;
    let merged = std::iter::from_fn(|| {
        let i = heads
            .iter()
            .enumerate()
            .filter_map(|(i, (_, h))| h.as_ref().map(|o| (i, o.path.clone())))
            .min_by(|a, b| a.1.cmp(&b.1))?
            .0;
        let (records, head) = &mut heads[i];
        let mut outcome = head.take()?;
        match records.next().transpose() {
            Ok(next) => *head = next,
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
        assignment.apply(&mut outcome);
        if let Some(other) = assignment
            .companion(&outcome.path)
            .and_then(|p| parts.get(p))
        {
            companions::recheck(&mut outcome, other, &options);
        }
        year_on_year.reapply(&mut outcome);
        Some(outcome)
    });
    let extras = Extras {
        codes: yusuan_normalise::codebook(),
        run: Some(serde_json::json!({
            "yusuan_version": env!("CARGO_PKG_VERSION"),
            "merged_from": shards.iter().map(|s| s.as_ref().display().to_string()).collect::<Vec<_>>(),
            "files": files,
        })),
    };
    let summary = write_dataset_with(merged, out, &extras)
        .with_context(|| format!("cannot write the dataset into {}", out.display()))?;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(summary)
}

/// The records of one `documents.jsonl`, read one at a time.
struct Records {
    path: PathBuf,
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
    line: usize,
}

impl Records {
    fn open(path: &Path) -> Result<Records> {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Records {
            path: path.to_path_buf(),
            lines: std::io::BufReader::new(file).lines(),
            line: 0,
        })
    }
}

impl Iterator for Records {
    type Item = Result<FileOutcome>;

    fn next(&mut self) -> Option<Result<FileOutcome>> {
        let line = self.lines.next()?;
        self.line += 1;
        Some(
            line.with_context(|| format!("cannot read {}", self.path.display()))
                .and_then(|l| {
                    serde_json::from_str(&l).with_context(|| {
                        format!(
                            "{} line {}: not a yusuan document record",
                            self.path.display(),
                            self.line
                        )
                    })
                }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_partition() {
        let s: Shard = "2/3".parse().unwrap();
        assert_eq!(s, Shard { index: 2, count: 3 });
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let hashes = [
            "00000000000000000",
            "0000000000000001",
            "0000000000000002",
            "ffffffffffffffff",
        ];
        for h in hashes {
            let owners = (1..=3)
                .filter(|k| {
                    Shard {
                        index: *k,
                        count: 3,
                    }
                    .takes(h)
                })
                .count();
            assert_eq!(owners, 1, "{h} belongs to exactly one shard");
        }
    }
}
