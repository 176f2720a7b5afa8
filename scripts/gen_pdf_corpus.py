#!/usr/bin/env python3
"""Generate the PDF twins of yusuan's Word corpus (see corpus/README.md, section PDF).

    python3 scripts/gen_pdf_corpus.py                  # both folders
    python3 scripts/gen_pdf_corpus.py --only lo        # corpus/pdf only (LibreOffice)
    python3 scripts/gen_pdf_corpus.py --only direct    # corpus/pdf-direct only (reportlab)
    python3 scripts/gen_pdf_corpus.py --only direct --all   # pdf-direct for every document (a robustness
                                                            # run; the committed set is DIRECT_DOCS)

corpus/pdf/<name>.pdf: every corpus/docx/<name>.docx converted by LibreOffice
(`soffice --headless --convert-to pdf`), with embedded fonts (WenQuanYi Zen Hei for CJK; DejaVu Sans for
Latin). LibreOffice lays tables out on the fixed grid widths of the .docx (w:gridCol / w:tcW) and does
not widen a column to fit a number the way Word's autofit does, so many amounts of the wider tables would
wrap inside their cell (`1161.` ⏎ `88`). The conversion therefore runs on a temporary copy of the .docx
in which only the column widths of such tables are recomputed (the same total width, or up to the text
width of the page where that is not enough, then narrower cell margins, then a smaller font in that table)
so that every number fits; the text and the structure of the document are untouched. The CreationDate,
the document ID and the /DocChecksum that LibreOffice writes are then replaced (same length, so the xref
offsets stay valid) with a fixed date, an ID derived from the .docx bytes and an MD5 of the patched file:
re-runs give identical bytes with the same LibreOffice and fonts.

corpus/pdf-direct/<name>.pdf: DIRECT_DOCS written directly with reportlab, a producer with a different
structure: the non-embedded CID font STSong-Light with the predefined CMap UniGB-UCS2-H, tables drawn as
reportlab Tables with grid lines, merged cells rebuilt from each w:tc's gridSpan / vMerge as SPAN styles,
header rows (w:tblHeader) repeated when a table continues on the next page, every cell's paragraphs joined
by line breaks and its text kept exactly (spaces and full-width spaces included: cells are drawn as plain
strings, wrapped by this script at character level, never inside a number). Column widths are computed
from the text so that amounts never wrap (the table's font is made smaller if needed, and a table that
still does not fit a portrait page is put on landscape pages). A table's heading paragraphs start a new
page with it when its header rows and a few rows would not fit below them. Pages are portrait or
landscape as in the .docx. A table nested in the single cell of an outer table (variant nested_table) is
drawn as the inner table itself. reportlab runs with invariant=1, so re-runs give identical bytes.

The truth of every PDF is corpus/truth/<name>.json, shared with the .docx of the same base name;
check_pdf_corpus.py verifies the PDFs against it. This script never writes corpus/docx or corpus/truth.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
from lxml import etree

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCX_DIR = CORPUS / "docx"
LO_DIR = CORPUS / "pdf"
DIRECT_DIR = CORPUS / "pdf-direct"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIXED_PDF_DATE = b"20240101000000"

# The documents written directly with reportlab, and the variants each one brings in.
DIRECT_DOCS = {
    "seed-changji-zhengziju-2022": "the real 2022 budget: code_split, precision_mixed (表1 at 6 decimals), "
                                   "title and 编制部门 rows inside 表5-表7, the \\n16 cells, misnamed code",
    "changji-caizhengju-2022": "元 with cents, code_fused_nospace, landscape_section, 三公 tree with 机关运行经费, "
                               "thousands separators, split runs, seeded rollup",
    "changji-caizhengju-2023": "code_fused_space, amount_break_inside, three_public_flat, res_carryover_rows, "
                               "precision_mixed, content controls in cells",
    "changji-caizhengju-2024": "code_split_blank, precision_6dp, name_indent, three_public_row_label, "
                               "performance targets",
    "changji-jiaoyuju-2022": "元 whole yuan, code_fused_bracket, title_in_table, dept_unit_in_table, "
                             "total_row_first, income_multi_source",
    "changji-jiaoyuju-2023": "code_joined, trailing_zeros_stripped, three_public_unit_differs, "
                             "res_full_class_list",
    "changji-jikongzhongxin-2024": "scope_unit, code_split, tables_missing, state_capital_table, "
                                   "three_public_unit_differs",
    "changji-ziranziyuanju-2022": "547 items: long tables continuing on the next page, government fund table "
                                  "printed, code_fused_bracket",
    "chengdu-nongyenongcunju-2021": "landscape_section, code_split, misnamed_code, narrative mismatch, "
                                    "zero_dash",
    "chengdu-shengtaihuanjingju-2023": "nested_table (drawn as the inner table), code_joined, table_order_alt",
    "chengdu-shengtaihuanjingju-2024": "元 with cents, code_joined, amount_break_inside, zero_dash, "
                                       "performance targets",
    "hangzhou-caizhengju-2024": "569 items, code_fused_bracket, thousands separators, state_capital_table",
    "hangzhou-jiaotongyunshuju-2022": "元 with cents, code_split_blank, res_full_class_list, 13-column "
                                      "revenue table",
    "hangzhou-minzhengju-2022": "code_fused_nospace, precision_6dp, three_public_unit_differs, "
                                "three_public_running_costs, amount_break_inside",
    "hangzhou-minzhengju-2024": "landscape_section, header_single_row, code_fused_space, seeded row identity",
}

NUMBER_LINE = re.compile(r"^[\s\u3000]*[-—]?[\d,]*\.?\d*[\s\u3000]*$")


def is_number_line(s: str) -> bool:
    return bool(s.strip()) and bool(NUMBER_LINE.match(s)) and s.strip() not in (".",)


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


def cell_paragraphs(tc) -> list:
    """The w:p of a cell in order, also inside content controls, without those of nested tables."""
    out = []
    for el in tc:
        if el.tag == W + "p":
            out.append(el)
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                out.extend(cell_paragraphs(content))
    return out


def cell_text(tc) -> str:
    return "\n".join(para_text(p) for p in cell_paragraphs(tc))


def grid_span(tc) -> int:
    gs = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(gs.get(W + "val")) if gs is not None else 1


def v_merge(tc) -> str | None:
    vm = tc.find(f"{W}tcPr/{W}vMerge")
    if vm is None:
        return None
    return "restart" if vm.get(W + "val") == "restart" else "cont"


# ==============================================================================================
# text measuring (shared by both producers; widths in points)


class Metrics:
    """String widths in one font; a CJK-aware greedy line breaker that never breaks inside a number."""

    def __init__(self, width_fn):
        self.width_fn = width_fn  # (text, size) -> points

    def width(self, s: str, size: float) -> float:
        return self.width_fn(s, size)

    @staticmethod
    def tokens(s: str) -> list[str]:
        # runs of printable ASCII without spaces (numbers, codes, latin words) stay whole; every other
        # character (CJK, full-width punctuation, a space) is a token of its own
        return re.findall(r"[!-~]+|.", s, flags=re.S)

    def min_width(self, s: str, size: float) -> float:
        """The narrowest width a line may be wrapped to: a number whole, any other text at least four
        characters wide (or its own width, when shorter) and never narrower than its longest latin run."""
        if is_number_line(s):
            return self.width(s, size)
        longest = max((self.width(t, size) for t in self.tokens(s) if not t.isspace()), default=0.0)
        return max(longest, min(self.width(s.strip(), size), 4 * size))

    def wrap(self, s: str, size: float, avail: float) -> list[str]:
        """Break one line into lines no wider than avail (numbers are never broken)."""
        if self.width(s, size) <= avail + 0.01 or is_number_line(s):
            return [s]
        no_start = set("，。、；：！？）》」』”’%．,.;:!?)]}")
        lines, cur = [], ""
        for t in self.tokens(s):
            if not cur or t.isspace() or t in no_start or self.width(cur + t, size) <= avail + 0.01:
                cur += t  # spaces and closing punctuation hang at the end of the line
                continue
            lines.append(cur)
            cur = t
        lines.append(cur)
        # a token wider than the column (a long latin run): break it by character
        out = []
        for ln in lines:
            while self.width(ln, size) > avail + 0.01 and len(ln) > 1 and not is_number_line(ln):
                k = len(ln)
                while k > 1 and self.width(ln[:k], size) > avail + 0.01:
                    k -= 1
                out.append(ln[:k])
                ln = ln[k:]
            out.append(ln)
        return out


# ==============================================================================================
# LibreOffice twins


def lo_metrics() -> Metrics:
    """Widths as LibreOffice lays the corpus out here: CJK in WenQuanYi Zen Hei (1 em), the rest in
    DejaVu Sans (its real widths when the font file is there, else 0.64 em)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    dejavu = None
    for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(p).exists():
            pdfmetrics.registerFont(TTFont("LO-DejaVuSans", p))
            dejavu = "LO-DejaVuSans"

    def w(s: str, size: float) -> float:
        total = 0.0
        for ch in s:
            if ord(ch) >= 0x2E80:
                total += size
            elif dejavu:
                total += pdfmetrics.stringWidth(ch, dejavu, size)
            else:
                total += 0.64 * size
        return total * 1.04  # a little slack for LibreOffice's own rounding

    return Metrics(w)


def run_size(el, default_half_points: int = 21) -> int:
    """The size (half-points) of the first run under el that sets one."""
    sz = el.find(f".//{W}rPr/{W}sz")
    return int(sz.get(W + "val")) if sz is not None else default_half_points


def table_font_size(tbl, default_half_points: int = 18) -> int:
    """The size (half-points) most runs of a table have (a title row inside the table is larger)."""
    sizes = Counter(int(sz.get(W + "val")) for sz in tbl.iter(W + "sz"))
    return sizes.most_common(1)[0][0] if sizes else default_half_points


LO_SDT_CELL_PT = 10.5


def fit_table_for_lo(tbl, avail_tw: int, m: Metrics) -> str | None:
    """Recompute the column widths of one table so that every number fits on one line of its cell.
    Returns a note when the table was changed."""
    grid = tbl.find(W + "tblGrid")
    cols = [int(g.get(W + "w")) for g in grid.findall(W + "gridCol")]
    n = len(cols)
    rows = tbl.findall(W + "tr")
    cells = []  # (col, span, tc, lines)
    for tr in rows:
        col = 0
        for tc in tr.findall(W + "tc"):
            span = grid_span(tc)
            cells.append((col, span, tc, cell_text(tc).split("\n")))
            col += span
    size_hp = table_font_size(tbl)
    total = sum(cols)

    def needs(size_pt: float, margin_tw: int):
        pad = 2 * margin_tw + 60  # both cell margins and a little air, in twips
        need = [0] * n  # what numbers need (a hard minimum)
        mn = [0] * n
        pref = [0] * n
        for col, span, tc, lines in cells:
            if span != 1:
                continue
            # LibreOffice 7.4 drops the run formatting inside a cell-level content control (variant
            # content_control_cell) and draws that text at the Normal style's 10.5pt
            cs = LO_SDT_CELL_PT if tc.find(W + "sdt") is not None else size_pt
            for ln in lines:
                tw = lambda pt: int(pt * 20) + pad  # noqa: E731
                if is_number_line(ln):
                    need[col] = max(need[col], tw(m.width(ln.rstrip(" \u3000"), cs)))
                mn[col] = max(mn[col], tw(m.min_width(ln, cs)), tw(cs))
                pref[col] = max(pref[col], tw(m.width(ln, cs)))
        mn = [max(a, b) for a, b in zip(mn, need)]
        pref = [max(a, b) for a, b in zip(pref, mn)]
        return need, mn, pref

    need, _mn, _pref = needs(size_hp / 2, 108)
    if all(nd <= c for nd, c in zip(need, cols)):
        return None
    note = ""
    margin, size = 108, size_hp
    while True:
        need, mn, pref = needs(size / 2, margin)
        if sum(mn) <= avail_tw:
            break
        if margin > 40:
            margin = 40
            note += " narrow margins"
        elif size > 12:
            size -= 1
        else:
            break  # give up: leave the widest layout possible
    if size != size_hp:
        note += f" font {size_hp / 2}->{size / 2}pt"
        for r in tbl.iter(W + "rPr"):
            for tag in ("sz", "szCs"):
                el = r.find(W + tag)
                if el is not None:
                    el.set(W + "val", str(max(10, round(int(el.get(W + "val")) * size / size_hp))))
    if margin != 108:
        tblpr = tbl.find(W + "tblPr")
        mar = etree.SubElement(tblpr, W + "tblCellMar")
        for side in ("left", "right"):
            e = etree.SubElement(mar, W + side)
            e.set(W + "w", str(margin))
            e.set(W + "type", "dxa")
        # tblCellMar must come after tblW/tblLayout and before tblLook in CT_TblPr
        look = tblpr.find(W + "tblLook")
        if look is not None:
            look.addprevious(mar)
    target = max(total, min(sum(mn), avail_tw))
    if sum(pref) <= target:
        extra = target - sum(pref)
        widths = [p + extra * p // sum(pref) for p in pref]
    else:
        slack = sum(p - q for p, q in zip(pref, mn))
        extra = max(0, target - sum(mn))
        widths = [q + (extra * (p - q) // slack if slack else 0) for p, q in zip(pref, mn)]
    widths[-1] += max(0, target - sum(widths))
    # spanning cells: numbers in them must fit their columns together
    for col, span, tc, lines in cells:
        if span > 1:
            nd = max((int(m.width(ln.rstrip(" \u3000"), size / 2) * 20) + 2 * margin + 60
                      for ln in lines if is_number_line(ln)), default=0)
            have = sum(widths[col:col + span])
            if nd > have:
                widths[col + span - 1] += nd - have
    for g, wv in zip(grid.findall(W + "gridCol"), widths):
        g.set(W + "w", str(wv))
    for col, span, tc, _lines in cells:
        tcw = tc.find(f"{W}tcPr/{W}tcW")
        if tcw is not None:
            tcw.set(W + "w", str(sum(widths[col:col + span])))
            tcw.set(W + "type", "dxa")
    return f"{n} columns {total}->{sum(widths)} twips{note}"


def fit_docx_for_lo(src: Path, dst: Path, m: Metrics) -> list[str]:
    """Write a copy of src whose too-narrow tables are widened (see the module doc); the rest is copied
    byte for byte."""
    zin = zipfile.ZipFile(src)
    root = etree.fromstring(zin.read("word/document.xml"))
    body = root.find(W + "body")
    sect = body.find(W + "sectPr")
    pw = int(sect.find(W + "pgSz").get(W + "w"))
    mar = sect.find(W + "pgMar")
    avail = pw - int(mar.get(W + "left")) - int(mar.get(W + "right"))
    notes = []
    tables = list(root.iter(W + "tbl"))
    # inner tables first, so that an outer table can be widened to hold its nested table
    depth = {id(t): sum(1 for a in t.iterancestors(W + "tbl")) for t in tables}
    for i, tbl in sorted(enumerate(tables), key=lambda x: -depth[id(x[1])]):
        if depth[id(tbl)]:
            note = fit_table_for_lo(tbl, avail - 400 * depth[id(tbl)], m)
        else:
            note = fit_table_for_lo(tbl, avail, m)
            inner = [t for t in tbl.iter(W + "tbl") if t is not tbl]
            cols = tbl.find(W + "tblGrid").findall(W + "gridCol")
            if inner and len(cols) == 1:
                need = sum(int(g.get(W + "w")) for g in inner[0].find(W + "tblGrid").findall(W + "gridCol")) + 300
                need = min(need, avail)
                if need > int(cols[0].get(W + "w")):
                    cols[0].set(W + "w", str(need))
                    for tcw in tbl.findall(f"{W}tr/{W}tc/{W}tcPr/{W}tcW"):
                        tcw.set(W + "w", str(need))
                    note = (note or "") + f" outer table widened to {need} twips"
        if note:
            notes.append(f"table {i}: {note.strip()}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml" and notes:
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    dst.write_bytes(out.getvalue())
    return notes


def make_lo_pdf_deterministic(pdf: bytes, docx_bytes: bytes) -> bytes:
    """Replace LibreOffice's creation time, random document ID and DocChecksum by fixed values of the same
    length (so that the xref offsets stay valid)."""
    def date(mo):
        return mo.group(1) + FIXED_PDF_DATE

    out, n_dates = re.subn(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", date, pdf)
    digest = hashlib.md5(docx_bytes).hexdigest().upper().encode()

    def ident(mo):
        return mo.group(1) + digest + mo.group(2) + digest + mo.group(3)

    out, n_ids = re.subn(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}(>)", ident, out)
    if not n_dates or not n_ids:
        raise RuntimeError("no CreationDate or /ID found where LibreOffice 7.4 writes them: check the patterns")
    # LibreOffice's own /DocChecksum (an MD5 that covers the creation time): recompute it over the
    # patched file with the checksum itself zeroed
    zeroed = re.sub(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}", lambda mo: mo.group(1) + b"0" * 32, out)
    checksum = hashlib.md5(zeroed).hexdigest().upper().encode()
    out = re.sub(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}", lambda mo: mo.group(1) + checksum, out)
    if len(out) != len(pdf):
        raise RuntimeError("patched PDF changed length")
    return out


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    raise SystemExit("LibreOffice (soffice) not found: apt-get install libreoffice-writer")


def check_cjk_font():
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        out = ""
    if not out.strip():
        raise SystemExit("no CJK font found (fc-list :lang=zh): apt-get install -y fonts-wqy-zenhei")
    if "WenQuanYi Zen Hei" not in out:
        print("warning: WenQuanYi Zen Hei not installed; the PDFs will differ from the committed ones",
              file=sys.stderr)


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def gen_lo(names: list[str]) -> None:
    soffice = find_soffice()
    check_cjk_font()
    m = lo_metrics()
    LO_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="yusuan-lo-") as tmp:
        tmp = Path(tmp)
        src_dir, out_dir, profile = tmp / "docx", tmp / "pdf", tmp / "profile"
        src_dir.mkdir()
        out_dir.mkdir()
        adjusted = 0
        for name in names:
            notes = fit_docx_for_lo(DOCX_DIR / f"{name}.docx", src_dir / f"{name}.docx", m)
            if notes:
                adjusted += 1
                print(f"  {name}: widened {len(notes)} table(s): " + "; ".join(notes))
        print(f"LibreOffice: {adjusted} of {len(names)} documents had tables widened; converting ...")
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir)] + [str(src_dir / f"{n}.docx") for n in names]
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
        changed = 0
        for name in names:
            pdf = out_dir / f"{name}.pdf"
            if not pdf.exists():
                raise SystemExit(f"LibreOffice did not convert {name}:\n{res.stdout}\n{res.stderr}")
            data = make_lo_pdf_deterministic(pdf.read_bytes(), (DOCX_DIR / f"{name}.docx").read_bytes())
            changed += write_if_changed(LO_DIR / f"{name}.pdf", data)
    print(f"LibreOffice: {len(names)} PDFs in {LO_DIR.relative_to(ROOT)} ({changed} changed)")


# ==============================================================================================
# reportlab: direct PDFs

FONT = "STSong-Light"
PAD_X, PAD_Y = 2.5, 2.0
MIN_TABLE_FONT = 6.0


@dataclass
class Block:
    kind: str  # "p" or "tbl"
    text: str = ""
    size: float = 10.5
    bold: bool = False
    align: str = "left"
    tbl: object = None


@dataclass
class TableModel:
    data: list[list[str]]
    aligns: list[list[str]]
    spans: list[tuple[int, int, int, int]]  # (c0, r0, c1, r1)
    header_rows: int
    size: float  # the table's font size (points)
    ncols: int
    sizes: list[list[float]] = field(default_factory=list)  # each cell's font size (points)
    covered: set = field(default_factory=set)  # (r, c) inside a span but not its top-left


def docx_blocks(path: Path) -> tuple[list[Block], dict]:
    """Body paragraphs and tables of a .docx in order (python-docx for the package, its XML for the
    rest), and the page setup."""
    d = docx.Document(str(path))
    body = d.element.body
    blocks: list[Block] = []

    def walk(parent):
        for el in parent:
            if el.tag == W + "p":
                blocks.append(paragraph_block(el))
            elif el.tag == W + "tbl":
                blocks.append(Block("tbl", tbl=table_model(unwrap_nested(el))))
            elif el.tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    sec = d.sections[0]
    page = {
        "width": sec.page_width.pt, "height": sec.page_height.pt,
        "left": sec.left_margin.pt, "right": sec.right_margin.pt,
        "top": sec.top_margin.pt, "bottom": sec.bottom_margin.pt,
        "title": d.core_properties.title or path.stem, "author": d.core_properties.author or "",
    }
    return blocks, page


def paragraph_block(p) -> Block:
    jc = p.find(f"{W}pPr/{W}jc")
    align = {"center": "center", "right": "right", "end": "right"}.get(jc.get(W + "val") if jc is not None else "",
                                                                      "left")
    r = p.find(f".//{W}r")
    size, bold = 10.5, False
    if r is not None:
        sz = r.find(f"{W}rPr/{W}sz")
        if sz is not None:
            size = int(sz.get(W + "val")) / 2
        bold = r.find(f"{W}rPr/{W}b") is not None
    return Block("p", text=para_text(p), size=size, bold=bold, align=align)


def unwrap_nested(tbl):
    """An outer table whose only cell holds a table and no text is drawn as that inner table."""
    rows = tbl.findall(W + "tr")
    if len(rows) == 1:
        tcs = rows[0].findall(W + "tc")
        if len(tcs) == 1:
            inner = tcs[0].find(W + "tbl")
            if inner is not None and not cell_text(tcs[0]).strip():
                return unwrap_nested(inner)
    return tbl


def table_model(tbl) -> TableModel:
    ncols = len(tbl.find(W + "tblGrid").findall(W + "gridCol"))
    rows = tbl.findall(W + "tr")
    data = [[""] * ncols for _ in rows]
    aligns = [["center"] * ncols for _ in rows]
    base = table_font_size(tbl) / 2
    sizes = [[base] * ncols for _ in rows]
    starts = {}  # (r, c) -> span of a vMerge restart
    cont = set()
    hspans = []
    for ri, tr in enumerate(rows):
        col = 0
        for tc in tr.findall(W + "tc"):
            span = grid_span(tc)
            if tc.find(W + "tbl") is not None:
                raise ValueError("a table nested in a cell with other content is not supported")
            vm = v_merge(tc)
            text = cell_text(tc)
            if vm == "cont":
                if text.strip():
                    raise ValueError(f"text in a vertical-merge continuation cell: {text!r}")
                cont.add((ri, col))
            else:
                data[ri][col] = text
                sizes[ri][col] = run_size(tc, int(base * 2)) / 2
                paras = cell_paragraphs(tc)
                jc = paras[0].find(f"{W}pPr/{W}jc") if paras else None
                aligns[ri][col] = {"left": "left", "start": "left", "right": "right", "end": "right"}.get(
                    jc.get(W + "val") if jc is not None else "", "left" if jc is None else "center")
                if vm == "restart":
                    starts[(ri, col)] = span
                elif span > 1:
                    hspans.append((col, ri, col + span - 1, ri))
            col += span
        if col != ncols:
            raise ValueError(f"row {ri} spans {col} of {ncols} grid columns")
    spans = list(hspans)
    for (r0, c0), span in starts.items():
        r1 = r0
        while (r1 + 1, c0) in cont:
            r1 += 1
        spans.append((c0, r0, c0 + span - 1, r1))
    covered = set()
    for c0, r0, c1, r1 in spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    header = 0
    for tr in rows:
        if tr.find(f"{W}trPr/{W}tblHeader") is None:
            break
        header += 1
    # a continuation row of a vertical merge cannot start a page: keep merged header rows together
    for c0, r0, c1, r1 in spans:
        if r0 < header <= r1:
            header = r1 + 1
    return TableModel(data=data, aligns=aligns, spans=sorted(spans, key=lambda s: (s[1], s[0])),
                      header_rows=header, size=base, ncols=ncols, sizes=sizes, covered=covered)


def build_direct(name: str, out: Path, force_landscape_tables: bool = False) -> dict:
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, NextPageTemplate,
                                    PageBreak, PageTemplate, Table, TableStyle)

    m = Metrics(lambda s, size: pdfmetrics.stringWidth(s, FONT, size))
    blocks, page = docx_blocks(DOCX_DIR / f"{name}.docx")
    pw, ph = page["width"], page["height"]
    stats = {"tables": 0, "split_tables": 0, "repeated_header_tables": 0, "landscape_tables": 0,
             "smaller_font_tables": 0}

    class TextBlock(Flowable):
        """A paragraph drawn exactly as its text (spaces kept), wrapped at CJK characters."""

        def __init__(self, b: Block, lines: list[str] | None = None, avail: float | None = None):
            super().__init__()
            self.b = b
            self.leading = b.size * 1.45
            self.lines = lines
            self.avail = avail

        def wrap(self, aw, ah):
            if self.lines is None or self.avail != aw:
                self.avail = aw
                self.lines = []
                for ln in self.b.text.split("\n"):
                    self.lines.extend(m.wrap(ln, self.b.size, aw))
            self.width = aw
            self.height = self.leading * max(1, len(self.lines)) + self.b.size * 0.3
            return aw, self.height

        def split(self, aw, ah):
            self.wrap(aw, ah)
            k = int((ah - self.b.size * 0.3) // self.leading)
            if k <= 0 or k >= len(self.lines):
                return []
            return [TextBlock(self.b, self.lines[:k], aw), TextBlock(self.b, self.lines[k:], aw)]

        def draw(self):
            c = self.canv
            y = self.height - self.b.size * 1.1
            for ln in self.lines:
                t = c.beginText()
                t.setFont(FONT, self.b.size)
                if self.b.bold:
                    t.setTextRenderMode(2)  # fill and stroke: a bold look without a bold font
                    c.setLineWidth(self.b.size * 0.03)
                w = m.width(ln, self.b.size)
                x = {"left": 0, "center": (self.width - w) / 2, "right": self.width - w}[self.b.align]
                t.setTextOrigin(x, y)
                t.textOut(ln)
                c.drawText(t)
                y -= self.leading

    continued = set()  # tables (numbered in body order) that continue on the next page

    class LoggedTable(Table):
        number = 0

        def split(self, aW, aH):
            parts = super().split(aW, aH)
            if len(parts) > 1:
                continued.add((self.number, self.repeatRows))
                for p in parts:
                    p.number = self.number
            return parts

    def layout(t: TableModel, avail: float):
        """(font size, column widths) so that numbers fit, or None."""
        size = t.size
        while size >= MIN_TABLE_FONT:
            widths = widths_at(t, size, avail)
            if widths is not None:
                return size, widths
            size -= 0.5
        return None

    def widths_at(t: TableModel, size: float, avail: float) -> list[float] | None:
        mn, pref = [size + 2 * PAD_X] * t.ncols, [size + 2 * PAD_X] * t.ncols
        starts = {(s[1], s[0]) for s in t.spans if s[2] > s[0]}  # cells spanning several columns
        for r, row in enumerate(t.data):
            for c, text in enumerate(row):
                if (r, c) in t.covered or (r, c) in starts:
                    continue
                cs = t.sizes[r][c] * size / t.size
                for ln in text.split("\n"):
                    mn[c] = max(mn[c], m.min_width(ln, cs) + 2 * PAD_X)
                    pref[c] = max(pref[c], m.width(ln, cs) + 2 * PAD_X)
        if sum(mn) > avail:
            return None
        if sum(pref) <= avail:
            widths = [p * avail / sum(pref) for p in pref]
        else:
            slack = sum(p - q for p, q in zip(pref, mn))
            widths = [q + (avail - sum(mn)) * (p - q) / slack for p, q in zip(pref, mn)]
        # numbers in cells spanning several columns must fit the columns they span
        for c0, r0, c1, _r1 in t.spans:
            for ln in t.data[r0][c0].split("\n"):
                cs = t.sizes[r0][c0] * size / t.size
                if is_number_line(ln) and m.min_width(ln, cs) + 2 * PAD_X > sum(widths[c0:c1 + 1]):
                    return None
        return widths

    def make_table(t: TableModel, avail: float):
        fit = layout(t, avail)
        if fit is None:
            return None
        size, widths = fit
        data = []
        cell_fonts = []
        for r, row in enumerate(t.data):
            out_row = []
            for c, text in enumerate(row):
                if (r, c) in t.covered:
                    out_row.append("")
                    continue
                w = widths[c]
                for s in t.spans:
                    if s[0] == c and s[1] == r:
                        w = sum(widths[c:s[2] + 1])
                cs = t.sizes[r][c] * size / t.size
                lines = []
                for ln in text.split("\n"):
                    lines.extend(m.wrap(ln, cs, w - 2 * PAD_X))
                out_row.append("\n".join(lines))
                if cs != size:
                    cell_fonts.append(("FONT", (c, r), (c, r), FONT, cs, cs * 1.25))
            data.append(out_row)
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.25),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ]
        for r, row in enumerate(t.aligns):
            for c, a in enumerate(row):
                if a != "left":
                    style.append(("ALIGN", (c, r), (c, r), a.upper()))
        for c0, r0, c1, r1 in t.spans:
            style.append(("SPAN", (c0, r0), (c1, r1)))
        style += cell_fonts
        tbl = LoggedTable(data, colWidths=widths, repeatRows=t.header_rows, style=TableStyle(style))
        tbl.number = stats["tables"]
        tbl.hAlign = "CENTER"
        return tbl, size

    land = pw > ph
    portrait_size, landscape_size = ((ph, pw), (pw, ph)) if land else ((pw, ph), (ph, pw))

    def frame_for(size):
        w, h = size
        return Frame(page["left"], page["bottom"], w - page["left"] - page["right"], h - page["top"] - page["bottom"],
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    templates = [
        PageTemplate("landscape", frames=[frame_for(landscape_size)], pagesize=landscape_size),
        PageTemplate("portrait", frames=[frame_for(portrait_size)], pagesize=portrait_size),
    ]
    if not land:
        templates.reverse()  # the first template is the one the document starts with
    doc = BaseDocTemplate(str(out), pagesize=templates[0].pagesize, pageTemplates=templates, invariant=1,
                          initialFontName=FONT, initialFontSize=10.5, title=page["title"], author=page["author"],
                          creator="yusuan gen_pdf_corpus.py (reportlab)", subject="", keywords=[],
                          leftMargin=page["left"], rightMargin=page["right"], topMargin=page["top"],
                          bottomMargin=page["bottom"])
    avail_home = (pw - page["left"] - page["right"])
    avail_land = landscape_size[0] - page["left"] - page["right"]

    # each table in the document's orientation if it fits there (at a smaller font if need be); in a
    # portrait document a table that does not fit goes onto landscape pages together with the paragraphs
    # that head it (back to the previous empty paragraph) and those that follow it (up to the next empty
    # paragraph); consecutive landscape groups share their pages
    home = "landscape" if land else "portrait"
    made: dict[int, object] = {}
    orient = [home] * len(blocks)
    for i, b in enumerate(blocks):
        if b.kind != "tbl":
            continue
        stats["tables"] += 1
        fit = None if force_landscape_tables and not land else make_table(b.tbl, avail_home)
        if fit is None:
            if land:
                raise SystemExit(f"{name}: a table does not fit even at {MIN_TABLE_FONT}pt")
            fit = make_table(b.tbl, avail_land)
            if fit is None:
                raise SystemExit(f"{name}: a table does not fit a landscape page at {MIN_TABLE_FONT}pt")
            stats["landscape_tables"] += 1
            orient[i] = "landscape"
            j = i - 1
            while j >= 0 and blocks[j].kind == "p" and blocks[j].text.strip():
                orient[j] = "landscape"
                j -= 1
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "p" and blocks[j].text.strip():
                orient[j] = "landscape"
                j += 1
        made[i] = fit
        if fit[1] < b.tbl.size:
            stats["smaller_font_tables"] += 1
    for i in range(len(blocks)):  # empty paragraphs between two landscape groups stay on them
        if orient[i] == home and not blocks[i].text.strip() and blocks[i].kind == "p":
            j = i
            while j < len(blocks) and blocks[j].kind == "p" and not blocks[j].text.strip():
                j += 1
            if i > 0 and orient[i - 1] == "landscape" and j < len(blocks) and orient[j] == "landscape":
                orient[i] = "landscape"

    # keep a table's heading paragraphs (table number, title, 编制部门 line) on the page where the table
    # starts with its header rows and a few body rows
    cond = {}
    for i, b in enumerate(blocks):
        if b.kind != "tbl":
            continue
        j = i
        while j > 0 and blocks[j - 1].kind == "p" and blocks[j - 1].text.strip() and orient[j - 1] == orient[i]:
            j -= 1
        tsize = made[i][1]
        need = sum(blocks[k].size * 1.45 + blocks[k].size * 0.3 for k in range(j, i))
        need += (b.tbl.header_rows + 3) * (tsize * 1.25 * 2 + 2 * PAD_Y)
        cond[j] = max(cond.get(j, 0), need)

    story = []
    cur = home
    for i, b in enumerate(blocks):
        if orient[i] != cur:
            cur = orient[i]
            story += [NextPageTemplate(cur), PageBreak()]
        if i in cond:
            story.append(CondPageBreak(cond[i]))
        story.append(made[i][0] if b.kind == "tbl" else TextBlock(b))
    doc.build(story)
    stats["pages"] = doc.page
    stats["split_tables"] = len({n for n, _r in continued})
    stats["repeated_header_tables"] = len({n for n, r in continued if r})
    return stats


def gen_direct(names: list[str], prune: bool, force_landscape: bool) -> None:
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    except ImportError:
        raise SystemExit("reportlab missing: pip install -r scripts/requirements.txt")
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))  # STSong-Light, CMap UniGB-UCS2-H, not embedded
    DIRECT_DIR.mkdir(parents=True, exist_ok=True)
    changed = 0
    with tempfile.TemporaryDirectory(prefix="yusuan-rl-") as tmp:
        for name in names:
            tmp_pdf = Path(tmp) / f"{name}.pdf"
            st = build_direct(name, tmp_pdf, force_landscape)
            changed += write_if_changed(DIRECT_DIR / f"{name}.pdf", tmp_pdf.read_bytes())
            print(f"  {name}: {st['pages']} pages, {st['tables']} tables, {st['split_tables']} continued on "
                  f"the next page ({st['repeated_header_tables']} with header rows repeated), "
                  f"{st['smaller_font_tables']} with a smaller font, {st['landscape_tables']} moved to landscape pages")
    if prune:
        for p in DIRECT_DIR.glob("*.pdf"):
            if p.stem not in names:
                p.unlink()
    print(f"reportlab: {len(names)} PDFs in {DIRECT_DIR.relative_to(ROOT)} ({changed} changed)")


def main() -> int:
    ap = argparse.ArgumentParser(description="Generate corpus/pdf and corpus/pdf-direct from corpus/docx.")
    ap.add_argument("--only", choices=["lo", "direct"], help="make one folder only")
    ap.add_argument("--all", action="store_true", help="pdf-direct for every corpus document")
    ap.add_argument("--force-landscape-tables", action="store_true",
                    help="(testing) put every table of a portrait document on landscape pages")
    ap.add_argument("names", nargs="*", help="base names (default: all / DIRECT_DOCS)")
    a = ap.parse_args()
    all_names = sorted(p.stem for p in DOCX_DIR.glob("*.docx"))
    if a.only in (None, "lo"):
        names = a.names or all_names
        gen_lo(names)
        if not a.names:
            for p in LO_DIR.glob("*.pdf"):
                if p.stem not in all_names:
                    p.unlink()
    if a.only in (None, "direct"):
        names = a.names or (all_names if a.all else sorted(DIRECT_DOCS))
        missing = [n for n in names if n not in all_names]
        if missing:
            raise SystemExit(f"no such corpus documents: {missing}")
        gen_direct(names, prune=not a.names, force_landscape=a.force_landscape_tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
