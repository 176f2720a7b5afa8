#!/usr/bin/env python3
"""Generate yusuan's regional corpus (corpus/regional): Jiangsu-like provincial department budgets (the
twelve-table set) and university-like (central unit) budgets and final accounts, with their truth.

    python3 scripts/gen_regional_corpus.py            # docx + truth, PDF twins, one .doc and one .xlsx twin
    python3 scripts/gen_regional_corpus.py --no-pdf   # .docx and truth only

Imitates the real files in ../shared/realdocs-wild (never copied): Jiangsu's 收支预算总表 with 功能分类 and
支出用途 blocks side by side, 收入预算总表 as a vertical tree of funds, a totals-only 支出预算总表 with
单位预留机动经费 and 结转下年资金, 财政拨款收支预算总表, 财政拨款支出预算表（功能科目）, 财政拨款基本支出
预算表（经济科目）, 一般公共预算支出/基本支出预算表, the “三公”经费、会议费、培训费 table with 合计 beside the
三公 小计, an empty 政府性基金 table with its note, 机关运行经费 and 政府采购 tables; one Jiangsu budget is
published as a narrative file plus a tables file. The university set: 收支预算总表 with 本年收入合计 /
使用非财政拨款结余 / 上年结转 / 收入总计, 收入预算表 (事业收入 金额 | 其中：教育收费), 支出预算表,
财政拨款支出预算表, and the 决算 twins (收支决算总表, 收入决算表, 支出决算表, 财政拨款支出决算表 with
项目支出 小计 | 其中：基本建设资金支出).

Every figure is built first in decimal.Decimal (万元, two decimals) and the truth is written from the
generator's own record, never from yusuan's output. Departments and figures are invented. See
corpus/README.md, section "Regional templates".
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus as G  # noqa: E402
from gen_corpus import C, DocWriter, TableSpec, build_header  # noqa: E402

D = Decimal
ROOT = G.ROOT
OUT = ROOT / "corpus" / "regional"
MASTER_SEED = 20261129
Z = D("0.00")
WAN = D(10000)
CN = "零一二三四五六七八九"

# 收支预算总表's function block lists these classes, printed or blank (as the Jiangsu tables do)
JS_CLASSES = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
              "216", "217", "220", "221", "222", "224", "229"]
# the 决算 summary lists every class
FINAL_CLASSES = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
                 "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "233"]


def cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def money(v: D | None) -> str:
    """An amount in 万元 as the tables print it: thousands separators, blank for nothing."""
    if v is None:
        return ""
    return format(v, ",.2f")


def yuan(v: D) -> str:
    return str((v * WAN).quantize(D("0.01")))


# ----------------------------------------------------------------------------------------------
# the documents

# (slug, department, year, template, options)
DOCS = [
    ("jiangsu-danganju", "江苏省档案局", 2018, "js",
     {"admin": "20126", "leaves": ["2012601", "2012602", "2012604"], "other_funds": True, "title": "num"}),
    ("jiangsu-tongjiju", "江苏省统计局", 2019, "js",
     {"admin": "20105", "leaves": ["2010501", "2010502", "2010507", "2010505"], "title": "plain",
      "companion": True}),
    ("jiangsu-shangwuting", "江苏省商务厅", 2017, "js",
     {"admin": "20113", "leaves": ["2011301", "2011302", "2011308"], "title": "num", "seed": "rollup_econ"}),
    ("daxue-huanan-nongye", "华南农林大学", 2022, "uni", {"donation": True}),
    ("daxue-xibei-shifan", "西北师范学院", 2023, "uni", {"fund_offset": True}),
    ("daxue-huanan-nongye", "华南农林大学", 2021, "uni_final", {"basic_construction": True}),
    ("daxue-xibei-shifan", "西北师范学院", 2022, "uni_final", {"surplus": True}),
]


class Doc:
    def __init__(self, idx: int, spec, codes: G.Codes):
        self.slug, self.dept, self.year, self.tpl, self.opt = spec
        self.idx = idx
        self.codes = codes
        self.rng = random.Random(MASTER_SEED + idx * 7919)
        self.items: list[dict] = []
        self.failing: list[dict] = []
        self.w = DocWriter(landscape=True)
        self.variants: list[str] = ["template_" + self.tpl]
        self.printed: list[tuple[str, int, str]] = []  # (part, table index in the part, cell text)
        self.part = 0
        self.n_tables = 0

    def amt(self, lo: float, hi: float) -> D:
        return D(str(self.rng.uniform(lo, hi))).quantize(D("0.01"))

    def fname(self, code: str) -> str:
        return self.codes.fname(code)

    def ename(self, code: str) -> str:
        return self.codes.ename(code)

    # -- printing helpers ------------------------------------------------------------------------

    def item(self, tid: str, scheme: str, code: str, measure: str, v: D | None):
        """An amount cell; a printed amount is a truth item."""
        if v is None:
            return C("", align="right")
        self.items.append({"table": tid, "scheme": scheme, "code": code, "project": "", "measure": measure,
                           "amount_yuan": yuan(v)})
        self.printed.append((self.part, self.n_tables, money(v)))
        return C(money(v), align="right")

    def emit(self, tid: str, header: list[list], body: list[list], widths: list[int] | None = None):
        ncols = sum(c.span for c in header[0])
        # header_rows=0: the header is not repeated on the next page (the real tables that run over
        # a page continue without it)
        self.w.table(TableSpec(tid, ncols, header + body, unit="万元", dp=2, header_rows=0,
                               widths=widths, font_size=18))
        self.n_tables += 1

    def dept_line(self, label: str = "部门："):
        self.w.para(f"{label}{self.dept}　　　　　　　　　　　　　　单位：万元")



# ----------------------------------------------------------------------------------------------
# Jiangsu-like provincial department budget


class Jiangsu(Doc):
    PERSONNEL = {"30101": (300, 900), "30102": (500, 2000), "30103": (40, 160), "30108": (150, 500),
                 "30109": (60, 200), "30112": (5, 20), "30113": (150, 500), "30114": (10, 40)}
    PUBLIC = {"30201": (50, 400), "30205": (5, 40), "30206": (30, 120), "30207": (20, 90), "30211": (40, 250),
              "30213": (20, 90), "30215": (50, 300), "30216": (30, 200), "30217": (5, 40), "30228": (30, 120),
              "30229": (10, 60), "30231": (40, 200), "30239": (50, 300), "30299": (10, 80)}
    FAMILY = {"30301": (50, 300), "30302": (200, 900), "30309": (0.2, 2)}

    def build_numbers(self):
        o = self.opt
        econ = {}
        for group in (self.PERSONNEL, self.PUBLIC, self.FAMILY):
            for k, (lo, hi) in group.items():
                econ[k] = self.amt(lo, hi)
        self.econ = econ
        self.meetings = econ["30215"]
        self.training = econ["30216"]
        admin_run = o["leaves"][0]
        # basic spending by function code, from the economic lines
        basic = {
            "2080505": econ["30108"],
            "2080506": econ["30109"],
            "2210201": econ["30113"],
            "2080501": econ["30301"] + econ["30302"] + econ["30309"],
        }
        basic[admin_run] = sum(econ.values(), Z) - sum(basic.values(), Z)
        self.basic_fn = basic
        self.project_fn = {c: self.amt(200, 2500) for c in o["leaves"][1:]}
        self.project_fn["2210202"] = self.amt(800, 2600)  # 提租补贴 as a project
        self.reserve = self.amt(500, 2500)
        self.reserve_code = o["leaves"][1]
        self.other = self.amt(10, 60) if o.get("other_funds") else Z  # 其他资金 (其他收入), spent on projects
        fiscal: dict[str, D] = {}
        for src in (basic, self.project_fn):
            for c, v in src.items():
                fiscal[c] = fiscal.get(c, Z) + v
        fiscal[self.reserve_code] += self.reserve
        self.fiscal_fn = fiscal  # all fiscal money is general-budget money here
        allfn = dict(fiscal)
        if self.other:
            c = o["leaves"][-1]
            allfn[c] = allfn.get(c, Z) + self.other
        self.all_fn = allfn
        self.basic_total = sum(basic.values(), Z)
        self.project_total = sum(self.project_fn.values(), Z) + self.other
        self.fiscal_total = sum(fiscal.values(), Z)
        self.total = sum(allfn.values(), Z)
        # 三公
        self.overseas = self.amt(50, 200)
        self.vehicle_purchase = Z if self.idx % 2 else self.amt(20, 40)
        self.vehicle_operation = econ["30231"]
        self.reception = self.amt(10, 40)
        # procurement
        self.proc = {"goods": self.amt(100, 400), "services": self.amt(50, 300)}

    def rollup(self, leaves: dict[str, D]) -> dict[str, D]:
        out: dict[str, D] = {}
        for c, v in leaves.items():
            for n in (3, 5, 7) if len(c) == 7 else (3, 5):
                out[c[:n]] = out.get(c[:n], Z) + v
        return out

    def table_title(self, n: int, title: str, wrap: str | None = None):
        if self.opt.get("title") == "num":
            if wrap:
                self.w.para(f"公开{n:02d}表：{title[:-len(wrap)]}", bold=True)
                self.w.para(wrap, bold=True)
            else:
                self.w.para(f"公开{n:02d}表：{title}", bold=True)
        else:
            self.w.para(title, align="center", bold=True)
            self.w.para(f"公开表{cn_num(n)}")
        self.dept_line()

    def t01(self):
        tid = "revenue_expenditure_summary"
        self.table_title(1, "收支预算总表")
        header = build_header([["收入", "项目名称", None], ["收入", "金额", None],
                               ["支出", "功能分类", "功能科目名称"], ["支出", "功能分类", "金额"],
                               ["支出", "支出用途", "项目名称"], ["支出", "支出用途", "金额"]])
        classes = self.rollup(self.all_fn)
        left = [("一、财政拨款", "fiscal_appropriation", self.fiscal_total),
                ("1.一般公共预算", "general_public_budget", self.fiscal_total),
                ("2.政府性基金预算", "government_fund_budget", None),
                ("二、财政专户管理资金", "special_account", None),
                ("三、其他资金", "other_income", self.other or None)]
        right = [("一、基本支出", "basic", self.basic_total), ("二、项目支出", "project", self.project_total),
                 ("三、单位预留机动经费", "unit_reserve", self.reserve)]
        body = []
        for i, cls in enumerate(JS_CLASSES):
            row = []
            if i < len(left):
                label, code, v = left[i]
                row += [C(label, align="left"), self.item(tid, "income", code, "total", v)]
            else:
                row += [C(""), C("")]
            row += [C(f"{cn_num(i + 1)}、{self.fname(cls)}", align="left"),
                    self.item(tid, "function", cls, "total", classes.get(cls))]
            if i < len(right):
                label, m, v = right[i]
                row += [C(label, align="left"), self.item(tid, "none", "", m, v)]
            else:
                row += [C(""), C("")]
            body.append(row)
        body.append([C("当年收入小计"), C(money(self.total), align="right"), C("当年支出小计"), C(""), C(""),
                     C(money(self.total), align="right")])
        body.append([C("上年结转资金"), C(""), C("结转下年资金"), C(""), C(""), C("")])
        body.append([C("收入合计"), C(money(self.total), align="right"), C("支出合计"), C(""), C(""),
                     C(money(self.total), align="right")])
        self.emit(tid, header, body)

    def t02(self):
        tid = "revenue_summary"
        self.table_title(2, "收入预算总表")
        header = [[C("项目名称", span=2, bold=True), C("金额", bold=True)]]
        body = [[C("收入总计", span=2), C(money(self.total), align="right")]]
        # a group's 小计 is that fund's total (其他资金's is other_funds); 公共财政拨款(补助)资金 is the
        # general budget's appropriation (fiscal_appropriation); 专项收入 has no id of its own
        tree = [
            ("一般公共预算资金", [("小计", "general_public_budget", self.fiscal_total),
                                  ("公共财政拨款(补助)资金", "fiscal_appropriation", self.fiscal_total),
                                  ("专项收入", None, None)]),
            ("政府性基金", [("小计", "government_fund_budget", None)]),
            ("财政专户管理资金", [("小计", "special_account", None), ("专户管理教育收费", None, None),
                                  ("其他非税收入", None, None)]),
            ("其他资金", [("小计", "other_funds", self.other or None), ("事业收入", "business_income", None),
                          ("经营收入", "business_operating_income", None),
                          ("其他收入", "other_income", self.other or None)]),
            ("上年结转和结余资金", [("小计", "carryover", None), ("其中：动用上年结转和结余资金", None, None)]),
        ]
        for group, rows in tree:
            for i, (label, code, v) in enumerate(rows):
                first = C(group, vm="restart" if len(rows) > 1 else None) if i == 0 else C("", vm="cont")
                if code is None:
                    cell = C(money(v), align="right")
                else:
                    cell = self.item(tid, "income", code, "total", v)
                body.append([first, C(label, align="left"), cell])
        self.emit(tid, header, body, widths=[3000, 4000, 2600])

    def t03(self):
        tid = "expenditure_summary"
        self.table_title(3, "支出预算总表")
        header = [[C(t, bold=True) for t in ("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金")]]
        body = [[self.item(tid, "none", "", "total", self.total),
                 self.item(tid, "none", "", "basic", self.basic_total),
                 self.item(tid, "none", "", "project", self.project_total),
                 self.item(tid, "none", "", "unit_reserve", self.reserve), C("")]]
        self.emit(tid, header, body)

    def t04(self):
        tid = "fiscal_grant_summary"
        self.table_title(4, "财政拨款收支预算总表")
        header = build_header([["收入", "项目名称", None], ["收入", "金额", None],
                               ["支出", "支出用途", "项目名称"], ["支出", "支出用途", "金额"]])
        ptotal = sum(self.project_fn.values(), Z)
        rows = [("一、一般公共预算", "general_public_budget", self.fiscal_total, "一、基本支出", "basic",
                 self.basic_total),
                ("二、政府性基金预算", "government_fund_budget", None, "二、项目支出", "project", ptotal),
                ("", None, None, "三、单位预留机动经费", "unit_reserve", self.reserve)]
        body = []
        for l, code, v, r, m, rv in rows:
            left = [C(l, align="left"), self.item(tid, "income", code, "total", v) if code else C("")]
            body.append(left + [C(r, align="left"), self.item(tid, "none", "", m, rv)])
        body.append([C("收入合计"), C(money(self.fiscal_total), align="right"), C("支出合计"),
                     C(money(self.fiscal_total), align="right")])
        self.emit(tid, header, body)

    def function_table(self, tid: str, n: int, title: str, leaves: dict[str, D]):
        self.table_title(n, title)
        header = [[C("功能科目编码", bold=True), C("功能科目名称", bold=True), C("金额", bold=True)]]
        full = self.rollup(leaves)
        body = [[C("合计", span=2), C(money(sum(leaves.values(), Z)), align="right")]]
        for code in sorted(full):
            body.append([C(code, align="left"), C(self.fname(code), align="left"),
                         self.item(tid, "function", code, "total", full[code])])
        self.emit(tid, header, body, widths=[2600, 4600, 2400])

    def econ_table(self, tid: str, n: int, title: str, leaves: dict[str, D], measure_label: str = "金额",
                   seed: bool = False):
        self.table_title(n, title)
        header = [[C("科目编码", bold=True), C("科目名称", bold=True), C(measure_label, bold=True)]]
        full = self.rollup(leaves)
        body = [[C("合计", span=2), C(money(sum(leaves.values(), Z)), align="right")]]
        for code in sorted(full):
            v = full[code]
            if seed and code == "302":
                # seeded: the class line is printed 10.00 万元 over the sum of its items
                v = v + D("10.00")
                self.failing.append({"check": "rollup", "table": tid, "code": "302"})
            body.append([C(code, align="left"), C(self.ename(code), align="left"),
                         self.item(tid, "economic", code, "total", v)])
        self.emit(tid, header, body, widths=[2600, 4600, 2400])

    def t09(self):
        tid = "three_public"
        self.table_title(9, "一般公共预算“三公”经费、会议费、培训费支出预算表", wrap="支出预算表")
        h = build_header([
            ["合计", None, None], ["“三公”经费", "小计", None], ["“三公”经费", "因公出国（境）费", None],
            ["“三公”经费", "公务用车购置及运行维护费", "小计"],
            ["“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"],
            ["“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费"],
            ["“三公”经费", "公务接待费", None], ["会议费", None, None], ["培训费", None, None]])
        vehicles = self.vehicle_purchase + self.vehicle_operation
        three = self.overseas + vehicles + self.reception
        grand = three + self.meetings + self.training
        body = [[self.item(tid, "none", "", "grand_total", grand), self.item(tid, "none", "", "total", three),
                 self.item(tid, "none", "", "overseas_travel", self.overseas),
                 self.item(tid, "none", "", "vehicles", vehicles),
                 self.item(tid, "none", "", "vehicle_purchase", self.vehicle_purchase or None),
                 self.item(tid, "none", "", "vehicle_operation", self.vehicle_operation),
                 self.item(tid, "none", "", "reception", self.reception),
                 self.item(tid, "none", "", "meetings", self.meetings),
                 self.item(tid, "none", "", "training", self.training)]]
        self.emit(tid, h, body)

    def t10(self):
        tid = "government_fund_expenditure"
        self.table_title(10, "政府性基金支出预算表")
        header = [[C("功能科目代码", bold=True), C("功能科目名称", bold=True), C("金额", bold=True)]]
        body = [[C(""), C("合计"), C("")], [C(""), C("此表为空"), C("")]]
        self.emit(tid, header, body, widths=[2600, 4600, 2400])
        self.w.para("说明：本部门无相关收支项目。")

    def t12(self):
        tid = "procurement"
        self.table_title(12, "政府采购支出预算表")
        header = [[C(t, bold=True) for t in ("采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式",
                                             "总计")]]
        goods, services = self.proc["goods"], self.proc["services"]
        g1 = (goods * D("0.6")).quantize(D("0.01"))
        # Each category is an uncoded row; each 专项 (here on one line with its only item) is its
        # 经济科目's code with the 专项 as project.
        def special(project: str, code: str, measure: str, v: D):
            cell = self.item(tid, "economic", code, measure, v)
            self.items[-1]["project"] = project
            return cell
        body = [[C("合计"), C(""), C(""), C(""), C(""), C(money(goods + services), align="right")],
                [C("一、货物A"), C(""), C(""), C(""), C(""), self.item(tid, "none", "", "procurement_goods", goods)],
                [C(""), C("办公设备购置费"), C("办公设备购置"), C("台式计算机"), C("分散自行组织"),
                 special("办公设备购置费", "31002", "procurement_goods", g1)],
                [C(""), C("信息化运行维护"), C("办公设备购置"), C("服务器"), C("部门集中采购"),
                 special("信息化运行维护", "31002", "procurement_goods", goods - g1)],
                [C("二、服务C"), C(""), C(""), C(""), C(""),
                 self.item(tid, "none", "", "procurement_services", services)],
                [C(""), C("物业管理"), C("物业管理费"), C("物业管理服务"), C("政府集中采购"),
                 special("物业管理", "30209", "procurement_services", services)]]
        self.emit(tid, header, body)

    def narrative(self):
        """The explanation, in the order and wording of the Jiangsu explanations (totals, income by
        fund, spending by class (类), 基本/项目/预留机动, shares)."""
        w = self.w.para
        n = lambda v: G.fmt_number(v, 2, strip=True)  # noqa: E731  (18330.37, 9312.9)
        r = random.Random(MASTER_SEED - self.idx)

        def change(v: D) -> str:
            inc = (v * D(str(r.uniform(0.03, 0.15)))).quantize(D("0.01"))
            prev = v - inc
            return f"与上年相比增加{n(inc)}万元，增长{G.pct(inc, prev)}%"

        w(f"{self.dept}{self.year}年度部门预算", align="center", bold=True)
        w("第一部分 部门概况", bold=True)
        w(f"一、主要职能。{self.dept}是主管全省相关工作的省政府直属机构。")
        w(f"第二部分 {self.dept}{self.year}年部门预算情况说明", bold=True)
        w("一、收支预算总体情况说明", bold=True)
        w(f"{self.dept}{self.year}年度收入、支出预算总计{n(self.total)}万元，{change(self.total)}。其中：")
        w(f"（一）收入预算总计{n(self.total)}万元。包括：")
        w(f"1．财政拨款收入预算总计{n(self.fiscal_total)}万元。")
        w(f"（1）一般公共预算收入预算{n(self.fiscal_total)}万元，{change(self.fiscal_total)}。主要原因是增人增资。")
        w("（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项收入。")
        w("2．财政专户管理资金收入预算总计0万元。主要原因是本部门无此项收入。")
        w(f"3．其他资金收入预算总计{n(self.other)}万元。")
        w("4．上年结转资金预算数为0万元。")
        w(f"（二）支出预算总计{n(self.total)}万元。包括：")
        classes = {k: v for k, v in self.rollup(self.all_fn).items() if len(k) == 3}
        for i, c in enumerate(sorted(classes), start=1):
            name = self.fname(c).removesuffix("支出")
            w(f"{i}．{name}（类）支出{n(classes[c])}万元，主要用于在职人员工资福利支出和单位完成特定工作任务的项目支出。"
              f"{change(classes[c])}。")
        w(f"{len(classes) + 1}．结转下年资金预算数为0万元，主要原因是本部门无此项资金。")
        w(f"此外，基本支出预算数为{n(self.basic_total)}万元。{change(self.basic_total)}。主要原因是人员工资福利支出增加。")
        w(f"项目支出预算数为{n(self.project_total)}万元。{change(self.project_total)}。")
        w(f"单位预留机动经费预算数为{n(self.reserve)}万元。{change(self.reserve)}。")
        w("二、收入预算情况说明", bold=True)
        w(f"{self.dept}本年收入预算合计{n(self.total)}万元，其中：")
        w(f"一般公共预算收入{n(self.fiscal_total)}万元，占{G.pct(self.fiscal_total, self.total)}%；")
        w("政府性基金预算收入0万元，占0%；")
        w("财政专户管理资金0万元，占0%；")
        w(f"其他资金{n(self.other)}万元，占{G.pct(self.other, self.total)}%；")
        w("上年结转资金0万元，占0%。")
        w("三、支出预算情况说明", bold=True)
        w(f"{self.dept}本年支出预算合计{n(self.total)}万元，其中：")
        w(f"基本支出{n(self.basic_total)}万元，占{G.pct(self.basic_total, self.total)}%；")
        w(f"项目支出{n(self.project_total)}万元，占{G.pct(self.project_total, self.total)}%；")
        w(f"单位预留机动经费{n(self.reserve)}万元，占{G.pct(self.reserve, self.total)}%；")
        w("结转下年资金0万元，占0%。")

    def build(self) -> list[tuple[str, bytes]]:
        self.build_numbers()
        o = self.opt
        parts = []
        self.narrative()
        if o.get("companion"):
            parts.append((f"{self.slug}-{self.year}-shuoming", self.w.save_bytes(f"{self.dept}{self.year}")))
            self.w = DocWriter(landscape=True)
            self.part, self.n_tables = 1, 0
            self.w.para(f"{self.dept}{self.year}年部门预算公开表", align="center", bold=True)
            self.variants.append("companion_pair")
        else:
            self.w.para(f"第三部分 {self.year}年度部门预算表", align="center", bold=True)
        seed = o.get("seed") == "rollup_econ"
        if seed:
            self.variants.append("seeded_rollup_econ")
        fiscal_basic = dict(self.econ)
        self.t01()
        self.t02()
        self.t03()
        self.t04()
        self.function_table("fiscal_grant_expenditure", 5, "财政拨款支出预算表（功能科目）", self.fiscal_fn)
        self.econ_table("fiscal_grant_basic_expenditure", 6, "财政拨款基本支出预算表（经济科目）", fiscal_basic)
        self.function_table("general_budget_expenditure", 7, "一般公共预算支出预算表（功能科目）", self.fiscal_fn)
        self.econ_table("general_budget_basic_expenditure", 8, "一般公共预算基本支出预算表（经济科目）", fiscal_basic,
                        seed=seed)
        self.t09()
        self.t10()
        running = {k: v for k, v in self.econ.items() if k.startswith("302")}
        self.econ_table("running_costs", 11, "一般公共预算机关运行经费支出预算表", running, "机关运行经费支出")
        self.t12()
        name = f"{self.slug}-{self.year}" + ("-biao" if o.get("companion") else "")
        parts.append((name, self.w.save_bytes(f"{self.dept}{self.year}")))
        return parts


# ----------------------------------------------------------------------------------------------
# university-like (central unit) budget and final account


class University(Doc):
    def build_numbers(self):
        final = self.tpl == "uni_final"
        # leaves: (code, basic, project) by source
        leaves = ["2050205", "2050204", "2050202", "2060201", "2060204", "2080505", "2080506", "2210201",
                  "2210203", "2296004"]
        self.leaves = leaves
        basic_leaves = {"2050205", "2050204", "2050202", "2060201", "2080505", "2080506", "2210201", "2210203"}
        project_leaves = {"2050205", "2050204", "2050202", "2060204", "2296004"}
        fiscal_b, fiscal_p, other_b, other_p = {}, {}, {}, {}
        for c in leaves:
            big = c == "2050205"
            if c in basic_leaves:
                fiscal_b[c] = self.amt(50000, 150000) if big else self.amt(300, 9000)
                other_b[c] = self.amt(40000, 90000) if big else (self.amt(100, 3000) if c[:3] != "206" else Z)
            if c in project_leaves:
                fiscal_p[c] = self.amt(10000, 30000) if big else self.amt(100, 2000)
                other_p[c] = self.amt(5000, 20000) if big else Z
        self.fiscal_b, self.fiscal_p, self.other_b, self.other_p = fiscal_b, fiscal_p, other_b, other_p
        # the non-fiscal spending is paid from 事业收入, 其他收入 and (budget) 使用非财政拨款结余
        spend = {c: fiscal_b.get(c, Z) + fiscal_p.get(c, Z) + other_b.get(c, Z) + other_p.get(c, Z)
                 for c in leaves}
        self.spend = spend
        self.basic = {c: fiscal_b.get(c, Z) + other_b.get(c, Z) for c in leaves}
        self.project = {c: fiscal_p.get(c, Z) + other_p.get(c, Z) for c in leaves}
        self.fiscal = {c: fiscal_b.get(c, Z) + fiscal_p.get(c, Z) for c in leaves}
        # income by code: fiscal income = fiscal spending + (carry-over change), others split
        inc_fiscal, inc_business, inc_tuition, inc_other, inc_carry, inc_offset = {}, {}, {}, {}, {}, {}
        for c in leaves:
            nonfiscal = other_b.get(c, Z) + other_p.get(c, Z)
            inc_fiscal[c] = self.fiscal[c]
            if nonfiscal:
                b = (nonfiscal * D("0.55")).quantize(D("0.01"))
                inc_business[c] = b
                inc_tuition[c] = (b * D("0.6")).quantize(D("0.01")) if c[:3] == "205" else None
                rest = nonfiscal - b
                if not final and self.opt.get("fund_offset") and c in ("2050205", "2210201"):
                    inc_offset[c] = (rest * D("0.4")).quantize(D("0.01"))
                    rest -= inc_offset[c]
                if c == "2050205":
                    inc_carry[c] = (rest * D("0.5")).quantize(D("0.01"))
                    rest -= inc_carry[c]
                inc_other[c] = rest
        # budget: income this year plus carry-over = spending + 结转下年 (carry-forward on 2050205)
        self.carry_fwd = self.amt(3000, 9000)
        inc_other["2050205"] += self.carry_fwd
        self.inc = {"fiscal_appropriation": inc_fiscal, "business_income": inc_business, "tuition": inc_tuition,
                    "other_income": inc_other, "carryover": inc_carry, "fund_offset": inc_offset}
        self.surplus = self.amt(500, 3000) if self.opt.get("surplus") else Z
        if self.surplus:
            inc_other["2050205"] += self.surplus
        self.basic_construction = {"2050205": (self.fiscal_p["2050205"] * D("0.2")).quantize(D("0.01")),
                                   "2060204": (self.fiscal_p["2060204"] * D("0.5")).quantize(D("0.01"))}

    @staticmethod
    def roll(leaves: dict[str, D | None]) -> dict[str, D]:
        out: dict[str, D] = {}
        for c, v in leaves.items():
            if v is None:
                continue
            for n in (3, 5, 7):
                out[c[:n]] = out.get(c[:n], Z) + v
        return out

    def title(self, n: int, name: str):
        final = self.tpl == "uni_final"
        if final:
            self.w.para(f"表{n}：{name}", align="center", bold=True)
            self.w.para("单位名称：" + self.dept + "　　　　　　　　　　　　　　　单位：万元")
        else:
            self.w.para(f"{self.dept}{name}", align="center", bold=True)
            self.w.para("单位：万元", align="right")

    def coded_table(self, tid: str, n: int, name: str, cols: list[tuple[list[str | None], str, dict]],
                    total_first: bool = True, band: bool = False):
        """A table of function codes with amount columns (header path, measure, values by leaf code)."""
        self.title(n, name)
        depth = max(len(p) for p, _, _ in cols)
        depth = max(depth, 2 if band else 1)
        pad = lambda p: p + [None] * (depth - len(p))  # noqa: E731
        paths = [pad(["科目编码"]), pad(["科目名称"])] + [pad(list(p)) for p, _, _ in cols]
        header = build_header(paths)
        rolled = [self.roll(vals) if vals is not None else {} for _, _, vals in cols]
        total_row = [C("合计", span=2)] + [C(money(sum((v for k, v in r.items() if len(k) == 3), Z)) if r else "",
                                            align="right") for r in rolled]
        body = [total_row] if total_first else []
        codes = sorted({k for r in rolled for k in r})
        for code in codes:
            row = [C(code, align="left"), C(self.fname(code), align="left")]
            for (p, m, vals), r in zip(cols, rolled):
                v = r.get(code)
                if m is None or v is None or v == 0:
                    row.append(C(money(v) if v else "", align="right"))
                else:
                    row.append(self.item(tid, "function", code, m, v))
            body.append(row)
        if not total_first:
            body.append(total_row)
        self.emit(tid, header, body)

    def uni_budget(self):
        pre = ""
        tot = lambda d: sum((v for v in d.values() if v is not None), Z)  # noqa: E731
        inc = self.inc
        year_income = tot(inc["fiscal_appropriation"]) + tot(inc["business_income"]) + tot(inc["other_income"])
        offset, carry = tot(inc["fund_offset"]), tot(inc["carryover"])
        spend = tot(self.spend)
        grand = year_income + offset + carry
        assert grand == spend + self.carry_fwd, (grand, spend, self.carry_fwd)
        tid = "revenue_expenditure_summary"
        self.title(1, pre + "收支预算总表")
        header = build_header([["收入", "项目"], ["收入", "预算数"], ["支出", "项目"], ["支出", "预算数"]])
        classes = {k: v for k, v in self.roll(self.spend).items() if len(k) == 3}
        donation = (tot(inc["other_income"]) * D("0.05")).quantize(D("0.01"))
        left = [("一、财政拨款", "fiscal_appropriation", tot(inc["fiscal_appropriation"])),
                ("二、事业收入", "business_income", tot(inc["business_income"])),
                ("三、事业单位经营收入", "business_operating_income", None),
                ("四、其他收入", "other_income", tot(inc["other_income"]))]
        if self.opt.get("donation"):
            left.append(("    其中：捐赠收入", "donation_income", donation))
        body = []
        cls = sorted(classes)
        for i in range(max(len(left), len(cls))):
            row = []
            if i < len(left):
                label, code, v = left[i]
                row += [C(label, align="left"),
                        self.item(tid, "income", code, "total", v) if code else C(money(v), align="right")]
            else:
                row += [C(""), C("")]
            if i < len(cls):
                c = cls[i]
                row += [C(f"{cn_num(i + 1)}、{self.fname(c)}", align="left"),
                        self.item(tid, "function", c, "total", classes[c])]
            else:
                row += [C(""), C("")]
            body.append(row)
        body.append([C("本年收入合计"), C(money(year_income), align="right"), C("本年支出合计"),
                     C(money(spend), align="right")])
        body.append([C("使用非财政拨款结余"), self.item(tid, "none", "fund_offset", "total", offset or None),
                     C("结转下年"), self.item(tid, "none", "year_end_carryover", "total", self.carry_fwd)])
        body.append([C("上年结转"), self.item(tid, "income", "carryover", "total", carry), C(""), C("")])
        body.append([C("收入总计"), C(money(grand), align="right"), C("支出总计"), C(money(grand), align="right")])
        self.emit(tid, header, body)
        # 收入预算表
        self.coded_table("revenue_summary", 2, "收入预算表", [
            (["收入合计"], "total", {c: sum((inc[k].get(c) or Z for k in ("fiscal_appropriation", "business_income",
                                                                         "other_income", "carryover",
                                                                         "fund_offset")), Z)
                                  for c in self.leaves}),
            (["上年结转"], "carryover", inc["carryover"]),
            (["财政拨款收入"], "fiscal_appropriation", inc["fiscal_appropriation"]),
            (["事业收入", "金额"], "business_income", inc["business_income"]),
            (["事业收入", "其中：教育收费"], "education_fees", inc["tuition"]),
            (["其他收入"], "other_income", inc["other_income"]),
            (["使用非财政拨款结余"], "fund_offset", inc["fund_offset"]),
        ])
        self.coded_table("expenditure_summary", 3, "支出预算表", [
            (["合计"], "total", self.spend), (["基本支出"], "basic", self.basic),
            (["项目支出"], "project", self.project), (["上缴上级支出"], None, None), (["经营支出"], None, None),
            (["对下级单位补助支出"], None, None)])
        self.coded_table("fiscal_grant_expenditure", 4, "财政拨款支出预算表", [
            (["财政拨款支出"], "total", self.fiscal), (["基本支出"], "basic", self.fiscal_b),
            (["项目支出"], "project", self.fiscal_p)], total_first=False)

    def uni_final(self):
        tot = lambda d: sum((v for v in d.values() if v is not None), Z)  # noqa: E731
        inc = self.inc
        year_income = tot(inc["fiscal_appropriation"]) + tot(inc["business_income"]) + tot(inc["other_income"])
        carry = tot(inc["carryover"])
        spend = tot(self.spend)
        grand = year_income + carry
        end_carry = grand - spend - self.surplus
        tid = "final_revenue_expenditure_summary"
        self.title(1, "高等学校收支决算总表")
        header = build_header([["收入", "项目"], ["收入", "决算数"], ["支出", "项目(按功能分类)"], ["支出", "决算数"]])
        header.append([C("栏次"), C("1"), C("栏次"), C("2")])
        classes = {k: v for k, v in self.roll(self.spend).items() if len(k) == 3}
        left = [("一、财政拨款收入", "fiscal_appropriation", tot(inc["fiscal_appropriation"])),
                ("二、上级补助收入", "higher_level_subsidy", None),
                ("三、事业收入", "business_income", tot(inc["business_income"])),
                ("四、经营收入", "business_operating_income", None),
                ("五、附属单位上缴收入", "affiliate_remittance", None),
                ("六、其他收入", "other_income", tot(inc["other_income"]))]
        body = []
        for i, c in enumerate(FINAL_CLASSES):
            row = []
            if i < len(left):
                label, code, v = left[i]
                row += [C(label, align="left"), self.item(tid, "income", code, "actual", v)]
            else:
                row += [C(""), C("")]
            row += [C(f"{cn_num(i + 1)}、{self.fname(c)}", align="left"),
                    self.item(tid, "function", c, "actual", classes.get(c))]
            body.append(row)
        body.append([C("本年收入合计"), C(money(year_income), align="right"), C("本年支出合计"),
                     C(money(spend), align="right")])
        body.append([C("使用非财政拨款结余（含专用结余）"), C(""), C("结余分配"),
                     self.item(tid, "none", "surplus_distribution", "actual", self.surplus or None)])
        body.append([C("上年结转和结余"), self.item(tid, "income", "carryover", "actual", carry), C("年末结转和结余"),
                     self.item(tid, "none", "year_end_carryover", "actual", end_carry)])
        body.append([C("合计"), C(money(grand), align="right"), C("合计"), C(money(grand), align="right")])
        self.emit(tid, header, body)
        year_inc = {c: sum((inc[k].get(c) or Z for k in ("fiscal_appropriation", "business_income",
                                                           "other_income")), Z) for c in self.leaves}
        self.coded_table("final_revenue_summary", 2, "高等学校收入决算表", [
            (["本年收入合计"], "total", year_inc),
            (["财政拨款收入"], "fiscal_appropriation", inc["fiscal_appropriation"]),
            (["上级补助收入"], None, None),
            (["事业收入", "金额"], "business_income", inc["business_income"]),
            (["事业收入", "其中：教育收费"], "education_fees", inc["tuition"]),
            (["经营收入"], None, None), (["附属单位上缴收入"], None, None),
            (["其他收入"], "other_income", inc["other_income"])], total_first=False)
        self.coded_table("final_expenditure_summary", 3, "高等学校支出决算表", [
            (["合计"], "total", self.spend), (["基本支出"], "basic", self.basic),
            (["项目支出"], "project", self.project), (["上缴上级支出"], None, None), (["经营支出"], None, None),
            (["对附属单位补助支出"], None, None)])
        self.coded_table("final_fiscal_grant_expenditure", 4, "高等学校财政拨款支出决算表", [
            (["本年支出", "合计"], "total", self.fiscal), (["本年支出", "基本支出"], "basic", self.fiscal_b),
            (["本年支出", "项目支出", "小计"], "project", self.fiscal_p),
            (["本年支出", "项目支出", "其中：基本建设资金支出"], None, self.basic_construction)])

    def build(self) -> list[tuple[str, bytes]]:
        self.build_numbers()
        final = self.tpl == "uni_final"
        kind = "部门决算" if final else "部门预算"
        self.w.para(f"{self.dept}{self.year}年{kind}", align="center", bold=True)
        self.w.para("目录")
        self.w.para("一、单位职责及机构设置情况")
        self.w.para(f"{self.dept}是教育部直属的全国重点大学。")
        self.w.para("二、" + kind + "报表", bold=True)
        if final:
            self.uni_final()
        else:
            self.uni_budget()
        self.w.para("三、" + kind + "情况说明", bold=True)
        return [(f"{self.slug}-{self.year}" + ("-juesuan" if final else ""), self.w.save_bytes(self.dept))]


# ----------------------------------------------------------------------------------------------


def truth_of(d: Doc, file: str) -> dict:
    final = d.tpl == "uni_final"
    return {
        "file": file,
        "department": d.dept,
        "region": "江苏省" if d.tpl == "js" else "",
        "fiscal_year": d.year,
        "doc_kind": "final_accounts" if final else "budget",
        "scope": "department",  # 部门预算 / 部门决算, as the titles say (the universities too)
        "unit": "万元",
        "variants": sorted(d.variants),
        "tables_missing": [],
        "items": d.items,
        "failing_checks": d.failing,
        "facts": [],
        "targets": [],
    }


def verify(d: Doc, parts: list[tuple[str, bytes]]) -> list[str]:
    """Cross-check the truth against the document made: every item is printed, as its text, in a cell
    of the table it names (read back from the .docx), and no key is printed twice."""
    import io

    import docx

    errors = []
    cells = []
    for _, data in parts:
        doc = docx.Document(io.BytesIO(data))
        cells.append([[c.text.strip() for row in t.rows for c in row.cells] for t in doc.tables])
    for part, ti, text in d.printed:
        if text not in cells[part][ti]:
            errors.append(f"{text} not printed in table {ti} of part {part}")
    seen = set()
    for it in d.items:
        k = (it["table"], it["scheme"], it["code"], it["project"], it["measure"])
        if k in seen:
            errors.append(f"{k} printed twice")
        seen.add(k)
    return errors


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def convert(names: list[str], fmt: str, folder: str):
    import gen_pdf_corpus as GP

    soffice = GP.find_soffice()
    (OUT / folder).mkdir(parents=True, exist_ok=True)
    m = GP.lo_metrics() if fmt == "pdf" else None
    with tempfile.TemporaryDirectory(prefix="yusuan-regional-lo-") as tmp:
        tmp = Path(tmp)
        src, out, profile = tmp / "docx", tmp / "out", tmp / "profile"
        src.mkdir()
        out.mkdir()
        for n in names:
            if m is not None:
                GP.fit_docx_for_lo(OUT / "docx" / f"{n}.docx", src / f"{n}.docx", m)
            else:
                shutil.copyfile(OUT / "docx" / f"{n}.docx", src / f"{n}.docx")
        target = "pdf" if fmt == "pdf" else "doc:MS Word 97"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out)] + [str(src / f"{n}.docx") for n in names]
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
        for n in names:
            f = out / f"{n}.{fmt}"
            if not f.exists():
                raise SystemExit(f"LibreOffice did not convert {n}:\n{res.stdout}\n{res.stderr}")
            data = f.read_bytes()
            if fmt == "pdf":
                data = GP.make_lo_pdf_deterministic(data, (OUT / "docx" / f"{n}.docx").read_bytes())
            write_if_changed(OUT / folder / f"{n}.{fmt}", data)


def write_xlsx(name: str, d: Doc):
    """The tables of one document as a workbook, one table a sheet, from the generator's own grids."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    body = d.w.doc.element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    context: list[str] = []
    n = 0
    for el in body:
        if el.tag == ns + "p":
            t = "".join(x.text or "" for x in el.iter(ns + "t")).strip()
            if t:
                context.append(t)
            continue
        if el.tag != ns + "tbl":
            continue
        n += 1
        ws = wb.create_sheet(title=f"表{n}")
        meta = context[-3:]
        for i, line in enumerate(meta, start=1):
            ws.cell(row=i, column=1, value=line)
        r = len(meta)
        merges_down: dict[int, int] = {}
        for tr in el.iter(ns + "tr"):
            r += 1
            col = 1
            for tc in tr.findall(ns + "tc"):
                pr = tc.find(ns + "tcPr")
                span = 1
                vm = None
                if pr is not None:
                    gs = pr.find(ns + "gridSpan")
                    if gs is not None:
                        span = int(gs.get(ns + "val"))
                    v = pr.find(ns + "vMerge")
                    if v is not None:
                        vm = v.get(ns + "val") or "continue"
                text = "\n".join("".join(x.text or "" for x in p.iter(ns + "t")) for p in tc.findall(ns + "p"))
                text = text.strip()
                if vm == "continue":
                    top = merges_down.get(col)
                    if top is not None:
                        ws.merge_cells(start_row=top, start_column=col, end_row=r, end_column=col + span - 1)
                        # openpyxl keeps the latest merge; drop the shorter one
                        for mr in list(ws.merged_cells.ranges):
                            if mr.min_row == top and mr.min_col == col and mr.max_row < r:
                                ws.merged_cells.ranges.remove(mr)
                    col += span
                    continue
                merges_down.pop(col, None)
                if vm == "restart":
                    merges_down[col] = r
                val: object = text
                plain = text.replace(",", "")
                if plain and plain.replace(".", "", 1).lstrip("-").isdigit():
                    val = float(plain)
                ws.cell(row=r, column=col, value=val)
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
                col += span
        context = []
    wb.properties.creator = "yusuan corpus"
    wb.properties.created = wb.properties.modified = G.FIXED_DATE.replace(tzinfo=None)
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl stamps the save time into docProps/core.xml: pin it, and the zip dates, for re-runs
    zin = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", body)
            zi = zipfile.ZipInfo(info.filename, date_time=G.ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, body)
    write_if_changed(OUT / "xlsx" / f"{name}.xlsx", out.getvalue())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    codes = G.Codes.load()
    names = []
    docs = {}
    for idx, spec in enumerate(DOCS):
        d = Jiangsu(idx, spec, codes) if spec[3] == "js" else University(idx, spec, codes)
        parts = d.build()
        errors = verify(d, parts)
        if errors:
            raise SystemExit(f"{d.slug}-{d.year}: " + "; ".join(errors))
        for name, data in parts:
            write_if_changed(OUT / "docx" / f"{name}.docx", data)
            names.append(name)
        # the truth belongs to the part that prints the tables
        name = parts[-1][0]
        docs[name] = d
        text = json.dumps(truth_of(d, f"docx/{name}.docx"), ensure_ascii=False, indent=1) + "\n"
        write_if_changed(OUT / "truth" / f"{name}.json", text.encode())
        print(f"{name}: {len(d.items)} items, {len(d.failing)} failing checks"
              + (f" (+ narrative {parts[0][0]})" if len(parts) > 1 else ""))
    # an .xlsx twin of a university budget, from the generator's own grids
    try:
        write_xlsx("daxue-xibei-shifan-2023", docs["daxue-xibei-shifan-2023"])
    except ImportError:
        print("openpyxl missing: no .xlsx twin (pip install openpyxl)", file=sys.stderr)
    if not args.no_pdf:
        convert(names, "pdf", "pdf")
        convert(["jiangsu-danganju-2018"], "doc", "doc")
        print(f"{len(names)} PDFs, 1 .doc")


if __name__ == "__main__":
    main()
