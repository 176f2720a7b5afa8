//! Paragraph properties: which paragraph marks end a table cell or a table row, at what table
//! depth, and the row definitions that the row-end marks carry.
//!
//! `PlcBtePapx` in the table stream maps ranges of stream offsets (FCs) to 512-byte `PapxFkp`
//! pages of the `WordDocument` stream; a page maps smaller FC ranges to `PAPX` property lists.
//! The properties of a paragraph are those of the range holding the FC of its mark ([MS-DOC]
//! 2.4.6.1), then the piece's own `Prm` on top. A `sprmPHugePapx` moves the list into the
//! `Data` stream. The sprms read here are `sprmPFInTable` (0x2416), `sprmPFTtp` (0x2417),
//! `sprmPItap` (0x6649), `sprmPDtap` (0x664A), `sprmPFInnerTableCell` (0x244B) and
//! `sprmPFInnerTtp` (0x244C); table sprms go to [`RowDef`].

use std::collections::HashMap;

use super::fib::FcLcb;
use super::sprm;
use super::tables::RowDef;
use super::{u16_at, u32_at};
use crate::{ExtractError, Result};

const P_F_IN_TABLE: u16 = 0x2416;
const P_F_TTP: u16 = 0x2417;
const P_ITAP: u16 = 0x6649;
const P_DTAP: u16 = 0x664A;
const P_F_INNER_TABLE_CELL: u16 = 0x244B;
const P_F_INNER_TTP: u16 = 0x244C;
const P_HUGE_PAPX: u16 = 0x6646;
/// Size of an FKP page.
const PAGE: usize = 512;

/// What the reader needs to know about one paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParaProps {
    /// `sprmPFInTable`: the paragraph is in a table.
    pub in_table: bool,
    /// `sprmPFTtp`: the mark ends a top-level table row.
    pub ttp: bool,
    /// `sprmPItap` (plus any `sprmPDtap`): the table depth, when given.
    pub itap: Option<i64>,
    /// `sprmPFInnerTableCell`: the mark ends a cell of a nested table.
    pub inner_cell: bool,
    /// `sprmPFInnerTtp`: the mark ends a row of a nested table.
    pub inner_ttp: bool,
    /// The row definition, when the paragraph carries table properties (row-end marks).
    pub row: Option<RowDef>,
}

impl ParaProps {
    /// The table depth: 0 outside tables, 1 in a top-level table, 2 in a table in a cell …
    pub(super) fn depth(&self) -> i64 {
        match self.itap {
            Some(d) if d > 0 => d,
            _ if self.in_table => 1,
            _ => 0,
        }
    }

    /// Apply a `grpprl`. `data` is the `Data` stream, followed for `sprmPHugePapx` when `huge`.
    pub(super) fn apply(&mut self, grpprl: &[u8], data: &[u8], huge: bool) {
        for s in sprm::iter(grpprl) {
            match s.code {
                P_F_IN_TABLE => self.in_table = s.byte() != 0,
                P_F_TTP => self.ttp = s.byte() != 0,
                P_ITAP => self.itap = s.i32().map(i64::from),
                P_DTAP => {
                    if let Some(d) = s.i32() {
                        let base = self.itap.unwrap_or(i64::from(self.in_table));
                        self.itap = Some(base + i64::from(d));
                    }
                }
                P_F_INNER_TABLE_CELL => self.inner_cell = s.byte() != 0,
                P_F_INNER_TTP => self.inner_ttp = s.byte() != 0,
                P_HUGE_PAPX if huge => {
                    let at = s.i32().unwrap_or(-1);
                    if let Some(list) = usize::try_from(at)
                        .ok()
                        .and_then(|at| huge_grpprl(data, at))
                    {
                        self.apply(list, data, false);
                    }
                }
                code if (code >> 10) & 7 == 5 => {
                    self.row.get_or_insert_with(RowDef::default).apply(&s);
                }
                _ => {}
            }
        }
    }
}

/// The `grpprl` of a `PAPX` in the `Data` stream: a 16-bit size and the list.
fn huge_grpprl(data: &[u8], at: usize) -> Option<&[u8]> {
    let cb = usize::from(u16_at(data, at)?);
    data.get(at + 2..at + 2 + cb)
}

/// One FC range of an FKP page and the offset of its `PAPX` in the page (0 = none).
#[derive(Debug, Clone, Copy)]
struct Run {
    fc_start: u32,
    fc_end: u32,
    papx: usize,
}

/// The paragraph-property index of a document: the bin table and the FKP pages read so far.
pub(super) struct PapxIndex<'a> {
    word: &'a [u8],
    data: &'a [u8],
    fcs: Vec<u32>,
    pages: Vec<u32>,
    cache: HashMap<u32, Vec<Run>>,
}

impl<'a> PapxIndex<'a> {
    /// Read `PlcBtePapx` from the table stream.
    pub(super) fn new(table: &[u8], at: FcLcb, word: &'a [u8], data: &'a [u8]) -> Result<Self> {
        let start = at.fc as usize;
        let plc = start
            .checked_add(at.lcb as usize)
            .and_then(|end| table.get(start..end))
            .ok_or_else(|| {
                ExtractError::malformed(
                    "Word 97 .doc: the paragraph-property table (PlcBtePapx) lies outside the table stream",
                )
            })?;
        let n = plc.len().saturating_sub(4) / 8;
        let fcs = (0..=n)
            .filter_map(|i| u32_at(plc, 4 * i))
            .collect::<Vec<_>>();
        let pages = (0..n)
            .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
            .map(|pn| pn & 0x003F_FFFF)
            .collect();
        Ok(PapxIndex {
            word,
            data,
            fcs: if n == 0 { Vec::new() } else { fcs },
            pages,
            cache: HashMap::new(),
        })
    }

    /// The properties of the paragraph whose mark is at `fc`, or `None` when no FKP covers it.
    pub(super) fn props_at(&mut self, fc: u32) -> Option<ParaProps> {
        let i = self.fcs.partition_point(|&f| f <= fc).checked_sub(1)?;
        let pn = *self.pages.get(i)?;
        let word = self.word;
        let runs = self.cache.entry(pn).or_insert_with(|| parse_fkp(word, pn));
        let k = runs.partition_point(|r| r.fc_end <= fc);
        let run = runs.get(k).filter(|r| r.fc_start <= fc)?;
        let page = word.get(pn as usize * PAGE..(pn as usize + 1) * PAGE)?;
        let mut props = ParaProps::default();
        if run.papx != 0 {
            props.apply(papx_grpprl(page, run.papx)?, self.data, true);
        }
        Some(props)
    }
}

/// The runs of the FKP page `pn` (none when the page is out of the stream or damaged).
fn parse_fkp(word: &[u8], pn: u32) -> Vec<Run> {
    let start = pn as usize * PAGE;
    let Some(page) = word.get(start..start + PAGE) else {
        return Vec::new();
    };
    let crun = usize::from(page[PAGE - 1]);
    let mut runs = Vec::with_capacity(crun);
    for i in 0..crun {
        let (Some(fc_start), Some(fc_end)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1)))
        else {
            break;
        };
        let Some(&b_offset) = page.get(4 * (crun + 1) + 13 * i) else {
            break;
        };
        if fc_end < fc_start || runs.last().is_some_and(|r: &Run| r.fc_end > fc_start) {
            break;
        }
        runs.push(Run {
            fc_start,
            fc_end,
            papx: usize::from(b_offset) * 2,
        });
    }
    runs
}

/// The `grpprl` of the `PapxInFkp` at `off` in an FKP page (after its 2-byte style index).
fn papx_grpprl(page: &[u8], off: usize) -> Option<&[u8]> {
    let cb = usize::from(*page.get(off)?);
    let (start, len) = if cb == 0 {
        (off + 2, 2 * usize::from(*page.get(off + 1)?))
    } else {
        (off + 1, 2 * cb - 1)
    };
    let with_istd = page.get(start..start + len)?;
    with_istd.get(2..)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An FKP page with runs `(fc_start, fc_end, grpprl)`.
    fn fkp(runs: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut page = vec![0u8; PAGE];
        let crun = runs.len();
        for (i, r) in runs.iter().enumerate() {
            page[4 * i..4 * i + 4].copy_from_slice(&r.0.to_le_bytes());
            page[4 * (i + 1)..4 * (i + 1) + 4].copy_from_slice(&r.1.to_le_bytes());
        }
        let mut free = PAGE - 1;
        for (i, r) in runs.iter().enumerate() {
            // cb·2 − 1 = 1 + 2 (istd) + grpprl, padded to an odd length.
            let body = 2 + r.2.len();
            let cb = (body + 2) / 2;
            free -= 2 * cb;
            free &= !1;
            page[free] = cb as u8;
            page[free + 3..free + 3 + r.2.len()].copy_from_slice(r.2);
            page[4 * (crun + 1) + 13 * i] = (free / 2) as u8;
        }
        page[PAGE - 1] = crun as u8;
        page
    }

    #[test]
    fn table_marks_and_huge_papx() {
        let in_cell: &[u8] = &[0x16, 0x24, 1];
        let row_end: &[u8] = &[0x16, 0x24, 1, 0x17, 0x24, 1, 0x46, 0x66, 0, 0, 0, 0];
        let mut word = vec![0u8; PAGE];
        word.extend(fkp(&[(0, 10, in_cell), (10, 20, row_end), (20, 30, &[])]));
        // PlcBtePapx: FCs 0, 30 and page 1.
        let mut table = Vec::new();
        for v in [0u32, 30, 1] {
            table.extend(v.to_le_bytes());
        }
        // The Data stream holds sprmPItap 2 for the huge PAPX at 0.
        let data = [6u8, 0, 0x49, 0x66, 2, 0, 0, 0];
        let mut idx = PapxIndex::new(&table, FcLcb { fc: 0, lcb: 12 }, &word, &data).unwrap();
        let p = idx.props_at(4).unwrap();
        assert!(p.in_table && !p.ttp);
        assert_eq!(p.depth(), 1);
        let p = idx.props_at(19).unwrap();
        assert!(p.ttp);
        assert_eq!(p.depth(), 2);
        assert_eq!(idx.props_at(25).unwrap(), ParaProps::default());
        assert!(idx.props_at(30).is_none());
    }

    #[test]
    fn damaged_pages_give_no_properties() {
        let word = vec![0xFFu8; PAGE];
        let mut table = Vec::new();
        for v in [0u32, 30, 7] {
            table.extend(v.to_le_bytes());
        }
        let mut idx = PapxIndex::new(&table, FcLcb { fc: 0, lcb: 12 }, &word, &[]).unwrap();
        assert!(idx.props_at(3).is_none());
        let mut idx = PapxIndex::new(&table, FcLcb { fc: 0, lcb: 12 }, &[0u8; PAGE], &[]).unwrap();
        assert!(idx.props_at(3).is_none());
        assert!(PapxIndex::new(&table, FcLcb { fc: 8, lcb: 12 }, &word, &[]).is_err());
    }
}
