//! Character codes → text: [`font`] (codes, widths, decoding), [`cmap`] (ToUnicode and
//! predefined CJK CMaps), [`encoding`] (simple-font encodings, glyph names), [`truetype`]
//! (embedded `cmap` tables), [`unify`] (look-alike code points → unified ideographs).
//! Uses `syntax` and `objects`.

pub(crate) mod cmap;
pub(crate) mod encoding;
pub(crate) mod font;
pub(crate) mod truetype;
pub(crate) mod unify;
