#!/usr/bin/env python3
"""Write crates/yusuan/tests/fixtures/stream-bombs/: small PDFs whose streams inflate far past
`--max-part-mib 1`, one per filter chain a PDF can carry (and the streams lopdf decompresses on
its own while loading: object streams and cross-reference streams). `tests/limits.rs` reads each
under that limit and expects `failed` with "limit exceeded", never another failure.

Standard library only. Run: python3 scripts/gen_stream_bombs.py
"""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "yusuan" / "tests" / "fixtures" / "stream-bombs"
MIB = 1 << 20
HEADER = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"


def deflate(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def spaces_deflated(n: int) -> bytes:
    """zlib data of n spaces, compressed in chunks so the whole never sits in memory."""
    c = zlib.compressobj(9)
    chunk = b" " * MIB
    out = bytearray()
    for _ in range(n // MIB):
        out += c.compress(chunk)
    out += c.compress(b" " * (n % MIB))
    out += c.flush()
    return bytes(out)


def lzw(data: bytes) -> bytes:
    """LZW as PDF writes it: MSB first, 9-12-bit codes, EarlyChange 1, clear when full."""
    table = {bytes([i]): i for i in range(256)}
    nxt, width = 258, 9
    bits, nbits, out = 0, 0, bytearray()

    def emit(code: int) -> None:
        nonlocal bits, nbits
        bits = (bits << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)
        bits &= (1 << nbits) - 1

    emit(256)
    w = b""
    for b in data:
        wc = w + bytes([b])
        if wc in table:
            w = wc
            continue
        emit(table[w])
        table[wc] = nxt
        nxt += 1
        if nxt + 1 > (1 << width):
            if width < 12:
                width += 1
            else:
                emit(256)
                table = {bytes([i]): i for i in range(256)}
                nxt, width = 258, 9
        w = bytes([b])
    if w:
        emit(table[w])
    emit(257)
    if nbits:
        out.append((bits << (8 - nbits)) & 0xFF)
    return bytes(out)


def run_length(data: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        n = min(128, len(data) - i)
        out += bytes([257 - n, data[i]])
        i += n
    return bytes(out + b"\x80")


def pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(HEADER)
    offsets = [0]
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % len(offsets)
    out += b"0000000000 65535 f \n"
    for off in offsets[1:]:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets),
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(dict_entries: bytes, data: bytes) -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), dict_entries) + data + b"\nendstream"


def page_with_content(content: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for p in OUT.iterdir():
        p.unlink()
    eight = 8 * MIB
    files: dict[str, tuple[bytes, str]] = {}

    z = spaces_deflated(200 * MIB)
    files["flate-predictor-1.pdf"] = (
        pdf(page_with_content(stream(b"/Filter /FlateDecode /DecodeParms << /Predictor 1 >>", z))),
        "200 MiB of spaces, /FlateDecode with /DecodeParms << /Predictor 1 >>",
    )
    rows = (b"\x00" + b" " * 99) * (eight // 100)
    files["flate-png-predictor.pdf"] = (
        pdf(page_with_content(stream(
            b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 99 >>", deflate(rows)))),
        "8 MiB, /FlateDecode with a PNG predictor (/Predictor 12 /Columns 99)",
    )
    files["lzw.pdf"] = (
        pdf(page_with_content(stream(b"/Filter /LZWDecode", lzw(b" " * eight)))),
        "8 MiB of spaces, /LZWDecode",
    )
    a85 = base64.a85encode(deflate(b" " * eight)) + b"~>"
    files["ascii85-flate.pdf"] = (
        pdf(page_with_content(stream(b"/Filter [/ASCII85Decode /FlateDecode]", a85))),
        "8 MiB of spaces, [/ASCII85Decode /FlateDecode]",
    )
    ahx = deflate(b" " * eight).hex().encode() + b">"
    files["asciihex-flate.pdf"] = (
        pdf(page_with_content(stream(b"/Filter [/AHx /Fl]", ahx))),
        "8 MiB of spaces, [/AHx /Fl] (short names)",
    )
    files["run-length.pdf"] = (
        pdf(page_with_content(stream(b"/Filter /RunLengthDecode", run_length(b" " * eight)))),
        "8 MiB of spaces, /RunLengthDecode",
    )
    objstm = page_with_content(stream(b"", b"BT /F1 18 Tf 72 700 Td (hello) Tj ET"))
    objstm.append(stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
                         spaces_deflated(eight)))
    files["object-stream.pdf"] = (
        pdf(objstm),
        "a readable page plus an object stream (/Type /ObjStm) of 8 MiB of spaces, which a PDF "
        "library decompresses while loading",
    )
    xref = page_with_content(stream(b"", b"BT /F1 18 Tf 72 700 Td (hello) Tj ET"))
    xref.append(stream(b"/Type /XRef /Size 1 /W [1 1 1] /Filter /FlateDecode",
                       spaces_deflated(eight)))
    files["xref-stream.pdf"] = (
        pdf(xref, b" /XRefStm 0"),
        "a readable page plus a cross-reference stream (/Type /XRef) of 8 MiB of spaces",
    )

    lines = [
        "# Stream bombs",
        "",
        "Made by `scripts/gen_stream_bombs.py`. Each PDF is small but one of its streams inflates",
        "far past `--max-part-mib 1`; `tests/limits.rs` reads them under that limit and expects",
        "`failed` with `limit exceeded` for each, never a different failure.",
        "",
        "| file | bytes | what |",
        "|---|---|---|",
    ]
    for name, (data, what) in sorted(files.items()):
        (OUT / name).write_bytes(data)
        lines.append(f"| `{name}` | {len(data):,} | {what} |")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, (data, _) in sorted(files.items()):
        print(f"{len(data):>10,}  {name}")


if __name__ == "__main__":
    main()
