//! CMaps: embedded CMap programs (ToUnicode and encoding CMaps) and the predefined CJK CMaps
//! that can be decoded without Adobe's data files.
//!
//! [`CMap::parse`] reads `begincodespacerange`, `beginbfchar`, `beginbfrange` (both the
//! incrementing and the array form), `begincidchar`/`begincidrange` and `usecmap`, tolerating
//! the broken programs real producers write. [`CMap::next_code`] splits a byte string into
//! character codes by the code-space ranges (multi-byte codes). [`Predefined`] names the
//! standard CMaps whose codes *are* Unicode (`UniGB-UCS2-H`, `UniGB-UTF16-H` …) or a legacy
//! encoding (`GBK-EUC-H` → GBK via `encoding_rs`).

use std::collections::HashMap;

use crate::pdf::syntax::lexer::{CmapToken, Lexer, Operand};

/// One code-space range: codes of `len` bytes whose every byte lies between `lo` and `hi`.
#[derive(Debug, Clone, PartialEq)]
struct CodeSpace {
    len: u8,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// A range of codes mapped to consecutive Unicode text or to an array of texts.
#[derive(Debug, Clone)]
struct UniRange {
    len: u8,
    lo: u32,
    hi: u32,
    target: RangeTarget,
}

#[derive(Debug, Clone)]
enum RangeTarget {
    /// UTF-16 units of the first code's text; the last unit is incremented along the range.
    Increment(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

/// A parsed CMap program.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    codespaces: Vec<CodeSpace>,
    uni: HashMap<u64, String>,
    uni_ranges: Vec<UniRange>,
    cid: HashMap<u64, u32>,
    cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// The CMap named by `usecmap`, if any.
    pub use_cmap: Option<Vec<u8>>,
    /// Writing mode: 0 horizontal, 1 vertical.
    pub wmode: u8,
}

/// Largest range expanded into the hash map; longer ranges are kept as ranges.
const EXPAND_LIMIT: u32 = 256;

fn key(len: u8, code: u32) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

fn code_of(bytes: &[u8]) -> (u8, u32) {
    let b = &bytes[..bytes.len().min(4)];
    let mut v = 0u32;
    for &x in b {
        v = (v << 8) | u32::from(x);
    }
    (b.len() as u8, v)
}

/// Decode the destination of a bfchar/bfrange: UTF-16BE (odd lengths tolerated).
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from(c[0])
            }
        })
        .collect()
}

fn units_to_string(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

/// The part of a CMap program being read.
#[derive(PartialEq)]
enum Section {
    None,
    CodeSpace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
}

impl Section {
    /// How many operands make one entry of the section (none outside a section).
    fn entry_len(&self) -> usize {
        match self {
            Section::None => usize::MAX,
            Section::CodeSpace | Section::BfChar | Section::CidChar => 2,
            Section::BfRange | Section::CidRange => 3,
        }
    }
}

impl CMap {
    /// Parse a CMap program. Never fails: what cannot be read is left out.
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut cm = CMap::default();
        let mut lx = Lexer::new(data, 8);
        let mut stack: Vec<Operand> = Vec::new();
        let mut section = Section::None;
        while let Some(tok) = lx.next_token() {
            match tok {
                CmapToken::Operand(o) => {
                    stack.push(o);
                    if section == Section::None && stack.len() > 16 {
                        stack.remove(0);
                    }
                    if stack.len() == section.entry_len() {
                        cm.add_entry(&section, &stack);
                        stack.clear();
                    }
                }
                CmapToken::Keyword(k) => {
                    match k {
                        b"begincodespacerange" => section = Section::CodeSpace,
                        b"beginbfchar" => section = Section::BfChar,
                        b"beginbfrange" => section = Section::BfRange,
                        b"begincidchar" => section = Section::CidChar,
                        b"begincidrange" => section = Section::CidRange,
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                        | b"endcidrange" => section = Section::None,
                        _ => cm.keyword(k, &stack),
                    }
                    stack.clear();
                }
            }
        }
        cm
    }

    /// A keyword outside the mapping sections: `usecmap` and the `WMode` definition.
    fn keyword(&mut self, k: &[u8], stack: &[Operand]) {
        match k {
            b"usecmap" => {
                if let Some(Operand::Name(n)) = stack.last() {
                    self.use_cmap = Some(n.to_vec());
                }
            }
            b"def" if stack.len() >= 2 => {
                if let (Operand::Name(n), Some(v)) =
                    (&stack[stack.len() - 2], stack[stack.len() - 1].num())
                {
                    if n.as_ref() == b"WMode" {
                        self.wmode = (v as i32 == 1) as u8;
                    }
                }
            }
            _ => {}
        }
    }

    /// One whole entry of a mapping section (its operands, as many as the section takes).
    fn add_entry(&mut self, section: &Section, e: &[Operand]) {
        match section {
            Section::None => {}
            Section::CodeSpace => {
                if let (Operand::Str(lo), Operand::Str(hi)) = (&e[0], &e[1]) {
                    self.add_codespace(lo, hi);
                }
            }
            Section::BfChar => {
                let Operand::Str(src) = &e[0] else { return };
                let text = match &e[1] {
                    Operand::Str(dst) => Some(units_to_string(&utf16_units(dst))),
                    Operand::Name(n) => super::encoding::glyph_name_to_unicode(n),
                    _ => None,
                };
                if let Some(text) = text.filter(|_| !src.is_empty()) {
                    let (len, code) = code_of(src);
                    self.uni.insert(key(len, code), text);
                }
            }
            Section::BfRange => {
                if let (Operand::Str(lo), Operand::Str(hi)) = (&e[0], &e[1]) {
                    self.add_bfrange(lo, hi, &e[2]);
                }
            }
            Section::CidChar => {
                if let (Operand::Str(src), Some(cid)) = (&e[0], e[1].num()) {
                    if !src.is_empty() && cid >= 0.0 {
                        let (len, code) = code_of(src);
                        self.cid.insert(key(len, code), cid as u32);
                    }
                }
            }
            Section::CidRange => {
                if let (Operand::Str(lo), Operand::Str(hi), Some(cid)) = (&e[0], &e[1], e[2].num())
                {
                    if !lo.is_empty() && lo.len() == hi.len() && cid >= 0.0 {
                        let (len, l) = code_of(lo);
                        let (_, h) = code_of(hi);
                        if h >= l {
                            self.cid_ranges.push((len, l, h, cid as u32));
                        }
                    }
                }
            }
        }
    }

    fn add_codespace(&mut self, lo: &[u8], hi: &[u8]) {
        if lo.is_empty() || lo.len() != hi.len() || lo.len() > 4 {
            return;
        }
        let mut l = [0u8; 4];
        let mut h = [0u8; 4];
        l[..lo.len()].copy_from_slice(lo);
        h[..hi.len()].copy_from_slice(hi);
        self.codespaces.push(CodeSpace {
            len: lo.len() as u8,
            lo: l,
            hi: h,
        });
    }

    fn add_bfrange(&mut self, lo: &[u8], hi: &[u8], dst: &Operand) {
        if lo.is_empty() || hi.is_empty() {
            return;
        }
        let (len, l) = code_of(lo);
        let (_, h) = code_of(hi);
        if h < l {
            return;
        }
        let count = h - l + 1;
        match dst {
            Operand::Str(d) => {
                let base = utf16_units(d);
                if base.is_empty() {
                    return;
                }
                if count <= EXPAND_LIMIT {
                    for i in 0..count {
                        let mut u = base.clone();
                        if let Some(last) = u.last_mut() {
                            *last = last.wrapping_add(i as u16);
                        }
                        self.uni.insert(key(len, l + i), units_to_string(&u));
                    }
                } else {
                    self.uni_ranges.push(UniRange {
                        len,
                        lo: l,
                        hi: h,
                        target: RangeTarget::Increment(base),
                    });
                }
            }
            Operand::Array(items) => {
                let texts: Vec<String> = items
                    .iter()
                    .map(|o| match o {
                        Operand::Str(d) => units_to_string(&utf16_units(d)),
                        _ => String::new(),
                    })
                    .collect();
                if count <= EXPAND_LIMIT {
                    for (i, t) in texts.into_iter().enumerate().take(count as usize) {
                        if !t.is_empty() {
                            self.uni.insert(key(len, l + i as u32), t);
                        }
                    }
                } else {
                    self.uni_ranges.push(UniRange {
                        len,
                        lo: l,
                        hi: h,
                        target: RangeTarget::List(texts),
                    });
                }
            }
            _ => {}
        }
    }

    /// Whether any code space is declared.
    #[cfg(test)]
    pub(crate) fn has_codespaces(&self) -> bool {
        !self.codespaces.is_empty()
    }

    /// Whether the CMap maps anything to Unicode.
    pub(crate) fn has_unicode(&self) -> bool {
        !self.uni.is_empty() || !self.uni_ranges.is_empty()
    }

    /// Whether the CMap maps codes to CIDs.
    pub(crate) fn has_cids(&self) -> bool {
        !self.cid.is_empty() || !self.cid_ranges.is_empty()
    }

    /// Split off the next character code: `(code, byte length)`, by the code-space ranges.
    /// Without code spaces, codes are `default_len` bytes. Always consumes at least one byte
    /// of a non-empty input.
    pub(crate) fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        if bytes.is_empty() {
            return (0, 0);
        }
        if !self.codespaces.is_empty() {
            for len in 1..=4usize {
                if bytes.len() < len {
                    break;
                }
                let fits = self.codespaces.iter().any(|cs| {
                    cs.len as usize == len
                        && (0..len).all(|i| bytes[i] >= cs.lo[i] && bytes[i] <= cs.hi[i])
                });
                if fits {
                    return (code_of(&bytes[..len]).1, len);
                }
            }
            // No range matches: take as many bytes as the shortest code space whose first
            // byte matches, else the shortest code space.
            let len = self
                .codespaces
                .iter()
                .filter(|cs| bytes[0] >= cs.lo[0] && bytes[0] <= cs.hi[0])
                .map(|cs| cs.len as usize)
                .min()
                .or_else(|| self.codespaces.iter().map(|cs| cs.len as usize).min())
                .unwrap_or(1)
                .clamp(1, bytes.len());
            return (code_of(&bytes[..len]).1, len);
        }
        let len = default_len.clamp(1, bytes.len());
        (code_of(&bytes[..len]).1, len)
    }

    /// The Unicode text of a code, if mapped.
    pub(crate) fn unicode(&self, code: u32, len: usize) -> Option<String> {
        let len = len as u8;
        if let Some(s) = self.uni.get(&key(len, code)) {
            return Some(s.clone());
        }
        for r in self.uni_ranges.iter().rev() {
            if r.len == len && code >= r.lo && code <= r.hi {
                let off = code - r.lo;
                return match &r.target {
                    RangeTarget::Increment(base) => {
                        let mut u = base.clone();
                        if let Some(last) = u.last_mut() {
                            *last = last.wrapping_add(off as u16);
                        }
                        Some(units_to_string(&u))
                    }
                    RangeTarget::List(list) => list.get(off as usize).cloned(),
                };
            }
        }
        None
    }

    /// The CID of a code, if this is an encoding CMap that maps it.
    pub(crate) fn cid(&self, code: u32, len: usize) -> Option<u32> {
        let len = len as u8;
        if let Some(c) = self.cid.get(&key(len, code)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .rev()
            .find(|r| r.0 == len && code >= r.1 && code <= r.2)
            .map(|r| r.3 + (code - r.1))
    }
}

/// A predefined CMap this reader understands without external data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Predefined {
    /// `Identity-H`/`Identity-V`: two-byte codes that are CIDs; no Unicode.
    Identity,
    /// `Uni*-UCS2-*`: two-byte codes that are UCS-2 code points.
    Ucs2,
    /// `Uni*-UTF16-*`: UTF-16BE, two or four bytes.
    Utf16,
    /// `GBK-EUC-*`, `GB-EUC-*`, `GBpc-EUC-*`, `GBK2K-*`: GBK / GB 18030 bytes.
    Gbk,
    /// Big Five (`B5pc-H`, `ETen-B5-H` …).
    Big5,
    /// Shift JIS (`90ms-RKSJ-H` …).
    ShiftJis,
    /// EUC-KR / UHC (`KSC-EUC-H`, `KSCms-UHC-H`).
    EucKr,
    /// EUC-JP (`EUC-H`).
    EucJp,
}

impl Predefined {
    /// Recognise a predefined CMap by name; also tells whether it is vertical.
    pub(crate) fn from_name(name: &[u8]) -> Option<(Predefined, bool)> {
        let n = std::str::from_utf8(name).ok()?;
        let vertical = n.ends_with("-V");
        let p = if n.starts_with("Identity-") {
            Predefined::Identity
        } else if n.starts_with("Uni") && n.contains("-UCS2") {
            Predefined::Ucs2
        } else if n.starts_with("Uni") && n.contains("-UTF16") {
            Predefined::Utf16
        } else if n.starts_with("GB") {
            Predefined::Gbk
        } else if n.starts_with("B5")
            || n.starts_with("ETen")
            || n.starts_with("HKscs")
            || n.starts_with("ETHK")
        {
            Predefined::Big5
        } else if n.contains("RKSJ") {
            Predefined::ShiftJis
        } else if n.starts_with("KSC") {
            Predefined::EucKr
        } else if n.starts_with("EUC-") {
            Predefined::EucJp
        } else {
            return None;
        };
        Some((p, vertical))
    }

    /// Split off the next code: `(code, byte length)`.
    pub(crate) fn next_code(self, bytes: &[u8]) -> (u32, usize) {
        if bytes.is_empty() {
            return (0, 0);
        }
        let b0 = bytes[0];
        let len = match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if bytes.len() >= 4 && (0xD8..=0xDB).contains(&b0) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gbk => {
                if (0x81..=0xFE).contains(&b0) {
                    if bytes.len() >= 4
                        && (0x30..=0x39).contains(&bytes.get(1).copied().unwrap_or(0))
                    {
                        4
                    } else {
                        2
                    }
                } else {
                    1
                }
            }
            Predefined::Big5 | Predefined::EucKr => {
                if (0x81..=0xFE).contains(&b0) {
                    2
                } else {
                    1
                }
            }
            Predefined::EucJp => {
                if b0 == 0x8F {
                    3
                } else if (0x8E..=0xFE).contains(&b0) {
                    2
                } else {
                    1
                }
            }
            Predefined::ShiftJis => {
                if (0x81..=0x9F).contains(&b0) || (0xE0..=0xFC).contains(&b0) {
                    2
                } else {
                    1
                }
            }
        };
        let len = len.min(bytes.len());
        (code_of(&bytes[..len]).1, len)
    }

    /// The Unicode text of one code's bytes, where the CMap implies it.
    pub(crate) fn unicode(self, bytes: &[u8]) -> Option<String> {
        let enc = match self {
            Predefined::Identity => return None,
            Predefined::Ucs2 | Predefined::Utf16 => {
                let u = utf16_units(bytes);
                return Some(units_to_string(&u));
            }
            Predefined::Gbk => encoding_rs::GB18030,
            Predefined::Big5 => encoding_rs::BIG5,
            Predefined::ShiftJis => encoding_rs::SHIFT_JIS,
            Predefined::EucKr => encoding_rs::EUC_KR,
            Predefined::EucJp => encoding_rs::EUC_JP,
        };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            None
        } else {
            Some(text.into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <4E2D>
<0011> <D83DDE00>
endbfchar
2 beginbfrange
<0020> <0022> <0030>
<0100> <0102> [<6587> <5B57> <00660069>]
endbfrange
1 beginbfrange
<1000> <1FFF> <4E00>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

    #[test]
    fn parses_bfchar_and_bfrange() {
        let cm = CMap::parse(TO_UNICODE);
        assert!(cm.has_codespaces());
        assert_eq!(cm.unicode(0x0003, 2).as_deref(), Some(" "));
        assert_eq!(cm.unicode(0x0010, 2).as_deref(), Some("中"));
        assert_eq!(cm.unicode(0x0011, 2).as_deref(), Some("😀"));
        assert_eq!(cm.unicode(0x0021, 2).as_deref(), Some("1"));
        assert_eq!(cm.unicode(0x0022, 2).as_deref(), Some("2"));
        assert_eq!(cm.unicode(0x0023, 2), None);
        assert_eq!(cm.unicode(0x0101, 2).as_deref(), Some("字"));
        assert_eq!(cm.unicode(0x0102, 2).as_deref(), Some("fi"));
        // A long range kept as a range.
        assert_eq!(cm.unicode(0x1001, 2).as_deref(), Some("丁"));
        // A code of the wrong length does not match.
        assert_eq!(cm.unicode(0x10, 1), None);
    }

    #[test]
    fn splits_multibyte_codespaces() {
        let cm = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 beginbfchar <41> <0041> endbfchar 1 beginbfchar <8140> <4E02> endbfchar",
        );
        let bytes = [0x41u8, 0x81, 0x40, 0x42];
        let (c, n) = cm.next_code(&bytes, 2);
        assert_eq!((c, n), (0x41, 1));
        let (c, n) = cm.next_code(&bytes[1..], 2);
        assert_eq!((c, n), (0x8140, 2));
        assert_eq!(cm.unicode(c, n).as_deref(), Some("丂"));
        let (c, n) = cm.next_code(&bytes[3..], 2);
        assert_eq!((c, n), (0x42, 1));
    }

    #[test]
    fn parses_cid_ranges_and_usecmap() {
        let cm = CMap::parse(
            b"/Adobe-GB1-UCS2 usecmap /WMode 1 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
              1 begincidrange <0020> <007e> 1 endcidrange 1 begincidchar <4e00> 4000 endcidchar",
        );
        assert_eq!(cm.use_cmap.as_deref(), Some(&b"Adobe-GB1-UCS2"[..]));
        assert_eq!(cm.wmode, 1);
        assert_eq!(cm.cid(0x41, 2), Some(34));
        assert_eq!(cm.cid(0x4e00, 2), Some(4000));
        assert_eq!(cm.cid(0x4e01, 2), None);
    }

    #[test]
    fn tolerates_garbage() {
        let cm = CMap::parse(b"beginbfrange <01> ] <02> >> endbfchar (((( [[[[ <zz");
        assert!(!cm.has_unicode());
        assert_eq!(cm.next_code(&[1, 2, 3], 2), (0x0102, 2));
        assert_eq!(cm.next_code(&[1], 2), (1, 1));
    }

    #[test]
    fn predefined_cjk_cmaps() {
        assert_eq!(
            Predefined::from_name(b"UniGB-UCS2-H"),
            Some((Predefined::Ucs2, false))
        );
        assert_eq!(
            Predefined::from_name(b"GBK-EUC-H"),
            Some((Predefined::Gbk, false))
        );
        assert_eq!(
            Predefined::from_name(b"Identity-V"),
            Some((Predefined::Identity, true))
        );
        let p = Predefined::Ucs2;
        assert_eq!(p.next_code(&[0x4e, 0x2d, 0x00]), (0x4e2d, 2));
        assert_eq!(p.unicode(&[0x4e, 0x2d]).as_deref(), Some("中"));
        let u = Predefined::Utf16;
        assert_eq!(u.next_code(&[0xD8, 0x3D, 0xDE, 0x00]).1, 4);
        assert_eq!(u.unicode(&[0xD8, 0x3D, 0xDE, 0x00]).as_deref(), Some("😀"));
        // 中文 in GBK is D6 D0 CE C4; an ASCII digit is one byte.
        let g = Predefined::Gbk;
        let bytes = [0xD6u8, 0xD0, 0x31, 0xCE, 0xC4];
        assert_eq!(g.next_code(&bytes), (0xD6D0, 2));
        assert_eq!(g.unicode(&bytes[..2]).as_deref(), Some("中"));
        assert_eq!(g.next_code(&bytes[2..]), (0x31, 1));
        assert_eq!(g.unicode(&bytes[3..5]).as_deref(), Some("文"));
    }
}
