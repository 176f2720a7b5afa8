//! A guard run before lopdf parses anything: lopdf's object parser is recursive, so an array or
//! dictionary nested hundreds of thousands of levels deep overflows the thread's stack and
//! aborts the whole process (which `catch_unwind` cannot stop). This scan measures the deepest
//! nesting of `[` and `<<` in the file's object syntax — skipping strings, comments and stream
//! data — without recursion, and refuses the file above the limit.

/// The deepest nesting of arrays and dictionaries in the file's object syntax.
pub(crate) fn max_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => i = skip_string(bytes, i),
            b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                max = max.max(depth);
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                // Stream data is bytes, not syntax: jump to its end.
                match find(&bytes[i..], b"endstream") {
                    Some(at) => i += at + b"endstream".len() - 1,
                    None => return max,
                }
                depth = 0;
            }
            b'e' if bytes[i..].starts_with(b"endobj") => depth = 0,
            _ => {}
        }
        i += 1;
    }
    max
}

/// Skip a literal string `( … )` with nested parentheses and escapes; returns the index of its
/// closing parenthesis (or the end).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut level = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_arrays_and_dictionaries_not_strings_or_streams() {
        assert_eq!(max_nesting(b"1 0 obj << /A [1 [2 [3]]] >> endobj"), 4);
        assert_eq!(max_nesting(b"1 0 obj (a [[[[ string \\) [[[ ) endobj"), 0);
        assert_eq!(
            max_nesting(b"1 0 obj << /Length 5 >> stream\n[[[[[\nendstream endobj"),
            1
        );
        assert_eq!(max_nesting(b"% [[[[ comment\n[ ]"), 1);
        let deep = format!(
            "1 0 obj {}{} endobj",
            "[".repeat(300_000),
            "]".repeat(300_000)
        );
        assert_eq!(max_nesting(deep.as_bytes()), 300_000);
    }
}
