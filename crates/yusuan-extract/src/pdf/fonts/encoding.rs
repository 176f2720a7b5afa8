//! Simple-font encodings: the standard base encodings and glyph names → Unicode.
//!
//! [`base_encoding`] gives the 256 code → text table of `WinAnsiEncoding`, `MacRomanEncoding`
//! or `StandardEncoding`; `/Differences` then replace entries by glyph name, resolved by
//! [`glyph_name_to_unicode`] (`uniXXXX`, `uXXXX[XX]`, the Adobe Glyph List names that
//! Western and Chinese documents actually use, `name.suffix` and `a_b` ligature names).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The glyph names of WinAnsiEncoding from 0x20; `""` where the code is undefined.
const WIN_ANSI_NAMES: [&str; 224] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "bullet", // 0x7F
    "Euro",
    "",
    "quotesinglbase",
    "florin",
    "quotedblbase",
    "ellipsis",
    "dagger",
    "daggerdbl",
    "circumflex",
    "perthousand",
    "Scaron",
    "guilsinglleft",
    "OE",
    "",
    "Zcaron",
    "",
    "",
    "quoteleft",
    "quoteright",
    "quotedblleft",
    "quotedblright",
    "bullet",
    "endash",
    "emdash",
    "tilde",
    "trademark",
    "scaron",
    "guilsinglright",
    "oe",
    "",
    "zcaron",
    "Ydieresis",
    "space",
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "hyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// StandardEncoding where it differs from ASCII: `(code, glyph name)`.
const STANDARD_UPPER: &[(u8, &str)] = &[
    (0x27, "quoteright"),
    (0x60, "quoteleft"),
    (0xA1, "exclamdown"),
    (0xA2, "cent"),
    (0xA3, "sterling"),
    (0xA4, "fraction"),
    (0xA5, "yen"),
    (0xA6, "florin"),
    (0xA7, "section"),
    (0xA8, "currency"),
    (0xA9, "quotesingle"),
    (0xAA, "quotedblleft"),
    (0xAB, "guillemotleft"),
    (0xAC, "guilsinglleft"),
    (0xAD, "guilsinglright"),
    (0xAE, "fi"),
    (0xAF, "fl"),
    (0xB1, "endash"),
    (0xB2, "dagger"),
    (0xB3, "daggerdbl"),
    (0xB4, "periodcentered"),
    (0xB6, "paragraph"),
    (0xB7, "bullet"),
    (0xB8, "quotesinglbase"),
    (0xB9, "quotedblbase"),
    (0xBA, "quotedblright"),
    (0xBB, "guillemotright"),
    (0xBC, "ellipsis"),
    (0xBD, "perthousand"),
    (0xBF, "questiondown"),
    (0xC1, "grave"),
    (0xC2, "acute"),
    (0xC3, "circumflex"),
    (0xC4, "tilde"),
    (0xC5, "macron"),
    (0xC6, "breve"),
    (0xC7, "dotaccent"),
    (0xC8, "dieresis"),
    (0xCA, "ring"),
    (0xCB, "cedilla"),
    (0xCD, "hungarumlaut"),
    (0xCE, "ogonek"),
    (0xCF, "caron"),
    (0xD0, "emdash"),
    (0xE1, "AE"),
    (0xE3, "ordfeminine"),
    (0xE8, "Lslash"),
    (0xE9, "Oslash"),
    (0xEA, "OE"),
    (0xEB, "ordmasculine"),
    (0xF1, "ae"),
    (0xF5, "dotlessi"),
    (0xF8, "lslash"),
    (0xF9, "oslash"),
    (0xFA, "oe"),
    (0xFB, "germandbls"),
];

/// Names outside WinAnsi that documents use, with their Unicode text.
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("fraction", "⁄"),
    ("Lslash", "Ł"),
    ("lslash", "ł"),
    ("dotlessi", "ı"),
    ("breve", "˘"),
    ("dotaccent", "˙"),
    ("ring", "˚"),
    ("hungarumlaut", "˝"),
    ("ogonek", "˛"),
    ("caron", "ˇ"),
    ("minus", "−"),
    ("nbspace", "\u{a0}"),
    ("nonbreakingspace", "\u{a0}"),
    ("sfthyphen", "\u{ad}"),
    ("periodcentered", "·"),
    ("middot", "·"),
    ("Omega", "Ω"),
    ("Delta", "Δ"),
    ("mu1", "µ"),
    ("approxequal", "≈"),
    ("notequal", "≠"),
    ("lessequal", "≤"),
    ("greaterequal", "≥"),
    ("infinity", "∞"),
    ("summation", "∑"),
    ("radical", "√"),
    ("percent", "%"),
    ("perthousand", "‰"),
    ("arrowright", "→"),
    ("arrowleft", "←"),
    ("arrowup", "↑"),
    ("arrowdown", "↓"),
    ("checkmark", "✓"),
    ("circle", "○"),
    ("filledbox", "■"),
    ("H22073", "□"),
    ("triagup", "▲"),
    ("lozenge", "◊"),
    ("afii61289", "ℓ"),
    ("afii00208", "―"),
    ("figuredash", "‒"),
    ("quotereversed", "‛"),
    ("onethird", "⅓"),
    ("twothirds", "⅔"),
    ("Euro", "€"),
];

fn name_table() -> &'static HashMap<&'static str, String> {
    static TABLE: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, name) in WIN_ANSI_NAMES.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let code = 0x20 + i as u8;
            let text = if code == 0x7F {
                "•".to_string()
            } else {
                cp1252(code)
            };
            m.entry(*name).or_insert(text);
        }
        for (name, text) in EXTRA_NAMES {
            m.entry(*name).or_insert_with(|| text.to_string());
        }
        m
    })
}

fn cp1252(code: u8) -> String {
    let buf = [code];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&buf);
    text.into_owned()
}

fn hex_scalar(s: &str) -> Option<char> {
    u32::from_str_radix(s, 16).ok().and_then(char::from_u32)
}

/// The Unicode text of a glyph name, if known.
pub(crate) fn glyph_name_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    // Suffixes: `a.sc`, `one.oldstyle`.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if let Some(t) = name_table().get(base) {
        return Some(t.clone());
    }
    if base.contains('_') {
        let parts: Option<String> = base
            .split('_')
            .map(|p| glyph_name_to_unicode(p.as_bytes()))
            .collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            return Some(String::from_utf16_lossy(&units));
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return hex_scalar(hex).map(String::from);
        }
    }
    None
}

/// A standard base encoding for simple fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    /// `StandardEncoding` (the Type 1 default).
    Standard,
    /// `WinAnsiEncoding` (Windows code page 1252).
    WinAnsi,
    /// `MacRomanEncoding`.
    MacRoman,
}

impl BaseEncoding {
    /// Recognise an encoding name.
    pub(crate) fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }
}

/// The 256-entry code → text table of a base encoding (`None` where undefined).
pub(crate) fn base_encoding(enc: BaseEncoding) -> Vec<Option<String>> {
    let mut table: Vec<Option<String>> = vec![None; 256];
    match enc {
        BaseEncoding::WinAnsi => {
            for (code, slot) in table.iter_mut().enumerate().skip(0x20) {
                let name = WIN_ANSI_NAMES[code - 0x20];
                if !name.is_empty() {
                    *slot = Some(if code == 0x7F {
                        "•".to_string()
                    } else {
                        cp1252(code as u8)
                    });
                }
            }
        }
        BaseEncoding::MacRoman => {
            for (code, slot) in table.iter_mut().enumerate().skip(0x20) {
                let buf = [code as u8];
                let (text, _, _) = encoding_rs::MACINTOSH.decode(&buf);
                if code != 0x7F {
                    *slot = Some(text.into_owned());
                }
            }
        }
        BaseEncoding::Standard => {
            for (code, slot) in table.iter_mut().enumerate().take(0x7F).skip(0x20) {
                *slot = Some((code as u8 as char).to_string());
            }
            for (code, name) in STANDARD_UPPER {
                table[*code as usize] = glyph_name_to_unicode(name.as_bytes());
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_unicode(b"uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name_to_unicode(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_unicode(b"zero").as_deref(), Some("0"));
        assert_eq!(glyph_name_to_unicode(b"comma").as_deref(), Some(","));
        assert_eq!(glyph_name_to_unicode(b"eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_unicode(b"one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_name_to_unicode(b"f_i").as_deref(), Some("fi"));
        assert_eq!(
            glyph_name_to_unicode(b"quotedblright").as_deref(),
            Some("\u{201d}")
        );
        assert_eq!(glyph_name_to_unicode(b"g123"), None);
    }

    #[test]
    fn base_encodings() {
        let w = base_encoding(BaseEncoding::WinAnsi);
        assert_eq!(w[0x41].as_deref(), Some("A"));
        assert_eq!(w[0x80].as_deref(), Some("€"));
        assert_eq!(w[0x96].as_deref(), Some("–"));
        let s = base_encoding(BaseEncoding::Standard);
        assert_eq!(s[0x27].as_deref(), Some("\u{2019}"));
        assert_eq!(s[0xAE].as_deref(), Some("fi"));
    }
}
