//! Table rows of a .doc laid out on a grid.
//!
//! A row-end mark carries the row's definition ([`RowDef`]): `sprmTDefTable` gives the cells'
//! edges (`rgdxaCenter`, in twips) and a `TC80` per cell whose flags say whether it is merged
//! horizontally (`fFirstMerged`/`fMerged`, the Word 97 way) or vertically (`fVertMerge`/
//! `fVertRestart`); `sprmTMerge`, `sprmTSplit`, `sprmTVertMerge`, `sprmTInsert`, `sprmTDelete`
//! and `sprmTDxaCol` change it afterwards.
//!
//! The grid's columns are the distinct cell edges of all rows (edges closer than
//! [`EDGE_TOLERANCE`] count as one), as Word builds its own grid: a cell that spans the edges of
//! three cells of another row gets `col_span` 3, and a row that starts further right skips the
//! columns before it. Rows are then laid out with the .docx reader's grid builder, so merged
//! cells come out exactly as they do from a .docx.

use yusuan_model::Table;

use super::sprm::{Sprm, T_DEF_TABLE, T_DEF_TABLE10};
use super::{i16_at, u16_at};
use crate::docx::grid::{GridBuilder, VMerge};

const T_MERGE: u16 = 0x5624;
const T_SPLIT: u16 = 0x5625;
const T_VERT_MERGE: u16 = 0xD62B;
const T_INSERT: u16 = 0x7621;
const T_DELETE: u16 = 0x5622;
const T_DXA_COL: u16 = 0x7623;

/// Edges closer than this many twips (0.35 mm) are one grid line.
pub(super) const EDGE_TOLERANCE: i64 = 20;
/// Most cells kept in one row definition.
const MAX_ROW_CELLS: usize = 1024;
/// Most grid columns built from edges; beyond, cells are laid out one column each.
const MAX_GRID_COLS: usize = 1024;

/// How a cell takes part in a horizontal merge (Word 97 style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum HMerge {
    /// Not merged.
    #[default]
    None,
    /// First cell of a merged set.
    First,
    /// Merged into the cell before it.
    Merged,
}

/// The merge flags of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tc {
    /// Horizontal merge.
    pub horz: HMerge,
    /// Vertical merge.
    pub vert: VMerge,
}

impl Default for Tc {
    fn default() -> Self {
        Tc {
            horz: HMerge::None,
            vert: VMerge::None,
        }
    }
}

impl Tc {
    /// From the `tcgrf` bits of a `TC80`.
    fn from_tcgrf(bits: u16) -> Tc {
        let horz = match bits & 3 {
            0 => HMerge::None,
            1 => HMerge::First,
            _ => HMerge::Merged,
        };
        Tc {
            horz,
            vert: vert_merge((bits >> 5) & 3),
        }
    }
}

/// `vertMerge` flags: 1 continues a merge from above, 3 starts one.
fn vert_merge(flags: u16) -> VMerge {
    match flags {
        1 => VMerge::Continue,
        3 => VMerge::Restart,
        _ => VMerge::None,
    }
}

/// The definition of one table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RowDef {
    /// Cell edges in twips: `edges[i]..edges[i + 1]` is cell `i`.
    pub edges: Vec<i64>,
    /// Merge flags of each cell.
    pub tcs: Vec<Tc>,
}

impl RowDef {
    /// Apply one table sprm; others are ignored.
    pub(super) fn apply(&mut self, s: &Sprm) {
        let op = s.operand;
        let b = |i: usize| usize::from(op.get(i).copied().unwrap_or(0));
        match s.code {
            T_DEF_TABLE => self.def_table(op, 20),
            T_DEF_TABLE10 => self.def_table(op, 10),
            T_MERGE | T_SPLIT => {
                let (first, lim) = (b(0), b(1).min(self.tcs.len()));
                for itc in first..lim {
                    self.tcs[itc].horz = match (s.code, itc == first) {
                        (T_SPLIT, _) => HMerge::None,
                        (_, true) => HMerge::First,
                        _ => HMerge::Merged,
                    };
                }
            }
            T_VERT_MERGE => {
                if let Some(tc) = self.tcs.get_mut(b(0)) {
                    tc.vert = vert_merge(b(1) as u16);
                }
            }
            T_INSERT => {
                let (at, count) = (b(0).min(self.tcs.len()), b(1));
                let width = i64::from(i16_at(op, 2).unwrap_or(0));
                if self.edges.len() != self.tcs.len() + 1 || self.tcs.len() + count > MAX_ROW_CELLS
                {
                    return;
                }
                let base = self.edges[at];
                for e in &mut self.edges[at + 1..] {
                    *e += width * count as i64;
                }
                let new = (1..=count as i64).map(|k| base + k * width);
                self.edges.splice(at + 1..at + 1, new);
                self.tcs
                    .splice(at..at, std::iter::repeat_n(Tc::default(), count));
            }
            T_DELETE => {
                let (first, lim) = (b(0), b(1).min(self.tcs.len()));
                if first >= lim || self.edges.len() != self.tcs.len() + 1 {
                    return;
                }
                let gone = self.edges[lim] - self.edges[first];
                for e in &mut self.edges[lim + 1..] {
                    *e -= gone;
                }
                self.edges.drain(first + 1..=lim);
                self.tcs.drain(first..lim);
            }
            T_DXA_COL => {
                let (first, lim) = (b(0), b(1).min(self.tcs.len()));
                let width = i64::from(i16_at(op, 2).unwrap_or(0));
                if self.edges.len() != self.tcs.len() + 1 {
                    return;
                }
                for itc in first..lim {
                    let shift = self.edges[itc] + width - self.edges[itc + 1];
                    for e in &mut self.edges[itc + 1..] {
                        *e += shift;
                    }
                }
            }
            _ => {}
        }
    }

    /// `TDefTableOperand` after its size: `itcMac`, `itcMac + 1` edges, then up to `itcMac` TCs.
    fn def_table(&mut self, op: &[u8], tc_size: usize) {
        let n = usize::from(op.first().copied().unwrap_or(0));
        let edges: Vec<i64> = (0..=n)
            .map_while(|i| i16_at(op, 1 + 2 * i).map(i64::from))
            .collect();
        if edges.len() != n + 1 {
            return;
        }
        let tcs_at = 1 + 2 * (n + 1);
        self.tcs = (0..n)
            .map(|i| {
                u16_at(op, tcs_at + tc_size * i)
                    .filter(|_| op.len() >= tcs_at + tc_size * (i + 1))
                    .map_or_else(Tc::default, Tc::from_tcgrf)
            })
            .collect();
        self.edges = edges;
    }
}

/// One row as read from the text: its cells' texts and its definition.
#[derive(Debug, Clone, Default)]
pub(super) struct RowIn {
    /// Cell texts, in order.
    pub cells: Vec<String>,
    /// The row's definition, if its row-end mark carried one.
    pub def: Option<RowDef>,
}

/// A cell after horizontal merges, with its edges when known.
struct Visible {
    left: Option<i64>,
    right: Option<i64>,
    vert: VMerge,
    text: String,
}

/// Lay rows out on a grid. The flag is false when the cell edges could not be used (rows
/// without definitions, or more distinct edges than [`MAX_GRID_COLS`]).
pub(super) fn build_table(rows: Vec<RowIn>) -> (Table, bool) {
    let mut exact = true;
    let mut visible: Vec<Vec<Visible>> = Vec::with_capacity(rows.len());
    for row in rows {
        let def = row.def.unwrap_or_else(|| {
            exact = false;
            RowDef::default()
        });
        let mut cells: Vec<Visible> = Vec::with_capacity(row.cells.len());
        for (i, text) in row.cells.into_iter().enumerate() {
            let tc = def.tcs.get(i).copied().unwrap_or_default();
            let right = def.edges.get(i + 1).copied();
            if tc.horz == HMerge::Merged {
                if let Some(prev) = cells.last_mut() {
                    prev.right = right.or(prev.right);
                    if !text.trim().is_empty() {
                        if !prev.text.is_empty() {
                            prev.text.push('\n');
                        }
                        prev.text.push_str(&text);
                    }
                    continue;
                }
            }
            cells.push(Visible {
                left: def.edges.get(i).copied(),
                right,
                vert: tc.vert,
                text,
            });
        }
        visible.push(cells);
    }

    // Grid lines: every distinct edge, clustered within the tolerance.
    let mut edges: Vec<i64> = visible
        .iter()
        .flatten()
        .filter_map(|c| Some((c.left?, c.right?)))
        .filter(|(l, r)| l < r)
        .flat_map(|(l, r)| [l, r])
        .collect();
    edges.sort_unstable();
    let mut lines: Vec<i64> = Vec::new();
    for e in edges {
        if lines.last().is_none_or(|&start| e - start > EDGE_TOLERANCE) {
            lines.push(e);
        }
    }
    let use_edges = lines.len() <= MAX_GRID_COLS + 1;
    exact &= use_edges;
    let line_of = |x: i64| lines.partition_point(|&l| l <= x).saturating_sub(1);

    let mut grid = GridBuilder::default();
    for cells in visible {
        let first_col = match cells.first().and_then(|c| c.left) {
            Some(l) if use_edges => line_of(l),
            _ => 0,
        };
        grid.start_row(first_col);
        for c in cells {
            let span = match (c.left, c.right) {
                (Some(l), Some(r)) if use_edges && l < r => {
                    line_of(r).saturating_sub(line_of(l)).max(1)
                }
                _ => 1,
            };
            grid.add_cell(span, c.vert, c.text);
        }
    }
    let grid_cols = if use_edges {
        lines.len().saturating_sub(1)
    } else {
        0
    };
    (grid.finish(grid_cols), exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `sprmTDefTable` operand (after its size) for edges and tcgrf flags.
    pub(crate) fn def_table_operand(edges: &[i16], flags: &[u16]) -> Vec<u8> {
        let mut op = vec![(edges.len() - 1) as u8];
        for e in edges {
            op.extend(e.to_le_bytes());
        }
        for f in flags {
            op.extend(f.to_le_bytes());
            op.extend([0u8; 18]);
        }
        op
    }

    fn row(edges: &[i16], flags: &[u16], texts: &[&str]) -> RowIn {
        let mut def = RowDef::default();
        let op = def_table_operand(edges, flags);
        def.apply(&Sprm {
            code: T_DEF_TABLE,
            operand: &op,
        });
        RowIn {
            cells: texts.iter().map(|t| t.to_string()).collect(),
            def: Some(def),
        }
    }

    fn texts(t: &Table) -> Vec<(usize, usize, usize, usize, &str)> {
        t.cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
            .collect()
    }

    #[test]
    fn edges_make_the_grid_and_spans() {
        // 项目 spans two rows; 金额 spans two columns; the second row's edges differ by 5 twips.
        let (t, exact) = build_table(vec![
            row(&[0, 1000, 3000], &[0x60, 0], &["项目", "金额"]),
            row(&[0, 1005, 2000, 3000], &[0x20, 0, 0], &["", "基本", "项目"]),
        ]);
        assert!(exact);
        assert_eq!((t.n_rows, t.n_cols), (2, 3));
        assert_eq!(
            texts(&t),
            vec![
                (0, 0, 2, 1, "项目"),
                (0, 1, 1, 2, "金额"),
                (1, 1, 1, 1, "基本"),
                (1, 2, 1, 1, "项目")
            ]
        );
    }

    #[test]
    fn word97_horizontal_merges_and_indented_rows() {
        let (t, _) = build_table(vec![
            row(&[0, 500, 1000, 1500], &[1, 2, 0], &["合计", "", "9"]),
            row(&[500, 1000, 1500], &[0, 0], &["a", "b"]),
        ]);
        assert_eq!(
            texts(&t),
            vec![
                (0, 0, 1, 2, "合计"),
                (0, 2, 1, 1, "9"),
                (1, 1, 1, 1, "a"),
                (1, 2, 1, 1, "b")
            ]
        );
    }

    #[test]
    fn sprms_change_the_row() {
        let mut def = RowDef::default();
        let op = def_table_operand(&[0, 100, 200, 300], &[0, 0, 0]);
        def.apply(&Sprm {
            code: T_DEF_TABLE,
            operand: &op,
        });
        def.apply(&Sprm {
            code: T_MERGE,
            operand: &[0, 2],
        });
        assert_eq!(def.tcs[1].horz, HMerge::Merged);
        def.apply(&Sprm {
            code: T_VERT_MERGE,
            operand: &[2, 3],
        });
        assert_eq!(def.tcs[2].vert, VMerge::Restart);
        def.apply(&Sprm {
            code: T_INSERT,
            operand: &[1, 1, 50, 0],
        });
        assert_eq!(def.edges, vec![0, 100, 150, 250, 350]);
        def.apply(&Sprm {
            code: T_DELETE,
            operand: &[1, 2],
        });
        assert_eq!(def.edges, vec![0, 100, 200, 300]);
        def.apply(&Sprm {
            code: T_DXA_COL,
            operand: &[0, 1, 40, 0],
        });
        assert_eq!(def.edges, vec![0, 40, 140, 240]);
        // Garbage operands change nothing and do not panic.
        for code in [
            T_DEF_TABLE,
            T_MERGE,
            T_INSERT,
            T_DELETE,
            T_DXA_COL,
            T_VERT_MERGE,
        ] {
            def.apply(&Sprm {
                code,
                operand: &[200, 255, 1],
            });
        }
    }

    #[test]
    fn rows_without_definitions_still_make_a_table() {
        let (t, exact) = build_table(vec![RowIn {
            cells: vec!["a".into(), "b".into()],
            def: None,
        }]);
        assert!(!exact);
        assert_eq!((t.n_rows, t.n_cols), (1, 2));
    }
}
