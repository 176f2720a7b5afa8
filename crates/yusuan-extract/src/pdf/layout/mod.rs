//! Glyphs → words → lines ([`lines`]). Uses `fonts` and `interpret`.

pub(crate) mod lines;
