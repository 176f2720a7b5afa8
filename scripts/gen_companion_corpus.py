#!/usr/bin/env python3
"""Write corpus/companions/: corpus disclosures split in two files, as Jiangsu departments
publish them: the explanation without its tables (`<stem>-说明.docx`), and the tables without
the explanation (`<stem>-公开表.docx`, from the part heading that opens the tables to the notes
under the last table).

The split is made on the .docx's XML (the body's paragraphs and tables are kept or dropped
whole), so each part holds exactly what the original holds; tests/companions.rs checks that yusuan
links the parts into one disclosure and reads them as it reads the whole. Standard library only.

Run: python3 scripts/gen_companion_corpus.py
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "companions"
DOCS = ["changji-zhengziju-2023", "hangzhou-caizhengju-2022"]
BODY = re.compile(rb"(<w:body>)(.*)(<w:sectPr.*</w:body>)", re.S)
# Top-level children of the body: a paragraph or a table (tables do not nest at the top level).
CHILD = re.compile(rb"<w:p[ >].*?</w:p>|<w:p/>|<w:tbl>.*?</w:tbl>", re.S)


def text_of(xml: bytes) -> str:
    return "".join(t.decode("utf-8") for t in re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def write_part(src: Path, dst: Path, keep) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                m = BODY.search(data)
                children = CHILD.findall(m.group(2))
                kept = b"".join(c for i, c in enumerate(children) if keep(i, c, children))
                data = data[: m.start(2)] + kept + data[m.end(2):]
            out = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            out.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(out, data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem in DOCS:
        src = ROOT / "corpus" / "docx" / f"{stem}.docx"
        with zipfile.ZipFile(src) as z:
            body = BODY.search(z.read("word/document.xml")).group(2)
        children = CHILD.findall(body)
        is_table = [c.startswith(b"<w:tbl>") for c in children]
        first_table = is_table.index(True)
        # The part heading (第二部分 …) that opens the tables.
        start = max(
            i for i in range(first_table)
            if re.match(r"第[一二三四五六七八九十]+部分", text_of(children[i]))
        )
        last = max(i for i, t in enumerate(is_table) if t)
        # The tables part keeps the cover title, then 第二部分 up to the notes under the last table.
        end = last + 1
        while end < len(children) and not is_table[end] and text_of(children[end]).startswith(("备注", "注：")):
            end += 1
        # Of the paragraphs, only each table's own: the few lines right above it (表N, title,
        # 编制部门, 单位) and its notes; the explanation stays in the other part.
        def own(i: int) -> bool:
            if is_table[i] or i == 0:
                return True
            near_table = any(is_table[j] for j in range(i + 1, min(i + 5, len(children))))
            heading = re.match(r"第[一二三四五六七八九十]+部分", text_of(children[i])) is not None
            note = text_of(children[i]).startswith(("备注", "注："))
            return start <= i < end and (near_table or note) and not (heading and i != start)

        write_part(src, OUT / f"{stem}-公开表.docx", lambda i, c, ch: own(i))
        write_part(src, OUT / f"{stem}-说明.docx", lambda i, c, ch: not c.startswith(b"<w:tbl>"))
        print(f"{stem}: tables part {start}..{end}, explanation part without {sum(is_table)} tables")


if __name__ == "__main__":
    main()
