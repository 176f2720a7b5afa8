//! The amount, code, value and prose parsers on arbitrary text: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    yusuan_normalise::fuzzing::parse_text(&String::from_utf8_lossy(data));
});
