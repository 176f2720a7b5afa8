//! The content-stream interpreter ([`content`]), which paints glyphs, rules and images onto a
//! `Device` (`PageContent` keeps them all), and the page frame's geometry ([`geom`]).
//! Uses `syntax`, `objects` and `fonts`.

pub(crate) mod content;
pub(crate) mod geom;
