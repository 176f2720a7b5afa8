import sys, json, importlib, collections
from build import load, main, yuan
import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../crates/yusuan/tests/realdocs-wild-truth")
VER = ("READING: every amount read twice by different means and the two readings compared page by page: (1) pdfplumber 0.11 "
       "(extract_tables grid cells, used to assign each amount to its row and column, and extract_text) and (2) pdftotext -layout "
       "(poppler). For every table page the multiset of amounts (items + the omitted printed totals) is identical in both "
       "readings; every coded item was also found on its own layout line next to its code. ARITHMETIC: parents = Σ children, "
       "classes = 合计, row identities, totals across tables (listed in notes). Per-item `page` is the PDF page from 1. "
       "`tables` lists every table the file prints (ordinal, printed number, title, pages, table id; ids marked in `proposed_ids` "
       "are not in the vocabulary yet). `inconsistencies` lists what a careful reader would report, with page; `failing_checks` "
       "is left empty because the tables themselves close and the narrative findings' subjects are named by the reader.")
PROPOSED = {
    "table": {"fiscal_grant_basic_expenditure": "财政拨款基本支出预算表（经济科目）: the basic expenditure of all fiscal funds by economic code (Jiangsu 公开表六)",
              "general_budget_running_costs": "一般公共预算机关运行经费支出预算表: 机关运行经费 by economic code (Jiangsu 公开表十一)",
              "procurement": "政府采购（支出）预算表: purchases by category, 专项 and 经济科目 (Jiangsu 公开表十二)"},
    "income_source": {"public_finance_grant": "公共财政拨款(补助)资金, the first part of 一般公共预算资金 in Jiangsu's 收入预算总表 (the other is 专项收入)",
                      "other_funds": "其他资金, Jiangsu's bucket of 事业收入, 经营收入, 其他收入 and 债务资金",
                      "donation_income": "其中：捐赠收入, the donations within 其他收入 (university 收支总表)"},
    "code (scheme none)": {"basic_expenditure": "一、基本支出 of a 支出用途 block (Jiangsu 收支预算总表, 财政拨款收支预算总表)",
                           "project_expenditure": "二、项目支出 of a 支出用途 block",
                           "reserve_fund": "三、单位预留机动经费 of a 支出用途 block"},
    "measure": {"reserve_fund": "单位预留机动经费 column of a totals-only 支出预算总表",
                "total_with_meeting_training": "合计 of the “三公”经费、会议费、培训费 table (三公 小计 + 会议费 + 培训费); `total` stays the 三公 小计",
                "meeting": "会议费 column of that table", "training": "培训费 column of that table",
                "education_fees": "事业收入 其中：教育收费 column (university 收入预算表)",
                "procurement_goods": "政府采购 amount in category 货物 (A)", "procurement_services": "政府采购 amount in category 服务 (C)"},
}
# The working names of truth_[abc].py mapped onto the dataset's vocabulary as adopted
# (docs/dataset.md): a spending-purpose row is an uncoded row whose measure says what it is, the
# three-public table's 合计 beside 会议费/培训费 is grand_total, 公共财政拨款(补助)资金 is the
# general budget's fiscal appropriation, 使用非财政拨款结余 is the uncoded fund_offset row.
TABLE_IDS = {"general_budget_running_costs": "running_costs"}
MEASURE_IDS = {"reserve_fund": "unit_reserve", "total_with_meeting_training": "grand_total", "meeting": "meetings"}
PURPOSE_ROWS = {"basic_expenditure": "basic", "project_expenditure": "project", "reserve_fund": "unit_reserve"}
INCOME_IDS = {"public_finance_grant": "fiscal_appropriation"}

def adopt(item):
    p, t, s, c, pr, me, a = item
    t = TABLE_IDS.get(t, t)
    me = MEASURE_IDS.get(me, me)
    if s == "none" and c in PURPOSE_ROWS:
        c, me = "", PURPOSE_ROWS[c]
    if s == "income":
        c = INCOME_IDS.get(c, c)
        # 其他资金 on the income side of a 收支总表 is the other-income line, as in every template;
        # other_funds is kept for the 其他资金 group of the vertical 收入预算总表.
        if c == "other_funds" and t == "revenue_expenditure_summary":
            c = "other_income"
        if c == "fund_offset":
            s = "none"
    return (p, t, s, c, pr, me, a)

def gen(modname):
    m, items = main(modname)
    items = [adopt(i) for i in items]
    M = m.META
    used = {i[1] for i in items} | {i[3] for i in items} | {i[5] for i in items}
    prop = {k: {i: d for i, d in v.items() if i in used} for k, v in PROPOSED.items()}
    prop = {k: v for k, v in prop.items() if v}
    doc = dict(file=m.FILE + ".pdf", department=M["department"], region=M["region"], fiscal_year=M["fiscal_year"],
               doc_kind=M["doc_kind"], scope=M["scope"], unit=M["unit"],
               tables=[dict(no=n, printed_no=pn, title=t, pages=ps, table=tid) for n, pn, t, ps, tid in M["tables"]],
               items=[dict(table=t, scheme=s, code=c, project=pr, measure=me, amount_yuan=yuan(a), page=p) for p, t, s, c, pr, me, a in items],
               failing_checks=[], facts=[], targets=[], inconsistencies=M["inconsistencies"], proposed_ids=prop,
               verification=VER, notes=M["notes"])
    with open(f"{OUT}/{m.FILE}.json", "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2); f.write("\n")
    c = collections.Counter(i[1] for i in items)
    print(m.FILE, len(items), dict(c))
import os; os.makedirs(OUT, exist_ok=True)
for mod in sys.argv[1:]: gen(mod)
