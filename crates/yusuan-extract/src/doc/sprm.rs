//! Single property modifiers (Sprm, [MS-DOC] 2.2.5.1): the `grpprl` lists that carry paragraph
//! and table properties.
//!
//! A sprm is a 16-bit code whose top three bits (`spra`) give the operand's size: 1, 1, 2, 4,
//! 2, 2, variable or 3 bytes. A variable operand starts with its size in one byte, except
//! `sprmTDefTable` (two bytes, counting one more than follows) and `sprmPChgTabs` (255 means
//! "count the tab lists"). The iterator stops at the first sprm that runs past the list.

use super::u16_at;

/// `sprmTDefTable`: the cells of a table row.
pub(super) const T_DEF_TABLE: u16 = 0xD608;
/// `sprmTDefTable10`: the Word 95 form of `sprmTDefTable`.
pub(super) const T_DEF_TABLE10: u16 = 0xD606;
/// `sprmPChgTabs`: a variable operand whose size byte may be 255.
const P_CHG_TABS: u16 = 0xC615;

/// One property modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sprm<'a> {
    /// The sprm code.
    pub code: u16,
    /// The operand, without its size prefix for variable-size operands.
    pub operand: &'a [u8],
}

impl Sprm<'_> {
    /// The operand's first byte, or 0.
    pub(super) fn byte(&self) -> u8 {
        self.operand.first().copied().unwrap_or(0)
    }

    /// The operand as a little-endian signed 32-bit integer, if it has four bytes.
    pub(super) fn i32(&self) -> Option<i32> {
        let b: [u8; 4] = self.operand.get(..4)?.try_into().ok()?;
        Some(i32::from_le_bytes(b))
    }
}

/// Iterate over the sprms of a `grpprl`.
pub(super) fn iter(grpprl: &[u8]) -> Sprms<'_> {
    Sprms { rest: grpprl }
}

/// Iterator over a `grpprl`; see [`iter`].
pub(super) struct Sprms<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Sprms<'a> {
    type Item = Sprm<'a>;

    fn next(&mut self) -> Option<Sprm<'a>> {
        let code = u16_at(self.rest, 0)?;
        let body = self.rest.get(2..)?;
        let (skip, len) = match code >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ => match code {
                T_DEF_TABLE | T_DEF_TABLE10 => {
                    let cb = usize::from(u16_at(body, 0)?);
                    (2, cb.saturating_sub(1))
                }
                P_CHG_TABS if body.first() == Some(&255) => {
                    let del = usize::from(*body.get(1)?);
                    let add = usize::from(*body.get(2 + 4 * del)?);
                    (1, 1 + 4 * del + 1 + 3 * add)
                }
                _ => (1, usize::from(*body.first()?)),
            },
        };
        let operand = body.get(skip..skip + len)?;
        self.rest = body.get(skip + len..).unwrap_or_default();
        Some(Sprm { code, operand })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_sizes_follow_spra() {
        let grpprl = [
            0x16, 0x24, 0x01, // sprmPFInTable 1
            0x49, 0x66, 0x02, 0, 0, 0, // sprmPItap 2
            0x2B, 0xD6, 0x02, 0x01, 0x03, // sprmTVertMerge itc 1, restart
            0x08, 0xD6, 0x04, 0x00, 0x01, 0xAA, 0xBB, // sprmTDefTable, cb 4
            0x17, 0x24, // sprmPFTtp with its operand cut off
        ];
        let sprms: Vec<_> = iter(&grpprl).collect();
        assert_eq!(sprms.len(), 4);
        assert_eq!((sprms[0].code, sprms[0].byte()), (0x2416, 1));
        assert_eq!(sprms[1].i32(), Some(2));
        assert_eq!(sprms[2].operand, &[1, 3]);
        assert_eq!(sprms[3].operand, &[1, 0xAA, 0xBB]);
    }

    #[test]
    fn truncated_lists_end_quietly() {
        assert_eq!(iter(&[0x08, 0xD6, 0xFF, 0xFF, 1]).count(), 0);
        assert_eq!(iter(&[0x15, 0xC6, 0xFF, 0x09]).count(), 0);
        assert_eq!(iter(&[0x49]).count(), 0);
    }
}
