//! The PDF reader on tiny hand-written PDFs, one per case: a ruled table with a merged
//! header, a table continued on the next page, a rotated page, GBK text, undecodable text,
//! encryption, damage and limits.

use yusuan_extract::{pdf::read_pdf, ExtractError, Limits};
use yusuan_model::{Block, Document, Table, Warning, WarningKind};

/// Assemble a PDF from object bodies (object `i + 1` is `objects[i]`); object 1 is the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// Hex of the UTF-16 code units of `s`: with the identity font below, codes are Unicode.
fn hex(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

/// A Type 0 font (Identity-H, codes = Unicode) with a ToUnicode map and half-width digits.
fn cjk_font(font_obj: usize) -> Vec<Vec<u8>> {
    let (cid, tu) = (font_obj + 1, font_obj + 2);
    vec![
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
             /DescendantFonts [{cid} 0 R] /ToUnicode {tu} 0 R >>"
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [32 126 500] >>"
            .to_vec(),
        stream(
            "",
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              1 beginbfrange <0000> <FFFF> <0000> endbfrange\n\
              endcmap CMapName currentdict /CMap defineresource pop end end",
        ),
    ]
}

fn text(x: f32, y: f32, s: &str) -> String {
    format!("BT /F1 10 Tf 1 0 0 1 {x} {y} Tm <{}> Tj ET\n", hex(s))
}

/// Rules of a 2-row, 3-column table at x 50/130/210/270, y 150/130/110 (PDF space), whose
/// header row merges the first two columns (no rule at x = 130 in the top row).
const RULES: &str = "0.5 w 50 150 m 270 150 l S 50 130 m 270 130 l S 50 110 m 270 110 l S \
                     50 150 m 50 110 l S 210 150 m 210 110 l S 270 150 m 270 110 l S 130 130 m 130 110 l S\n";

fn table_page(body_rows: &[(&str, &str, &str)], header: bool, page_no: u32) -> String {
    let mut c = String::from(RULES);
    if header {
        c += &text(75.0, 136.0, "项目");
        c += &text(225.0, 136.0, "合计");
    } else {
        c += &text(55.0, 136.0, "209");
        c += &text(135.0, 136.0, "其他");
        c += &text(215.0, 136.0, "3.00");
    }
    let (a, b, d) = body_rows[0];
    c += &text(55.0, 116.0, a);
    c += &text(135.0, 116.0, b);
    c += &text(215.0, 116.0, d);
    c += &text(
        50.0,
        170.0,
        if header {
            "表一 2025年支出表"
        } else {
            "续表"
        },
    );
    c += &text(150.0, 10.0, &format!("- {page_no} -"));
    c
}

/// A document of pages given by their content, all using one CJK font.
fn doc_with_pages(contents: &[String], extra_page_dict: &str) -> Vec<u8> {
    let n = contents.len();
    // 1 catalog, 2 pages, 3..3+n page dicts, the font (3 objects), then the contents.
    let font = 3 + n;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
    ];
    for i in 0..n {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] {extra_page_dict} \
                 /Resources << /Font << /F1 {font} 0 R >> >> /Contents {} 0 R >>",
                font + 3 + i
            )
            .into_bytes(),
        );
    }
    objs.extend(cjk_font(font));
    for c in contents {
        objs.push(stream("", c.as_bytes()));
    }
    pdf(&objs)
}

/// The kind and page of each warning.
fn kinds(doc: &Document) -> Vec<(WarningKind, Option<u32>)> {
    doc.warnings.iter().map(|w| (w.kind, w.page)).collect()
}

fn read(bytes: &[u8]) -> Document {
    read_pdf(bytes, &Limits::default()).expect("reads")
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

fn cells(t: &Table) -> Vec<(usize, usize, usize, usize, &str)> {
    t.cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
        .collect()
}

#[test]
fn ruled_table_with_merged_header() {
    let bytes = doc_with_pages(
        &[table_page(&[("201", "行政运行", "1,206.50")], true, 1)],
        "",
    );
    let doc = read(&bytes);
    assert_eq!(doc.pages, Some(1));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // Title paragraph, then the table; the page number is dropped.
    assert_eq!(paragraphs(&doc), ["表一 2025年支出表"]);
    let t = doc.tables().next().expect("a table");
    assert_eq!((t.n_rows, t.n_cols, t.page), (2, 3, Some(1)));
    assert_eq!(
        cells(t),
        [
            (0, 0, 1, 2, "项目"),
            (0, 2, 1, 1, "合计"),
            (1, 0, 1, 1, "201"),
            (1, 1, 1, 1, "行政运行"),
            (1, 2, 1, 1, "1,206.50")
        ]
    );
    assert!(t.cells.iter().all(|c| c.page == Some(1)));
    assert!(
        matches!(doc.blocks[0], Block::Paragraph(_)) && matches!(doc.blocks[1], Block::Table(_))
    );
}

#[test]
fn table_continued_with_repeated_header_is_one_table() {
    let p1 = table_page(&[("201", "行政运行", "1.00")], true, 1);
    // Page 2 starts with the same table: same columns, header repeated.
    let mut p2 = String::from(RULES);
    p2 += &text(75.0, 136.0, "项目");
    p2 += &text(225.0, 136.0, "合计");
    p2 += &text(55.0, 116.0, "208");
    p2 += &text(135.0, 116.0, "社会保障");
    p2 += &text(215.0, 116.0, "2.00");
    let doc = read(&doc_with_pages(&[p1, p2], ""));
    assert_eq!(doc.tables().count(), 1);
    let t = doc.tables().next().unwrap();
    assert_eq!((t.n_rows, t.n_cols, t.page), (3, 3, Some(1)));
    let last: Vec<_> = t
        .cells
        .iter()
        .filter(|c| c.row == 2)
        .map(|c| (c.text.as_str(), c.page))
        .collect();
    assert_eq!(
        last,
        [("208", Some(2)), ("社会保障", Some(2)), ("2.00", Some(2))]
    );
}

#[test]
fn table_continued_without_header_keeps_all_rows() {
    let p1 = table_page(&[("201", "行政运行", "1.00")], true, 1);
    // The continuation page has the same column rules (no merged cell) but a title above
    // it: not a continuation.
    let p2 = table_page(&[("208", "社会保障", "2.00")], false, 2).replacen(
        RULES,
        &format!("{RULES} 130 150 m 130 130 l S\n"),
        1,
    );
    let doc = read(&doc_with_pages(&[p1.clone(), p2.clone()], ""));
    assert_eq!(
        doc.tables().count(),
        2,
        "a page starting with a title starts a new table"
    );
    // Without the title the second page continues the table; nothing is dropped.
    let p2 = p2.replace(&text(50.0, 170.0, "续表"), "");
    let doc = read(&doc_with_pages(&[p1, p2], ""));
    assert_eq!(doc.tables().count(), 1);
    let t = doc.tables().next().unwrap();
    assert_eq!(t.n_rows, 4);
    let texts: Vec<&str> = t
        .cells
        .iter()
        .filter(|c| c.col == 0)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["项目", "201", "209", "208"]);
}

#[test]
fn rotated_page_reads_upright() {
    // /Rotate 90: text drawn along +y in user space reads left to right on screen.
    let content = format!(
        "BT /F1 10 Tf 0 1 -1 0 100 40 Tm <{}> Tj ET BT /F1 10 Tf 0 1 -1 0 120 40 Tm <{}> Tj ET",
        hex("第一行文字"),
        hex("第二行文字")
    );
    let doc = read(&doc_with_pages(&[content], "/Rotate 90"));
    assert_eq!(paragraphs(&doc), ["第一行文字\n第二行文字"]);
}

#[test]
fn gbk_cmap_without_to_unicode() {
    let content = b"BT /F1 12 Tf 1 0 0 1 20 100 Tm <D6D0CEC4313233> Tj ET".to_vec();
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", &content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /FangSong /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>"
            .to_vec(),
    ];
    let doc = read(&pdf(&objs));
    assert_eq!(paragraphs(&doc), ["中文123"]);
}

#[test]
fn undecodable_font_is_warned_not_emitted() {
    let content = format!(
        "BT /F1 10 Tf 1 0 0 1 20 150 Tm <{}> Tj ET BT /F2 10 Tf 1 0 0 1 20 100 Tm <0003001A0B2C0457> Tj ET",
        hex("可读的文字")
    );
    let objs = {
        let mut o = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
            stream("", content.as_bytes()),
        ];
        o.extend(cjk_font(5));
        o.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Garbled /Encoding /Identity-H /DescendantFonts [9 0 R] >>".to_vec());
        o.push(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Garbled /DW 1000 >>".to_vec(),
        );
        o
    };
    let doc = read(&pdf(&objs));
    assert_eq!(paragraphs(&doc), ["可读的文字"]);
    assert_eq!(
        doc.warnings,
        [Warning::font_undecodable(1, "ABCDEF+Garbled", 4)]
    );
    assert_eq!(
        doc.warnings[0].to_string(),
        "page 1: text in font ABCDEF+Garbled cannot be decoded (no usable ToUnicode map); 4 characters left out"
    );
}

#[test]
fn no_text_layer_is_no_text() {
    let content = "q 100 0 0 100 0 0 cm /Im1 Do Q 0.5 w 10 10 m 100 10 l S".to_string();
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", content.as_bytes()),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80"),
    ];
    match read_pdf(&pdf(&objs), &Limits::default()) {
        Err(ExtractError::NoText(m)) => assert_eq!(m, "no text layer (scanned?)"),
        other => panic!("expected NoText, got {other:?}"),
    }
}

#[test]
fn form_xobjects_are_followed_and_bounded() {
    // The page paints form 5, which paints text and then itself (a loop).
    let form = format!(
        "BT /F1 10 Tf 1 0 0 1 20 100 Tm <{}> Tj ET /Fm1 Do",
        hex("表单里的字")
    );
    let objs = {
        let mut o = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
            stream("", b"q 1 0 0 1 10 -20 cm /Fm1 Do Q"),
            stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 300 200] /Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >>",
                form.as_bytes(),
            ),
        ];
        o.extend(cjk_font(6));
        o
    };
    let doc = read(&pdf(&objs));
    assert_eq!(paragraphs(&doc), ["表单里的字"]);
    assert!(
        doc.warnings.contains(&Warning::content_incomplete(
            1,
            "a form that paints itself was skipped"
        )),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn page_limit_reads_the_first_pages() {
    let pages: Vec<String> = (1..=3)
        .map(|i| text(20.0, 100.0, &format!("第{i}页内容")))
        .collect();
    let bytes = doc_with_pages(&pages, "");
    let limits = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let doc = read_pdf(&bytes, &limits).unwrap();
    assert_eq!(doc.pages, Some(3));
    assert_eq!(paragraphs(&doc), ["第1页内容", "第2页内容"]);
    assert_eq!(kinds(&doc), [(WarningKind::PageLimitReached, None)]);
    assert_eq!(
        (doc.warnings[0].count, doc.warnings[0].total),
        (Some(2), Some(3))
    );
    assert_eq!(
        doc.warnings[0].to_string(),
        "only the first 2 of 3 pages were read (page limit)"
    );
}

#[test]
fn damaged_xref_is_rebuilt() {
    let bytes = doc_with_pages(
        &[text(20.0, 100.0, "第一页"), text(20.0, 100.0, "第二页")],
        "",
    );
    // Cut the file before the cross-reference table.
    let xref = bytes.windows(4).rposition(|w| w == b"xref").unwrap();
    let doc = read(&bytes[..xref]);
    assert_eq!(doc.pages, Some(2));
    assert_eq!(paragraphs(&doc), ["第一页", "第二页"]);
    assert_eq!(kinds(&doc), [(WarningKind::XrefRepaired, None)]);
    let detail = doc.warnings[0].detail.as_deref().unwrap_or_default();
    assert!(!detail.is_empty(), "the cause is kept: {:?}", doc.warnings);
    assert!(doc.warnings[0]
        .to_string()
        .starts_with("the cross-reference table is damaged ("));
}

#[test]
fn a_bad_page_is_skipped_with_a_warning() {
    let mut bytes = doc_with_pages(
        &[text(20.0, 100.0, "好的一页"), text(20.0, 100.0, "坏的一页")],
        "",
    );
    // Point page 2's content at an object that does not exist.
    let needle = b"/Contents 9 0 R";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    bytes[at..at + needle.len()].copy_from_slice(b"/Contents 99 0R");
    let doc = read(&bytes);
    assert_eq!(paragraphs(&doc), ["好的一页"]);
    assert_eq!(kinds(&doc), [(WarningKind::ContentMissing, Some(2))]);
    assert_eq!(
        doc.warnings[0].to_string(),
        "page 2: its content stream is missing"
    );
}

#[test]
fn truncated_file_keeps_the_readable_pages() {
    let pages: Vec<String> = (1..=3)
        .map(|i| text(20.0, 100.0, &format!("第{i}页")))
        .collect();
    let bytes = doc_with_pages(&pages, "");
    // Cut in the middle of the third page's content stream.
    let at = bytes.windows(6).rposition(|w| w == b"stream").unwrap();
    let cut = &bytes[..at - 40];
    let doc = read_pdf(cut, &Limits::default()).expect("partial document");
    assert!(
        paragraphs(&doc).starts_with(&["第1页", "第2页"]),
        "{:?}",
        paragraphs(&doc)
    );
    // The xref is gone with the end of the file, and page 3's content stream was cut short: the
    // object it starts is not found when the file is scanned.
    assert_eq!(
        kinds(&doc),
        [
            (WarningKind::XrefRepaired, None),
            (WarningKind::ContentMissing, Some(3))
        ]
    );
    assert_eq!(
        doc.warnings[1].to_string(),
        "page 3: its content stream is missing"
    );
}

#[test]
fn garbage_is_malformed() {
    for bytes in [
        &b"%PDF-1.7\nthis is not a pdf"[..],
        b"%PDF-",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj",
    ] {
        match read_pdf(bytes, &Limits::default()) {
            Err(ExtractError::Malformed { what: m, .. }) => assert!(!m.is_empty()),
            other => panic!("expected Malformed, got {other:?}"),
        }
    }
}

fn encrypted(user_password: &str) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 1 0 0 1 20 100 Tm (Total 1,206.50) Tj ET".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 300.into(), 200.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(
                b"0123456789abcdef".to_vec(),
                lopdf::StringFormat::Hexadecimal,
            ),
            Object::String(
                b"0123456789abcdef".to_vec(),
                lopdf::StringFormat::Hexadecimal,
            ),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    assert!(out.windows(8).any(|w| w == b"/Encrypt"));
    out
}

#[test]
fn empty_user_password_is_decrypted() {
    let doc = read(&encrypted(""));
    assert_eq!(paragraphs(&doc), ["Total 1,206.50"]);
}

#[test]
fn user_password_is_required() {
    match read_pdf(&encrypted("open sesame"), &Limits::default()) {
        Err(ExtractError::Encrypted { what: m, .. }) => assert!(m.contains("password"), "{m}"),
        other => panic!("expected Encrypted, got {other:?}"),
    }
}

#[test]
fn table_ruled_only_between_columns_gets_a_row_per_line() {
    // Outer box, a rule under the header, column rules; no rules between the data rows.
    let mut c = String::from(
        "0.5 w 50 180 m 270 180 l S 50 160 m 270 160 l S 50 80 m 270 80 l S \
         50 180 m 50 80 l S 150 180 m 150 80 l S 270 180 m 270 80 l S\n",
    );
    c += &text(55.0, 166.0, "科目");
    c += &text(155.0, 166.0, "金额");
    for (i, (name, amount)) in [
        ("工资", "10.00"),
        ("津贴", "20.00"),
        ("奖金", "30.00"),
        ("合计", "60.00"),
    ]
    .iter()
    .enumerate()
    {
        let y = 145.0 - 18.0 * i as f32;
        c += &text(55.0, y, name);
        c += &text(155.0, y, amount);
    }
    let doc = read(&doc_with_pages(&[c], ""));
    let t = doc.tables().next().expect("table");
    assert_eq!((t.n_rows, t.n_cols), (5, 2));
    let rows: Vec<(&str, &str)> = (0..5)
        .map(|r| {
            let cell = |k| {
                t.cells
                    .iter()
                    .find(|c| c.row == r && c.col == k)
                    .unwrap()
                    .text
                    .as_str()
            };
            (cell(0), cell(1))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("科目", "金额"),
            ("工资", "10.00"),
            ("津贴", "20.00"),
            ("奖金", "30.00"),
            ("合计", "60.00")
        ]
    );
}

#[test]
fn unruled_table_from_column_alignment() {
    let mut c = text(20.0, 180.0, "表3 支出明细");
    let rows = [
        ("科目", "合计", "基本支出"),
        ("行政运行", "1,000.00", "800.00"),
        ("一般行政管理事务", "200.00", ""),
        ("合计", "1,200.00", "800.00"),
    ];
    for (i, (a, b, d)) in rows.iter().enumerate() {
        let y = 150.0 - 16.0 * i as f32;
        c += &text(20.0, y, a);
        c += &text(150.0, y, b);
        if !d.is_empty() {
            c += &text(230.0, y, d);
        }
    }
    let doc = read(&doc_with_pages(&[c], ""));
    assert_eq!(paragraphs(&doc), ["表3 支出明细"]);
    let t = doc.tables().next().expect("an aligned table");
    assert_eq!((t.n_rows, t.n_cols), (4, 3));
    let row2: Vec<&str> = t
        .cells
        .iter()
        .filter(|c| c.row == 2)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(row2, ["一般行政管理事务", "200.00", ""]);
}
