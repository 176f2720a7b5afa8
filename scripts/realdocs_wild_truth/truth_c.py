# File c: 西南大学2021年度部门预算 (14 pages; tables pp6-9, 万元)
FILE = "04_swu_2021_department_budget"
I = []
def add(page, table, scheme, code, project, measure, amt):
    I.append((page, table, scheme, code, project, measure, amt))
T = []
t = "revenue_expenditure_summary"  # 西南大学收支预算总表 p6-7
add(6, t, "income", "fiscal_appropriation", "", "total", "216,552.53")
add(6, t, "income", "business_income", "", "total", "124,020.47")
add(6, t, "income", "other_income", "", "total", "49,567.45")
add(6, t, "income", "donation_income", "", "total", "500.00")
add(6, t, "income", "fund_offset", "", "total", "18,953.78")
add(6, t, "income", "carryover", "", "total", "81,714.17")
add(6, t, "function", "205", "", "total", "398,593.09")
add(6, t, "function", "206", "", "total", "1,512.90")
add(6, t, "function", "221", "", "total", "15,702.41")
add(6, t, "none", "year_end_carryover", "", "total", "75,000.00")
T += [(6, "本年收入合计", "390,140.45"), (6, "本年支出合计", "415,808.40"), (7, "收入总计", "490,808.40"), (7, "支出总计", "490,808.40")]
t = "revenue_summary"  # 西南大学收入预算表 p7: 本年收入合计 | 财政拨款收入 | 事业收入 金额 | 其中：教育收费 | 其他收入
R = [("205", "380,357.51", "207,796.18", "124,020.47", "75,020.47", "48,540.86"),
     ("20502", "377,880.95", "205,319.62", "124,020.47", "75,020.47", "48,540.86"),
     ("2050202", "8,172.97", "6,934.72", None, None, "1,238.25"),
     ("2050204", "17,575.10", "12,622.65", "1,200.00", "1,200.00", "3,752.45"),
     ("2050205", "352,132.88", "185,762.25", "122,820.47", "73,820.47", "43,550.16"),
     ("20506", "1,683.92", "1,683.92", None, None, None),
     ("2050602", "1,683.92", "1,683.92", None, None, None),
     ("20599", "792.64", "792.64", None, None, None),
     ("2059999", "792.64", "792.64", None, None, None),
     ("206", "1,512.90", "1,512.90", None, None, None),
     ("20602", "1,512.90", "1,512.90", None, None, None),
     ("2060201", "812.90", "812.90", None, None, None),
     ("2060204", "700.00", "700.00", None, None, None),
     ("221", "8,270.04", "7,243.45", None, None, "1,026.59"),
     ("22102", "8,270.04", "7,243.45", None, None, "1,026.59"),
     ("2210201", "8,161.12", "7,136.05", None, None, "1,025.07"),
     ("2210203", "108.92", "107.40", None, None, "1.52")]
for code, *vals in R:
    for m, v in zip(["total", "fiscal_appropriation", "business_income", "education_fees", "other_income"], vals):
        if v is not None: add(7, t, "function", code, "", m, v)
T += [(7, "合计", x) for x in ["390,140.45", "216,552.53", "124,020.47", "75,020.47", "49,567.45"]]
t = "expenditure_summary"  # 西南大学支出预算表 p8: 合计 | 基本支出 | 项目支出 | 经营支出 | 对下级单位补助支出
E = [("205", "398,593.09", "310,067.63", "88,525.46"), ("20502", "395,795.86", "308,383.71", "87,412.15"),
     ("2050202", "9,129.71", "8,638.71", "491.00"), ("2050204", "18,354.94", "16,825.10", "1,529.84"),
     ("2050205", "368,311.21", "282,919.90", "85,391.31"), ("20506", "1,683.92", "1,683.92", None),
     ("2050602", "1,683.92", "1,683.92", None), ("20508", "183.17", None, "183.17"), ("2050801", "183.17", None, "183.17"),
     ("20599", "930.14", None, "930.14"), ("2059999", "930.14", None, "930.14"),
     ("206", "1,512.90", "812.90", "700.00"), ("20602", "1,512.90", "812.90", "700.00"),
     ("2060201", "812.90", "812.90", None), ("2060204", "700.00", None, "700.00"),
     ("221", "15,702.41", "15,702.41", None), ("22102", "15,702.41", "15,702.41", None),
     ("2210201", "15,076.55", "15,076.55", None), ("2210203", "625.86", "625.86", None)]
for code, *vals in E:
    for m, v in zip(["total", "basic", "project"], vals):
        if v is not None: add(8, t, "function", code, "", m, v)
T += [(8, "合计", x) for x in ["415,808.40", "326,582.94", "89,225.46"]]
t = "fiscal_grant_expenditure"  # 西南大学财政拨款支出预算表 p9: 合计 | 基本支出 | 项目支出 | 备注
F = [("205", "207,796.18", "178,467.95", "29,328.23"), ("20502", "205,319.62", "176,784.03", "28,535.59"),
     ("2050202", "6,934.72", "6,443.72", "491.00"), ("2050204", "12,622.65", "11,872.65", "750.00"),
     ("2050205", "185,762.25", "158,467.66", "27,294.59"), ("20506", "1,683.92", "1,683.92", None),
     ("2050602", "1,683.92", "1,683.92", None), ("20599", "792.64", None, "792.64"), ("2059999", "792.64", None, "792.64"),
     ("206", "1,512.90", "812.90", "700.00"), ("20602", "1,512.90", "812.90", "700.00"),
     ("2060201", "812.90", "812.90", None), ("2060204", "700.00", None, "700.00"),
     ("221", "7,243.45", "7,243.45", None), ("22102", "7,243.45", "7,243.45", None),
     ("2210201", "7,136.05", "7,136.05", None), ("2210203", "107.40", "107.40", None)]
for code, *vals in F:
    for m, v in zip(["total", "basic", "project"], vals):
        if v is not None: add(9, t, "function", code, "", m, v)
T += [(9, "合计", x) for x in ["216,552.53", "186,524.30", "30,028.23"]]
P = []
TABLE_PAGES = [6, 7, 8, 9]
def CHECKS(V):
    g = lambda t, s, c, me="total": V.get((t, s, c, "", me), 0)
    R, RS, ES, FG = "revenue_expenditure_summary", "revenue_summary", "expenditure_summary", "fiscal_grant_expenditure"
    out = []
    inc = g(R, "income", "fiscal_appropriation") + g(R, "income", "business_income") + g(R, "income", "other_income")
    out += [("收支总表 本年收入合计", inc, D("390140.45")),
            ("收支总表 收入总计", inc + g(R, "income", "fund_offset") + g(R, "income", "carryover"), D("490808.40")),
            ("收支总表 支出总计", sum(g(R, "function", c) for c in ["205", "206", "221"]) + g(R, "none", "year_end_carryover"), D("490808.40"))]
    codes = sorted({k[2] for k in V if k[0] == RS})
    for c in codes:
        out.append((f"收入表 {c} total = fiscal + business + other", g(RS, "function", c), g(RS, "function", c, "fiscal_appropriation") + g(RS, "function", c, "business_income") + g(RS, "function", c, "other_income")))
        out.append((f"收入表 {c} fiscal = 财政拨款支出表", g(RS, "function", c, "fiscal_appropriation"), g(FG, "function", c)))
        if g(RS, "function", c, "education_fees") > g(RS, "function", c, "business_income"): out.append((f"{c} 教育收费 > 事业收入", 0, 1))
    for t in (ES, FG):
        for c in sorted({k[2] for k in V if k[0] == t}):
            out.append((f"{t} {c} total = basic + project", g(t, "function", c), g(t, "function", c, "basic") + g(t, "function", c, "project")))
    for c in ["205", "206", "221"]:
        out.append((f"收支总表 {c} = 支出表 {c}", g(R, "function", c), g(ES, "function", c)))
    out.append(("收支总表 财政拨款 = 收入表 财政拨款 合计", g(R, "income", "fiscal_appropriation"), sum(g(RS, "function", c, "fiscal_appropriation") for c in ["205", "206", "221"])))
    out.append(("收支总表 事业收入 = 收入表", g(R, "income", "business_income"), sum(g(RS, "function", c, "business_income") for c in ["205", "206", "221"])))
    out.append(("收支总表 其他收入 = 收入表", g(R, "income", "other_income"), sum(g(RS, "function", c, "other_income") for c in ["205", "206", "221"])))
    return out
from decimal import Decimal as D
META = dict(
    department="西南大学", region="重庆市北碚区", fiscal_year=2021, doc_kind="budget", scope="department", unit="万元",
    tables=[
        (1, "", "西南大学收支预算总表", [6, 7], "revenue_expenditure_summary"),
        (2, "", "西南大学收入预算表", [7], "revenue_summary"),
        (3, "", "西南大学支出预算表", [8], "expenditure_summary"),
        (4, "", "西南大学财政拨款支出预算表", [9], "fiscal_grant_expenditure"),
    ],
    inconsistencies=[
        dict(page=9, where="三、（一）收支预算情况说明", printed="使用非财政拨款结余18,953.73万元", expected="18,953.78 (收支预算总表 p6, and the narrative itself on p10); 390,140.45+18,953.78+81,714.17 = 490,808.40", kind="narrative_mismatch"),
    ],
    notes=("University department budget (西南大学 with 附属中学 and 附属小学), 14pp, Word 2010 text PDF; tables pp6-9 (二、部门预算报表), narrative "
           "pp9-12, 名词解释 pp13-14. Units: 收支预算总表, 支出预算表 and 财政拨款支出预算表 print 单位：万元; the 收入预算表 (p7) prints no unit line; "
           "its 合计 row equals the 收支预算总表's income figures in 万元, so it is 万元 too. Amounts x10000 exactly. Every table has ruled cells; "
           "pdfplumber's grid and the layout text agree cell for cell. 收支预算总表 (p6, its 收入总计/支出总计 row alone on p7): income 一、财政拨款 "
           "216,552.53 (income/fiscal_appropriation), 二、事业收入 124,020.47 (business_income), 三、事业单位经营收入 blank, 四、其他收入 49,567.45 "
           "(other_income) 其中：捐赠收入 500.00 (income/donation_income, a part of 其他收入), 使用非财政拨款结余 18,953.78 (fund_offset), 上年结转 "
           "81,714.17 (carryover); expenditure 一、教育支出 398,593.09, 二、科学技术支出 1,512.90, 三、住房保障支出 15,702.41 (classes named without "
           "codes, coded 205/206/221), 结转下年 75,000.00 (none/year_end_carryover). The column is 预算数 (measure total). 收入预算表 (p7): columns "
           "本年收入合计 (total) | 财政拨款收入 (fiscal_appropriation) | 事业收入 金额 (business_income) | 事业收入 其中：教育收费 (education_fees) | "
           "其他收入 (other_income); 20508 进修及培训 has no income row (it is paid from carry-over). 支出预算表 (p8): 合计 | 基本支出 | 项目支出 | 经营支出 "
           "| 对下级单位补助支出; the last two are blank throughout. 财政拨款支出预算表 (p9): 合计 | 基本支出 | 项目支出 | 备注 (备注 blank). "
           "2060204 is printed 实验室及相关设施 (the current name in function_codes.csv is 重大科学工程; a name note, not an amount). OMITTED totals: "
           "本年收入合计 390,140.45, 本年支出合计 415,808.40, 收入总计 = 支出总计 490,808.40; 收入预算表 合计 390,140.45 / 216,552.53 / 124,020.47 / "
           "75,020.47 / 49,567.45; 支出预算表 合计 415,808.40 / 326,582.94 / 89,225.46; 财政拨款支出预算表 合计 216,552.53 / 186,524.30 / 30,028.23. "
           "ARITHMETIC (all closes): parents = Σ children in every column of the three coded tables, classes = 合计; every row of the 收入预算表 "
           "total = 财政拨款 + 事业收入 + 其他收入, 教育收费 <= 事业收入; every row of the 支出/财政拨款支出 tables total = basic + project; "
           "216,552.53+124,020.47+49,567.45 = 390,140.45; +18,953.78+81,714.17 = 490,808.40 = 415,808.40+75,000.00; the summary's classes = the "
           "支出预算表's; the 收入预算表's 财政拨款收入 column = the 财政拨款支出预算表's 合计 row by row. The narrative's shares (44.12%, 25.27%, "
           "10.10%, 3.86%, 16.65%; 81.21%, 0.31%, 3.2%, 15.28%; 95.96%, 0.7%, 3.34%) and changes (-1,106.89 = -6,331.03+2,110.3+3,113.84; "
           "-2,219.02 = -1,505.49+166.77-1,206+325.7; -6,331.03 = -6,505.48+166.77+7.68) all close; the one slip is under `inconsistencies`."),
)
