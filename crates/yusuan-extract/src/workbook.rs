//! The workbook reader: every sheet of an Excel `.xlsx` or `.xls` (some departments publish their
//! tables as a workbook, one table a sheet) as a table grid, read with calamine.
//!
//! Each sheet becomes a paragraph with the sheet's name (often the table's number or title) and
//! a [`Table`] of its used range, merged areas kept as spans. A number is written as Excel
//! stores it, in the shortest decimal that reads back to the same value (`1206.337261`, not the
//! `1,206.34` a cell format may show); text is kept as typed.
//!
//! calamine inflates the parts it reads without a bound, so every part of the zip is first
//! inflated here within [`Limits::max_part_bytes`] (the declared sizes of a zip may lie); an
//! `.xls` comes here only after its `Workbook` stream was read within the same limit.

use std::io::{Cursor, Read};

use calamine::{Data, Reader};
use yusuan_model::{Block, Cell, Document, Format, Paragraph, Table, Warning};

use crate::{ExtractError, Limits, Result};

/// Whether a zip container is a workbook (it holds `xl/workbook.xml`).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|mut z| z.by_name("xl/workbook.xml").is_ok())
        .unwrap_or(false)
}

/// Read an `.xlsx` file's bytes.
pub(crate) fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Document> {
    check_parts(bytes, limits)?;
    let book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::malformed_by("not a readable workbook", e))?;
    read_sheets(book, Format::Xlsx, |b, name| {
        match b.worksheet_merge_cells(name) {
            Some(Ok(m)) => m,
            _ => Vec::new(),
        }
    })
}

/// Read an Excel 97–2003 `.xls` file's bytes (an OLE compound file with a `Workbook` stream).
pub(crate) fn read_xls(bytes: &[u8]) -> Result<Document> {
    let book: calamine::Xls<_> = calamine::Xls::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::malformed_by("not a readable .xls workbook", e))?;
    read_sheets(book, Format::Xls, |b, name| {
        b.worksheet_merge_cells(name).unwrap_or_default()
    })
}

/// Every sheet of a workbook, each as its name and its grid.
fn read_sheets<R: std::io::Read + std::io::Seek, B: Reader<R>>(
    mut book: B,
    format: Format,
    merges_of: impl Fn(&mut B, &str) -> Vec<calamine::Dimensions>,
) -> Result<Document>
where
    B::Error: std::fmt::Display,
{
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                warnings.push(Warning::sheet_unreadable(&name, e));
                continue;
            }
        };
        let merges = merges_of(&mut book, &name);
        if let Some(table) = sheet_table(&range, &merges) {
            blocks.push(Block::Paragraph(Paragraph {
                text: name.clone(),
                page: None,
            }));
            blocks.push(Block::Table(table));
        }
    }
    Ok(Document {
        format,
        pages: None,
        blocks,
        warnings,
    })
}

/// Inflate every part within the limit before calamine reads any.
fn check_parts(bytes: &[u8], limits: &Limits) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::malformed_by("not a readable zip container", e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| ExtractError::malformed_by(format!("cannot open part {i}"), e))?;
        let name = part.name().to_string();
        let n = std::io::copy(
            &mut (&mut part).take(limits.max_part_bytes + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| ExtractError::malformed_by(format!("cannot inflate {name}"), e))?;
        if n > limits.max_part_bytes {
            return Err(ExtractError::Limit(format!(
                "{name} inflates past the limit of {} bytes per part",
                limits.max_part_bytes
            )));
        }
        total += n;
        if total > limits.max_document_bytes {
            return Err(ExtractError::Limit(format!(
                "the workbook inflates past the limit of {} bytes",
                limits.max_document_bytes
            )));
        }
    }
    Ok(())
}

/// A sheet's used range as a grid; `None` for an empty sheet.
fn sheet_table(range: &calamine::Range<Data>, merges: &[calamine::Dimensions]) -> Option<Table> {
    let (top, left) = range.start()?;
    let (n_rows, n_cols) = range.get_size();
    if n_rows == 0 || n_cols == 0 {
        return None;
    }
    // The span of each merged area's top-left cell, and the cells it covers.
    let mut span: std::collections::HashMap<(usize, usize), (usize, usize)> = Default::default();
    let mut covered: std::collections::HashSet<(usize, usize)> = Default::default();
    for m in merges {
        let (r0, c0) = (
            m.start.0.saturating_sub(top) as usize,
            m.start.1.saturating_sub(left) as usize,
        );
        let (r1, c1) = (
            m.end.0.saturating_sub(top) as usize,
            m.end.1.saturating_sub(left) as usize,
        );
        if r0 >= n_rows || c0 >= n_cols || r1 < r0 || c1 < c0 {
            continue;
        }
        let (r1, c1) = (r1.min(n_rows - 1), c1.min(n_cols - 1));
        span.insert((r0, c0), (r1 - r0 + 1, c1 - c0 + 1));
        for r in r0..=r1 {
            for c in c0..=c1 {
                if (r, c) != (r0, c0) {
                    covered.insert((r, c));
                }
            }
        }
    }
    let mut cells = Vec::new();
    for (r, row) in range.rows().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if covered.contains(&(r, c)) {
                continue;
            }
            let (row_span, col_span) = span.get(&(r, c)).copied().unwrap_or((1, 1));
            cells.push(Cell {
                row: r,
                col: c,
                row_span,
                col_span,
                text: text_of(value),
                page: None,
            });
        }
    }
    Some(Table {
        n_rows,
        n_cols,
        cells,
        page: None,
    })
}

/// A cell's text: numbers in their shortest exact decimal form.
fn text_of(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Float(_) => String::new(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_decimals() {
        assert_eq!(text_of(&Data::Float(1206.337261)), "1206.337261");
        assert_eq!(text_of(&Data::Float(48.0)), "48");
        assert_eq!(text_of(&Data::String("合计".into())), "合计");
    }

    #[test]
    fn not_a_workbook_is_an_error_not_a_panic() {
        assert!(read_xlsx(b"PK\x03\x04broken", &Limits::default()).is_err());
        assert!(!is_workbook(b"not a zip"));
    }
}
