//! The content-stream interpreter ([`content`]) and the page frame's geometry ([`geom`]).
//! Uses `syntax`, `objects` and `fonts`.

pub(crate) mod content;
pub(crate) mod geom;
