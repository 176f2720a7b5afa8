//! Glyphs → words → lines ([`lines`]). Uses `fonts` and `interpret`.

pub(crate) mod lines;

/// The tolerances of grouping glyphs into words and lines, in one place. The reader uses
/// [`LayoutSettings::DEFAULT`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct LayoutSettings {
    /// Gap, in em, above which a line is cut into two words.
    pub word_gap_em: f32,
    /// Gap, in em, above which a space is put between two non-CJK characters of one word.
    pub space_gap_em: f32,
    /// Vertical-centre tolerance, in em, for glyphs of one line.
    pub line_tolerance_em: f32,
    /// A rule whose ends differ by less than this (points) across the writing direction can
    /// separate words.
    pub separator_skew: f32,
    /// A separating rule reaches this far (points) past its ends.
    pub separator_reach: f32,
    /// The same glyph again within this many em (along and across) is fake bold, kept once.
    pub fake_bold_em: f32,
}

impl LayoutSettings {
    /// The values the reader uses.
    pub(super) const DEFAULT: LayoutSettings = LayoutSettings {
        word_gap_em: 0.3,
        space_gap_em: 0.15,
        line_tolerance_em: 0.4,
        separator_skew: 0.5,
        separator_reach: 1.0,
        fake_bold_em: 0.25,
    };
}

impl Default for LayoutSettings {
    fn default() -> Self {
        Self::DEFAULT
    }
}
