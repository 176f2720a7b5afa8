//! Recovering a PDF whose cross-reference table is damaged or missing (truncated downloads,
//! bad offsets).
//!
//! [`rebuild_xref`] scans the file for `N G obj` headers, writes a fresh cross-reference
//! section for them after the original bytes, with a trailer naming the catalog (and the
//! encryption dictionary and file id, when the old trailer or xref stream names them), so
//! that lopdf can load what is left. Objects inside object streams are recovered through
//! their stream.

/// The `N G` before the `obj` keyword at `i`: `(N, G, offset of N)`.
fn obj_header(data: &[u8], i: usize) -> Option<(u32, u16, usize)> {
    // `i` points at the `o` of `obj`; walk back over "G" and "N".
    let mut j = i;
    let skip_ws_back = |j: &mut usize| {
        while *j > 0 && matches!(data[*j - 1], b' ' | b'\r' | b'\n' | b'\t' | b'\0') {
            *j -= 1;
        }
    };
    skip_ws_back(&mut j);
    let g_end = j;
    while j > 0 && data[j - 1].is_ascii_digit() {
        j -= 1;
    }
    if j == g_end {
        return None;
    }
    let gen: u16 = std::str::from_utf8(&data[j..g_end]).ok()?.parse().ok()?;
    skip_ws_back(&mut j);
    let n_end = j;
    while j > 0 && data[j - 1].is_ascii_digit() {
        j -= 1;
    }
    let glued = j > 0 && data[j - 1].is_ascii_alphanumeric();
    if j == n_end
        || (glued && !data[..j].ends_with(b"endobj") && !data[..j].ends_with(b"endstream"))
    {
        return None;
    }
    let num: u32 = std::str::from_utf8(&data[j..n_end]).ok()?.parse().ok()?;
    Some((num, gen, j))
}

fn find_ref(text: &[u8], key: &[u8]) -> Option<String> {
    let pos = text.windows(key.len()).rposition(|w| w == key)?;
    let rest = &text[pos + key.len()..];
    let s: String = rest.iter().take(40).map(|&b| b as char).collect();
    let mut parts = s.split_whitespace();
    let n: u32 = parts.next()?.parse().ok()?;
    let g: u16 = parts.next()?.parse().ok()?;
    let r = parts.next()?;
    r.starts_with('R').then(|| format!("{n} {g} R"))
}

fn find_id(text: &[u8]) -> Option<String> {
    let pos = text.windows(3).rposition(|w| w == b"/ID")?;
    let rest = &text[pos + 3..];
    let open = rest.iter().position(|&b| b == b'[')?;
    if open > 4 {
        return None;
    }
    let close = rest.iter().position(|&b| b == b']')?;
    (close > open && close - open < 200)
        .then(|| String::from_utf8_lossy(&rest[open..=close]).into_owned())
}

/// Whether an object body is a page dictionary (`/Type /Page`, not `/Pages`).
fn is_page(body: &[u8]) -> bool {
    let mut i = 0;
    while let Some(p) = body[i..].windows(5).position(|w| w == b"/Type") {
        let rest = &body[i + p + 5..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(|b| b.is_ascii_alphanumeric()) {
            return true;
        }
        i += p + 5;
    }
    false
}

/// A copy of the file with a rebuilt cross-reference section appended, or `None` when no
/// objects, or neither a catalog nor a page, can be found. When the catalog is lost, a new
/// one is made over the page objects found, in file order.
pub(crate) fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let data = &bytes[start..];
    let mut offsets: std::collections::BTreeMap<u32, (u16, usize)> = Default::default();
    let mut catalog: Option<String> = None;
    let mut pages: Vec<(usize, u32, u16)> = Vec::new();
    let mut i = 0;
    while let Some(p) = data[i..].windows(3).position(|w| w == b"obj") {
        let at = i + p;
        i = at + 3;
        let next = data.get(at + 3).copied().unwrap_or(b' ');
        if next.is_ascii_alphanumeric() {
            continue;
        }
        let Some((num, gen, j)) = obj_header(data, at) else {
            continue;
        };
        offsets.insert(num, (gen, j));
        let body = &data[at..data.len().min(at + 2000)];
        let body_end = body
            .windows(6)
            .position(|w| w == b"endobj")
            .unwrap_or(body.len());
        let body = &body[..body_end];
        let has = |pat: &[u8]| body.windows(pat.len()).any(|w| w == pat);
        if has(b"/Catalog") && has(b"/Pages") {
            catalog = Some(format!("{num} {gen} R"));
        }
        if is_page(body) {
            pages.push((j, num, gen));
        }
    }
    if offsets.is_empty() {
        return None;
    }
    let root = find_ref(data, b"/Root").filter(|r| {
        let n: u32 = r
            .split(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(u32::MAX);
        offsets.contains_key(&n)
    });
    let encrypt = find_ref(data, b"/Encrypt");
    let id = find_id(data);
    let mut max = *offsets.keys().next_back()?;
    let mut out = data.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let root = match root.or(catalog) {
        Some(r) => r,
        None => {
            if pages.is_empty() {
                return None;
            }
            pages.sort();
            let kids: Vec<String> = pages.iter().map(|(_, n, g)| format!("{n} {g} R")).collect();
            let (tree, cat) = (max.checked_add(1)?, max.checked_add(2)?);
            offsets.insert(tree, (0, out.len()));
            let tree_obj = format!(
                "{tree} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n",
                kids.join(" "),
                kids.len()
            );
            out.extend_from_slice(tree_obj.as_bytes());
            offsets.insert(cat, (0, out.len()));
            out.extend_from_slice(
                format!("{cat} 0 obj\n<< /Type /Catalog /Pages {tree} 0 R >>\nendobj\n").as_bytes(),
            );
            max = cat;
            format!("{cat} 0 R")
        }
    };
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n", max + 1).as_bytes());
    for n in 0..=max {
        match offsets.get(&n) {
            Some((gen, off)) => {
                out.extend_from_slice(format!("{off:010} {gen:05} n \n").as_bytes())
            }
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    let mut trailer = format!("trailer\n<< /Size {} /Root {root}", max + 1);
    if let Some(e) = encrypt {
        trailer.push_str(&format!(" /Encrypt {e}"));
    }
    if let Some(id) = id {
        trailer.push_str(&format!(" /ID {id}"));
    }
    trailer.push_str(&format!(" >>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_a_missing_xref() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>\nendobj\n";
        let fixed = rebuild_xref(pdf).expect("rebuilt");
        let doc = lopdf::Document::load_mem(&fixed).expect("loads");
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn makes_a_catalog_when_it_is_lost() {
        // Objects glued to `endobj`, no catalog, no page tree.
        let pdf = b"%PDF-1.4\n3 0 obj\n<< /Type /Page /MediaBox [0 0 100 100] >>\nendobj4 0 obj<</Type/Page /MediaBox [0 0 100 100]>>endobj\n5 0 obj << /Type /Pages >> endobj";
        let fixed = rebuild_xref(pdf).expect("rebuilt");
        let doc = lopdf::Document::load_mem(&fixed).expect("loads");
        let pages: Vec<_> = doc.get_pages().into_values().collect();
        assert_eq!(pages, vec![(3, 0), (4, 0)]);
    }

    #[test]
    fn nothing_to_rebuild() {
        assert!(rebuild_xref(b"%PDF-1.4\nno objects here").is_none());
    }
}
