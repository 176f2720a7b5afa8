//! Character properties, read for one thing only: text deleted with revision marks
//! (`sprmCFRMarkDel`, 0x0800) still sits in the text stream and must not be read, as the .docx
//! reader skips `w:delText`.
//!
//! `PlcBteChpx` in the table stream maps ranges of stream offsets (FCs) to 512-byte `ChpxFkp`
//! pages of the `WordDocument` stream; a page maps smaller FC ranges to `CHPX` property lists
//! (a size byte and a `grpprl`). A piece's own `Prm` may mark the whole piece deleted too.

use super::fib::FcLcb;
use super::pieces::Clx;
use super::sprm;
use super::u32_at;

/// `sprmCFRMarkDel`: the text is a deleted revision.
const C_F_RMARK_DEL: u16 = 0x0800;
/// Size of an FKP page.
const PAGE: usize = 512;

/// Whether a `grpprl` marks text deleted (operand 1, or 0x81: the opposite of the style's off).
fn deletes(grpprl: &[u8]) -> bool {
    sprm::iter(grpprl)
        .filter(|s| s.code == C_F_RMARK_DEL)
        .last()
        .is_some_and(|s| matches!(s.byte(), 1 | 0x81))
}

/// The FC ranges `[start, end)` of deleted text, sorted; empty when the bin table is missing or
/// damaged (the text is then read whole).
pub(super) fn deleted_fc_ranges(table: &[u8], at: FcLcb, word: &[u8]) -> Vec<(u32, u32)> {
    let start = at.fc as usize;
    let Some(plc) = start
        .checked_add(at.lcb as usize)
        .and_then(|end| table.get(start..end))
    else {
        return Vec::new();
    };
    let n = plc.len().saturating_sub(4) / 8;
    let mut ranges = Vec::new();
    for i in 0..n {
        let Some(pn) = u32_at(plc, 4 * (n + 1) + 4 * i) else {
            break;
        };
        let page_at = (pn & 0x003F_FFFF) as usize * PAGE;
        let Some(page) = word.get(page_at..page_at + PAGE) else {
            continue;
        };
        let crun = usize::from(page[PAGE - 1]);
        for k in 0..crun {
            let (Some(fc_start), Some(fc_end)) = (u32_at(page, 4 * k), u32_at(page, 4 * (k + 1)))
            else {
                break;
            };
            let Some(&word_offset) = page.get(4 * (crun + 1) + k) else {
                break;
            };
            let off = usize::from(word_offset) * 2;
            if off == 0 || fc_end <= fc_start {
                continue;
            }
            let cb = usize::from(page.get(off).copied().unwrap_or(0));
            if page.get(off + 1..off + 1 + cb).is_some_and(deletes) {
                ranges.push((fc_start, fc_end));
            }
        }
    }
    ranges.sort_unstable();
    ranges
}

/// The CP ranges `[start, end)` of deleted text in the main text: FC ranges mapped through the
/// pieces, and pieces whose `Prm` deletes them.
pub(super) fn deleted_cp_ranges(
    clx: &Clx,
    fc_ranges: &[(u32, u32)],
    ccp_text: u32,
) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for p in &clx.pieces {
        if p.cp_start >= ccp_text {
            break;
        }
        let cp_end = p.cp_end.min(ccp_text);
        let whole = p.prm & 1 == 1
            && clx
                .grpprls
                .get(usize::from(p.prm >> 1))
                .is_some_and(|g| deletes(g));
        if whole {
            out.push((p.cp_start, cp_end));
            continue;
        }
        let width = if p.compressed { 1 } else { 2 };
        let fc_end = p.fc_of(cp_end);
        let first = fc_ranges.partition_point(|r| r.1 <= p.fc);
        for &(s, e) in fc_ranges.get(first..).unwrap_or_default() {
            if s >= fc_end {
                break;
            }
            let cp_s = p
                .cp_start
                .saturating_add(s.saturating_sub(p.fc).div_ceil(width));
            let cp_e = p
                .cp_start
                .saturating_add(e.min(fc_end).saturating_sub(p.fc).div_ceil(width));
            if cp_s < cp_e {
                out.push((cp_s, cp_e.min(cp_end)));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether `cp` lies in one of the sorted `ranges`.
pub(super) fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    let i = ranges.partition_point(|r| r.1 <= cp);
    ranges.get(i).is_some_and(|r| r.0 <= cp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::pieces::Piece;

    #[test]
    fn deleted_runs_of_an_fkp_page() {
        // Runs [100, 110) plain, [110, 120) deleted, [120, 130) with sprmCFRMarkDel 0.
        let mut page = vec![0u8; PAGE];
        for (i, fc) in [100u32, 110, 120, 130].iter().enumerate() {
            page[4 * i..4 * i + 4].copy_from_slice(&fc.to_le_bytes());
        }
        page[16] = 0;
        page[17] = 100; // CHPX at 200
        page[18] = 110; // CHPX at 220
        page[200..204].copy_from_slice(&[3, 0x00, 0x08, 1]);
        page[220..224].copy_from_slice(&[3, 0x00, 0x08, 0]);
        page[PAGE - 1] = 3;
        let mut word = vec![0u8; PAGE];
        word.extend(page);
        let mut table = Vec::new();
        for v in [100u32, 130, 1] {
            table.extend(v.to_le_bytes());
        }
        let fcs = deleted_fc_ranges(&table, FcLcb { fc: 0, lcb: 12 }, &word);
        assert_eq!(fcs, vec![(110, 120)]);

        // One UTF-16 piece from FC 100: CPs 5..10 are deleted.
        let clx = Clx {
            pieces: vec![Piece {
                cp_start: 0,
                cp_end: 15,
                fc: 100,
                compressed: false,
                prm: 0,
            }],
            grpprls: Vec::new(),
        };
        let cps = deleted_cp_ranges(&clx, &fcs, 15);
        assert_eq!(cps, vec![(5, 10)]);
        assert!(in_ranges(&cps, 5) && in_ranges(&cps, 9));
        assert!(!in_ranges(&cps, 4) && !in_ranges(&cps, 10));
        assert!(deleted_fc_ranges(&table, FcLcb { fc: 4, lcb: 12 }, &word).is_empty());
    }
}
