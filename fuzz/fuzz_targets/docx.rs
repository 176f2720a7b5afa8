//! The .docx reader and the normaliser on arbitrary bytes: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan_extract::{docx::read_docx, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_part_bytes: 16 << 20,
        ..Limits::default()
    };
    if let Ok(doc) = read_docx(data, &limits) {
        let _ = yusuan_normalise::normalise(&doc);
    }
});
