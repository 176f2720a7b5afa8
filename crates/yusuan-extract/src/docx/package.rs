//! The zip package of a .docx: locating and inflating the main document part, within limits.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::{ExtractError, Limits, Result};

/// The bytes of the main document part (normally `word/document.xml`).
pub(super) fn main_document_xml(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::malformed_by("not a readable zip container", e))?;
    let target = main_part_name(&mut zip, limits).unwrap_or_else(|| "word/document.xml".into());
    if zip.by_name(&target).is_err() {
        if zip.by_name("xl/workbook.xml").is_ok() {
            return Err(ExtractError::Unsupported(
                "an Excel workbook (.xlsx), not a Word document".into(),
            ));
        }
        if zip.by_name("ppt/presentation.xml").is_ok() {
            return Err(ExtractError::Unsupported(
                "a PowerPoint presentation, not a Word document".into(),
            ));
        }
        return Err(ExtractError::malformed(format!(
            "zip has no {target}: not a Word document"
        )));
    }
    read_part(&mut zip, &target, limits)
}

/// The main part named by `_rels/.rels`, if the package says.
fn main_part_name(zip: &mut ZipArchive<Cursor<&[u8]>>, limits: &Limits) -> Option<String> {
    let rels = read_part(zip, "_rels/.rels", limits).ok()?;
    let text = String::from_utf8_lossy(&rels);
    for rel in text.split("<Relationship").skip(1) {
        if !rel.contains("/officeDocument\"") {
            continue;
        }
        let start = rel.find("Target=\"")? + 8;
        let end = rel[start..].find('"')? + start;
        let target = rel[start..end].trim_start_matches('/').to_string();
        return Some(target);
    }
    None
}

/// Inflate one part, refusing to go past `max_part_bytes` whatever the zip header claims.
fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, limits: &Limits) -> Result<Vec<u8>> {
    let file = zip
        .by_name(name)
        .map_err(|e| ExtractError::malformed_by(format!("cannot open {name}"), e))?;
    let declared = file.size();
    if declared > limits.max_part_bytes {
        return Err(ExtractError::Limit(format!(
            "{name} inflates to {declared} bytes, over the limit of {} bytes per part",
            limits.max_part_bytes
        )));
    }
    let mut out = Vec::with_capacity(declared.min(64 << 20) as usize);
    file.take(limits.max_part_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::malformed_by(format!("cannot inflate {name}"), e))?;
    if out.len() as u64 > limits.max_part_bytes {
        return Err(ExtractError::Limit(format!(
            "{name} inflates past the limit of {} bytes per part",
            limits.max_part_bytes
        )));
    }
    Ok(out)
}
