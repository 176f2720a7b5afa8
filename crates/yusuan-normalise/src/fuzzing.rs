//! The entry point of the fuzz targets (`fuzz/`): every parser of text the normaliser has, on
//! one input. Not part of the API.

use crate::{amount, narrative, tables, text};

/// Run the amount, unit, code, value and narrative parsers on arbitrary text.
pub fn parse_text(text: &str) {
    let _ = amount::parse_amount(text);
    let _ = amount::find_unit(text);
    let _ = tables::code::split_fused(text);
    let parts: Vec<&str> = text.split('|').take(3).collect();
    let _ = tables::code::SplitCodes::default().join(&parts);
    let _ = tables::targets::split_value(text);
    let paragraphs: Vec<(String, Option<u32>)> =
        text.lines().map(|l| (l.to_string(), None)).collect();
    let paragraphs = text::unwrap_paged(&paragraphs);
    let _ = narrative::read_facts_paged(&paragraphs);
}
