//! The `cmap` table of an embedded TrueType font, read backwards: glyph id → Unicode.
//!
//! A composite font with `Identity-H` and no `ToUnicode` map gives no text for its codes; but
//! its embedded TrueType program usually still carries a `cmap` table mapping Unicode to glyph
//! ids. [`unicode_by_glyph`] inverts the Windows Unicode subtable (format 4, or format 12 for
//! characters beyond the BMP) so that code → CID → glyph id → Unicode can be followed.

use std::collections::HashMap;

/// Most characters taken from one font (a bound on hostile tables).
const MAX_CHARS: u32 = 100_000;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Glyph id → character, from the font's `cmap` table; `None` when there is no usable table.
pub(crate) fn unicode_by_glyph(font: &[u8]) -> Option<HashMap<u16, char>> {
    let sub = unicode_subtable(font)?;
    let mut out = HashMap::new();
    let mut add = |c: u32, gid: u32| {
        if gid == 0 || gid > u32::from(u16::MAX) {
            return;
        }
        if let Some(ch) = char::from_u32(c) {
            // Keep the first (lowest) character of a glyph shared by several.
            out.entry(gid as u16).or_insert(ch);
        }
    };
    match u16_at(sub, 0)? {
        4 => segments_format_4(sub, &mut add)?,
        12 => groups_format_12(sub, &mut add)?,
        _ => return None,
    }
    (!out.is_empty()).then_some(out)
}

/// The font's Unicode `cmap` subtable: (3,10) full Unicode, else (3,1) BMP, else (0,*) Unicode.
fn unicode_subtable(font: &[u8]) -> Option<&[u8]> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut cmap = None;
    for i in 0..num_tables.min(64) {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == b"cmap" {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            cmap = font.get(off..off.checked_add(len)?.min(font.len()));
        }
    }
    let cmap = cmap?;
    let n = u16_at(cmap, 2)? as usize;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..n.min(64) {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let off = u32_at(cmap, rec + 4)? as usize;
        let rank = match (platform, encoding) {
            (3, 10) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, off));
        }
    }
    let (_, off) = best?;
    cmap.get(off..)
}

/// A format 4 subtable (segments of the BMP), character by character, up to [`MAX_CHARS`].
fn segments_format_4(sub: &[u8], add: &mut impl FnMut(u32, u32)) -> Option<()> {
    let seg_x2 = u16_at(sub, 6)? as usize;
    let ends = 14;
    let starts = ends + seg_x2 + 2;
    let deltas = starts + seg_x2;
    let ranges = deltas + seg_x2;
    let mut total = 0u32;
    for s in 0..seg_x2 / 2 {
        let end = u32::from(u16_at(sub, ends + 2 * s)?);
        let start = u32::from(u16_at(sub, starts + 2 * s)?);
        let delta = u16_at(sub, deltas + 2 * s)?;
        let range_off = u16_at(sub, ranges + 2 * s)? as usize;
        if start > end || start == 0xFFFF {
            continue;
        }
        for c in start..=end {
            total += 1;
            if total > MAX_CHARS {
                break;
            }
            let gid = if range_off == 0 {
                (c as u16).wrapping_add(delta)
            } else {
                let at = ranges + 2 * s + range_off + 2 * (c - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => 0,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            add(c, u32::from(gid));
        }
    }
    Some(())
}

/// A format 12 subtable (groups of full Unicode), character by character, up to [`MAX_CHARS`].
fn groups_format_12(sub: &[u8], add: &mut impl FnMut(u32, u32)) -> Option<()> {
    let groups = u32_at(sub, 12)? as usize;
    let mut total = 0u32;
    for g in 0..groups.min(65_536) {
        let rec = 16 + 12 * g;
        let (start, end, gid) = (
            u32_at(sub, rec)?,
            u32_at(sub, rec + 4)?,
            u32_at(sub, rec + 8)?,
        );
        if start > end {
            continue;
        }
        for c in start..=end {
            total += 1;
            if total > MAX_CHARS {
                break;
            }
            add(c, gid + (c - start));
        }
    }
    Some(())
}

/// Test fixtures shared with the font tests.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal font with only a `cmap` table: format 4, mapping `chars` to glyphs 1, 2, ….
    pub(crate) fn font_with_cmap(chars: &[char]) -> Vec<u8> {
        let mut segs: Vec<(u16, u16, u16)> = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| (c as u16, c as u16, (i as u16 + 1).wrapping_sub(c as u16)))
            .collect();
        segs.push((0xFFFF, 0xFFFF, 1));
        let seg_x2 = (segs.len() * 2) as u16;
        let mut sub = Vec::new();
        let len = 16 + 8 * segs.len();
        for v in [4u16, len as u16, 0, seg_x2, 0, 0, 0] {
            sub.extend_from_slice(&v.to_be_bytes());
        }
        for s in &segs {
            sub.extend_from_slice(&s.1.to_be_bytes());
        }
        sub.extend_from_slice(&0u16.to_be_bytes());
        for s in &segs {
            sub.extend_from_slice(&s.0.to_be_bytes());
        }
        for s in &segs {
            sub.extend_from_slice(&s.2.to_be_bytes());
        }
        for _ in &segs {
            sub.extend_from_slice(&0u16.to_be_bytes());
        }
        let mut cmap = Vec::new();
        for v in [0u16, 1, 3, 1] {
            cmap.extend_from_slice(&v.to_be_bytes());
        }
        cmap.extend_from_slice(&12u32.to_be_bytes());
        cmap.extend_from_slice(&sub);
        let mut font = Vec::new();
        font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        for v in [1u16, 16, 0, 0] {
            font.extend_from_slice(&v.to_be_bytes());
        }
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&0u32.to_be_bytes());
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend_from_slice(&cmap);
        font
    }

    #[test]
    fn inverts_a_format_4_cmap() {
        let font = font_with_cmap(&['中', '文', '1']);
        let map = unicode_by_glyph(&font).expect("cmap");
        assert_eq!(map.get(&1), Some(&'中'));
        assert_eq!(map.get(&2), Some(&'文'));
        assert_eq!(map.get(&3), Some(&'1'));
        assert_eq!(map.get(&4), None);
    }

    #[test]
    fn rejects_garbage() {
        assert!(unicode_by_glyph(b"").is_none());
        assert!(unicode_by_glyph(&[0, 1, 0, 0, 0xff, 0xff, 0, 0]).is_none());
    }
}
