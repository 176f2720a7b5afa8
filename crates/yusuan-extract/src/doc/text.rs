//! From the characters of the document text to the text a reader sees.
//!
//! Fields are `\x13 code \x14 result \x15` and nest: only results are kept (a `PAGE` or
//! `HYPERLINK "…"` code is dropped, its shown text stays). A vertical tab `\x0b` (line break),
//! page break `\x0c` and column break `\x0e` become `\n`; a non-breaking hyphen `\x1e` becomes
//! `-`; other control characters — picture and object anchors `\x01`/`\x08`, footnote and
//! comment references `\x02`/`\x05`, the optional hyphen `\x1f` — are dropped. Paragraph,
//! cell and section marks are not seen here: the caller splits the text at them.

/// Feeds characters through the field filter and the control-character mapping.
#[derive(Debug, Default)]
pub(super) struct Cleaner {
    /// One entry per open field: `true` while in its code, `false` once in its result.
    fields: Vec<bool>,
    /// How many open fields are in their code part.
    in_code: usize,
}

impl Cleaner {
    /// Feed one UTF-16 code unit; what it shows, if anything, is appended to `out`.
    pub(super) fn push(&mut self, unit: u16, out: &mut Vec<u16>) {
        match unit {
            0x13 => {
                self.fields.push(true);
                self.in_code += 1;
                return;
            }
            0x14 => {
                if let Some(top) = self.fields.last_mut() {
                    if *top {
                        *top = false;
                        self.in_code -= 1;
                    }
                }
                return;
            }
            0x15 => {
                if self.fields.pop() == Some(true) {
                    self.in_code -= 1;
                }
                return;
            }
            _ => {}
        }
        if self.in_code > 0 {
            return;
        }
        let shown = match unit {
            0x09 => 0x09,
            0x0B | 0x0C | 0x0E => u16::from(b'\n'),
            0x1E => u16::from(b'-'),
            0x00..=0x1F | 0x7F => return,
            other => other,
        };
        out.push(shown);
    }
}

/// UTF-16 code units to a string; unpaired surrogates become U+FFFD.
pub(super) fn decode(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        let mut c = Cleaner::default();
        let mut out = Vec::new();
        for u in s.encode_utf16() {
            c.push(u, &mut out);
        }
        decode(&out)
    }

    #[test]
    fn fields_keep_their_results() {
        assert_eq!(clean("第\x13 PAGE \x143\x15页"), "第3页");
        assert_eq!(
            clean("\x13 HYPERLINK \"x\" \x14见\x13 REF a \x14表1\x15\x15。"),
            "见表1。"
        );
        assert_eq!(clean("a\x13 IF \x13 b \x15 c \x14d\x15"), "ad");
        assert_eq!(clean("\x15\x14x\x13 code only"), "x");
    }

    #[test]
    fn control_characters() {
        assert_eq!(clean("a\x0bb\tc\x01\x08\x02d\x1ee\x1f"), "a\nb\tcd-e");
    }
}
