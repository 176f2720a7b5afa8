# Second reading of attribution: each coded item's code and amount on one line of pdftotext -layout
# (its page), in the column order of the table; for multi-column tables the pdfplumber grid row.
import sys, re, subprocess, importlib
from build import load, W, cut
import pdfplumber
m, items = load(sys.argv[1])
pdf = f"{W}/{m.FILE}.pdf"
lines = {p: cut(subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout).splitlines() for p in m.TABLE_PAGES}
n = bad = 0
for p, t, s, c, pr, me, a in items:
    if s in ("function", "economic") and t != "procurement" and len(c) > 3 or (t != "procurement" and s in ("function","economic") and any(re.match(rf"\s*{c}\s", l) for l in lines[p])):
        n += 1
        if not any(re.match(rf"\s*{c}\s", l) and a in l.split() for l in lines[p]):
            bad += 1; print("not on its line:", p, t, c, me, a)
print(sys.argv[1], "coded items checked on their layout line:", n, "bad:", bad)
# grid rows
with pdfplumber.open(pdf) as doc:
    grid = {}
    for p in m.TABLE_PAGES:
        for tb in doc.pages[p-1].extract_tables():
            for r in tb:
                cells = [(x or "").replace("\n", "") for x in r]
                if cells and re.fullmatch(r"\d{3,7}", cells[0]):
                    grid.setdefault((p, cells[0]), []).append([x for x in cells[1:] if x])
cols = {"revenue_summary": ["total", "fiscal_appropriation", "business_income", "education_fees", "other_income"],
        "expenditure_summary": ["total", "basic", "project"], "fiscal_grant_expenditure": ["total", "basic", "project"]}
if m.FILE.startswith("04_swu"):
    bad = 0
    for t, ms in cols.items():
        for p, tt, s, c, pr, me, a in items:
            if tt == t and s == "function":
                rows = grid.get((p, c), [])
                # position: amounts in the row after the name, in order; blanks dropped, so compare by the set of measures present
                present = [mm for mm in ms if any(i[1] == tt and i[3] == c and i[5] == mm for i in items)]
                row = [r for r in rows if len(r) == 1 + len(present)]
                vals = dict(zip(present, row[0][1:])) if len(row) == 1 else {}
                if vals.get(me) != a: bad += 1; print("grid disagrees:", p, t, c, me, a, rows)
    print("swu grid cells checked, bad:", bad)
