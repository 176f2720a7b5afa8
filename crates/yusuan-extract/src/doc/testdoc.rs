//! Test support: small Word 97 files built in memory (an OLE container made with `cfb`, a FIB, one
//! UTF-16 piece, one PAPX FKP page per paragraph, one CHPX FKP page), so that the whole reader can be tested without
//! fixtures, and damaged on purpose.

use std::io::{Cursor, Write};

use super::fib::FcLcb;

/// One paragraph: its text, the mark that ends it and its properties.
pub(super) struct Para {
    /// Text before the mark.
    pub text: String,
    /// `\r`, `\x07` or `\x0c`.
    pub mark: char,
    /// The paragraph's `grpprl`.
    pub grpprl: Vec<u8>,
}

/// A body paragraph.
pub(super) fn body(text: &str) -> Para {
    Para {
        text: text.into(),
        mark: '\r',
        grpprl: Vec::new(),
    }
}

/// The last paragraph of a cell at depth 1.
pub(super) fn cell(text: &str) -> Para {
    Para {
        text: text.into(),
        mark: '\x07',
        grpprl: vec![0x16, 0x24, 1],
    }
}

/// A row-end mark at depth 1 with a `sprmTDefTable` of these edges and `tcgrf` flags.
pub(super) fn row_end(edges: &[i16], flags: &[u16]) -> Para {
    let mut grpprl = vec![0x16, 0x24, 1, 0x17, 0x24, 1];
    let mut op = vec![(edges.len() - 1) as u8];
    for e in edges {
        op.extend(e.to_le_bytes());
    }
    for f in flags {
        op.extend(f.to_le_bytes());
        op.extend([0u8; 18]);
    }
    grpprl.extend(0xD608u16.to_le_bytes());
    grpprl.extend((op.len() as u16 + 1).to_le_bytes());
    grpprl.extend(op);
    Para {
        text: String::new(),
        mark: '\x07',
        grpprl,
    }
}

/// A Word 97 FIB (csw 14, cslw 22, 34 pairs) with the given flags and tables.
pub(super) fn fib_bytes(flags: u16, ccp_text: u32, pairs: &[(usize, FcLcb)]) -> Vec<u8> {
    let mut b = vec![0u8; 32];
    b[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    b[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
    b[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
    b.extend(14u16.to_le_bytes());
    b.extend([0u8; 28]);
    b.extend(22u16.to_le_bytes());
    let mut lw = [0u32; 22];
    lw[3] = ccp_text;
    for v in lw {
        b.extend(v.to_le_bytes());
    }
    b.extend(34u16.to_le_bytes());
    for i in 0..34 {
        let p = pairs
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(FcLcb::default(), |(_, p)| *p);
        b.extend(p.fc.to_le_bytes());
        b.extend(p.lcb.to_le_bytes());
    }
    b
}

/// An OLE container holding these streams.
pub(super) fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        file.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A .doc of these paragraphs. `section_ends` are the CPs where sections end (`PlcfSed`).
pub(super) fn build(paras: &[Para], section_ends: &[u32]) -> Vec<u8> {
    build_with_deletions(paras, section_ends, &[])
}

/// [`build`], with the CP ranges `deleted` marked as deleted revisions (one CHPX FKP page).
pub(super) fn build_with_deletions(
    paras: &[Para],
    section_ends: &[u32],
    deleted: &[(u32, u32)],
) -> Vec<u8> {
    const TEXT_AT: u32 = 1024;
    let mut units: Vec<u16> = Vec::new();
    let mut runs = Vec::new();
    for p in paras {
        let start = TEXT_AT + 2 * units.len() as u32;
        units.extend(p.text.encode_utf16());
        units.push(p.mark as u16);
        runs.push((start, TEXT_AT + 2 * units.len() as u32, &p.grpprl));
    }
    let ccp = units.len() as u32;
    let mut word = vec![0u8; TEXT_AT as usize];
    word.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    word.resize(word.len().div_ceil(512) * 512, 0);
    let first_page = (word.len() / 512) as u32;
    for (start, end, grpprl) in &runs {
        let mut page = vec![0u8; 512];
        page[0..4].copy_from_slice(&start.to_le_bytes());
        page[4..8].copy_from_slice(&end.to_le_bytes());
        page[8] = 64; // PAPX at byte 128
        let body = 2 + grpprl.len();
        let data_at = if body % 2 == 1 {
            page[128] = body.div_ceil(2) as u8;
            129
        } else {
            page[129] = (body / 2) as u8;
            130
        };
        page[data_at + 2..data_at + 2 + grpprl.len()].copy_from_slice(grpprl);
        page[511] = 1;
        word.extend(page);
    }

    // One CHPX page: runs split at the deleted ranges, the deleted ones with sprmCFRMarkDel.
    let chpx_page = (word.len() / 512) as u32;
    let mut bounds = vec![0u32, ccp];
    for &(s, e) in deleted {
        bounds.extend([s, e]);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut page = vec![0u8; 512];
    let crun = bounds.len() - 1;
    for (i, cp) in bounds.iter().enumerate() {
        page[4 * i..4 * i + 4].copy_from_slice(&(TEXT_AT + 2 * cp).to_le_bytes());
    }
    page[400..404].copy_from_slice(&[3, 0x00, 0x08, 1]);
    for i in 0..crun {
        if deleted
            .iter()
            .any(|&(s, e)| s <= bounds[i] && bounds[i] < e)
        {
            page[4 * (crun + 1) + i] = 200;
        }
    }
    page[511] = crun as u8;
    word.extend(page);

    // Table stream: CLX, PlcBtePapx, PlcfSed, PlcBteChpx.
    let mut table = vec![2u8];
    table.extend(16u32.to_le_bytes());
    table.extend(0u32.to_le_bytes());
    table.extend(ccp.to_le_bytes());
    table.extend([0u8, 0]);
    table.extend(TEXT_AT.to_le_bytes());
    table.extend([0u8, 0]);
    let clx = FcLcb {
        fc: 0,
        lcb: table.len() as u32,
    };
    let papx_at = table.len() as u32;
    for (start, _, _) in &runs {
        table.extend(start.to_le_bytes());
    }
    table.extend(runs.last().map_or(TEXT_AT, |r| r.1).to_le_bytes());
    for i in 0..runs.len() as u32 {
        table.extend((first_page + i).to_le_bytes());
    }
    let papx = FcLcb {
        fc: papx_at,
        lcb: table.len() as u32 - papx_at,
    };
    let sed_at = table.len() as u32;
    table.extend(0u32.to_le_bytes());
    for cp in section_ends {
        table.extend(cp.to_le_bytes());
    }
    table.extend(vec![0u8; 12 * section_ends.len()]);
    let sed = FcLcb {
        fc: sed_at,
        lcb: table.len() as u32 - sed_at,
    };
    let chpx_at = table.len() as u32;
    for v in [TEXT_AT, TEXT_AT + 2 * ccp, chpx_page] {
        table.extend(v.to_le_bytes());
    }
    let chpx = FcLcb {
        fc: chpx_at,
        lcb: 12,
    };
    let fib = fib_bytes(0x0200, ccp, &[(33, clx), (13, papx), (6, sed), (12, chpx)]);
    word[..fib.len()].copy_from_slice(&fib);
    ole(&[("WordDocument", &word), ("1Table", &table)])
}
