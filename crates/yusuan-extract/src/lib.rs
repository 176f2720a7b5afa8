//! The extractor: bytes of a .docx, .doc or .pdf → [`yusuan_model::Document`].
//!
//! [`extract`] sniffs the format from the file's first bytes (not its name) and hands it to one
//! reader: [`docx`] streams `word/document.xml` out of the zip with quick-xml and keeps every
//! table as a grid with merged cells; [`doc`] reads Word 97–2003 binary files (OLE compound
//! files, as Word and WPS write them) into the same grids; `workbook` reads every sheet of an
//! .xlsx as a grid with calamine; [`pdf`] interprets page content streams with lopdf. All produce
//! the same model, so the normaliser never knows where a table came from.
//!
//! Readers know nothing about budgets: they find text and grids. Inputs are untrusted; every
//! reader obeys the [`Limits`] it is given and returns a typed [`ExtractError`] instead of
//! panicking.

// What the binary, the tests and the fuzz targets use is `pub`; the rest is `pub(crate)` at most.
#![warn(unreachable_pub)]

pub mod doc;
pub mod docx;
mod error;
mod limits;
pub mod pdf;
mod sniff;
mod workbook;

pub use error::{Cause, ExtractError, Result};
pub use limits::Limits;
use sniff::{sniff, Sniffed};

use yusuan_model::Document;

/// Read one file's bytes into a [`Document`], choosing the reader from the content.
///
/// `name` is used only for messages and to tell formats apart that share a container.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document> {
    match sniff(bytes) {
        Sniffed::Zip if workbook::is_workbook(bytes) => workbook::read_xlsx(bytes, limits),
        Sniffed::Zip => docx::read_docx(bytes, limits),
        Sniffed::Pdf => pdf::read_pdf(bytes, limits),
        Sniffed::Ole => doc::read_doc(bytes, limits),
        Sniffed::Empty => Err(ExtractError::malformed("empty file")),
        Sniffed::Other => Err(ExtractError::Unsupported(
            "not a .docx, .doc or .pdf file (unrecognised content)".into(),
        )),
    }
}
