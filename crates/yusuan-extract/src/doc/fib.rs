//! The File Information Block at the start of the `WordDocument` stream ([MS-DOC] 2.5.1).
//!
//! Only what the reader needs: the version, the encryption and table-stream flags of `FibBase`,
//! `ccpText` (length of the main document text) from `FibRgLw97`, and the offsets of the piece
//! table (`fcClx`) and of the paragraph-property bin table (`fcPlcfBtePapx`) from
//! `FibRgFcLcb97`, of the section table (`fcPlcfSed`), which tells section breaks from page
//! breaks, and of the character-property bin table (`fcPlcfBteChpx`), for deleted text. Word 6.0/95 files (`nFib` below 0xC0) have another layout and are refused.

use super::{u16_at, u32_at};
use crate::{ExtractError, Result};

/// `wIdent` of a Word binary file.
const W_IDENT: u16 = 0xA5EC;
/// Smallest `nFib` of a Word 97 file.
const NFIB_WORD97: u16 = 0xC0;
/// Index of `fcPlcfSed` among the `FibRgFcLcb97` pairs.
const PAIR_PLCF_SED: usize = 6;
/// Index of `fcPlcfBteChpx` among the `FibRgFcLcb97` pairs.
const PAIR_PLCF_BTE_CHPX: usize = 12;
/// Index of `fcPlcfBtePapx` among the `FibRgFcLcb97` pairs.
const PAIR_PLCF_BTE_PAPX: usize = 13;
/// Index of `fcClx` among the `FibRgFcLcb97` pairs.
const PAIR_CLX: usize = 33;

/// An offset and a length in the table stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct FcLcb {
    /// Byte offset.
    pub fc: u32,
    /// Length in bytes.
    pub lcb: u32,
}

/// The fields of the FIB the reader uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fib {
    /// `nFib`: the file format version.
    pub n_fib: u16,
    /// Name of the table stream (`0Table` or `1Table`, from `fWhichTblStm`).
    pub table_stream: &'static str,
    /// Number of characters of the main document text.
    pub ccp_text: u32,
    /// The piece table.
    pub clx: FcLcb,
    /// The bin table of paragraph properties.
    pub plcf_bte_papx: FcLcb,
    /// The section table.
    pub plcf_sed: FcLcb,
    /// The bin table of character properties.
    pub plcf_bte_chpx: FcLcb,
}

/// Parse the FIB; an encrypted or obfuscated file is [`ExtractError::Encrypted`].
pub(super) fn parse(word: &[u8]) -> Result<Fib> {
    let short = || {
        ExtractError::malformed("Word 97 .doc: the WordDocument stream is too short for its FIB")
    };
    let ident = u16_at(word, 0).ok_or_else(short)?;
    if ident != W_IDENT {
        return Err(ExtractError::malformed(format!(
            "Word .doc: the WordDocument stream does not start with a FIB (wIdent {ident:#06x})"
        )));
    }
    let n_fib = u16_at(word, 2).ok_or_else(short)?;
    if n_fib < NFIB_WORD97 {
        return Err(ExtractError::Unsupported(format!(
            "Word 6.0/95 .doc (nFib {n_fib:#x}); only Word 97–2003 .doc files are read"
        )));
    }
    let flags = u16_at(word, 0x0A).ok_or_else(short)?;
    if flags & 0x0100 != 0 {
        let how = if flags & 0x8000 != 0 {
            "obfuscated"
        } else {
            "encrypted"
        };
        return Err(ExtractError::encrypted(format!(
            "Word 97 .doc is password-protected ({how})"
        )));
    }
    let table_stream = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };

    // FibBase is 32 bytes; then csw and FibRgW, cslw and FibRgLw, cbRgFcLcb and the pairs.
    let mut pos = 32usize;
    let csw = usize::from(u16_at(word, pos).ok_or_else(short)?);
    pos += 2 + csw * 2;
    let cslw = usize::from(u16_at(word, pos).ok_or_else(short)?);
    let rg_lw = pos + 2;
    if cslw < 4 {
        return Err(ExtractError::malformed(format!(
            "Word 97 .doc: FibRgLw has {cslw} fields, too few for ccpText"
        )));
    }
    let ccp_text = u32_at(word, rg_lw + 3 * 4).ok_or_else(short)?;
    pos = rg_lw + cslw * 4;
    let cb_rg_fc_lcb = usize::from(u16_at(word, pos).ok_or_else(short)?);
    let pairs = pos + 2;
    if cb_rg_fc_lcb <= PAIR_CLX {
        return Err(ExtractError::malformed(format!(
            "Word 97 .doc: FibRgFcLcb has {cb_rg_fc_lcb} pairs, too few for the piece table"
        )));
    }
    let pair = |i: usize| -> Result<FcLcb> {
        let at = pairs + i * 8;
        Ok(FcLcb {
            fc: u32_at(word, at).ok_or_else(short)?,
            lcb: u32_at(word, at + 4).ok_or_else(short)?,
        })
    };
    Ok(Fib {
        n_fib,
        table_stream,
        ccp_text,
        clx: pair(PAIR_CLX)?,
        plcf_bte_papx: pair(PAIR_PLCF_BTE_PAPX)?,
        plcf_sed: pair(PAIR_PLCF_SED)?,
        plcf_bte_chpx: pair(PAIR_PLCF_BTE_CHPX)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::doc::testdoc::fib_bytes;

    #[test]
    fn reads_the_fields_at_their_word97_offsets() {
        let clx = FcLcb { fc: 100, lcb: 21 };
        let papx = FcLcb { fc: 7, lcb: 12 };
        let b = fib_bytes(0x0200, 42, &[(PAIR_CLX, clx), (PAIR_PLCF_BTE_PAPX, papx)]);
        // fcClx of a standard Word 97 FIB sits at 0x1A2, fcPlcfBtePapx at 0x102.
        assert_eq!(u32_at(&b, 0x1A2), Some(100));
        assert_eq!(u32_at(&b, 0x102), Some(7));
        let fib = parse(&b).unwrap();
        assert_eq!(fib.table_stream, "1Table");
        assert_eq!(fib.ccp_text, 42);
        assert_eq!((fib.clx, fib.plcf_bte_papx), (clx, papx));
    }

    #[test]
    fn encrypted_short_and_old_files_are_refused() {
        let b = fib_bytes(0x0100, 1, &[]);
        assert!(matches!(parse(&b), Err(ExtractError::Encrypted { .. })));
        let b = fib_bytes(0, 1, &[]);
        assert!(matches!(
            parse(&b[..200]),
            Err(ExtractError::Malformed { .. })
        ));
        let mut old = b.clone();
        old[2] = 0x65;
        assert!(matches!(parse(&old), Err(ExtractError::Unsupported(_))));
        assert!(matches!(
            parse(b"\x00\x01"),
            Err(ExtractError::Malformed { .. })
        ));
    }
}
