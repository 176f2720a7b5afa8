#!/usr/bin/env python3
"""Verify the PDF twins written by gen_pdf_corpus.py.

    python3 scripts/check_pdf_corpus.py                 # both folders; exit status 0 when all holds
    python3 scripts/check_pdf_corpus.py --dir pdf-direct [NAME ...]

Needs poppler-utils (pdftotext, pdffonts, pdfinfo) and poppler-data (for the CJK CMaps). For every
corpus/pdf/<name>.pdf and corpus/pdf-direct/<name>.pdf, against corpus/docx/<name>.docx and the shared
truth corpus/truth/<name>.json:

- every truth item: the cell the generator printed it in (positions from gen_corpus.generate_all, as
  check_corpus.py uses them) is read from the .docx; its number, converted with the unit printed over the
  table, must equal amount_yuan; and `pdftotext -layout` must show that number as printed (thousands
  separators, decimals and all) as a whole word. The words are counted: a table holding the same figure
  five times must show it five times. A number that the .docx itself breaks with a line break
  (variant amount_break_inside, `1,20⏎6.34`) must show as its two pieces on consecutive lines, one above
  the other;
- `单位：<unit>` for every unit printed over a table, and the department name, appear in the text;
- every non-empty body paragraph of the .docx (table titles, 编制部门 lines, narrative ...) appears in
  the text, whitespace and line wrapping ignored;
- the non-blank characters of the whole .docx (paragraphs and every table cell) and of the PDF text are
  the same multiset (nothing dropped, nothing added), but for header rows (w:tblHeader) repeated on the
  pages where a table continues;
- pdf-direct files use the non-embedded CID font STSong-Light with the CMap UniGB-UCS2-H and no other font.

It prints one line per PDF (pages, landscape pages, bytes) and the folder totals.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

from lxml import etree

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus as gc  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORPUS = gc.OUT_DIR
FOLDERS = ["pdf", "pdf-direct"]
WS = re.compile(r"\s+")  # str whitespace: includes U+3000 and U+00A0

errors: list[str] = []


def err(where: str, msg: str):
    errors.append(f"{where}: {msg}")


# ---------------------------------------------------------------------------------------------- docx


def para_text(p) -> str:
    out = ""
    for el in p.iter():
        if el.tag == W + "t":
            out += el.text or ""
        elif el.tag == W + "br":
            out += "\n"
        elif el.tag == W + "tab":
            out += "\t"
    return out


def cell_text(tc) -> str:
    """The cell's own paragraphs joined by line breaks (paragraphs of nested tables excluded)."""
    paras = []
    for el in tc.iter(W + "p"):
        anc, nested = el.getparent(), False
        while anc is not None and anc is not tc:
            if anc.tag == W + "tbl":
                nested = True
                break
            anc = anc.getparent()
        if not nested:
            paras.append(para_text(el))
    return "\n".join(paras)


def grid(tbl) -> dict:
    out = {}
    for ri, tr in enumerate(tbl.findall(W + "tr")):
        col = 0
        for tc in tr.findall(W + "tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            out[(ri, col)] = cell_text(tc)
            col += int(span.get(W + "val")) if span is not None else 1
    return out


def body_paragraphs(body) -> list[str]:
    """Top-level paragraphs in body order (also those inside block-level content controls)."""
    out = []
    for el in body:
        if el.tag == W + "p":
            out.append(para_text(el))
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                out.extend(body_paragraphs(content))
    return out


def number(text: str) -> Decimal | None:
    s = re.sub(r"[\s\u3000,]", "", text)
    if not s:
        return None
    if s in ("-", "—"):
        return Decimal(0)
    return Decimal(s)


def pieces(text: str) -> list[str]:
    """The printed lines of an amount cell, without the surrounding (full-width) spaces."""
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


# ---------------------------------------------------------------------------------------------- pdf


def run(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def words(lines: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", ln)] for ln in lines]


def broken_number_shown(toks, first: str, second: str) -> bool:
    """`first` on one line and `second` on one of the next three lines, in about the same column
    (-layout places lines of different rows a few characters apart)."""
    for i, row in enumerate(toks):
        for (s0, e0, w0) in row:
            if w0 != first:
                continue
            # the next line of the cell; lines of the neighbouring cells may come in between
            for j in range(i + 1, min(i + 4, len(toks))):
                for (s1, e1, w1) in toks[j]:
                    if w1 == second and s1 <= e0 + 6 and e1 >= s0 - 6:
                        return True
    return False


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)])
    return [(float(a), float(b)) for a, b in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def check_fonts(where: str, pdf: Path, direct: bool):
    out = run(["pdffonts", str(pdf)]).splitlines()[2:]
    fonts = [ln.split() for ln in out if ln.strip()]
    if not direct:
        for f in fonts:
            if f[-5] != "yes":
                err(where, f"font {f[0]} not embedded")
        return
    want = [f for f in fonts if f[0] == "STSong-Light"]
    if not want:
        err(where, "no STSong-Light font")
    for f in want:
        # name, type (CID Type 0), encoding, emb, sub, uni, object, generation
        if f[1:4] != ["CID", "Type", "0"] or f[4] != "UniGB-UCS2-H" or f[5] != "no":
            err(where, f"STSong-Light is not a non-embedded CID font with UniGB-UCS2-H: {' '.join(f)}")
    others = [f[0] for f in fonts if f[0] != "STSong-Light"]
    if others:
        err(where, f"other fonts used: {others}")


# ---------------------------------------------------------------------------------------------- main


def check_pdf(folder: str, pdf: Path, g: gc.Generated) -> dict:
    name = pdf.stem
    where = f"{folder}/{name}"
    truth = json.loads((CORPUS / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    docx_path = CORPUS / "docx" / f"{name}.docx"
    root = etree.fromstring(zipfile.ZipFile(docx_path).read("word/document.xml"))
    body = root.find(W + "body")
    top_tables = body.findall(W + "tbl")

    text = run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"])
    lines = text.splitlines()
    toks = words(lines)
    have = Counter(w for row in toks for (_s, _e, w) in row)
    compact = WS.sub("", text)

    # amounts of the truth, as printed in the .docx cells
    want: Counter = Counter()
    broken = []
    n_items = 0
    for tm in g.writer.tables:
        tbl = top_tables[tm["body_index"]]
        if tm["nested"]:
            tbl = tbl.find(f"{W}tr/{W}tc/{W}tbl")
        gr = grid(tbl)
        for c in tm["cells"]:
            n_items += 1
            it = c["item"]
            ctext = gr.get((c["row"], c["col"]))
            v = number(ctext) if ctext is not None else None
            if v is None or gc.q2(v * gc.unit_factor(tm["unit"])) != Decimal(it["amount_yuan"]):
                err(where, f"docx cell {tm['tid']} r{c['row']} c{c['col']} = {ctext!r} does not give {it}")
                continue
            ps = pieces(ctext)
            if len(ps) == 1:
                want[ps[0]] += 1
            else:
                broken.append((tm["tid"], ps))
    if n_items != len(truth["items"]):
        err(where, f"{n_items} printed cells vs {len(truth['items'])} truth items")
    missing = want - have
    for w, n in sorted(missing.items()):
        err(where, f"amount {w!r} shown {have[w]} times, printed {want[w]} times in the docx")
    for tid, ps in broken:
        if len(ps) != 2 or not broken_number_shown(toks, ps[0], ps[1]):
            err(where, f"broken amount {ps} of {tid} not shown as two stacked pieces")

    # unit lines, department, body paragraphs
    for unit in sorted({tm["unit"] for tm in g.writer.tables if tm["tid"]}):
        if f"单位：{unit}" not in compact:
            err(where, f"单位：{unit} not found")
    if WS.sub("", truth["department"]) not in compact:
        err(where, "department not found")
    for p in body_paragraphs(body):
        c = WS.sub("", p)
        if c and c not in compact:
            err(where, f"paragraph not found: {p[:60]!r}")

    # every character of the docx, no more, no less (header rows repeated on the pages a table
    # continues on are the only additions allowed)
    sizes = page_sizes(pdf)
    docx_chars = Counter(WS.sub("", "".join(t.text or "" for t in root.iter(W + "t"))))
    header_chars = Counter()
    for tr in root.iter(W + "tr"):
        if tr.find(f"{W}trPr/{W}tblHeader") is not None:
            header_chars.update(WS.sub("", "".join(t.text or "" for t in tr.iter(W + "t"))))
    pdf_chars = Counter(compact)
    lost = docx_chars - pdf_chars
    extra = (pdf_chars - docx_chars) - Counter({k: v * len(sizes) for k, v in header_chars.items()})
    if lost or extra:
        err(where, f"characters differ from the docx: missing {''.join(sorted(lost.elements()))[:80]!r}, "
                   f"extra {''.join(sorted(extra.elements()))[:80]!r}")

    check_fonts(where, pdf, folder == "pdf-direct")
    return {"pages": len(sizes), "landscape": sum(1 for w, h in sizes if w > h), "bytes": pdf.stat().st_size,
            "amounts": sum(want.values()) + len(broken)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", choices=FOLDERS, action="append", help="folder(s) to check (default: both)")
    ap.add_argument("names", nargs="*", help="base names to check (default: all PDFs in the folder)")
    a = ap.parse_args()
    gen = {g.name: g for g in gc.generate_all(gc.Codes.load())}
    for name, g in gen.items():
        if (CORPUS / "docx" / f"{name}.docx").read_bytes() != g.data:
            err(name, "docx on disk differs from gen_corpus.py's output: cell positions would be wrong")
    total = 0
    for folder in a.dir or FOLDERS:
        pdfs = sorted((CORPUS / folder).glob("*.pdf"))
        if a.names:
            pdfs = [p for p in pdfs if p.stem in a.names]
        size = 0
        for pdf in pdfs:
            if pdf.stem not in gen:
                err(f"{folder}/{pdf.stem}", "no corpus document of that name")
                continue
            n0 = len(errors)
            st = check_pdf(folder, pdf, gen[pdf.stem])
            size += st["bytes"]
            status = "ok" if len(errors) == n0 else f"{len(errors) - n0} problems"
            print(f"{folder}/{pdf.name}: {st['pages']} pages ({st['landscape']} landscape), "
                  f"{st['bytes']} bytes, {st['amounts']} amounts: {status}")
        print(f"{folder}: {len(pdfs)} PDFs, {size / 1e6:.2f} MB\n")
        total += size
    print(f"total {total / 1e6:.2f} MB")
    if total > 15_000_000:
        err("corpus", f"PDF corpus is {total} bytes (> 15 MB)")
    if errors:
        print(f"\n{len(errors)} problems:")
        for e in errors[:300]:
            print("  " + e)
        return 1
    print("PDF corpus OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
