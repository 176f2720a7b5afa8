//! The PDF reader: page content streams → paragraphs and table grids.
//!
//! The reader is built in layers, each a folder, listed here from the bottom up; a layer uses
//! only the layers listed before it, never one listed after it:
//!
//! - `syntax/`: bytes before objects — content-stream lexer, nesting guard, xref rebuild;
//! - `objects/`: lopdf's object graph — the look-up context `Ctx`, the bounded stream decoder;
//! - `fonts/`: character codes → text — fonts, CMaps, encodings, TrueType `cmap`, unify;
//! - `interpret/`: the content-stream interpreter, painting onto a `Device`; page geometry;
//! - `layout/`: glyphs → words → lines;
//! - `tables/`: rules → grids, words → cells, aligned tables, tables continued across pages;
//! - `document/`: [`read_pdf`] — loading, pages, page assembly, headers, blocks of the model.
//!
//! [`read_pdf`] loads the file with lopdf (decrypting it when the user password is empty,
//! rebuilding a damaged cross-reference table by scanning — `syntax::repair`), then for each
//! page, inside a panic guard so that one bad page cannot take the document down:
//!
//! 1. `interpret::content` interprets the content streams (and Form XObjects) into glyphs with
//!    boxes and ruling lines, in the upright *page frame* of `interpret::geom` (`/Rotate`
//!    applied, `y` down); fonts are parsed once per document by `fonts::font` (widths,
//!    `fonts::cmap` ToUnicode and predefined CJK CMaps, `fonts::encoding` for simple fonts);
//! 2. `document::page` builds words and lines (`layout::lines`), table grids from the rules
//!    (`tables::grid`) or, without rules, from column alignment (`tables::align`), and puts
//!    each word in its cell (`tables::cells`).
//!
//! Then, over the whole document (`document::blocks`): page numbers and running
//! headers/footers are dropped, the remaining lines become paragraphs, tables interleave with
//! them top to bottom, and a table that continues on the next page is merged into one
//! (`tables::continuation`).
//!
//! Example: page 20 of a Shanghai budget — the title `2025年单位“三公”经费和机关运行经费预算表`,
//! the line `编制单位：上海市财政局 … 单位:万元` and a ruled table — becomes
//! `[Paragraph("2025年单位“三公”经费和机关运行经费预算表"), Paragraph("编制单位：上海市财政局
//! 单位:万元"), Table { n_rows: 4, n_cols: 7, … }]`, each with `page: Some(20)`; the table's
//! header cell `“三公”经费预算数` has `col_span: 6`, and its last row holds `346.30`, `288.70`,
//! `25.40`, `32.20`, an empty cell, `32.20` and `2,517.78`.

mod document;
mod fonts;
mod interpret;
mod layout;
mod objects;
mod syntax;
mod tables;

pub use document::read_pdf;
