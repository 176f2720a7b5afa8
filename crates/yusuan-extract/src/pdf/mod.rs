//! The PDF reader: page content streams → paragraphs and table grids.

use crate::{ExtractError, Limits, Result};
use yusuan_model::Document;

/// Read a PDF.
pub fn read_pdf(_bytes: &[u8], _limits: &Limits) -> Result<Document> {
    Err(ExtractError::Unsupported("PDF reading is not available in this build".into()))
}
