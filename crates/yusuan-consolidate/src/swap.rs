//! Putting a new dataset in place whole: the files are written into a fresh folder beside the
//! output folder, and one switch of names replaces the old folder with the new.
//!
//! For an output folder `OUT`, the new dataset is written into the sibling `OUT.yusuan-next`.
//! When every file is complete (and flushed to disk), whatever else `OUT` holds (the outcome
//! cache `.yusuan-cache`, a run's spool, a user's own files) is moved into the new folder, and
//! the two folders are exchanged in one step (`renameat2` with `RENAME_EXCHANGE` on Linux): at
//! every moment the name `OUT` is a folder holding one whole dataset, the old or the new. The
//! old dataset, now at `OUT.yusuan-next`, is then removed. Where the exchange is not available
//! (another system, or a file system without it), two renames do the switch through
//! `OUT.yusuan-old`, and for the moment between them `OUT` does not exist.
//!
//! A run that stopped part way (killed, crashed, the machine lost power) is put right by
//! [`recover`] at the start of the next write: before the switch it is rolled back (the new
//! folder is deleted after whatever had been moved into it goes back into `OUT`), after it rolled
//! forward (the old dataset is deleted). So after any crash `OUT` holds one complete dataset,
//! the old or the new, with its cache.
//!
//! When the new folder cannot sit beside `OUT` (`OUT` is a mount point, its parent folder is
//! not writable, or it is the folder yusuan runs in, `--out .`), the files are written into `OUT/.yusuan-next` and renamed into place one at a
//! time: each file is then whole, but a crash between renames can leave files of two runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where a dataset is written before it is switched into place.
#[derive(Debug)]
pub(crate) struct Staging {
    /// The output folder (its real path, when it is a symbolic link).
    pub out: PathBuf,
    /// The folder the new dataset is written into.
    pub next: PathBuf,
    /// When `next` lies beside `out` (so that the two can be switched whole), the name the
    /// old folder takes if the switch must be done in two renames.
    pub old: Option<PathBuf>,
}

/// The name of a file the dataset writes, or of a file SQLite keeps beside `yusuan.sqlite`
/// while it is open (any other entry of the output folder is kept).
pub(crate) fn is_dataset_file(name: &str, files: &[String]) -> bool {
    files.iter().any(|f| f == name)
        || ["-journal", "-wal", "-shm"]
            .iter()
            .any(|s| name.strip_suffix(s) == Some("yusuan.sqlite"))
}

/// `OUT.yusuan-next` and `OUT.yusuan-old` for the output folder `out`.
fn siblings(out: &Path) -> Option<(PathBuf, PathBuf)> {
    let name = out.file_name()?.to_string_lossy().into_owned();
    let parent = out.parent()?;
    Some((
        parent.join(format!("{name}.yusuan-next")),
        parent.join(format!("{name}.yusuan-old")),
    ))
}

/// The output folder's real path (a symbolic link to a folder is followed, so that the folder
/// it points at is replaced and the link kept), absolute.
fn real(out: &Path) -> io::Result<PathBuf> {
    match fs::canonicalize(out) {
        Ok(p) => Ok(p),
        Err(_) => std::path::absolute(out),
    }
}

/// Finish or undo a switch that a run left half done, then remove the leftovers: afterwards
/// `out` (if it existed before, or was being replaced) holds one complete dataset and
/// everything else it held, and no `OUT.yusuan-next` or `OUT.yusuan-old` remains.
pub(crate) fn recover(out: &Path, files: &[String]) -> io::Result<()> {
    let out = real(out)?;
    let Some((next, old)) = siblings(&out) else {
        return Ok(());
    };
    if old.is_dir() {
        if out.exists() {
            // The two-rename switch was done: `old` holds only the previous dataset.
            fs::remove_dir_all(&old)?;
        } else {
            // Stopped between the two renames: the previous dataset comes back.
            fs::rename(&old, &out)?;
        }
    }
    if next.is_dir() {
        // Before the switch `next` holds a new dataset (perhaps partial) and whatever had
        // already been moved over from `out`; after it, the previous dataset alone. Either way
        // the entries that are not dataset files go back, and the rest is dropped.
        fs::create_dir_all(&out)?;
        move_entries(&next, &out, |name| !is_dataset_file(name, files))?;
        fs::remove_dir_all(&next)?;
    }
    Ok(())
}

/// Move every entry of `from` that `keep` accepts into `to`; an entry `to` already has is left
/// where it is.
fn move_entries(from: &Path, to: &Path, keep: impl Fn(&str) -> bool) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if !keep(&name.to_string_lossy()) {
            continue;
        }
        let target = to.join(&name);
        if target.symlink_metadata().is_err() {
            fs::rename(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Prepare the folder a new dataset is written into (after [`recover`]): beside `out` when the
/// two can be switched, otherwise inside it.
pub(crate) fn stage(out: &Path, files: &[String]) -> io::Result<Staging> {
    recover(out, files)?;
    fs::create_dir_all(out)?;
    let out = real(out)?;
    // A process working inside `OUT` itself (`--out .`) would be left in the old folder, which
    // is then deleted: the folder is kept and its files replaced in place.
    let here = std::env::current_dir().and_then(fs::canonicalize).ok();
    if let (Some((next, old)), false) = (siblings(&out), here.as_deref() == Some(out.as_path())) {
        if same_device(&out) && fs::create_dir(&next).is_ok() {
            return Ok(Staging {
                out,
                next,
                old: Some(old),
            });
        }
    }
    let next = out.join(".yusuan-next");
    if next.exists() {
        fs::remove_dir_all(&next)?;
    }
    fs::create_dir(&next)?;
    Ok(Staging {
        out,
        next,
        old: None,
    })
}

/// Whether `out` lies on the same file system as its parent (it is not a mount point).
#[cfg(unix)]
fn same_device(out: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(out), out.parent().map(fs::metadata)) {
        (Ok(a), Some(Ok(b))) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(out: &Path) -> bool {
    out.parent().is_some()
}

/// Drop a staging folder whose dataset could not be completed; the output folder is untouched.
pub(crate) fn abandon(staging: &Staging) {
    let _ = fs::remove_dir_all(&staging.next);
}

/// Put the complete dataset in `staging.next` in place of the one in `staging.out`. On failure
/// the output folder is left as it was (what had been moved over goes back).
pub(crate) fn switch(staging: &Staging, files: &[String]) -> io::Result<()> {
    let result = switch_once(staging, files);
    if result.is_err() && staging.old.is_some() {
        let _ = recover(&staging.out, files);
    }
    result
}

fn switch_once(staging: &Staging, files: &[String]) -> io::Result<()> {
    let Staging { out, next, old } = staging;
    for name in files {
        sync(&next.join(name))?;
    }
    let Some(old) = old else {
        for name in files {
            fs::rename(next.join(name), out.join(name))?;
        }
        fs::remove_dir_all(next)?;
        return sync(out);
    };
    move_entries(out, next, |name| !is_dataset_file(name, files))?;
    sync(next)?;
    let parent = out.parent().unwrap_or(out);
    if exchange(next, out)? {
        sync(parent)?;
        return fs::remove_dir_all(next);
    }
    fs::rename(out, old)?;
    fs::rename(next, out)?;
    sync(parent)?;
    fs::remove_dir_all(old)
}

/// Flush a file's or a folder's data to disk (a folder that the system will not open or flush
/// is left as durable as the system makes it).
fn sync(path: &Path) -> io::Result<()> {
    match fs::File::open(path).and_then(|f| f.sync_all()) {
        Err(_) if path.is_dir() => Ok(()),
        result => result,
    }
}

/// Exchange two folders in one step; `Ok(false)` when the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Exchange two folders in one step: not available here, so `Ok(false)`.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_dataset_and_its_sqlite_companions_are_dataset_files() {
        let files = ["documents.csv".to_string(), "yusuan.sqlite".to_string()];
        for name in ["documents.csv", "yusuan.sqlite", "yusuan.sqlite-journal"] {
            assert!(is_dataset_file(name, &files), "{name}");
        }
        for name in ["yusuan.sqlite.bak", ".yusuan-cache", "NOTES.txt"] {
            assert!(!is_dataset_file(name, &files), "{name}");
        }
    }

    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), b"from a").unwrap();
        if !exchange(&a, &b).unwrap() {
            eprintln!("SKIPPED: exchange_swaps_two_folders_in_one_step: this file system cannot exchange two folders");
            return;
        }
        assert_eq!(fs::read(b.join("x")).unwrap(), b"from a");
        assert!(!a.join("x").exists());
    }
}
