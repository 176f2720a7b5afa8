#!/usr/bin/env python3
"""Generate yusuan's findings corpus: Shanghai-like department budgets and final accounts (.docx,
python-docx) in which the problems a careful reader finds are planted on purpose, each with its truth.

    python3 scripts/gen_findings_corpus.py      # corpus/findings/docx, corpus/findings/truth

Every document is printed from exact figures (decimal.Decimal, 万元 with two places): a cover, a table of
contents, the sections a disclosure must have, an explanation whose figures agree with its tables, the
tables themselves, and the other matters (机关运行经费, 政府采购, assets, performance, 三公). A document's
`seeds` each change the printed text in one place and add the finding it must cause to the truth:
check id, status, the page or table, and a fragment of the quoted words. Clean documents have no seeds
and their truth lists no finding. Two departments appear in consecutive years so that the
year-on-year comparison across documents has something to compare.

The truth is written from the generator's own record of what it planted, never from yusuan's output.
Output is deterministic (fixed core properties; python-docx writes no timestamps of its own beyond them).
"""
from __future__ import annotations

import datetime
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
from docx.shared import Pt

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "findings"
LEADER = "……………………………………"


def w(x: D) -> str:
    """An amount in 万元 as printed in the text (thousands separators, two places)."""
    return f"{x:,.2f}"


def cell(x: D | None) -> str:
    return "" if x is None else f"{x:,.2f}"


def pct(part: D, whole: D) -> str:
    return f"{(part / whole * 100).quantize(D('0.01'))}"


class Doc:
    """One disclosure: its figures, its text with seeds applied, and the findings they plant."""

    def __init__(self, spec: dict):
        self.s = spec
        self.slug = spec["slug"]
        self.dept = spec["dept"]
        self.year = spec["year"]
        self.final = spec.get("final", False)
        self.seeds = set(spec.get("seeds", []))
        self.truth: list[dict] = []
        f = spec["figures"]
        self.a = D(f["admin"])  # 2010301 行政运行 (basic)
        self.b = D(f["affairs"])  # 2010302 一般行政管理事务 (project)
        self.c = D(f["pension"])  # 2080505 (basic)
        self.h = D(f["housing"])  # 2210201 (basic)
        self.fund = D(f.get("fund", "0"))  # 2296002, 政府性基金
        self.prev = D(f["prev"])  # last year's 财政拨款 total
        self.prev_three = D(f["prev_three"])
        self.abroad, self.car, self.rec = D(f["abroad"]), D(f["car"]), D(f["rec"])
        self.run_cost = D(f["running"])
        self.goods, self.works, self.services = D(f["goods"]), D(f["works"]), D(f["services"])
        self.small = D(f["small"])
        self.gpb = self.a + self.b + self.c + self.h
        self.fg = self.gpb + self.fund
        self.three = self.abroad + self.car + self.rec
        self.proc = self.goods + self.works + self.services
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = "SimSun"
        style.font.size = Pt(10.5)
        self.table_no = 0

    # -- helpers -----------------------------------------------------------------------------------

    @property
    def stage(self) -> str:
        return "决算" if self.final else "预算"

    def expect(self, check: str, quote: str, status: str = "fail", table: str = ""):
        self.truth.append({"check": check, "status": status, "table": table, "quote": quote})

    def para(self, text: str):
        self.doc.add_paragraph(text)

    def seeded(self, name: str) -> bool:
        return name in self.seeds

    # -- the parts ---------------------------------------------------------------------------------

    def table_titles(self) -> list[tuple[str, str]]:
        y = self.year
        if self.final:
            titles = [
                ("revenue_expenditure", f"{y}年度收入支出决算总表"),
                ("fiscal", f"{y}年度财政拨款收入支出决算总表"),
                ("general", f"{y}年度一般公共预算财政拨款支出决算表"),
                ("fund", f"{y}年度政府性基金预算财政拨款收入支出决算表"),
                ("capital", f"{y}年度国有资本经营预算财政拨款支出决算表"),
                ("three", f"{y}年度“三公”经费和机关运行经费支出决算表"),
            ]
        else:
            titles = [
                ("revenue_expenditure", f"{y}年部门财务收支预算总表"),
                ("fiscal", f"{y}年部门财政拨款收支预算总表"),
                ("general", f"{y}年部门一般公共预算支出功能分类预算表"),
                ("fund", f"{y}年部门政府性基金预算支出功能分类预算表"),
                ("capital", f"{y}年部门国有资本经营预算支出功能分类预算表"),
                ("three", f"{y}年部门“三公”经费和机关运行经费预算表"),
            ]
        return titles

    def cover(self):
        kind = "部门决算" if self.final else "部门预算"
        self.para(f"{self.dept}{self.year}年度{kind}")
        self.para(f"预算主管部门：{self.dept}")

    def contents(self):
        self.para("目  录")
        heads = ["一、部门主要职能", "二、部门机构设置", "三、名词解释",
                 f"四、部门{self.stage}编制说明" if not self.final else "四、部门决算情况说明",
                 f"五、部门{self.stage}表"]
        for i, h in enumerate(heads):
            self.para(f"{h}{LEADER}{i + 1}")
        entries = [t for _, t in self.table_titles()]
        if self.seeded("toc_order"):
            entries[3], entries[4] = entries[4], entries[3]
            self.expect("toc_mismatch", entries[3])
        if self.seeded("toc_extra"):
            extra = (f"{self.year}年度一般公共预算财政拨款基本支出决算表" if self.final
                     else f"{self.year}年部门一般公共预算基本支出部门预算经济分类预算表")
            entries.insert(3, extra)
            self.expect("toc_mismatch", extra)
        for i, t in enumerate(entries):
            self.para(f"  {i + 1}. {t}{LEADER}{i + 6}")
        self.para(f"六、其他相关情况说明{LEADER}{len(entries) + 6}")

    def overview(self):
        self.para("一、部门主要职能")
        self.para(f"{self.dept}是区人民政府工作部门，主要职能包括：（一）贯彻执行国家和本市有关法律、法规和政策；"
                  "（二）拟订本区相关发展规划并组织实施；（三）完成区委、区政府交办的其他任务。")
        if not self.seeded("no_structure"):
            self.para("二、部门机构设置")
            self.para(f"{self.dept}部门{self.stage}包括本部以及下属0家单位的综合收支计划。本部门中，行政单位1家。")
        else:
            self.expect("missing_section", "机构设置", status="note")
        self.para("三、名词解释")
        self.para("（一）基本支出：为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。"
                  "（二）项目支出：为完成特定行政工作任务和事业发展目标，在基本支出之外编制的年度支出计划。")
        self.para("（三）“三公”经费：因公出国（境）费、公务用车购置及运行费和公务接待费。"
                  "（四）机关运行经费：行政单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。")

    def narrative(self):
        y, py = self.year, self.year - 1
        if self.final:
            self.para("四、部门决算情况说明")
            heading = f"（一）收入支出决算总体情况说明"
            if self.seeded("year_heading"):
                heading = f"（一）{py}年度收入支出决算总体情况说明"
                self.expect("year_mismatch", heading)
            self.para(heading)
        else:
            heading = f"四、{y}年部门预算编制说明"
            if self.seeded("year_heading"):
                heading = f"四、{py}年部门预算编制说明"
                self.expect("year_mismatch", heading)
            self.para(heading)
        d = self.fg - self.prev
        word = "增加" if d >= 0 else "减少"
        rate = f"{(abs(d) / self.prev * 100).quantize(D('0.01'))}"
        s1 = (f"{y}年，{self.dept}收入{self.stage}{w(self.fg)}万元，其中：财政拨款收入{w(self.fg)}万元，"
              f"比{py}年{self.stage}{word}{w(abs(d))}万元，{'增长' if d >= 0 else '下降'}{rate}%；事业收入0万元；其他收入0万元。")
        if self.seeded("zero_increase"):
            s1 = (f"{y}年，{self.dept}收入{self.stage}{w(self.fg)}万元，其中：财政拨款收入{w(self.fg)}万元；"
                  f"事业收入0万元，比{py}年{self.stage}增加{w(D('35.60'))}万元；其他收入0万元。")
            self.expect("narrative_logic", f"事业收入0万元，比{py}年{self.stage}增加")
        self.para(s1)
        # a budget balances both years: its spending changes by what its income does
        spent_change = ""
        if not self.final:
            d2 = d + D("10.00") if self.seeded("two_bases") else d
            spent_change = f"，比{py}年预算{'增加' if d2 >= 0 else '减少'}{w(abs(d2))}万元"
            if self.seeded("two_bases"):
                self.expect("change_rate", "其中：财政拨款收入", status="note")
        self.para(f"支出{self.stage}{w(self.fg)}万元，其中：财政拨款支出{self.stage}{w(self.fg)}万元{spent_change}。财政拨款支出{self.stage}中，"
                  f"一般公共预算拨款支出{self.stage}{w(self.gpb)}万元；政府性基金拨款支出{self.stage}{w(self.fund)}万元；"
                  f"国有资本经营预算拨款支出{self.stage}0万元。")
        reason = "财政拨款收入支出增加的主要原因是人员经费和信息化运维经费增加。" if d >= 0 else \
            "财政拨款收入支出减少的主要原因是一次性项目完成。"
        if self.seeded("empty_reason"):
            reason = f"财政拨款收入支出{word}的主要原因是。"
            self.expect("template_residue", reason)
        if self.seeded("no_reason"):
            reason = ""
        if reason:
            self.para(reason)
        basic = self.a + self.c + self.h
        s_share = (f"财政拨款支出{self.stage}中，基本支出{w(basic)}万元，占{pct(basic, self.fg)}%；"
                   f"项目支出{w(self.b)}万元，占{pct(self.b, self.fg)}%。")
        if self.seeded("share_no_amount"):
            s_share = (f"财政拨款支出{self.stage}中，基本支出{w(basic)}万元，占{pct(basic, self.fg)}%；"
                       f"项目支出，占{pct(self.b, self.fg)}%。")
            self.expect("percent_format", f"项目支出，占{pct(self.b, self.fg)}%")
        if self.seeded("pct_sign"):
            s_share = s_share.replace(f"占{pct(basic, self.fg)}%", f"占{pct(basic, self.fg)}")
            self.expect("percent_format", f"占{pct(basic, self.fg)}；")
        self.para(s_share)
        items = [
            ("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）", self.a, "人员经费及公用经费等基本支出"),
            ("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）", self.b, "日常业务工作"),
            ("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", self.c, "缴纳基本养老保险"),
            ("住房保障支出（类）住房改革支出（款）住房公积金（项）", self.h, "缴纳住房公积金"),
        ]
        self.para("财政拨款支出主要内容如下：")
        for i, (path, v, use) in enumerate(items):
            self.para(f"{i + 1}.“{path}”{w(v)}万元，主要用于{use}。")
        if self.final:
            budget = self.gpb + D("12.40")
            line = (f"{y}年度一般公共预算财政拨款支出年初预算为{w(budget)}万元，支出决算为{w(self.gpb)}万元，"
                    f"完成年初预算的{pct(self.gpb, budget)}%。")
            if self.seeded("completion_zero"):
                line = (f"{y}年度一般公共预算财政拨款支出年初预算为0万元，支出决算为{w(self.gpb)}万元，"
                        f"完成年初预算的{pct(self.gpb, budget)}%。")
                self.expect("narrative_logic", "年初预算为0万元")
            self.para(line)
            if self.seeded("relation_word"):
                self.para(f"“三公”经费年初预算为{w(self.three + D('1.50'))}万元，支出决算为{w(self.three)}万元。"
                          "决算数大于预算数的主要原因是严格控制公务接待。")
                self.expect("narrative_logic", "决算数大于预算数")
        if self.seeded("residue_xx"):
            self.para("本部门将严格执行XX局关于预算管理的各项规定，加强资金管理。")
            self.expect("template_residue", "XX局")
        if self.seeded("doubled"):
            self.para("本部门将进一步加强预算预算管理，提高资金使用效益。。")
            self.expect("template_residue", "预算预算")
            self.expect("template_residue", "效益。。")

    # -- tables ------------------------------------------------------------------------------------

    def grid(self, rows: list[list[str]]):
        t = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text

    def table_head(self, title: str):
        self.table_no += 1
        self.para(title)
        name = self.dept
        key = f"dept_name_{self.table_no}"
        for seed in self.seeds:
            if seed.startswith(key + ":"):
                name = seed.split(":", 1)[1]
                self.expect("department_name", name, table=str(self.table_no))
                if "XX" in name:
                    self.expect("template_residue", name)
        self.para(f"编制部门：{name}    单位：万元")

    def tables(self):
        self.para(f"五、部门{self.stage}表")
        titles = dict(self.table_titles())
        order = [k for k, _ in self.table_titles()]
        money = "决算数" if self.final else "预算数"
        # the summary prints the fund's spending even where the fund table is left empty
        fund_in_summary = self.fund
        for key in order:
            self.table_head(titles[key])
            if key == "revenue_expenditure":
                self.grid([
                    ["收入项目", money, "支出项目", money],
                    ["一、财政拨款", cell(self.fg), "一般公共服务支出", cell(self.a + self.b)],
                    ["二、事业收入", cell(D(0)), "社会保障和就业支出", cell(self.c)],
                    ["三、其他收入", cell(D(0)), "住房保障支出", cell(self.h)],
                    ["", "", "其他支出", cell(self.fund)],
                    ["收入总计", cell(self.fg), "支出总计", cell(self.fg)],
                ])
            elif key == "fiscal":
                self.grid([
                    ["收入项目", money, "支出项目", "合计", "一般公共预算", "政府性基金", "国有资本经营预算"],
                    ["一般公共预算资金", cell(self.gpb), "一般公共服务支出", cell(self.a + self.b), cell(self.a + self.b), "", ""],
                    ["政府性基金", cell(fund_in_summary), "社会保障和就业支出", cell(self.c), cell(self.c), "", ""],
                    ["国有资本经营预算", cell(D(0)), "住房保障支出", cell(self.h), cell(self.h), "", ""],
                    ["", "", "其他支出", cell(fund_in_summary), "", cell(fund_in_summary), ""],
                    ["收入总计", cell(self.gpb + fund_in_summary), "支出总计", cell(self.gpb + fund_in_summary),
                     cell(self.gpb), cell(fund_in_summary), cell(D(0))],
                ])
            elif key == "general":
                self.grid([
                    ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
                    ["201", "一般公共服务支出", cell(self.a + self.b), cell(self.a), cell(self.b)],
                    ["20103", "政府办公厅（室）及相关机构事务", cell(self.a + self.b), cell(self.a), cell(self.b)],
                    ["2010301", "行政运行", cell(self.a), cell(self.a), ""],
                    ["2010302", "一般行政管理事务", cell(self.b), "", cell(self.b)],
                    ["208", "社会保障和就业支出", cell(self.c), cell(self.c), ""],
                    ["20805", "行政事业单位养老支出", cell(self.c), cell(self.c), ""],
                    ["2080505", "机关事业单位基本养老保险缴费支出", cell(self.c), cell(self.c), ""],
                    ["221", "住房保障支出", cell(self.h), cell(self.h), ""],
                    ["22102", "住房改革支出", cell(self.h), cell(self.h), ""],
                    ["2210201", "住房公积金", cell(self.h), cell(self.h), ""],
                    ["", "合计", cell(self.gpb), cell(self.a + self.c + self.h), cell(self.b)],
                ])
            elif key in ("fund", "capital"):
                own = "政府性基金" if key == "fund" else "国有资本经营"
                prints = key == "fund" and self.fund > 0 and not self.seeded("fund_table_emptied")
                head = ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"]
                if prints:
                    self.grid([head,
                               ["229", "其他支出", cell(self.fund), "", cell(self.fund)],
                               ["22960", "彩票公益金安排的支出", cell(self.fund), "", cell(self.fund)],
                               ["2296002", "用于社会福利的彩票公益金支出", cell(self.fund), "", cell(self.fund)],
                               ["", "合计", cell(self.fund), "", cell(self.fund)]])
                else:
                    self.grid([head, ["", "", "", "", ""]])
                named = own
                if key == "capital" and self.seeded("note_wrong_fund"):
                    named = "政府性基金"
                note = f"注：本单位无{named}预算财政拨款安排的支出，故本表无数据。"
                if prints and self.seeded("note_over_figures"):
                    self.para(note)
                    self.expect("empty_table_note", note, table=str(self.table_no))
                elif not prints:
                    if key == "fund" and self.seeded("fund_table_emptied"):
                        self.expect("empty_table_note", titles[key], table=str(self.table_no))
                    if key == "capital" and self.seeded("note_missing"):
                        # the explanation says the fund spends 0: a note, not a failure
                        self.expect("empty_table_note", "国有资本经营预算拨款支出", status="note",
                                    table=str(self.table_no))
                    else:
                        self.para(note)
                        if named != own:
                            self.expect("empty_table_note", note, table=str(self.table_no))
            elif key == "three":
                self.grid([
                    ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费", "机关运行经费"],
                    [cell(self.three), cell(self.abroad), cell(self.car), cell(self.rec), cell(self.run_cost)],
                ])

    def others(self):
        y, py = self.year, self.year - 1
        self.para("六、其他相关情况说明")
        self.para(f"（一）机关运行经费{self.stage}：{y}年{self.dept}机关运行经费{self.stage}{w(self.run_cost)}万元。")
        if not self.seeded("no_procurement"):
            total = self.proc
            if self.seeded("procurement_sum"):
                total = self.proc + D("10.00")
            small = self.small
            line = (f"（二）政府采购{self.stage}：{y}年本部门政府采购{self.stage}总额{w(total)}万元，其中：政府采购货物{self.stage}"
                    f"{w(self.goods)}万元、政府采购工程{self.stage}{w(self.works)}万元、政府采购服务{self.stage}{w(self.services)}万元。")
            if self.seeded("procurement_sum"):
                self.expect("procurement_sum", f"政府采购{self.stage}总额{w(total)}万元")
            if self.seeded("small_firms"):
                small = total + D("20.00")
                self.expect("procurement_sum", f"预留{self.stage}{w(small)}万元")
            line += f"本部门面向中小企业预留{self.stage}{w(small)}万元。"
            self.para(line)
        else:
            self.expect("missing_section", "政府采购", status="note")
        as_of = y if self.final else py
        if self.seeded("year_asof"):
            as_of = as_of - 1
            self.expect("year_mismatch", f"截至{as_of}年12月31日")
        self.para(f"（三）国有资产占有使用情况：截至{as_of}年12月31日，本部门共有车辆2辆，单位价值50万元以上通用设备0台（套）。")
        perf = "绩效评价" if self.final else "绩效目标"
        self.para(f"（四）{perf}情况：{y}年本部门实行{perf}管理的项目1个，涉及项目{self.stage}资金{w(self.b)}万元。")
        dt = self.three - self.prev_three
        word = "增加" if dt >= 0 else "减少"
        line = (f"（五）“三公”经费情况说明：{y}年“三公”经费{self.stage}{w(self.three)}万元，比上年{self.stage}{word}{w(abs(dt))}万元。"
                f"其中：因公出国（境）费{w(self.abroad)}万元；公务用车购置及运行费{w(self.car)}万元；公务接待费{w(self.rec)}万元。")
        if self.seeded("conflict"):
            other = self.three + D("1.00")
            line += f"本部门“三公”经费{self.stage}合计{w(other)}万元。"
            self.expect("narrative_logic", f"“三公”经费{self.stage}合计{w(other)}万元")
        reason = "主要原因是严格落实过紧日子要求。" if dt < 0 else "主要原因是公务用车更新。"
        if not self.seeded("no_reason"):
            line += reason
        self.para(line)
        prev_stated = self.prev_three
        if self.seeded("prior_elsewhere"):
            prev_stated = self.prev_three + D("2.00")
            self.expect("change_rate", f"{py}年“三公”经费{self.stage}为{w(prev_stated)}万元")
        self.para(f"{py}年“三公”经费{self.stage}为{w(prev_stated)}万元。")
        if self.seeded("rate_two_figures"):
            cur, prv = self.run_cost, self.run_cost - D("5.00")
            right = (cur - prv) / prv * 100
            wrong = (right + D("3")).quantize(D("0.01"))
            self.para(f"{y}年机关运行经费{w(cur)}万元，上年为{w(prv)}万元，增长{wrong}%。")
            self.expect("change_rate", f"增长{wrong}%")
        if self.seeded("rate_change_amount"):
            cur, prv = self.run_cost, self.run_cost - D("4.00")
            self.para(f"{y}年机关运行经费{w(cur)}万元，比上年的{w(prv)}万元增加{w(D('6.00'))}万元。")
            self.expect("change_rate", f"增加{w(D('6.00'))}万元")

    def build(self) -> tuple[bytes, dict]:
        self.cover()
        self.contents()
        self.overview()
        self.narrative()
        self.tables()
        self.others()
        for yoy in self.s.get("yoy_truth", []):
            self.truth.append(yoy)
        cp = self.doc.core_properties
        fixed = datetime.datetime(2025, 1, 1)
        cp.created = cp.modified = fixed
        cp.last_printed = fixed
        cp.author = cp.last_modified_by = "yusuan"
        cp.revision = 1
        buf = io.BytesIO()
        self.doc.save(buf)
        truth = {
            "department": self.dept,
            "fiscal_year": self.year,
            "doc_kind": "final_accounts" if self.final else "budget",
            "seeds": sorted(self.seeds),
            "findings": self.truth,
        }
        return rezip(buf.getvalue()), truth


def rezip(data: bytes) -> bytes:
    """The same parts with fixed dates, in a fixed order, so the output is byte-for-byte stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, src.read(name))
    return out.getvalue()


BASE = {"admin": "812.40", "affairs": "95.30", "pension": "146.72", "housing": "88.15", "prev": "1050.00",
        "prev_three": "14.20", "abroad": "0.00", "car": "8.60", "rec": "3.10", "running": "64.35",
        "goods": "42.00", "works": "0.00", "services": "118.50", "small": "96.00"}


def figs(**kw) -> dict:
    f = dict(BASE)
    f.update({k: str(v) for k, v in kw.items()})
    return f


PT = "上海市普陀区"
DOCS = [
    # clean documents
    {"slug": "clean-putuo-caizhengju-2025", "dept": PT + "财政局", "year": 2025, "figures": figs()},
    {"slug": "clean-putuo-minzhengju-2025", "dept": PT + "民政局", "year": 2025,
     "figures": figs(admin="1210.50", fund="320.00", prev="1600.00")},
    # (not 静安区教育局: corpus/final has its 2023 final account, which this one would be compared with)
    {"slug": "clean-jingan-tiyuju-2024-final", "dept": "上海市静安区体育局", "year": 2024, "final": True,
     "figures": figs(admin="2310.88", prev="2700.00", prev_three="11.00")},
    # narrative logic, percentages, change rates
    {"slug": "logic-putuo-shangwuwei-2025", "dept": PT + "商务委员会", "year": 2025,
     "figures": figs(fund="60.00", prev="1180.00"),
     "seeds": ["zero_increase", "pct_sign", "rate_two_figures", "conflict", "note_over_figures"]},
    {"slug": "logic-putuo-wenlvju-2024-final", "dept": PT + "文化和旅游局", "year": 2024, "final": True,
     "figures": figs(admin="640.10"), "seeds": ["completion_zero", "relation_word", "share_no_amount",
                                               "prior_elsewhere"]},
    {"slug": "logic-putuo-tiyuju-2024-final", "dept": PT + "体育局", "year": 2024, "final": True,
     "figures": figs(admin="540.10", prev="900.00"),
     "seeds": ["completion_zero", "relation_word", "zero_increase", "rate_change_amount"]},
    {"slug": "logic-putuo-sifaju-2025", "dept": PT + "司法局", "year": 2025, "figures": figs(admin="700.00"),
     "seeds": ["pct_sign", "share_no_amount", "prior_elsewhere", "rate_two_figures", "rate_change_amount",
               "conflict"]},
    # template residue and years
    {"slug": "residue-putuo-jianshe-2025", "dept": PT + "建设和管理委员会", "year": 2025, "figures": figs(),
     "seeds": ["residue_xx", "doubled", "empty_reason", "year_heading", "note_missing", "two_bases"]},
    {"slug": "residue-putuo-shenjiju-2024-final", "dept": PT + "审计局", "year": 2024, "final": True,
     "figures": figs(admin="455.00", prev="760.00"), "seeds": ["residue_xx", "doubled", "year_asof",
                                                              "empty_reason"]},
    {"slug": "years-putuo-tongjiju-2025", "dept": PT + "统计局", "year": 2025, "figures": figs(admin="420.00",
                                                                                          prev="800.00"),
     "seeds": ["year_heading", "year_asof"]},
    # empty tables and their notes
    {"slug": "empty-putuo-lvrongju-2025", "dept": PT + "绿化和市容管理局", "year": 2025,
     "figures": figs(fund="250.00", prev="1300.00"), "seeds": ["note_wrong_fund", "note_over_figures"]},
    {"slug": "empty-putuo-fagaiwei-2024-final", "dept": PT + "发展和改革委员会", "year": 2024, "final": True,
     "figures": figs(fund="180.00", prev="1200.00"), "seeds": ["fund_table_emptied", "note_missing"]},
    {"slug": "empty-putuo-kewei-2025", "dept": PT + "科学技术委员会", "year": 2025,
     "figures": figs(fund="90.00", prev="1150.00"),
     "seeds": ["note_wrong_fund", "fund_table_emptied", "note_over_figures"]},
    # names, contents, sections, procurement
    {"slug": "names-putuo-weijianwei-2025", "dept": PT + "卫生健康委员会", "year": 2025, "figures": figs(),
     "seeds": ["dept_name_2:上海市普陀区卫生和计划生育委员会", "dept_name_4:上海市卫生健康委员会",
               "toc_order", "procurement_sum"]},
    {"slug": "names-putuo-renshe-2024-final", "dept": PT + "人力资源和社会保障局", "year": 2024, "final": True,
     "figures": figs(admin="980.00", prev="1250.00"),
     "seeds": ["dept_name_3:XX局", "dept_name_5:上海市静安区人力资源和社会保障局", "toc_extra", "small_firms",
               "no_structure"]},
    {"slug": "names-putuo-yingjiju-2025", "dept": PT + "应急管理局", "year": 2025, "figures": figs(admin="610.00"),
     "seeds": ["toc_order", "toc_extra", "procurement_sum", "small_firms", "no_procurement", "two_bases"]},
]

# Departments in consecutive years: the later year's 上年 figures are checked against the earlier
# document, and a figure that moves by more than half without a reason is a note.
DOCS += [
    # 财政拨款 1,050.00 and 三公 14.20: what clean-putuo-caizhengju-2025 says of its last year
    {"slug": "yoy-putuo-caizhengju-2024", "dept": PT + "财政局", "year": 2024,
     "figures": figs(admin="719.83", car="11.10", prev="980.00", prev_three="13.00")},
    # 财政拨款 1,600.00 and 三公 14.20: what clean-putuo-minzhengju-2025 says of its last year
    {"slug": "yoy-putuo-minzhengju-2024", "dept": PT + "民政局", "year": 2024,
     "figures": figs(admin="949.83", fund="320.00", car="11.10", prev="1500.00", prev_three="13.00")},
    # 三公 13.20, where years-putuo-tongjiju-2025 says 14.20; 一般行政管理事务 30.00, which 2025 more than
    # triples with no reason given
    {"slug": "yoy-putuo-tongjiju-2024", "dept": PT + "统计局", "year": 2024,
     "figures": figs(admin="535.13", affairs="30.00", car="10.10", prev="760.00", prev_three="12.50")},
    # 上年 财政拨款 stated as 1,050.00 where the 2025 document prints 1,142.57; every figure that grows by
    # more than half is left without a reason
    {"slug": "yoy-putuo-caizhengju-2026", "dept": PT + "财政局", "year": 2026,
     "figures": figs(admin="1900.00", prev="1050.00", prev_three="11.70"), "seeds": ["no_reason"]},
]

# What the comparison across documents must find (the later document's truth).
YOY_TRUTH = {
    "years-putuo-tongjiju-2025": [
        ("fail", "“三公”经费预算"),
        ("note", "一般行政管理事务"), ("note", "项目支出"),
    ],
    "yoy-putuo-caizhengju-2026": [
        ("fail", "财政拨款收入"), ("fail", "财政拨款支出预算"),
        ("note", "收入预算"), ("note", "支出预算"), ("note", "基本支出"), ("note", "行政运行"),
    ],
}
for spec in DOCS:
    spec["yoy_truth"] = [{"check": "year_on_year", "status": st, "table": "", "quote": q}
                         for st, q in YOY_TRUTH.get(spec["slug"], [])]


def main():
    (OUT / "docx").mkdir(parents=True, exist_ok=True)
    (OUT / "truth").mkdir(parents=True, exist_ok=True)
    for spec in DOCS:
        data, truth = Doc(spec).build()
        (OUT / "docx" / f"{spec['slug']}.docx").write_bytes(data)
        (OUT / "truth" / f"{spec['slug']}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(DOCS)} documents in {OUT}")


if __name__ == "__main__":
    main()
