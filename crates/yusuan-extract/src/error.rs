//! The extractor's error type. An error that a library reported (the zip, XML, workbook or PDF
//! reader) keeps that library's error as its cause ([`std::error::Error::source`]) instead of
//! copying its text; [`ExtractError::message`] gives the line users read, cause included.

use thiserror::Error;

/// What a library reading part of a file reported, kept as an error's cause.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The file is not a format yusuan reads.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The file is damaged or is not what its container claims.
    #[error("malformed: {what}")]
    Malformed {
        /// What was found damaged.
        what: String,
        /// What the library reading it reported, when one did.
        #[source]
        cause: Option<Cause>,
    },
    /// The file needs a password to open.
    #[error("encrypted: {what}")]
    Encrypted {
        /// What could not be opened.
        what: String,
        /// What the library decrypting it reported, when one did.
        #[source]
        cause: Option<Cause>,
    },
    /// The file has no text to read (a scanned PDF).
    #[error("{0}")]
    NoText(String),
    /// A reader limit was exceeded.
    #[error("limit exceeded: {0}")]
    Limit(String),
}

impl ExtractError {
    /// A damaged file, as the reader itself found.
    pub(crate) fn malformed(what: impl Into<String>) -> Self {
        ExtractError::Malformed {
            what: what.into(),
            cause: None,
        }
    }

    /// A damaged file, as a library reading it reported.
    pub(crate) fn malformed_by(what: impl Into<String>, cause: impl Into<Cause>) -> Self {
        ExtractError::Malformed {
            what: what.into(),
            cause: Some(cause.into()),
        }
    }

    /// A file that needs a password.
    pub(crate) fn encrypted(what: impl Into<String>) -> Self {
        ExtractError::Encrypted {
            what: what.into(),
            cause: None,
        }
    }

    /// A file that could not be decrypted, as the library decrypting it reported.
    pub(crate) fn encrypted_by(what: impl Into<String>, cause: impl Into<Cause>) -> Self {
        ExtractError::Encrypted {
            what: what.into(),
            cause: Some(cause.into()),
        }
    }

    /// The message users read (in `documents.csv`): the error, then its cause after a colon,
    /// e.g. `malformed: not a readable zip container: invalid Zip archive: …`.
    pub fn message(&self) -> String {
        match std::error::Error::source(self) {
            Some(cause) => format!("{self}: {cause}"),
            None => self.to_string(),
        }
    }
}

/// Result alias of the extractor.
pub type Result<T> = std::result::Result<T, ExtractError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_is_kept_and_read_in_the_message() {
        let io = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "cut short");
        let e = ExtractError::malformed_by("cannot inflate word/document.xml", io);
        assert_eq!(e.to_string(), "malformed: cannot inflate word/document.xml");
        let cause = std::error::Error::source(&e).expect("a cause");
        assert_eq!(cause.to_string(), "cut short");
        assert_eq!(
            e.message(),
            "malformed: cannot inflate word/document.xml: cut short"
        );
        assert_eq!(ExtractError::malformed("x").message(), "malformed: x");
    }
}
