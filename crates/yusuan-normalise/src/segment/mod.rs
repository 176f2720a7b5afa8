//! Phase 1: the document's blocks in order, cut into what the later phases read: the lines of
//! text (for the document's facts), the paragraphs with their pages (for the narrative), and
//! every table grid with what is printed above it: its title (`title`), the kind of disclosure
//! table that title names (`classify`), the unit, and whether it follows the grid before with
//! nothing printed between (the rest of a table a page break cut). `template` tells which
//! family of templates the recognised tables follow.

pub(crate) mod classify;
pub(crate) mod grid;
pub(crate) mod template;
pub(crate) mod title;

use yusuan_model::{Block, Document, Table, TableKind};

use crate::amount::{find_unit, Unit};
use crate::text::is_page_number;
use classify::kind_from_title;
use grid::{title_rows, Dense};
use title::{header_guess, printed_title};

/// A document cut into lines, paragraphs and grids.
pub(crate) struct Segmented<'d> {
    /// Every line of text in order: the paragraphs' lines and the title rows inside grids.
    pub(crate) lines: Vec<String>,
    /// Every paragraph with its page, its line breaks removed.
    pub(crate) paragraphs: Vec<(String, Option<u32>)>,
    /// Every table grid, in order.
    pub(crate) grids: Vec<Grid<'d>>,
}

/// A table grid and what is printed above it.
pub(crate) struct Grid<'d> {
    /// The grid.
    pub(crate) table: &'d Table,
    /// Its ordinal among the document's grids, from 1.
    pub(crate) table_no: usize,
    /// Its text, dense.
    pub(crate) dense: Dense,
    /// How many rows at its top hold a title rather than the header.
    pub(crate) n_title: usize,
    /// The title printed above it or in it, or guessed from its header.
    pub(crate) title: Option<String>,
    /// The disclosure table the title names, and whether the title calls it a 决算 table.
    pub(crate) kind: Option<(TableKind, bool)>,
    /// The unit printed over it, else the last one printed before it.
    pub(crate) unit: Option<Unit>,
    /// Nothing but page numbers is printed between this grid and the one before.
    pub(crate) continuation: bool,
}

/// Cut a document into lines, paragraphs and grids.
pub(crate) fn segment(doc: &Document) -> Segmented<'_> {
    let mut out = Segmented {
        lines: Vec::new(),
        paragraphs: Vec::new(),
        grids: Vec::new(),
    };
    // The lines printed since the last grid: the context of the next one.
    let mut context: Vec<String> = Vec::new();
    let mut last_unit: Option<Unit> = None;
    let mut last_kind: Option<TableKind> = None;
    for block in &doc.blocks {
        match block {
            // A page number left between a table and its continuation on the next page (printed
            // numbering that differs from the file's) does not end the table.
            Block::Paragraph(p) if is_page_number(&p.text) => {}
            Block::Paragraph(p) => {
                // Line breaks inside a paragraph are wrapping (PDF) more often than meaning.
                let joined: String = p.text.lines().map(str::trim).collect();
                if !joined.is_empty() {
                    out.paragraphs.push((joined, p.page));
                }
                for t in p.text.lines().map(str::trim).filter(|t| !t.is_empty()) {
                    out.lines.push(t.to_string());
                    context.push(t.to_string());
                }
            }
            Block::Table(t) => {
                let grid = grid_of(
                    t,
                    out.grids.len() + 1,
                    &context,
                    &mut out.lines,
                    &mut last_unit,
                    last_kind,
                );
                if let Some((kind, _)) = grid.kind {
                    last_kind = Some(kind);
                }
                context.clear();
                out.grids.push(grid);
            }
        }
    }
    out
}

/// One grid with its title, kind and unit, from the lines printed above it (`context`) and its
/// own title rows (added to `lines`).
fn grid_of<'d>(
    t: &'d Table,
    table_no: usize,
    context: &[String],
    lines: &mut Vec<String>,
    last_unit: &mut Option<Unit>,
    last_kind: Option<TableKind>,
) -> Grid<'d> {
    let dense = Dense::new(t);
    let n_title = title_rows(&dense);
    let mut ctx: Vec<String> = context.iter().rev().take(6).rev().cloned().collect();
    for row in &dense.full[..n_title] {
        let mut seen: Vec<&String> = row.iter().filter(|s| !s.trim().is_empty()).collect();
        seen.dedup();
        let text = seen.iter().map(|s| s.trim()).collect::<Vec<_>>().join("  ");
        lines.push(text.clone());
        ctx.push(text);
    }
    let continuation = context.is_empty();
    let printed = printed_title(&ctx);
    // The rest of a performance-target form broken by a page break repeats its header but not
    // its title: it continues the form, it does not start one.
    let continues_form =
        continuation && printed.is_none() && last_kind == Some(TableKind::PerformanceTargets);
    let title = printed.or_else(|| {
        (!continues_form)
            .then(|| header_guess(&dense, n_title))
            .flatten()
    });
    if let Some(u) = ctx.iter().rev().find_map(|l| find_unit(l)) {
        *last_unit = Some(u);
    }
    Grid {
        table: t,
        table_no,
        kind: title.as_deref().and_then(kind_from_title),
        title,
        unit: last_unit.clone(),
        dense,
        n_title,
        continuation,
    }
}
