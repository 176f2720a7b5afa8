//! Helpers over lopdf's object graph: bounded dereferencing, typed look-ups, and stream
//! decoding that obeys [`Limits`] and keeps what it can of a damaged stream.

use std::cell::Cell;

use lopdf::{Dictionary, Object, Stream};

use super::decode::{self, DecodeError, Filter, Predictor};

use crate::Limits;

/// How many references a look-up follows before giving up (reference loops).
const MAX_DEREF: usize = 16;

/// The document being read, with the limits and the running decompression budget.
pub(crate) struct Ctx<'a> {
    /// The parsed file.
    pub doc: &'a lopdf::Document,
    /// Reader limits.
    pub limits: &'a Limits,
    /// Bytes decompressed so far, over the whole document.
    pub inflated: Cell<u64>,
}

/// Why a stream's data could not be had in full.
#[derive(Debug)]
pub(crate) enum StreamError {
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
    pub(crate) fn new(doc: &'a lopdf::Document, limits: &'a Limits) -> Self {
        Ctx {
            doc,
            limits,
            inflated: Cell::new(0),
        }
    }

    /// Follow references to the object itself.
    pub(crate) fn deref<'b>(&'b self, mut obj: &'b Object) -> Option<&'b Object>
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
    pub(crate) fn dict<'b>(&'b self, obj: &'b Object) -> Option<&'b Dictionary>
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
    pub(crate) fn get<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Object>
    where
        'a: 'b,
    {
        self.deref(dict.get(key).ok()?)
    }

    /// A dictionary entry that is a dictionary (or a stream's dictionary).
    pub(crate) fn get_dict<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Dictionary>
    where
        'a: 'b,
    {
        self.dict(dict.get(key).ok()?)
    }

    /// A dictionary entry that is a number.
    pub(crate) fn get_num(&self, dict: &Dictionary, key: &[u8]) -> Option<f32> {
        num(self.get(dict, key)?)
    }

    /// A dictionary entry that is a name.
    pub(crate) fn get_name<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b [u8]>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// A dictionary entry that is an array.
    pub(crate) fn get_array<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b [Object]>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// A dictionary entry that is a stream.
    pub(crate) fn get_stream<'b>(&'b self, dict: &'b Dictionary, key: &[u8]) -> Option<&'b Stream>
    where
        'a: 'b,
    {
        match self.get(dict, key)? {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    /// A number array of exactly `n` entries.
    pub(crate) fn get_numbers(&self, dict: &Dictionary, key: &[u8], n: usize) -> Option<Vec<f32>> {
        let arr = self.get_array(dict, key)?;
        let v: Vec<f32> = arr
            .iter()
            .filter_map(|o| self.deref(o).and_then(num))
            .collect();
        (v.len() == n).then_some(v)
    }

    /// The decoded data of a stream, within the limits: its whole filter chain goes through
    /// the one bounded decoder ([`decode`](super::decode)).
    pub(crate) fn stream_data(&self, stream: &Stream) -> Result<Vec<u8>, StreamError> {
        let max = self.limits.max_part_bytes;
        let filters = self.filters(&stream.dict);
        let data = match decode::decode(&stream.content, &filters, max) {
            Ok(d) => d,
            Err(DecodeError::Limit(max)) => {
                return Err(StreamError::Limit(format!(
                    "a stream inflates past the limit of {max} bytes per part"
                )))
            }
            Err(DecodeError::Damaged { partial, message }) => {
                self.charge(partial.len())?;
                return Err(StreamError::Damaged { partial, message });
            }
        };
        self.charge(data.len())?;
        Ok(data)
    }

    /// A stream's filter chain with each filter's `DecodeParms`.
    fn filters(&self, dict: &Dictionary) -> Vec<Filter> {
        let names: Vec<Vec<u8>> = match self.get(dict, b"Filter").or_else(|| self.get(dict, b"F")) {
            Some(Object::Name(n)) => vec![n.clone()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|o| match self.deref(o) {
                    Some(Object::Name(n)) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let params: Vec<Option<&Dictionary>> = match self
            .get(dict, b"DecodeParms")
            .or_else(|| self.get(dict, b"DP"))
        {
            Some(Object::Dictionary(d)) => vec![Some(d)],
            Some(Object::Array(a)) => a.iter().map(|o| self.dict(o)).collect(),
            _ => Vec::new(),
        };
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let p = params.get(i).copied().flatten();
                let get = |k: &[u8], default: i64| {
                    p.and_then(|p| self.get(p, k))
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(default)
                };
                let d = Predictor::default();
                Filter::from_name(
                    n,
                    Predictor {
                        predictor: get(b"Predictor", d.predictor),
                        colors: get(b"Colors", d.colors),
                        bits: get(b"BitsPerComponent", d.bits),
                        columns: get(b"Columns", d.columns),
                        early_change: get(b"EarlyChange", d.early_change),
                    },
                )
            })
            .collect()
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
pub(crate) fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}
