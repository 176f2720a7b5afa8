#!/usr/bin/env python3
"""Generate yusuan's hostile-input fixtures in crates/yusuan/tests/fixtures/hostile/.

    python3 scripts/gen_hostile.py

Every file shows one way an input folder can be broken, malicious or simply not a budget disclosure
(empty, truncated, random bytes, an image under a document name, a zip bomb, XML entity expansion, a
deeply nested PDF, /Prev loops in the xref chain, encryption, a scan without a text layer, a Word 97
file, unrelated files, a hidden file). README.md in that folder (written by this script too) says what
each file is and what a correct reader must report for it.

The output is deterministic: fixed random seeds, fixed zip timestamps, reportlab with invariant=1 (fixed
dates and document ID, so the RC4 encryption keys are fixed too), hand-written PDFs with computed xref
offsets. Two inputs come from outside this script: the corpus files that are truncated
(corpus/docx/changji-zhengziju-2023.docx, corpus/pdf/changji-zhengziju-2023.pdf) and
legacy-word97.doc, which LibreOffice converts from that .docx (`soffice --headless --convert-to doc`);
its bytes depend on the LibreOffice version. Without LibreOffice, legacy-word97.doc is an OLE2 header
followed by seeded random bytes (see make_doc).

The whole folder must stay under 3 MB (checked at the end); the zip bomb (~1.04 MB) and deep-nesting.pdf
(600 KB) are most of it.
Needs reportlab (scripts/requirements.txt); PIL is not needed (the PNG is written with zlib + struct,
the scan image is a raw FlateDecode image XObject, the JPEG is a fixed byte string).
"""
from __future__ import annotations

import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__

from reportlab import rl_config  # noqa: E402

rl_config.invariant = 1  # before pdfencrypt is imported: it picks its "random" bytes at import time

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfbase import cidfonts, pdfdoc, pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Table, TableStyle  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "yusuan" / "tests" / "fixtures" / "hostile"
SRC_DOCX = ROOT / "corpus" / "docx" / "changji-zhengziju-2023.docx"
SRC_PDF = ROOT / "corpus" / "pdf" / "changji-zhengziju-2023.pdf"

MAX_FOLDER_BYTES = 3_000_000
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# The bomb's word/document.xml inflates to 1 GiB (~1.04 MB deflated; deflate cannot do better than
# ~1030:1). 2 GiB would be ~2.09 MB and, with deep-nesting.pdf (600 KB) and LibreOffice's .doc (~220 KB),
# push the folder over 3 MB; the size is a constant (not chosen from what fits) so that the output does
# not depend on the LibreOffice version. Either size is far beyond any sane limit of a reader, and both
# stay below 2**31 - 1, so the entry has no ZIP64 fields.
BOMB_SIZE = 2**30
NEST_DEPTH = 300_000

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
).encode()
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
).encode()

# A 16x16 greyscale baseline JFIF (415 bytes), written once with PIL (quality 75) and kept as bytes so
# that the fixture does not depend on PIL or its version.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912"
    "130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080010"
    "001001011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b51000020103"
    "03020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f024336272"
    "82090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475"
    "767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9"
    "cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00e4fc1da3ff00abf9"
    "6bd435dd5bfe10bf035cea517cb7d2e2dacb8cfef9c1c37dd23e5019f0460edc77acff000768ff00eafe5ae3fe226adf"
    "f091f8e469b6fcd8e8dbad938fbd3123cd6e5411c8098c91fbbc8fbd5fffd9"
)

# (file name, what it is, what a correct reader must report); README.md is written from this list.
README_ROWS = [
    ("empty.docx", "0 bytes", "**failed**: empty file"),
    ("empty.pdf", "0 bytes", "**failed**: empty file"),
    ("truncated.docx",
     "the first 40% of the bytes of corpus/docx/changji-zhengziju-2023.docx (no central directory)",
     "**failed**: not a readable zip (truncated)"),
    ("truncated.pdf",
     "the first 60% of the bytes of corpus/pdf/changji-zhengziju-2023.pdf (no xref, no trailer, no %%EOF)",
     "**partial** (whatever pages can be recovered) or **failed**, with a clear message that the PDF is "
     "truncated / has no xref"),
    ("random-bytes.docx", "20 KB of seeded random bytes (no zip signature)",
     "**unsupported**: unrecognised content"),
    ("random-bytes.pdf", "20 KB of seeded random bytes (no %PDF anywhere)",
     "**unsupported**: unrecognised content"),
    ("image-named.docx", "a valid 32x32 PNG named .docx", "**unsupported**: the content is an image"),
    ("image-named.pdf", "a valid 32x32 PNG named .pdf", "**unsupported**: the content is an image"),
    ("no-document-xml.docx",
     "a valid zip with [Content_Types].xml and _rels/.rels (pointing at word/document.xml) but no "
     "word/document.xml",
     "**failed**: word/document.xml missing"),
    ("zip-bomb.docx",
     "a ~1 MB .docx whose word/document.xml inflates to {bomb} (spaces inside a w:t), with valid "
     "[Content_Types].xml and _rels/.rels",
     "**failed**, naming the size limit; must not inflate the entry (memory stays small)"),
    ("billion-laughs.docx",
     "word/document.xml with a DTD of nested entities lol1..lol9 (each 10x the previous, ~3 GB if "
     "expanded), &lol9; used inside a w:t",
     "**ok** (entities left unexpanded) or **failed** (DTD / entity refused), but quickly and without "
     "expanding"),
    ("deep-nesting.pdf",
     f"a plausible one-page PDF (correct xref and trailer) whose page /Contents is an array nested "
     f"{NEST_DEPTH:,} levels deep",
     "**failed**, naming the nesting limit; no stack overflow"),
    ("xref-loop.pdf",
     "a valid one-page PDF (ASCII text) whose trailer /Prev points at its own xref section",
     "**failed** or **partial**, quickly: the /Prev chain must be followed at most once per offset"),
    ("xref-loop-2.pdf",
     "a valid one-page PDF with two xref sections whose trailers' /Prev point at each other",
     "**failed** or **partial**, quickly: the /Prev chain must be followed at most once per offset"),
    ("encrypted-user-password.pdf",
     "a one-page \u201c三公\u201d table (reportlab, STSong-Light), RC4 128-bit, user password \"secret\", "
     "owner password \"owner\"",
     "**failed**: a password is needed to open it"),
    ("encrypted-owner-only.pdf",
     "the same page, RC4 128-bit, EMPTY user password, owner password \"owner\" (opens without a password)",
     "**ok**: decrypted with the empty user password and read (title, unit 万元, one table with 合计 5.00, "
     "因公出国（境）费 1.00, 公务用车购置及运行费 3.00, 公务接待费 1.00)"),
    ("scanned.pdf",
     "one page that is only a grey image (an 8-bit DeviceGray image XObject); no text operators, no fonts",
     "**failed**: no text layer (scanned?)"),
    ("legacy-word97.doc", "{doc}", "**ok**: read by the Word 97-2003 (.doc) reader like the .docx it was converted "
     "from (the same 407 line items)"),
    ("notes.txt", "a plain-text sentence", "**unsupported**: not a .docx/.pdf"),
    ("photo.jpg", "a tiny valid 16x16 JPEG", "**unsupported**: not a .docx/.pdf"),
    (".hidden-file.pdf", "a hidden file: a byte copy of encrypted-owner-only.pdf",
     "listed like any other file (not skipped because of the leading dot); **ok** like "
     "encrypted-owner-only.pdf"),
]


# ==============================================================================================
# helpers
# ==============================================================================================

def zinfo(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi._compresslevel = 9  # honoured by ZipFile.open(zinfo, "w") and writestr
    zi.create_system = 3
    zi.external_attr = 0o644 << 16
    return zi


def write_docx(path: Path, parts: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts:
            zf.writestr(zinfo(name), data)


def png_bytes(width: int = 32, height: int = 32) -> bytes:
    """A valid 8-bit RGB PNG (a colour gradient), written with zlib + struct."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw += bytes((x * 255 // (width - 1), y * 255 // (height - 1), 128))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


PDF_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def pdf_body(objects: list[bytes]) -> tuple[bytearray, list[int]]:
    """Header + objects 1..n; returns the bytes and each object's offset (index 0 unused)."""
    out = bytearray(PDF_HEADER)
    offsets = [0]
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    return out, offsets


def xref_section(first: int, offsets: list[int]) -> bytes:
    """An xref subsection for objects first..first+len(offsets)-1 (object 0 is the free-list head)."""
    rows = b"".join(
        b"0000000000 65535 f \n" if first + i == 0 else b"%010d 00000 n \n" % off
        for i, off in enumerate(offsets)
    )
    return b"xref\n%d %d\n" % (first, len(offsets)) + rows


def simple_pdf(objects: list[bytes]) -> bytes:
    """A complete PDF with one xref section and a trailer whose /Root is object 1."""
    out, offsets = pdf_body(objects)
    xref_at = len(out)
    out += xref_section(0, offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets), xref_at)
    return bytes(out)


def page_objects(contents: bytes, resources: bytes) -> list[bytes]:
    """Catalog (1), Pages (2), Page (3) with /Contents 4 0 R, the content stream (4)."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
    ]


def text_page_objects(text: bytes) -> list[bytes]:
    """A one-page PDF's objects 1..5 showing an ASCII line in Helvetica (font is object 5)."""
    contents = b"BT /F1 18 Tf 72 700 Td (" + text + b") Tj ET"
    objs = page_objects(contents, b"<< /Font << /F1 5 0 R >> >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return objs


# ==============================================================================================
# the fixtures
# ==============================================================================================

def make_empty() -> None:
    (OUT / "empty.docx").write_bytes(b"")
    (OUT / "empty.pdf").write_bytes(b"")


def make_truncated() -> None:
    docx = SRC_DOCX.read_bytes()
    cut = docx[: len(docx) * 40 // 100]
    assert b"PK\x05\x06" not in cut and b"PK\x01\x02" not in cut, "truncated.docx still has a central directory"
    (OUT / "truncated.docx").write_bytes(cut)
    pdf = SRC_PDF.read_bytes()
    cut = pdf[: len(pdf) * 60 // 100]
    for marker in (b"xref", b"trailer", b"%%EOF"):
        assert marker not in cut, f"truncated.pdf still contains {marker!r}"
    (OUT / "truncated.pdf").write_bytes(cut)


def seeded_bytes(seed: int, n: int, bad: tuple[bytes, ...]) -> bytes:
    """n seeded random bytes containing none of `bad` (next seed if they do; deterministic)."""
    while True:
        data = random.Random(seed).randbytes(n)
        if not any(b in data for b in bad):
            return data
        seed += 1


def make_random() -> None:
    (OUT / "random-bytes.docx").write_bytes(seeded_bytes(20240101, 20 * 1024, (b"PK",)))
    (OUT / "random-bytes.pdf").write_bytes(seeded_bytes(20240102, 20 * 1024, (b"%PDF", b"%!PS")))


def make_image_named() -> None:
    png = png_bytes()
    (OUT / "image-named.docx").write_bytes(png)
    (OUT / "image-named.pdf").write_bytes(png)


def make_no_document_xml() -> None:
    write_docx(OUT / "no-document-xml.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)])


def make_zip_bomb(size: int) -> None:
    """word/document.xml = a well-formed document whose single w:t holds `size` bytes in all, almost all
    spaces, streamed through zlib 1 MiB at a time (memory stays small)."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
            '<w:body><w:p><w:r><w:t xml:space="preserve">').encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    fill = size - len(head) - len(tail)
    chunk = b" " * (1 << 20)
    path = OUT / "zip-bomb.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zinfo("[Content_Types].xml"), CONTENT_TYPES)
        zf.writestr(zinfo("_rels/.rels"), RELS)
        # no file_size preset: zipfile then writes no ZIP64 extra (the size stays below 2**31 - 1)
        with zf.open(zinfo("word/document.xml"), "w") as f:
            f.write(head)
            while fill > 0:
                n = min(fill, len(chunk))
                f.write(chunk[:n])
                fill -= n
            f.write(tail)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size == size


def make_billion_laughs() -> None:
    ents = ['  <!ENTITY lol "lol">']
    prev = "lol"
    for i in range(1, 10):
        ents.append(f'  <!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
        prev = f"lol{i}"
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           "<!DOCTYPE w:document [\n" + "\n".join(ents) + "\n]>\n"
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
           "</w:document>\n")
    write_docx(OUT / "billion-laughs.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                             ("word/document.xml", xml.encode())])


def make_deep_nesting() -> None:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R >>",
        b"[" * NEST_DEPTH + b"]" * NEST_DEPTH,
    ]
    (OUT / "deep-nesting.pdf").write_bytes(simple_pdf(objs))


def make_xref_loops() -> None:
    # one xref section whose trailer's /Prev is its own offset
    out, offsets = pdf_body(text_page_objects(b"xref loop: /Prev points at this xref"))
    xref_at = len(out)
    out += xref_section(0, offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets), xref_at, xref_at)
    (OUT / "xref-loop.pdf").write_bytes(bytes(out))

    # two sections: A (objects 0-3) with /Prev -> B, B (objects 4-5) with /Prev -> A; startxref -> B
    out, offsets = pdf_body(text_page_objects(b"xref loop: two sections point at each other"))
    a_at = len(out)
    sec_a = xref_section(0, offsets[:4])
    b_at = a_at  # solve for B's offset (it depends on the number of digits written into A's trailer)
    for _ in range(5):
        trailer_a = b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(offsets), b_at)
        new_b = a_at + len(sec_a) + len(trailer_a)
        if new_b == b_at:
            break
        b_at = new_b
    out += sec_a + trailer_a
    assert len(out) == b_at
    out += xref_section(4, offsets[4:])
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets), a_at, b_at)
    (OUT / "xref-loop-2.pdf").write_bytes(bytes(out))


def encrypt_cid_system_info(face: str) -> None:
    """reportlab writes the CIDSystemInfo strings of a CID font ((Adobe), (GB1)) as raw literals, so in an
    encrypted PDF they stay in clear text; a conforming reader decrypts them into garbage and then finds no
    CMap for that character collection (poppler extracts no text at all). Make them PDFStrings, which
    reportlab encrypts like any other string of the object."""
    def fix(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if isinstance(v, str) and len(v) > 1 and v[0] == "(" and v[-1] == ")":
                    x[k] = pdfdoc.PDFString(v[1:-1])
                else:
                    fix(v)
        elif isinstance(x, list):
            for v in x:
                fix(v)
    fix(cidfonts.CIDFontInfo[face])


def three_public_page(path: Path, enc: StandardEncryption) -> None:
    """One A4 page in the style of a disclosure's “三公” table, in the non-embedded CID font STSong-Light."""
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        encrypt_cid_system_info("STSong-Light")
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=enc)
    c.setTitle("一般公共预算“三公”经费支出情况表")
    c.setAuthor("yusuan hostile fixtures")
    width, height = A4
    c.setFont("STSong-Light", 16)
    c.drawCentredString(width / 2, height - 90, "一般公共预算“三公”经费支出情况表")
    c.setFont("STSong-Light", 10.5)
    c.drawString(60, height - 125, "编制部门（单位）：测试局        单位：万元")
    data = [["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
            ["5.00", "1.00", "3.00", "1.00"]]
    table = Table(data, colWidths=[80, 130, 160, 105], rowHeights=24)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
        ("FONTSIZE", (0, 0), (-1, -1), 10.5),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
    ]))
    tw, th = table.wrapOn(c, width, height)
    table.drawOn(c, (width - tw) / 2, height - 140 - th)
    c.showPage()
    c.save()


def make_encrypted() -> None:
    three_public_page(OUT / "encrypted-user-password.pdf",
                      StandardEncryption("secret", ownerPassword="owner", strength=128))
    three_public_page(OUT / "encrypted-owner-only.pdf",
                      StandardEncryption("", ownerPassword="owner", strength=128))
    for name in ("encrypted-user-password.pdf", "encrypted-owner-only.pdf"):
        assert b"/Encrypt" in (OUT / name).read_bytes(), f"{name} is not encrypted"


def scan_image(width: int, height: int, seed: int) -> bytes:
    """8-bit grey pixels that look like a scanned page from afar: an off-white sheet, a darker title bar
    and rows of dark character blocks with random gaps (no per-pixel noise, so it compresses well)."""
    rnd = random.Random(seed)
    paper = 236
    rows = [bytearray([paper]) * width for _ in range(height)]

    def block(x0: int, y0: int, w: int, h: int, v: int) -> None:
        for y in range(max(0, y0), min(height, y0 + h)):
            rows[y][max(0, x0):min(width, x0 + w)] = bytes([v]) * (min(width, x0 + w) - max(0, x0))

    # title
    x = 170
    while x < width - 170:
        block(x, 70, 16, 16, rnd.randint(40, 70))
        x += 19
    # body: lines of 10-px "characters"
    y = 120
    while y < height - 80:
        x = 72 + (20 if rnd.random() < 0.2 else 0)
        end = width - 72 - (rnd.randint(0, 200) if rnd.random() < 0.25 else 0)
        while x < end - 10:
            if rnd.random() > 0.08:
                block(x, y, 10, 10, rnd.randint(30, 90))
            x += 12
        y += 18 if rnd.random() > 0.15 else 30
    # a scanner's grey edge
    block(0, 0, 6, height, 150)
    return b"".join(bytes(r) for r in rows)


def make_scanned() -> None:
    w, h = 612, 792
    pixels = zlib.compress(scan_image(w, h, seed=7), 9)
    contents = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
    objs = page_objects(contents, b"<< /XObject << /Im0 5 0 R >> >>")
    objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pixels))
                + pixels + b"\nendstream")
    assert not any(op in contents for op in (b"BT", b"Tj", b"TJ", b"'", b'"'))
    assert b"/Font" not in b"".join(objs[:4])
    (OUT / "scanned.pdf").write_bytes(simple_pdf(objs))


def make_doc() -> str:
    """legacy-word97.doc; returns the README description of how it was made."""
    target = OUT / "legacy-word97.doc"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory(prefix="yusuan-hostile-") as tmp:
            tmp = Path(tmp)
            src = tmp / "legacy-word97.docx"
            shutil.copyfile(SRC_DOCX, src)
            cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "doc", "--outdir", str(tmp / "out"), str(src)]
            env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
            res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
            doc = tmp / "out" / "legacy-word97.doc"
            if doc.exists() and doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                shutil.copyfile(doc, target)
                return ("corpus/docx/changji-zhengziju-2023.docx converted by LibreOffice to Word 97-2003 "
                        "(.doc, an OLE2 compound file)")
            print(f"warning: LibreOffice did not convert to .doc:\n{res.stdout}\n{res.stderr}", file=sys.stderr)
    # Fallback without LibreOffice: only the OLE2 compound-file signature followed by seeded bytes; enough
    # for a reader that sniffs the magic number, but not a real Word 97 document.
    print("warning: LibreOffice unavailable; legacy-word97.doc is an OLE2 header + seeded bytes", file=sys.stderr)
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(97).randbytes(16 * 1024 - 8))
    return "FALLBACK (no LibreOffice): the OLE2 signature D0 CF 11 E0 A1 B1 1A E1 followed by seeded bytes"


def make_unrelated() -> None:
    (OUT / "notes.txt").write_text("这是一个与预算公开无关的备忘文件。This note is not a budget disclosure.\n",
                                   encoding="utf-8")
    (OUT / "photo.jpg").write_bytes(TINY_JPEG)
    shutil.copyfile(OUT / "encrypted-owner-only.pdf", OUT / ".hidden-file.pdf")


def write_readme(bomb_size: int, doc_desc: str) -> None:
    bomb = f"{bomb_size:,} bytes (~{bomb_size / 2**30:.1f} GiB)"
    lines = [
        "# Hostile inputs",
        "",
        "Generated by `python3 scripts/gen_hostile.py` (deterministic; do not edit by hand). One line per "
        "file: what it is, then what a correct `yusuan run` must report for it (status and why). Every "
        "file must be handled quickly, in bounded memory, without a panic or a hang, and the other files "
        "of the folder must still be read.",
        "",
    ]
    for name, what, expect in README_ROWS:
        what = what.format(bomb=bomb, doc=doc_desc)
        lines.append(f"- `{name}`: {what}. Expected: {expect}.")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if OUT.exists():
        for p in OUT.iterdir():  # regenerate from scratch (keeps the folder free of stale fixtures)
            p.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    make_empty()
    make_truncated()
    make_random()
    make_image_named()
    make_no_document_xml()
    make_billion_laughs()
    make_deep_nesting()
    make_xref_loops()
    make_encrypted()
    make_scanned()
    doc_desc = make_doc()
    make_unrelated()
    print(f"zip bomb: streaming {BOMB_SIZE:,} bytes through zlib ...")
    make_zip_bomb(BOMB_SIZE)
    write_readme(BOMB_SIZE, doc_desc)
    total = 0
    for p in sorted(OUT.iterdir()):
        total += p.stat().st_size
        print(f"  {p.stat().st_size:>10,}  {p.name}")
    print(f"  {total:>10,}  total in {OUT.relative_to(ROOT)}")
    if total > MAX_FOLDER_BYTES:
        raise SystemExit(f"hostile fixtures are {total:,} bytes, over {MAX_FOLDER_BYTES:,}")


if __name__ == "__main__":
    main()
