//! Ruling lines → table grids.
//!
//! 1. Rules are split into horizontal and vertical ones; rules within `snap` of one another
//!    across, and overlapping or nearly touching along, are merged into [`Seg`]ments (a table
//!    drawn as a stroke *and* a thin filled rectangle gives one line).
//! 2. Segments that cross or touch form connected components; a component with at least two
//!    horizontal and two vertical lines is a table candidate.
//! 3. The grid is the distinct x positions of its vertical lines and y positions of its
//!    horizontal lines (snapped within `snap`), plus the outer ends of lines where a border
//!    is missing.
//! 4. Every grid rectangle is a cell unless a border between it and its neighbour is missing:
//!    then they merge ([`GridCell::row_span`], [`GridCell::col_span`]), greedily from the
//!    top-left, always as rectangles.
//!
//! The tolerances (`snap` and the others) are those of [`TableSettings::DEFAULT`].

use super::TableSettings;
use crate::pdf::interpret::content::Rule;
use crate::pdf::interpret::geom::Rect;

/// The tolerances used here.
const S: &TableSettings = &TableSettings::DEFAULT;
/// Positions closer than this (points) are the same grid line.
const SNAP: f32 = S.snap;

/// A merged straight line: horizontal (`pos` is y, `lo..hi` along x) or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    /// The fixed coordinate.
    pub pos: f32,
    /// Start along the line.
    pub lo: f32,
    /// End along the line.
    pub hi: f32,
}

/// One cell of a found grid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridCell {
    /// Top row.
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered.
    pub row_span: usize,
    /// Columns covered.
    pub col_span: usize,
}

/// A table grid found from ruling lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, left to right (`n_cols + 1` of them).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (`n_rows + 1` of them).
    pub ys: Vec<f32>,
    /// Cells in row-major order of their top-left position.
    pub cells: Vec<GridCell>,
}

impl Grid {
    /// Number of rows.
    pub(crate) fn n_rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// Number of columns.
    pub(crate) fn n_cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// The outer box.
    pub(crate) fn bbox(&self) -> Rect {
        Rect {
            x0: self.xs.first().copied().unwrap_or(0.0),
            y0: self.ys.first().copied().unwrap_or(0.0),
            x1: self.xs.last().copied().unwrap_or(0.0),
            y1: self.ys.last().copied().unwrap_or(0.0),
        }
    }

    /// The grid position `(row, col)` holding a point, if inside.
    pub(crate) fn locate(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        let c = self.xs.partition_point(|&v| v <= x);
        let r = self.ys.partition_point(|&v| v <= y);
        if c == 0 || r == 0 || c >= self.xs.len() || r >= self.ys.len() {
            return None;
        }
        Some((r - 1, c - 1))
    }

    /// Split rows that hold several lines of text aligned across columns but no rule between
    /// them (tables ruled only by columns). `marks` are the words in the grid as
    /// `(vertical centre, font size, column)`. A row band is split only when every cell in it
    /// is a single grid position and it holds at least three lines, each with words in at
    /// least two columns, consecutive lines mostly in the same columns; the new boundaries
    /// run midway between the lines. `None` when nothing was split.
    pub(crate) fn split_unruled_rows(&self, marks: &[(f32, f32, usize)]) -> Option<Grid> {
        let cover = self.coverage();
        let mut cuts: Vec<Vec<f32>> = vec![Vec::new(); self.n_rows()];
        let mut any = false;
        for (r, cut) in cuts.iter_mut().enumerate() {
            let simple = cover[r].iter().all(|c| {
                c.is_some_and(|i| self.cells[i].row_span == 1 && self.cells[i].col_span == 1)
            });
            if !simple {
                continue;
            }
            let (top, bottom) = (self.ys[r], self.ys[r + 1]);
            let mut inside: Vec<(f32, f32, usize)> = marks
                .iter()
                .copied()
                .filter(|m| m.0 > top && m.0 < bottom)
                .collect();
            if inside.len() < 4 {
                continue;
            }
            inside.sort_by(|a, b| a.0.total_cmp(&b.0));
            // Lines: runs of centres within half an em.
            let mut lines: Vec<Vec<(f32, f32, usize)>> = Vec::new();
            for m in inside {
                match lines.last_mut() {
                    Some(l) if m.0 - l[l.len() - 1].0 <= S.text_line_em * m.1 => l.push(m),
                    _ => lines.push(vec![m]),
                }
            }
            let size = lines.iter().flatten().map(|m| m.1).fold(0.0, f32::max);
            if lines.len() < 2 || bottom - top < S.split_row_em * size {
                continue;
            }
            let multi_col = lines.iter().all(|l| {
                let cols: std::collections::BTreeSet<usize> = l.iter().map(|m| m.2).collect();
                cols.len() >= 2
            });
            // Consecutive lines fill mostly the same columns (wrapped header cells beside
            // centred ones, or a wrapped name beside top- and bottom-aligned cells, do not).
            let cols_per_line: Vec<std::collections::BTreeSet<usize>> = lines
                .iter()
                .map(|l| l.iter().map(|m| m.2).collect())
                .collect();
            let alike = cols_per_line.windows(2).all(|w| {
                let common = w[0].intersection(&w[1]).count();
                let all = w[0].union(&w[1]).count();
                2 * common >= all
            });
            if lines.len() < 3 || !multi_col || !alike {
                continue;
            }
            for w in lines.windows(2) {
                let lo = w[0].iter().map(|m| m.0).fold(f32::MIN, f32::max);
                let hi = w[1].iter().map(|m| m.0).fold(f32::MAX, f32::min);
                cut.push((lo + hi) / 2.0);
            }
            any = true;
        }
        if !any {
            return None;
        }
        let mut ys = Vec::new();
        let mut new_row = Vec::with_capacity(self.n_rows() + 1);
        for (r, cut) in cuts.iter().enumerate() {
            new_row.push(ys.len());
            ys.push(self.ys[r]);
            ys.extend_from_slice(cut);
        }
        new_row.push(ys.len());
        ys.push(self.ys[self.n_rows()]);
        let mut cells = Vec::new();
        for c in &self.cells {
            let extra = cuts[c.row].len();
            for k in 0..=extra {
                let row_span = if extra == 0 {
                    new_row[c.row + c.row_span] - new_row[c.row]
                } else {
                    1
                };
                cells.push(GridCell {
                    row: new_row[c.row] + k,
                    col: c.col,
                    row_span,
                    col_span: c.col_span,
                });
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        Some(Grid {
            xs: self.xs.clone(),
            ys,
            cells,
        })
    }

    /// For each grid position, the index of the cell covering it.
    pub(crate) fn coverage(&self) -> Vec<Vec<Option<usize>>> {
        let mut g = vec![vec![None; self.n_cols()]; self.n_rows()];
        for (i, c) in self.cells.iter().enumerate() {
            for row in g.iter_mut().skip(c.row).take(c.row_span) {
                for slot in row.iter_mut().skip(c.col).take(c.col_span) {
                    *slot = Some(i);
                }
            }
        }
        g
    }
}

/// Merge rules into horizontal and vertical segments.
pub(crate) fn merge_rules(rules: &[Rule]) -> (Vec<Seg>, Vec<Seg>) {
    let mut h: Vec<Seg> = Vec::new();
    let mut v: Vec<Seg> = Vec::new();
    for r in rules {
        if r.is_horizontal() {
            h.push(Seg {
                pos: r.y0,
                lo: r.x0,
                hi: r.x1,
            });
        } else {
            v.push(Seg {
                pos: r.x0,
                lo: r.y0,
                hi: r.y1,
            });
        }
    }
    (merge_segs(h), merge_segs(v))
}

fn merge_segs(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.retain(|s| s.pos.is_finite() && s.lo.is_finite() && s.hi.is_finite());
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        // A band of nearly equal positions.
        let mut j = i + 1;
        while j < segs.len() && segs[j].pos - segs[j - 1].pos <= SNAP / 2.0 {
            j += 1;
        }
        let band = &mut segs[i..j];
        band.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<(Seg, f32, f32)> = None; // seg, weighted pos sum, weight
        for s in band.iter() {
            let len = (s.hi - s.lo).max(0.1);
            match &mut cur {
                Some((c, sum, w)) if s.lo <= c.hi + S.join_gap => {
                    c.hi = c.hi.max(s.hi);
                    *sum += s.pos * len;
                    *w += len;
                }
                _ => {
                    if let Some((mut c, sum, w)) = cur.take() {
                        c.pos = sum / w;
                        out.push(c);
                    }
                    cur = Some((*s, s.pos * len, len));
                }
            }
        }
        if let Some((mut c, sum, w)) = cur {
            c.pos = sum / w;
            out.push(c);
        }
        i = j;
    }
    out
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a] = b;
        }
    }
}

/// Cluster sorted values: runs closer than `tol` become their mean.
fn cluster(mut vals: Vec<f32>, tol: f32) -> Vec<f32> {
    vals.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<f32> = Vec::new();
    let mut start = 0;
    for i in 1..=vals.len() {
        if i == vals.len() || vals[i] - vals[i - 1] > tol {
            let slice = &vals[start..i];
            if !slice.is_empty() {
                out.push(slice.iter().sum::<f32>() / slice.len() as f32);
            }
            start = i;
        }
    }
    out
}

/// Find the table grids drawn by the given rules.
pub(crate) fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let (h, v) = merge_rules(rules);
    if h.len() < 2 || v.len() < 2 || h.len() + v.len() > 20_000 {
        return Vec::new();
    }
    let nh = h.len();
    let mut dsu = Dsu((0..nh + v.len()).collect());
    // Horizontal and vertical segments that touch join one component.
    let mut v_sorted: Vec<usize> = (0..v.len()).collect();
    v_sorted.sort_by(|&a, &b| v[a].pos.total_cmp(&v[b].pos));
    let v_pos: Vec<f32> = v_sorted.iter().map(|&i| v[i].pos).collect();
    for (hi, hs) in h.iter().enumerate() {
        let start = v_pos.partition_point(|&x| x < hs.lo - SNAP);
        for k in start..v_sorted.len() {
            if v_pos[k] > hs.hi + SNAP {
                break;
            }
            let vs = &v[v_sorted[k]];
            if hs.pos >= vs.lo - SNAP && hs.pos <= vs.hi + SNAP {
                dsu.union(hi, nh + v_sorted[k]);
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, s) in h.iter().enumerate() {
        let root = dsu.find(i);
        comps.entry(root).or_default().0.push(*s);
    }
    for (i, s) in v.iter().enumerate() {
        let root = dsu.find(nh + i);
        comps.entry(root).or_default().1.push(*s);
    }
    let mut grids: Vec<Grid> = comps
        .into_values()
        .filter(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2)
        .filter_map(|(hs, vs)| build_grid(&hs, &vs))
        .collect();
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    grids
}

/// Drop boundaries closer than `min_gap` to the previous one.
fn thin(vals: Vec<f32>, min_gap: f32) -> Vec<f32> {
    let mut out: Vec<f32> = Vec::new();
    for v in vals {
        match out.last() {
            Some(&l) if v - l < min_gap => {}
            _ => out.push(v),
        }
    }
    out
}

/// How much of `lo..hi` the segments (all on one line) cover.
fn covered(segs: &[Seg], lo: f32, hi: f32) -> f32 {
    segs.iter()
        .map(|s| (s.hi.min(hi) - s.lo.max(lo)).max(0.0))
        .sum()
}

fn build_grid(hs: &[Seg], vs: &[Seg]) -> Option<Grid> {
    let xs = boundaries(vs, hs);
    let ys = boundaries(hs, vs);
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 400 || ys.len() > 2000 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let w = xs[nc] - xs[0];
    let hgt = ys[nr] - ys[0];
    if w < S.min_grid_width || hgt < S.min_grid_height {
        return None;
    }
    let borders = Borders::of(hs, vs, &xs, &ys);
    let cells = merged_cells(&borders, nr, nc);
    if cells.len() < 2 {
        return None;
    }
    Some(Grid { xs, ys, cells })
}

/// The grid's boundaries across one direction: the positions of the `lines` of that direction
/// (clustered and thinned), and, on an open side, where the `across` lines end: lines that
/// overshoot the outermost line of the other direction by more than a little end at a border.
fn boundaries(lines: &[Seg], across: &[Seg]) -> Vec<f32> {
    let lo = across.iter().map(|s| s.lo).fold(f32::MAX, f32::min);
    let hi = across.iter().map(|s| s.hi).fold(f32::MIN, f32::max);
    let mut at: Vec<f32> = lines.iter().map(|s| s.pos).collect();
    let first = cluster(at.clone(), SNAP);
    if first
        .first()
        .is_some_and(|&x| lo < x - S.open_side_snaps * SNAP)
    {
        at.push(lo);
    }
    if first
        .last()
        .is_some_and(|&x| hi > x + S.open_side_snaps * SNAP)
    {
        at.push(hi);
    }
    thin(cluster(at, SNAP), S.min_boundary_gap)
}

/// Which edges of the grid are drawn: `h[r][c]`, the top edge of row `r` in column `c` (and
/// the bottom of the last row); `v[r][c]`, the left edge of column `c` in row `r`.
struct Borders {
    h: Vec<Vec<bool>>,
    v: Vec<Vec<bool>>,
}

impl Borders {
    fn of(hs: &[Seg], vs: &[Seg], xs: &[f32], ys: &[f32]) -> Borders {
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        // The segments lying on each grid line, so that each edge looks only at its own line.
        let on_line = |segs: &[Seg], pos: f32| -> Vec<Seg> {
            segs.iter()
                .filter(|s| (s.pos - pos).abs() <= SNAP)
                .copied()
                .collect()
        };
        let h_lines: Vec<Vec<Seg>> = ys.iter().map(|&y| on_line(hs, y)).collect();
        let v_lines: Vec<Vec<Seg>> = xs.iter().map(|&x| on_line(vs, x)).collect();
        let h = (0..=nr)
            .map(|r| {
                (0..nc)
                    .map(|c| {
                        covered(&h_lines[r], xs[c], xs[c + 1]) >= S.coverage * (xs[c + 1] - xs[c])
                    })
                    .collect()
            })
            .collect();
        let v = (0..nr)
            .map(|r| {
                (0..=nc)
                    .map(|c| {
                        covered(&v_lines[c], ys[r], ys[r + 1]) >= S.coverage * (ys[r + 1] - ys[r])
                    })
                    .collect()
            })
            .collect();
        Borders { h, v }
    }
}

/// The cells of an `nr` × `nc` grid: from each free position, as far right as no border stops
/// it, then as far down as the row below is open across the whole width.
fn merged_cells(b: &Borders, nr: usize, nc: usize) -> Vec<GridCell> {
    let (hb, vb) = (&b.h, &b.v);
    let mut taken = vec![vec![false; nc]; nr];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if taken[r][c] {
                continue;
            }
            let mut cs = 1;
            while c + cs < nc && !vb[r][c + cs] && !taken[r][c + cs] {
                cs += 1;
            }
            let mut rs = 1;
            while r + rs < nr {
                let rr = r + rs;
                let open_above = (c..c + cs).all(|k| !hb[rr][k] && !taken[rr][k]);
                let no_inner = (c + 1..c + cs).all(|k| !vb[rr][k]);
                if open_above && no_inner {
                    rs += 1;
                } else {
                    break;
                }
            }
            for row in taken.iter_mut().skip(r).take(rs) {
                for t in row.iter_mut().skip(c).take(cs) {
                    *t = true;
                }
            }
            cells.push(GridCell {
                row: r,
                col: c,
                row_span: rs,
                col_span: cs,
            });
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            x1,
            y0: y,
            y1: y,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            x1: x,
            y0,
            y1,
        }
    }

    #[test]
    fn merges_duplicate_and_broken_lines() {
        let rules = [
            h(100.0, 0.0, 50.0),
            h(100.4, 50.5, 100.0),
            h(100.2, 10.0, 20.0),
            h(130.0, 0.0, 100.0),
        ];
        let (hs, vs) = merge_rules(&rules);
        assert!(vs.is_empty());
        assert_eq!(hs.len(), 2);
        assert!((hs[0].pos - 100.2).abs() < 0.3);
        assert_eq!((hs[0].lo, hs[0].hi), (0.0, 100.0));
    }

    #[test]
    fn grid_with_merged_header() {
        // 3 columns, 2 rows; the top row's first two cells merged (no rule at x=50 in row 0).
        let rules = [
            h(0.0, 0.0, 150.0),
            h(20.0, 0.0, 150.0),
            h(40.0, 0.0, 150.0),
            v(0.0, 0.0, 40.0),
            v(50.0, 20.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(150.0, 0.0, 40.0),
        ];
        let grids = find_grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.n_rows(), g.n_cols()), (2, 3));
        let spans: Vec<_> = g
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 0, 1, 2),
                (0, 2, 1, 1),
                (1, 0, 1, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1)
            ]
        );
        assert_eq!(g.locate(75.0, 30.0), Some((1, 1)));
        assert_eq!(g.locate(175.0, 30.0), None);
    }

    #[test]
    fn vertical_merge_and_separate_tables() {
        let mut rules = vec![
            h(0.0, 0.0, 100.0),
            h(20.0, 50.0, 100.0),
            h(40.0, 0.0, 100.0),
            v(0.0, 0.0, 40.0),
            v(50.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
        ];
        // A second table lower down, not touching the first.
        rules.extend([
            h(100.0, 0.0, 100.0),
            h(120.0, 0.0, 100.0),
            v(0.0, 100.0, 120.0),
            v(100.0, 100.0, 120.0),
            v(30.0, 100.0, 120.0),
        ]);
        let grids = find_grids(&rules);
        assert_eq!(grids.len(), 2);
        let spans: Vec<_> = grids[0]
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(spans, vec![(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]);
        assert_eq!(grids[1].n_cols(), 2);
    }

    #[test]
    fn rows_without_rules_are_split_by_text_lines() {
        // A header row, then one band holding three data lines; rules only between columns.
        let rules = [
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            h(80.0, 0.0, 200.0),
            v(0.0, 0.0, 80.0),
            v(100.0, 0.0, 80.0),
            v(200.0, 0.0, 80.0),
        ];
        let g = &find_grids(&rules)[0];
        assert_eq!(g.n_rows(), 2);
        let marks = [
            (10.0, 10.0, 0),
            (10.0, 10.0, 1),
            (30.0, 10.0, 0),
            (30.0, 10.0, 1),
            (50.0, 10.0, 0),
            (50.5, 10.0, 1),
            (70.0, 10.0, 0),
            (70.0, 10.0, 1),
        ];
        let s = g.split_unruled_rows(&marks).expect("split");
        assert_eq!(s.n_rows(), 4);
        assert_eq!(s.ys, vec![0.0, 20.0, 40.0, 60.25, 80.0]);
        assert_eq!(s.cells.len(), 8);
        assert_eq!(s.locate(50.0, 65.0), Some((3, 0)));
        // Wrapped header cells beside a centred one are not split.
        let wrapped = [
            (35.0, 10.0, 0),
            (35.0, 10.0, 2),
            (50.0, 10.0, 1),
            (65.0, 10.0, 0),
            (65.0, 10.0, 2),
        ];
        let three = Grid {
            xs: vec![0.0, 100.0, 150.0, 200.0],
            ..g.clone()
        };
        let three = Grid {
            cells: (0..2)
                .flat_map(|r| {
                    (0..3).map(move |c| GridCell {
                        row: r,
                        col: c,
                        row_span: 1,
                        col_span: 1,
                    })
                })
                .collect(),
            ..three
        };
        assert!(three.split_unruled_rows(&wrapped).is_none());
    }

    #[test]
    fn lone_box_and_underlines_are_not_tables() {
        let boxed = [
            h(0.0, 0.0, 100.0),
            h(40.0, 0.0, 100.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
        ];
        assert!(find_grids(&boxed).is_empty());
        let underlines = [h(10.0, 0.0, 100.0), h(30.0, 0.0, 100.0)];
        assert!(find_grids(&underlines).is_empty());
    }
}
