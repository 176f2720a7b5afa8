//! Walking `word/document.xml` in body order.
//!
//! Paragraph text is the concatenation of every `w:t` in it, whatever runs, hyperlinks,
//! bookmarks, smart tags or content controls (`w:sdt`) wrap them; `w:br`/`w:cr` become `\n` and
//! `w:tab` a tab. Deleted text, field instructions and `mc:Fallback` copies are skipped. A cell's
//! paragraphs are joined with `\n`. A table nested in a cell becomes a table block of its own,
//! placed before the table that holds it.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use yusuan_model::{Block, Paragraph};

use super::grid::{GridBuilder, VMerge};
use crate::{ExtractError, Limits, Result};

/// The cell being read.
#[derive(Default)]
struct CellCtx {
    span: usize,
    vmerge: Option<VMerge>,
    text: String,
    paragraphs: usize,
}

/// A table being read (there may be several, nested).
#[derive(Default)]
struct TableCtx {
    grid: GridBuilder,
    grid_cols: usize,
    row_pending: bool,
    grid_before: usize,
    cell: Option<CellCtx>,
}

impl TableCtx {
    fn begin_row_if_pending(&mut self) {
        if self.row_pending {
            self.grid.start_row(self.grid_before);
            self.row_pending = false;
        }
    }
}

/// What the body's events have built so far: the blocks finished, the tables and paragraphs
/// open (nested tables and paragraphs in cells stack), and whether a `w:t` is open.
#[derive(Default)]
struct Body {
    blocks: Vec<Block>,
    tables: Vec<TableCtx>,
    paragraphs: Vec<String>,
    in_text: bool,
}

impl Body {
    /// An element opens.
    fn start(&mut self, e: &BytesStart) {
        match e.name().as_ref() {
            b"w:t" => self.in_text = true,
            b"w:p" => self.paragraphs.push(String::new()),
            b"w:tbl" => self.tables.push(TableCtx::default()),
            b"w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row_pending = true;
                    t.grid_before = 0;
                }
            }
            b"w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.begin_row_if_pending();
                    t.cell = Some(CellCtx {
                        span: 1,
                        ..CellCtx::default()
                    });
                }
            }
            other => on_property(other, e, &mut self.tables, &mut self.paragraphs),
        }
    }

    /// An element with no content.
    fn empty(&mut self, e: &BytesStart) {
        match e.name().as_ref() {
            b"w:p" => end_paragraph(
                String::new(),
                &mut self.paragraphs,
                &mut self.tables,
                &mut self.blocks,
            ),
            other => on_property(other, e, &mut self.tables, &mut self.paragraphs),
        }
    }

    /// An element closes.
    fn end(&mut self, name: &[u8]) {
        match name {
            b"w:t" => self.in_text = false,
            b"w:p" => {
                let text = self.paragraphs.pop().unwrap_or_default();
                end_paragraph(
                    text,
                    &mut self.paragraphs,
                    &mut self.tables,
                    &mut self.blocks,
                );
            }
            b"w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(cell) = t.cell.take() {
                        let vmerge = cell.vmerge.unwrap_or(VMerge::None);
                        t.grid.add_cell(cell.span, vmerge, cell.text);
                    }
                }
            }
            b"w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.begin_row_if_pending();
                }
            }
            b"w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.blocks.push(Block::Table(t.grid.finish(t.grid_cols)));
                }
            }
            _ => {}
        }
    }

    /// Text inside a `w:t`.
    fn text(&mut self, text: &str) {
        push_text(text, &mut self.paragraphs, &mut self.tables);
    }

    /// The blocks; the tables of a truncated body are kept as far as they were complete.
    fn finish(mut self) -> Vec<Block> {
        while let Some(t) = self.tables.pop() {
            self.blocks.push(Block::Table(t.grid.finish(t.grid_cols)));
        }
        self.blocks
    }
}

/// Parse the body of a WordprocessingML document into blocks.
pub(super) fn parse_body(xml: &[u8], limits: &Limits) -> Result<Vec<Block>> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut body = Body::default();
    let mut depth = 0usize;
    // Depth at which a skipped subtree (mc:Fallback, w:instrText, w:delText) started.
    let mut skip_from: Option<usize> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            ExtractError::malformed_by(
                format!(
                    "word/document.xml: XML error at byte {}",
                    reader.buffer_position()
                ),
                e,
            )
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(ExtractError::Limit(format!(
                        "word/document.xml nests elements deeper than {} levels",
                        limits.max_depth
                    )));
                }
                match e.name().as_ref() {
                    _ if skip_from.is_some() => {}
                    b"mc:Fallback" | b"w:instrText" | b"w:delText" => skip_from = Some(depth),
                    _ => body.start(&e),
                }
            }
            Event::Empty(e) if skip_from.is_none() => body.empty(&e),
            Event::End(e) => {
                if skip_from == Some(depth) {
                    skip_from = None;
                } else if skip_from.is_none() {
                    body.end(e.name().as_ref());
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(e) if skip_from.is_none() && body.in_text => match e.unescape() {
                Ok(t) => body.text(&t),
                Err(_) => body.text(&String::from_utf8_lossy(e.as_ref())),
            },
            Event::CData(e) if skip_from.is_none() && body.in_text => {
                body.text(&String::from_utf8_lossy(e.as_ref()))
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(body.finish())
}

/// Elements that carry layout or inline content rather than structure.
fn on_property(name: &[u8], e: &BytesStart, tables: &mut [TableCtx], paragraphs: &mut [String]) {
    match name {
        b"w:br" | b"w:cr" => push_text("\n", paragraphs, tables),
        b"w:tab" if !paragraphs.is_empty() => push_text("\t", paragraphs, tables),
        b"w:noBreakHyphen" => push_text("-", paragraphs, tables),
        b"w:gridCol" => {
            if let Some(t) = tables.last_mut() {
                t.grid_cols += 1;
            }
        }
        b"w:gridBefore" => {
            if let Some(t) = tables.last_mut() {
                t.grid_before = val(e).and_then(|v| v.parse().ok()).unwrap_or(0).min(1000);
            }
        }
        b"w:gridSpan" => {
            if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.span = val(e)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
            }
        }
        b"w:vMerge" => {
            if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.vmerge = Some(match val(e).as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                });
            }
        }
        _ => {}
    }
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.try_get_attribute("w:val")
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Append text to the innermost open paragraph (or, outside one, to the open cell).
fn push_text(text: &str, paragraphs: &mut [String], tables: &mut [TableCtx]) {
    if let Some(p) = paragraphs.last_mut() {
        p.push_str(text);
    } else if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
        cell.text.push_str(text);
    }
}

/// A paragraph ended: it belongs to an enclosing paragraph (text box), a cell, or the body.
fn end_paragraph(
    text: String,
    paragraphs: &mut [String],
    tables: &mut [TableCtx],
    blocks: &mut Vec<Block>,
) {
    if let Some(parent) = paragraphs.last_mut() {
        if !text.is_empty() {
            if !parent.is_empty() {
                parent.push('\n');
            }
            parent.push_str(&text);
        }
        return;
    }
    if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
        if cell.paragraphs > 0 {
            cell.text.push('\n');
        }
        cell.text.push_str(&text);
        cell.paragraphs += 1;
        return;
    }
    if !text.trim().is_empty() {
        blocks.push(Block::Paragraph(Paragraph { text, page: None }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_model::Table;

    fn body(inner: &str) -> Vec<Block> {
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#
        );
        parse_body(xml.as_bytes(), &Limits::default()).unwrap()
    }

    fn table(b: &Block) -> &Table {
        match b {
            Block::Table(t) => t,
            Block::Paragraph(p) => panic!("expected a table, got paragraph {:?}", p.text),
        }
    }

    #[test]
    fn runs_entities_and_breaks_join_into_one_paragraph() {
        let blocks = body(
            r#"<w:p><w:r><w:t>12</w:t></w:r><w:bookmarkStart w:id="0"/><w:r><w:t>06.3</w:t></w:r>
               <w:hyperlink><w:r><w:t>4&#x3000;&amp;</w:t></w:r></w:hyperlink><w:r><w:br/><w:t>x</w:t></w:r>
               <w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:delText>gone</w:delText></w:r></w:p>"#,
        );
        match &blocks[0] {
            Block::Paragraph(p) => assert_eq!(p.text, "1206.34\u{3000}&\nx"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn content_controls_and_fallbacks() {
        let blocks = body(
            r#"<w:sdt><w:sdtContent><w:p><w:r><w:t>表1</w:t></w:r></w:p></w:sdtContent></w:sdt>
               <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>A</w:t></w:r></mc:Choice>
               <mc:Fallback><w:r><w:t>A</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        let texts: Vec<_> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                Block::Table(_) => "<table>",
            })
            .collect();
        assert_eq!(texts, ["表1", "A"]);
    }

    #[test]
    fn merged_cells_and_multi_paragraph_cells() {
        let blocks = body(
            r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
               <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>科目</w:t></w:r></w:p></w:tc>
                     <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>支出</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                     <w:tc><w:p><w:r><w:t>基本</w:t></w:r></w:p><w:p><w:r><w:t>支出</w:t></w:r></w:p></w:tc>
                     <w:tc><w:p><w:r><w:br/><w:t>16</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let t = table(&blocks[0]);
        assert_eq!((t.n_rows, t.n_cols), (2, 3));
        assert_eq!(t.cells[0].row_span, 2);
        assert_eq!(t.cells[1].col_span, 2);
        assert_eq!(t.cells[2].text, "基本\n支出");
        assert_eq!(t.cells[3].text, "\n16");
    }

    #[test]
    fn nested_table_comes_out_before_its_host() {
        let blocks = body(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>host</w:t></w:r></w:p>
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
               <w:p/></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(blocks.len(), 2);
        assert_eq!(table(&blocks[0]).cells[0].text, "inner");
        assert!(table(&blocks[1]).cells[0].text.starts_with("host"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = "<a>".repeat(10_000);
        let err = parse_body(xml.as_bytes(), &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("deeper than"), "{err}");
    }

    #[test]
    fn undeclared_entities_are_not_expanded() {
        let blocks = body(r#"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"#);
        match &blocks[0] {
            Block::Paragraph(p) => assert!(p.text.len() < 20),
            other => panic!("{other:?}"),
        }
    }
}
