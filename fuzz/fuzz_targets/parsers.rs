//! The amount, code, value and prose parsers on arbitrary text: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan_normalise::{amount, code, prose, targets};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = amount::parse_amount(&text);
    let _ = amount::find_unit(&text);
    let _ = code::split_fused(&text);
    let parts: Vec<&str> = text.split('|').take(3).collect();
    let _ = code::SplitCodes::default().join(&parts);
    let _ = targets::split_value(&text);
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let _ = prose::unwrap(&lines);
    let _ = yusuan_normalise::narrative::read_facts(&lines);
});
