import sys, collections, subprocess, re
from decimal import Decimal as D
from build import load, dec, W
import pdfplumber
modname = sys.argv[1]
m, items = load(modname)
V = {}
for p, t, s, c, pr, me, a in items: V[(t, s, c, pr, me)] = dec(a)
fails = []
def eq(desc, lhs, rhs):
    if lhs != rhs: fails.append(f"{desc}: {lhs} != {rhs} (diff {lhs - rhs})")
# rollups of coded tables: parent = sum of children, for every (table, scheme, measure)
groups = collections.defaultdict(dict)
for (t, s, c, pr, me), v in V.items():
    if s in ("function", "economic") and t != "procurement": groups[(t, s, me)][c] = v
for (t, s, me), codes in groups.items():
    for c, v in codes.items():
        kids = [k for k in codes if k.startswith(c) and len(k) == len(c) + 2]
        if kids: eq(f"{t}/{me} {c} = Σ children {kids}", v, sum(codes[k] for k in kids))
    classes = [c for c in codes if len(c) == 3]
    print(f"  {t}/{s}/{me}: Σ classes = {sum(codes[c] for c in classes)}")
# printed totals (omitted as items)
tot = collections.defaultdict(list)
for p, label, a in m.T: tot[p].append((label, dec(a)))
print("  printed totals:", {p: [(l, str(a)) for l, a in v] for p, v in tot.items()})
# procurement: 专项 row = Σ its items; category = Σ its 专项 rows
for page, meas, proj, code, amt, subs in m.P:
    eq(f"procurement {proj}/{code}", dec(amt), sum(dec(a) for _, _, a, _ in subs))
cats = collections.defaultdict(D)
for page, meas, proj, code, amt, subs in m.P: cats[meas] += dec(amt)
for meas, s in cats.items(): eq(f"procurement {meas}", V[("procurement", "none", "", "", meas)], s)
# extra per-file checks
for desc, lhs, rhs in getattr(m, "CHECKS", lambda V: [])(V): eq(desc, lhs, rhs)
print(modname, "arithmetic failures:" if fails else "arithmetic closes", *fails, sep="\n  ")
