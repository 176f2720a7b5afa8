#!/usr/bin/env python3
"""Generate yusuan's test corpus: synthetic department-budget disclosures (.docx) with their truth.

    python3 scripts/gen_corpus.py            # (re)writes corpus/docx/*.docx and corpus/truth/*.json

Every document is generated from an exact budget (decimal.Decimal yuan, never float) that the generator
builds first: function-code lines (类/款/项) split into basic and project spending and funding sources,
the economic breakdown of basic spending, projects, the 三公 figures. The tables are then printed from
that budget with the layout quirks real disclosures have, and the truth file is written from the
generator's own record of what it printed (never by reading the .docx back). See corpus/README.md.

The output is deterministic: a fixed random seed per document, fixed core properties and fixed zip
timestamps, so a re-run produces identical bytes.

check_corpus.py (beside this file) imports this module to verify the corpus.
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed_changji_2022  # noqa: E402  (data module beside this script)

ROOT = Path(__file__).resolve().parent.parent
CODE_DIR = ROOT / "crates" / "yusuan-normalise" / "data"
OUT_DIR = ROOT / "corpus"
FIXED_DATE = datetime(2024, 1, 1, 0, 0, 0, tzinfo=timezone.utc)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
MASTER_SEED = 20240101

D = Decimal
CENT = D("0.01")
WAN = D("10000")
FW = "\u3000"  # full-width space

CJ = "新疆维吾尔自治区昌吉回族自治州"
HZ = "浙江省杭州市"
CD = "四川省成都市"

STANDARD_TABLES = [
    "revenue_expenditure_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_grant_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "general_budget_project_expenditure",
    "three_public",
    "government_fund_expenditure",
]

SOURCES = [
    "general_public_budget",
    "government_fund_budget",
    "state_capital_budget",
    "special_account",
    "business_income",
    "business_operating_income",
    "other_income",
    "carryover",
]
FISCAL_SOURCES = ["general_public_budget", "government_fund_budget", "state_capital_budget"]

ECON_CLASS_COLUMNS = ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
PERSONNEL_CLASSES = {"301", "303"}


# ----------------------------------------------------------------------------------------------
# decimal helpers


def q2(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def snap(x: Decimal, gran: Decimal) -> Decimal:
    """Round x (yuan) half-up to a multiple of gran (yuan)."""
    return ((x / gran).quantize(D(1), rounding=ROUND_HALF_UP) * gran).quantize(CENT)


def yuan_str(x: Decimal) -> str:
    return str(q2(x))


def unit_factor(unit: str) -> Decimal:
    return WAN if unit == "万元" else D(1)


def printed_value(yuan: Decimal, unit: str, dp: int) -> Decimal:
    """The value as printed in `unit` with `dp` decimals, rounded half-up from the exact yuan."""
    v = yuan / unit_factor(unit)
    return v.quantize(D(1).scaleb(-dp), rounding=ROUND_HALF_UP)


def fmt_number(v: Decimal, dp: int, strip: bool = False, thousands: bool = False) -> str:
    s = format(v, f",.{dp}f") if thousands else format(v, f".{dp}f")
    if strip and "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def wan2(yuan: Decimal) -> str:
    """Narrative style amount in 万元, 2 decimals."""
    return fmt_number(printed_value(yuan, "万元", 2), 2)


def pct(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        return D("0.00")
    return (a * 100 / b).quantize(CENT, rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------------------------------------
# performance targets and narrative facts (the truth's `targets` and `facts`)

# comparators printed in 指标值 cells -> the truth's operator
TARGET_OPS = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", "=": "=", "＝": "=", ">": ">", "＞": ">", "<": "<",
              "＜": "<", "": "="}
TARGET_VALUE = re.compile(r"(>=|<=|≥|≤|＝|=|>|＞|<|＜)?(\d+(?:\.\d+)?)(\D*)")


def target_parts(text: str) -> tuple[str, str, str]:
    """(operator, value, unit) of a 指标值 as printed: a number with an optional comparator and a unit
    (`>=98%`, `=1个`, `100%`), or text (`2022年12月31日`, `长期`), which has no operator and no unit."""
    m = TARGET_VALUE.fullmatch(text)
    if m is None:
        return "", text, ""
    return TARGET_OPS[m.group(1) or ""], m.group(2), m.group(3)


def target(project: str, level1: str, level2: str, indicator: str, text: str) -> dict:
    op, value, unit = target_parts(text)
    return {"project": project, "level1": level1, "level2": level2, "indicator": indicator, "operator": op,
            "value": value, "unit": unit, "text": text}


def signed(x: Decimal, negative: bool) -> Decimal:
    """x (>= 0) with the sign of a 减少/下降; a zero stays unsigned."""
    return -x if negative and x != 0 else x


# ----------------------------------------------------------------------------------------------
# canonical codes


class Codes:
    def __init__(self, function: dict[str, str], economic: dict[str, str]):
        self.function = function
        self.economic = economic

    @classmethod
    def load(cls) -> "Codes":
        fpath, epath = CODE_DIR / "function_codes.csv", CODE_DIR / "economic_codes.csv"
        if not (fpath.exists() and epath.exists()):
            raise SystemExit(f"code tables missing: {fpath} / {epath}")

        def read(p: Path) -> dict[str, str]:
            with p.open(encoding="utf-8", newline="") as f:
                return {r["code"].strip(): r["name"].strip() for r in csv.DictReader(f) if r.get("code")}

        return cls(read(fpath), read(epath))

    def fname(self, code: str) -> str:
        try:
            return self.function[code]
        except KeyError:
            raise SystemExit(f"function code {code} is not in function_codes.csv") from None

    def ename(self, code: str) -> str:
        try:
            return self.economic[code]
        except KeyError:
            raise SystemExit(f"economic code {code} is not in economic_codes.csv") from None

    def classes(self, year: int) -> list[str]:
        out = sorted(c for c in self.function if len(c) == 3)
        if year > 2022:
            out = [c for c in out if c != "234"]
        return out

    def siblings(self, code: str) -> list[str]:
        parent = code[:-2]
        return sorted(c for c in self.function if len(c) == len(code) and c.startswith(parent) and c != code)


# ----------------------------------------------------------------------------------------------
# WordprocessingML building (strings, parsed with python-docx's parser)

WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@dataclass
class Run:
    text: str
    bold: bool = False
    size: int | None = None  # half-points
    font: str | None = None
    italic: bool = False


@dataclass
class Para:
    runs: list[Run] = field(default_factory=list)
    align: str | None = None  # left/center/right
    bookmark: str | None = None
    sdt: bool = False  # wrap in a block-level content control (body paragraphs only)
    bold: bool = False
    size: int | None = None


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1
    vm: str | None = None  # "restart" / "cont"
    sdt: bool = False  # content control around the cell's paragraphs
    item: dict | None = None
    nested: "TableSpec | None" = None


@dataclass
class TableSpec:
    tid: str | None  # table id for the truth (None: performance targets / outer wrapper)
    ncols: int
    rows: list[list[Cell]]
    unit: str = ""
    dp: int = 2
    header_rows: int = 0
    widths: list[int] | None = None
    font_size: int = 18


def P(text: str = "", **kw) -> Para:
    bold = kw.pop("bold", False)
    size = kw.pop("size", None)
    return Para([Run(text, bold=bold, size=size)] if text else [], bold=bold, size=size, **kw)


def C(text: str = "", span: int = 1, vm: str | None = None, bold: bool = False, align: str | None = "center") -> Cell:
    paras = [Para([Run(t, bold=bold)] if t else [], align=align) for t in text.split("\n")]
    return Cell(paras, span=span, vm=vm)


class XmlWriter:
    def __init__(self, text_width: int = 9600):
        self.bm_id = 0
        self.sdt_id = 1000
        self.text_width = text_width  # twips between the page margins

    def run(self, r: Run, size: int | None = None) -> str:
        rpr = ""
        if r.font:
            rpr += f'<w:rFonts w:ascii="{r.font}" w:hAnsi="{r.font}" w:eastAsia="{r.font}"/>'
        if r.bold:
            rpr += "<w:b/>"
        if r.italic:
            rpr += "<w:i/>"
        sz = r.size or size
        if sz:
            rpr += f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        body = ""
        for i, seg in enumerate(r.text.split("\n")):
            if i:
                body += "<w:br/>"
            if seg:
                body += f'<w:t xml:space="preserve">{escape(seg)}</w:t>'
        return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{body}</w:r>"

    def para(self, p: Para, size: int | None = None) -> str:
        ppr = ""
        if p.align:
            ppr += f'<w:jc w:val="{p.align}"/>'
        runs = "".join(self.run(r, size) for r in p.runs)
        if p.bookmark:
            self.bm_id += 1
            runs = (
                f'<w:bookmarkStart w:id="{self.bm_id}" w:name="{p.bookmark}"/>'
                + runs
                + f'<w:bookmarkEnd w:id="{self.bm_id}"/>'
            )
        xml = f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{runs}</w:p>"
        if p.sdt:
            xml = self.sdt(xml)
        return xml

    def sdt(self, inner: str) -> str:
        self.sdt_id += 1
        return (
            f'<w:sdt><w:sdtPr><w:alias w:val="amount"/><w:id w:val="{self.sdt_id}"/></w:sdtPr>'
            f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>"
        )

    def table(self, t: TableSpec) -> str:
        widths = t.widths or [max(500, self.text_width // t.ncols)] * t.ncols
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        rows = []
        for ri, row in enumerate(t.rows):
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if ri < t.header_rows else ""
            cells = []
            col = 0
            for c in row:
                w = sum(widths[col : col + c.span])
                tcpr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
                if c.span > 1:
                    tcpr += f'<w:gridSpan w:val="{c.span}"/>'
                if c.vm == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif c.vm == "cont":
                    tcpr += "<w:vMerge/>"
                tcpr += '<w:vAlign w:val="center"/>'
                inner = ""
                if c.nested is not None:
                    inner += self.table(c.nested)
                paras = c.paras or [Para()]
                ptxt = "".join(self.para(p, t.font_size) for p in paras)
                if c.sdt:
                    ptxt = self.sdt(ptxt)
                inner += ptxt
                cells.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>")
                col += c.span
            if col != t.ncols:
                raise ValueError(f"row {ri} of table {t.tid} spans {col} of {t.ncols} columns")
            rows.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
        return (
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )


def ns_root(xml: str) -> str:
    """Add the w namespace declaration to the first element of an XML fragment."""
    tag_end = min(x for x in (xml.find(" "), xml.find(">"), xml.find("/>")) if x > 0)
    return xml[:tag_end] + " " + WNS + xml[tag_end:]


class DocWriter:
    """Appends paragraphs and tables to a python-docx Document; remembers where each item was printed."""

    def __init__(self, landscape: bool = False):
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.x = XmlWriter(13800 if landscape else 9600)
        self.tables: list[dict] = []  # meta of disclosure tables, in document order
        self.n_body_tables = 0
        st = self.doc.styles["Normal"]
        st.font.name = "宋体"
        st.font.size = Pt(10.5)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = parse_xml(f"<w:rFonts {WNS}/>")
            rpr.insert(0, rfonts)
        rfonts.set(qn("w:eastAsia"), "宋体")
        self._slim()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
        if landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.left_margin = sec.right_margin = docx.shared.Mm(20)

    def _slim(self):
        """Drop what the default template carries but the corpus does not need (keeps files small)."""
        part = self.doc.part
        for rid, rel in list(part.rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                del part.rels[rid]
        pkg_rels = part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del pkg_rels[rid]
        styles = self.doc.styles.element
        keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}
        for el in list(styles):
            if el.tag == qn("w:latentStyles") or (el.tag == qn("w:style") and el.get(qn("w:styleId")) not in keep):
                styles.remove(el)

    def _append(self, xml: str):
        el = parse_xml(ns_root(xml))
        sect = self.body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(el)
        else:
            self.body.append(el)

    def para(self, p: Para | str, **kw):
        if isinstance(p, str):
            p = P(p, **kw)
        self._append(self.x.para(p))

    def table(self, t: TableSpec, nested_in_outer: bool = False):
        """Print a disclosure table (optionally inside the single cell of an outer table)."""
        index = self.n_body_tables
        if nested_in_outer:
            outer = TableSpec(None, 1, [[Cell([], nested=t)]], widths=[sum(t.widths) if t.widths else self.x.text_width])
            self._append(self.x.table(outer))
        else:
            self._append(self.x.table(t))
        self.n_body_tables += 1
        items = []
        for ri, row in enumerate(t.rows):
            col = 0
            for c in row:
                if c.item is not None:
                    items.append({"row": ri, "col": col, "item": c.item})
                col += c.span
        self.tables.append(
            {"tid": t.tid, "body_index": index, "nested": nested_in_outer, "unit": t.unit, "dp": t.dp, "cells": items}
        )

    def save_bytes(self, title: str) -> bytes:
        cp = self.doc.core_properties
        cp.author = "yusuan corpus generator"
        cp.last_modified_by = "yusuan corpus generator"
        cp.title = title
        cp.created = FIXED_DATE.replace(tzinfo=None)
        cp.modified = FIXED_DATE.replace(tzinfo=None)
        cp.last_printed = FIXED_DATE.replace(tzinfo=None)
        cp.revision = 1
        cp.comments = ""
        cp.keywords = ""
        cp.subject = ""
        raw = io.BytesIO()
        self.doc.save(raw)
        return rezip(raw.getvalue())


def rezip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes so that output is byte-identical."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# header builder: each grid column gets a path of labels from the top header row down; None means
# "vertical continuation of the cell above". Adjacent columns with the same path prefix are merged.


def split_label(label: str) -> str:
    """A long header label broken over two paragraphs (功能分类⏎科目编码), as word-wrapped headers are."""
    if len(label) >= 6 and "\n" not in label and label.startswith(("功能分类", "经济分类", "科目编码")):
        return label[:4] + "\n" + label[4:]
    return label


def build_header(paths: list[list[str | None]], multi_para: bool = False, on_split=None) -> list[list[Cell]]:
    nrows = len(paths[0])
    ncols = len(paths)
    rows: list[list[Cell]] = []
    for r in range(nrows):
        row: list[Cell] = []
        c = 0
        while c < ncols:
            key = tuple(paths[c][: r + 1])
            span = 1
            while c + span < ncols and tuple(paths[c + span][: r + 1]) == key:
                span += 1
            label = paths[c][r]
            if label is None:
                cell = Cell([Para()], span=span, vm="cont")
            else:
                below = r + 1 < nrows and paths[c][r + 1] is None
                text = split_label(label) if multi_para else label
                if text != label and on_split:
                    on_split()
                cell = C(text, span=span, vm="restart" if below else None, bold=True)
            row.append(cell)
            c += span
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------------------------
# departments


@dataclass
class ProjectTpl:
    code: str
    name: str
    econ: dict  # econ class -> weight
    lo: int  # 万元
    hi: int
    source: str = "general_public_budget"
    perf: str = "generic"


@dataclass
class Dept:
    key: str
    slug: str
    region: str
    city: str
    name: str
    short: str
    scope: str
    admin_run: str | None
    inst_run: str | None
    admin_staff: int
    inst_staff: int
    projects: list
    years: list
    duties: str
    offices: list
    extra: dict = field(default_factory=dict)
    names_by_year: dict = field(default_factory=dict)
    retire_code_admin: str = "2080501"
    retire_code_inst: str = "2080502"


G = "general_public_budget"
DEPTS = [
    Dept(
        key="cj-czj", slug="changji-caizhengju", region=CJ, city="昌吉州", name="昌吉州财政局", short="州财政局",
        scope="department", admin_run="2010601", inst_run="2010650", admin_staff=52, inst_staff=14,
        projects=[
            ProjectTpl("2010602", "财政综合业务工作经费", {"302": 1}, 40, 160),
            ProjectTpl("2010607", "财政一体化信息系统运行维护费", {"302": 6, "310": 4}, 120, 420),
            ProjectTpl("2010608", "财政投资评审委托业务费", {"302": 1}, 60, 220),
            ProjectTpl("2010604", "预算绩效管理改革经费", {"302": 1}, 20, 90),
            ProjectTpl("2010605", "国库集中支付代理业务手续费", {"302": 1}, 30, 110),
        ],
        years=[2021, 2022, 2023, 2024],
        duties="贯彻执行国家财政、税收方针政策和法律法规，拟订全州财政发展规划和政策；负责州本级预算编制、执行和决算工作；"
        "负责政府非税收入管理、政府债务管理和国库集中收付；负责政府采购监督管理和财政监督检查工作。",
        offices=["办公室", "预算科", "国库科", "综合科", "经济建设科", "社会保障科", "政府采购监督管理科", "绩效管理科"],
    ),
    Dept(
        key="cj-jyj", slug="changji-jiaoyuju", region=CJ, city="昌吉州", name="昌吉州教育局", short="州教育局",
        scope="department", admin_run="2050101", inst_run="2050204", admin_staff=38, inst_staff=210,
        projects=[
            ProjectTpl("2050102", "教育督导评估工作经费", {"302": 1}, 15, 60),
            ProjectTpl("2050803", "中小学教师全员培训经费", {"302": 1}, 40, 150),
            ProjectTpl("2050204", "普通高中免学费补助资金", {"303": 1}, 120, 380),
            ProjectTpl("2050204", "高中教学仪器设备购置", {"310": 1}, 80, 260),
            ProjectTpl("2050202", "学生营养改善计划补助", {"303": 1}, 60, 200),
        ],
        years=[2022, 2023, 2024, 2025],
        duties="贯彻执行国家教育方针、政策和法律法规，拟订全州教育事业发展规划；统筹管理各级各类教育；"
        "负责州直属学校的人事、经费和教育教学管理；指导全州教师队伍建设和教育督导评估工作。",
        offices=["办公室", "基础教育科", "职业与成人教育科", "教师工作科", "计划财务科", "督导室", "安全稳定科"],
        extra={"business_income": ("2050204", 300, 700), "special_account": ("2050204", 150, 400),
               "carryover": ("2050102", "上年结转教育信息化项目", 30, 90)},
    ),
    Dept(
        key="cj-wjw", slug="changji-weijianwei", region=CJ, city="昌吉州", name="昌吉州卫生健康委员会", short="州卫健委",
        scope="department", admin_run="2100101", inst_run="2100401", admin_staff=46, inst_staff=60,
        projects=[
            ProjectTpl("2100102", "卫生健康综合监督执法经费", {"302": 1}, 30, 120),
            ProjectTpl("2100408", "基本公共卫生服务补助资金", {"302": 3, "399": 7}, 200, 600),
            ProjectTpl("2100409", "重大传染病防控经费", {"302": 7, "310": 3}, 80, 260),
            ProjectTpl("2100717", "计划生育家庭奖励扶助资金", {"303": 1}, 50, 180),
        ],
        years=[2021, 2022, 2023, 2024],
        duties="组织拟订全州卫生健康事业发展规划和政策措施；统筹规划卫生健康资源配置；组织开展疾病预防控制和重大疾病防控工作；"
        "负责职责范围内的职业卫生、放射卫生、环境卫生、学校卫生和传染病防治监督；推进医药卫生体制改革。",
        offices=["办公室", "规划发展与信息化科", "医政医管科", "疾病预防控制科", "基层卫生健康科", "人口监测与家庭发展科"],
        extra={"business_income": ("2100401", 60, 180)},
        names_by_year={2021: "昌吉回族自治州卫生健康委员会"},
    ),
    Dept(
        key="cj-zrzyj", slug="changji-ziranziyuanju", region=CJ, city="昌吉州", name="昌吉州自然资源局", short="州自然资源局",
        scope="department", admin_run="2200101", inst_run="2200150", admin_staff=58, inst_staff=40,
        projects=[
            ProjectTpl("2200104", "国土空间总体规划编制经费", {"302": 1}, 80, 300),
            ProjectTpl("2200109", "不动产统一确权登记经费", {"302": 8, "310": 2}, 50, 180),
            ProjectTpl("2200106", "耕地保护动态监测经费", {"302": 1}, 30, 120),
            ProjectTpl("2200108", "测绘地理信息管理经费", {"302": 1}, 20, 80),
        ],
        years=[2022, 2023, 2024, 2025],
        duties="履行全民所有土地、矿产、森林、草原、湿地、水等自然资源资产所有者职责和所有国土空间用途管制职责；"
        "负责自然资源调查监测评价、统一确权登记、合理开发利用；负责建立空间规划体系并监督实施。",
        offices=["办公室", "法规科", "自然资源调查监测科", "自然资源确权登记科", "国土空间规划科", "耕地保护监督科", "执法监察支队"],
        extra={"fund": ("21208", "土地征收成片开发方案编制", 200, 600)},
    ),
    Dept(
        key="cj-zzj", slug="changji-zhengziju", region=CJ, city="昌吉州", name="昌吉州政务服务和公共资源交易管理局",
        short="州政资局", scope="department", admin_run="2010301", inst_run="2010350", admin_staff=20, inst_staff=16,
        projects=[
            ProjectTpl("2010302", "12345云呼叫中心平台技术服务运维费", {"302": 1}, 150, 240),
            ProjectTpl("2010302", "公共资源交易平台运行维护费", {"302": 1}, 20, 80),
            ProjectTpl("2010302", "公告费", {"302": 1}, 8, 15),
            ProjectTpl("2010302", "政务服务“一网通办”平台升级改造", {"302": 4, "310": 6}, 80, 200),
            ProjectTpl("2010302", "放管服改革优化营商环境工作经费", {"302": 1}, 10, 25),
        ],
        years=[2021, 2023, 2024, 2025],
        duties="负责对进驻州政务大厅开展政务服务的单位做好服务、协调、监督、管理工作；对纳入昌吉州公共资源交易目录的交易项目，"
        "提供交易场所、专家抽取、交易过程见证、信息公告发布等服务；负责自治州12345政务服务便民热线的整合、受理、转办及督办。",
        offices=["办公室", "政务服务科", "工程建设交易服务科", "政府采购交易服务科", "矿业权及产权交易服务科", "信息科"],
        names_by_year={2023: "昌吉回族自治州政务服务和公共资源交易管理局"},
    ),
    Dept(
        key="cj-cdc", slug="changji-jikongzhongxin", region=CJ, city="昌吉州", name="昌吉州疾病预防控制中心",
        short="州疾控中心", scope="unit", admin_run=None, inst_run="2100401", admin_staff=0, inst_staff=72,
        projects=[
            ProjectTpl("2100409", "免疫规划冷链运转经费", {"302": 1}, 30, 90),
            ProjectTpl("2100409", "艾滋病结核病防治经费", {"302": 1}, 40, 120),
            ProjectTpl("2100410", "突发公共卫生事件应急物资储备", {"302": 4, "310": 6}, 50, 160),
        ],
        years=[2023, 2024, 2025],
        duties="承担全州传染病、慢性病、地方病的监测、预防和控制工作；负责免疫规划、突发公共卫生事件应急处置、"
        "卫生检验检测和健康教育工作；对县市疾病预防控制机构进行业务指导。",
        offices=["办公室", "传染病防制科", "免疫规划科", "慢性病防制科", "检验科", "健康教育科"],
        extra={"business_income": ("2100401", 80, 200), "other_income": ("2100401", 10, 40)},
    ),
    Dept(
        key="hz-czj", slug="hangzhou-caizhengju", region=HZ, city="杭州市", name="杭州市财政局", short="市财政局",
        scope="department", admin_run="2010601", inst_run="2010650", admin_staff=150, inst_staff=60,
        projects=[
            ProjectTpl("2010607", "财政数字化改革项目", {"302": 5, "310": 5}, 600, 1500),
            ProjectTpl("2010608", "财政评审中心委托业务费", {"302": 1}, 200, 600),
            ProjectTpl("2010602", "政府债务管理专项经费", {"302": 1}, 60, 200),
            ProjectTpl("2010605", "国库集中收付代理手续费", {"302": 1}, 150, 400),
            ProjectTpl("2010604", "预算管理一体化建设经费", {"302": 6, "310": 4}, 200, 700),
            ProjectTpl("2010699", "会计人员继续教育经费", {"302": 1}, 30, 90),
        ],
        years=[2021, 2022, 2023, 2024, 2025],
        duties="贯彻执行国家和省财政方针政策，拟订全市财政中长期规划；编制市级年度预决算草案并组织执行；"
        "负责政府性债务管理、国有资产管理和国库集中收付；负责政府采购、会计管理和财政监督工作。",
        offices=["办公室", "预算处", "国库处", "政府采购监管处", "债务管理处", "资产管理处", "会计处", "绩效管理处", "法规税政处"],
        extra={"state_capital": ("22301", "国有企业退休人员社会化管理补助", 300, 800)},
    ),
    Dept(
        key="hz-mzj", slug="hangzhou-minzhengju", region=HZ, city="杭州市", name="杭州市民政局", short="市民政局",
        scope="department", admin_run="2080201", inst_run="2081005", admin_staff=80, inst_staff=120,
        projects=[
            ProjectTpl("2080208", "城乡社区治理专项经费", {"302": 1}, 100, 300),
            ProjectTpl("2081002", "高龄津贴和困难老人补助", {"303": 1}, 800, 2000),
            ProjectTpl("2081004", "惠民殡葬补助资金", {"303": 7, "302": 3}, 150, 450),
            ProjectTpl("2082001", "临时救助资金", {"303": 1}, 200, 600),
            ProjectTpl("2081901", "城市最低生活保障资金", {"303": 1}, 500, 1500),
        ],
        years=[2021, 2022, 2023, 2024],
        duties="拟订全市民政事业发展规划和政策；负责社会救助、养老服务、儿童福利、殡葬管理工作；"
        "指导城乡社区治理和基层政权建设；负责社会组织登记管理和行政区划地名管理工作。",
        offices=["办公室", "社会救助处", "养老服务处", "儿童福利处", "社会事务处", "基层政权建设和社区治理处", "社会组织管理局"],
        extra={"fund": ("22960", "福利彩票公益金养老服务项目", 500, 1200), "business_income": ("2081005", 200, 500)},
    ),
    Dept(
        key="hz-jtj", slug="hangzhou-jiaotongyunshuju", region=HZ, city="杭州市", name="杭州市交通运输局",
        short="市交通运输局", scope="department", admin_run="2140101", inst_run=None, admin_staff=95, inst_staff=0,
        projects=[
            ProjectTpl("2140104", "国省道公路建设市级补助", {"310": 1}, 1500, 4000),
            ProjectTpl("2140106", "普通公路养护工程", {"302": 6, "310": 4}, 800, 2200),
            ProjectTpl("2140110", "智慧交通信息化建设", {"302": 4, "310": 6}, 300, 900),
            ProjectTpl("2140112", "公路和运输安全生产专项经费", {"302": 1}, 100, 300),
        ],
        years=[2022, 2023, 2024, 2025],
        duties="贯彻执行交通运输方针政策和法律法规，拟订全市综合交通运输发展规划；负责公路、水路行业的规划、建设、"
        "管理和养护；负责道路运输和水路运输市场监管；负责交通运输安全生产监督管理。",
        offices=["办公室", "综合规划处", "建设管理处", "公路管理处", "运输管理处", "安全监督处", "科技信息处"],
        extra={"carryover": ("2140106", "上年结转公路养护工程", 200, 600)},
    ),
    Dept(
        key="hz-tsg", slug="hangzhou-tushuguan", region=HZ, city="杭州市", name="杭州图书馆", short="杭州图书馆",
        scope="unit", admin_run=None, inst_run="2070104", admin_staff=0, inst_staff=160,
        projects=[
            ProjectTpl("2070104", "数字资源与文献采购", {"302": 5, "310": 5}, 300, 800),
            ProjectTpl("2070108", "全民阅读推广活动", {"302": 1}, 80, 200),
            ProjectTpl("2070104", "智慧图书馆系统运维", {"302": 1}, 100, 260),
        ],
        years=[2023, 2024, 2025],
        duties="承担全市公共图书馆总分馆体系建设；负责文献信息资源的收集、整理、保存和开发利用；"
        "开展全民阅读推广、讲座展览和公益培训；为社会公众提供借阅、参考咨询和数字文化服务。",
        offices=["办公室", "文献资源部", "读者服务部", "阅读推广部", "数字资源部", "分馆管理部"],
        extra={"business_income": ("2070104", 40, 120), "other_income": ("2070104", 20, 60)},
    ),
    Dept(
        key="cd-sthjj", slug="chengdu-shengtaihuanjingju", region=CD, city="成都市", name="成都市生态环境局",
        short="市生态环境局", scope="department", admin_run="2110101", inst_run=None, admin_staff=120, inst_staff=0,
        projects=[
            ProjectTpl("2110104", "生态环境保护宣传教育经费", {"302": 1}, 40, 120),
            ProjectTpl("2110301", "大气污染防治专项资金", {"302": 4, "310": 3, "312": 3}, 800, 2500),
            ProjectTpl("2110302", "水环境治理专项资金", {"302": 5, "310": 5}, 500, 1500),
            ProjectTpl("2110206", "建设项目环评技术评估费", {"302": 1}, 60, 200),
            ProjectTpl("2110304", "固体废物与化学品环境管理", {"302": 1}, 50, 150),
        ],
        years=[2021, 2022, 2023, 2024],
        duties="负责建立健全生态环境基本制度；负责重大生态环境问题的统筹协调和监督管理；负责环境污染防治的监督管理；"
        "负责生态环境准入的监督管理和生态环境监测工作；组织开展中央和省级生态环境保护督察整改工作。",
        offices=["办公室", "综合处", "法规与标准处", "大气环境处", "水生态环境处", "土壤生态环境处", "环境影响评价处", "执法监督处"],
    ),
    Dept(
        key="cd-nyncj", slug="chengdu-nongyenongcunju", region=CD, city="成都市", name="成都市农业农村局",
        short="市农业农村局", scope="department", admin_run="2130101", inst_run="2130104", admin_staff=110, inst_staff=90,
        projects=[
            ProjectTpl("2130106", "农业科技成果转化与推广", {"302": 1}, 100, 300),
            ProjectTpl("2130108", "农作物重大病虫害统防统治", {"302": 7, "310": 3}, 80, 240),
            ProjectTpl("2130122", "现代农业园区建设补助", {"312": 1}, 1000, 3000),
            ProjectTpl("2130109", "农产品质量安全监测", {"302": 1}, 60, 180),
            ProjectTpl("2130153", "高标准农田建设", {"310": 6, "312": 4}, 800, 2000),
        ],
        years=[2021, 2022, 2023, 2024, 2025],
        duties="统筹研究和组织实施“三农”工作发展战略和政策；负责种植业、畜牧业、渔业等农业各产业的监督管理；"
        "负责农产品质量安全监督管理；负责农业防灾减灾和农作物重大病虫害防治工作；指导农村改革和乡村振兴工作。",
        offices=["办公室", "发展规划处", "农村经济体制与经营管理处", "种植业管理处", "畜牧兽医处", "农产品质量安全监管处", "科技教育处"],
        names_by_year={2021: "成都市农业农村局（本级）"},
    ),
]


# ----------------------------------------------------------------------------------------------
# the budget


@dataclass
class Project:
    name: str
    code: str
    source: str
    amount: Decimal
    econ: dict  # econ class -> amount
    perf: str = "generic"


@dataclass
class Budget:
    dept: Dept
    year: int
    department: str
    alloc: dict  # (leaf code, kind, source) -> amount
    projects: list
    econ: dict  # econ 款 -> amount (general public budget, basic)
    three: dict
    staffing: dict
    retired_cadre: int
    vehicles: int

    # -- aggregation helpers
    def fn_rows(self, sources=None, kinds=("basic", "project")) -> dict:
        """function code (all levels) -> {source or 'total'/'basic'/'project': amount}"""
        rows: dict[str, dict] = {}
        for (code, kind, src), amt in self.alloc.items():
            if sources is not None and src not in sources:
                continue
            if kind not in kinds:
                continue
            for plen in (3, 5, 7):
                if plen > len(code):
                    break
                r = rows.setdefault(code[:plen], {})
                for k in ("total", kind, src):
                    r[k] = r.get(k, D(0)) + amt
        return dict(sorted(rows.items()))

    def econ_rows(self) -> dict:
        rows: dict[str, dict] = {}
        for code, amt in self.econ.items():
            cls = code[:3]
            m = "personnel" if cls in PERSONNEL_CLASSES else "public_use"
            for c in (cls, code):
                r = rows.setdefault(c, {})
                r["total"] = r.get("total", D(0)) + amt
                r[m] = r.get(m, D(0)) + amt
        return dict(sorted(rows.items()))

    def source_totals(self) -> dict:
        out = {s: D(0) for s in SOURCES}
        for (_c, _k, s), a in self.alloc.items():
            out[s] += a
        return out

    def total(self) -> Decimal:
        return sum(self.alloc.values(), D(0))

    def kind_total(self, kind, sources=None) -> Decimal:
        return sum((a for (c, k, s), a in self.alloc.items() if k == kind and (sources is None or s in sources)), D(0))

    def gpb_projects(self) -> list:
        return sorted([p for p in self.projects if p.source == G], key=lambda p: p.code)


def rand_amt(rng: random.Random, lo_wan, hi_wan, gran: Decimal) -> Decimal:
    """A random multiple of gran (yuan) between lo_wan and hi_wan 万元 (int or Decimal bounds)."""
    lo, hi = int(D(lo_wan) * WAN / gran), int(D(hi_wan) * WAN / gran)
    return (D(rng.randint(lo, max(lo, hi))) * gran).quantize(CENT)


def split_weights(total: Decimal, weights: dict, gran: Decimal) -> dict:
    keys = list(weights)
    wsum = sum(D(str(w)) for w in weights.values())
    out = {}
    acc = D(0)
    for k in keys[:-1]:
        v = snap(total * D(str(weights[k])) / wsum, gran)
        out[k] = v
        acc += v
    out[keys[-1]] = total - acc
    return out


def make_budget(dept: Dept, year: int, rng: random.Random, gran: Decimal, cents_leaves: bool, codes: Codes,
                opts: dict) -> Budget:
    """Build an exact budget. gran: granularity of amounts in yuan; cents_leaves: give a few leaves odd cents."""
    growth = D(100 + 5 * (year - 2021)) / 100 * D(rng.randint(93, 107)) / 100

    def g(x: Decimal) -> Decimal:
        return snap(x, gran)

    def odd(x: Decimal) -> Decimal:
        # a leaf with odd cents (only where the document prints them)
        if cents_leaves and rng.random() < 0.5:
            return (x + D(rng.randint(-1500, 1500)) / 100).quantize(CENT)
        return x

    a_staff = dept.admin_staff
    i_staff = dept.inst_staff
    a_serv = max(0, a_staff - rng.randint(0, max(1, a_staff // 10))) if a_staff else 0
    i_serv = max(0, i_staff - rng.randint(0, max(1, i_staff // 8))) if i_staff else 0
    serving = a_serv + i_serv
    retired = rng.randint(max(1, serving // 12), max(2, serving // 5))
    cadre = rng.choice([0, 0, 0, 1, 2])
    staffing = {
        "authorised": a_staff + i_staff,
        "actual": serving + retired + cadre,
        "serving": serving,
        "retired": retired,
    }
    S = D(serving)
    AS, IS = D(a_serv), D(i_serv)
    e: dict[str, Decimal] = {}
    e["30101"] = g(S * D(rng.randint(36000, 42000)) * growth)
    e["30102"] = g(AS * D(rng.randint(18000, 30000)) * growth) if a_serv else D(0)
    e["30103"] = g(S * D(rng.randint(2000, 4000)))
    if i_serv:
        e["30107"] = g(IS * D(rng.randint(22000, 40000)) * growth)
    base = e["30101"] + e.get("30102", D(0)) + e.get("30107", D(0))
    e["30108"] = g(base * D("0.16"))
    if rng.random() < 0.7:
        e["30109"] = g(base * D("0.08"))
    e["30110"] = odd(g(base * D(rng.randint(70, 90)) / 1000))
    if a_serv:
        e["30111"] = g(base * D("0.03"))
    e["30112"] = odd(g(base * D("0.005")))
    e["30113"] = g(base * D("0.12"))
    e["30199"] = odd(g(S * D(rng.randint(800, 2500))))
    # goods and services
    e["30201"] = g(S * D(rng.randint(800, 2000)))
    for c, lo, hi in [("30202", 150, 500), ("30205", 100, 300), ("30206", 300, 900), ("30207", 200, 600),
                      ("30209", 300, 1500), ("30211", 500, 1500), ("30213", 200, 800), ("30215", 100, 300),
                      ("30216", 150, 400), ("30226", 200, 900), ("30227", 200, 900), ("30239", 100, 600)]:
        if rng.random() < 0.7:
            e[c] = odd(g(S * D(rng.randint(lo, hi))))
    e["30217"] = snap(S * D(rng.randint(30, 120)), D(100))  # reception (三公)
    vehicles = rng.randint(0, 4) if dept.admin_run else rng.randint(0, 2)
    if vehicles:
        e["30231"] = snap(D(vehicles) * D(rng.randint(10000, 16000)), D(100))  # vehicle operation (三公)
    if dept.region == HZ and dept.admin_run and rng.random() < 0.5:
        e["30212"] = snap(D(rng.randint(30000, 120000)), D(100))  # overseas travel (三公)
    e["30228"] = g(base * D("0.02"))
    e["30229"] = g(S * D(rng.randint(800, 1500)))
    e["30299"] = odd(g(S * D(rng.randint(200, 800))))
    # individuals and families
    if cadre:
        e["30301"] = g(D(cadre) * D(rng.randint(40000, 60000)))
    if rng.random() < 0.6:
        e["30302"] = g(D(retired) * D(rng.randint(3000, 9000)))
    e["30307"] = g(D(retired + cadre) * D(rng.randint(800, 2500)))
    if rng.random() < 0.5:
        e["30309"] = g(S * D(rng.randint(100, 400)))
    if rng.random() < 0.4:
        e["31002"] = g(S * D(rng.randint(200, 800)))
    e = {k: v for k, v in sorted(e.items()) if v > 0}

    alloc: dict[tuple, Decimal] = {}

    def add(code, kind, src, amt):
        if amt <= 0:
            return
        codes.fname(code)
        key = (code, kind, src)
        alloc[key] = alloc.get(key, D(0)) + amt

    # distribute the general-budget basic spending over function codes
    share_a = AS / S if S else D(0)
    med = e.get("30110", D(0))
    med_a = snap(med * share_a, CENT) if dept.admin_run else D(0)
    med_i = med - med_a
    fixed = {
        "2080505": e.get("30108", D(0)),
        "2080506": e.get("30109", D(0)),
        "2101101": med_a,
        "2101102": med_i,
        "2101103": e.get("30111", D(0)),
        "2210201": e.get("30113", D(0)),
        (dept.retire_code_admin if dept.admin_run else dept.retire_code_inst): e.get("30301", D(0)) + e.get("30302", D(0)),
    }
    for code, amt in fixed.items():
        add(code, "basic", G, amt)
    rest = sum(e.values(), D(0)) - sum(fixed.values(), D(0))
    if dept.admin_run and dept.inst_run:
        ra = snap(rest * share_a, gran)
        add(dept.admin_run, "basic", G, ra)
        add(dept.inst_run, "basic", G, rest - ra)
    else:
        add(dept.admin_run or dept.inst_run, "basic", G, rest)

    projects: list[Project] = []
    tpls = list(dept.projects)
    rng.shuffle(tpls)
    n = rng.randint(max(2, len(tpls) - 2), len(tpls))
    chosen = sorted(tpls[:n], key=lambda t: (t.code, t.name))
    for t in chosen:
        amt = odd(rand_amt(rng, D(t.lo) * growth, D(t.hi) * growth, gran))
        econ = split_weights(amt, t.econ, gran)
        projects.append(Project(t.name, t.code, G, amt, econ, t.perf))
    if opts.get("vehicle_purchase"):
        code = dept.admin_run[:5] + "02" if dept.admin_run else dept.inst_run
        if code not in codes.function:
            code = dept.admin_run or dept.inst_run
        amt = snap(D(rng.randint(180000, 300000)), D(100))
        projects.append(Project("公务用车更新购置", code, G, amt, {"310": amt}))
    x = dept.extra
    if "business_income" in x:
        code, lo, hi = x["business_income"]
        add(code, "basic", "business_income", rand_amt(rng, lo, hi, gran))
    if "other_income" in x:
        code, lo, hi = x["other_income"]
        add(code, "basic", "other_income", rand_amt(rng, lo, hi, gran))
    if "special_account" in x:
        code, lo, hi = x["special_account"]
        add(code, "basic", "special_account", rand_amt(rng, lo, hi, gran))
    if "carryover" in x and opts.get("carryover"):
        code, name, lo, hi = x["carryover"]
        amt = rand_amt(rng, lo, hi, gran)
        projects.append(Project(name, code, "carryover", amt, {"302": amt}))
    if "fund" in x and opts.get("fund"):
        code, name, lo, hi = x["fund"]
        amt = rand_amt(rng, lo, hi, gran)
        projects.append(Project(name, code, "government_fund_budget", amt, {"302": amt}))
    if "state_capital" in x and opts.get("state_capital"):
        code, name, lo, hi = x["state_capital"]
        amt = rand_amt(rng, lo, hi, gran)
        projects.append(Project(name, code, "state_capital_budget", amt, {"303": amt}))
    for p in projects:
        add(p.code, "project", p.source, p.amount)

    three = {
        "overseas_travel": e.get("30212", D(0)),
        "vehicle_purchase": sum((p.amount for p in projects if p.name == "公务用车更新购置"), D(0)),
        "vehicle_operation": e.get("30231", D(0)),
        "reception": e.get("30217", D(0)),
    }
    three["vehicles"] = three["vehicle_purchase"] + three["vehicle_operation"]
    three["total"] = three["overseas_travel"] + three["vehicles"] + three["reception"]
    three["running_costs"] = sum((v for k, v in e.items() if k[:3] not in PERSONNEL_CLASSES), D(0))
    department = dept.names_by_year.get(year, dept.name)
    return Budget(dept, year, department, alloc, projects, e, three, staffing, cadre, vehicles)


# ----------------------------------------------------------------------------------------------
# document configuration (the variants)

TITLE_SETS = {
    "standard": {
        "revenue_expenditure_summary": "部门（单位）收支总体情况表",
        "revenue_summary": "部门（单位）收入总体情况表",
        "expenditure_summary": "部门（单位）支出总体情况表",
        "fiscal_grant_summary": "财政拨款收支总体情况表",
        "general_budget_expenditure": "一般公共预算支出情况表",
        "general_budget_basic_expenditure": "一般公共预算基本支出情况表",
        "general_budget_project_expenditure": "一般公共预算项目支出情况表",
        "three_public": "一般公共预算“三公”经费支出情况表",
        "government_fund_expenditure": "政府性基金预算支出情况表",
        "state_capital_expenditure": "国有资本经营预算支出情况表",
    },
    "yusuan": {
        "revenue_expenditure_summary": "收支预算总表",
        "revenue_summary": "收入预算总表",
        "expenditure_summary": "支出预算总表",
        "fiscal_grant_summary": "财政拨款收支预算总表",
        "general_budget_expenditure": "一般公共预算支出功能分类预算表",
        "general_budget_basic_expenditure": "一般公共预算基本支出经济分类预算表",
        "general_budget_project_expenditure": "项目支出预算表",
        "three_public": "“三公”经费预算表",
        "government_fund_expenditure": "政府性基金预算支出预算表",
        "state_capital_expenditure": "国有资本经营预算支出预算表",
    },
    "zongbiao": {
        "revenue_expenditure_summary": "部门收支总表",
        "revenue_summary": "部门收入总表",
        "expenditure_summary": "部门支出总表",
        "fiscal_grant_summary": "财政拨款收支总体情况表",
        "general_budget_expenditure": "一般公共预算支出情况表",
        "general_budget_basic_expenditure": "一般公共预算基本支出情况表",
        "general_budget_project_expenditure": "一般公共预算项目支出情况表",
        "three_public": "一般公共预算“三公”经费支出情况表",
        "government_fund_expenditure": "政府性基金预算支出情况表",
        "state_capital_expenditure": "国有资本经营预算支出情况表",
    },
    "caiwu": {
        "revenue_expenditure_summary": "财务收支预算总表",
        "revenue_summary": "收入预算总表",
        "expenditure_summary": "支出预算总表",
        "fiscal_grant_summary": "财政拨款收支预算总表",
        "general_budget_expenditure": "一般公共预算支出功能分类预算表",
        "general_budget_basic_expenditure": "一般公共预算基本支出经济分类预算表",
        "general_budget_project_expenditure": "一般公共预算项目支出预算表",
        "three_public": "“三公”经费预算表",
        "government_fund_expenditure": "政府性基金预算支出表",
        "state_capital_expenditure": "国有资本经营预算支出表",
    },
}

CODE_LAYOUTS = ["split", "joined", "fused_bracket", "split_blank", "fused_space", "fused_nospace"]
UNIT_MODES = ["wan2", "yuan", "wan_mixed", "wan6", "yuan_whole", "wan2_strip"]

SEEDED_PLAN = {
    # doc index -> list of seeded inconsistencies
    1: ["rollup"],
    4: ["narrative_mismatch"],
    7: ["misnamed_code"],
    10: ["row_identity"],
    13: ["cross_table", "narrative_mismatch"],
    16: ["rollup", "misnamed_code"],
    19: ["row_identity_three_public"],
    22: ["cross_table"],
    25: ["narrative_mismatch", "rollup"],
    28: ["misnamed_code"],
    31: ["row_identity"],
    34: ["cross_table"],
    37: ["narrative_mismatch"],
    40: ["rollup", "row_identity"],
    43: ["misnamed_code", "narrative_mismatch"],
    46: ["row_identity_three_public", "cross_table"],
}


# which table a seeded inconsistency goes into, and the subject of seeded narrative contradictions
SEEDED_TABLE = {
    (1, "rollup"): "expenditure_summary",
    (16, "rollup"): "general_budget_basic_expenditure",
    (25, "rollup"): "revenue_summary",
    (40, "rollup"): "general_budget_expenditure",
    (10, "row_identity"): "general_budget_expenditure",
    (31, "row_identity"): "expenditure_summary",
    (40, "row_identity"): "expenditure_summary",
    # cross-table errors go where the narrative does not restate the altered column's total
    (13, "cross_table"): "revenue_summary",
    (22, "cross_table"): "general_budget_expenditure",
    (34, "cross_table"): "revenue_summary",
    (46, "cross_table"): "general_budget_expenditure",
}
SEEDED_SUBJECT = {4: "基本支出", 13: "项目支出", 25: "class", 37: "一般公共预算", 43: "三公经费"}


@dataclass
class Config:
    idx: int
    wording: str
    title_place: str  # two_para / one_para / in_table
    dept_line: str  # same / separate / in_table
    code_layout: str
    unit_mode: str
    zero: str  # blank / zero / dash
    dash: str
    header_rows: int
    three_style: str  # tree / tree_running / flat / tree_label
    three_unit_differs: bool
    quirks: set
    total_first: bool
    res_full: bool
    res_income_style: str  # A / B
    carryover_rows: bool
    nested: list  # table ids printed inside an outer table
    missing: list
    sce: bool
    perf: bool
    alt_order: bool
    landscape: bool
    seeded: list
    narrative_yuan: bool
    name_indent: bool
    variants: list = field(default_factory=list)

    @property
    def unit(self) -> str:
        return "元" if self.unit_mode.startswith("yuan") else "万元"

    def dp_for(self, tid: str) -> int:
        if self.unit_for(tid) == "元":
            return 2
        if self.unit_mode in ("wan6",):
            return 6
        if self.unit_mode == "wan_mixed":
            return 6 if tid == "revenue_expenditure_summary" else 2
        return 2

    def strip_for(self, tid: str) -> bool:
        return self.unit_mode == "wan2_strip" or self.dp_for(tid) == 6

    def unit_for(self, tid: str) -> str:
        if tid == "three_public" and self.three_unit_differs:
            return "万元" if self.unit == "元" else "元"
        return self.unit


def make_config(idx: int, dept: Dept, year: int, rng: random.Random) -> Config:
    wording = ["standard", "yusuan", "zongbiao", "caiwu"][idx % 4]
    title_place = ["two_para", "one_para", "in_table"][(idx // 2) % 3]
    dept_line = ["same", "separate"][idx % 2]
    if title_place == "in_table" and idx % 4 == 0:
        dept_line = "in_table"
    code_layout = CODE_LAYOUTS[(idx * 5 + idx // 6) % 6]
    unit_mode = UNIT_MODES[(idx + idx // 6) % 6]
    zero = ["blank", "zero", "dash"][(idx // 3) % 3]
    dash = "-" if idx % 2 else "—"
    header_rows = 1 if idx % 7 == 3 else (3 if idx % 3 == 0 else 2)
    if code_layout.startswith("split") and header_rows == 1 and idx % 2:
        header_rows = 2
    three_style = ["tree", "tree_running", "flat", "tree_label"][idx % 4]
    three_unit_differs = idx % 8 == 5
    q = set()
    if idx % 2 == 0 or unit_mode == "wan_mixed":
        q.add("fw")
    if unit_mode.startswith("yuan") and idx % 3 != 2 or idx % 11 == 4:
        q.add("thousands")
    if idx % 3 == 1 or idx % 10 == 0:
        q.add("br_para")
    if idx % 4 == 2:
        q.add("br_run")
    if idx % 9 in (2, 6):
        q.add("br_inside")
    if idx % 5 in (1, 3):
        q.add("split_runs")
    if idx % 7 in (2, 5):
        q.add("sdt_cell")
    if idx % 8 in (3, 6):
        q.add("sdt_para")
    if idx % 5 in (0, 2):
        q.add("bookmark")
    if idx % 4 in (1, 2):
        q.add("multi_para")
    nested = []
    if idx in (6, 27, 41):
        nested = [{6: "expenditure_summary", 27: "general_budget_basic_expenditure", 41: "three_public"}[idx]]
    missing = []
    if idx in (9, 21, 33, 45):
        missing = [["general_budget_project_expenditure"], ["fiscal_grant_summary"],
                   ["three_public", "government_fund_expenditure"], ["general_budget_project_expenditure"]][
            [9, 21, 33, 45].index(idx)]
    seeded = list(SEEDED_PLAN.get(idx, []))
    return Config(
        idx=idx, wording=wording, title_place=title_place, dept_line=dept_line, code_layout=code_layout,
        unit_mode=unit_mode, zero=zero, dash=dash, header_rows=header_rows, three_style=three_style,
        three_unit_differs=three_unit_differs, quirks=q, total_first=idx % 6 == 4, res_full=idx % 3 == 2,
        res_income_style="A" if idx % 2 == 0 else "B", carryover_rows=idx % 5 == 2, nested=nested,
        missing=missing, sce=idx % 4 == 1 or dept.key == "hz-czj", perf=idx % 3 == 0, alt_order=idx % 7 == 6,
        landscape=idx % 6 == 1, seeded=seeded, narrative_yuan=unit_mode.startswith("yuan") and idx % 2 == 1,
        name_indent=idx % 4 == 3,
    )


# ----------------------------------------------------------------------------------------------
# printing


INCOME_LABELS = {
    "A": {
        "fiscal_appropriation": "财政拨款（补助）",
        "general_public_budget": "    一般公共预算",
        "government_fund_budget": "    政府性基金预算",
        "state_capital_budget": "    国有资本经营预算",
        "special_account": "财政专户（教育收费）",
        "business_income": "事业收入",
        "business_operating_income": "事业单位经营收入",
        "other_income": "单位其他资金收入",
        "carryover": "上年结转",
    },
    "B": {
        "general_public_budget": "一、一般公共预算拨款",
        "government_fund_budget": "二、政府性基金预算拨款",
        "state_capital_budget": "三、国有资本经营预算拨款",
        "special_account": "四、财政专户管理资金",
        "business_income": "五、事业收入",
        "business_operating_income": "六、事业单位经营收入",
        "other_income": "七、其他收入",
        "carryover": "八、上年结转",
    },
}

REV_COLUMNS = [
    ("total", "总计"),
    ("general_public_budget", "一般公共预算拨款"),
    ("government_fund_budget", "政府性基金预算拨款"),
    ("state_capital_budget", "国有资本经营预算"),
    ("special_account", "财政专户管理资金"),
    ("business_income", "事业收入"),
    ("business_operating_income", "事业单位经营收入"),
    ("other_income", "其他收入"),
    ("carryover", "上年结转"),
]


class Printer:
    """Prints one synthetic document from a Budget and a Config, recording the truth as it goes."""

    def __init__(self, b: Budget, cfg: Config, codes: Codes, rng: random.Random, prior: dict | None):
        self.b, self.cfg, self.codes, self.rng = b, cfg, codes, rng
        self.prior = prior
        self.w = DocWriter(landscape=cfg.landscape)
        self.items: list[dict] = []
        self.tables_printed: list[str] = []
        self.failing: list[dict] = []
        self.table_no = 0
        self.forced = set()  # quirks already shown at least once
        self.misnamed: dict[str, str] = {}  # code -> printed (wrong) name
        self.overrides: dict[tuple, Decimal] = {}  # (table, code, measure, project) -> printed yuan value
        self.n_bookmarks = 0
        self.narrative_facts: list[dict] = []  # the figures behind the consistency checks (check_corpus)
        self.facts: list[dict] = []  # every amount the narrative states (the truth's `facts`)
        self.targets: list[dict] = []  # every indicator of the performance-target tables
        self.section = ""  # the narrative's current top-level heading
        self.variants: set = set()
        self.name_mismatch: set = set()
        self.narr_wrong: str | None = None  # subject of a seeded narrative contradiction
        self.quiet_details = False  # leave out per-项 narrative (documents with seeded table errors)
        self.quiet_three = False

    # ---- small helpers
    def on_split(self):
        self.variants.add("multi_paragraph_cells")

    def fname(self, code: str) -> str:
        return self.misnamed.get(code, self.codes.fname(code))

    def printed(self, tid: str, yuan: Decimal) -> Decimal:
        return printed_value(yuan, self.cfg.unit_for(tid), self.cfg.dp_for(tid))

    def amount_text(self, tid: str, yuan: Decimal) -> str:
        cfg = self.cfg
        v = self.printed(tid, yuan)
        if v == 0:
            if cfg.zero == "blank":
                return ""
            if cfg.zero == "dash":
                return cfg.dash
        return fmt_number(v, cfg.dp_for(tid), cfg.strip_for(tid), "thousands" in cfg.quirks)

    def pick_quirk(self, text: str) -> str | None:
        """Choose a cell quirk among those enabled; each enabled quirk is shown at least once."""
        if not text or not any(ch.isdigit() for ch in text):
            return None
        opts = []
        for k, p in (("br_para", 0.08), ("br_run", 0.08), ("br_inside", 0.05), ("split_runs", 0.12),
                     ("sdt_cell", 0.04), ("bookmark", 0.04)):
            if k not in self.cfg.quirks:
                continue
            if k in ("br_inside", "split_runs") and len(text.replace(",", "")) < 3:
                continue
            if k not in self.forced or self.rng.random() < p:
                opts.append(k)
        if not opts:
            return None
        fresh = [o for o in opts if o not in self.forced]
        choice = fresh[0] if fresh else self.rng.choice(opts)
        self.forced.add(choice)
        return choice

    def amount_cell(self, tid: str, yuan: Decimal | None, scheme: str, code: str, measure: str,
                    project: str = "") -> Cell:
        """A printed amount cell; records a truth item when the cell is not blank."""
        key = (tid, code, measure, project)
        if key in self.overrides:
            yuan = self.overrides[key]
        if yuan is None:
            return Cell([Para(align="right")])
        text = self.amount_text(tid, yuan)
        item = None
        if text:
            v = self.printed(tid, yuan)
            amt = q2(v * unit_factor(self.cfg.unit_for(tid)))
            item = {"table": tid, "scheme": scheme, "code": code, "project": project, "measure": measure,
                    "amount_yuan": yuan_str(amt)}
            if scheme == "function" and code in self.misnamed:
                self.name_mismatch.add((tid, code))
        fw = FW if ("fw" in self.cfg.quirks and text and self.rng.random() < 0.75) else ""
        quirk = self.pick_quirk(text) if text else None
        cell = Cell([Para([Run(text + fw)] if text or fw else [], align="right")], item=item)
        if quirk == "br_para":
            cell.paras = [Para(align="right"), Para([Run(text + fw)], align="right")]
            self.variants.add("amount_break_before")
        elif quirk == "br_run":
            cell.paras = [Para([Run("\n" + text + fw)], align="right")]
            self.variants.add("amount_break_before")
        elif quirk == "br_inside":
            k = max(1, len(text) // 2)
            cell.paras = [Para([Run(text[:k]), Run("\n" + text[k:] + fw)], align="right")]
            self.variants.add("amount_break_inside")
        elif quirk == "split_runs":
            k1 = max(1, len(text) // 3)
            k2 = max(k1 + 1, 2 * len(text) // 3)
            runs = [Run(text[:k1], bold=True), Run(text[k1:k2], size=20), Run(text[k2:] + fw, font="Times New Roman")]
            cell.paras = [Para([r for r in runs if r.text], align="right")]
            self.variants.add("amount_split_runs")
        elif quirk == "sdt_cell":
            cell.sdt = True
            self.variants.add("content_control_cell")
        elif quirk == "bookmark":
            self.n_bookmarks += 1
            cell.paras[-1].bookmark = f"amount_{self.n_bookmarks}"
            self.variants.add("bookmarks")
        if fw and text:
            self.variants.add("amount_trailing_fullwidth_space")
        if text and "," in text:
            self.variants.add("amount_thousands_separator")
        if text in ("-", "—"):
            self.variants.add("zero_dash")
        elif text and self.printed(tid, yuan) == 0:
            self.variants.add("zero_printed")
        return cell

    def text_cell(self, text: str, align: str = "left", bold: bool = False, span: int = 1) -> Cell:
        return Cell([Para([Run(text, bold=bold)] if text else [], align=align)], span=span)

    # ---- code columns
    def code_headers(self, scheme: str) -> tuple[list[list[str | None]], int]:
        """Header paths of the code/name columns (for a 2-row header) and their count."""
        lay = self.cfg.code_layout
        kind = "功能分类科目" if scheme == "function" else "经济分类科目"
        if lay.startswith("split"):
            parts = ["类", "款", "项"] if scheme == "function" else ["类", "款"]
            cols = [[kind + "编码", p] for p in parts] + [[kind + "名称", None]]
        elif lay == "joined":
            cols = [[kind + "编码", None], [kind + "名称", None]]
        else:
            cols = [[kind if lay != "fused_space" else "科目编码及名称", None]]
        return cols, len(cols)

    def code_cells(self, scheme: str, code: str, prev: str | None) -> list[Cell]:
        lay = self.cfg.code_layout
        name = self.fname(code) if scheme == "function" else self.codes.ename(code)
        depth = {3: 0, 5: 1, 7: 2}[len(code)]
        indent = ("  " * depth) if self.cfg.name_indent else ""
        if lay.startswith("split"):
            parts = [code[:3], code[3:5], code[5:7]] if scheme == "function" else [code[:3], code[3:5]]
            if lay == "split_blank" and prev is not None:
                # child rows leave the parts inherited from the row above blank
                for i in range(len(parts) - 1):
                    seg_end = 3 + 2 * i
                    if len(code) > seg_end and prev[:seg_end] == code[:seg_end]:
                        parts[i] = ""
            return [self.text_cell(p, "center") for p in parts] + [self.text_cell(indent + name)]
        if lay == "joined":
            return [self.text_cell(code, "left"), self.text_cell(indent + name)]
        if lay == "fused_bracket":
            return [self.text_cell(f"{indent}[{code}]{name}")]
        if lay == "fused_space":
            return [self.text_cell(f"{indent}{code} {name}")]
        return [self.text_cell(f"{indent}{code}{name}")]

    def total_label_cells(self, ncode: int, label: str) -> list[Cell]:
        if ncode == 1:
            return [self.text_cell(label, "center")]
        if self.cfg.idx % 2:
            return [self.text_cell(label, "center", span=ncode)]
        return [self.text_cell("") for _ in range(ncode - 1)] + [self.text_cell(label, "center")]

    # ---- headings before a table
    def heading(self, tid: str) -> TableSpec | None:
        """Print the title/department/unit paragraphs; returns rows to put at the top of the table."""
        cfg = self.cfg
        self.table_no += 1
        no = f"表{self.table_no}" if cfg.idx % 5 != 3 else f"附表{self.table_no}"
        title = TITLE_SETS[cfg.wording][tid]
        unit = self.cfg.unit_for(tid)
        label = "编制部门（单位）：" if cfg.idx % 3 != 1 else ("编制单位：" if self.b.dept.scope == "unit" else "编制部门：")
        unit_label = "单位：" if cfg.idx % 4 != 3 else "金额单位："
        dept_line = f"{label}{self.b.department}"
        top = []
        if cfg.title_place == "two_para":
            self.w.para(P(no, bold=True))
            self.w.para(P(title, bold=True, align="center", size=28))
        elif cfg.title_place == "one_para":
            self.w.para(P(f"{no} {title}" if cfg.idx % 2 else f"{no}：{title}", bold=True, align="center", size=28))
        else:
            self.w.para(P(no, bold=True))
            top.append(("title", title))
        if cfg.dept_line == "in_table" and cfg.title_place == "in_table":
            top.append(("dept", f"{dept_line}{' ' * 9}{unit_label}{unit}"))
        elif cfg.dept_line == "same":
            p = P(f"{dept_line}{' ' * 8}{unit_label}{unit}")
            if "sdt_para" in cfg.quirks and self.table_no in (2, 5):
                p.sdt = True
                self.variants.add("content_control_paragraph")
            self.w.para(p)
        else:
            p = P(dept_line)
            if "sdt_para" in cfg.quirks and self.table_no in (2, 5):
                p.sdt = True
                self.variants.add("content_control_paragraph")
            self.w.para(p)
            self.w.para(P(f"{unit_label}{unit}", align="right"))
        return top

    def emit(self, tid: str, ncols: int, header: list[list[Cell]], body: list[list[Cell]], top, widths=None):
        rows = []
        for kind, text in top:
            rows.append([Cell([Para([Run(text, bold=kind == "title", size=28 if kind == "title" else None)],
                                    align="center" if kind == "title" else "left")], span=ncols)])
        rows += header
        rows += body
        t = TableSpec(tid, ncols, rows, unit=self.cfg.unit_for(tid), dp=self.cfg.dp_for(tid),
                      header_rows=len(rows) - len(body), widths=widths)
        self.w.table(t, nested_in_outer=tid in self.cfg.nested)
        if tid in self.cfg.nested:
            self.variants.add("nested_table")
        if tid not in self.tables_printed:
            self.tables_printed.append(tid)
        for row in body:
            for c in row:
                if c.item:
                    self.items.append(c.item)

    def header_for(self, code_paths, amount_paths, group: str | None) -> list[list[Cell]]:
        """Combine code-column paths (2 levels) and amount labels into 1, 2 or 3 header rows."""
        hr = self.cfg.header_rows
        multi = "multi_para" in self.cfg.quirks
        if hr == 1:
            paths = [[p[1] if p[1] else p[0]] for p in code_paths] + [[a] for a in amount_paths]
            self.variants.add("header_single_row")
        elif hr == 2 or group is None:
            paths = [list(p) for p in code_paths] + [[a, None] for a in amount_paths]
            self.variants.add("header_merged_two_rows")
        else:
            paths = [["项    目"] + list(p) for p in code_paths] + [[group, a, None] for a in amount_paths]
            self.variants.add("header_merged_two_rows")
        return build_header(paths, multi, self.on_split)

    # ---- the tables
    def eff(self, tid: str, code: str, m: str, vals: dict, project: str = "") -> Decimal:
        """The value printed for (table, code, measure): the budget's, unless a seeded override applies."""
        ov = self.overrides.get((tid, code, m, project))
        return ov if ov is not None else vals.get(m, D(0))

    def coded_table(self, tid: str, rows: dict, measures: list[tuple[str, str]], scheme: str, group: str | None):
        top = self.heading(tid)
        code_paths, ncode = self.code_headers(scheme)
        header = self.header_for(code_paths, [m[1] for m in measures], group)
        body = []
        prev = None
        total_row = self.total_label_cells(ncode, "合  计" if self.cfg.idx % 2 else "合计")
        for m, _ in measures:
            tot = sum((self.eff(tid, c, m, v) for c, v in rows.items() if len(c) == 3), D(0))
            total_row.append(self.total_cell(tid, tot))
        for code, vals in rows.items():
            cells = self.code_cells(scheme, code, prev)
            for m, _ in measures:
                cells.append(self.amount_cell(tid, vals.get(m, D(0)), scheme, code, m))
            body.append(cells)
            prev = code
        if self.cfg.total_first:
            body = [total_row] + body
            self.variants.add("total_row_first")
        else:
            body = body + [total_row]
        self.emit(tid, ncode + len(measures), header, body, top)

    def total_cell(self, tid: str, yuan: Decimal) -> Cell:
        text = self.amount_text(tid, yuan)
        return Cell([Para([Run(text)] if text else [], align="right")])

    def t_res(self):
        tid = "revenue_expenditure_summary"
        b, cfg = self.b, self.cfg
        top = self.heading(tid)
        st = b.source_totals()
        labels = INCOME_LABELS[cfg.res_income_style]
        income = []
        if cfg.res_income_style == "A":
            fa = st[G] + st["government_fund_budget"] + st["state_capital_budget"]
            income.append(("fiscal_appropriation", fa))
        for s in SOURCES:
            if s == "carryover" and cfg.carryover_rows:
                continue
            if s in ("state_capital_budget", "business_operating_income") and st[s] == 0 and cfg.idx % 2:
                continue
            income.append((s, st[s]))
        cls_rows = {c: v for c, v in b.fn_rows().items() if len(c) == 3}
        classes = self.codes.classes(b.year) if cfg.res_full else list(cls_rows)
        if cfg.res_full:
            self.variants.add("res_full_class_list")
        n = max(len(income), len(classes))
        body = []
        cls_style = cfg.code_layout
        for i in range(n):
            row = []
            if i < len(income):
                s, amt = income[i]
                lab = labels[s]
                if cfg.res_income_style == "B":
                    lab = "一二三四五六七八九"[i] + lab[1:]
                row.append(self.text_cell(lab))
                row.append(self.amount_cell(tid, amt, "income", s, "total"))
            else:
                row += [self.text_cell(""), self.text_cell("")]
            if i < len(classes):
                c = classes[i]
                nm = self.codes.fname(c)
                lab = {"fused_bracket": f"[{c}]{nm}", "fused_nospace": f"{c}{nm}"}.get(cls_style, f"{c} {nm}")
                row.append(self.text_cell(lab))
                amt = cls_rows.get(c, {}).get("total", D(0))
                if c not in cls_rows and cfg.zero != "blank" and cfg.res_full and cfg.idx % 2 == 0:
                    row.append(self.text_cell(""))  # unused classes left blank
                else:
                    row.append(self.amount_cell(tid, amt, "function", c, "total"))
            else:
                row += [self.text_cell(""), self.text_cell("")]
            body.append(row)
        total = b.total()
        if cfg.carryover_rows:
            self.variants.add("res_carryover_rows")
            cur = total - st["carryover"]
            body.append([self.text_cell("本年收入合计", "center"), self.total_cell(tid, cur),
                         self.text_cell("本年支出合计", "center"), self.total_cell(tid, total)])
            body.append([self.text_cell("上年结转结余"), self.amount_cell(tid, st["carryover"], "income", "carryover", "total"),
                         self.text_cell("年终结转结余"), self.text_cell("")])
        body.append([self.text_cell("收  入  总  计", "center"), self.total_cell(tid, total),
                     self.text_cell("支  出  总  计", "center"), self.total_cell(tid, total)])
        if cfg.header_rows >= 2:
            paths = [["收     入", "项     目"], ["收     入", "预算数"], ["支     出", "功能分类" if cfg.idx % 2 else "项     目"],
                     ["支     出", "预算数"]]
        else:
            paths = [["收入项目"], ["预算数"], ["支出项目"], ["预算数"]]
        self.emit(tid, 4, build_header(paths), body, top, widths=[2700, 1800, 3300, 1800])

    def t_revenue(self):
        tid = "revenue_summary"
        b = self.b
        rows = b.fn_rows()
        present = [s for s in SOURCES if any(r.get(s) for r in rows.values())]
        cols = [(m, l) for m, l in REV_COLUMNS if m == "total" or m in present or self.cfg.idx % 2 == 0]
        if self.cfg.idx % 2 == 0:
            cols = [(m, l) for m, l in cols if m != "carryover" or "carryover" in present or self.cfg.idx % 4 == 0]
        self.coded_table(tid, rows, cols, "function", "本年收入" if self.cfg.idx % 2 else "收入预算")

    def t_expenditure(self, tid: str, sources):
        rows = self.b.fn_rows(sources=sources)
        cols = [("total", "合  计" if self.cfg.idx % 2 else "合计"), ("basic", "基本支出"), ("project", "项目支出")]
        group = {"expenditure_summary": "支出预算", "general_budget_expenditure": "一般公共预算支出",
                 "government_fund_expenditure": "政府性基金预算支出",
                 "state_capital_expenditure": "国有资本经营预算支出"}[tid]
        if not rows:
            self.empty_table(tid, cols, group)
            return
        if tid == "government_fund_expenditure":
            self.variants.add("government_fund_nonempty")
        if tid == "state_capital_expenditure":
            self.variants.add("state_capital_nonempty")
        self.coded_table(tid, rows, cols, "function", group)

    def empty_table(self, tid: str, cols, group):
        top = self.heading(tid)
        code_paths, ncode = self.code_headers("function")
        header = self.header_for(code_paths, [c[1] for c in cols], group)
        body = []
        if self.cfg.idx % 2:
            body.append(self.total_label_cells(ncode, "合计") + [self.text_cell("") for _ in cols])
        if self.cfg.idx % 3 == 0:
            body.append([self.text_cell("") for _ in range(ncode + len(cols))])
        self.emit(tid, ncode + len(cols), header, body, top)
        kind = "政府性基金预算" if tid == "government_fund_expenditure" else "国有资本经营预算"
        msg = [f"备注：本部门{self.b.year}年无{kind}拨款安排的支出，此表为空表。",
               f"备注：我单位无{kind}，此表为空表。",
               f"备注：{self.b.department}{self.b.year}年没有使用{kind}拨款安排的支出，故此表为空表。"][self.cfg.idx % 3]
        self.w.para(P(msg))
        self.variants.add("empty_table_remark")

    def t_fiscal(self):
        tid = "fiscal_grant_summary"
        b, cfg = self.b, self.cfg
        top = self.heading(tid)
        st = b.source_totals()
        fa = st[G] + st["government_fund_budget"] + st["state_capital_budget"]
        left = [("fiscal_appropriation", "财政拨款（补助）" if cfg.idx % 2 else "一、本年收入", fa),
                (G, "  一般公共预算" if cfg.idx % 2 else "（一）一般公共预算拨款", st[G]),
                ("government_fund_budget", "  政府性基金预算" if cfg.idx % 2 else "（二）政府性基金预算拨款",
                 st["government_fund_budget"]),
                ("state_capital_budget", "  国有资本经营预算" if cfg.idx % 2 else "（三）国有资本经营预算拨款",
                 st["state_capital_budget"])]
        rows = {c: v for c, v in b.fn_rows(sources=FISCAL_SOURCES).items() if len(c) == 3}
        classes = self.codes.classes(b.year) if cfg.res_full else list(rows)
        n = max(len(left), len(classes))
        body = []
        for i in range(n):
            row = []
            if i < len(left):
                code, lab, amt = left[i]
                if code == "fiscal_appropriation" and cfg.idx % 2 == 0:
                    row += [self.text_cell(lab), self.total_cell(tid, amt)]  # 一、本年收入 is a subtotal row
                else:
                    row += [self.text_cell(lab), self.amount_cell(tid, amt, "income", code, "total")]
            else:
                row += [self.text_cell(""), self.text_cell("")]
            if i < len(classes):
                c = classes[i]
                nm = self.codes.fname(c)
                lab = {"fused_bracket": f"[{c}]{nm}", "fused_nospace": f"{c}{nm}"}.get(cfg.code_layout, f"{c} {nm}")
                row.append(self.text_cell(lab))
                vals = rows.get(c, {})
                for m in ("total",) + tuple(FISCAL_SOURCES):
                    row.append(self.amount_cell(tid, vals.get(m, D(0)), "function", c, m))
            else:
                row += [self.text_cell("") for _ in range(5)]
            body.append(row)
        body.append([self.text_cell("收  入  总  计", "center"), self.total_cell(tid, fa),
                     self.text_cell("支  出  总  计", "center"), self.total_cell(tid, fa),
                     self.total_cell(tid, st[G]), self.total_cell(tid, st["government_fund_budget"]),
                     self.total_cell(tid, st["state_capital_budget"])])
        if cfg.header_rows >= 2:
            paths = [["财政拨款收入", "项    目"], ["财政拨款收入", "预算数"], ["财政拨款支出", "功  能  分  类"],
                     ["财政拨款支出", "合  计"], ["财政拨款支出", "一般公共预算"], ["财政拨款支出", "政府性基金预算"],
                     ["财政拨款支出", "国有资本经营预算"]]
        else:
            paths = [["收入项目"], ["预算数"], ["支出功能分类科目"], ["合计"], ["一般公共预算"], ["政府性基金预算"],
                     ["国有资本经营预算"]]
        self.emit(tid, 7, build_header(paths), body, top, widths=[2100, 1300, 2600, 900, 900, 900, 900])

    def t_basic(self):
        tid = "general_budget_basic_expenditure"
        rows = self.b.econ_rows()
        cols = [("total", "合  计" if self.cfg.idx % 2 else "合计"), ("personnel", "人员经费"), ("public_use", "公用经费")]
        self.coded_table(tid, rows, cols, "economic", "一般公共预算基本支出")

    def t_projects(self):
        tid = "general_budget_project_expenditure"
        b, cfg = self.b, self.cfg
        top = self.heading(tid)
        projs = b.gpb_projects()
        lay = cfg.code_layout
        econ_mode = ["full", "used", "none"][cfg.idx % 3]
        used = sorted({c for p in projs for c in p.econ})
        ecols = ECON_CLASS_COLUMNS if econ_mode == "full" else (used if econ_mode == "used" else [])
        with_parents = cfg.idx % 2 == 0
        # code columns
        if lay.startswith("split"):
            code_paths = [["科目编码", "类"], ["科目编码", "款"], ["科目编码", "项"], ["科目名称", None]]
        elif lay == "joined":
            code_paths = [["科目编码", None], ["科目名称", None]]
        else:
            code_paths = [["功能分类科目", None]]
        ncode = len(code_paths)
        amount_paths = [["项目名称", None], ["项目支出合计" if ecols else "金额", None]]
        for c in ecols:
            amount_paths.append(["经济分类", self.codes.ename(c)] if cfg.header_rows >= 2 else [self.codes.ename(c), None])
        if cfg.header_rows == 1:
            paths = [[p[1] if p[1] else p[0]] for p in code_paths] + [[p[0] if p[1] is None else p[1]] for p in amount_paths]
        else:
            paths = [list(p) for p in code_paths] + [list(p) for p in amount_paths]
        header = build_header(paths, "multi_para" in cfg.quirks, self.on_split)
        body = []
        prev = None
        if with_parents:
            agg: dict[str, dict] = {}
            for p in projs:
                for plen in (3, 5):
                    r = agg.setdefault(p.code[:plen], {"total": D(0)})
                    r["total"] += p.amount
                    for c, a in p.econ.items():
                        r[c] = r.get(c, D(0)) + a
        entries = []
        for p in projs:
            entries.append((p.code, p))
        if with_parents:
            for c in agg:
                entries.append((c, None))
        entries.sort(key=lambda e: (e[0], e[1] is not None))
        for code, p in entries:
            cells = self.code_cells("function", code, prev)
            if p is None:
                vals = agg[code]
                cells.append(self.text_cell("项目支出" if cfg.idx % 4 == 0 else ""))
                cells.append(self.amount_cell(tid, vals["total"], "function", code, "total"))
                for c in ecols:
                    cells.append(self.amount_cell(tid, vals.get(c, D(0)), "function", code, f"economic_{c}"))
            else:
                cells.append(self.text_cell(p.name))
                cells.append(self.amount_cell(tid, p.amount, "function", code, "total", p.name))
                for c in ecols:
                    cells.append(self.amount_cell(tid, p.econ.get(c, D(0)), "function", code, f"economic_{c}", p.name))
            body.append(cells)
            prev = code
        tot_row = self.total_label_cells(ncode, "合计") + [self.text_cell("")]
        tot_row.append(self.total_cell(tid, sum((p.amount for p in projs), D(0))))
        for c in ecols:
            tot_row.append(self.total_cell(tid, sum((p.econ.get(c, D(0)) for p in projs), D(0))))
        body = ([tot_row] + body) if cfg.total_first else (body + [tot_row])
        self.emit(tid, len(paths), header, body, top)

    def t_three(self):
        tid = "three_public"
        b, cfg = self.b, self.cfg
        top = self.heading(tid)
        st = cfg.three_style
        th = dict(b.three)
        if ("three_public", "", "total", "") in self.overrides:
            th["total"] = self.overrides[("three_public", "", "total", "")]
        veh = "小计" if cfg.idx % 2 else "合  计"
        if st == "flat":
            cols = [("total", ["合计"]), ("overseas_travel", ["因公出国（境）费"]), ("vehicle_purchase", ["公务用车购置费"]),
                    ("vehicle_operation", ["公务用车运行费"]), ("reception", ["公务接待费"])]
            self.variants.add("three_public_flat")
        else:
            cols = [("total", ["合  计", None]), ("overseas_travel", ["因公出国（境）费", None]),
                    ("vehicles", ["公务用车购置及运行费", veh]), ("vehicle_purchase", ["公务用车购置及运行费", "公务用车购置费"]),
                    ("vehicle_operation", ["公务用车购置及运行费", "公务用车运行费"]), ("reception", ["公务接待费", None])]
            self.variants.add("three_public_tree")
            if st == "tree_running":
                cols.append(("running_costs", ["机关运行经费", None]))
                self.variants.add("three_public_running_costs")
        paths = [p for _, p in cols]
        row = []
        if st == "tree_label":
            paths = [["项目", None]] + paths
            row.append(self.text_cell(f"{b.year}年预算数", "center"))
            self.variants.add("three_public_row_label")
        saved_zero = cfg.zero
        if cfg.zero == "blank":
            cfg.zero = "zero"  # the 三公 row always prints its zeros
        for m, _ in cols:
            row.append(self.amount_cell(tid, th[m], "none", "", m))
        cfg.zero = saved_zero
        body = [row]
        if cfg.idx % 3 == 0:
            body.append([Cell([Para([Run(FW)] if cfg.idx % 2 == 0 else [])]) for _ in paths])
        self.emit(tid, len(paths), build_header(paths), body, top)

    def t_perf(self, projs):
        b = self.b
        ncols = 7
        for i, p in enumerate(projs):
            self.w.para(P(f"项目{'一二三四五六七八九十'[i]}"))
            rows = [
                [self.text_cell("项  目  支  出  绩  效  目  标  表", "center", True, 7)],
                [self.text_cell(f"({b.year}年)", "center", span=7)],
                [self.text_cell("预算单位"), Cell([P(b.department)], span=3), self.text_cell("项目名称"),
                 Cell([P(p.name)], span=2)],
                [self.text_cell("项目资金（万元）"), self.text_cell("年度资金总额："), self.text_cell(wan2(p.amount)),
                 self.text_cell("其中：财政拨款"), self.text_cell(wan2(p.amount)), self.text_cell("其他资金"),
                 self.text_cell("0")],
                [self.text_cell("项目总体目标"),
                 Cell([P(f"目标1：按期完成{p.name}各项工作任务；目标2：资金使用合规率100%；目标3：服务对象满意度不低于90%。")],
                      span=6)],
                [self.text_cell("一级指标"), self.text_cell("二级指标"), Cell([P("三级指标")], span=3),
                 Cell([P("指标值（包含数字及文字描述）")], span=2)],
            ]
            # 指标值: (comparator as printed, number, unit) or a text
            inds = [
                ("产出指标", "数量指标", "完成工作任务数", (">=", str(self.rng.randint(2, 12)), "项")),
                (None, "质量指标", "验收合格率", (">=", "98", "%")),
                (None, "时效指标", "任务完成时限", f"{b.year}年12月31日"),
                (None, "成本指标", "项目总成本", ("<=", wan2(p.amount), "万元")),
                ("效益指标", "社会效益指标", "服务保障能力", "有效提升"),
                (None, "可持续影响指标", "长效机制建设", "长期"),
                ("满意度指标", "服务对象满意度指标", "服务对象满意度", ("≥", "90", "%")),
            ]
            level1 = ""
            for j, (l1, l2, l3, v) in enumerate(inds):
                nxt = inds[j + 1][0] if j + 1 < len(inds) else "x"
                c1 = Cell([P(l1)], vm="restart" if nxt is None else None) if l1 else Cell([Para()], vm="cont")
                text = "".join(v) if isinstance(v, tuple) else v
                rows.append([c1, self.text_cell(l2), Cell([P(l3)], span=3), Cell([P(text)], span=2)])
                level1 = l1 or level1
                op, value, unit = (TARGET_OPS[v[0]], v[1], v[2]) if isinstance(v, tuple) else ("", v, "")
                self.targets.append({"project": p.name, "level1": level1, "level2": l2, "indicator": l3,
                                     "operator": op, "value": value, "unit": unit, "text": text})
            self.w.table(TableSpec(None, ncols, rows, widths=[1500, 1500, 1200, 1200, 1200, 1200, 1200]))
            self.w.para(P(""))
        if "performance_targets" not in self.tables_printed:
            self.tables_printed.append("performance_targets")
        self.variants.add("performance_targets")

    # ---- seeded inconsistencies
    def rows_for(self, tid: str) -> dict:
        b = self.b
        if tid == "general_budget_basic_expenditure":
            return b.econ_rows()
        src = {"general_budget_expenditure": [G]}.get(tid)
        return b.fn_rows(sources=src)

    def seed_issues(self, tables: list[str]):
        cfg, b, rng = self.cfg, self.b, self.rng
        unit_min = D(20000) if cfg.unit == "万元" else D(100)
        for kind in cfg.seeded:
            if kind == "rollup":
                cands = [t for t in ("expenditure_summary", "general_budget_basic_expenditure", "revenue_summary",
                                     "general_budget_expenditure") if t in tables]
                tid = SEEDED_TABLE.get((cfg.idx, kind), cands[0])
                rows = self.rows_for(tid)
                leaf_len = 5 if tid == "general_budget_basic_expenditure" else 7
                leaves = [c for c in rows if len(c) == leaf_len and (tid, c) not in self.touched]
                leaf = leaves[(cfg.idx * 7) % len(leaves)]
                parent = leaf[:-2]
                vals = rows[leaf]
                delta = max(snap(rows[parent]["total"] * D(rng.randint(3, 8)) / 100, D(100)), unit_min)
                comps = {"revenue_summary": SOURCES, "general_budget_basic_expenditure": ["personnel", "public_use"]}
                comp = [m for m in comps.get(tid, ["basic", "project"]) if vals.get(m)][0]
                for m in ("total", comp):
                    self.overrides[(tid, leaf, m, "")] = vals[m] + delta
                self.touched.add((tid, leaf))
                self.fail("rollup", tid, parent)
                self.quiet_details = True
            elif kind == "row_identity":
                cands = [t for t in ("expenditure_summary", "general_budget_expenditure") if t in tables]
                tid = SEEDED_TABLE.get((cfg.idx, kind), cands[0])
                rows = self.rows_for(tid)
                leaves = [c for c in rows if len(c) == 7 and rows[c].get("basic") and not rows[c].get("project")
                          and (tid, c) not in self.touched]
                leaf = max(leaves, key=lambda c: (rows[c]["basic"], c))
                # a misprint: the basic amount repeated in the project column
                self.overrides[(tid, leaf, "project", "")] = rows[leaf]["basic"]
                self.touched.add((tid, leaf))
                self.fail("row_identity", tid, leaf)
                self.fail("rollup", tid, leaf[:5])
                self.quiet_details = True
            elif kind == "row_identity_three_public":
                unit3 = cfg.unit_for("three_public")
                delta = max(snap(b.three["total"] * D("0.2"), D(100)), D(20000) if unit3 == "万元" else D(100))
                self.overrides[("three_public", "", "total", "")] = b.three["total"] + delta
                self.fail("row_identity", "three_public", "")
                self.quiet_three = True
            elif kind == "cross_table":
                cands = [t for t in ("revenue_summary", "general_budget_expenditure") if t in tables]
                tid = SEEDED_TABLE.get((cfg.idx, kind), cands[0])
                rows = self.rows_for(tid)
                comp = "basic" if tid != "revenue_summary" else G
                leaves = [c for c in rows if len(c) == 7 and rows[c].get(comp) and (tid, c) not in self.touched]
                leaf = leaves[(cfg.idx * 3) % len(leaves)]
                total = sum((v["total"] for c, v in rows.items() if len(c) == 3), D(0))
                delta = max(snap(total * D(rng.randint(2, 5)) / 100, D(100)), unit_min)
                for c in (leaf, leaf[:5], leaf[:3]):
                    for m in ("total", comp):
                        self.overrides[(tid, c, m, "")] = rows[c][m] + delta
                    self.touched.add((tid, c))
                self.fail("cross_table", tid, "total")
                self.quiet_details = True
            elif kind == "narrative_mismatch":
                subj = SEEDED_SUBJECT.get(cfg.idx, "项目支出")
                if subj == "class":
                    cls = max((c for c in b.fn_rows() if len(c) == 3), key=lambda c: b.fn_rows()[c]["total"])
                    subj = self.codes.fname(cls)
                if subj == "三公经费" and self.quiet_three:
                    subj = "项目支出"
                self.narr_wrong = subj
                self.fail("narrative_mismatch", "", subj)
            elif kind == "misnamed_code":
                used = {c for (c, _k, _s) in b.alloc}
                proj_codes = {p.code for p in b.projects}
                cands = []
                for c in sorted(used):
                    if len(c) != 7 or c in proj_codes:
                        continue
                    sib = [s for s in self.codes.siblings(c) if s not in used and not s.endswith("99")
                           and self.codes.fname(s) != self.codes.fname(c)]
                    if sib:
                        cands.append((c, sib[0]))
                code, sib = cands[cfg.idx % len(cands)]
                self.misnamed[code] = self.codes.fname(sib)
            self.variants.add("seeded_" + kind if kind != "misnamed_code" else "misnamed_code")

    def fail(self, check: str, table: str, code: str):
        self.failing.append({"check": check, "table": table, "code": code})

    # ---- narrative
    def money(self, yuan: Decimal) -> str:
        if self.cfg.narrative_yuan:
            return f"{fmt_number(q2(yuan), 2)}元"
        return f"{wan2(yuan)}万元"

    def money_yuan(self, yuan: Decimal) -> Decimal:
        """The amount `money` prints, converted back to yuan."""
        if self.cfg.narrative_yuan:
            return q2(yuan)
        return q2(printed_value(yuan, "万元", 2) * WAN)

    def state(self, subject: str, yuan: Decimal) -> str:
        """An amount the narrative states, printed right after `subject`; recorded as a fact (`facts`)."""
        self.facts.append({"section": self.section, "subject": subject, "amount_yuan": yuan_str(self.money_yuan(yuan)),
                           "share_pct": None, "change_yuan": None, "change_pct": None})
        return self.money(yuan)

    def share(self, value: Decimal) -> str:
        """`占x%` right after the amount just stated."""
        self.facts[-1]["share_pct"] = str(value)
        return f"占{value}%"

    def change(self, cur: Decimal, prev: Decimal, fact: dict | None = None) -> str:
        """The year-on-year change of `fact` (default: the amount just stated)."""
        d = cur - prev
        if d == 0:
            return "与上年预算持平"
        word, word2 = ("增加", "增长") if d > 0 else ("减少", "下降")
        f = fact if fact is not None else self.facts[-1]
        f["change_yuan"] = yuan_str(signed(self.money_yuan(abs(d)), d < 0))
        f["change_pct"] = str(signed(pct(abs(d), prev), d < 0))
        return f"比上年预算{word}{self.money(abs(d))}，{word2}{pct(abs(d), prev)}%"

    def fact(self, subject: str, kind: str, stated, expected):
        self.narrative_facts.append({"subject": subject, "kind": kind, "stated": stated, "expected": expected,
                                     "seeded": stated != expected})

    def say_amount(self, subject: str, yuan: Decimal, label: str | None = None) -> str:
        """An amount the consistency checks know as `subject`, printed after `label` (default: subject)."""
        stated = yuan
        if subject == self.narr_wrong and subject not in ("项目支出", "一般公共预算"):
            if subject in ("基本支出", "三公经费"):
                stated = snap(yuan * D("0.8"), D(100)) if yuan > D(50000) else yuan + D(30000)
            else:  # a class: the seed's error, the whole budget given as the class amount
                total = self.b.total()
                stated = total if total - yuan >= max(yuan / 50, D(20000)) else yuan + snap(yuan / 5, D(100)) + D(20000)
        self.fact(subject, "amount", stated, yuan)
        return self.state(label or subject, stated)

    def say_share(self, subject: str, part: Decimal, whole: Decimal) -> str:
        share = pct(part, whole)
        stated = share
        if subject == self.narr_wrong and subject in ("项目支出", "一般公共预算"):
            stated = share - D("21.37") if share > 40 else share + D("21.37")
        self.fact(subject, "share", stated, share)
        return self.share(stated)

    def section_heading(self, text: str):
        """A top-level heading of the narrative (一、…); the `section` of the facts under it."""
        self.section = text
        self.w.para(P(text, bold=True))

    def narrative(self, perf_projects: list):
        b, w = self.b, self.w
        short, y = b.dept.short, b.year
        prior = self.prior
        st = b.source_totals()
        total = b.total()
        fn = b.fn_rows()
        classes = [(c, v["total"]) for c, v in fn.items() if len(c) == 3]
        gfn = b.fn_rows(sources=[G])
        gclasses = [(c, v["total"]) for c, v in gfn.items() if len(c) == 3]
        basic, project = b.kind_total("basic"), b.kind_total("project")
        gtotal = st[G]
        gbasic, gproject = b.kind_total("basic", [G]), b.kind_total("project", [G])
        scope_word = "部门" if b.dept.scope == "department" else "单位"
        w.para(P(f"第三部分  {y}年{short}{scope_word}预算情况说明", bold=True))
        self.section_heading(f"一、关于{short}{y}年收支预算情况的总体说明")
        w.para(P(f"按照全口径预算的原则，{short}{y}年所有收入和支出均纳入{scope_word}预算管理。"
                 f"收支总预算{self.state('收支总预算', total)}。"))
        inc = []
        names = {G: "一般公共预算", "government_fund_budget": "政府性基金预算", "state_capital_budget": "国有资本经营预算",
                 "special_account": "财政专户管理资金", "business_income": "事业收入", "other_income": "其他收入",
                 "carryover": "上年结转"}
        for s, nm in names.items():
            if st.get(s):
                inc.append(f"{nm}{self.state(nm, st[s])}")
        w.para(P("收入预算包括：" + "、".join(inc) + "。"))
        w.para(P("支出预算包括：" + "、".join(f"{self.codes.fname(c)}{self.say_amount(self.codes.fname(c), a)}"
                                           for c, a in classes) + "。"))
        self.section_heading(f"二、关于{short}{y}年收入预算情况说明")
        w.para(P(f"{short}收入预算{self.state('收入预算', total)}，其中："))
        for s, nm in names.items():
            if st.get(s):
                amount = self.state(nm, st[s])
                share = self.say_share(nm, st[s], total)
                tail = ""
                if s == G and prior:
                    tail = "，" + self.change(st[s], prior["gpb"]) + "，主要原因是人员经费和项目支出预算相应调整"
                w.para(P(f"{nm}{amount}，{share}{tail}；"))
            elif s in (G, "government_fund_budget", "state_capital_budget"):
                w.para(P(f"{nm}未安排。"))
        self.section_heading(f"三、关于{short}{y}年支出预算情况说明")
        w.para(P(f"{short}{y}年支出预算{self.state('支出预算', total)}，其中："))
        w.para(P(f"基本支出{self.say_amount('基本支出', basic)}，{self.say_share('基本支出', basic, total)}，"
                 f"{self.change(basic, prior['basic'])}，主要原因是人员变动及社会保险缴费基数调整。"))
        w.para(P(f"项目支出{self.say_amount('项目支出', project)}，{self.say_share('项目支出', project, total)}，"
                 f"{self.change(project, prior['project'])}，主要原因是项目预算安排变化。"))
        fa = st[G] + st["government_fund_budget"] + st["state_capital_budget"]
        self.section_heading(f"四、关于{short}{y}年财政拨款收支预算情况的总体说明")
        w.para(P(f"{y}年财政拨款收支总预算{self.state('财政拨款收支总预算', fa)}。"))
        parts = [f"一般公共预算拨款{self.state('一般公共预算拨款', st[G])}"]
        if st["government_fund_budget"]:
            parts.append(f"政府性基金预算拨款{self.state('政府性基金预算拨款', st['government_fund_budget'])}")
        if st["state_capital_budget"]:
            parts.append(f"国有资本经营预算拨款{self.state('国有资本经营预算拨款', st['state_capital_budget'])}")
        w.para(P("收入预算包括：" + "、".join(parts) + "。"))
        self.section_heading(f"五、关于{short}{y}年一般公共预算当年拨款情况说明")
        w.para(P("（一）一般公共预算当年拨款规模变化情况"))
        w.para(P(f"{short}{y}年一般公共预算拨款合计{self.state('一般公共预算拨款合计', gtotal)}，"
                 f"{self.change(gtotal, prior['gpb'])}。其中："
                 f"基本支出{self.state('基本支出', gbasic)}；项目支出{self.state('项目支出', gproject)}。"))
        w.para(P("（二）一般公共预算当年拨款结构情况"))
        for i, (c, a) in enumerate(gclasses, 1):
            name = self.codes.fname(c)
            w.para(P(f"{i}.{name}{self.state(name, a)}，{self.share(pct(a, gtotal))}。"))
        if not self.quiet_details:
            w.para(P("（三）一般公共预算当年拨款具体使用情况"))
            leaves = [(c, v["total"]) for c, v in gfn.items() if len(c) == 7]
            for i, (c, a) in enumerate(leaves, 1):
                path = f"{self.codes.fname(c[:3])}（类）{self.codes.fname(c[:5])}（款）{self.codes.fname(c)}（项）"
                w.para(P(f"{i}.{path}：{y}年预算数为{self.state(path, a)}。"))
        er = b.econ_rows()
        pers = sum((v.get("personnel", D(0)) for c, v in er.items() if len(c) == 3), D(0))
        pub = sum((v.get("public_use", D(0)) for c, v in er.items() if len(c) == 3), D(0))
        self.section_heading(f"六、关于{short}{y}年一般公共预算基本支出情况说明")
        w.para(P(f"{short}{y}年一般公共预算基本支出{self.state('一般公共预算基本支出', gbasic)}，其中："))
        w.para(P(f"人员经费{self.state('人员经费', pers)}，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、"
                 "职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费、医疗费补助等。"))
        w.para(P(f"公用经费{self.state('公用经费', pub)}，主要包括：办公费、印刷费、水电费、邮电费、物业管理费、差旅费、维修（护）费、"
                 "会议费、培训费、公务接待费、工会经费、福利费、公务用车运行维护费、其他交通费用等。"))
        self.section_heading(f"七、关于{short}{y}年一般公共预算项目支出情况说明")
        for i, p in enumerate(b.gpb_projects(), 1):
            w.para(P(f"{i}、项目名称：{p.name}"))
            w.para(P(f"    设立的政策依据：根据{b.dept.city}{y}年部门预算编制有关规定及相关工作安排。"))
            w.para(P(f"预算安排规模：{self.state('预算安排规模', p.amount)}"))
            w.para(P(f"项目承担单位：{b.department}"))
            w.para(P(f"资金执行时间：{y}年1至12月"))
        self.section_heading(f"八、关于{short}{y}年一般公共预算“三公”经费预算情况说明")
        th = b.three
        if self.quiet_three:
            w.para(P(f"{short}{y}年一般公共预算“三公”经费预算情况详见“三公”经费预算表。"))
        else:
            three = self.say_amount("三公经费", th["total"], "一般公共预算“三公”经费预算数")
            three_fact = self.facts[-1]
            parts = (f"因公出国（境）费{self.state('因公出国（境）费', th['overseas_travel'])}，"
                     f"公务用车购置费{self.state('公务用车购置费', th['vehicle_purchase'])}，"
                     f"公务用车运行费{self.state('公务用车运行费', th['vehicle_operation'])}，"
                     f"公务接待费{self.state('公务接待费', th['reception'])}。")
            # the change sentence states no amount of its own: its change is the 三公 total's
            w.para(P(f"{short}{y}年一般公共预算“三公”经费预算数为{three}，其中：{parts}"
                     f"{y}年一般公共预算“三公”经费{self.change(th['total'], prior['three'], three_fact)}，"
                     "主要原因是严格执行中央八项规定精神，压减一般性支出。"))
        self.section_heading(f"九、关于{short}{y}年政府性基金预算拨款情况说明")
        if st["government_fund_budget"]:
            w.para(P(f"{short}{y}年政府性基金预算拨款安排的支出"
                     f"{self.state('政府性基金预算拨款安排的支出', st['government_fund_budget'])}，"
                     "主要用于政府性基金项目支出。"))
        else:
            w.para(P(f"{short}{y}年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"))
        self.section_heading("十、其他重要事项的情况说明")
        w.para(P("（一）机关运行经费情况"))
        w.para(P(f"{y}年，{short}机关运行经费财政拨款预算{self.state('机关运行经费财政拨款预算', th['running_costs'])}，"
                 f"{self.change(th['running_costs'], prior['running'])}。主要原因是日常公用经费定额调整。"))
        w.para(P("（二）政府采购情况"))
        goods = snap(gproject * D("0.3"), D(100))
        services = snap(gproject * D("0.4"), D(100))
        w.para(P(f"{y}年，{short}政府采购预算{self.state('政府采购预算', goods + services)}，"
                 f"其中：政府采购货物预算{self.state('政府采购货物预算', goods)}，"
                 f"政府采购工程预算{self.state('政府采购工程预算', D(0))}，"
                 f"政府采购服务预算{self.state('政府采购服务预算', services)}。"))
        w.para(P("（三）国有资产占用使用情况"))
        w.para(P(f"截至{y - 1}年底，{short}共有车辆{b.vehicles}辆，其中：一般公务用车{b.vehicles}辆，执法执勤用车0辆。"
                 f"{y}年{scope_word}预算安排购置车辆{1 if th['vehicle_purchase'] else 0}辆。"))
        w.para(P("（四）预算绩效情况"))
        w.para(P(f"{y}年，{short}实行绩效目标管理的项目{len(b.gpb_projects())}个，涉及一般公共预算当年拨款"
                 f"{self.state('一般公共预算当年拨款', gproject)}。"
                 + ("具体情况见下表（按项目分别填报）：" if perf_projects else "")))
        if perf_projects:
            self.t_perf(perf_projects)
        w.para(P("（五）其他需说明的事项"))
        w.para(P("无其他需要说明的事项。"))

    def glossary(self):
        city = self.b.dept.city
        w = self.w
        w.para(P("第四部分  名词解释", bold=True))
        for t in [
            "一、财政拨款：指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。",
            "二、财政专户管理资金：包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。",
            "三、其他资金：包括事业收入、事业单位经营收入、其他收入等。",
            "四、基本支出：包括人员经费、公用经费。其中，人员经费包括工资福利支出、对个人和家庭的补助。",
            f"五、项目支出：部门支出预算的组成部分，是{city}本级部门为完成其特定的行政任务或事业发展目标，在基本支出预算之外编制的年度项目支出计划。",
            f"六、“三公”经费：指{city}本级部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
            "七、机关运行经费：指各部门的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、"
            "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。",
        ]:
            w.para(P(t))

    # ---- the document
    def overview(self):
        b, cfg, w = self.b, self.cfg, self.w
        d = b.dept
        y = b.year
        scope_word = "部门" if d.scope == "department" else "单位"
        title = f"{b.department}{y}年部门预算" if d.scope == "department" else f"{b.department}{y}年单位预算公开"
        if d.scope == "department" and cfg.idx % 4 == 1:
            title = f"{y}年{b.department}部门预算公开"
        w.para(P(title, bold=True, align="center", size=36))
        self.title = title
        if cfg.idx % 3 == 0:
            w.para(P("目    录", bold=True, align="center"))
            for t in (f"第一部分  {d.short}{scope_word}概况", f"第二部分  {y}年{scope_word}预算公开表",
                      f"第三部分  {y}年{scope_word}预算情况说明", "第四部分  名词解释"):
                w.para(P(t))
        w.para(P(f"第一部分  {d.short}{scope_word}概况", bold=True, bookmark="_Toc1" if "bookmark" in cfg.quirks else None))
        if "bookmark" in cfg.quirks:
            self.variants.add("bookmarks")
        w.para(P("一、主要职能", bold=True))
        w.para(P("    " + d.duties))
        w.para(P("二、机构设置及人员情况", bold=True))
        w.para(P(f"    {d.short}内设{len(d.offices)}个科室，分别是：{'、'.join(d.offices)}。"))
        s = b.staffing
        form = cfg.idx % 3
        if form == 0:
            txt = (f"{d.short}编制数{s['authorised']}，实有人数{s['actual']}人，其中：在职{s['serving']}人，增加0人；"
                   f"退休{s['retired']}人，增加0人；离休{b.retired_cadre}人，增加0人。")
        elif form == 1:
            txt = (f"截至{y - 1}年底，{d.short}共有编制{s['authorised']}名，实有人数{s['actual']}人，其中在职人员"
                   f"{s['serving']}人，退休人员{s['retired']}人，离休人员{b.retired_cadre}人。")
        else:
            txt = (f"{d.short}核定编制{s['authorised']}名。实有人员{s['actual']}人，其中：在职{s['serving']}人，"
                   f"退休{s['retired']}人，离休{b.retired_cadre}人。")
        w.para(P(txt))
        w.para(P(""))
        w.para(P(f"第二部分  {y}年{scope_word}预算公开表" if cfg.idx % 2 else f"第二部分  {y}年部门（单位）预算公开表",
                 bold=True))

    def table_order(self) -> list[str]:
        b, cfg = self.b, self.cfg
        order = list(STANDARD_TABLES)
        has_scb = any(s == "state_capital_budget" for (_c, _k, s) in b.alloc)
        if cfg.sce or has_scb:
            order.append("state_capital_expenditure")
            self.variants.add("state_capital_table")
        if cfg.alt_order:
            self.variants.add("table_order_alt")
            first = order[:6]
            rest = [t for t in order[6:] if t not in ("general_budget_project_expenditure", "three_public")]
            order = first + rest + ["three_public", "general_budget_project_expenditure"]
        return [t for t in order if t not in cfg.missing]

    def build(self) -> dict:
        b, cfg = self.b, self.cfg
        self.touched = set()
        order = self.table_order()
        self.seed_issues(order)
        self.overview()
        for tid in order:
            if tid == "revenue_expenditure_summary":
                self.t_res()
            elif tid == "revenue_summary":
                self.t_revenue()
            elif tid == "expenditure_summary":
                self.t_expenditure(tid, None)
            elif tid == "fiscal_grant_summary":
                self.t_fiscal()
            elif tid == "general_budget_expenditure":
                self.t_expenditure(tid, [G])
            elif tid == "general_budget_basic_expenditure":
                self.t_basic()
            elif tid == "general_budget_project_expenditure":
                self.t_projects()
            elif tid == "three_public":
                self.t_three()
            elif tid == "government_fund_expenditure":
                self.t_expenditure(tid, ["government_fund_budget"])
            elif tid == "state_capital_expenditure":
                self.t_expenditure(tid, ["state_capital_budget"])
            self.w.para(P(""))
        perf = b.gpb_projects()[:3] if cfg.perf else []
        self.narrative(perf)
        self.glossary()
        self.w.para(P(""))
        self.w.para(P(f"{' ' * 28}{b.dept.short}", align="right"))
        self.w.para(P(f"{' ' * 26}{b.year}年{[1, 2, 3][cfg.idx % 3]}月{10 + cfg.idx % 18}日", align="right"))
        for (tid, code) in sorted(self.name_mismatch):
            self.fail("name_mismatch", tid, code)
        return self.truth()

    def truth(self) -> dict:
        b, cfg = self.b, self.cfg
        v = set(self.variants)
        v.add({"standard": "title_wording_standard", "yusuan": "title_wording_yusuan",
               "zongbiao": "title_wording_zongbiao", "caiwu": "title_wording_caiwu"}[cfg.wording])
        v.add({"two_para": "title_two_paragraphs", "one_para": "title_one_paragraph", "in_table": "title_in_table"}[
            cfg.title_place])
        v.add({"same": "dept_unit_same_paragraph", "separate": "dept_unit_separate_paragraphs",
               "in_table": "dept_unit_in_table"}[cfg.dept_line])
        v.add("code_" + cfg.code_layout)
        v.add("unit_wanyuan" if cfg.unit == "万元" else "unit_yuan")
        v.add({"wan2": "precision_2dp", "wan2_strip": "trailing_zeros_stripped", "wan_mixed": "precision_mixed",
               "wan6": "precision_6dp", "yuan": "yuan_cents", "yuan_whole": "yuan_whole"}[cfg.unit_mode])
        if cfg.three_unit_differs and "three_public" in self.tables_printed:
            v.add("three_public_unit_differs")
        if cfg.zero == "blank":
            v.add("zero_blank")
        if cfg.missing:
            v.add("tables_missing")
        if cfg.landscape:
            v.add("landscape_section")
        if b.dept.scope == "unit":
            v.add("scope_unit")
        if cfg.narrative_yuan:
            v.add("narrative_unit_yuan")
        if cfg.name_indent:
            v.add("name_indent")
        if any(s not in FISCAL_SOURCES for (_c, _k, s) in b.alloc):
            v.add("income_multi_source")
        if b.department != b.dept.name:
            v.add("department_name_variant")
        failing = sorted(self.failing, key=lambda f: (f["check"], f["table"], f["code"]))
        return {
            "file": "",
            "department": b.department,
            "region": b.dept.region,
            "fiscal_year": b.year,
            "doc_kind": "budget",
            "scope": b.dept.scope,
            "unit": cfg.unit,
            "variants": sorted(v),
            "tables": list(self.tables_printed),
            "tables_missing": [t for t in STANDARD_TABLES if t not in self.tables_printed],
            "items": self.items,
            "failing_checks": failing,
            "staffing": dict(b.staffing),
            "targets": self.targets,
            "facts": self.facts,
        }


# ----------------------------------------------------------------------------------------------
# rounding guard: a document printed at 2 decimals of 万元 from cent-exact yuan must not show rollup
# differences larger than 0.005 per child (the check's tolerance).


def rounding_ok(b: Budget, cfg: Config) -> bool:
    def pv(tid, x):
        return printed_value(x, cfg.unit_for(tid), cfg.dp_for(tid))

    def tol(tid, n):
        return D("0.005") * n if cfg.dp_for(tid) == 2 and cfg.unit_for(tid) == "万元" else D(0)

    def check_rows(tid, rows, measures, parts=None):
        for m in measures:
            for code, v in rows.items():
                kids = [c for c in rows if len(c) == len(code) + 2 and c.startswith(code)]
                if kids:
                    diff = pv(tid, v.get(m, D(0))) - sum((pv(tid, rows[k].get(m, D(0))) for k in kids), D(0))
                    if abs(diff) > tol(tid, len(kids)):
                        return False
            top = [c for c in rows if len(c) == 3]
            t = sum((rows[c].get(m, D(0)) for c in top), D(0))
            if abs(pv(tid, t) - sum((pv(tid, rows[c].get(m, D(0))) for c in top), D(0))) > tol(tid, len(top)):
                return False
        if parts:
            for code, v in rows.items():
                ps = [p for p in parts if v.get(p)]
                diff = pv(tid, v.get("total", D(0))) - sum((pv(tid, v[p]) for p in ps), D(0))
                if abs(diff) > tol(tid, max(1, len(ps))):
                    return False
        return True

    ok = check_rows("revenue_summary", b.fn_rows(), ["total"] + SOURCES, SOURCES)
    ok = ok and check_rows("expenditure_summary", b.fn_rows(), ["total", "basic", "project"], ["basic", "project"])
    ok = ok and check_rows("general_budget_expenditure", b.fn_rows(sources=[G]), ["total", "basic", "project"],
                           ["basic", "project"])
    ok = ok and check_rows("general_budget_basic_expenditure", b.econ_rows(), ["total", "personnel", "public_use"],
                           ["personnel", "public_use"])
    for p in b.projects:
        if abs(pv("general_budget_project_expenditure", p.amount)
               - sum((pv("general_budget_project_expenditure", a) for a in p.econ.values()), D(0))) > tol(
                "general_budget_project_expenditure", len(p.econ)):
            return False
    th = b.three
    for tot, parts in (("total", ["overseas_travel", "vehicles", "reception"]),
                       ("vehicles", ["vehicle_purchase", "vehicle_operation"])):
        if abs(pv("three_public", th[tot]) - sum((pv("three_public", th[p]) for p in parts), D(0))) > tol(
                "three_public", len(parts)):
            return False
    return ok


# ----------------------------------------------------------------------------------------------
# the seed document, rebuilt from seed_changji_2022.BLOCKS

SEED_NAME = "seed-changji-zhengziju-2022"
SEED_INCOME = {
    "财政拨款（补助）": "fiscal_appropriation",
    "一般公共预算": G,
    "政府性基金预算": "government_fund_budget",
    "国有资本经营预算": "state_capital_budget",
    "财政专户（教育收费）": "special_account",
    "事业收入": "business_income",
    "事业单位经营收入": "business_operating_income",
}
SEED_LAYOUT = {
    # table ordinal -> (table id, grid columns, {row: [(span, vmerge) per printed cell]}, {row: continuation cells appended})
    0: ("revenue_expenditure_summary", 4, {0: [(2, None), (2, None)]}, {}),
    1: ("revenue_summary", 12, {0: [(3, None)] + [(1, "restart")] * 9, 1: [(1, None)] * 3 + [(1, "cont")] * 9}, {}),
    2: ("expenditure_summary", 7, {0: [(4, None), (3, None)], 1: [(3, None)] + [(1, "restart")] * 4,
                                   2: [(1, None)] * 3 + [(1, "cont")] * 4}, {}),
    3: ("fiscal_grant_summary", 7, {0: [(2, None), (5, None)]}, {}),
    4: ("general_budget_expenditure", 7, {0: [(7, None)], 1: [(7, None)], 2: [(4, None), (3, None)],
                                          3: [(3, None)] + [(1, "restart")] * 4, 4: [(1, None)] * 3 + [(1, "cont")] * 4},
        {}),
    5: ("general_budget_basic_expenditure", 6, {0: [(6, None)], 1: [(6, None)], 2: [(3, None), (3, None)],
                                                3: [(2, None)] + [(1, "restart")] * 4,
                                                4: [(1, None)] * 2 + [(1, "cont")] * 4}, {}),
    6: ("general_budget_project_expenditure", 16, {0: [(16, None)], 1: [(16, None)], 2: [(3, None)] + [(1, "restart")] * 13,
                                                   3: [(1, None)] * 3 + [(1, "cont")] * 13}, {}),
    7: ("three_public", 6, {0: [(1, "restart"), (1, None), (3, None), (1, "restart")],
                            1: [(1, "cont")] + [(1, None)] * 4 + [(1, "cont")]}, {}),
    8: ("government_fund_expenditure", 7, {0: [(4, None), (3, None)], 1: [(3, None)] + [(1, "restart")] * 4}, {2: 4}),
}
SEED_HEADER_ROWS = {0: 2, 1: 2, 2: 3, 3: 2, 4: 5, 5: 5, 6: 4, 7: 2, 8: 3}
SEED_MEASURES = {
    1: (4, ["total", G, "government_fund_budget", "state_capital_budget", "special_account", "business_income",
            "business_operating_income", "other_income"]),
    2: (4, ["total", "basic", "project"]),
    4: (4, ["total", "basic", "project"]),
    5: (3, ["total", "personnel", "public_use"]),
}


def seed_number(text: str) -> Decimal | None:
    s = text.replace(FW, "").replace("\n", "").replace(",", "").strip()
    if not s:
        return None
    if s in ("-", "—"):
        return D(0)
    return D(s)


def seed_item(tid, scheme, code, measure, text, project="") -> dict | None:
    v = seed_number(text)
    if v is None:
        return None
    return {"table": tid, "scheme": scheme, "code": code, "project": project, "measure": measure,
            "amount_yuan": yuan_str(v * WAN)}


def seed_code(text: str) -> str:
    t = text.strip().replace(FW, "")
    digits = ""
    for ch in t:
        if ch.isdigit():
            digits += ch
        else:
            break
    return digits


def seed_annotate(k: int, ri: int, cells: list[str]) -> list[dict | None]:
    """Truth items for printed row ri of seed table k (one entry per printed cell)."""
    out: list[dict | None] = [None] * len(cells)
    tid = SEED_LAYOUT[k][0] if k in SEED_LAYOUT else None
    if k not in SEED_LAYOUT or ri < SEED_HEADER_ROWS[k]:
        return out
    if k in (0, 3):
        lab = cells[0].strip().replace(FW, "")
        if lab in SEED_INCOME:
            out[1] = seed_item(tid, "income", SEED_INCOME[lab], "total", cells[1])
        code = seed_code(cells[2])
        if code:
            if k == 0:
                out[3] = seed_item(tid, "function", code, "total", cells[3])
            else:
                for j, m in enumerate(["total", G, "government_fund_budget", "state_capital_budget"]):
                    out[3 + j] = seed_item(tid, "function", code, m, cells[3 + j])
    elif k in SEED_MEASURES:
        ncode = 2 if k == 5 else 3
        code = "".join(c.strip().replace(FW, "") for c in cells[:ncode])
        if code.isdigit():
            first, ms = SEED_MEASURES[k]
            for j, m in enumerate(ms):
                out[first + j] = seed_item(tid, "economic" if k == 5 else "function", code, m, cells[first + j])
    elif k == 6:
        code = "".join(c.strip() for c in cells[:3])
        if code.isdigit():
            project = cells[4].strip()
            if project == "项目支出":
                project = ""
            out[5] = seed_item(tid, "function", code, "total", cells[5], project)
            for j, cls in enumerate(ECON_CLASS_COLUMNS):
                out[6 + j] = seed_item(tid, "function", code, f"economic_{cls}", cells[6 + j], project)
    elif k == 7:
        for j, m in enumerate(["total", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation",
                               "reception"]):
            out[j] = seed_item(tid, "none", "", m, cells[j])
    return out


def seed_perf_layout(rows: list[list[str]]) -> list[list[tuple[int, str | None]]]:
    out = []
    for ri, r in enumerate(rows):
        if ri in (0, 1):
            out.append([(7, None)])
        elif ri == 2:
            out.append([(1, None), (3, None), (1, None), (2, None)])
        elif ri == 3:
            out.append([(1, None)] * 7)
        elif ri == 4:
            out.append([(1, None), (6, None)])
        else:
            first = r[0]
            nxt = rows[ri + 1][0] if ri + 1 < len(rows) else "x"
            if first == "":
                vm = "cont"
            elif nxt == "" and ri > 5:
                vm = "restart"
            else:
                vm = None
            out.append([(1, vm), (1, None), (3, None), (2, None)])
    return out


def seed_targets(rows: list[list[str]]) -> list[dict]:
    """The indicators of one seed performance-target table (rows as printed; 一级/二级 filled down)."""
    project = rows[2][3]
    out = []
    level1 = level2 = ""
    for l1, l2, indicator, value in rows[6:]:
        level1, level2 = l1 or level1, l2 or level2
        if indicator or value:
            out.append(target(project, level1, level2, indicator, value))
    return out


def seed_facts() -> list[dict]:
    """The narrative facts of the seed, from seed_changji_2022.NARRATIVE_FACTS (amounts in 万元)."""
    paras = {v for kind, v in seed_changji_2022.BLOCKS if kind == "p"}

    def yuan(text: str | None) -> str | None:
        if text is None:
            return None
        v = q2(D(text) * WAN)
        return yuan_str(abs(v) if v == 0 else v)

    out = []
    for section, facts in seed_changji_2022.NARRATIVE_FACTS:
        if section not in paras:
            raise SystemExit(f"seed narrative heading not printed: {section}")
        for subject, amount, share, change, change_pct in facts:
            out.append({"section": section, "subject": subject, "amount_yuan": yuan(amount), "share_pct": share,
                        "change_yuan": yuan(change), "change_pct": change_pct})
    return out


def build_seed(codes: Codes) -> tuple[DocWriter, dict]:
    w = DocWriter()
    items: list[dict] = []
    targets: list[dict] = []
    tables: list[str] = []
    k = -1
    printed_names: list[tuple[str, str, str, bool]] = []
    for kind, v in seed_changji_2022.BLOCKS:
        if kind == "p":
            if v.startswith("[bookmark: _GoBack]"):
                w.para(Para([Run(v[len("[bookmark: _GoBack]"):])], bookmark="_GoBack"))
            else:
                bold = v.strip().startswith(("第一部分", "第二部分", "第3部分", "第四部分", "表", "项目"))
                w.para(P(v, bold=bold and len(v) < 40))
            continue
        k += 1
        if k in SEED_LAYOUT:
            tid, ncols, layout, extra = SEED_LAYOUT[k]
            hdr = SEED_HEADER_ROWS[k]
        else:
            tid, ncols, layout, extra, hdr = None, 7, {}, {}, 6
            layout = dict(enumerate(seed_perf_layout(v)))
            targets += seed_targets(v)
        rows = []
        for ri, cells in enumerate(v):
            spec = layout.get(ri, [(1, None)] * len(cells))
            anns = seed_annotate(k, ri, cells)
            row = []
            for ci, text in enumerate(cells):
                span, vm = spec[ci]
                align = "center" if ri < hdr else ("right" if anns[ci] else "left")
                paras = [Para([Run(t)] if t else [], align=align) for t in text.split("\n")]
                row.append(Cell(paras, span=span, vm=vm, item=anns[ci]))
                if anns[ci]:
                    items.append(anns[ci])
            for _ in range(extra.get(ri, 0)):
                row.append(Cell([Para()], vm="cont"))
            rows.append(row)
            if tid in ("revenue_summary", "expenditure_summary", "general_budget_expenditure") and ri >= hdr:
                code = "".join(c.strip().replace(FW, "") for c in cells[:3])
                if code.isdigit():
                    printed_names.append((tid, code, cells[3].strip(), any(anns)))
        dp = 6 if tid == "revenue_expenditure_summary" else 2  # 表1 prints up to 6 decimals, the others 2
        t = TableSpec(tid, ncols, rows, unit="万元" if tid else "", dp=dp, header_rows=hdr)
        w.table(t)
        if tid:
            tables.append(tid)
        elif "performance_targets" not in tables:
            tables.append("performance_targets")
    # the printed names that disagree with the code table (only 2101102 in this document)
    mism = sorted({(tid, code) for tid, code, name, has in printed_names if has and codes.fname(code) != name})
    expected = [("expenditure_summary", "2101102"), ("general_budget_expenditure", "2101102"),
                ("revenue_summary", "2101102")]
    if mism != expected:
        raise SystemExit(f"seed name check: {mism}")
    failing = [{"check": "name_mismatch", "table": t, "code": c} for t, c in mism]
    failing += [{"check": "narrative_mismatch", "table": "", "code": s} for s in ("一般公共预算", "项目支出", "一般公共服务支出")]
    failing.sort(key=lambda f: (f["check"], f["table"], f["code"]))
    truth = {
        "file": f"docx/{SEED_NAME}.docx",
        "department": "昌吉州政务服务和公共资源交易管理局",
        "region": CJ,
        "fiscal_year": 2022,
        "doc_kind": "budget",
        "scope": "department",
        "unit": "万元",
        "variants": sorted([
            "seed", "title_two_paragraphs", "title_in_table", "dept_unit_same_paragraph", "dept_unit_in_table",
            "title_wording_standard", "code_split", "unit_wanyuan", "precision_mixed", "trailing_zeros_stripped",
            "amount_trailing_fullwidth_space", "amount_break_before", "multi_paragraph_cells", "bookmarks",
            "header_merged_two_rows", "three_public_tree", "empty_table_remark", "performance_targets",
            "misnamed_code", "seeded_narrative_mismatch", "res_full_class_list", "zero_blank", "zero_printed",
        ]),
        "tables": tables,
        "tables_missing": [t for t in STANDARD_TABLES if t not in tables],
        "items": items,
        "failing_checks": failing,
        "staffing": {"authorised": 36, "actual": 33, "serving": 30, "retired": 4},
        "targets": targets,
        "facts": seed_facts(),
    }
    return w, truth


# ----------------------------------------------------------------------------------------------
# driver


@dataclass
class Generated:
    name: str
    data: bytes
    truth: dict
    writer: DocWriter
    narrative_facts: list = field(default_factory=list)
    budget: Budget | None = None
    config: Config | None = None


def doc_plan() -> list[tuple[Dept, int]]:
    return [(d, y) for d in DEPTS for y in d.years]


def prior_values(b: Budget) -> dict:
    st = b.source_totals()
    return {"gpb": st[G], "basic": b.kind_total("basic"), "project": b.kind_total("project"),
            "three": b.three["total"], "running": b.three["running_costs"]}


def generate_all(codes: Codes) -> list[Generated]:
    out: list[Generated] = []
    w, truth = build_seed(codes)
    out.append(Generated(SEED_NAME, w.save_bytes("昌吉州政资局2022年部门预算"), truth, w))
    priors: dict[str, dict] = {}
    for idx, (dept, year) in enumerate(doc_plan()):
        rng = random.Random(f"{MASTER_SEED}-{dept.key}-{year}")
        cfg = make_config(idx, dept, year, rng)
        gran = {"wan2": D(100), "wan2_strip": D(100), "wan_mixed": D(100), "wan6": D(1), "yuan": D(1),
                "yuan_whole": D(1)}[cfg.unit_mode]
        cents = cfg.unit_mode in ("wan_mixed", "wan6", "yuan")
        opts = {"vehicle_purchase": idx % 5 == 0 and dept.admin_run is not None, "carryover": idx % 2 == 0,
                "fund": idx % 4 != 3, "state_capital": year in (2023, 2025)}
        for attempt in range(200):
            brng = random.Random(f"{MASTER_SEED}-{dept.key}-{year}-budget-{attempt}")
            b = make_budget(dept, year, brng, gran, cents, codes, opts)
            if rounding_ok(b, cfg):
                break
        else:
            raise SystemExit(f"no budget without rounding conflicts for {dept.key} {year}")
        prior = priors.get(dept.key)
        if prior is None:
            prior = {k: snap(v * D(rng.randint(85, 105)) / 100, D(100)) for k, v in prior_values(b).items()}
        pr = Printer(b, cfg, codes, random.Random(f"{MASTER_SEED}-{dept.key}-{year}-print"), prior)
        truth = pr.build()
        name = f"{dept.slug}-{year}"
        truth["file"] = f"docx/{name}.docx"
        data = pr.w.save_bytes(pr.title)
        out.append(Generated(name, data, truth, pr.w, pr.narrative_facts, b, cfg))
        priors[dept.key] = prior_values(b)
    return out


def truth_json(t: dict) -> str:
    """The truth as JSON: one key per line, one item or failing check per line."""
    lines = ["{"]
    keys = list(t)
    for i, k in enumerate(keys):
        v = t[k]
        comma = "," if i < len(keys) - 1 else ""
        if k in ("items", "failing_checks", "targets", "facts") and v:
            lines.append(f' "{k}": [')
            for j, it in enumerate(v):
                lines.append("  " + json.dumps(it, ensure_ascii=False) + ("," if j < len(v) - 1 else ""))
            lines.append(" ]" + comma)
        else:
            lines.append(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_all(gen: list[Generated]):
    ddir, tdir = OUT_DIR / "docx", OUT_DIR / "truth"
    ddir.mkdir(parents=True, exist_ok=True)
    tdir.mkdir(parents=True, exist_ok=True)
    keep = {g.name for g in gen}
    for p in list(ddir.glob("*.docx")) + list(tdir.glob("*.json")):
        if p.stem not in keep:
            p.unlink()
    for g in gen:
        (ddir / f"{g.name}.docx").write_bytes(g.data)
        (tdir / f"{g.name}.json").write_text(truth_json(g.truth), encoding="utf-8")


def main() -> int:
    codes = Codes.load()
    gen = generate_all(codes)
    write_all(gen)
    n_fail = sum(1 for g in gen if g.truth["failing_checks"])
    size = sum(len(g.data) for g in gen)
    print(f"wrote {len(gen)} documents ({size / 1e6:.2f} MB of .docx) to {OUT_DIR}; {n_fail} with failing checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
