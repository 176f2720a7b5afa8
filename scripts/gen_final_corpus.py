#!/usr/bin/env python3
"""Generate yusuan's corpus of final accounts (部门决算): synthetic .docx documents with their truth,
and their PDF twins made by LibreOffice.

    python3 scripts/gen_final_corpus.py            # corpus/final/docx, corpus/final/truth, corpus/final/pdf
    python3 scripts/gen_final_corpus.py --no-pdf   # .docx and truth only

Each document is printed from an exact final account built first in decimal.Decimal yuan (function
lines 类/款/项 split into basic and project spending and into sources of funds; income by function code
and source; carry-overs at the start and the end of the year and a distribution of surplus; the economic
breakdown of general-budget basic spending; the 三公 budget and actual figures). The truth is written
from the generator's own record of what it printed, never by reading a document back. Two layouts: the
Ministry of Finance national template and a Shanghai-like one (基本支出决算表 printed as two blocks side
by side, 三公 with 预算数/决算数 under every part). See corpus/README.md, section "Final accounts".

Output is deterministic (a fixed seed per document; gen_corpus's fixed core properties and zip dates;
gen_pdf_corpus's fixed PDF dates and IDs).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus as G  # noqa: E402
from gen_corpus import C, Cell, DocWriter, P, TableSpec, build_header  # noqa: E402

D = Decimal
ROOT = G.ROOT
OUT = ROOT / "corpus" / "final"
MASTER_SEED = 20250601
ZERO = D("0.00")

CLASSES_26 = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
              "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234"]

CN = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


# ----------------------------------------------------------------------------------------------
# the documents

# (slug, department, short name, region, year, template, unit, scope, main 款 code, project codes,
#  issues, options)
DOCS = [
    ("changji-caizhengju", "昌吉州财政局", "州财政局", G.CJ, 2023, "mof", "万元", "department", "20106",
     ["2010602", "2010607", "2010608"], [], {"all_classes": True, "zeros": True}),
    ("hangzhou-minzhengju", "杭州市民政局", "市民政局", G.HZ, 2023, "mof", "元", "department", "20802",
     ["2080208"], [], {"other_income": True, "thousands": True}),
    ("chengdu-shengtai", "成都市生态环境局", "市生态环境局", G.CD, 2022, "mof", "万元", "department", "21101",
     ["2110102"], ["rollup_exp"], {"all_classes": True}),
    ("changji-jiaoyuju", "昌吉州教育局", "州教育局", G.CJ, 2024, "mof", "万元", "department", "20501",
     ["2050102", "2050201"], ["narrative_basic"], {"zeros": True, "surplus": True, "other_income": True}),
    ("hangzhou-tushuguan", "杭州图书馆", "杭州图书馆", G.HZ, 2022, "mof", "万元", "unit", "20701",
     [], [], {"library": True, "surplus": True, "missing_gf": True, "fund_offset": True}),
    ("chengdu-nongye", "成都市农业农村局", "市农业农村局", G.CD, 2024, "mof", "元", "department", "21301",
     ["2130106"], ["rollup_econ"], {"all_classes": True}),
    ("shanghai-putuo-caizhengju", "上海市普陀区财政局", "区财政局", "上海市普陀区", 2023, "sh", "万元", "department",
     "20106", ["2010602", "2010607", "2010608"], [], {"other_income": True}),
    ("shanghai-putuo-minzhengju", "上海市普陀区民政局", "区民政局", "上海市普陀区", 2024, "sh", "万元",
     "department", "20802", ["2080208"], [], {"surplus": True}),
    ("shanghai-jingan-jiaoyuju", "上海市静安区教育局", "区教育局", "上海市静安区", 2023, "sh", "元", "department",
     "20501", ["2050102", "2050201"], ["rollup_rev"], {}),
    ("shanghai-putuo-weijianwei", "上海市普陀区卫生健康委员会", "区卫生健康委", "上海市普陀区", 2022, "sh", "万元",
     "department", "21001", ["2100102"], ["narrative_basic"], {"other_income": True}),
    ("shanghai-huangpu-shengtai", "上海市黄浦区生态环境局", "区生态环境局", "上海市黄浦区", 2024, "sh", "万元",
     "department", "21101", ["2110102"], ["rollup_econ", "narrative_three"], {}),
    ("shanghai-putuo-lvrongju", "上海市普陀区绿化和市容管理局", "区绿化市容局", "上海市普陀区", 2023, "sh", "元",
     "department", "21201", ["2120102", "2120501"], [], {"surplus": True, "other_income": True,
                                                         "blank_parent_codes": True}),
]

# economic 款 lines of general-budget basic spending: personnel (301, 303) and public use (302, 310)
PERSONNEL_LEAVES = {
    "301": ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113", "30199"],
    "303": ["30302", "30305", "30309"],
}
PUBLIC_LEAVES = {
    "302": ["30201", "30202", "30205", "30206", "30207", "30211", "30213", "30215", "30216", "30217", "30226",
            "30228", "30229", "30231", "30239", "30299"],
    "307": ["30701"],
    "310": ["31002", "31003"],
}
# printed but left blank in the Shanghai blocks (as the real template lists every line)
BLANK_LEAVES = {"30103", "30305", "30205", "30215", "30701", "31003"}


class Final:
    """An exact final account (yuan) and its printing."""

    def __init__(self, idx: int, spec, codes: G.Codes):
        (self.slug, self.dept, self.short, self.region, self.year, self.tpl, self.unit, self.scope,
         self.main, self.projects, self.issues, self.opt) = spec
        self.idx = idx
        self.codes = codes
        self.rng = random.Random(MASTER_SEED + idx * 7919)
        self.gran = D("100") if self.unit == "万元" else D("0.01")
        self.items: list[dict] = []
        self.failing: list[dict] = []
        self.w = DocWriter(landscape=False)
        self.table_no = 0
        self.build_numbers()

    # -- numbers ---------------------------------------------------------------------------------

    def amt(self, lo_wan: float, hi_wan: float) -> D:
        v = D(str(self.rng.uniform(lo_wan, hi_wan))) * G.WAN
        return G.snap(v, self.gran)

    def build_numbers(self):
        r = self.rng
        scale = D(str(r.choice([0.6, 1.0, 1.5, 2.5])))
        econ: dict[str, D] = {}
        sizes = {"30101": (80, 200), "30102": (100, 400), "30103": (0, 0), "30107": (20, 120),
                 "30108": (40, 150), "30109": (10, 60), "30110": (20, 70), "30112": (0.5, 3), "30113": (40, 160),
                 "30199": (5, 80), "30302": (10, 90), "30305": (0, 0), "30309": (0.1, 2),
                 "30201": (2, 20), "30202": (0.5, 8), "30205": (0, 0), "30206": (1, 9), "30207": (0.5, 6),
                 "30211": (0.5, 9), "30213": (1, 12), "30215": (0, 0), "30216": (0.5, 5), "30217": (0.1, 2),
                 "30226": (1, 20), "30228": (3, 25), "30229": (5, 45), "30231": (1, 9), "30239": (5, 50),
                 "30299": (2, 15), "30701": (0, 0), "31002": (1, 15), "31003": (0, 0)}
        for leaves in (PERSONNEL_LEAVES, PUBLIC_LEAVES):
            for cls, ks in leaves.items():
                for k in ks:
                    lo, hi = sizes[k]
                    econ[k] = ZERO if hi == 0 else self.amt(lo * float(scale), hi * float(scale))
        if self.idx % 3 == 0:  # a printed zero in the basic table
            econ["30202"] = ZERO
        self.econ = econ
        kuan = self.main
        admin = kuan + "01"
        if self.opt.get("library"):
            admin = "2070104"
        # basic gpb spending by function code, derived from the economic lines
        basic = {
            "2080505": econ["30108"],
            "2080506": econ["30109"],
            "2101101": econ["30110"],
            "2210201": econ["30113"],
            "2080501": econ["30302"] + econ["30305"],
        }
        basic[admin] = sum(econ.values(), ZERO) - sum(basic.values(), ZERO)
        if self.opt.get("library"):
            basic["2080502"] = basic.pop("2080501")
            basic["2101102"] = basic.pop("2101101")
        # spend[(code, kind, src)]
        spend: dict[tuple, D] = {}
        for c, v in basic.items():
            spend[(c, "basic", "gpb")] = v
        for c in self.projects:
            spend[(c, "project", "gpb")] = self.amt(10 * float(scale), 300 * float(scale))
        spend[(admin, "project", "gpb")] = self.amt(2, 20)
        # a vehicle purchase in some years (三公 车辆购置)
        self.vehicle_purchase = self.amt(18, 30) if self.idx % 4 == 1 else ZERO
        if self.vehicle_purchase:
            spend[(admin, "project", "gpb")] += self.vehicle_purchase
        # non-fiscal funds
        self.sources_used = {"gpb"}
        if self.opt.get("library"):
            spend[("2070104", "basic", "business")] = self.amt(20, 60)
            spend[("2070104", "project", "operating")] = self.amt(3, 12)
            spend[("2070104", "project", "other")] = self.amt(1, 5)
            self.sources_used |= {"business", "operating", "other"}
        if self.opt.get("other_income"):
            c = self.projects[0] if self.projects else admin
            spend[(c, "project", "other")] = self.amt(1, 15)
            self.sources_used.add("other")
        self.spend = spend
        self.admin = admin
        # carry-overs: fiscal (年初/年末财政拨款结转和结余) and non-fiscal
        big = max((k for k in spend if k[1] == "project" and k[2] == "gpb"), key=lambda k: spend[k])
        fb0 = self.amt(5, 40)
        fb1 = self.amt(5, 40)
        if spend[big] + fb1 - fb0 < 0:
            fb1 = fb0
        self.fb0, self.fb1 = fb0, fb1
        adj: dict[tuple, D] = {(big[0], "gpb"): fb1 - fb0}
        nb0 = self.amt(1, 10) if "other" in self.sources_used else ZERO
        surplus = self.amt(0.5, 3) if self.opt.get("surplus") else ZERO
        extra = self.amt(0.5, 6) if "other" in self.sources_used else ZERO
        if extra or surplus:
            # more other income than spent: it stays as carry-over or is distributed
            if "other" not in self.sources_used:
                extra = ZERO
                surplus = min(surplus, nb0)
            nb1 = extra + nb0 - surplus
            if nb1 < 0:
                extra += -nb1
                nb1 = ZERO
            oc = next(k[0] for k in spend if k[2] == "other") if extra else None
            if oc:
                adj[(oc, "other")] = extra
        else:
            nb1 = nb0
        self.nb0, self.nb1, self.surplus = nb0, nb1, surplus
        # 用事业基金弥补收支差额: business spending beyond the year's business income
        self.fund_offset = self.amt(2, 8) if self.opt.get("fund_offset") else ZERO
        if self.fund_offset:
            adj[("2070104", "business")] = -self.fund_offset
        self.adj = adj
        # 三公 (actual = the basic lines 30217 and 30231 and the vehicle project)
        parts_actual = {
            "overseas_travel": ZERO,
            "vehicle_purchase": self.vehicle_purchase,
            "vehicle_operation": econ["30231"],
            "reception": econ["30217"],
        }
        parts_budget = {k: (G.snap(v * D(str(r.uniform(1.0, 1.25))), self.gran) if v else
                            (self.amt(1, 5) if k == "overseas_travel" and self.idx % 2 else ZERO))
                        for k, v in parts_actual.items()}
        self.three = {}
        for suffix, parts in (("budget", parts_budget), ("actual", parts_actual)):
            vehicles = parts["vehicle_purchase"] + parts["vehicle_operation"]
            self.three[f"total_{suffix}"] = parts["overseas_travel"] + vehicles + parts["reception"]
            self.three[f"overseas_travel_{suffix}"] = parts["overseas_travel"]
            self.three[f"vehicles_{suffix}"] = vehicles
            self.three[f"vehicle_purchase_{suffix}"] = parts["vehicle_purchase"]
            self.three[f"vehicle_operation_{suffix}"] = parts["vehicle_operation"]
            self.three[f"reception_{suffix}"] = parts["reception"]

    # per-code aggregates (7-digit leaves, rolled up to 款 and 类)

    def rollup(self, leaf_vals: dict[str, dict[str, D]]) -> dict[str, dict[str, D]]:
        out: dict[str, dict[str, D]] = {}
        for code, ms in leaf_vals.items():
            for c in (code[:3], code[:5], code):
                row = out.setdefault(c, {})
                for m, v in ms.items():
                    row[m] = row.get(m, ZERO) + v
        return dict(sorted(out.items()))

    def exp_rows(self, sources) -> dict:
        leaf: dict[str, dict[str, D]] = {}
        for (c, kind, src), v in self.spend.items():
            if src in sources:
                row = leaf.setdefault(c, {"total": ZERO, "basic": ZERO, "project": ZERO})
                row[kind] += v
                row["total"] += v
        return self.rollup(leaf)

    def rev_rows(self) -> dict:
        col = {"gpb": "fiscal_appropriation", "business": "business_income",
               "operating": "business_operating_income", "other": "other_income"}
        leaf: dict[str, dict[str, D]] = {}
        for (c, _kind, src), v in self.spend.items():
            row = leaf.setdefault(c, {})
            row[col[src]] = row.get(col[src], ZERO) + v
        for (c, src), v in self.adj.items():
            row = leaf.setdefault(c, {})
            row[col[src]] = row.get(col[src], ZERO) + v
        for row in leaf.values():
            row["total"] = sum(row.values(), ZERO)
        return self.rollup(leaf)

    def income_totals(self) -> dict[str, D]:
        rows = self.rev_rows()
        tot: dict[str, D] = {}
        for c, ms in rows.items():
            if len(c) == 3:
                for m, v in ms.items():
                    tot[m] = tot.get(m, ZERO) + v
        return tot

    # -- printing helpers -----------------------------------------------------------------------

    def fmt(self, yuan: D) -> str:
        v = G.printed_value(yuan, self.unit, 2)
        thousands = self.tpl == "sh" or self.opt.get("thousands", False)
        return G.fmt_number(v, 2, thousands=thousands)

    def amount(self, tid: str, yuan: D | None, scheme: str, code: str, measure: str, blank_zero=False) -> Cell:
        if yuan is None or (blank_zero and yuan == 0):
            return C("", align="right")
        text = self.fmt(yuan)
        value = G.printed_value(yuan, self.unit, 2) * G.unit_factor(self.unit)
        item = {"table": tid, "scheme": scheme, "code": code, "project": "", "measure": measure,
                "amount_yuan": G.yuan_str(value)}
        self.items.append(item)
        cell = C(text, align="right")
        cell.item = item
        return cell

    def plain(self, yuan: D | None) -> Cell:
        return C("" if yuan is None else self.fmt(yuan), align="right")

    def label(self, text: str, span: int = 1) -> Cell:
        return C(text, span=span, align="left")

    def heading(self, title: str):
        self.table_no += 1
        if self.tpl == "mof":
            self.w.para(P(f"公开{self.table_no:02d}表", align="right"))
            self.w.para(P(title, bold=True, align="center", size=32))
            self.w.para(P(f"编制单位：{self.dept}{' ' * 10}金额单位：{self.unit}"))
        else:
            self.w.para(P(title, bold=True, align="center", size=32))
            self.w.para(P(f"单位：{self.unit}", align="right"))

    def put(self, tid: str, ncols: int, header, body, widths=None):
        rows = header + body
        self.w.table(TableSpec(tid, ncols, rows, unit=self.unit, dp=2, header_rows=len(header), widths=widths))

    def fail(self, check: str, table: str, code: str):
        f = {"check": check, "table": table, "code": code}
        if f not in self.failing:
            self.failing.append(f)

    def code_cols(self) -> int:
        return 1 if self.tpl == "mof" else 3

    def code_header(self, depth: int) -> list[list]:
        if self.tpl == "mof":
            return [["科目编码"] + [None] * (depth - 1), ["科目名称"] + [None] * (depth - 1)]
        return [["支出功能分类科目编码", "类"] + [None] * (depth - 2),
                ["支出功能分类科目编码", "款"] + [None] * (depth - 2),
                ["支出功能分类科目编码", "项"] + [None] * (depth - 2),
                ["科目名称", None] + [None] * (depth - 2)]

    def code_cells(self, code: str) -> list[Cell]:
        name = self.codes.fname(code)
        if self.tpl == "mof":
            return [C(code, align="left"), self.label(name)]
        parts = [code[:3], code[3:5] if len(code) > 3 else "", code[5:7] if len(code) > 5 else ""]
        if self.opt.get("blank_parent_codes"):
            # child rows leave the 类 (and 款) cells blank: they are the parent's above
            parts = ["" if len(code) > 3 + 2 * i else p for i, p in enumerate(parts)]
            parts[(len(code) - 3) // 2] = [code[:3], code[3:5], code[5:7]][(len(code) - 3) // 2]
        return [C(p, align="left") for p in parts] + [self.label(name)]

    def total_cells(self, text: str = "合计") -> list[Cell]:
        n = self.code_cols() + 1
        return [C(text, span=n, bold=True)]

    # -- seeded errors --------------------------------------------------------------------------

    def perturb(self) -> D:
        return G.snap(D(str(self.rng.uniform(15, 40))) * G.WAN, self.gran)

    # -- tables ---------------------------------------------------------------------------------

    def class_label(self, i: int, code: str) -> str:
        return f"{cn_num(i + 1)}、{self.codes.fname(code)}"

    def t_res(self):
        tid = "final_revenue_expenditure_summary"
        self.heading("收入支出决算总表")
        inc = self.income_totals()
        exp = self.exp_rows({"gpb", "business", "operating", "other"})
        zeros = self.opt.get("zeros", False)
        left = [
            ("一、一般公共预算财政拨款收入", "general_public_budget", inc.get("fiscal_appropriation")),
            ("二、政府性基金预算财政拨款收入", "government_fund_budget", ZERO if zeros else None),
            ("三、国有资本经营预算财政拨款收入", "state_capital_budget", ZERO if zeros else None),
            ("四、上级补助收入", None, None),
            ("五、事业收入", "business_income", inc.get("business_income")),
            ("六、经营收入", "business_operating_income", inc.get("business_operating_income")),
            ("七、附属单位上缴收入", None, None),
            ("八、其他收入", "other_income", inc.get("other_income")),
        ]
        used = [c for c in exp if len(c) == 3]
        classes = CLASSES_26 if self.opt.get("all_classes") or self.tpl == "sh" else used
        right = [(self.class_label(i, c), c, exp[c]["total"] if c in exp else None) for i, c in enumerate(classes)]
        n = max(len(left), len(right))
        header = build_header([["收入", "项目"], ["收入", "决算数"], ["支出", "项目"], ["支出", "决算数"]])
        body = []
        for i in range(n):
            row = []
            for side in (left, right):
                if i < len(side):
                    text, code, v = side[i]
                    scheme = "function" if side is right else "income"
                    row += [self.label(text),
                            self.amount(tid, v, scheme, code, "actual") if code else C("", align="right")]
                else:
                    row += [C(""), C("")]
            body.append(row)
        year_in = inc["total"]
        year_out = exp_total = sum(exp[c]["total"] for c in used)
        carry0 = self.fb0 + self.nb0
        carry1 = self.fb1 + self.nb1
        assert year_in + carry0 + self.fund_offset == exp_total + self.surplus + carry1, "final balance"
        body.append([C("本年收入合计", bold=True), self.plain(year_in), C("本年支出合计", bold=True),
                     self.plain(year_out)])
        offset = (self.amount(tid, self.fund_offset, "none", "fund_offset", "actual") if self.fund_offset
                  else C(""))
        body.append([self.label("用事业基金弥补收支差额" if self.fund_offset else "使用非财政拨款结余（含专用结余）"),
                     offset, self.label("结余分配"),
                     self.amount(tid, self.surplus, "none", "surplus_distribution", "actual")
                     if self.surplus or zeros else C("")])
        body.append([self.label("年初结转和结余"), self.amount(tid, carry0, "income", "carryover", "actual"),
                     self.label("年末结转和结余"), self.amount(tid, carry1, "none", "year_end_carryover", "actual")])
        total = year_in + carry0 + self.fund_offset
        body.append([C("总计", bold=True), self.plain(total), C("总计", bold=True), self.plain(total)])
        self.put(tid, 4, header, body, widths=[3300, 1500, 3300, 1500])

    def coded_table(self, tid: str, rows: dict, measures: list[tuple[str, str]], total_at_bottom=False,
                    blank_zero=True):
        depth = 2 if self.tpl == "sh" else 1
        paths = self.code_header(depth)
        for label, _m in measures:
            paths.append([label] + [None] * (depth - 1))
        header = build_header(paths)
        ncols = self.code_cols() + 1 + len(measures)
        tot = {m: sum((ms.get(m, ZERO) for c, ms in rows.items() if len(c) == 3), ZERO) for _l, m in measures}
        total_row = self.total_cells() + [self.plain(tot[m]) if tot[m] or not blank_zero else C("")
                                          for _l, m in measures]
        body = [] if total_at_bottom else [total_row]
        for code, ms in rows.items():
            cells = self.code_cells(code)
            for _l, m in measures:
                cells.append(self.amount(tid, ms.get(m), "function", code, m, blank_zero=blank_zero))
            body.append(cells)
        if total_at_bottom:
            body.append(total_row)
        self.put(tid, ncols, header, body)

    def seeded(self, rows: dict, tid: str, measures: list[str], issue: str) -> dict:
        """Print one 项 row off by an amount in all of `measures` (rollup of its 款 fails)."""
        if issue not in self.issues:
            return rows
        rows = {c: dict(ms) for c, ms in rows.items()}
        leaf = self.admin
        delta = self.perturb()
        for m in measures:
            rows[leaf][m] = rows[leaf].get(m, ZERO) + delta
        self.fail("rollup", tid, leaf[:5])
        return rows

    def t_revenue(self):
        tid = "final_revenue_summary"
        self.heading("收入决算表")
        rows = self.seeded(self.rev_rows(), tid, ["total", "fiscal_appropriation"], "rollup_rev")
        measures = [("本年收入合计", "total"), ("财政拨款收入", "fiscal_appropriation"), ("事业收入", "business_income"),
                    ("经营收入", "business_operating_income"), ("其他收入", "other_income")]
        self.coded_table(tid, rows, measures)

    def t_expenditure(self):
        tid = "final_expenditure_summary"
        self.heading("支出决算表")
        rows = self.seeded(self.exp_rows({"gpb", "business", "operating", "other"}), tid, ["total", "basic"],
                           "rollup_exp")
        self.coded_table(tid, rows, [("本年支出合计", "total"), ("基本支出", "basic"), ("项目支出", "project")])

    def t_fiscal(self):
        tid = "final_fiscal_grant_summary"
        self.heading("财政拨款收入支出决算总表")
        exp = self.exp_rows({"gpb"})
        used = [c for c in exp if len(c) == 3]
        zeros = self.opt.get("zeros", False)
        fi = self.income_totals()["fiscal_appropriation"]
        fe = sum(exp[c]["total"] for c in used)
        assert fi + self.fb0 == fe + self.fb1
        left = [("一、一般公共预算财政拨款", "general_public_budget", fi),
                ("二、政府性基金预算财政拨款", "government_fund_budget", ZERO if zeros else None),
                ("三、国有资本经营预算财政拨款", "state_capital_budget", ZERO if zeros else None)]
        classes = CLASSES_26 if self.opt.get("all_classes") or self.tpl == "sh" else used
        header = build_header([["收入", "项目"], ["收入", "决算数"], ["支出", "项目"], ["支出", "合计"],
                               ["支出", "一般公共预算财政拨款"], ["支出", "政府性基金预算财政拨款"],
                               ["支出", "国有资本经营预算财政拨款"]])
        body = []
        for i in range(max(len(left), len(classes))):
            row = []
            if i < len(left):
                text, code, v = left[i]
                row += [self.label(text), self.amount(tid, v, "income", code, "actual")]
            else:
                row += [C(""), C("")]
            c = classes[i]
            v = exp[c]["total"] if c in exp else None
            row += [self.label(self.class_label(i, c)), self.amount(tid, v, "function", c, "total"),
                    self.amount(tid, v, "function", c, "general_public_budget"), C(""), C("")]
            body.append(row)
        body.append([C("本年收入合计", bold=True), self.plain(fi), C("本年支出合计", bold=True), self.plain(fe),
                     self.plain(fe), C(""), C("")])
        body.append([self.label("年初财政拨款结转和结余"), self.amount(tid, self.fb0, "income", "carryover", "actual"),
                     self.label("年末财政拨款结转和结余"),
                     self.amount(tid, self.fb1, "none", "year_end_carryover", "total"),
                     self.amount(tid, self.fb1, "none", "year_end_carryover", "general_public_budget"),
                     C(""), C("")])
        if self.tpl == "sh":
            body.append([self.label("一、一般公共预算财政拨款"), self.plain(self.fb0), C(""), C(""), C(""), C(""), C("")])
            body.append([self.label("二、政府性基金预算财政拨款"), C(""), C(""), C(""), C(""), C(""), C("")])
            body.append([self.label("三、国有资本经营预算财政拨款"), C(""), C(""), C(""), C(""), C(""), C("")])
        body.append([C("总计", bold=True), self.plain(fi + self.fb0), C("总计", bold=True),
                     self.plain(fe + self.fb1), self.plain(fe + self.fb1), C(""), C("")])
        self.put(tid, 7, header, body, widths=[2100, 1100, 2300, 1100, 1100, 1000, 1000])

    def t_gbe(self):
        tid = "final_general_budget_expenditure"
        self.heading("一般公共预算财政拨款支出决算表")
        rows = self.exp_rows({"gpb"})
        self.coded_table(tid, rows, [("合计", "total"), ("基本支出", "basic"), ("项目支出", "project")],
                         total_at_bottom=self.tpl == "sh")

    def econ_rows(self) -> dict[str, D]:
        rows: dict[str, D] = {}
        for leaves in (PERSONNEL_LEAVES, PUBLIC_LEAVES):
            for cls, ks in leaves.items():
                rows[cls] = sum((self.econ[k] for k in ks), ZERO)
                for k in ks:
                    rows[k] = self.econ[k]
        return rows

    def t_basic(self):
        tid = "final_general_budget_basic_expenditure"
        self.heading("一般公共预算财政拨款基本支出决算表")
        rows = self.econ_rows()
        if "rollup_econ" in self.issues:
            rows["30102"] += self.perturb()
            self.fail("rollup", tid, "301")
        personnel = sum((rows[c] for c in PERSONNEL_LEAVES), ZERO)
        public = sum((rows[c] for c in PUBLIC_LEAVES), ZERO)
        if "rollup_econ" in self.issues:
            # the block totals are the sums of the printed classes; the class row 301 is the exact one
            personnel = sum((self.econ_rows()[c] for c in PERSONNEL_LEAVES), ZERO)
        if self.tpl == "mof":
            header = build_header([["科目编码"], ["科目名称"], ["合计"], ["人员经费"], ["公用经费"]])
            body = [[C("合计", span=2, bold=True), self.plain(personnel + public), self.plain(personnel),
                     self.plain(public)]]
            for group, measure in ((PERSONNEL_LEAVES, "personnel"), (PUBLIC_LEAVES, "public_use")):
                for cls, ks in group.items():
                    for c in [cls] + ks:
                        v = rows[c]
                        if c in BLANK_LEAVES or (cls == "307"):
                            continue
                        body.append([C(c, align="left"), self.label(self.codes.ename(c)),
                                     self.amount(tid, v, "economic", c, "total"),
                                     self.amount(tid, v, "economic", c, measure)
                                     if measure == "personnel" else C(""),
                                     self.amount(tid, v, "economic", c, measure)
                                     if measure == "public_use" else C("")])
            self.put(tid, 5, header, body, widths=[1300, 3500, 1600, 1600, 1600])
            return
        # Shanghai: two blocks side by side, each 科目编码 (类 | 款) | 科目名称 | 决算数
        blocks = []
        for group in (PERSONNEL_LEAVES, PUBLIC_LEAVES):
            lines = []
            for cls, ks in group.items():
                for c in [cls] + ks:
                    v = rows[c]
                    blank = c in BLANK_LEAVES or (cls == "307" and v == 0)
                    lines.append((c, None if blank else v))
            blocks.append(lines)
        paths = []
        for _ in range(2):
            paths += [["经济分类科目编码", "类"], ["经济分类科目编码", "款"], ["科目名称", None], ["决算数", None]]
        header = build_header(paths)
        body = []
        n = max(len(b) for b in blocks)
        for i in range(n):
            row = []
            for lines in blocks:
                if i < len(lines):
                    c, v = lines[i]
                    row += [C(c[:3], align="left"), C(c[3:], align="left"), self.label(self.codes.ename(c)),
                            self.amount(tid, v, "economic", c, "actual")]
                else:
                    row += [C(""), C(""), C(""), C("")]
            body.append(row)
        body.append([C("人员经费合计", span=3, bold=True), self.plain(personnel),
                     C("公用经费合计", span=3, bold=True), self.plain(public)])
        self.put(tid, 8, header, body, widths=[600, 500, 2300, 1400, 600, 500, 2300, 1400])

    def t_three(self):
        tid = "final_three_public"
        self.heading("一般公共预算财政拨款“三公”经费支出决算表" if self.tpl == "mof" else "财政拨款“三公”经费支出决算表")
        parts = [("合计", "total"), ("因公出国（境）费", "overseas_travel"), ("小计", "vehicles"),
                 ("公务用车购置费", "vehicle_purchase"), ("公务用车运行费", "vehicle_operation"),
                 ("公务接待费", "reception")]
        veh = "公务用车购置及运行费"

        def part_path(label):
            if label in ("小计", "公务用车购置费", "公务用车运行费"):
                return [veh, label]
            return [label, None]

        blank_zero = self.tpl == "sh"
        cols = []
        if self.tpl == "mof":
            for suffix, word in (("budget", "预算数"), ("actual", "决算数")):
                for label, m in parts:
                    cols.append(([word] + part_path(label), f"{m}_{suffix}"))
        else:
            for label, m in parts:
                for suffix, word in (("budget", "预算数"), ("actual", "决算数")):
                    cols.append((part_path(label) + [word], f"{m}_{suffix}"))
        header = build_header([p for p, _m in cols])
        body = [[self.amount(tid, self.three[m], "none", "", m, blank_zero=blank_zero) for _p, m in cols]]
        self.put(tid, len(cols), header, body)

    def t_empty(self, tid: str, title: str, kind: str):
        self.heading(title)
        if self.tpl == "mof":
            paths = [["科目编码", None], ["科目名称", None]]
        else:
            paths = [["支出功能分类科目编码", lab] for lab in ("类", "款", "项")] + [["科目名称", None]]
        if tid == "final_government_fund_expenditure" or self.tpl == "sh":
            amounts = [["年初结转和结余", None], ["本年收入", None], ["本年支出", "小计"], ["本年支出", "基本支出"],
                       ["本年支出", "项目支出"], ["年末结转和结余", None]]
        else:
            amounts = [["本年支出", "合计"], ["本年支出", "基本支出"], ["本年支出", "项目支出"]]
        header = build_header(paths + amounts)
        ncols = len(paths) + len(amounts)
        body = [self.total_cells() + [C("") for _ in amounts],
                [C("") for _ in range(ncols)]]
        self.put(tid, ncols, header, body)
        self.w.para(P(f"注：本单位无{kind}财政拨款收入支出，故本表无数据。" if self.idx % 2 else
                      f"注：{self.dept}{self.year}年度无{kind}财政拨款支出，故本表无数据。"))

    # -- narrative --------------------------------------------------------------------------------

    def money(self, yuan: D) -> str:
        if self.unit == "元":
            return f"{G.fmt_number(yuan, 2)}元"
        return f"{G.wan2(yuan)}万元"

    def narrative(self):
        w = self.w
        y = self.year
        inc = self.income_totals()
        exp = self.exp_rows({"gpb", "business", "operating", "other"})
        e_tot = sum(ms["total"] for c, ms in exp.items() if len(c) == 3)
        e_basic = sum(ms["basic"] for c, ms in exp.items() if len(c) == 3)
        e_proj = e_tot - e_basic
        w.para(P(f"第三部分  {self.dept}{y}年度部门决算情况说明", bold=True))
        w.para(P("一、收入支出决算总体情况说明", bold=True))
        w.para(P(f"    {self.dept}{y}年度收入、支出决算总计{self.money(inc['total'] + self.fb0 + self.nb0)}。"))
        w.para(P("二、收入决算情况说明", bold=True))
        parts = [f"财政拨款收入{self.money(inc['fiscal_appropriation'])}，占"
                 f"{G.pct(inc['fiscal_appropriation'], inc['total'])}%"]
        for key, word in (("business_income", "事业收入"), ("business_operating_income", "经营收入"),
                          ("other_income", "其他收入")):
            if inc.get(key):
                parts.append(f"{word}{self.money(inc[key])}，占{G.pct(inc[key], inc['total'])}%")
        w.para(P(f"    本年收入合计{self.money(inc['total'])}，其中：{'；'.join(parts)}。"))
        w.para(P("三、支出决算情况说明", bold=True))
        stated_basic = e_basic
        if "narrative_basic" in self.issues:
            stated_basic = e_basic + G.snap(D(str(self.rng.uniform(20, 60))) * G.WAN, self.gran)
            self.fail("narrative_mismatch", "", "基本支出")
        w.para(P(f"    本年支出合计{self.money(e_tot)}，其中：基本支出{self.money(stated_basic)}，占"
                 f"{G.pct(e_basic, e_tot)}%；项目支出{self.money(e_proj)}，占{G.pct(e_proj, e_tot)}%。"))
        w.para(P("四、财政拨款收入支出决算总体情况说明", bold=True))
        w.para(P(f"    {self.dept}{y}年度财政拨款收入支出决算总计"
                 f"{self.money(inc['fiscal_appropriation'] + self.fb0)}。"))
        w.para(P("五、一般公共预算财政拨款支出决算情况说明", bold=True))
        w.para(P("六、一般公共预算财政拨款基本支出决算情况说明", bold=True))
        w.para(P("七、财政拨款“三公”经费支出决算情况说明", bold=True))
        t = self.three
        stated = t["total_actual"]
        if "narrative_three" in self.issues:
            stated = t["total_actual"] + G.snap(D(str(self.rng.uniform(3, 9))) * G.WAN, self.gran)
            self.fail("narrative_mismatch", "", "三公经费")
        w.para(P(f"    “三公”经费财政拨款支出年初预算为{self.money(t['total_budget'])}，支出决算为"
                 f"{self.money(stated)}。"))
        w.para(P("八、政府性基金预算财政拨款收入支出决算情况说明", bold=True))
        w.para(P(f"    {self.dept}{y}年度无政府性基金预算财政拨款收入和支出。"))
        w.para(P("九、国有资本经营预算财政拨款支出决算情况说明", bold=True))
        w.para(P(f"    {self.dept}{y}年度无国有资本经营预算财政拨款支出。"))
        w.para(P("第四部分  名词解释", bold=True))
        w.para(P("    一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。"))
        w.para(P("    二、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"))
        w.para(P("    三、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，"
                 "需延迟到以后年度按有关规定继续使用的资金。"))

    # -- document ---------------------------------------------------------------------------------

    def build(self) -> tuple[bytes, dict]:
        w, y = self.w, self.year
        word = "部门" if self.scope == "department" else "单位"
        if self.tpl == "sh":
            w.para(P(self.dept, bold=True, align="center", size=40))
            w.para(P(f"{y}年度{word}决算", bold=True, align="center", size=40))
        else:
            w.para(P(f"{self.dept}{y}年度{word}决算", bold=True, align="center", size=36))
        w.para(P(f"第一部分  {self.dept}概况", bold=True))
        w.para(P("一、主要职能", bold=True))
        w.para(P(f"    {self.short}负责本领域的政策执行、行业管理和公共服务。"))
        w.para(P(f"二、{word}决算单位构成", bold=True))
        w.para(P(f"    纳入{self.dept}{y}年度{word}决算编制范围的单位为{self.dept}（本级）。"))
        w.para(P(f"第二部分  {self.dept}{y}年度{word}决算表", bold=True))
        self.t_res()
        w.para(P(""))
        self.t_revenue()
        w.para(P(""))
        self.t_expenditure()
        w.para(P(""))
        self.t_fiscal()
        w.para(P(""))
        self.t_gbe()
        w.para(P(""))
        self.t_basic()
        w.para(P(""))
        self.t_three()
        w.para(P(""))
        missing = []
        if self.opt.get("missing_gf"):
            missing.append("final_government_fund_expenditure")
        else:
            self.t_empty("final_government_fund_expenditure", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算")
            w.para(P(""))
        self.t_empty("final_state_capital_expenditure",
                     "国有资本经营预算财政拨款支出决算表" if self.tpl == "mof" else "国有资本经营预算财政拨款收入支出决算表",
                     "国有资本经营预算")
        w.para(P(""))
        self.narrative()
        data = w.save_bytes(f"{self.dept}{y}年度{word}决算")
        truth = {
            "file": f"docx/{self.slug}-{y}.docx",
            "department": self.dept,
            "region": self.region,
            "fiscal_year": y,
            "doc_kind": "final_accounts",
            "scope": self.scope,
            "unit": self.unit,
            "variants": sorted({f"template_{self.tpl}", f"unit_{'wan' if self.unit == '万元' else 'yuan'}"}
                               | {f"issue_{i}" for i in self.issues} | {k for k, v in self.opt.items() if v}),
            "tables_missing": missing,
            "items": self.items,
            "failing_checks": self.failing,
            "facts": [],
            "targets": [],
        }
        return data, truth


def verify(f: Final, data: bytes, truth: dict) -> list[str]:
    """Check the truth against the document: every item read back at the cell it was printed in, and
    the rollups recomputed from the items fail exactly where the truth says."""
    import io

    import docx

    errors = []
    doc = docx.Document(io.BytesIO(data))
    n = 0
    for meta in f.w.tables:
        table = doc.tables[meta["body_index"]]
        for cell in meta["cells"]:
            n += 1
            text = table.rows[cell["row"]].cells[cell["col"]].text.replace(",", "")
            yuan = G.q2(D(text) * G.unit_factor(meta["unit"]))
            if G.yuan_str(yuan) != cell["item"]["amount_yuan"]:
                errors.append(f"{meta['tid']} r{cell['row']}c{cell['col']}: {text} vs {cell['item']}")
    if n != len(truth["items"]):
        errors.append(f"{n} cells recorded, {len(truth['items'])} items")
    values: dict[tuple, D] = {}
    for it in truth["items"]:
        if it["scheme"] in ("function", "economic"):
            values[(it["table"], it["measure"], it["code"])] = D(it["amount_yuan"])
    failing = set()
    for (tid, m, code), v in values.items():
        kids = [x for (t2, m2, c2), x in values.items()
                if t2 == tid and m2 == m and len(c2) == len(code) + 2 and c2.startswith(code)]
        if kids and sum(kids, ZERO) != v:
            failing.add(("rollup", tid, code))
    want = {(c["check"], c["table"], c["code"]) for c in truth["failing_checks"] if c["check"] == "rollup"}
    if failing != want:
        errors.append(f"rollups failing {sorted(failing)}, truth {sorted(want)}")
    return errors


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def gen_pdfs(names: list[str]):
    import gen_pdf_corpus as GP

    soffice = GP.find_soffice()
    pdf_dir = OUT / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    m = GP.lo_metrics()
    with tempfile.TemporaryDirectory(prefix="yusuan-final-lo-") as tmp:
        tmp = Path(tmp)
        src, out, profile = tmp / "docx", tmp / "pdf", tmp / "profile"
        src.mkdir()
        out.mkdir()
        for n in names:
            GP.fit_docx_for_lo(OUT / "docx" / f"{n}.docx", src / f"{n}.docx", m)
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out)] + [str(src / f"{n}.docx") for n in names]
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
        for n in names:
            pdf = out / f"{n}.pdf"
            if not pdf.exists():
                raise SystemExit(f"LibreOffice did not convert {n}:\n{res.stdout}\n{res.stderr}")
            data = GP.make_lo_pdf_deterministic(pdf.read_bytes(), (OUT / "docx" / f"{n}.docx").read_bytes())
            write_if_changed(pdf_dir / f"{n}.pdf", data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    codes = G.Codes.load()
    (OUT / "docx").mkdir(parents=True, exist_ok=True)
    (OUT / "truth").mkdir(parents=True, exist_ok=True)
    names = []
    for idx, spec in enumerate(DOCS):
        f = Final(idx, spec, codes)
        data, truth = f.build()
        errors = verify(f, data, truth)
        if errors:
            raise SystemExit(f"{f.slug}-{f.year}: the truth does not match the document:\n" + "\n".join(errors))
        name = f"{f.slug}-{f.year}"
        names.append(name)
        write_if_changed(OUT / "docx" / f"{name}.docx", data)
        text = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
        write_if_changed(OUT / "truth" / f"{name}.json", text.encode())
        print(f"{name}: {len(truth['items'])} items, {len(truth['failing_checks'])} failing checks")
    if not args.no_pdf:
        gen_pdfs(names)
        print(f"{len(names)} PDFs in corpus/final/pdf")


if __name__ == "__main__":
    main()
