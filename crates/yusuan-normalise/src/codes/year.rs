//! The code tables as one document's fiscal year knows them: the value every phase of the
//! normaliser is given, instead of reaching for the tables itself.

use std::ops::Deref;

use super::{CodeBook, InYear, NameMatch};

/// The code tables of one fiscal year (`None`: the current tables). The look-ups that do not
/// depend on the year (a code's current name, codes by name) are the [`CodeBook`]'s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Codes<'a> {
    book: &'a CodeBook,
    year: Option<i32>,
}

impl<'a> Codes<'a> {
    /// The tables `book` gives for `year`.
    pub(crate) fn of_year(book: &'a CodeBook, year: Option<i32>) -> Codes<'a> {
        Codes { book, year }
    }

    /// The fiscal year.
    pub(crate) fn year(&self) -> Option<i32> {
        self.year
    }

    /// Whether a printed name fits its code in this year's tables.
    pub(crate) fn check_name(&self, code: &str, printed: &str) -> NameMatch {
        self.book.check_name_in(code, printed, self.year)
    }

    /// A code as this year's tables know it.
    pub(crate) fn state(&self, code: &str) -> InYear {
        self.book.in_year(code, self.year)
    }
}

impl Deref for Codes<'_> {
    type Target = CodeBook;

    fn deref(&self) -> &CodeBook {
        self.book
    }
}
