//! What reading a table gives: rows of coded amounts, the printed totals, the column roles.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{Measure, Scheme};

/// The role of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// One level of a split code: 0 = 类, 1 = 款, 2 = 项.
    CodePart(usize),
    /// A joined (or fused) code.
    Code,
    /// A name or label.
    Label,
    /// A project name.
    Project,
    /// An amount with this measure.
    Amount(Measure),
    /// Nothing we read.
    Ignore,
}

/// One amount cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    /// As printed, in the table's unit.
    pub printed: Decimal,
    /// In 元.
    pub yuan: Decimal,
    /// Grid column.
    pub col: usize,
}

/// One data row that carries amounts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// Grid row.
    pub row: usize,
    /// Scheme of the code.
    pub scheme: Scheme,
    /// Canonical code, or "" for rows without one.
    pub code: String,
    /// The row's name as printed.
    pub name_published: String,
    /// Project name (project table), else "".
    pub project: String,
    /// How the code was printed, where it had to be repaired (`2` read as `02`) or was not
    /// printed at all and came from the name.
    pub code_repaired: Option<String>,
    /// Measure → value.
    pub values: BTreeMap<Measure, Value>,
}

impl Row {
    /// A row without a code (the 三公 row).
    pub(crate) fn uncoded(row: usize, values: BTreeMap<Measure, Value>) -> Row {
        Row {
            row,
            scheme: Scheme::None,
            code: String::new(),
            name_published: String::new(),
            project: String::new(),
            code_repaired: None,
            values,
        }
    }
}

/// Grand-total rows of a table: side (`income`, `expenditure`, or "" for one-sided) → measure → value.
pub(crate) type Totals = BTreeMap<(String, Measure), Value>;

/// A table read into rows.
#[derive(Debug, Clone)]
pub(crate) struct TableData {
    /// Rows with codes (or the 三公 row).
    pub rows: Vec<Row>,
    /// Printed grand totals.
    pub totals: Totals,
    /// The most decimals printed in the table: its published precision.
    pub scale: u32,
    /// Whether any amount was printed at all.
    pub any_amount: bool,
    /// The column roles, for a continuation table on the next grid.
    pub roles: Vec<Role>,
}

impl TableData {
    /// Nothing read yet, with these column roles.
    pub(crate) fn empty(roles: Vec<Role>) -> TableData {
        TableData {
            rows: Vec::new(),
            totals: Totals::new(),
            scale: 0,
            any_amount: false,
            roles,
        }
    }

    /// A table read for what it is, not for amounts (a performance-target form).
    pub(crate) fn without_amounts() -> TableData {
        TableData::empty(Vec::new())
    }
}

/// The key under which a two-sided table keeps the year's own total (本年收入合计, 本年支出合计)
/// beside the grand total (总计) of that side.
pub(crate) fn year_side(side: &str) -> String {
    format!("{side}_year")
}
