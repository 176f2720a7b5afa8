//! Reader limits: inputs are untrusted, so every reader is bounded.

/// Bounds on what a reader will do with one file. The defaults suit real disclosures (a few
/// MiB, a few hundred pages) with a wide margin.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest decompressed size of one part (a zip entry, a PDF stream), in bytes.
    pub max_part_bytes: u64,
    /// Largest decompressed size of a whole document, in bytes.
    pub max_document_bytes: u64,
    /// Most pages read from a PDF.
    pub max_pages: u32,
    /// Deepest nesting of XML elements or PDF objects.
    pub max_depth: usize,
    /// Longest time a reader spends on one document, in seconds (checked between pages).
    pub max_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_bytes: 256 << 20,
            max_document_bytes: 1 << 30,
            max_pages: 2000,
            max_depth: 256,
            max_seconds: 120,
        }
    }
}
