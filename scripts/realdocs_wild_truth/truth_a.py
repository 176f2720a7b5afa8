# File a: 江苏省人大常委会办公厅2019年部门预算公开表 (13 pages, 12 tables, 万元)
FILE = "江苏省人大办公厅__江苏省人大常委会办公厅2019年部门预算公开表"
# (page, table, scheme, code, project, measure, amount in 万元 as printed)
I = []
def add(page, table, scheme, code, project, measure, amt):
    I.append((page, table, scheme, code, project, measure, amt))
# omitted printed totals: (page, label, amount) -- printed, not items
T = []
# 公开表一 收支预算总表 p1
t = "revenue_expenditure_summary"
add(1, t, "income", "fiscal_appropriation", "", "total", "18,330.37")
add(1, t, "income", "general_public_budget", "", "total", "18,330.37")
add(1, t, "function", "201", "", "total", "13,907.78")
add(1, t, "function", "208", "", "total", "1,121.39")
add(1, t, "function", "221", "", "total", "3,301.20")
add(1, t, "none", "basic_expenditure", "", "total", "9,312.90")
add(1, t, "none", "project_expenditure", "", "total", "6,459.58")
add(1, t, "none", "reserve_fund", "", "total", "2,557.89")
T += [(1, "当年收入小计", "18,330.37"), (1, "收入合计", "18,330.37"), (1, "当年支出小计", "18,330.37"), (1, "支出合计", "18,330.37")]
# 公开表二 收入预算总表 p2
t = "revenue_summary"
add(2, t, "income", "general_public_budget", "", "total", "18,330.37")
add(2, t, "income", "public_finance_grant", "", "total", "18,330.37")
T += [(2, "收入总计", "18,330.37")]
# 公开表三 支出预算总表 p3 (totals only)
t = "expenditure_summary"
add(3, t, "none", "", "", "total", "18,330.37")
add(3, t, "none", "", "", "basic", "9,312.90")
add(3, t, "none", "", "", "project", "6,459.58")
add(3, t, "none", "", "", "reserve_fund", "2,557.89")
# 公开表四 财政拨款收支预算总表 p4
t = "fiscal_grant_summary"
add(4, t, "income", "general_public_budget", "", "total", "18,330.37")
add(4, t, "none", "basic_expenditure", "", "total", "9,312.90")
add(4, t, "none", "project_expenditure", "", "total", "6,459.58")
add(4, t, "none", "reserve_fund", "", "total", "2,557.89")
T += [(4, "收入合计", "18,330.37"), (4, "支出合计", "18,330.37")]
FUNC = [("201", "13,907.78"), ("20101", "13,907.78"), ("2010101", "7,448.20"), ("2010102", "2,464.02"),
        ("2010104", "1,469.73"), ("2010105", "729.00"), ("2010106", "376.88"), ("2010107", "363.38"),
        ("2010108", "385.52"), ("2010109", "42.75"), ("2010199", "628.30"), ("208", "1,121.39"),
        ("20805", "1,121.39"), ("2080504", "271.45"), ("2080505", "607.10"), ("2080506", "242.84"),
        ("221", "3,301.20"), ("22102", "3,301.20"), ("2210201", "752.90"), ("2210202", "2,548.30")]
ECON = [("301", "6,481.41"), ("30101", "1,258.23"), ("30102", "3,468.54"), ("30103", "104.85"),
        ("30108", "607.10"), ("30109", "242.84"), ("30112", "14.79"), ("30113", "752.90"), ("30114", "32.16"),
        ("302", "1,642.08"), ("30201", "570.00"), ("30205", "50.00"), ("30206", "100.00"), ("30207", "80.00"),
        ("30211", "235.00"), ("30228", "82.00"), ("30229", "50.00"), ("30231", "183.60"), ("30239", "268.58"),
        ("30299", "22.90"), ("303", "1,189.41"), ("30301", "302.49"), ("30302", "886.13"), ("30309", "0.79")]
# 公开表五 财政拨款支出预算表（功能科目） p5
for c, a in FUNC: add(5, "fiscal_grant_expenditure", "function", c, "", "total", a)
T += [(5, "合计", "18,330.37")]
# 公开表六 财政拨款基本支出预算表（经济科目） p6
for c, a in ECON: add(6, "fiscal_grant_basic_expenditure", "economic", c, "", "total", a)
T += [(6, "合计", "9,312.90")]
# 公开表七 一般公共预算支出预算表（功能科目） p7
for c, a in FUNC: add(7, "general_budget_expenditure", "function", c, "", "total", a)
T += [(7, "合计", "18,330.37")]
# 公开表八 一般公共预算基本支出预算表（经济科目） p8
for c, a in ECON: add(8, "general_budget_basic_expenditure", "economic", c, "", "total", a)
T += [(8, "合计", "9,312.90")]
# 公开表九 “三公”经费、会议费、培训费支出预算表 p9
t = "three_public"
add(9, t, "none", "", "", "total_with_meeting_training", "2,600.71")
add(9, t, "none", "", "", "total", "767.60")
add(9, t, "none", "", "", "overseas_travel", "199.25")
add(9, t, "none", "", "", "vehicles", "183.60")
add(9, t, "none", "", "", "vehicle_operation", "183.60")
add(9, t, "none", "", "", "reception", "384.75")
add(9, t, "none", "", "", "meeting", "1,469.73")
add(9, t, "none", "", "", "training", "363.38")
# 公开表十 财政拨款政府性基金支出预算表 p10: empty (合计 blank)
# 公开表十一 一般公共预算机关运行经费支出预算表 p11
for c, a in ECON[9:20]: add(11, "general_budget_running_costs", "economic", c, "", "total", a)
T += [(11, "合计", "1,642.08")]
# 公开表十二 2019年政府采购预算表 p12-13
t = "procurement"
add(12, t, "none", "", "", "procurement_goods", "233.10")
add(12, t, "none", "", "", "procurement_services", "2,183.33")
T += [(12, "合计", "2,416.43")]
P = [  # (page, category measure, 专项名称, economic code, amount, [(采购物品名称, 组织形式, amount, page)])
    (12, "procurement_goods", "办公设备购置费", "31002", "53.10", [
        ("台式计算机（20万以下）", "分散自行组织", "17.92", 12), ("便携式计算机（20万以下）", "分散自行组织", "14.00", 12),
        ("图书和档案", "分散自行组织", "2.78", 12), ("家具用具", "分散自行组织", "18.40", 12)]),
    (12, "procurement_goods", "信息化建设经费", "30299", "180.00", [("其他计算机设备及软件", "分散自行组织", "180.00", 12)]),
    (12, "procurement_services", "交通运行费", "30231", "183.60", [("车辆维修和保养服务", "分散自行组织", "183.60", 12)]),
    (12, "procurement_services", "江苏省第十三届人代会二次会议经费", "30215", "1,035.00", [("会议服务", "分散自行组织", "1,035.00", 12)]),
    (12, "procurement_services", "全国人代会江苏代表团工作经费", "30215", "113.63", [("会议服务", "分散自行组织", "113.63", 13)]),
    (13, "procurement_services", "常委会会议经费及省人大工作会议经费", "30215", "206.10", [("会议服务", "分散自行组织", "206.10", 13)]),
    (13, "procurement_services", "专职人员活动费", "30202", "30.00", [("印刷和出版服务", "分散自行组织", "30.00", 13)]),
    (13, "procurement_services", "立法费及法制专刊费", "30202", "120.00", [("印刷和出版服务", "分散自行组织", "120.00", 13)]),
    (13, "procurement_services", "办公印刷费", "30202", "84.60", [("印刷和出版服务", "分散自行组织", "84.60", 13)]),
    (13, "procurement_services", "综合管理费", "30209", "410.40", [("物业管理服务", "分散自行组织", "410.40", 13)]),
]
TABLE_PAGES = list(range(1, 14))
def CHECKS(V, jiangsu_extra=None):
    g = lambda t, s, c, me="total", pr="": V[(t, s, c, pr, me)]
    R, X = "revenue_expenditure_summary", "none"
    out = []
    use = lambda t: g(t, X, "basic_expenditure") + g(t, X, "project_expenditure") + g(t, X, "reserve_fund")
    inc = g(R, "income", "fiscal_appropriation") + V.get((R, "income", "other_funds", "", "total"), 0)
    fn = sum(v for (t, s, c, pr, me), v in V.items() if t == R and s == "function")
    out += [("01 income = 支出用途 total", inc, use(R)), ("01 income = Σ function classes", inc, fn)]
    es = "expenditure_summary"
    out += [("03 total = basic+project+reserve", g(es, X, "", "total"), g(es, X, "", "basic") + g(es, X, "", "project") + g(es, X, "", "reserve_fund"))]
    out += [("03 = 01 支出用途 basic", g(es, X, "", "basic"), g(R, X, "basic_expenditure")),
            ("03 = 01 project", g(es, X, "", "project"), g(R, X, "project_expenditure")),
            ("03 = 01 reserve", g(es, X, "", "reserve_fund"), g(R, X, "reserve_fund")),
            ("03 total = 01 income", g(es, X, "", "total"), inc)]
    fg = "fiscal_grant_summary"
    out += [("04 income = 支出用途", g(fg, "income", "general_public_budget"), use(fg)),
            ("04 income = 01 general_public_budget", g(fg, "income", "general_public_budget"), g(R, "income", "general_public_budget")),
            ("04 project = 01 project", g(fg, X, "project_expenditure"), g(R, X, "project_expenditure")),
            ("04 reserve = 01 reserve", g(fg, X, "reserve_fund"), g(R, X, "reserve_fund"))]
    def tab(t): return {c: v for (tt, s, c, pr, me), v in V.items() if tt == t}
    f5, f7, e6, e8, rc = (tab(t) for t in ["fiscal_grant_expenditure", "general_budget_expenditure", "fiscal_grant_basic_expenditure", "general_budget_basic_expenditure", "general_budget_running_costs"])
    out += [("05 = 07 row by row", f5, f7), ("06 = 08 row by row", e6, e8),
            ("11 = 08's 302 rows", rc, {c: v for c, v in e8.items() if c.startswith("302")}),
            ("05 total = 04 income", sum(v for c, v in f5.items() if len(c) == 3), g(fg, "income", "general_public_budget")),
            ("08 total = 04 basic", sum(v for c, v in e8.items() if len(c) == 3), g(fg, X, "basic_expenditure"))]
    for c7, c3 in [("2080505", "30108"), ("2080506", "30109"), ("2210201", "30113")]:
        out.append((f"05 {c7} = 08 {c3}", f5[c7], e8[c3]))
    tp = lambda me: g("three_public", X, "", me)
    out += [("09 三公 = overseas + vehicles + reception", tp("total"), tp("overseas_travel") + tp("vehicles") + tp("reception")),
            ("09 vehicles = purchase(blank) + operation", tp("vehicles"), tp("vehicle_operation")),
            ("09 合计 = 三公 + 会议费 + 培训费", tp("total_with_meeting_training"), tp("total") + tp("meeting") + tp("training")),
            ("09 vehicle_operation = 08 30231", tp("vehicle_operation"), e8["30231"])]
    return out
META = dict(
    department="江苏省人大常委会办公厅", region="江苏省", fiscal_year=2019, doc_kind="budget", scope="department", unit="万元",
    tables=[
        (1, "公开表一", "收支预算总表", [1], "revenue_expenditure_summary"),
        (2, "公开表二", "收入预算总表", [2], "revenue_summary"),
        (3, "公开表三", "支出预算总表", [3], "expenditure_summary"),
        (4, "公开表四", "财政拨款收支预算总表", [4], "fiscal_grant_summary"),
        (5, "公开表五", "财政拨款支出预算表（功能科目）", [5], "fiscal_grant_expenditure"),
        (6, "公开表六", "财政拨款基本支出预算表（经济科目）", [6], "fiscal_grant_basic_expenditure"),
        (7, "公开表七", "一般公共预算支出预算表（功能科目）", [7], "general_budget_expenditure"),
        (8, "公开表八", "一般公共预算基本支出预算表（经济科目）", [8], "general_budget_basic_expenditure"),
        (9, "公开表九", "“三公”经费、会议费、培训费支出预算表", [9], "three_public"),
        (10, "公开表十", "财政拨款政府性基金支出预算表", [10], "government_fund_expenditure"),
        (11, "公开表十一", "一般公共预算机关运行经费支出预算表", [11], "general_budget_running_costs"),
        (12, "公开表十二", "2019年政府采购预算表", [12, 13], "procurement"),
    ],
    inconsistencies=[],
    notes=("Tables-only file (13pp, PScript5/Acrobat Distiller 7.0 text PDF; the narrative is published separately as "
           "江苏省人大常委会2019年度部门预算公开.pdf). Every table prints 部门：江苏省人大常委会办公厅 and 单位：万元; amounts x10000 exactly. "
           "One table a page, 公开表十二 continuing on p13 without a repeated header. No page prints a code outside the 2019 classification. "
           "公开表一: income 一、财政拨款 18,330.37 (income/fiscal_appropriation) and 1.一般公共预算 18,330.37 (income/general_public_budget); "
           "2.政府性基金预算, 二、财政专户管理资金, 三、其他资金, 上年结转资金 and 结转下年资金 are blank. The 功能分类 block names its 21 classes "
           "by name only (一、一般公共服务支出 ...); the three printed are coded from their names: 201, 208, 221. The 支出用途 block (beside it) "
           "is recorded as scheme none, codes basic_expenditure / project_expenditure / reserve_fund (单位预留机动经费), measure total. "
           "公开表二 is a vertical tree of funds: 一般公共预算资金 小计 (income/general_public_budget) with 公共财政拨款(补助)资金 (income/public_finance_grant) "
           "and 专项收入 (blank); every other fund is blank. 公开表三 is a totals-only row: scheme none, empty code, measures total/basic/project/reserve_fund; "
           "结转下年资金 blank. 公开表四: income 一、一般公共预算 and the 支出用途 rows as in 公开表一. 公开表五/七 (function, 金额 = total) are "
           "identical row by row, as are 公开表六/八 (economic); 公开表十一 repeats the 302 rows of 公开表八 (机关运行经费支出 = total). "
           "公开表九 is one row of 9 amounts: 合计 2,600.71 (three_public/total_with_meeting_training: it includes 会议费 and 培训费), “三公”经费 小计 "
           "767.60 (total), 因公出国（境）费 199.25, 公务用车购置及运行维护费 小计 183.60 (vehicles), 公务用车购置费 blank, 公务用车运行维护费 183.60, "
           "公务接待费 384.75, 会议费 1,469.73 (meeting), 培训费 363.38 (training). 公开表十 prints only an empty 合计 row (no items, no note). "
           "公开表十二 (procurement): category rows 一、货物A 233.10 and 三、服务C 2,183.33 are scheme none, empty code, measure procurement_goods / "
           "procurement_services; each 专项名称 x 经济科目 row is scheme economic with the 经济科目 coded from its printed name (办公设备购置 31002, "
           "其他商品和服务支出 30299, 公务用车运行维护费 30231, 会议费 30215, 印刷费 30202, 物业管理费 30209), project = 专项名称, measure = its "
           "category; each 采购物品名称 row under it has the same code and measure and project = 专项名称｜采购物品名称｜采购组织形式. "
           "The 专项 江苏省第十三届人代会二次会议经费 is printed over two lines (江苏省第十三届 人代会 / 二次会议经费) and joined without the space. "
           "OMITTED printed totals (not items): 公开表一 当年收入小计/收入合计/当年支出小计/支出合计 18,330.37; 公开表二 收入总计 18,330.37; 公开表四 "
           "收入合计/支出合计 18,330.37; 公开表五/七 合计 18,330.37; 公开表六/八 合计 9,312.90; 公开表十一 合计 1,642.08; 公开表十二 合计 2,416.43. "
           "ARITHMETIC: every parent equals the sum of its children in 公开表五-八 and 十一; classes sum to each 合计; 9,312.90+6,459.58+2,557.89 = "
           "18,330.37 = 13,907.78+1,121.39+3,301.20; 三公 199.25+183.60+384.75 = 767.60 and 767.60+1,469.73+363.38 = 2,600.71; 货物 53.10+180.00 = "
           "233.10, 服务 2,183.33 = Σ its eight 专项 rows, 233.10+2,183.33 = 2,416.43, every 专项 row = Σ its items; 2080505 = 30108 (607.10), "
           "2080506 = 30109 (242.84), 2210201 = 30113 (752.90); 公务用车运行维护费 183.60 = 30231. Coincidences worth knowing: 会议费 1,469.73 = "
           "2010104 人大会议 and 培训费 363.38 = 2010107 人大代表履职能力提升. Nothing fails: the printed tables are consistent."),
)
