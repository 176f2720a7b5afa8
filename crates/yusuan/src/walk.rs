//! Finding the input files: every regular file under the input folder, sorted, less the output
//! folder when it lies inside the input (a re-run must not read its own dataset back), less what
//! `--exclude` names and, with `--include`, only what it names. A symbolic link to a file is
//! followed and counted; a link to a folder is not followed (it could loop) and is counted too,
//! so that the summary says what was done with each.

use std::fs;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Which files a walk takes, besides every regular file.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Glob patterns (against the path relative to the input, `/`-separated); when any are
    /// given, only matching files are taken.
    pub include: Vec<String>,
    /// Glob patterns of files to leave out.
    pub exclude: Vec<String>,
}

/// The files found and what was passed over.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The files to read, sorted.
    pub files: Vec<PathBuf>,
    /// Symbolic links to files, followed.
    pub links_followed: usize,
    /// Symbolic links to folders (or dangling), not followed.
    pub links_not_followed: usize,
    /// Files left out by `--include`/`--exclude`.
    pub filtered_out: usize,
    /// Whether the output folder lay inside the input and was left out.
    pub output_skipped: bool,
}

fn globs(patterns: &[String]) -> anyhow::Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| anyhow::anyhow!("bad glob {p:?}: {e}"))?);
    }
    Ok(Some(b.build()?))
}

/// Walk `root`, leaving out `skip` (the output folder) and what the filter excludes.
pub(crate) fn files_under(
    root: &Path,
    skip: Option<&Path>,
    filter: &Filter,
) -> anyhow::Result<Walk> {
    let include = globs(&filter.include)?;
    let exclude = globs(&filter.exclude)?;
    let skip = skip.and_then(|s| fs::canonicalize(s).ok());
    let mut walk = Walk::default();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            let is_file = if kind.is_dir() {
                if skip.is_some() && fs::canonicalize(&path).ok() == skip {
                    walk.output_skipped = true;
                } else {
                    stack.push(path);
                }
                continue;
            } else if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_file() => {
                        walk.links_followed += 1;
                        true
                    }
                    _ => {
                        walk.links_not_followed += 1;
                        false
                    }
                }
            } else {
                kind.is_file()
            };
            if !is_file {
                continue;
            }
            let rel = relative(root, &path);
            let taken = include.as_ref().is_none_or(|g| g.is_match(&rel))
                && !exclude.as_ref().is_some_and(|g| g.is_match(&rel));
            if taken {
                walk.files.push(path);
            } else {
                walk.filtered_out += 1;
            }
        }
    }
    walk.files.sort();
    Ok(walk)
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
