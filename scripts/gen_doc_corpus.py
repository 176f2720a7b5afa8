#!/usr/bin/env python3
"""Convert a few corpus .docx files to Word 97-2003 .doc with LibreOffice, into corpus/doc/.

    python3 scripts/gen_doc_corpus.py            # needs soffice (apt-get install libreoffice-writer-nogui)

The .doc reader's test (crates/yusuan-extract/tests/doc_corpus.rs) reads each corpus/doc/X.doc and
corpus/docx/X.docx and requires the same paragraphs and the same table grids. The files are picked to
cover what the .doc reader must get right:

- seed-changji-zhengziju-2022: the merged header trees (gridSpan and vMerge), cells with several
  paragraphs and a leading line break (`\\n16`), bookmarks, titles inside tables;
- chengdu-shengtaihuanjingju-2023: a disclosure table nested in another table's cell, amounts split
  over runs, multi-paragraph cells;
- hangzhou-caizhengju-2023: landscape sections (section breaks between tables), multi-paragraph cells;
- chengdu-nongyenongcunju-2023: single-row headers, amounts in 元 with thousands separators, missing
  tables, performance-target tables.

LibreOffice writes what Word 97-2003 writes: UTF-16 text pieces, PAPX FKPs with sprmPFInTable/sprmPFTtp,
sprmTDefTable rows whose cell edges make the grid. Its bytes depend on the LibreOffice version (and hold
the conversion time in the summary information), so a re-run may change the files without changing
their content; the test compares content only. The conversion runs with a throw-away profile, TZ=UTC
and a C.UTF-8 locale.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "corpus" / "docx"
OUT = ROOT / "corpus" / "doc"
PICKS = [
    "seed-changji-zhengziju-2022",
    "chengdu-shengtaihuanjingju-2023",
    "hangzhou-caizhengju-2023",
    "chengdu-nongyenongcunju-2023",
]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("error: LibreOffice (soffice) not found; apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="yusuan-doc-corpus-") as tmp:
        tmp = Path(tmp)
        srcs = []
        for name in PICKS:
            src = tmp / "in" / f"{name}.docx"
            src.parent.mkdir(exist_ok=True)
            shutil.copyfile(SRC / f"{name}.docx", src)
            srcs.append(str(src))
        cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "doc:MS Word 97", "--outdir", str(tmp / "out"), *srcs]
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
        for name in PICKS:
            doc = tmp / "out" / f"{name}.doc"
            if not doc.exists() or doc.read_bytes()[:8] != OLE_MAGIC:
                print(f"error: LibreOffice did not write {doc.name}:\n{res.stdout}\n{res.stderr}", file=sys.stderr)
                return 1
            shutil.copyfile(doc, OUT / doc.name)
            print(f"corpus/doc/{doc.name}: {doc.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
