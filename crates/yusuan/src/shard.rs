//! Splitting a run over several machines: `--shard K/N` takes the files whose content hash falls
//! in the K-th of N buckets (identical files always land together), and [`merge`] combines the
//! shards' outputs into the dataset a single run would have written, byte for byte.

use std::io::BufRead;
use std::path::Path;

use anyhow::{bail, Context, Result};
use yusuan_consolidate::{write_dataset, Summary};
use yusuan_model::FileOutcome;

use crate::process::Duplicates;

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
    pub fn takes(&self, hash: &str) -> bool {
        let bucket = u64::from_str_radix(&hash[..16.min(hash.len())], 16).unwrap_or(0);
        bucket % self.count == self.index - 1
    }
}

/// Combine the outputs of several shards (their `documents.jsonl`) into one dataset.
pub fn merge(shards: &[impl AsRef<Path>], out: &Path) -> Result<Summary> {
    let mut outcomes: Vec<FileOutcome> = Vec::new();
    for dir in shards {
        let path = dir.as_ref().join("documents.jsonl");
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            let outcome: FileOutcome = serde_json::from_str(&line).with_context(|| {
                format!(
                    "{} line {}: not a yusuan document record",
                    path.display(),
                    i + 1
                )
            })?;
            outcomes.push(outcome);
        }
    }
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = outcomes.windows(2).find(|w| w[0].path == w[1].path) {
        bail!("{} appears in more than one shard: were the shards run over the same folder with the same N?", w[0].path);
    }
    let mut duplicates = Duplicates::default();
    for o in &mut outcomes {
        duplicates.mark(o);
    }
    write_dataset(&outcomes, out)
        .with_context(|| format!("cannot write the dataset into {}", out.display()))
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
