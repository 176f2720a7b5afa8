//! The piece table (CLX, [MS-DOC] 2.9.38): where each run of character positions (CPs) of the
//! document text is stored in the `WordDocument` stream.
//!
//! The CLX is a list of `Prc` (property lists that pieces may point to) followed by one `Pcdt`:
//! `n + 1` CPs and `n` piece descriptors. A descriptor's `fc` has bit 30 set for a *compressed*
//! piece — one byte per character, Windows-1252, at byte `fc / 2` — and clear for UTF-16LE text
//! at byte `fc` (where Chinese text always is).

use super::{u16_at, u32_at};
use crate::{ExtractError, Limits, Result};

/// One piece: CPs `cp_start..cp_end` stored from byte `fc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// First CP of the piece.
    pub cp_start: u32,
    /// One past the last CP.
    pub cp_end: u32,
    /// Byte offset of the first character in the `WordDocument` stream.
    pub fc: u32,
    /// One byte per character (Windows-1252) instead of two (UTF-16LE).
    pub compressed: bool,
    /// The piece's property modifier (`Prm`).
    pub prm: u16,
}

impl Piece {
    /// Bytes per character.
    fn width(&self) -> u32 {
        if self.compressed {
            1
        } else {
            2
        }
    }

    /// Byte offset of the character at `cp`, which must lie in the piece.
    pub(super) fn fc_of(&self, cp: u32) -> u32 {
        self.fc
            .saturating_add((cp - self.cp_start).saturating_mul(self.width()))
    }
}

/// The parsed CLX.
#[derive(Debug, Default)]
pub(super) struct Clx<'a> {
    /// Pieces in CP order.
    pub pieces: Vec<Piece>,
    /// The `grpprl` of each `Prc`, in order (pointed to by a complex `Prm`).
    pub grpprls: Vec<&'a [u8]>,
}

/// A message for a damaged piece table.
fn bad(what: &str) -> ExtractError {
    ExtractError::malformed(format!("Word 97 .doc: {what}"))
}

/// Parse the CLX found at `fc`, `lcb` in the table stream.
pub(super) fn parse_clx(table: &[u8], fc: u32, lcb: u32) -> Result<Clx<'_>> {
    let start = fc as usize;
    let clx = start
        .checked_add(lcb as usize)
        .and_then(|end| table.get(start..end))
        .ok_or_else(|| bad("the piece table (CLX) lies outside the table stream"))?;
    if clx.is_empty() {
        return Err(bad("the file has no piece table (CLX)"));
    }
    let mut grpprls = Vec::new();
    let mut pos = 0usize;
    loop {
        match clx.get(pos) {
            Some(1) => {
                let cb = usize::from(u16_at(clx, pos + 1).ok_or_else(|| bad("CLX cut short"))?);
                let grpprl = clx
                    .get(pos + 3..pos + 3 + cb)
                    .ok_or_else(|| bad("a property list of the CLX runs past its end"))?;
                grpprls.push(grpprl);
                pos += 3 + cb;
            }
            Some(2) => break,
            Some(other) => {
                return Err(bad(&format!(
                    "unknown CLX entry {other:#04x} at byte {pos} of the piece table"
                )))
            }
            None => return Err(bad("the CLX has no piece descriptors (Pcdt)")),
        }
    }
    let lcb_pcd = u32_at(clx, pos + 1).ok_or_else(|| bad("CLX cut short"))? as usize;
    let plc = clx
        .get(pos + 5..)
        .and_then(|rest| rest.get(..lcb_pcd))
        .ok_or_else(|| bad("the piece descriptors run past the end of the CLX"))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(bad(&format!(
            "piece table of {} bytes is not 4 + 12·n",
            plc.len()
        )));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp_start = u32_at(plc, 4 * i).unwrap_or(0);
        let cp_end = u32_at(plc, 4 * (i + 1)).unwrap_or(0);
        if cp_end < cp_start || pieces.last().is_some_and(|p: &Piece| p.cp_end > cp_start) {
            return Err(bad("the CPs of the piece table are out of order"));
        }
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).unwrap_or(0);
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        pieces.push(Piece {
            cp_start,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            prm: u16_at(plc, pcd + 6).unwrap_or(0),
        });
    }
    Ok(Clx { pieces, grpprls })
}

impl Clx<'_> {
    /// The piece holding `cp`.
    pub(super) fn piece_at(&self, cp: u32) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.cp_end <= cp);
        self.pieces.get(i).filter(|p| p.cp_start <= cp)
    }

    /// The main document text, CPs `0..ccp_text`, as UTF-16 code units.
    ///
    /// Compressed pieces are decoded from Windows-1252. A piece that points past the end of the
    /// `WordDocument` stream is an error; so is text longer than `limits.max_part_bytes`.
    pub(super) fn main_text(
        &self,
        word: &[u8],
        ccp_text: u32,
        limits: &Limits,
    ) -> Result<Vec<u16>> {
        if u64::from(ccp_text) * 2 > limits.max_part_bytes {
            return Err(ExtractError::Limit(format!(
                "the main text claims {ccp_text} characters, more than the {} bytes allowed",
                limits.max_part_bytes
            )));
        }
        let mut text = Vec::new();
        for p in &self.pieces {
            if p.cp_start >= ccp_text {
                break;
            }
            let n = (p.cp_end.min(ccp_text) - p.cp_start) as usize;
            let start = p.fc as usize;
            let bytes = n
                .checked_mul(p.width() as usize)
                .and_then(|len| start.checked_add(len))
                .and_then(|end| word.get(start..end))
                .ok_or_else(|| bad("the piece table points past the end of the text stream"))?;
            if p.compressed {
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                text.extend(decoded.encode_utf16());
            } else {
                text.extend(
                    bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_le_bytes([c[0], c[1]])),
                );
            }
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CLX with one Prc and the given pieces `(cp_start, cp_end, raw fc)`.
    fn clx_bytes(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut b = vec![1u8, 3, 0, 0x16, 0x24, 1];
        b.push(2);
        let lcb = 4 + 12 * pieces.len() as u32;
        b.extend(lcb.to_le_bytes());
        for p in pieces {
            b.extend(p.0.to_le_bytes());
        }
        b.extend(pieces.last().map_or(0, |p| p.1).to_le_bytes());
        for p in pieces {
            b.extend([0u8, 0]);
            b.extend(p.2.to_le_bytes());
            b.extend(3u16.to_le_bytes());
        }
        b
    }

    #[test]
    fn compressed_and_unicode_pieces() {
        let mut word = b"ab\x93q\x94".to_vec();
        word.extend("表1".encode_utf16().flat_map(u16::to_le_bytes));
        // CPs 0..3 compressed at byte 1 ("b“q"), CPs 3..5 UTF-16 at byte 5.
        let clx = clx_bytes(&[(0, 3, 0x4000_0000 | 2), (3, 5, 5)]);
        let parsed = parse_clx(&clx, 0, clx.len() as u32).unwrap();
        assert_eq!(parsed.grpprls, vec![&[0x16, 0x24, 1][..]]);
        assert_eq!(parsed.pieces[0].fc, 1);
        let text = parsed.main_text(&word, 5, &Limits::default()).unwrap();
        assert_eq!(String::from_utf16(&text).unwrap(), "b\u{201C}q表1");
        assert_eq!(parsed.piece_at(4).map(|p| p.fc_of(4)), Some(7));
        assert!(parsed.piece_at(5).is_none());
    }

    #[test]
    fn pieces_past_the_stream_or_out_of_order_are_errors() {
        let clx = clx_bytes(&[(0, 10, 0)]);
        let parsed = parse_clx(&clx, 0, clx.len() as u32).unwrap();
        let err = parsed
            .main_text(b"short", 10, &Limits::default())
            .unwrap_err();
        assert!(err.to_string().contains("past the end"), "{err}");
        let clx = clx_bytes(&[(0, 10, 0), (10, 5, 0)]);
        assert!(parse_clx(&clx, 0, clx.len() as u32).is_err());
        assert!(parse_clx(&clx, 4, 1000).is_err());
        assert!(parse_clx(&[7, 0, 0], 0, 3).is_err());
    }
}
