//! Helpers over lopdf's object graph: bounded dereferencing, typed look-ups, and stream
//! decoding that obeys [`Limits`] and keeps what it can of a damaged stream.

use std::cell::Cell;
use std::io::Read;

use lopdf::{Dictionary, Object, Stream};

use crate::Limits;

/// How many references a look-up follows before giving up (reference loops).
const MAX_DEREF: usize = 16;

/// The document being read, with the limits and the running decompression budget.
pub struct Ctx<'a> {
    /// The parsed file.
    pub doc: &'a lopdf::Document,
    /// Reader limits.
    pub limits: &'a Limits,
    /// Bytes decompressed so far, over the whole document.
    pub inflated: Cell<u64>,
}

/// Why a stream's data could not be had in full.
#[derive(Debug)]
pub enum StreamError {
    /// Decompressing it would pass a limit.
    Limit(String),
    /// It is damaged; `partial` holds what could be decoded.
    Damaged {
        /// The bytes decoded before the damage.
        partial: Vec<u8>,
        /// What went wrong.
        message: String,
    },
}

impl<'a> Ctx<'a> {
    /// A context over a loaded document.
    pub fn new(doc: &'a lopdf::Document, limits: &'a Limits) -> Self {
        Ctx {
            doc,
            limits,
            inflated: Cell::new(0),
        }
    }

    /// Follow references to the object itself.
    pub fn deref<'b>(&'b self, mut obj: &'b Object) -> Option<&'b Object>
    where
        'a: 'b,
    {
        for _ in 0..MAX_DEREF {
            match obj {
                Object::Reference(id) => obj = self.doc.objects.get(id)?,
                other => return Some(other),
            }
        }
        None
    }

    /// The dictionary an object is (or a stream's dictionary).
    pub fn dict<'b>(&'b self, obj: &'b Object) -> Option<&'b Dictionary>
    where
        'a: 'b,
    {
        match self.deref(obj)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// A dictionary entry, dereferenced.
    pub fn get<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Object>
    where
        'a: 'b,
    {
        self.deref(dict.get(key).ok()?)
    }

    /// A dictionary entry that is a dictionary (or a stream's dictionary).
    pub fn get_dict<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Dictionary>
    where
        'a: 'b,
    {
        self.dict(dict.get(key).ok()?)
    }

    /// A dictionary entry that is a number.
    pub fn get_num(&self, dict: &Dictionary, key: &[u8]) -> Option<f32> {
        num(self.get(dict, key)?)
    }

    /// A dictionary entry that is a name.
    pub fn get_name<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b [u8]>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// A dictionary entry that is an array.
    pub fn get_array<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b [Object]>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A dictionary entry that is a stream.
    pub fn get_stream<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Stream>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    /// A number array of exactly `n` entries.
    pub fn get_numbers(&self, dict: &Dictionary, key: &[u8], n: usize) -> Option<Vec<f32>> {
        let arr = self.get_array(dict, key)?;
        let v: Vec<f32> = arr
            .iter()
            .filter_map(|o| self.deref(o).and_then(num))
            .collect();
        (v.len() == n).then_some(v)
    }

    /// The decoded data of a stream, within the limits.
    pub fn stream_data(&self, stream: &Stream) -> Result<Vec<u8>, StreamError> {
        let max = self.limits.max_part_bytes;
        let filters: Vec<Vec<u8>> = match self.get(&stream.dict, b"Filter") {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n.clone()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|o| match self.deref(o) {
                    Some(Object::Name(n)) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            Some(_) => Vec::new(),
        };
        let has_params = self
            .get(&stream.dict, b"DecodeParms")
            .is_some_and(|p| !matches!(p, Object::Null));
        let result = match filters.as_slice() {
            [] => Ok(stream.content.clone()),
            [f] if (f == b"FlateDecode" || f == b"Fl") && !has_params => {
                inflate(&stream.content, max)
            }
            _ => match stream.decompressed_content() {
                Ok(d) => Ok(d),
                Err(e) => Err(StreamError::Damaged {
                    partial: Vec::new(),
                    message: e.to_string(),
                }),
            },
        };
        let data = match result {
            Ok(d) => d,
            Err(StreamError::Damaged { partial, message }) => {
                self.charge(partial.len())?;
                return Err(StreamError::Damaged { partial, message });
            }
            Err(e) => return Err(e),
        };
        if data.len() as u64 > max {
            return Err(StreamError::Limit(format!(
                "a stream inflates past the limit of {max} bytes per part"
            )));
        }
        self.charge(data.len())?;
        Ok(data)
    }

    fn charge(&self, n: usize) -> Result<(), StreamError> {
        let total = self.inflated.get().saturating_add(n as u64);
        self.inflated.set(total);
        if total > self.limits.max_document_bytes {
            return Err(StreamError::Limit(format!(
                "the document inflates past the limit of {} bytes",
                self.limits.max_document_bytes
            )));
        }
        Ok(())
    }
}

/// A number object as `f32`.
pub fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// Inflate zlib data, at most `max` bytes; a damaged stream yields what came before the damage.
fn inflate(data: &[u8], max: u64) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::with_capacity((data.len() * 4).min(16 << 20));
    let res = flate2::read::ZlibDecoder::new(data)
        .take(max + 1)
        .read_to_end(&mut out);
    match res {
        Ok(_) => Ok(out),
        Err(e) => {
            if out.is_empty() {
                // Some producers write raw deflate without the zlib header.
                let mut raw = Vec::new();
                if flate2::read::DeflateDecoder::new(data)
                    .take(max + 1)
                    .read_to_end(&mut raw)
                    .is_ok()
                {
                    return Ok(raw);
                }
                if !raw.is_empty() {
                    out = raw;
                }
            }
            Err(StreamError::Damaged {
                partial: out,
                message: format!("cannot inflate stream: {e}"),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn inflate_keeps_partial_data() {
        let text = b"BT /F1 12 Tf (hello) Tj ET ".repeat(200);
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&text).unwrap();
        let z = enc.finish().unwrap();
        assert_eq!(inflate(&z, 1 << 20).unwrap(), text);
        let cut = &z[..z.len() / 2];
        match inflate(cut, 1 << 20) {
            Err(StreamError::Damaged { partial, .. }) => {
                assert!(!partial.is_empty());
                assert!(text.starts_with(&partial));
            }
            other => panic!("expected damage, got {other:?}"),
        }
        // The limit stops a bomb.
        assert!(inflate(&z, 100).unwrap().len() == 101);
    }
}
