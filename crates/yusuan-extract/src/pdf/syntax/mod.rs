//! Bytes before objects: the lowest layer, which uses no other layer of the reader.

pub(crate) mod lexer;
pub(crate) mod nesting;
pub(crate) mod repair;
