//! Fonts: splitting shown strings into character codes, glyph widths, and decoding to Unicode.
//!
//! A [`Font`] is built once per font object ([`FontCache`]) and then decodes every string shown
//! with it. Composite (Type 0) fonts split codes by their encoding CMap (`Identity-H`, a
//! predefined CJK CMap, or an embedded one), take widths from the descendant's `W`/`DW`, and
//! decode through `ToUnicode`, else through the predefined CMap when its codes are Unicode or
//! GBK/Big5/Shift JIS bytes. Simple fonts (Type 1, TrueType, Type 3) use `Widths`/`FirstChar`
//! and `Encoding` with `Differences`. A code that cannot be decoded comes back as `None`
//! text: the caller decides whether that is a warning.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId};

use super::cmap::{CMap, Predefined};
use super::encoding::{base_encoding, glyph_name_to_unicode, BaseEncoding};
use super::truetype;
use crate::pdf::objects::ctx::{num, Ctx};

/// One decoded character code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Code {
    /// Its Unicode text; `None` when the font gives no way to know it.
    pub text: Option<String>,
    /// Horizontal advance in text-space units per unit of font size (glyph width / 1000).
    pub width: f32,
    /// Whether it is the single-byte code 32, to which word spacing applies.
    pub word_space: bool,
}

/// Widths of a composite font by CID.
#[derive(Debug, Clone, Default)]
struct CidWidths {
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl CidWidths {
    fn get(&self, cid: u32) -> f32 {
        self.explicit(cid).unwrap_or(self.default)
    }

    /// The width `W` gives this CID, if it gives one.
    fn explicit(&self, cid: u32) -> Option<f32> {
        if let Some(w) = self.single.get(&cid) {
            return Some(*w);
        }
        self.ranges
            .iter()
            .find(|r| cid >= r.0 && cid <= r.1)
            .map(|r| r.2)
    }
}

/// How a font's strings split into codes and which codes map to CIDs.
#[derive(Debug, Clone)]
enum Encoding {
    /// One byte per code, with a code → text table.
    Simple(Vec<Option<String>>),
    /// A predefined CMap.
    Predefined(Predefined),
    /// An embedded CMap stream, maybe falling back to a predefined one for text.
    Embedded(Box<CMap>, Option<Predefined>),
}

/// A font, ready to decode.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// The `BaseFont` name, for messages.
    pub name: String,
    encoding: Encoding,
    to_unicode: Option<CMap>,
    /// Simple fonts: width per code (already / 1000 or through the FontMatrix).
    simple_widths: Vec<Option<f32>>,
    missing_width: f32,
    cid_widths: Option<CidWidths>,
    /// Whether glyphs advance downwards (vertical writing).
    pub vertical: bool,
    /// Ascent above the baseline, in em.
    pub ascent: f32,
    /// Descent below the baseline (negative), in em.
    pub descent: f32,
    /// Glyph id → character from the embedded TrueType `cmap`, for fonts with no other way.
    glyph_unicode: Option<HashMap<u16, char>>,
    /// CID → glyph id (`None`: identity).
    cid_to_gid: Option<Vec<u16>>,
}

/// Fonts parsed so far in a document, by object id: each font is parsed once.
#[derive(Default)]
pub(crate) struct FontCache {
    by_id: HashMap<ObjectId, Arc<Font>>,
}

impl FontCache {
    /// The font a resource entry names: cached when it is a reference.
    pub(crate) fn get(&mut self, ctx: &Ctx<'_>, entry: &Object) -> Option<Arc<Font>> {
        if let Object::Reference(id) = entry {
            if let Some(f) = self.by_id.get(id) {
                return Some(f.clone());
            }
            let dict = ctx.dict(entry)?;
            let font = Arc::new(Font::load(ctx, dict));
            self.by_id.insert(*id, font.clone());
            return Some(font);
        }
        let dict = ctx.dict(entry)?;
        Some(Arc::new(Font::load(ctx, dict)))
    }
}

fn name_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Whether a character is CJK (ideographs, kana, hangul, full-width forms, CJK punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

impl Font {
    /// A stand-in for a font that cannot be found: one-byte codes, Latin-1 text, half-em widths.
    pub(crate) fn fallback() -> Font {
        Font {
            name: "(missing font)".into(),
            encoding: Encoding::Simple(base_encoding(BaseEncoding::WinAnsi)),
            to_unicode: None,
            simple_widths: Vec::new(),
            missing_width: 0.5,
            cid_widths: None,
            vertical: false,
            ascent: 0.88,
            descent: -0.12,
            glyph_unicode: None,
            cid_to_gid: None,
        }
    }

    /// Build a font from its dictionary. Never fails: missing parts get defaults.
    pub(crate) fn load(ctx: &Ctx<'_>, dict: &Dictionary) -> Font {
        let subtype = ctx.get_name(dict, b"Subtype").unwrap_or(b"");
        let name = ctx
            .get_name(dict, b"BaseFont")
            .map(name_string)
            .unwrap_or_else(|| "(unnamed)".into());
        let to_unicode = load_to_unicode(ctx, dict);
        if subtype == b"Type0" {
            Self::load_composite(ctx, dict, name, to_unicode)
        } else {
            Self::load_simple(ctx, dict, name, to_unicode, subtype == b"Type3")
        }
    }

    fn load_composite(
        ctx: &Ctx<'_>,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let mut vertical = false;
        let encoding = match ctx.get(dict, b"Encoding") {
            Some(Object::Name(n)) => match Predefined::from_name(n) {
                Some((p, v)) => {
                    vertical = v;
                    Encoding::Predefined(p)
                }
                None => Encoding::Predefined(Predefined::Identity),
            },
            Some(Object::Stream(s)) => {
                let data = ctx.stream_data(s).ok().unwrap_or_default();
                let cm = CMap::parse(&data);
                vertical = cm.wmode == 1;
                let base = cm
                    .use_cmap
                    .as_deref()
                    .or_else(|| ctx.get_name(&s.dict, b"UseCMap"))
                    .and_then(Predefined::from_name)
                    .map(|(p, _)| p);
                Encoding::Embedded(Box::new(cm), base)
            }
            _ => Encoding::Predefined(Predefined::Identity),
        };
        let descendant = ctx
            .get_array(dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| ctx.dict(o));
        let mut widths = CidWidths {
            default: 1.0,
            ..Default::default()
        };
        let (mut ascent, mut descent) = (0.88, -0.12);
        let identity = match &encoding {
            Encoding::Predefined(p) => *p == Predefined::Identity,
            Encoding::Embedded(_, base) => base.is_none_or(|p| p == Predefined::Identity),
            Encoding::Simple(_) => false,
        };
        let needs_cmap = identity && !to_unicode.as_ref().is_some_and(CMap::has_unicode);
        let (mut glyph_unicode, mut cid_to_gid) = (None, None);
        if let (true, Some(desc)) = (needs_cmap, descendant) {
            glyph_unicode = ctx
                .get_dict(desc, b"FontDescriptor")
                .and_then(|fd| ctx.get_stream(fd, b"FontFile2"))
                .and_then(|s| ctx.stream_data(s).ok())
                .and_then(|data| truetype::unicode_by_glyph(&data));
            if let Some(s) = ctx.get_stream(desc, b"CIDToGIDMap") {
                if let Ok(data) = ctx.stream_data(s) {
                    cid_to_gid = Some(
                        data.chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect(),
                    );
                }
            }
        }
        if let Some(desc) = descendant {
            if let Some(dw) = ctx.get_num(desc, b"DW") {
                if dw > 0.0 {
                    widths.default = dw / 1000.0;
                }
            }
            if let Some(w) = ctx.get_array(desc, b"W") {
                parse_cid_widths(ctx, w, &mut widths);
            }
            (ascent, descent) = metrics(ctx, desc);
        }
        Font {
            name,
            encoding,
            to_unicode,
            simple_widths: Vec::new(),
            missing_width: widths.default,
            cid_widths: Some(widths),
            vertical,
            ascent,
            descent,
            glyph_unicode,
            cid_to_gid,
        }
    }

    fn load_simple(
        ctx: &Ctx<'_>,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
        type3: bool,
    ) -> Font {
        let scale = if type3 {
            ctx.get_numbers(dict, b"FontMatrix", 6)
                .map_or(0.001, |m| m[0].abs().max(1e-6))
        } else {
            0.001
        };
        let descriptor = ctx.get_dict(dict, b"FontDescriptor");
        let flags = descriptor
            .and_then(|d| ctx.get_num(d, b"Flags"))
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        // Base table, then Differences.
        let mut table = None;
        match ctx.get(dict, b"Encoding") {
            Some(Object::Name(n)) => table = BaseEncoding::from_name(n).map(base_encoding),
            Some(Object::Dictionary(e)) => {
                let base = ctx
                    .get_name(e, b"BaseEncoding")
                    .and_then(BaseEncoding::from_name)
                    .unwrap_or(BaseEncoding::Standard);
                let mut t = base_encoding(base);
                if let Some(diffs) = ctx.get_array(e, b"Differences") {
                    let mut code: usize = 0;
                    for d in diffs {
                        match ctx.deref(d) {
                            Some(o @ (Object::Integer(_) | Object::Real(_))) => {
                                code = num(o).unwrap_or(0.0).max(0.0) as usize;
                            }
                            Some(Object::Name(n)) => {
                                if code < 256 {
                                    t[code] = glyph_name_to_unicode(n);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
                table = Some(t);
            }
            _ => {}
        }
        let table = table.unwrap_or_else(|| {
            base_encoding(if symbolic || type3 {
                BaseEncoding::Standard
            } else {
                BaseEncoding::WinAnsi
            })
        });
        let mut simple_widths = vec![None; 256];
        if let Some(ws) = ctx.get_array(dict, b"Widths") {
            let first = ctx.get_num(dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
            for (i, w) in ws.iter().enumerate() {
                if let Some(w) = ctx.deref(w).and_then(num) {
                    if let Some(slot) = simple_widths.get_mut(first + i) {
                        *slot = Some(w * scale);
                    }
                }
            }
        }
        let missing_width = descriptor
            .and_then(|d| ctx.get_num(d, b"MissingWidth"))
            .filter(|w| *w > 0.0)
            .map_or(0.5, |w| w * scale);
        let (ascent, descent) = descriptor.map_or((0.88, -0.12), |d| metrics(ctx, d));
        Font {
            name,
            encoding: Encoding::Simple(table),
            to_unicode,
            simple_widths,
            missing_width,
            cid_widths: None,
            vertical: false,
            ascent,
            descent,
            glyph_unicode: None,
            cid_to_gid: None,
        }
    }

    /// Whether this font has any way to turn codes into Unicode.
    #[cfg(test)]
    pub(crate) fn decodable(&self) -> bool {
        if self.to_unicode.as_ref().is_some_and(CMap::has_unicode) || self.glyph_unicode.is_some() {
            return true;
        }
        match &self.encoding {
            Encoding::Simple(_) => true,
            Encoding::Predefined(p) => *p != Predefined::Identity,
            Encoding::Embedded(_, base) => base.is_some_and(|p| p != Predefined::Identity),
        }
    }

    /// Split a shown string into codes, appending to `out`.
    pub(crate) fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len, predefined) = match &self.encoding {
                Encoding::Simple(_) => (u32::from(rest[0]), 1, None),
                Encoding::Predefined(p) => {
                    let (c, n) = p.next_code(rest);
                    (c, n, Some(*p))
                }
                Encoding::Embedded(cm, base) => {
                    let default_len = base.map_or(2, |p| p.next_code(rest).1);
                    let (c, n) = cm.next_code(rest, default_len);
                    (c, n, *base)
                }
            };
            let len = len.max(1).min(rest.len());
            let code_bytes = &rest[..len];
            rest = &rest[len..];
            let text = self.text_of(code, code_bytes, predefined);
            let width = self.width_of(code, len, text.as_deref());
            out.push(Code {
                text,
                width,
                word_space: len == 1 && code == 32,
            });
        }
    }

    fn text_of(&self, code: u32, bytes: &[u8], predefined: Option<Predefined>) -> Option<String> {
        if let Some(tu) = &self.to_unicode {
            if let Some(t) = tu.unicode(code, bytes.len()) {
                if !t.is_empty() && !t.chars().all(|c| c == '\0') {
                    return Some(t);
                }
            }
        }
        match &self.encoding {
            Encoding::Simple(table) => table.get(code as usize).cloned().flatten(),
            _ => predefined.and_then(|p| p.unicode(bytes)).or_else(|| {
                let map = self.glyph_unicode.as_ref()?;
                let cid = self.cid_of(code, bytes.len())?;
                let gid = match &self.cid_to_gid {
                    Some(table) => *table.get(cid as usize)?,
                    None => u16::try_from(cid).ok()?,
                };
                map.get(&gid).map(|c| c.to_string())
            }),
        }
    }

    /// The CID of a code of a composite font, where it can be known.
    fn cid_of(&self, code: u32, len: usize) -> Option<u32> {
        match &self.encoding {
            Encoding::Predefined(Predefined::Identity) => Some(code),
            Encoding::Embedded(cm, base) => {
                if cm.has_cids() {
                    cm.cid(code, len)
                } else if base.is_none_or(|p| p == Predefined::Identity) {
                    Some(code)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn width_of(&self, code: u32, len: usize, text: Option<&str>) -> f32 {
        match &self.cid_widths {
            None => self
                .simple_widths
                .get(code as usize)
                .copied()
                .flatten()
                .unwrap_or_else(|| fallback_width(text, self.missing_width)),
            Some(w) => {
                // Adobe's CJK character collections (GB1, CNS1, Japan1, Korea1) all begin with
                // the proportional ASCII glyphs at CIDs 1–95, so under a predefined CMap the
                // widths of digits and Latin text are in `W` even without the CMap's full
                // code → CID table.
                let ascii_cid = matches!(self.encoding, Encoding::Predefined(p) if p != Predefined::Identity)
                    && (0x20..=0x7E).contains(&code);
                if let Some(width) = ascii_cid.then(|| w.explicit(code - 0x1F)).flatten() {
                    return width;
                }
                match self.cid_of(code, len) {
                    Some(cid) => w.get(cid),
                    // Codes of a Unicode or legacy CMap: CIDs are unknown without Adobe's
                    // tables, so use the usual CJK metrics.
                    None => fallback_width(text, w.default),
                }
            }
        }
    }
}

/// A plausible width for a glyph whose font gives none: full em for CJK, half for the rest.
fn fallback_width(text: Option<&str>, default: f32) -> f32 {
    match text.and_then(|t| t.chars().next()) {
        Some(c) if is_cjk(c) => 1.0,
        Some(_) => 0.5,
        None => default,
    }
}

fn metrics(ctx: &Ctx<'_>, dict: &Dictionary) -> (f32, f32) {
    let d = ctx.get_dict(dict, b"FontDescriptor").unwrap_or(dict);
    let ascent = ctx
        .get_num(d, b"Ascent")
        .map(|a| a / 1000.0)
        .filter(|a| (0.5..=1.3).contains(a));
    let descent = ctx
        .get_num(d, b"Descent")
        .map(|a| a / 1000.0)
        .filter(|a| (-0.6..=0.0).contains(a));
    (ascent.unwrap_or(0.88), descent.unwrap_or(-0.12))
}

fn parse_cid_widths(ctx: &Ctx<'_>, w: &[Object], out: &mut CidWidths) {
    let items: Vec<&Object> = w.iter().filter_map(|o| ctx.deref(o)).collect();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = num(items[i]) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    if let Some(v) = ctx.deref(o).and_then(num) {
                        out.single
                            .insert(first.saturating_add(k as u32), v / 1000.0);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o);
                let width = items.get(i + 2).and_then(|o| num(o));
                if let (Some(last), Some(width)) = (last, width) {
                    let last = last.max(0.0) as u32;
                    if last >= first {
                        out.ranges.push((first, last, width / 1000.0));
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

fn load_to_unicode(ctx: &Ctx<'_>, dict: &Dictionary) -> Option<CMap> {
    match ctx.get(dict, b"ToUnicode")? {
        Object::Stream(s) => {
            let data = match ctx.stream_data(s) {
                Ok(d) => d,
                Err(crate::pdf::objects::ctx::StreamError::Damaged { partial, .. }) => partial,
                Err(_) => return None,
            };
            let cm = CMap::parse(&data);
            cm.has_unicode().then_some(cm)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    fn with_ctx<R>(doc: &lopdf::Document, f: impl FnOnce(&Ctx<'_>) -> R) -> R {
        let limits = crate::Limits::default();
        let ctx = Ctx::new(doc, &limits);
        f(&ctx)
    }

    #[test]
    fn composite_font_with_to_unicode_and_widths() {
        let mut doc = lopdf::Document::with_version("1.5");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0010> <4E2D> <0011> <0031> endbfchar"
                .to_vec(),
        ));
        let desc = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "DW" => 1000,
            "W" => vec![Object::Integer(17), Object::Array(vec![Object::Integer(500)])],
        });
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(desc)], "ToUnicode" => Object::Reference(tu),
        };
        let f = with_ctx(&doc, |ctx| Font::load(ctx, &font));
        let mut out = Vec::new();
        f.decode(&[0x00, 0x10, 0x00, 0x11, 0x00, 0x12], &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].text.as_deref(), Some("中"));
        assert_eq!(out[0].width, 1.0);
        assert_eq!(out[1].text.as_deref(), Some("1"));
        assert_eq!(out[1].width, 0.5);
        assert_eq!(out[2].text, None);
        assert!(f.decodable());
    }

    #[test]
    fn composite_font_gbk_without_to_unicode() {
        let doc = lopdf::Document::with_version("1.5");
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "FangSong", "Encoding" => "GBK-EUC-H" };
        let f = with_ctx(&doc, |ctx| Font::load(ctx, &font));
        let mut out = Vec::new();
        f.decode(&[0xD6, 0xD0, 0x31], &mut out);
        let text: Vec<_> = out.iter().map(|c| c.text.clone().unwrap()).collect();
        assert_eq!(text, ["中", "1"]);
        assert_eq!((out[0].width, out[1].width), (1.0, 0.5));
    }

    #[test]
    fn identity_without_to_unicode_uses_the_embedded_cmap() {
        let mut doc = lopdf::Document::with_version("1.5");
        let file = doc.add_object(Stream::new(
            dictionary! {},
            truetype::tests::font_with_cmap(&['预', '算']),
        ));
        let fd = doc.add_object(
            dictionary! { "Type" => "FontDescriptor", "FontFile2" => Object::Reference(file) },
        );
        let desc = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "FontDescriptor" => Object::Reference(fd),
        });
        let font = dictionary! {
            "Subtype" => "Type0", "BaseFont" => "ABCDEF+Sub", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(desc)],
        };
        let f = with_ctx(&doc, |ctx| Font::load(ctx, &font));
        assert!(f.decodable());
        let mut out = Vec::new();
        f.decode(&[0, 1, 0, 2, 0, 3], &mut out);
        let text: Vec<_> = out.iter().map(|c| c.text.clone()).collect();
        assert_eq!(text, [Some("预".to_string()), Some("算".to_string()), None]);
    }

    #[test]
    fn identity_without_to_unicode_is_undecodable() {
        let doc = lopdf::Document::with_version("1.5");
        let font =
            dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H" };
        let f = with_ctx(&doc, |ctx| Font::load(ctx, &font));
        assert!(!f.decodable());
        let mut out = Vec::new();
        f.decode(&[0x01, 0x02], &mut out);
        assert_eq!(out[0].text, None);
    }

    #[test]
    fn simple_font_differences_and_widths() {
        let doc = lopdf::Document::with_version("1.5");
        let font = dictionary! {
            "Subtype" => "TrueType", "BaseFont" => "Arial", "FirstChar" => 48,
            "Widths" => vec![Object::Integer(556), Object::Integer(556)],
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![Object::Integer(49), Object::Name(b"uni4E00".to_vec())],
            },
        };
        let f = with_ctx(&doc, |ctx| Font::load(ctx, &font));
        let mut out = Vec::new();
        f.decode(b"01 A", &mut out);
        let text: String = out.iter().filter_map(|c| c.text.clone()).collect();
        assert_eq!(text, "0一 A");
        assert!((out[0].width - 0.556).abs() < 1e-6);
        assert!(out[2].word_space);
    }
}
