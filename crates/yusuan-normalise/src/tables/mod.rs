//! Phase 2: every recognised grid read into a [`ReadTable`]: its column roles, its rows of coded
//! amounts in 元, its printed totals, and the grids it continues over; the performance-target
//! forms read indicator by indicator; the line items of the dataset.
//!
//! `columns` gives each column its role from the header, `rows` reads the data rows with those
//! roles (`summary` the rows of summary tables, labelled by meaning), `code` and `income` read
//! codes and income sources, `measure` a column's measure, `procurement` the 政府采购 table,
//! `targets` the performance-target forms, and `figures` indexes what was read by code for the
//! checks.

pub(crate) mod code;
pub(crate) mod columns;
pub(crate) mod data;
pub(crate) mod figures;
pub(crate) mod income;
pub(crate) mod measure;
pub(crate) mod procurement;
pub(crate) mod rows;
pub(crate) mod summary;
pub(crate) mod targets;

use yusuan_model::{LineItem, Location, PerformanceTarget, Scheme, Table, TableInfo, TableKind};

use crate::amount::{parse_amount, CellValue, Unit};
use crate::codes::Codes;
use crate::segment::grid::Dense;
use crate::segment::Grid;
use columns::{column_roles, first_data_row, header_paths};
use data::{Role, TableData};
use rows::read_blocks;

/// A recognised table and what was read from it.
#[derive(Debug, Clone)]
pub(crate) struct ReadTable {
    /// What it is.
    pub info: TableInfo,
    /// Its rows.
    pub data: TableData,
    /// Its unit.
    pub unit: Unit,
    /// The grids the table is printed in: one, or more where it continues over pages without
    /// the PDF reader joining them (columns that shift from one page to the next).
    pub segments: Vec<Segment>,
    /// Per code, per measure, the figure the checks compare (computed once, on first use).
    pub(crate) figures: std::sync::OnceLock<figures::CodeFigures>,
}

/// One grid of a table: its rows are numbered from `first_row` in the table's [`TableData`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// The table's row number of the grid's first row.
    pub first_row: usize,
    /// The grid's ordinal in the document.
    pub table_no: usize,
    /// The page it is printed on.
    pub page: Option<u32>,
}

impl ReadTable {
    fn new(info: TableInfo, data: TableData, unit: Unit) -> ReadTable {
        ReadTable {
            segments: vec![Segment {
                first_row: 0,
                table_no: info.table_no,
                page: info.page,
            }],
            info,
            data,
            unit,
            figures: std::sync::OnceLock::new(),
        }
    }

    /// Where row `row` of the table (and column `col`) is printed: its grid, page and the row
    /// within that grid.
    pub(crate) fn location(&self, row: Option<usize>, col: Option<usize>) -> Location {
        let seg = row
            .and_then(|r| self.segments.iter().rev().find(|s| s.first_row <= r))
            .unwrap_or(&self.segments[0]);
        Location {
            page: seg.page,
            table_no: Some(seg.table_no),
            row: row.map(|r| r - seg.first_row),
            col,
        }
    }

    /// Append the rows of a grid that continues this table, numbering them after the rows of
    /// the grids before it (`rows_before`: how many rows those grids have).
    fn append(
        &mut self,
        mut data: TableData,
        rows_before: usize,
        table_no: usize,
        page: Option<u32>,
    ) {
        for row in &mut data.rows {
            row.row += rows_before;
        }
        self.data.rows.append(&mut data.rows);
        for (key, v) in data.totals {
            self.data.totals.entry(key).or_insert(v);
        }
        self.data.scale = self.data.scale.max(data.scale);
        self.data.any_amount |= data.any_amount;
        self.info.empty = !self.data.any_amount;
        self.segments.push(Segment {
            first_row: rows_before,
            table_no,
            page,
        });
    }
}

/// What reading every grid gives: the tables and the performance targets.
pub(crate) struct Read {
    /// The recognised tables, each with the grids that continue it.
    pub(crate) tables: Vec<ReadTable>,
    /// The indicators of the performance-target forms.
    pub(crate) targets: Vec<PerformanceTarget>,
}

/// Read every recognised grid (every table of a 决算, `final_doc`, is a 决算 table); a grid
/// that is not recognised but follows a table with nothing printed between continues it.
pub(crate) fn read_all(grids: &[Grid<'_>], final_doc: bool, codes: &Codes<'_>) -> Read {
    let mut read: Vec<ReadTable> = Vec::new();
    let mut found = Vec::new();
    let mut target_reader = targets::TargetReader::default();
    for grid in grids {
        match grid.kind {
            Some((kind, final_accounts)) => {
                if kind == TableKind::PerformanceTargets {
                    found.extend(std::mem::take(&mut target_reader).flush());
                    found.extend(target_reader.read(&grid.dense));
                }
                let final_accounts =
                    final_accounts || (final_doc && kind != TableKind::PerformanceTargets);
                read.push(read_grid(grid, kind, final_accounts, codes));
            }
            None if grid.continuation => match read.last_mut() {
                // The rest of a form broken by a page break.
                Some(prev) if prev.info.kind == TableKind::PerformanceTargets => {
                    found.extend(target_reader.read(&grid.dense));
                }
                Some(prev) => {
                    let Some(roles) = continued_roles(prev, &grid.dense) else {
                        continue;
                    };
                    let data = continue_grid(prev, &grid.dense, &roles, codes);
                    let last = *prev.segments.last().expect("a table has a grid");
                    let rows_before =
                        last.first_row + grid_table(grids, last.table_no).map_or(0, |g| g.n_rows);
                    prev.append(data, rows_before, grid.table_no, grid.table.page);
                }
                None => {}
            },
            None => {}
        }
    }
    found.extend(target_reader.flush());
    Read {
        tables: read,
        targets: found,
    }
}

/// One recognised grid read as a table of its own.
fn read_grid(
    grid: &Grid<'_>,
    kind: TableKind,
    final_accounts: bool,
    codes: &Codes<'_>,
) -> ReadTable {
    let (t, dense) = (grid.table, &grid.dense);
    let unit = grid
        .unit
        .clone()
        .unwrap_or_else(|| Unit::from_name("万元").expect("known unit"));
    let info = |empty: bool, unit: &Unit| TableInfo {
        totals: Vec::new(),
        table_no: grid.table_no,
        kind,
        final_accounts,
        title: grid.title.as_deref().unwrap_or_default().trim().to_string(),
        unit: Some(unit.name.clone()),
        page: t.page,
        empty,
    };
    let data_from = first_data_row(dense, grid.n_title);
    if kind == TableKind::PerformanceTargets {
        return ReadTable::new(info(false, &unit), TableData::without_amounts(), unit);
    }
    if kind == TableKind::Procurement {
        let data = procurement::read(dense, data_from, &unit, Default::default(), codes);
        return ReadTable::new(info(!data.any_amount, &unit), data, unit);
    }
    let paths = header_paths(dense, grid.n_title, data_from, t.n_cols);
    let roles = column_roles(kind, final_accounts, &paths, dense, data_from, codes);
    let data = read_blocks(kind, dense, &roles, data_from, &unit, codes);
    ReadTable::new(info(!data.any_amount, &unit), data, unit)
}

/// A grid that continues the previous table (a table broken over a page in Word): same columns,
/// no title between. A repeated header is skipped.
fn continue_grid(prev: &ReadTable, dense: &Dense, roles: &[Role], codes: &Codes<'_>) -> TableData {
    let data_from = first_data_row(dense, 0);
    if prev.info.kind == TableKind::Procurement {
        let ctx = procurement::Context::after(&prev.data.rows);
        return procurement::read(dense, data_from, &prev.unit, ctx, codes);
    }
    read_blocks(prev.info.kind, dense, roles, data_from, &prev.unit, codes)
}

/// The column roles a grid continuing `prev` is read with: the table's own where the grid has
/// its columns; where it has more, the extra ones at the left are labels when they hold only
/// text and the table's rows start with a label (a 收入预算总表 whose first page prints the
/// 项目名称 merged across the two levels of its tree, and whose rest shows the two levels as
/// columns of their own: the amounts keep their place at the right).
fn continued_roles(prev: &ReadTable, dense: &Dense) -> Option<Vec<Role>> {
    let roles = &prev.data.roles;
    let n_cols = dense.origin.first().map_or(roles.len(), Vec::len);
    if n_cols == roles.len() {
        return Some(roles.clone());
    }
    let extra = n_cols.checked_sub(roles.len()).filter(|&e| e > 0)?;
    let text_only = dense.origin.iter().all(|row| {
        row[..extra]
            .iter()
            .all(|t| !matches!(parse_amount(t), CellValue::Number(_)))
    });
    (text_only && roles.first() == Some(&Role::Label)).then(|| {
        std::iter::repeat_n(Role::Label, extra)
            .chain(roles.iter().cloned())
            .collect()
    })
}

/// The grid numbered `table_no` (from 1) in the document.
fn grid_table<'d>(grids: &[Grid<'d>], table_no: usize) -> Option<&'d Table> {
    grids.get(table_no.wrapping_sub(1)).map(|g| g.table)
}

/// The line items of a table: one per code (or label) and measure, each where it is printed.
pub(crate) fn items_of(rt: &ReadTable, grids: &[Grid<'_>], codes: &Codes<'_>) -> Vec<LineItem> {
    let id = rt.info.id();
    let page_at = |at: &Location| -> Option<u32> {
        let (row, col) = (at.row?, at.col?);
        let t = grid_table(grids, at.table_no?)?;
        t.cells
            .iter()
            .find(|c| {
                c.row <= row && row < c.row + c.row_span && c.col <= col && col < c.col + c.col_span
            })
            .and_then(|c| c.page)
            .or(t.page)
    };
    let mut out = Vec::new();
    for row in &rt.data.rows {
        let name = match row.scheme {
            Scheme::Function | Scheme::Economic | Scheme::GovernmentEconomic => {
                codes.name(&row.code).to_string()
            }
            _ => String::new(),
        };
        for (measure, v) in &row.values {
            let mut location = rt.location(Some(row.row), Some(v.col));
            location.page = page_at(&location);
            out.push(LineItem {
                table: id,
                scheme: row.scheme,
                code: row.code.clone(),
                name: name.clone(),
                name_published: row.name_published.clone(),
                project: row.project.clone(),
                measure: *measure,
                amount_yuan: v.yuan,
                unit: rt.unit.name.clone(),
                location,
            });
        }
    }
    out
}
