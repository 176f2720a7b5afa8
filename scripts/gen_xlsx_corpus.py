#!/usr/bin/env python3
"""Write corpus/xlsx/: the disclosure tables of a few corpus documents as Excel workbooks, one
table a sheet, the way departments that publish workbooks lay them out (the 编制部门 and 单位
lines above the grid, merged header cells kept, amounts as numbers).

The grids come from yusuan's own reading of the .docx (`yusuan extract`), so that the workbook
holds exactly the cells of its .docx twin; tests/workbook.rs checks that both give the same line
items. Needs openpyxl (`pip install openpyxl`) and a built yusuan (`cargo build`).

Two of the workbooks are also saved as Excel 97–2003 .xls in corpus/xls/ by LibreOffice
(`soffice`, from the libreoffice-calc package), the binary format many 2010s workbooks use.

Run: python3 scripts/gen_xlsx_corpus.py [path/to/yusuan]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "xlsx"
DOCS = [
    "changji-zhengziju-2023",
    "chengdu-nongyenongcunju-2024",
    "hangzhou-caizhengju-2022",
    "changji-weijianwei-2021",
]
XLS = ROOT / "corpus" / "xls"
XLS_DOCS = ["changji-zhengziju-2023", "hangzhou-caizhengju-2022"]
NUMBER = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)?$")


def cell_value(text: str):
    """An amount as a number (as a workbook stores it), anything else as text."""
    t = text.strip().replace("\u3000", "")
    if NUMBER.match(t):
        v = t.replace(",", "")
        return int(v) if "." not in v else float(v)
    return text


def write_book(stem: str, yusuan: str) -> int:
    docx = ROOT / "corpus" / "docx" / f"{stem}.docx"
    doc = json.loads(subprocess.check_output([yusuan, "extract", str(docx)]))["document"]
    wb = Workbook()
    wb.remove(wb.active)
    context: list[str] = []
    n = 0
    ws = None
    for block in doc["blocks"]:
        if block["type"] == "paragraph":
            text = block["text"].strip()
            if text.startswith("第") and "部分" in text[:5]:
                context = []
            elif text.startswith("备注") and ws is not None:
                # The note under a table goes under its grid, as a workbook prints it.
                ws.cell(row=ws.max_row + 1, column=1, value=text)
            elif text:
                context.append(text)
            continue
        n += 1
        label = next((c for c in reversed(context) if re.match(r"^表\s*[0-9一二三四五六七八九十]+", c)), f"表{n}")
        ws = wb.create_sheet(title=label[:31])
        # The title and the 编制部门 / 单位 lines above the grid, as a workbook prints them.
        meta = [c for c in context if c != label and not c.startswith("备注")][-3:]
        for i, line in enumerate(meta, start=1):
            ws.cell(row=i, column=1, value=line)
        top = len(meta)
        for c in block["cells"]:
            r, k = top + c["row"] + 1, c["col"] + 1
            ws.cell(row=r, column=k, value=cell_value(c["text"]))
            if c["row_span"] > 1 or c["col_span"] > 1:
                ws.merge_cells(
                    start_row=r, start_column=k,
                    end_row=r + c["row_span"] - 1, end_column=k + c["col_span"] - 1,
                )
        context = []
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{stem}.xlsx"
    # Fixed properties, so that a rerun writes the same workbook.
    wb.properties.creator = "yusuan corpus"
    wb.save(path)
    return n


def main() -> int:
    yusuan = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "yusuan")
    for stem in DOCS:
        n = write_book(stem, yusuan)
        print(f"{stem}.xlsx: {n} sheets")
    XLS.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(XLS)]
                   + [str(OUT / f"{stem}.xlsx") for stem in XLS_DOCS], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
