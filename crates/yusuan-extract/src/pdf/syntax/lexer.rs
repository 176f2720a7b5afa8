//! A tolerant tokenizer for PDF content streams (and CMap programs).
//!
//! [`Lexer::next_op`] yields one operator at a time together with the operands that precede it.
//! It never fails: bytes it cannot make sense of are skipped, unbalanced delimiters are dropped,
//! and inline image data (`BI … ID … EI`) is stepped over. Arrays nest only as deep as the
//! bound given to [`Lexer::new`]. Hand-written rather than lopdf's `Content::decode` so that one
//! bad byte does not lose a whole page, and because it is several times faster.

use std::borrow::Cow;

/// One operand of a content-stream operator. Names and literal strings without escapes borrow
/// the lexer's buffer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    /// An integer or real number.
    Num(f32),
    /// A name, without the leading slash, `#xx` escapes resolved.
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string, escapes resolved.
    Str(Cow<'a, [u8]>),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// A dictionary, booleans, `null`: kept only as a placeholder.
    Other,
}

impl Operand<'_> {
    /// The number, if this is one.
    pub(crate) fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// Tokenizer state over one buffer.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_depth: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A token: an operand, an operator keyword, or a structural mark.
enum Tok<'a> {
    Operand(Operand<'a>),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
    Eof,
}

impl<'a> Lexer<'a> {
    /// A lexer over `data`; arrays and dictionaries nest at most `max_depth` deep.
    pub(crate) fn new(data: &'a [u8], max_depth: usize) -> Self {
        Lexer {
            data,
            pos: 0,
            max_depth: max_depth.max(1),
        }
    }

    /// The next operator, with its operands collected into `operands` (cleared first).
    /// Returns `None` at the end of the data.
    pub(crate) fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.token(0) {
                Tok::Eof => return None,
                Tok::Operand(o) => {
                    // Bound runaway operand lists (garbage data): keep the most recent ones.
                    if operands.len() >= 64 {
                        operands.remove(0);
                    }
                    operands.push(o);
                }
                Tok::Keyword(k) => match k {
                    b"true" | b"false" | b"null" => operands.push(Operand::Other),
                    b"BI" => {
                        self.skip_inline_image();
                        operands.clear();
                        return Some(b"BI");
                    }
                    _ => return Some(k),
                },
                Tok::ArrayEnd | Tok::DictEnd => {}
            }
        }
    }

    /// The next keyword or operand as raw tokens, for CMap programs: returns keywords and
    /// operands in sequence. `None` at the end.
    pub(crate) fn next_token(&mut self) -> Option<CmapToken<'a>> {
        loop {
            match self.token(0) {
                Tok::Eof => return None,
                Tok::Operand(o) => return Some(CmapToken::Operand(o)),
                Tok::Keyword(k) => return Some(CmapToken::Keyword(k)),
                Tok::ArrayEnd | Tok::DictEnd => {}
            }
        }
    }

    fn skip_white(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\r' | b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Tok<'a> {
        loop {
            if let Some(t) = self.token_once(depth) {
                return t;
            }
        }
    }

    /// One token, or `None` when a stray byte was skipped.
    fn token_once(&mut self, depth: usize) -> Option<Tok<'a>> {
        self.skip_white();
        let Some(&b) = self.data.get(self.pos) else {
            return Some(Tok::Eof);
        };
        Some(match b {
            b'/' => {
                self.pos += 1;
                Tok::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Tok::Operand(Operand::Str(self.literal()))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.skip_dict(depth);
                    Tok::Operand(Operand::Other)
                } else {
                    self.pos += 1;
                    Tok::Operand(Operand::Str(Cow::Owned(self.hex())))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                    Tok::DictEnd
                } else {
                    return None;
                }
            }
            b'[' => {
                self.pos += 1;
                Tok::Operand(self.array(depth + 1))
            }
            b']' => {
                self.pos += 1;
                Tok::ArrayEnd
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                return None;
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = self.pos;
                while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
                    self.pos += 1;
                }
                match parse_number(&self.data[start..self.pos]) {
                    Some(n) => Tok::Operand(Operand::Num(n)),
                    None => Tok::Keyword(&self.data[start..self.pos]),
                }
            }
            _ => {
                let start = self.pos;
                while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                    return None;
                }
                Tok::Keyword(&self.data[start..self.pos])
            }
        })
    }

    /// A name: borrowed unless it has `#xx` escapes.
    fn name(&mut self) -> Cow<'a, [u8]> {
        let data = self.data;
        let start = self.pos;
        let end = data[start..]
            .iter()
            .position(|&b| !is_regular(b) || b == b'#')
            .map_or(data.len(), |p| p + start);
        if data.get(end) != Some(&b'#') {
            self.pos = end;
            return Cow::Borrowed(&data[start..end]);
        }
        Cow::Owned(self.escaped_name())
    }

    fn escaped_name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
            let b = self.data[self.pos];
            if b == b'#' {
                let h = self.data.get(self.pos + 1).copied().and_then(hex_val);
                let l = self.data.get(self.pos + 2).copied().and_then(hex_val);
                if let (Some(h), Some(l)) = (h, l) {
                    out.push(h * 16 + l);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(b);
            self.pos += 1;
        }
        out
    }

    /// A literal string (after its `(`): borrowed unless it has escapes.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        let data = self.data;
        let start = self.pos;
        let mut nest = 0usize;
        for (i, &b) in data.iter().enumerate().skip(start) {
            match b {
                b'\\' => return Cow::Owned(self.escaped_literal()),
                b'(' => nest += 1,
                b')' if nest == 0 => {
                    self.pos = i + 1;
                    return Cow::Borrowed(&data[start..i]);
                }
                b')' => nest -= 1,
                _ => {}
            }
        }
        self.pos = data.len();
        Cow::Borrowed(&data[start..])
    }

    fn escaped_literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut nest = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    nest += 1;
                    out.push(b);
                }
                b')' => {
                    if nest == 0 {
                        return out;
                    }
                    nest -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        return out;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_val(b) {
                match hi.take() {
                    Some(h) => out.push(h * 16 + v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h * 16);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        loop {
            if depth > self.max_depth {
                // Too deep: skip to the matching bracket without building anything.
                self.skip_nested(b'[', b']');
                return Operand::Other;
            }
            match self.token(depth) {
                Tok::Eof | Tok::ArrayEnd => return Operand::Array(items),
                Tok::Operand(o) => items.push(o),
                Tok::Keyword(k) => {
                    if matches!(k, b"true" | b"false" | b"null") {
                        items.push(Operand::Other);
                    } else {
                        // An operator inside an array: the array was never closed.
                        self.pos -= k.len();
                        return Operand::Array(items);
                    }
                }
                Tok::DictEnd => {}
            }
        }
    }

    fn skip_dict(&mut self, depth: usize) {
        if depth + 1 > self.max_depth {
            self.skip_nested(b'<', b'>');
            return;
        }
        loop {
            match self.token(depth + 1) {
                Tok::Eof | Tok::DictEnd => return,
                Tok::Keyword(k) if !matches!(k, b"true" | b"false" | b"null") => {
                    self.pos -= k.len();
                    return;
                }
                _ => {}
            }
        }
    }

    /// Skip forward to the bracket closing the current level, ignoring strings' contents roughly.
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == open {
                level += 1;
            } else if b == close {
                level -= 1;
                if level == 0 {
                    return;
                }
            }
        }
    }

    /// After `BI`: skip the image dictionary, `ID`, the data and `EI`.
    fn skip_inline_image(&mut self) {
        // Find the ID keyword.
        loop {
            match self.token(1) {
                Tok::Eof => return,
                Tok::Keyword(b"ID") => break,
                Tok::Keyword(b"EI") => return,
                _ => {}
            }
        }
        // One whitespace byte follows ID, then binary data up to whitespace EI whitespace.
        self.pos += 1;
        while self.pos + 2 <= self.data.len() {
            let d = self.data;
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && (self.pos + 2 == d.len()
                    || is_white(d[self.pos + 2])
                    || is_delim(d[self.pos + 2]))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

/// A token of a CMap program.
pub(crate) enum CmapToken<'a> {
    /// An operand.
    Operand(Operand<'a>),
    /// A keyword (`begincodespacerange`, `def` …).
    Keyword(&'a [u8]),
}

/// Parse a PDF number (`12`, `-3.5`, `.5`, `4.`); tolerant of doubled signs.
pub(crate) fn parse_number(s: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut neg = false;
    while i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        if s[i] == b'-' {
            neg = !neg;
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale = 1.0f64;
    let mut seen_digit = false;
    let mut seen_dot = false;
    for &b in &s[i..] {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                if seen_dot {
                    scale /= 10.0;
                    frac += f64::from(b - b'0') * scale;
                } else {
                    int = int * 10.0 + f64::from(b - b'0');
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !seen_digit {
        return if seen_dot || i > 0 { Some(0.0) } else { None };
    }
    let v = (int + frac) as f32;
    let v = if neg { -v } else { v };
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(src, 8);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn lexes_text_operators() {
        let v = ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(a\\)b) -120 <4E2D>] TJ ET");
        assert_eq!(v[0].0, "BT");
        assert_eq!(
            v[1],
            (
                "Tf".into(),
                vec![Operand::Name(b"F1"[..].into()), Operand::Num(12.0)]
            )
        );
        assert_eq!(v[2].1[5], Operand::Num(-0.5));
        assert_eq!(
            v[3].1[0],
            Operand::Array(vec![
                Operand::Str(b"a)b"[..].into()),
                Operand::Num(-120.0),
                Operand::Str(vec![0x4e, 0x2d].into())
            ])
        );
    }

    #[test]
    fn skips_inline_images_and_dicts() {
        let v = ops(b"q BI /W 2 /H 1 ID \x00EI\xff EI Q /P <</MCID 3>> BDC EMC");
        let names: Vec<_> = v.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q", "BDC", "EMC"]);
    }

    #[test]
    fn survives_garbage() {
        let v = ops(b") ] >> [[[[[[[[[[[[ 1 2 ( unterminated");
        assert!(v.is_empty());
        assert_eq!(parse_number(b"--5"), Some(5.0));
        assert_eq!(parse_number(b"4."), Some(4.0));
        assert_eq!(parse_number(b"1.2.3"), None);
    }
}
