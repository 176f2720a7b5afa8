//! Tables: ruling lines → grids ([`grid`]), words → cells of a grid ([`cells`]), tables found
//! from the column alignment of lines without rules ([`align`]), and tables that continue
//! across pages ([`continuation`]). Uses `fonts`, `interpret` and `layout`, never `document`.

pub(crate) mod align;
pub(crate) mod cells;
pub(crate) mod continuation;
pub(crate) mod grid;

use yusuan_model::Table;

use crate::pdf::interpret::geom::Rect;

/// A table on one page, with the geometry the cross-page merge compares.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The table (cells carry the page number).
    pub table: Table,
    /// Column boundaries.
    pub xs: Vec<f32>,
    /// Outer box.
    pub bbox: Rect,
}
