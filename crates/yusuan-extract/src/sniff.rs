//! Telling formats apart by their first bytes.

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip container (.docx, .xlsx …).
    Zip,
    /// A PDF (`%PDF-` within the first KiB).
    Pdf,
    /// An OLE compound file (Word 97–2003 .doc, .xls).
    Ole,
    /// No bytes at all.
    Empty,
    /// Anything else.
    Other,
}

/// Look at the first bytes of a file.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    Sniffed::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.7"), Sniffed::Pdf);
        assert_eq!(sniff(b"hello"), Sniffed::Other);
    }
}
