//! The document layer: [`read_pdf`] loads the file, reads each page inside a panic guard
//! (content → [`page::assemble`]) and hands the laid-out pages to [`blocks`], which drops page
//! numbers and running headers/footers and builds the paragraphs and tables of the
//! `Document`. The top layer: it uses every layer below and nothing uses it but `pdf` itself.

pub(crate) mod blocks;
pub(crate) mod page;

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::xref::XrefRecovery;
use lopdf::{Dictionary, Object, ObjectId};
use yusuan_model::{Document, Format, Warning};

use crate::pdf::fonts::font::FontCache;
use crate::pdf::interpret::content::{Interpreter, PageContent};
use crate::pdf::interpret::geom::{Matrix, Rect};
use crate::pdf::objects::ctx::{num, Ctx, StreamError};
use crate::pdf::objects::decode;
use crate::pdf::syntax::{nesting, repair};
use crate::{ExtractError, Limits, Result};
use blocks::{build_blocks, drop_headers_and_footers};
use page::PageLayout;

/// Deepest nesting of Form XObjects followed, whatever the limits say.
const MAX_FORM_DEPTH: usize = 32;

/// Read a PDF.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let _span = tracing::debug_span!("read_pdf", bytes = bytes.len()).entered();
    refuse_past_limits(bytes, limits)?;
    let mut warnings = Vec::new();
    let doc = load(bytes, &mut warnings)?;
    let ctx = Ctx::new(&doc, limits);
    let (page_ids, total) = page_list(&ctx, &mut warnings);
    if total == 0 {
        return Err(ExtractError::malformed("the PDF has no pages"));
    }
    let take = page_ids.len().min(limits.max_pages as usize);
    if take < page_ids.len() {
        warnings.push(Warning::page_limit_reached(take, page_ids.len()));
    }
    let mut pages = read_pages(&ctx, &page_ids, take, &mut warnings)?;
    if pages.failed == take && take > 0 {
        return Err(ExtractError::malformed(format!(
            "none of the {take} pages could be read"
        )));
    }
    if pages.shown == 0 {
        return Err(ExtractError::NoText("no text layer (scanned?)".into()));
    }
    if !pages.scanned.is_empty() {
        warnings.push(Warning::pages_without_text(pages.scanned));
    }
    drop_headers_and_footers(&mut pages.layouts);
    Ok(Document {
        format: Format::Pdf,
        pages: Some(total as u32),
        blocks: build_blocks(pages.layouts),
        warnings,
    })
}

/// Refuse a file before any parser sees it: nesting deeper than the limit (lopdf's parser is
/// recursive), or a stream that inflates past the part limit.
fn refuse_past_limits(bytes: &[u8], limits: &Limits) -> Result<()> {
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
    Ok(())
}

/// What reading the pages gave.
struct Pages {
    layouts: Vec<PageLayout>,
    /// Glyphs shown on all pages.
    shown: usize,
    /// Pages that could not be read.
    failed: usize,
    /// Pages with images and no text (scanned).
    scanned: Vec<u32>,
}

/// Read the first `take` pages, each inside a panic guard, within the time and size limits.
fn read_pages(
    ctx: &Ctx<'_>,
    page_ids: &[ObjectId],
    take: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Pages> {
    let limits = ctx.limits;
    let depth = limits.max_depth.clamp(1, MAX_FORM_DEPTH);
    let mut fonts = FontCache::default();
    let mut pages = Pages {
        layouts: Vec::new(),
        shown: 0,
        failed: 0,
        scanned: Vec::new(),
    };
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
            read_page(ctx, &mut fonts, id, page_no, depth)
        }));
        match res {
            Ok(Ok(read)) => {
                pages.shown += read.shown;
                if read.shown == 0 && read.images > 0 {
                    pages.scanned.push(page_no);
                }
                warnings.extend(read.problems);
                pages.layouts.push(read.layout);
            }
            Ok(Err(PageError::Limit(m))) => {
                return Err(ExtractError::Limit(format!("{m} (page {page_no})")))
            }
            Ok(Err(PageError::Bad(m))) => {
                pages.failed += 1;
                warnings.push(Warning::page_unreadable(page_no, m));
            }
            Err(_) => {
                pages.failed += 1;
                warnings.push(Warning::page_reader_failed(page_no));
            }
        }
        if ctx.inflated.get() > limits.max_document_bytes {
            return Err(ExtractError::Limit(format!(
                "the document inflates past the limit of {} bytes",
                limits.max_document_bytes
            )));
        }
    }
    Ok(pages)
}

/// Load the file: decrypt with the empty password, recover a damaged xref, map errors.
fn load(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<lopdf::Document> {
    let first = catch_unwind(|| lopdf::Document::load_mem(bytes));
    let doc = match first {
        // lopdf rebuilds a cross-reference table it cannot read by scanning the file itself;
        // such a table is rebuilt by `repair` instead, as for a file lopdf refuses, so that
        // the repair is the same and always reported.
        Ok(Ok(doc)) if !matches!(doc.xref_recovery, Some(XrefRecovery::Reconstructed)) => doc,
        Ok(Err(lopdf::Error::Decryption(d))) => {
            return Err(ExtractError::encrypted_by("cannot decrypt the PDF", d))
        }
        Ok(failed) => {
            let message = match failed {
                Ok(_) => "it cannot be read as written".to_string(),
                Err(e) => e.to_string(),
            };
            match repair::rebuild_xref(bytes)
                .and_then(|fixed| catch_unwind(move || lopdf::Document::load_mem(&fixed)).ok())
            {
                Some(Ok(doc)) => {
                    warnings.push(Warning::xref_repaired(&message));
                    doc
                }
                _ => {
                    return Err(ExtractError::malformed(format!(
                        "damaged or truncated PDF: its cross-reference table cannot be read ({message}) and no page could be recovered by scanning the file"
                    )))
                }
            }
        }
        Err(_) => {
            return Err(ExtractError::malformed(
                "the PDF structure could not be parsed",
            ))
        }
    };
    if doc.is_encrypted() {
        return Err(ExtractError::encrypted(
            "a password is needed to open this PDF",
        ));
    }
    Ok(doc)
}

/// The page objects in order, and the page count. A broken page tree falls back to every
/// `/Type /Page` object in object order.
fn page_list(ctx: &Ctx<'_>, warnings: &mut Vec<Warning>) -> (Vec<ObjectId>, usize) {
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
            warnings.push(Warning::page_tree_damaged());
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
            warnings.push(Warning::pages_missing(ids.len(), declared));
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
            .filter_map(|o| ctx.deref(o).and_then(num))
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
    let rotate = inherited(ctx, page, b"Rotate").and_then(num).unwrap_or(0.0) as i64;
    let rotate = ((rotate % 360 + 360) % 360 + 45) / 90 * 90 % 360;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1), w, h),
    }
}

/// The concatenated content streams of page `page_no`, and problems met reading them.
fn page_content(
    ctx: &Ctx<'_>,
    page: &Dictionary,
    page_no: u32,
) -> std::result::Result<(Vec<u8>, Vec<Warning>), PageError> {
    let mut problems = Vec::new();
    let mut refs: Vec<&Object> = Vec::new();
    match page.get(b"Contents").ok() {
        None => {}
        Some(o) => match ctx.deref(o) {
            Some(Object::Array(a)) => refs.extend(a.iter()),
            Some(Object::Stream(_)) => refs.push(o),
            Some(_) => problems.push(Warning::content_missing(
                page_no,
                "its content is not a stream",
            )),
            None => problems.push(Warning::content_missing(
                page_no,
                "its content stream is missing",
            )),
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
                    problems.push(Warning::content_damaged(page_no, message));
                    data.extend_from_slice(&partial);
                    data.push(b'\n');
                }
                Err(StreamError::Limit(m)) => return Err(PageError::Limit(m)),
            },
            _ => problems.push(Warning::content_missing(
                page_no,
                "a content stream is missing",
            )),
        }
    }
    Ok((data, problems))
}

/// One page read: its layout, what was shown and painted, and the problems met.
struct PageRead {
    layout: PageLayout,
    /// Glyphs shown (decodable or not, whitespace excluded).
    shown: usize,
    /// Images painted.
    images: usize,
    /// Problems met.
    problems: Vec<Warning>,
}

fn read_page(
    ctx: &Ctx<'_>,
    fonts: &mut FontCache,
    id: ObjectId,
    page_no: u32,
    depth: usize,
) -> std::result::Result<PageRead, PageError> {
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
    let (data, mut problems) = page_content(ctx, page, page_no)?;
    let resources = inherited(ctx, page, b"Resources").and_then(|o| match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    });
    let frame = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: width,
        y1: height,
    };
    let (mut content, mut report) = Interpreter::new(ctx, fonts, depth, PageContent::default())
        .run_page(&data, resources, ctm, frame);
    if let Some(m) = report.limit.take() {
        return Err(PageError::Limit(m));
    }
    problems.extend(
        report
            .problems
            .drain(..)
            .map(|p| Warning::content_incomplete(page_no, p)),
    );
    // Fonts whose text mostly cannot be decoded are left out whole: their "text" is garbage.
    let mut drop_font = vec![false; report.fonts.len()];
    for (i, f) in report.fonts.iter().enumerate() {
        if f.undecodable == 0 {
            continue;
        }
        if f.undecodable * 2 >= f.shown {
            drop_font[i] = true;
            problems.push(Warning::font_undecodable(page_no, &f.name, f.shown));
        } else if f.undecodable >= 3 {
            problems.push(Warning::characters_undecodable(
                page_no,
                &f.name,
                f.undecodable,
            ));
        }
    }
    if drop_font.iter().any(|&d| d) {
        content
            .glyphs
            .retain(|g| !drop_font.get(g.font as usize).copied().unwrap_or(false));
    }
    Ok(PageRead {
        layout: page::assemble(&content, page_no, height),
        shown: report.shown,
        images: content.images,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        let err = read_pdf(b"%PDF-1.4\n garbage", &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Malformed { .. }), "{err:?}");
    }
}
