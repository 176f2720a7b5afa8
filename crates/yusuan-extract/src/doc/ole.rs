//! The OLE compound file (Compound File Binary) that holds a .doc: opened with the `cfb` crate
//! over the bytes in memory, its streams read within [`Limits`].
//!
//! `cfb` is fuzzed upstream for panics and endless loops; every call into it is still made inside
//! a panic guard, so a container bug becomes [`ExtractError::Malformed`] instead of a crash.

use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use cfb::CompoundFile;

use crate::{ExtractError, Limits, Result};

/// An opened compound file.
pub(super) struct Ole<'a> {
    file: CompoundFile<Cursor<&'a [u8]>>,
}

/// A damaged container, found here or by a panic in cfb (there is no library error to keep).
fn damaged(what: impl std::fmt::Display) -> ExtractError {
    ExtractError::malformed(format!("OLE compound file: {what}"))
}

/// A damaged container, as the `cfb` crate reported.
fn damaged_by(what: impl std::fmt::Display, cause: std::io::Error) -> ExtractError {
    ExtractError::malformed_by(format!("OLE compound file: {what}"), cause)
}

impl<'a> Ole<'a> {
    /// Open the container (header, allocation tables and directory).
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self> {
        let opened = catch_unwind(AssertUnwindSafe(|| CompoundFile::open(Cursor::new(bytes))));
        match opened {
            Ok(Ok(file)) => Ok(Ole { file }),
            Ok(Err(e)) => Err(ExtractError::malformed_by("OLE compound file", e)),
            Err(_) => Err(damaged("the container structure is damaged")),
        }
    }

    /// Whether a stream of this name exists at the root (names are case-insensitive).
    pub(super) fn has_stream(&self, name: &str) -> bool {
        catch_unwind(AssertUnwindSafe(|| self.file.is_stream(name))).unwrap_or(false)
    }

    /// Names of the entries at the root, for telling other Office files apart.
    pub(super) fn root_names(&self) -> Vec<String> {
        catch_unwind(AssertUnwindSafe(|| {
            self.file
                .read_root_storage()
                .map(|e| e.name().to_string())
                .collect()
        }))
        .unwrap_or_default()
    }

    /// Read a whole stream at the root; larger than `limits.max_part_bytes` is refused.
    pub(super) fn read_stream(&mut self, name: &str, limits: &Limits) -> Result<Vec<u8>> {
        let file = &mut self.file;
        let read = catch_unwind(AssertUnwindSafe(|| -> Result<Vec<u8>> {
            let len = file
                .entry(name)
                .map_err(|e| damaged_by(format!("stream {name}"), e))?
                .len();
            if len > limits.max_part_bytes {
                return Err(ExtractError::Limit(format!(
                    "stream {name} is {len} bytes, more than the {} allowed for one part",
                    limits.max_part_bytes
                )));
            }
            let stream = file
                .open_stream(name)
                .map_err(|e| damaged_by(format!("stream {name}"), e))?;
            let mut out = Vec::new();
            stream
                .take(len)
                .read_to_end(&mut out)
                .map_err(|e| damaged_by(format!("stream {name} cannot be read"), e))?;
            if (out.len() as u64) < len {
                return Err(damaged(format!(
                    "stream {name} is cut short ({} of {len} bytes)",
                    out.len()
                )));
            }
            Ok(out)
        }));
        read.unwrap_or_else(|_| Err(damaged(format!("stream {name} is damaged"))))
    }
}

/// Why an OLE file without a `WordDocument` stream is not read: what it seems to be instead.
pub(super) fn not_word_message(root_names: &[String]) -> String {
    let has = |n: &str| root_names.iter().any(|r| r.eq_ignore_ascii_case(n));
    let what = if has("Workbook") || has("Book") {
        "an Excel 97–2003 workbook (.xls)"
    } else if has("PowerPoint Document") {
        "a PowerPoint 97–2003 presentation (.ppt)"
    } else if has("EncryptedPackage") || has("EncryptionInfo") {
        "an encrypted Office 2007+ file"
    } else if has("Contents") || has("CONTENTS") {
        "an OLE file of another program (no WordDocument stream)"
    } else {
        "an OLE compound file without a WordDocument stream"
    };
    format!("{what}, not a Word 97–2003 .doc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_after_the_signature_is_malformed() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend([0xAB; 600]);
        assert!(matches!(
            Ole::open(&bytes),
            Err(ExtractError::Malformed { .. })
        ));
    }

    #[test]
    fn tells_other_office_files_apart() {
        let msg = not_word_message(&["Workbook".into(), "\u{5}SummaryInformation".into()]);
        assert!(msg.contains(".xls"), "{msg}");
    }
}
