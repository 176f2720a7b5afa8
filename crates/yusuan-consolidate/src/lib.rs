//! The consolidator: the [`yusuan_model::FileOutcome`]s of many documents → the dataset files.
//!
//! [`write_dataset`] writes, into one output folder:
//!
//! | file | one row per |
//! |---|---|
//! | `documents.csv` | input file, whatever became of it |
//! | `line_items.csv` | amount in a disclosure table, in 元 |
//! | `checks.csv` | consistency check run on a document |
//! | `narrative_facts.csv` | figure stated in the narrative |
//! | `performance_targets.csv` | indicator of a performance-target table |
//! | `documents.jsonl` | document, everything nested, with its raw tables |
//! | `projects.csv` | project the explanation describes |
//! | `datapackage.json` | Frictionless descriptor with a schema per CSV ([`schema`]) |
//! | `yusuan.sqlite` | the same tables in SQLite, indexed, with a view of totals per department and year |
//!
//! A line of `line_items.csv`, for example:
//!
//! ```text
//! doc_id,department_id,fiscal_year,table,scheme,code,name,name_published,project,measure,amount_yuan,unit,page,table_no,row,col
//! 3f1c…,dept_5a…,2022,expenditure_summary,function,2010302,一般行政管理事务,一般行政管理事务,,project,7140000.00,万元,,3,6,6
//! ```
//!
//! Every file is first written into a fresh folder beside the output folder, which replaces the
//! output folder in one switch only when all are complete, so a reader of the output
//! folder finds one whole dataset at every moment, even after a crash. Rows come out in the
//! order of the outcomes given (the binary sorts them by path), so the same input gives the same
//! bytes.

mod rows;
pub mod schema;
mod sqlite;
mod swap;
mod writer;

pub use writer::{
    datapackage, datapackage_with, recover, write_dataset, write_dataset_with, Extras, Summary,
};

use thiserror::Error;

/// Why the dataset could not be written. Each error keeps the underlying error as its cause
/// ([`std::error::Error::source`]); the binary prints the chain (`cannot write …: <cause>`).
#[derive(Debug, Error)]
pub enum WriteError {
    /// A file or folder could not be created, written or renamed.
    #[error("cannot write {path}")]
    Io {
        /// The path concerned.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A record could not be serialised.
    #[error("cannot serialise {what}")]
    Serialise {
        /// What was being written.
        what: String,
        /// The serialiser's error (CSV, JSON or SQLite).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

/// Result alias of the consolidator.
pub type Result<T> = std::result::Result<T, WriteError>;
