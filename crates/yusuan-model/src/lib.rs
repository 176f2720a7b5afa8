//! Shared types of yusuan. Every stage speaks through this crate and through nothing else.
//!
//! The data flows in two halves:
//!
//! * **Extracted** ([`document`]): the extractor turns the bytes of a .docx or .pdf into a
//!   [`Document`]: an ordered list of [`Block`]s, each a [`Paragraph`] or a [`Table`] whose
//!   [`Cell`]s keep their grid position, span and page; its [`Warning`]s say what the reader met
//!   that did not stop it.
//! * **Normalised** ([`record`]): the normaliser turns a `Document` into a [`Disclosure`]:
//!   document metadata ([`DocMeta`]), recognised tables ([`TableInfo`]), long-form
//!   [`LineItem`]s with exact amounts in 元, [`Check`]s with their outcome,
//!   [`NarrativeFact`]s and [`PerformanceTarget`]s.
//!
//! The consolidator writes the records of many documents as the dataset; [`FileOutcome`] is one
//! input file's whole result, whatever became of it.
//!
//! The crate does no I/O and has no parsing logic beyond small value conversions.

pub mod document;
pub mod record;
pub mod vocab;

pub use document::{Block, Cell, Document, Format, Paragraph, Table, Warning};
pub use record::{
    Check, CheckStatus, Code, CodeLevel, CodebookEntry, Copies, Deduction, Disclosure, DocKind,
    DocMeta, FileOutcome, FileStatus, LineItem, Location, NarrativeFact, PerformanceTarget,
    PrintedTotal, Project, Reported, Scheme, Scope, Staffing, TableId, TableInfo, TableKind,
    Transparency,
};
pub use vocab::{CheckId, IncomeSource, Measure, Stage, WarningKind};
