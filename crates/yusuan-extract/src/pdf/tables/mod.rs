//! Tables: ruling lines → grids ([`grid`]), words → cells of a grid ([`cells`]), tables found
//! from the column alignment of lines without rules ([`align`]), and tables that continue
//! across pages ([`continuation`]). Uses `fonts`, `interpret` and `layout`, never `document`.

pub(crate) mod align;
pub(crate) mod cells;
pub(crate) mod continuation;
pub(crate) mod grid;

use yusuan_model::Table;

use crate::pdf::interpret::geom::Rect;

/// The tolerances of table finding, in one place. The reader uses [`TableSettings::DEFAULT`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TableSettings {
    /// Positions closer than this (points) are the same grid line.
    pub snap: f32,
    /// Collinear pieces of a rule with a gap up to this (points) are one line.
    pub join_gap: f32,
    /// Share of a grid edge that must be drawn for the border to count as present.
    pub coverage: f32,
    /// Rules running past the outermost perpendicular rule by more than this many `snap`s
    /// make their ends a border too (a table drawn with open sides).
    pub open_side_snaps: f32,
    /// Grid boundaries closer than this (points) to the previous one are dropped.
    pub min_boundary_gap: f32,
    /// Narrowest grid taken as a table, in points.
    pub min_grid_width: f32,
    /// Lowest grid taken as a table, in points.
    pub min_grid_height: f32,
    /// Word centres within this many em of the previous one are one line of text (splitting
    /// unruled rows of a grid, and the lines of a cell's text).
    pub text_line_em: f32,
    /// A ruled row is split into its lines of text only when at least this many em tall.
    pub split_row_em: f32,
    /// Fewest rows of a table without rules.
    pub min_aligned_rows: usize,
    /// Fewest columns of a table without rules.
    pub min_aligned_cols: usize,
    /// A gap this wide (em) between two words of a line separates two columns.
    pub column_gap_em: f32,
    /// Lines farther apart than this (em) end a run of table rows without rules.
    pub aligned_row_gap_em: f32,
}

impl TableSettings {
    /// The values the reader uses.
    pub(super) const DEFAULT: TableSettings = TableSettings {
        snap: 2.0,
        join_gap: 2.5,
        coverage: 0.6,
        open_side_snaps: 3.0,
        min_boundary_gap: 3.0,
        min_grid_width: 10.0,
        min_grid_height: 5.0,
        text_line_em: 0.5,
        split_row_em: 2.2,
        min_aligned_rows: 3,
        min_aligned_cols: 3,
        column_gap_em: 1.0,
        aligned_row_gap_em: 2.5,
    };
}

impl Default for TableSettings {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A table on one page, with the geometry the cross-page merge compares.
#[derive(Debug, Clone)]
pub(super) struct PageTable {
    /// The table (cells carry the page number).
    pub table: Table,
    /// Column boundaries.
    pub xs: Vec<f32>,
    /// Outer box.
    pub bbox: Rect,
}
