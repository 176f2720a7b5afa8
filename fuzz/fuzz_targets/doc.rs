//! The Word 97–2003 .doc reader and the normaliser on arbitrary bytes: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan_extract::{doc::read_doc, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_part_bytes: 16 << 20,
        ..Limits::default()
    };
    if let Ok(doc) = read_doc(data, &limits) {
        let _ = yusuan_normalise::normalise(&doc);
    }
});
