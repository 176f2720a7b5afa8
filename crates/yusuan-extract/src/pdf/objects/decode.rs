//! The one bounded stream decoder: every filter chain a PDF stream can carry, each stage
//! stopped at the limit, so that no stream can inflate past `Limits::max_part_bytes` however
//! its filters and parameters are arranged.
//!
//! Filters: `FlateDecode` and `LZWDecode` (with the TIFF and PNG predictors of their
//! `DecodeParms`), `ASCII85Decode`, `ASCIIHexDecode` and `RunLengthDecode`, with their short
//! names. Image codecs (`DCTDecode`, `JPXDecode`, `CCITTFaxDecode`, `JBIG2Decode`) end the chain:
//! their data is left as it is, since the reader only needs to know an image is there.
//!
//! [`preflight`] applies the same decoder, before lopdf parses anything, to the streams lopdf
//! decompresses on its own while loading (object streams and cross-reference streams).

use std::io::Read;

/// Why a chain could not be decoded in full.
#[derive(Debug, PartialEq)]
pub(crate) enum DecodeError {
    /// A stage would produce more than the limit.
    Limit(u64),
    /// The data is damaged; `partial` holds what came before the damage.
    Damaged {
        /// The bytes decoded before the damage.
        partial: Vec<u8>,
        /// What went wrong.
        message: String,
    },
}

/// The predictor parameters of a Flate or LZW stage (`DecodeParms`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Predictor {
    /// 1 none, 2 TIFF, 10–15 PNG.
    pub predictor: i64,
    /// Colour components per sample.
    pub colors: i64,
    /// Bits per component.
    pub bits: i64,
    /// Samples per row.
    pub columns: i64,
    /// LZW only: code width grows one code early (the default, 1).
    pub early_change: i64,
}

impl Default for Predictor {
    fn default() -> Self {
        Predictor {
            predictor: 1,
            colors: 1,
            bits: 8,
            columns: 1,
            early_change: 1,
        }
    }
}

/// One filter of a chain.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filter {
    /// zlib/deflate, then a predictor.
    Flate(Predictor),
    /// LZW, then a predictor.
    Lzw(Predictor),
    /// ASCII base-85.
    Ascii85,
    /// Hexadecimal.
    AsciiHex,
    /// PackBits run lengths.
    RunLength,
    /// An image codec or an unknown filter: the chain stops here, data left encoded.
    Stop,
}

impl Filter {
    /// The filter a `/Filter` name stands for.
    pub(crate) fn from_name(name: &[u8], params: Predictor) -> Filter {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate(params),
            b"LZWDecode" | b"LZW" => Filter::Lzw(params),
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            _ => Filter::Stop,
        }
    }
}

/// Decode `data` through `filters` in order, no stage producing more than `max` bytes.
pub(crate) fn decode(data: &[u8], filters: &[Filter], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut cur = data.to_vec();
    for f in filters {
        cur = match f {
            Filter::Flate(p) => predict(inflate(&cur, max)?, p),
            Filter::Lzw(p) => predict(lzw(&cur, p.early_change != 0, max)?, p),
            Filter::Ascii85 => ascii85(&cur, max)?,
            Filter::AsciiHex => ascii_hex(&cur, max)?,
            Filter::RunLength => run_length(&cur, max)?,
            Filter::Stop => break,
        };
    }
    Ok(cur)
}

fn over(len: usize, max: u64) -> bool {
    len as u64 > max
}

/// zlib (or raw deflate, which some producers write), at most `max` bytes.
fn inflate(data: &[u8], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity((data.len() * 4).min(16 << 20).min(max as usize));
    let res = flate2::read::ZlibDecoder::new(data)
        .take(max + 1)
        .read_to_end(&mut out);
    if over(out.len(), max) {
        return Err(DecodeError::Limit(max));
    }
    match res {
        Ok(_) => Ok(out),
        Err(e) => {
            if out.is_empty() {
                let mut raw = Vec::new();
                let ok = flate2::read::DeflateDecoder::new(data)
                    .take(max + 1)
                    .read_to_end(&mut raw)
                    .is_ok();
                if over(raw.len(), max) {
                    return Err(DecodeError::Limit(max));
                }
                if ok {
                    return Ok(raw);
                }
                out = raw;
            }
            Err(DecodeError::Damaged {
                partial: out,
                message: format!("cannot inflate stream: {e}"),
            })
        }
    }
}

/// LZW as PDF writes it (MSB first, 9–12-bit codes, 256 clear, 257 end).
fn lzw(data: &[u8], early: bool, max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out: Vec<u8> = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    table.push(Vec::new());
    table.push(Vec::new());
    let mut width = 9u32;
    let mut prev: Option<usize> = None;
    let (mut acc, mut nbits) = (0u32, 0u32);
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        nbits += 8;
        while nbits >= width {
            let code = ((acc >> (nbits - width)) & ((1 << width) - 1)) as usize;
            nbits -= width;
            match code {
                256 => {
                    table.truncate(258);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let entry = if code < table.len() {
                table[code].clone()
            } else if let (Some(p), true) = (prev, code == table.len()) {
                let mut e = table[p].clone();
                e.push(table[p][0]);
                e
            } else {
                return Err(DecodeError::Damaged {
                    partial: out,
                    message: format!("bad LZW code {code}"),
                });
            };
            out.extend_from_slice(&entry);
            if over(out.len(), max) {
                return Err(DecodeError::Limit(max));
            }
            if let Some(p) = prev {
                if table.len() < 4096 {
                    let mut e = table[p].clone();
                    e.push(entry[0]);
                    table.push(e);
                }
            }
            prev = Some(code);
            let next = table.len() + usize::from(early);
            width = match next {
                n if n >= 2048 => 12,
                n if n >= 1024 => 11,
                n if n >= 512 => 10,
                _ => 9,
            };
        }
    }
    Ok(out)
}

/// Undo a TIFF or PNG predictor. The output is never longer than the input.
fn predict(data: Vec<u8>, p: &Predictor) -> Vec<u8> {
    let bpp = ((p.colors.clamp(1, 32) * p.bits.clamp(1, 16) + 7) / 8) as usize;
    let row = ((p.colors.clamp(1, 32) * p.bits.clamp(1, 16) * p.columns.clamp(1, 1 << 20) + 7) / 8)
        as usize;
    match p.predictor {
        2 if p.bits == 8 => {
            let mut out = data;
            for line in out.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
            out
        }
        10..=15 => {
            let mut out = Vec::with_capacity(data.len());
            let mut up = vec![0u8; row];
            for chunk in data.chunks(row + 1) {
                let (kind, line) = (chunk[0], &chunk[1..]);
                let mut cur = line.to_vec();
                for i in 0..cur.len() {
                    let a = if i >= bpp { cur[i - bpp] } else { 0 };
                    let b = up.get(i).copied().unwrap_or(0);
                    let c = if i >= bpp {
                        up.get(i - bpp).copied().unwrap_or(0)
                    } else {
                        0
                    };
                    cur[i] = cur[i].wrapping_add(match kind {
                        1 => a,
                        2 => b,
                        3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                        4 => paeth(a, b, c),
                        _ => 0,
                    });
                }
                out.extend_from_slice(&cur);
                up = cur;
                up.resize(row, 0);
            }
            out
        }
        _ => data,
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii85(data: &[u8], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0;
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            c if c.is_ascii_whitespace() => {}
            _ => {
                return Err(DecodeError::Damaged {
                    partial: out,
                    message: format!("bad ASCII85 character {c:#04x}"),
                })
            }
        }
        if over(out.len(), max) {
            return Err(DecodeError::Limit(max));
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    Ok(out)
}

fn ascii_hex(data: &[u8], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(v) = (c as char).to_digit(16) else {
            continue;
        };
        match high.take() {
            Some(h) => out.push((h << 4) | v as u8),
            None => high = Some(v as u8),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    if over(out.len(), max) {
        return Err(DecodeError::Limit(max));
    }
    Ok(out)
}

fn run_length(data: &[u8], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let end = (i + 1 + n).min(data.len());
                out.extend_from_slice(&data[i + 1..end]);
                i += 1 + n;
            }
            _ => {
                let n = 257 - usize::from(len);
                let Some(&b) = data.get(i + 1) else { break };
                out.resize(out.len() + n, b);
                i += 2;
            }
        }
        if over(out.len(), max) {
            return Err(DecodeError::Limit(max));
        }
    }
    Ok(out)
}

/// Check, before lopdf loads the file, that every object stream and cross-reference stream
/// (which lopdf decompresses itself, without limits) decodes within `max` bytes. Returns the
/// size found over the limit, if any. The dictionaries are read from the raw bytes: the filter
/// names after `/Filter`, the data between `stream` and `endstream`.
pub(crate) fn preflight(bytes: &[u8], max: u64) -> Option<&'static str> {
    for (marker, what) in [
        (&b"/ObjStm"[..], "an object stream"),
        (&b"/XRef"[..], "a cross-reference stream"),
    ] {
        let mut from = 0;
        while let Some(at) = find(&bytes[from..], marker).map(|p| p + from) {
            from = at + marker.len();
            let Some(kw) = find(&bytes[from..], b"stream").map(|p| p + from) else {
                break;
            };
            let dict_start = rfind(&bytes[..at], b"obj").unwrap_or(0);
            let filters = filters_in(&bytes[dict_start..kw]);
            let mut start = kw + b"stream".len();
            if bytes.get(start) == Some(&b'\r') {
                start += 1;
            }
            if bytes.get(start) == Some(&b'\n') {
                start += 1;
            }
            let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |p| p + start);
            if let Err(DecodeError::Limit(_)) = decode(&bytes[start..end], &filters, max) {
                return Some(what);
            }
            from = end;
        }
    }
    None
}

/// The filters a raw dictionary names after `/Filter` (one name or an array of names).
fn filters_in(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = &dict[at + b"/Filter".len()..];
    let rest = rest.trim_ascii_start();
    let list: &[u8] = if rest.first() == Some(&b'[') {
        let end = rest.iter().position(|&c| c == b']').unwrap_or(rest.len());
        &rest[1..end]
    } else {
        let end = rest
            .iter()
            .skip(1)
            .position(|&c| c == b'/' || c == b'>' || c.is_ascii_whitespace())
            .map_or(rest.len(), |p| p + 1);
        &rest[..end]
    };
    list.split(|&c| c == b'/' || c.is_ascii_whitespace())
        .filter(|n| !n.is_empty())
        .map(|n| Filter::from_name(n, Predictor::default()))
        .collect()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn flate_keeps_partial_data_and_stops_a_bomb() {
        let text = b"BT /F1 12 Tf (hello) Tj ET ".repeat(200);
        let z = zlib(&text);
        let flate = [Filter::Flate(Predictor::default())];
        assert_eq!(decode(&z, &flate, 1 << 20).unwrap(), text);
        match decode(&z[..z.len() / 2], &flate, 1 << 20) {
            Err(DecodeError::Damaged { partial, .. }) => {
                assert!(!partial.is_empty() && text.starts_with(&partial))
            }
            other => panic!("expected damage, got {other:?}"),
        }
        assert_eq!(decode(&z, &flate, 100), Err(DecodeError::Limit(100)));
        // A predictor in DecodeParms does not lift the limit.
        let png = Predictor {
            predictor: 12,
            columns: 4,
            ..Predictor::default()
        };
        assert_eq!(
            decode(&z, &[Filter::Flate(png)], 100),
            Err(DecodeError::Limit(100))
        );
    }

    #[test]
    fn png_up_predictor() {
        // Two rows of 3 bytes, the second with filter 2 (Up).
        let raw = [0u8, 1, 2, 3, 2, 1, 1, 1];
        let p = Predictor {
            predictor: 12,
            columns: 3,
            ..Predictor::default()
        };
        assert_eq!(predict(raw.to_vec(), &p), vec![1, 2, 3, 2, 3, 4]);
    }

    #[test]
    fn ascii_filters_and_run_length() {
        assert_eq!(
            decode(b"68656c6c6f>", &[Filter::AsciiHex], 100).unwrap(),
            b"hello"
        );
        assert_eq!(
            decode(b"BOu!rDZ~>", &[Filter::Ascii85], 100).unwrap(),
            b"hello"
        );
        assert_eq!(
            decode(
                &[2, b'a', b'b', b'c', 254, b'x', 128],
                &[Filter::RunLength],
                100
            )
            .unwrap(),
            b"abcxxx"
        );
        // 129 repeats 128 times: a run-length bomb stops at the limit.
        let bomb: Vec<u8> = [129u8, b'x'].repeat(1000);
        assert_eq!(
            decode(&bomb, &[Filter::RunLength], 1000),
            Err(DecodeError::Limit(1000))
        );
    }

    #[test]
    fn lzw_round_trip_of_the_spec_example() {
        // PDF 32000-1 §7.4.4.2: "-----A---B" encodes as 80 0B 60 50 22 0C 0C 85 01.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            decode(&data, &[Filter::Lzw(Predictor::default())], 100).unwrap(),
            b"-----A---B"
        );
    }

    #[test]
    fn preflight_finds_an_object_stream_bomb() {
        let z = zlib(&vec![b' '; 1 << 20]);
        let mut pdf =
            b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
                .to_vec();
        pdf.extend_from_slice(format!("{} >>\nstream\n", z.len()).as_bytes());
        pdf.extend_from_slice(&z);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert_eq!(preflight(&pdf, 1 << 16), Some("an object stream"));
        assert_eq!(preflight(&pdf, 1 << 21), None);
    }
}
