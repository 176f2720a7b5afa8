//! The extractor's error type.

use thiserror::Error;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The file is not a format yusuan reads.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The file is damaged or is not what its container claims.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The file needs a password to open.
    #[error("encrypted: {0}")]
    Encrypted(String),
    /// The file has no text to read (a scanned PDF).
    #[error("{0}")]
    NoText(String),
    /// A reader limit was exceeded.
    #[error("limit exceeded: {0}")]
    Limit(String),
}

/// Result alias of the extractor.
pub type Result<T> = std::result::Result<T, ExtractError>;
