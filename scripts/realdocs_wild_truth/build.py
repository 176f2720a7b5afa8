"""Reading 1 (pdfplumber) and reading 2 (pdftotext -layout) of the amounts of the three hand-verified
files of ../shared/realdocs-wild, compared page by page with the truth typed in truth_[abc].py.

    python3 build.py truth_a      # per-page multisets of amounts, both readings
    python3 arith.py truth_a      # parents = Σ children, row identities, totals across tables
    python3 rows.py truth_a       # each coded amount on its code's layout line (and SWU grid cells)
    python3 gen_json.py truth_a truth_b truth_c   # writes crates/yusuan/tests/realdocs-wild-truth/*.json
"""
import re, sys, json, subprocess, importlib, collections
from decimal import Decimal as D
import pdfplumber
import os
HERE = os.path.dirname(os.path.abspath(__file__))
W = os.path.normpath(os.path.join(HERE, "../../../shared/realdocs-wild"))
AMT = re.compile(r'\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}')
def dec(s): return D(s.replace(",", ""))
def yuan(s): return str((dec(s) * 10000).quantize(D("0.01")))
CUT = ["第三部分", "三、部门预算情况说明"]
def cut(txt):
    for c in CUT:
        if c in txt: txt = txt[:txt.index(c)]
    return txt

def load(modname):
    m = importlib.import_module(modname)
    items = list(m.I)
    for page, meas, proj, code, amt, subs in m.P:
        items.append((page, "procurement", "economic", code, proj, meas, amt))
        for name, form, a, p in subs:
            items.append((p, "procurement", "economic", code, f"{proj}｜{name}｜{form}", meas, a))
    return m, items

def readings(m):
    pdf = f"{W}/{m.FILE}.pdf"
    lay, plb = {}, {}
    for p in m.TABLE_PAGES:
        t = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
        lay[p] = collections.Counter(AMT.findall(cut(t)))
    with pdfplumber.open(pdf) as doc:
        for p in m.TABLE_PAGES:
            t = doc.pages[p - 1].extract_text() or ""
            t = re.sub(r'(\d\.\d) (\d)\b', r'\1\2', cut(t))  # a cell split inside its last digits
            plb[p] = collections.Counter(AMT.findall(t))
    return lay, plb

def main(modname):
    m, items = load(modname)
    keys = collections.Counter((i[1], i[2], i[3], i[4], i[5]) for i in items)
    dup = [k for k, n in keys.items() if n > 1]
    assert not dup, dup
    want = collections.defaultdict(collections.Counter)
    for it in items: want[it[0]][it[6]] += 1
    for p, _, a in m.T: want[p][a] += 1
    lay, plb = readings(m)
    ok = True
    for p in m.TABLE_PAGES:
        for name, got in (("pdftotext", lay[p]), ("pdfplumber", plb[p])):
            if got != want[p]:
                ok = False
                print(f"p{p} {name}: missing {dict(want[p]-got)} extra {dict(got-want[p])}")
    print(modname, "items", len(items), "pages agree" if ok else "PAGES DISAGREE")
    return m, items

if __name__ == "__main__":
    main(sys.argv[1])
