//! The PDF reader: page content streams → paragraphs and table grids.
//!
//! [`read_pdf`] loads the file with lopdf (decrypting it when the user password is empty,
//! rebuilding a damaged cross-reference table by scanning — [`repair`]), then for each page,
//! inside a panic guard so that one bad page cannot take the document down:
//!
//! 1. [`content`] interprets the content streams (and Form XObjects) into glyphs with boxes
//!    and ruling lines, in the upright *page frame* of [`geom`] (`/Rotate` applied, `y` down);
//!    fonts are parsed once per document by [`font`] (widths, [`cmap`] ToUnicode and
//!    predefined CJK CMaps, [`encoding`] for simple fonts);
//! 2. [`page`] builds words and lines ([`layout`]), table grids from the rules ([`grid`]) or,
//!    without rules, from column alignment ([`align`]), and puts each word in its cell.
//!
//! Then, over the whole document: page numbers and running headers/footers are dropped, the
//! remaining lines become paragraphs, tables interleave with them top to bottom, and a table
//! that continues on the next page is merged into one ([`tables`]).
//!
//! Example: page 20 of a Shanghai budget — the title `2025年单位“三公”经费和机关运行经费预算表`,
//! the line `编制单位：上海市财政局 … 单位:万元` and a ruled table — becomes
//! `[Paragraph("2025年单位“三公”经费和机关运行经费预算表"), Paragraph("编制单位：上海市财政局
//! 单位:万元"), Table { n_rows: 4, n_cols: 7, … }]`, each with `page: Some(20)`; the table's
//! header cell `“三公”经费预算数` has `col_span: 6`, and its last row holds `346.30`, `288.70`,
//! `25.40`, `32.20`, an empty cell, `32.20` and `2,517.78`.

pub mod align;
pub mod cmap;
pub mod content;
pub mod decode;
pub mod encoding;
pub mod font;
pub mod geom;
pub mod grid;
pub mod layout;
pub mod lexer;
pub mod nesting;
pub mod objects;
pub mod page;
pub mod repair;
pub mod tables;
pub mod truetype;
pub mod unify;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Object, ObjectId};
use yusuan_model::{Block, Document, Format, Paragraph};

use crate::{ExtractError, Limits, Result};
use content::{Interpreter, PageContent};
use font::FontCache;
use geom::Matrix;
use objects::{Ctx, StreamError};
use page::{Item, PageLayout};

/// Deepest nesting of Form XObjects followed, whatever the limits say.
const MAX_FORM_DEPTH: usize = 32;

/// Read a PDF.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let _span = tracing::debug_span!("read_pdf", bytes = bytes.len()).entered();
    let depth = nesting::max_nesting(bytes);
    if depth > limits.max_depth {
        return Err(ExtractError::Limit(format!(
            "arrays or dictionaries nested {depth} levels deep, over the limit of {} (a parser would overflow its stack)",
            limits.max_depth
        )));
    }
    if let Some(what) = decode::preflight(bytes, limits.max_part_bytes) {
        return Err(ExtractError::Limit(format!(
            "{what} inflates past the limit of {} bytes per part",
            limits.max_part_bytes
        )));
    }
    let mut warnings = Vec::new();
    let doc = load(bytes, &mut warnings)?;
    let ctx = Ctx::new(&doc, limits);
    let (page_ids, total) = page_list(&ctx, &mut warnings);
    if total == 0 {
        return Err(ExtractError::Malformed("the PDF has no pages".into()));
    }
    let take = page_ids.len().min(limits.max_pages as usize);
    if take < page_ids.len() {
        warnings.push(format!(
            "only the first {take} of {} pages were read (page limit)",
            page_ids.len()
        ));
    }
    let depth = limits.max_depth.clamp(1, MAX_FORM_DEPTH);
    let mut fonts = FontCache::default();
    let mut layouts: Vec<PageLayout> = Vec::new();
    let mut shown = 0usize;
    let mut failed = 0usize;
    let mut scanned_pages = Vec::new();
    let started = std::time::Instant::now();
    for (i, &id) in page_ids.iter().take(take).enumerate() {
        if started.elapsed().as_secs() >= limits.max_seconds {
            return Err(ExtractError::Limit(format!(
                "reading took longer than {} s (stopped at page {} of {})",
                limits.max_seconds,
                i + 1,
                page_ids.len()
            )));
        }
        let page_no = (i + 1) as u32;
        let res = catch_unwind(AssertUnwindSafe(|| {
            read_page(&ctx, &mut fonts, id, page_no, depth)
        }));
        match res {
            Ok(Ok((content, layout, problems))) => {
                shown += content.shown;
                if content.shown == 0 && content.images > 0 {
                    scanned_pages.push(page_no);
                }
                warnings.extend(problems.into_iter().map(|p| format!("page {page_no}: {p}")));
                layouts.push(layout);
            }
            Ok(Err(PageError::Limit(m))) => {
                return Err(ExtractError::Limit(format!("{m} (page {page_no})")))
            }
            Ok(Err(PageError::Bad(m))) => {
                failed += 1;
                warnings.push(format!("page {page_no}: could not be read ({m}); skipped"));
            }
            Err(_) => {
                failed += 1;
                warnings.push(format!(
                    "page {page_no}: the reader failed on this page; skipped"
                ));
            }
        }
        if ctx.inflated.get() > limits.max_document_bytes {
            return Err(ExtractError::Limit(format!(
                "the document inflates past the limit of {} bytes",
                limits.max_document_bytes
            )));
        }
    }
    if failed == take && take > 0 {
        return Err(ExtractError::Malformed(format!(
            "none of the {take} pages could be read"
        )));
    }
    if shown == 0 {
        return Err(ExtractError::NoText("no text layer (scanned?)".into()));
    }
    if !scanned_pages.is_empty() {
        warnings.push(format!(
            "pages without a text layer (scanned?): {}",
            list_pages(&scanned_pages)
        ));
    }
    drop_headers_and_footers(&mut layouts);
    let blocks = build_blocks(layouts);
    Ok(Document {
        format: Format::Pdf,
        pages: Some(total as u32),
        blocks,
        warnings,
    })
}

fn list_pages(pages: &[u32]) -> String {
    let v: Vec<String> = pages.iter().take(20).map(u32::to_string).collect();
    let more = if pages.len() > 20 { " …" } else { "" };
    format!("{}{more}", v.join(", "))
}

/// Load the file: decrypt with the empty password, recover a damaged xref, map errors.
fn load(bytes: &[u8], warnings: &mut Vec<String>) -> Result<lopdf::Document> {
    let first = catch_unwind(|| lopdf::Document::load_mem(bytes));
    let doc = match first {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            if let lopdf::Error::Decryption(d) = &e {
                return Err(ExtractError::Encrypted(format!(
                    "cannot decrypt the PDF: {d}"
                )));
            }
            let message = e.to_string();
            match repair::rebuild_xref(bytes)
                .and_then(|fixed| catch_unwind(move || lopdf::Document::load_mem(&fixed)).ok())
            {
                Some(Ok(doc)) => {
                    warnings.push(format!(
                        "the cross-reference table is damaged ({message}); objects were recovered by scanning the file"
                    ));
                    doc
                }
                _ => {
                    return Err(ExtractError::Malformed(format!(
                        "damaged or truncated PDF: its cross-reference table cannot be read ({message}) and no page could be recovered by scanning the file"
                    )))
                }
            }
        }
        Err(_) => {
            return Err(ExtractError::Malformed(
                "the PDF structure could not be parsed".into(),
            ))
        }
    };
    if doc.is_encrypted() {
        return Err(ExtractError::Encrypted(
            "a password is needed to open this PDF".into(),
        ));
    }
    Ok(doc)
}

/// The page objects in order, and the page count. A broken page tree falls back to every
/// `/Type /Page` object in object order.
fn page_list(ctx: &Ctx<'_>, warnings: &mut Vec<String>) -> (Vec<ObjectId>, usize) {
    let pages = catch_unwind(AssertUnwindSafe(|| ctx.doc.get_pages())).unwrap_or_default();
    let mut ids: Vec<ObjectId> = pages.into_values().collect();
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        ids = ctx
            .doc
            .objects
            .iter()
            .filter(|(_, o)| matches!(o, Object::Dictionary(d) if d.has_type(b"Page")))
            .map(|(id, _)| *id)
            .collect();
        if !ids.is_empty() {
            warnings.push(
                "the page tree is damaged; pages were found by scanning (order may differ)".into(),
            );
        }
    } else {
        // Pages the tree promises but could not deliver.
        let declared = ctx
            .doc
            .catalog()
            .ok()
            .and_then(|c| ctx.get_dict(c, b"Pages"))
            .and_then(|p| ctx.get_num(p, b"Count"))
            .unwrap_or(0.0) as usize;
        if declared > ids.len() && declared < 100_000 {
            warnings.push(format!(
                "the page tree declares {declared} pages but only {} could be found",
                ids.len()
            ));
        }
    }
    let n = ids.len();
    (ids, n)
}

enum PageError {
    Limit(String),
    Bad(String),
}

/// An inheritable page attribute.
fn inherited<'b>(ctx: &'b Ctx<'_>, page: &'b Dictionary, key: &[u8]) -> Option<&'b Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(v) = ctx.get(node, key) {
            return Some(v);
        }
        node = ctx.get_dict(node, b"Parent")?;
    }
    None
}

fn page_box(ctx: &Ctx<'_>, page: &Dictionary) -> (f32, f32, f32, f32) {
    let read = |key: &[u8]| -> Option<(f32, f32, f32, f32)> {
        let Object::Array(a) = inherited(ctx, page, key)? else {
            return None;
        };
        let v: Vec<f32> = a
            .iter()
            .filter_map(|o| ctx.deref(o).and_then(objects::num))
            .collect();
        if v.len() != 4 {
            return None;
        }
        let (x0, x1) = (v[0].min(v[2]), v[0].max(v[2]));
        let (y0, y1) = (v[1].min(v[3]), v[1].max(v[3]));
        (x1 - x0 >= 1.0 && y1 - y0 >= 1.0).then_some((x0, y0, x1, y1))
    };
    read(b"CropBox")
        .or_else(|| read(b"MediaBox"))
        .unwrap_or((0.0, 0.0, 612.0, 792.0))
}

/// The matrix from user space to the upright page frame, and the frame's size.
fn page_frame(ctx: &Ctx<'_>, page: &Dictionary) -> (Matrix, f32, f32) {
    let (x0, y0, x1, y1) = page_box(ctx, page);
    let rotate = inherited(ctx, page, b"Rotate")
        .and_then(objects::num)
        .unwrap_or(0.0) as i64;
    let rotate = ((rotate % 360 + 360) % 360 + 45) / 90 * 90 % 360;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1), w, h),
    }
}

/// The concatenated content streams of a page, and problems met reading them.
fn page_content(
    ctx: &Ctx<'_>,
    page: &Dictionary,
) -> std::result::Result<(Vec<u8>, Vec<String>), PageError> {
    let mut problems = Vec::new();
    let mut refs: Vec<&Object> = Vec::new();
    match page.get(b"Contents").ok() {
        None => {}
        Some(o) => match ctx.deref(o) {
            Some(Object::Array(a)) => refs.extend(a.iter()),
            Some(Object::Stream(_)) => refs.push(o),
            Some(_) => problems.push("its content is not a stream".to_string()),
            None => problems.push("its content stream is missing".to_string()),
        },
    }
    let mut data = Vec::new();
    for r in refs {
        match ctx.deref(r) {
            Some(Object::Stream(s)) => match ctx.stream_data(s) {
                Ok(d) => {
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
                Err(StreamError::Damaged { partial, message }) => {
                    problems.push(format!(
                        "its content is damaged ({message}); kept what could be read"
                    ));
                    data.extend_from_slice(&partial);
                    data.push(b'\n');
                }
                Err(StreamError::Limit(m)) => return Err(PageError::Limit(m)),
            },
            _ => problems.push("a content stream is missing".to_string()),
        }
    }
    Ok((data, problems))
}

fn read_page(
    ctx: &Ctx<'_>,
    fonts: &mut FontCache,
    id: ObjectId,
    page_no: u32,
    depth: usize,
) -> std::result::Result<(PageContent, PageLayout, Vec<String>), PageError> {
    let page = match ctx.doc.objects.get(&id) {
        Some(Object::Dictionary(d)) => d,
        Some(_) => return Err(PageError::Bad("the page object is not a dictionary".into())),
        None => {
            return Err(PageError::Bad(format!(
                "page object {} {} is missing",
                id.0, id.1
            )))
        }
    };
    let (ctm, width, height) = page_frame(ctx, page);
    let (data, mut problems) = page_content(ctx, page)?;
    let resources = inherited(ctx, page, b"Resources").and_then(|o| match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    });
    let frame = geom::Rect {
        x0: 0.0,
        y0: 0.0,
        x1: width,
        y1: height,
    };
    let mut content = Interpreter::new(ctx, fonts, depth).run_page(&data, resources, ctm, frame);
    if let Some(m) = content.limit.take() {
        return Err(PageError::Limit(m));
    }
    problems.append(&mut content.problems);
    // Fonts whose text mostly cannot be decoded are left out whole: their "text" is garbage.
    let mut drop_font = vec![false; content.fonts.len()];
    for (i, f) in content.fonts.iter().enumerate() {
        if f.undecodable == 0 {
            continue;
        }
        if f.undecodable * 2 >= f.shown {
            drop_font[i] = true;
            problems.push(format!(
                "text in font {} cannot be decoded (no usable ToUnicode map); {} characters left out",
                f.name, f.shown
            ));
        } else if f.undecodable >= 3 {
            problems.push(format!(
                "{} characters in font {} cannot be decoded and were left out",
                f.undecodable, f.name
            ));
        }
    }
    if drop_font.iter().any(|&d| d) {
        content
            .glyphs
            .retain(|g| !drop_font.get(g.font as usize).copied().unwrap_or(false));
    }
    let layout = page::assemble(&content, page_no, width, height);
    Ok((content, layout, problems))
}

/// Whether a line is a page number: `12`, `- 12 -`, `—12—`, `第 12 页`, `第12页 共30页`, `12/30`.
fn is_page_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(text.trim()) {
        return true;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dashes: &[char] = &['-', '—', '–', '－', '·', '•'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|s| s.strip_suffix(dashes)) {
        let inner = inner.trim_matches(dashes);
        if digits(inner) {
            return true;
        }
    }
    if let Some(inner) = t.strip_prefix('第') {
        let mut parts = inner.split('页');
        let first = parts.next().unwrap_or("");
        let rest: String = parts.collect::<Vec<_>>().join("");
        let rest = rest.trim_matches(|c| c == '/' || c == '，' || c == ',');
        let rest_ok = rest.is_empty()
            || rest
                .strip_prefix('共')
                .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()));
        if digits(first) && inner.contains('页') && rest_ok {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.replace("of", "/");
        return rest.split('/').all(digits);
    }
    false
}

/// Remove page numbers near the top or bottom edge, and lines repeated in the same margin
/// zone on many pages (running headers and footers).
fn drop_headers_and_footers(layouts: &mut [PageLayout]) {
    let in_zone = |l: &layout::Line, h: f32, frac: f32| {
        l.bbox.y1 <= h * frac || l.bbox.y0 >= h * (1.0 - frac)
    };
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut counts: HashMap<String, HashSet<u32>> = HashMap::new();
    for p in layouts.iter() {
        for it in &p.items {
            if let Item::Line(l) = it {
                if in_zone(l, p.height, 0.07) {
                    counts
                        .entry(key(&page::line_text(l)))
                        .or_default()
                        .insert(p.page);
                }
            }
        }
    }
    let n = layouts.len();
    let repeated: HashSet<String> = counts
        .into_iter()
        .filter(|(k, pages)| !k.is_empty() && pages.len() >= 3 && pages.len() * 2 >= n)
        .map(|(k, _)| k)
        .collect();
    for p in layouts.iter_mut() {
        let h = p.height;
        p.items.retain(|it| match it {
            Item::Line(l) => {
                let text = page::line_text(l);
                let numbered = in_zone(l, h, 0.1) && is_page_number(&text);
                let running = in_zone(l, h, 0.07) && repeated.contains(&key(&text));
                !(numbered || running)
            }
            Item::Table(_) => true,
        });
    }
}

/// Paragraphs and tables of all pages in order, merging tables that run across pages.
fn build_blocks(layouts: Vec<PageLayout>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // The table that ended the previous page: (block index, column boundaries).
    let mut open: Option<(usize, Vec<f32>)> = None;
    for p in layouts {
        let right_edge = p
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Line(l) => Some(l.bbox.x1),
                Item::Table(_) => None,
            })
            .fold(0.0f32, f32::max);
        let n_items = p.items.len();
        let mut pending: Vec<layout::Line> = Vec::new();
        let mut next_open = None;
        let flush = |pending: &mut Vec<layout::Line>, blocks: &mut Vec<Block>| {
            let refs: Vec<&layout::Line> = pending.iter().collect();
            for text in page::paragraphs(&refs, right_edge) {
                blocks.push(Block::Paragraph(Paragraph {
                    text,
                    page: Some(p.page),
                }));
            }
            pending.clear();
        };
        for (i, it) in p.items.into_iter().enumerate() {
            match it {
                Item::Line(l) => pending.push(l),
                Item::Table(t) => {
                    flush(&mut pending, &mut blocks);
                    let continues = i == 0
                        && open
                            .as_ref()
                            .is_some_and(|(_, xs)| tables::columns_match(xs, &t.xs));
                    let idx = match (continues, &open) {
                        (true, Some((idx, _))) => {
                            if let Some(Block::Table(base)) = blocks.get_mut(*idx) {
                                tables::append(base, t.table);
                            }
                            *idx
                        }
                        _ => {
                            blocks.push(Block::Table(t.table));
                            blocks.len() - 1
                        }
                    };
                    if i + 1 == n_items {
                        next_open = Some((idx, t.xs));
                    }
                }
            }
        }
        flush(&mut pending, &mut blocks);
        open = next_open;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "12",
            "- 3 -",
            "—12—",
            "第 4 页",
            "第4页 共30页",
            "3/30",
            "Page 2 of 9",
            "－ 7 －",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "2025年预算",
            "第一部分",
            "单位：元",
            "301 01",
            "12.5",
            "30101",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let err = read_pdf(b"%PDF-1.4\n garbage", &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Malformed(_)), "{err:?}");
    }
}
