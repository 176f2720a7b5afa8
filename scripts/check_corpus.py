#!/usr/bin/env python3
"""Verify the corpus written by gen_corpus.py.

    python3 scripts/check_corpus.py          # exit status 0 when every check holds

What it checks, for every document in corpus/docx with its corpus/truth/<name>.json:
- the files on disk are exactly what gen_corpus.py produces now (deterministic, up to date);
- the truth has the agreed shape (keys, 2-decimal yuan strings, table ids in order, no duplicates);
- every truth item is read back from the .docx at the cell the generator printed it in (the XML is read
  directly, so content controls, split runs, line breaks and nested tables are all traversed), and the
  number found there, converted with the unit printed over the table, equals amount_yuan;
- recomputed from the truth items and the printed units: parents = sums of children, totals = sums of
  parts, totals agree across tables, names beside codes (read from the .docx) are the canonical ones,
  narrative figures agree with the tables; the failures found are exactly the truth's failing_checks;
- the truth's `facts` are exactly the amounts the narrative paragraphs of the .docx state, in order, each
  under its heading, after its subject, with the share printed right after it and a change printed in the
  text (every 增加/减少 amount of the narrative is the change of exactly one fact);
- the truth's `targets` are exactly the indicator rows of the performance-target tables of the .docx, and
  each one's operator, value and unit spell its text;
- and it prints the corpus statistics (documents, departments, years, regions, variants).
"""
from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from lxml import etree

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus as gc  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
D = Decimal
TRUTH_KEYS = ["file", "department", "region", "fiscal_year", "doc_kind", "scope", "unit", "variants", "tables",
              "tables_missing", "items", "failing_checks", "staffing", "targets", "facts"]
ITEM_KEYS = ["table", "scheme", "code", "project", "measure", "amount_yuan"]
TARGET_KEYS = ["project", "level1", "level2", "indicator", "operator", "value", "unit", "text"]
FACT_KEYS = ["section", "subject", "amount_yuan", "share_pct", "change_yuan", "change_pct"]
# how each operator may be printed in a 指标值 cell ("" = a bare number)
OPERATOR_PRINTED = {"=": ["", "=", "＝"], ">=": [">=", "≥"], "<=": ["<=", "≤"], ">": [">", "＞"], "<": ["<", "＜"]}
KNOWN_TABLES = set(gc.STANDARD_TABLES) | {"state_capital_expenditure", "performance_targets"}

errors: list[str] = []


def err(doc: str, msg: str):
    errors.append(f"{doc}: {msg}")


# ---------------------------------------------------------------------------------------------- docx reading


def para_text(p) -> str:
    out = ""
    for el in p.iter():
        if el.tag == W + "t":
            out += el.text or ""
        elif el.tag == W + "br":
            out += "\n"
    return out


def cell_text(tc) -> str:
    paras = []
    for el in tc.iter(W + "p"):
        # paragraphs of a table nested in this cell are not this cell's text
        anc = el.getparent()
        nested = False
        while anc is not None and anc is not tc:
            if anc.tag == W + "tbl":
                nested = True
                break
            anc = anc.getparent()
        if not nested:
            paras.append(para_text(el))
    return "\n".join(paras)


def grid(tbl) -> dict:
    """(row, grid column) -> cell text, for one table."""
    out = {}
    for ri, tr in enumerate(tbl.findall(W + "tr")):
        col = 0
        for tc in tr.findall(W + "tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            out[(ri, col)] = cell_text(tc)
            col += int(span.get(W + "val")) if span is not None else 1
    return out


def row_texts(g: dict, row: int) -> list[str]:
    return [t for (r, _c), t in sorted(g.items()) if r == row]


def body_text(root) -> str:
    return "\n".join(para_text(p) for p in root.iter(W + "p"))


def number(text: str) -> Decimal | None:
    s = re.sub(r"[\s\u3000,]", "", text)
    if not s:
        return None
    if s in ("-", "—"):
        return D(0)
    return D(s)


def body_paragraphs(body) -> list[str]:
    """The text of the body's own paragraphs (not those in tables), in document order."""
    out = []
    for el in body:
        if el.tag == W + "p":
            out.append(para_text(el))
        elif el.tag == W + "sdt":
            out += [para_text(p) for p in el.iter(W + "p")]
    return out


# ---------------------------------------------------------------------------------------------- facts, targets

AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万元|元)")
SECTION = re.compile(r"[一二三四五六七八九十]+、")


def to_yuan(number: str, unit: str, negative: bool = False) -> str:
    v = gc.q2(D(number.replace(",", "")) * gc.unit_factor(unit))
    return gc.yuan_str(-v if negative and v != 0 else v)


def check_facts(name: str, paras: list[str], facts: list[dict]):
    """The truth's facts against the narrative paragraphs of the .docx (第三部分 … up to 名词解释)."""
    starts = [i for i, t in enumerate(paras) if re.match(r"\s*第(三|3)部分", t)]
    if not starts:
        err(name, "no narrative (第三部分) found")
        return
    start = starts[-1]  # after the table of contents
    end = next((i for i in range(start, len(paras)) if "名词解释" in paras[i]), len(paras))
    section = ""
    amounts, changes = [], []  # in document order
    n_share = n_pct = 0
    for pi in range(start + 1, end):
        t = paras[pi]
        if SECTION.match(t):
            section = t
            continue
        n_share += len(re.findall(r"占\d", t))
        n_pct += len(re.findall(r"(增长|下降)\d", t))
        for m in AMOUNT.finditer(t):
            before, after = t[: m.start()], t[m.end():]
            if before.endswith(("增加", "减少")):
                pm = re.match(r"，(增长|下降)(\d+(?:\.\d+)?)%", after)
                neg = before.endswith("减少")
                changes.append({"section": section, "pos": (pi, m.start()), "claimed": None,
                                "yuan": to_yuan(m.group(1), m.group(2), neg),
                                "pct": (("-" if pm.group(1) == "下降" else "") + pm.group(2)) if pm else None})
            else:
                sm = re.match(r"，占(\d+(?:\.\d+)?)%", after)
                amounts.append({"section": section, "pos": (pi, m.start()), "before": before,
                                "yuan": to_yuan(m.group(1), m.group(2)), "share": sm.group(1) if sm else None})
    if len(amounts) != len(facts):
        err(name, f"{len(amounts)} narrative amounts in the .docx vs {len(facts)} facts")
    for i, (a, f) in enumerate(zip(amounts, facts)):
        if (f["section"], f["amount_yuan"], f["share_pct"]) != (a["section"], a["yuan"], a["share"]):
            err(name, f"fact {i} {f} vs printed {a['section']!r} {a['yuan']} 占{a['share']}")
        head = re.sub(r"(为|：|:)$", "", a["before"])
        if "（类）" in f["subject"]:
            ok = f["subject"] in a["before"]
        else:
            ok = bool(f["subject"]) and head.endswith(f["subject"])
        if not ok:
            err(name, f"fact {i}: subject {f['subject']!r} is not what precedes the amount ({a['before'][-30:]!r})")
        if f["change_yuan"] is None:
            if f["change_pct"] is not None:
                err(name, f"fact {i}: a change % without a change {f}")
            continue
        # the first unclaimed 增加/减少 amount after this one in the same section with these figures
        c = next((c for c in changes if c["claimed"] is None and c["section"] == a["section"] and c["pos"] > a["pos"]
                  and (c["yuan"], c["pct"]) == (f["change_yuan"], f["change_pct"])), None)
        if c is None:
            err(name, f"fact {i}: change {f['change_yuan']} / {f['change_pct']}% not printed after it")
        else:
            c["claimed"] = i
    for c in changes:
        if c["claimed"] is None:
            err(name, f"printed change {c['yuan']} ({c['section']}) is no fact's change")
            continue
        # a change in the sentence of a stated amount is that amount's change
        pi, pos = c["pos"]
        own = [j for j, a in enumerate(amounts) if a["pos"][0] == pi and a["pos"][1] < pos
               and not re.search("[。；;]", paras[pi][a["pos"][1]:pos])]
        if own and c["claimed"] != own[-1]:
            err(name, f"printed change {c['yuan']} follows fact {own[-1]} but is listed with fact {c['claimed']}")
    if n_share != sum(1 for f in facts if f["share_pct"] is not None):
        err(name, f"{n_share} shares (占x%) printed vs {sum(1 for f in facts if f['share_pct'] is not None)} in facts")
    if n_pct != sum(1 for f in facts if f["change_pct"] is not None):
        err(name, f"{n_pct} change percentages printed vs {sum(1 for f in facts if f['change_pct'] is not None)}")


def read_targets(gr: dict) -> list[tuple]:
    """(project, level1, level2, indicator, text) of each indicator row of one performance-target table grid."""
    rows = defaultdict(dict)
    for (r, c), t in gr.items():
        rows[r][c] = t
    project, cols, out = "", None, []
    level1 = level2 = ""
    for r in sorted(rows):
        cells = rows[r]
        texts = [cells[c] for c in sorted(cells)]
        if "项目名称" in texts:
            project = texts[texts.index("项目名称") + 1]
            continue
        if texts and texts[0] == "一级指标":
            cols = sorted(cells)
            continue
        if cols is None:
            continue
        l1, l2, indicator, text = (cells.get(c, "") for c in cols)
        level1, level2 = l1 or level1, l2 or level2
        if indicator or text:
            out.append((project, level1, level2, indicator, text))
    return out


def check_targets(name: str, read: list[tuple], targets: list[dict]):
    listed = [(t["project"], t["level1"], t["level2"], t["indicator"], t["text"]) for t in targets]
    if read != listed:
        diff = next((i for i, (a, b) in enumerate(zip(read, listed)) if a != b), min(len(read), len(listed)))
        err(name, f"targets differ from the performance tables at {diff}: "
                  f"{read[diff] if diff < len(read) else None} vs {listed[diff] if diff < len(listed) else None}")
    for t in targets:
        if t["operator"] == "":
            ok = t["value"] == t["text"] and t["unit"] == "" and not gc.TARGET_VALUE.fullmatch(t["text"])
        else:
            ok = (t["operator"] in OPERATOR_PRINTED and re.fullmatch(r"\d+(\.\d+)?", t["value"]) is not None
                  and not re.search(r"\d", t["unit"])
                  and t["text"] in [o + t["value"] + t["unit"] for o in OPERATOR_PRINTED[t["operator"]]])
        if not ok:
            err(name, f"target operator/value/unit do not spell its text: {t}")


# ---------------------------------------------------------------------------------------------- consistency


def tolerance(unit: str, dp: int, n: int) -> Decimal:
    return D("0.5") * D(1).scaleb(-dp) * gc.unit_factor(unit) * max(n, 1)


def recompute(g: gc.Generated, truth: dict, codes: gc.Codes, grids: dict) -> set:
    """Failing checks recomputed from the truth items, the printed units and the names in the .docx."""
    fails: set = set()
    meta = {t["tid"]: t for t in g.writer.tables if t["tid"]}
    items = truth["items"]
    by_table = defaultdict(list)
    for it in items:
        by_table[it["table"]].append(it)

    def val(it):
        return D(it["amount_yuan"])

    def tol(tid, n):
        m = meta[tid]
        return tolerance(m["unit"], m["dp"], n)

    # rollup: parent row = sum of its child rows (per measure, per project-less row)
    for tid, its in by_table.items():
        if tid in ("revenue_expenditure_summary", "fiscal_grant_summary", "three_public"):
            continue
        rows = defaultdict(dict)  # code -> measure -> value (rows without project, or summed projects)
        proj_rows = defaultdict(lambda: defaultdict(lambda: D(0)))
        for it in its:
            if it["project"]:
                proj_rows[it["code"]][it["measure"]] += val(it)
                proj_rows[it["code"]]["_n_" + it["measure"]] += 1
            else:
                rows[it["code"]][it["measure"]] = val(it)
        codes_present = set(rows) | set(proj_rows)
        for parent, pm in rows.items():
            kids = sorted(c for c in codes_present if len(c) == len(parent) + 2 and c.startswith(parent))
            if not kids:
                continue
            for m, pv in pm.items():
                s, n = D(0), 0
                for k in kids:
                    if k in rows and m in rows[k]:
                        s += rows[k][m]
                        n += 1
                    elif k in proj_rows and m in proj_rows[k]:
                        s += proj_rows[k][m]
                        n += int(proj_rows[k]["_n_" + m])
                if abs(pv - s) > tol(tid, max(n, len(kids))):
                    fails.add(("rollup", tid, parent))

    # row identity: total = sum of its parts
    parts_of = {
        "expenditure_summary": ["basic", "project"],
        "general_budget_expenditure": ["basic", "project"],
        "government_fund_expenditure": ["basic", "project"],
        "state_capital_expenditure": ["basic", "project"],
        "revenue_summary": gc.SOURCES,
        "general_budget_basic_expenditure": ["personnel", "public_use"],
        "fiscal_grant_summary": gc.FISCAL_SOURCES,
    }
    for tid, its in by_table.items():
        rows = defaultdict(dict)
        for it in its:
            if it["scheme"] == "income":
                continue
            rows[(it["code"], it["project"])][it["measure"]] = val(it)
        for (code, proj), ms in rows.items():
            if "total" not in ms:
                continue
            if tid == "general_budget_project_expenditure":
                parts = [m for m in ms if m.startswith("economic_")]
                if not parts:
                    continue
            elif tid == "three_public":
                if "vehicles" in ms:
                    vp = [p for p in ("vehicle_purchase", "vehicle_operation") if p in ms]
                    if abs(ms["vehicles"] - sum(ms[p] for p in vp)) > tol(tid, len(vp)):
                        fails.add(("row_identity", tid, code))
                    parts = ["overseas_travel", "vehicles", "reception"]
                else:
                    parts = ["overseas_travel", "vehicle_purchase", "vehicle_operation", "reception"]
            else:
                parts = parts_of.get(tid, [])
            present = [p for p in parts if p in ms]
            if not present:
                continue
            if abs(ms["total"] - sum(ms[p] for p in present)) > tol(tid, len(present)):
                fails.add(("row_identity", tid, code))
    for tid in ("revenue_expenditure_summary", "fiscal_grant_summary"):
        inc = {it["code"]: val(it) for it in by_table.get(tid, []) if it["scheme"] == "income"}
        if "fiscal_appropriation" in inc:
            present = [s for s in gc.FISCAL_SOURCES if s in inc]
            if present and abs(inc["fiscal_appropriation"] - sum(inc[s] for s in present)) > tol(tid, len(present)):
                fails.add(("row_identity", tid, "fiscal_appropriation"))

    # cross-table totals
    def class_sum(tid, measure):
        its = [it for it in by_table.get(tid, []) if it["measure"] == measure and len(it["code"]) == 3
               and it["scheme"] in ("function", "economic") and not it["project"]]
        if tid not in meta or not its and measure != "total":
            return None
        if tid not in meta:
            return None
        return sum((val(it) for it in its), D(0)), tol(tid, len(its))

    def income(tid, code):
        its = [it for it in by_table.get(tid, []) if it["scheme"] == "income" and it["code"] == code]
        if not its:
            return None
        return val(its[0]), tol(tid, 1)

    res_income = None
    if "revenue_expenditure_summary" in meta:
        its = [it for it in by_table.get("revenue_expenditure_summary", []) if it["scheme"] == "income"
               and it["code"] != "fiscal_appropriation"]
        res_income = (sum((val(it) for it in its), D(0)), tol("revenue_expenditure_summary", len(its)))
    groups = {
        "total": {"revenue_expenditure_summary": class_sum("revenue_expenditure_summary", "total"),
                  "revenue_expenditure_summary/income": res_income,
                  "revenue_summary": class_sum("revenue_summary", "total"),
                  "expenditure_summary": class_sum("expenditure_summary", "total")},
        "gpb": {"revenue_expenditure_summary": income("revenue_expenditure_summary", gc.G),
                "revenue_summary": class_sum("revenue_summary", gc.G),
                "general_budget_expenditure": class_sum("general_budget_expenditure", "total"),
                "fiscal_grant_summary": income("fiscal_grant_summary", gc.G),
                "fiscal_grant_summary/function": class_sum("fiscal_grant_summary", gc.G)},
    }
    outliers = set()
    for gname, members in groups.items():
        members = {k: v for k, v in members.items() if v is not None}
        for k, (v, t) in members.items():
            agree = sum(1 for k2, (v2, t2) in members.items() if k2 != k and abs(v - v2) <= t + t2)
            disagree = sum(1 for k2, (v2, t2) in members.items() if k2 != k and abs(v - v2) > t + t2)
            if disagree and disagree > agree:
                outliers.add(k.split("/")[0])
    pairs = [
        (class_sum("general_budget_expenditure", "basic"), "general_budget_expenditure",
         class_sum("general_budget_basic_expenditure", "total"), "general_budget_basic_expenditure"),
        (class_sum("general_budget_expenditure", "project"), "general_budget_expenditure",
         (sum((val(it) for it in by_table.get("general_budget_project_expenditure", [])
               if it["project"] and it["measure"] == "total"), D(0)),
          tol("general_budget_project_expenditure", 20)) if "general_budget_project_expenditure" in meta else None,
         "general_budget_project_expenditure"),
        (income("fiscal_grant_summary", "government_fund_budget"), "fiscal_grant_summary",
         class_sum("government_fund_expenditure", "total"), "government_fund_expenditure"),
    ]
    for a, ta, b, tb in pairs:
        if a is None or b is None:
            continue
        if abs(a[0] - b[0]) > a[1] + b[1] and not ({ta, tb} & outliers):
            outliers |= {ta, tb}
    for t in outliers:
        fails.add(("cross_table", t, "total"))

    # names beside codes, read from the .docx row of each item
    for tm in g.writer.tables:
        tid = tm["tid"]
        if not tid:
            continue
        gr = grids[tm["body_index"]]
        item_cols = defaultdict(set)
        for c in tm["cells"]:
            item_cols[c["row"]].add(c["col"])
        for c in tm["cells"]:
            it = c["item"]
            if it["scheme"] not in ("function", "economic"):
                continue
            if it["scheme"] == "economic" and g.name.startswith("seed-"):
                continue  # the seed's economic names are taken as published (see README)
            canonical = codes.fname(it["code"]) if it["scheme"] == "function" else codes.ename(it["code"])
            texts = [t for (r, col), t in gr.items() if r == c["row"] and col not in item_cols[c["row"]]]
            names = set()
            for t in texts:
                t = t.replace("\u3000", "").strip()
                t = re.sub(r"^\[?\d+\]?\s*", "", t).strip()
                if t:
                    names.add(t)
            if canonical not in names:
                fails.add(("name_mismatch", tid, it["code"]))

    # narrative: figures stated agree with the tables (reference values from tables that are not outliers)
    facts = g.narrative_facts
    if facts:
        ref = {}
        tot = groups["total"]["revenue_expenditure_summary"] or groups["total"]["revenue_summary"]
        if "expenditure_summary" in meta and "expenditure_summary" not in outliers:
            for m, subj in (("basic", "基本支出"), ("project", "项目支出")):
                cs = class_sum("expenditure_summary", m)
                if cs:
                    ref[(subj, "amount")] = cs
                    if tot:
                        ref[(subj, "share")] = (gc.pct(cs[0], tot[0]), D("0.02"))
        if "revenue_expenditure_summary" in meta and tot:
            for it in by_table["revenue_expenditure_summary"]:
                if it["scheme"] == "function":
                    ref[(codes.fname(it["code"]), "amount")] = (val(it), tol("revenue_expenditure_summary", 1))
            gp = income("revenue_expenditure_summary", gc.G)
            if gp:
                ref[("一般公共预算", "share")] = (gc.pct(gp[0], tot[0]), D("0.02"))
        if "three_public" in meta:
            t3 = [it for it in by_table["three_public"] if it["measure"] == "total"]
            if t3:
                ref[("三公经费", "amount")] = (val(t3[0]), tol("three_public", 1))
        for f in facts:
            key = (f["subject"], f["kind"])
            if key not in ref:
                continue
            rv, rt = ref[key]
            stated = D(f["stated"])
            slack = D(100) if f["kind"] == "amount" else D("0.02")  # narrative prints 万元 at 2 decimals
            if abs(stated - rv) > rt + slack:
                fails.add(("narrative_mismatch", "", f["subject"]))
    seeded_subjects = {f["code"] for f in truth["failing_checks"] if f["check"] == "narrative_mismatch"}
    wrong_subjects = {f["subject"] for f in facts if f["stated"] != f["expected"]}
    if facts and wrong_subjects != seeded_subjects:
        err(g.name, f"narrative figures that differ from the budget {wrong_subjects} vs seeded {seeded_subjects}")
    if g.name.startswith("seed-"):
        fails |= {("narrative_mismatch", "", s) for s in ("一般公共预算", "项目支出", "一般公共服务支出")}
    return fails


# ---------------------------------------------------------------------------------------------- main


def check_truth_shape(name: str, t: dict):
    if list(t) != TRUTH_KEYS:
        err(name, f"truth keys {list(t)}")
    if t["file"] != f"docx/{name}.docx":
        err(name, f"file {t['file']}")
    if t["doc_kind"] != "budget" or t["scope"] not in ("department", "unit") or t["unit"] not in ("万元", "元"):
        err(name, "doc_kind/scope/unit")
    if len(set(t["tables"])) != len(t["tables"]) or not set(t["tables"]) <= KNOWN_TABLES:
        err(name, f"tables {t['tables']}")
    if t["tables_missing"] != [x for x in gc.STANDARD_TABLES if x not in t["tables"]]:
        err(name, f"tables_missing {t['tables_missing']}")
    if set(t["staffing"]) != {"authorised", "actual", "serving", "retired"}:
        err(name, "staffing keys")
    for it in t["items"]:
        if list(it) != ITEM_KEYS or not re.fullmatch(r"\d+\.\d{2}", it["amount_yuan"]):
            err(name, f"item shape {it}")
        if it["table"] not in t["tables"]:
            err(name, f"item of a table not listed {it}")
        if it["project"] and it["table"] != "general_budget_project_expenditure":
            err(name, f"project outside the project table {it}")
        if it["scheme"] == "none" and it["code"]:
            err(name, f"scheme none with a code {it}")
    for tg in t["targets"]:
        if list(tg) != TARGET_KEYS or not all(isinstance(v, str) for v in tg.values()) or not tg["text"]:
            err(name, f"target shape {tg}")
    if bool(t["targets"]) != ("performance_targets" in t["tables"]):
        err(name, "targets vs performance_targets in tables")
    num, signed = r"\d+(\.\d+)?", r"-?\d+(\.\d+)?"
    for f in t["facts"]:
        pats = {"amount_yuan": r"\d+\.\d{2}", "share_pct": num, "change_yuan": r"-?\d+\.\d{2}", "change_pct": signed}
        if list(f) != FACT_KEYS or not f["section"] or not f["subject"] or f["amount_yuan"] is None or any(
                f[k] is not None and not re.fullmatch(p, f[k]) for k, p in pats.items()):
            err(name, f"fact shape {f}")


def main() -> int:
    codes = gc.Codes.load()
    gen = gc.generate_all(codes)
    docx_dir, truth_dir = gc.OUT_DIR / "docx", gc.OUT_DIR / "truth"
    on_disk = sorted(p.stem for p in docx_dir.glob("*.docx"))
    if on_disk != sorted(g.name for g in gen) or sorted(p.stem for p in truth_dir.glob("*.json")) != on_disk:
        err("corpus", "files on disk differ from the generator's list")
    total_bytes = 0
    for g in gen:
        name = g.name
        p = docx_dir / f"{name}.docx"
        data = p.read_bytes()
        total_bytes += len(data) + (truth_dir / f"{name}.json").stat().st_size
        if data != g.data:
            err(name, "docx on disk differs from a fresh generation (not deterministic or stale)")
        truth = json.loads((truth_dir / f"{name}.json").read_text(encoding="utf-8"))
        if truth != g.truth or (truth_dir / f"{name}.json").read_text(encoding="utf-8") != gc.truth_json(g.truth):
            err(name, "truth on disk differs from a fresh generation")
        check_truth_shape(name, truth)
        root = etree.fromstring(zipfile.ZipFile(p).read("word/document.xml"))
        body = root.find(W + "body")
        top_tables = body.findall(W + "tbl")
        grids = {}
        order = []
        read_tg = []
        for tm in g.writer.tables:
            tbl = top_tables[tm["body_index"]]
            if tm["nested"]:
                tbl = tbl.find(f"{W}tr/{W}tc/{W}tbl")
            gr = grid(tbl)
            grids[tm["body_index"]] = gr
            if tm["tid"] is None:  # a performance-target table
                read_tg += read_targets(gr)
            if tm["tid"] and tm["tid"] not in order:
                order.append(tm["tid"])
            for c in tm["cells"]:
                text = gr.get((c["row"], c["col"]))
                it = c["item"]
                if text is None:
                    err(name, f"no cell at {tm['tid']} r{c['row']} c{c['col']}")
                    continue
                v = number(text)
                if v is None or gc.q2(v * gc.unit_factor(tm["unit"])) != D(it["amount_yuan"]):
                    err(name, f"cell {tm['tid']} r{c['row']} c{c['col']} reads {text!r}, truth {it}")
        listed = [t for t in truth["tables"] if t != "performance_targets"]
        if order != listed:
            err(name, f"table order {order} vs truth {listed}")
        n_items = sum(len(tm["cells"]) for tm in g.writer.tables)
        if n_items != len(truth["items"]):
            err(name, f"{n_items} printed items vs {len(truth['items'])} in truth")
        # unit lines printed over each table
        text = body_text(root)
        for tm in g.writer.tables:
            if tm["tid"] and f"单位：{tm['unit']}" not in text:
                err(name, f"unit line 单位：{tm['unit']} not found")
        if truth["department"] not in text:
            err(name, "department not printed")
        for f in g.narrative_facts:
            stated = D(f["stated"])
            if f["kind"] == "share":
                s = f"占{stated}%"
            elif g.config and g.config.narrative_yuan:
                s = f"{gc.fmt_number(gc.q2(stated), 2)}元"
            else:
                s = f"{gc.wan2(stated)}万元"
            if s not in text:
                err(name, f"narrative figure {s} not found in the text")
        check_targets(name, read_tg, truth["targets"])
        check_facts(name, body_paragraphs(body), truth["facts"])
        found = recompute(g, truth, codes, grids)
        listed_f = {(f["check"], f["table"], f["code"]) for f in truth["failing_checks"]}
        if found != listed_f:
            err(name, f"failing checks: recomputed {sorted(found)} vs truth {sorted(listed_f)}")
        synthetic = not name.startswith("seed-")
        if synthetic and truth["failing_checks"] and not any(v.startswith(("seeded_", "misnamed")) for v in truth["variants"]):
            err(name, "failing checks without a seeded variant")
        # seeded rollups must be clearly visible: at least 1.00 printed unit and 1% of the parent
        for f in truth["failing_checks"]:
            if f["check"] == "rollup":
                its = {(i["code"], i["measure"]): D(i["amount_yuan"]) for i in truth["items"]
                       if i["table"] == f["table"] and not i["project"]}
                unit = {t["tid"]: t["unit"] for t in g.writer.tables if t["tid"]}[f["table"]]
                ok = False
                for (c0, m0), par in its.items():
                    if c0 != f["code"]:
                        continue
                    kids = sum((v for (c, m), v in its.items() if m == m0 and len(c) == len(c0) + 2
                                and c.startswith(c0)), D(0))
                    big = its.get((c0, "total"), par)
                    if abs(par - kids) >= max(gc.unit_factor(unit), big / 100):
                        ok = True
                if not ok:
                    err(name, f"seeded rollup too small {f}")

    # statistics
    docs = [g.truth for g in gen]
    synth = [t for t in docs if "seed" not in t["variants"]]
    print(f"documents: {len(docs)} ({len(synth)} synthetic + seed); corpus size {total_bytes / 1e6:.2f} MB")
    print(f"departments: {len({t['department'] for t in docs})} spellings, "
          f"{len({(g.budget.dept.key if g.budget else 'cj-zzj') for g in gen})} departments")
    print("years:", dict(sorted(Counter(t["fiscal_year"] for t in docs).items())))
    print("regions:", dict(Counter(t["region"] for t in docs)))
    print("scopes:", dict(Counter(t["scope"] for t in docs)), "units:", dict(Counter(t["unit"] for t in docs)))
    print("items:", sum(len(t["items"]) for t in docs))
    print("facts:", sum(len(t["facts"]) for t in docs), f"(seed {len(docs[0]['facts'])});",
          "with a share:", sum(1 for t in docs for f in t["facts"] if f["share_pct"] is not None),
          "with a change:", sum(1 for t in docs for f in t["facts"] if f["change_yuan"] is not None))
    print("targets:", sum(len(t["targets"]) for t in docs), f"(seed {len(docs[0]['targets'])}) in",
          sum(1 for t in docs if t["targets"]), "documents")
    vc = Counter(v for t in docs for v in t["variants"])
    print("variants (documents):")
    for v, n in sorted(vc.items()):
        print(f"  {v:40s} {n}")
    print("documents with failing checks:")
    for g in gen:
        if g.truth["failing_checks"]:
            fl = ", ".join(f"{f['check']}({f['table']},{f['code']})" for f in g.truth["failing_checks"])
            print(f"  {g.name}: {fl}")
    if total_bytes > 5_000_000:
        err("corpus", f"corpus is {total_bytes} bytes (> 5 MB)")
    if errors:
        print(f"\n{len(errors)} problems:")
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("\ncorpus OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
