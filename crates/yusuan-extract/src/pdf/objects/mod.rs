//! lopdf's object graph: bounded look-ups ([`ctx`]) and the one bounded stream decoder
//! ([`decode`]). Uses no other layer.

pub(crate) mod ctx;
pub(crate) mod decode;
