//! The PDF reader and the normaliser on arbitrary bytes: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yusuan_extract::{pdf::read_pdf, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_part_bytes: 16 << 20,
        max_pages: 50,
        max_seconds: 5,
        ..Limits::default()
    };
    if let Ok(doc) = read_pdf(data, &limits) {
        let _ = yusuan_normalise::normalise(&doc);
    }
});
