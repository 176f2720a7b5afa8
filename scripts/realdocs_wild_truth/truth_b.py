# File b: 江苏省人民检察院2018年部门预算 (31 pages; tables pp13-23, 万元)
FILE = "江苏省人民检察院__2018年省检察院部门预算公开"
I = []
def add(page, table, scheme, code, project, measure, amt):
    I.append((page, table, scheme, code, project, measure, amt))
T = []
t = "revenue_expenditure_summary"  # 公开01表 p13-14
add(13, t, "income", "fiscal_appropriation", "", "total", "21,940.96")
add(13, t, "income", "general_public_budget", "", "total", "21,940.96")
add(13, t, "income", "other_funds", "", "total", "14.39")
add(13, t, "function", "204", "", "total", "16,458.75")
add(13, t, "function", "208", "", "total", "1,836.22")
add(14, t, "function", "221", "", "total", "3,660.38")
add(13, t, "none", "basic_expenditure", "", "total", "13,994.31")
add(13, t, "none", "project_expenditure", "", "total", "5,573.00")
add(13, t, "none", "reserve_fund", "", "total", "2,388.04")
T += [(14, "当年收入小计", "21,955.35"), (14, "收入合计", "21,955.35"), (14, "当年支出小计", "21,955.35"), (14, "支出合计", "21,955.35")]
t = "revenue_summary"  # 公开02表 p14
add(14, t, "income", "general_public_budget", "", "total", "21,940.96")
add(14, t, "income", "public_finance_grant", "", "total", "21,940.96")
add(14, t, "income", "other_funds", "", "total", "14.39")
add(14, t, "income", "other_income", "", "total", "14.39")
T += [(14, "收入总计", "21,955.35")]
t = "expenditure_summary"  # 公开03表 p15
add(15, t, "none", "", "", "total", "21,955.35")
add(15, t, "none", "", "", "basic", "13,994.31")
add(15, t, "none", "", "", "project", "5,573.00")
add(15, t, "none", "", "", "reserve_fund", "2,388.04")
t = "fiscal_grant_summary"  # 公开04表 p15
add(15, t, "income", "general_public_budget", "", "total", "21,940.96")
add(15, t, "none", "basic_expenditure", "", "total", "13,979.92")
add(15, t, "none", "project_expenditure", "", "total", "5,573.00")
add(15, t, "none", "reserve_fund", "", "total", "2,388.04")
T += [(15, "收入合计", "21,940.96"), (15, "支出合计", "21,940.96")]
FUNC = [("204", "16,444.36"), ("20404", "16,444.36"), ("2040401", "10,883.36"), ("2040402", "3,666.00"),
        ("2040405", "1895.00"), ("208", "1,836.22"), ("20805", "1,836.22"), ("2080504", "371.92"),
        ("2080505", "1,045.93"), ("2080506", "418.37"), ("221", "3,660.38"), ("22102", "3,660.38"),
        ("2210201", "1,073.77"), ("2210202", "2,586.61")]
ECON = [("301", "10,204.52"), ("30101", "2,117.68"), ("30102", "5,081.98"), ("30103", "175.44"),
        ("30108", "1,045.93"), ("30109", "418.37"), ("30112", "78.09"), ("30113", "1,073.77"), ("30114", "49.68"),
        ("30199", "163.58"), ("302", "2,722.57"), ("30201", "130.00"), ("30205", "18.92"), ("30206", "262.00"),
        ("30207", "60.00"), ("30213", "65.00"), ("30215", "200.44"), ("30217", "36.50"), ("30218", "30.00"),
        ("30228", "128.00"), ("30229", "16.00"), ("30231", "267.80"), ("30239", "468.37"), ("30299", "994.54"),
        ("30211", "45.00"), ("303", "1,052.83"), ("30301", "428.51"), ("30302", "623.28"), ("30309", "1.04")]
# 公开05表 财政拨款支出预算表 p15-16 (rows 204..2040401 on p15)
for i, (c, a) in enumerate(FUNC): add(15 if i < 3 else 16, "fiscal_grant_expenditure", "function", c, "", "total", a)
T += [(15, "合计", "21,940.96")]
# 公开06表 财政拨款基本支出预算表 p16-17 (rows 301..30206 on p16)
for i, (c, a) in enumerate(ECON): add(16 if i < 14 else 17, "fiscal_grant_basic_expenditure", "economic", c, "", "total", a)
T += [(16, "合计", "13,979.92")]
# 公开07表 一般公共预算支出预算表 p17-18 (rows 204..2080506 on p17)
for i, (c, a) in enumerate(FUNC): add(17 if i < 10 else 18, "general_budget_expenditure", "function", c, "", "total", a)
T += [(17, "合计", "21,940.96")]
# 公开08表 一般公共预算基本支出预算表 p18-19 (rows 301..30239 on p18)
for i, (c, a) in enumerate(ECON): add(18 if i < 23 else 19, "general_budget_basic_expenditure", "economic", c, "", "total", a)
T += [(18, "合计", "13,979.92")]
t = "three_public"  # 公开09表 p19
add(19, t, "none", "", "", "total_with_meeting_training", "1,384.74")
add(19, t, "none", "", "", "total", "484.30")
add(19, t, "none", "", "", "overseas_travel", "100.00")
add(19, t, "none", "", "", "vehicles", "267.80")
add(19, t, "none", "", "", "vehicle_operation", "267.80")
add(19, t, "none", "", "", "reception", "116.50")
add(19, t, "none", "", "", "meeting", "200.44")
add(19, t, "none", "", "", "training", "700.00")
# 公开10表 政府性基金支出预算表 p19: 此表为空
# 公开11表 一般公共预算机关运行经费支出预算表 p20
for c, a in ECON[10:25]: add(20, "general_budget_running_costs", "economic", c, "", "total", a)
T += [(20, "合计", "2,722.57")]
t = "procurement"  # 公开12表 政府采购支出预算表 p20-23
add(20, t, "none", "", "", "procurement_goods", "268.00")
add(21, t, "none", "", "", "procurement_services", "2,828.24")
T += [(20, "合计", "3,096.24")]
NET = "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费"
G, S = "procurement_goods", "procurement_services"
P = [
    (20, G, NET, "31007", "60.00", [("PC服务器", "部门集中采购", "40.00", 20), ("交换设备", "分散自行组织", "20.00", 20)]),
    (21, G, NET, "31003", "40.00", [("政法、检测专用设备", "分散自行组织", "20.00", 21), ("其他专用设备", "分散自行组织", "20.00", 21)]),
    (21, G, "办公、办案设备更新购置费", "31002", "146.00", [
        ("台式计算机（20万以上）", "部门集中采购", "27.00", 21), ("便携式计算机（20万以下）", "分散自行组织", "16.00", 21),
        ("打印设备（20万以下）", "分散自行组织", "15.00", 21), ("复印机", "分散自行组织", "8.00", 21),
        ("其他办公设备", "分散自行组织", "60.00", 21), ("家具用具", "分散自行组织", "20.00", 21)]),
    (21, G, "办公办案设备更新购置费", "31002", "12.00", [("台式计算机（20万以上）", "分散自行组织", "12.00", 21)]),
    (21, G, "办公设备购置", "31002", "10.00", [
        ("台式计算机（20万以下）", "政府集中采购", "1.60", 21), ("打印设备（20万以下）", "政府集中采购", "1.00", 21),
        ("空调机（总预算20万以下）", "分散自行组织", "7.40", 21)]),
    (21, S, NET, "31007", "60.00", [("软件开发服务", "分散自行组织", "40.00", 21), ("信息系统集成实施服务", "分散自行组织", "20.00", 21)]),
    (22, S, NET, "30213", "580.00", [
        ("数据处理服务", "分散自行组织", "100.00", 22), ("运行维护服务", "分散自行组织", "270.00", 22),
        ("信息技术咨询服务", "分散自行组织", "100.00", 22), ("其他信息技术服务", "分散自行组织", "110.00", 22)]),
    (22, S, NET, "30214", "480.00", [
        ("电信服务", "分散自行组织", "320.00", 22), ("互联网信息服务", "分散自行组织", "70.00", 22),
        ("其他电信和信息传输服务", "分散自行组织", "90.00", 22)]),
    (22, S, "网络运行维护费", "30213", "4.00", [("运行维护服务", "分散自行组织", "4.00", 22)]),
    (22, S, "网络运行维护费", "30214", "16.00", [("租赁服务（不带操作员）", "分散自行组织", "16.00", 22)]),
    (22, S, "交通运行费", "30231", "267.80", [("车辆维修和保养服务", "分散自行组织", "267.80", 22)]),
    (22, S, "物业管理费", "30213", "150.00", [
        ("空调、电梯维修和保养服务", "分散自行组织", "50.00", 22), ("其他维修和保养服务", "分散自行组织", "70.00", 22),
        ("环境服务", "分散自行组织", "30.00", 22)]),
    (22, S, "物业管理费", "30209", "370.00", [
        ("物业管理服务", "部门集中采购", "330.00", 22), ("物业管理服务", "分散自行组织", "20.00", 22),
        ("其他服务", "分散自行组织", "20.00", 22)]),
    (23, S, "商品和服务支出", "30215", "200.44", [("会议服务", "分散自行组织", "200.44", 23)]),
    (23, S, "检察教育培训经费", "30216", "700.00", [("教育服务", "分散自行组织", "700.00", 23)]),
]
TABLE_PAGES = list(range(13, 24))
from truth_a import CHECKS as _C
def CHECKS(V):
    g = lambda t, s, c, me="total": V[(t, s, c, "", me)]
    out = _C(V)
    out += [("02 other_funds = other_income", g("revenue_summary", "income", "other_funds"), g("revenue_summary", "income", "other_income")),
            ("02 other_funds = 01 other_funds", g("revenue_summary", "income", "other_funds"), g("revenue_expenditure_summary", "income", "other_funds")),
            ("01 basic - 04 basic = other funds", g("revenue_expenditure_summary", "none", "basic_expenditure") - g("fiscal_grant_summary", "none", "basic_expenditure"), g("revenue_summary", "income", "other_funds")),
            ("01 204 - 05 204 = other funds", g("revenue_expenditure_summary", "function", "204") - g("fiscal_grant_expenditure", "function", "204"), g("revenue_summary", "income", "other_funds"))]
    return out
META = dict(
    department="江苏省人民检察院", region="江苏省", fiscal_year=2018, doc_kind="budget", scope="department", unit="万元",
    tables=[
        (1, "公开 01 表", "收支预算总表", [13, 14], "revenue_expenditure_summary"),
        (2, "公开 02 表", "收入预算总表", [14], "revenue_summary"),
        (3, "公开 03 表", "支出预算总表", [15], "expenditure_summary"),
        (4, "公开 04 表", "财政拨款收支预算总表", [15], "fiscal_grant_summary"),
        (5, "公开 05 表", "财政拨款支出预算表", [15, 16], "fiscal_grant_expenditure"),
        (6, "公开 06 表", "财政拨款基本支出预算表", [16, 17], "fiscal_grant_basic_expenditure"),
        (7, "公开 07 表", "一般公共预算支出预算表", [17, 18], "general_budget_expenditure"),
        (8, "公开 08 表", "一般公共预算基本支出预算表", [18, 19], "general_budget_basic_expenditure"),
        (9, "公开 09 表", "一般公共预算“三公”经费、会议费、培训费支出预算表", [19], "three_public"),
        (10, "公开 10 表", "政府性基金支出预算表", [19], "government_fund_expenditure"),
        (11, "公开 11 表", "一般公共预算机关运行经费支出预算表", [20], "general_budget_running_costs"),
        (12, "公开 12 表", "政府采购支出预算表", [20, 21, 22, 23], "procurement"),
    ],
    inconsistencies=[
        dict(page=23, where="第三部分 一、收支预算总体情况说明", printed="与上年相比收、支预算总计各增加3,958.67万元，增长21.95%", expected="3,958.67 / (21,955.35 - 3,958.67) = 22.00%", kind="narrative_mismatch"),
        dict(page=23, where="一、（一）1.（1）一般公共预算收入预算", printed="与上年相比增加3,959.28万元", expected="3,958.98万元 as pp25, 26 and 28 give the same change of 财政拨款 (all of it 一般公共预算; the file has no 政府性基金); 3,959.28 - 0.61 (其他资金) = 3,958.67 agrees with p23's total instead: one of the two is wrong", kind="narrative_mismatch"),
        dict(page=26, where="五、（一）2.一般行政管理事务（项）", printed="增加21.8万元，增长0.06%", expected="21.8 / (3,666 - 21.8) = 0.60%", kind="narrative_mismatch"),
        dict(page=26, where="五、（一）3.公诉、审判、侦查、执行等检察监督支出（项）", printed="减少134万元，降幅0.66%", expected="134 / (1,895 + 134) = 6.60%", kind="narrative_mismatch"),
    ],
    notes=("Narrative + 12 tables (31pp, Word 2007 text PDF). Tables pp13-23, each headed 公开 NN 表：<title>, 部门：江苏省人民检察院, 单位：万元; "
           "amounts x10000 exactly. Several tables continue on the next page without repeating their header (01 p13-14, 05 p15-16, 06 p16-17, "
           "07 p17-18, 08 p18-19, 12 p20-23). p13 begins with the end of the narrative's 第一部分. The narrative (第三部分, pp23-30) starts on p23 "
           "under the last procurement rows. 公开01表: income 一、财政拨款 21,940.96 (fiscal_appropriation), 1.一般公共预算 21,940.96 "
           "(general_public_budget, the label wrapped over two lines: 1.一般公共预 / 算), 三、其他资金 14.39 (income/other_funds: Jiangsu's bucket of "
           "事业收入, 经营收入, 其他收入, 债务资金); the 功能分类 block names classes only (20 of them, 2018 names: 文化体育与传媒, 医疗卫生与计划生育, "
           "国土海洋气象等), printed ones coded from their names: 204 16,458.75, 208 1,836.22, 221 3,660.38 (on p14). 支出用途 block: basic_expenditure "
           "13,994.31, project_expenditure 5,573.00, reserve_fund 2,388.04 (三、单位预留机动经费, wrapped). 公开02表 (vertical tree): 一般公共预算资金 "
           "小计 21,940.96 (general_public_budget), 公共财政拨款(补助)资金 21,940.96 (public_finance_grant), 其他资金 小计 14.39 (other_funds), "
           "其他收入 14.39 (other_income); 收入总计 21,955.35 omitted; 债务资金(银行贷款) is blank. 公开03表: totals-only row (none, empty code): total "
           "21,955.35, basic 13,994.31, project 5,573.00, reserve_fund 2,388.04; 结转下年资金 blank. 公开04表: income general_public_budget 21,940.96; "
           "basic_expenditure 13,979.92 (= 13,994.31 - 14.39: the 其他资金 pay for basic spending), project_expenditure 5,573.00, reserve_fund 2,388.04. "
           "05 = 07 and 06 = 08 row by row; 11 repeats 08's 302 rows. 2040405 is printed 1895.00 without its thousands separator in 05 and 07; "
           "30211 差旅费 is printed after 30299 (out of code order) in 06, 08 and 11. 2040405 is printed 公诉、审判、侦查、执行等检察监督支出 "
           "where code_history.csv gives 公诉和审判监督 (valid to 2018); 2080504 is valid to 2018 (code_history.csv): name notes, not amounts. 公开09表 one row: 合计 1,384.74 (total_with_meeting_training), 小计 484.30 (total), "
           "因公出国（境）费 100.00, 公务用车购置及运行维护费 小计 267.80 (vehicles), 购置费 blank, 运行维护费 267.80, 公务接待费 116.50, 会议费 200.44, "
           "培训费 700.00 (pdfplumber splits 267.80 over two cells: 267.8|0). 公开10表 prints 此表为空 and 说明：本部门无相关收支项目 (no items). "
           "公开12表 (procurement), coded as in the 人大 2019 truth: categories 一、货物A 268.00 / 三、服务C 2,828.24; 专项 x 经济科目 rows coded from the "
           "经济科目 name (信息网络及软件购置更新 31007, 专用设备购置 31003, 办公设备购置 31002, 维修（护）费 30213, 租赁费 30214, 公务用车运行维护费 "
           "30231, 物业管理费 30209, 会议费 30215, 培训费 30216); a blank 专项名称 cell continues the 专项 above (merged cell, also across pages). "
           "The 专项 网络、电子检务、实验室、机要通道、档案数字化系统运行维护费 has rows in both categories (31007 60.00 in each); 物业管理服务 is bought two "
           "ways (部门集中采购 330.00, 分散自行组织 20.00) in one merged 品目 cell. OMITTED totals: 01 当年收入小计/收入合计/当年支出小计/支出合计 "
           "21,955.35; 02 收入总计 21,955.35; 04 收入合计/支出合计 21,940.96; 05/07 合计 21,940.96; 06/08 合计 13,979.92; 11 合计 2,722.57; 12 合计 "
           "3,096.24. ARITHMETIC (all closes): parents = Σ children in 05-08, 11; 21,940.96+14.39 = 21,955.35 = 16,458.75+1,836.22+3,660.38 = "
           "13,994.31+5,573.00+2,388.04; 04: 13,979.92+5,573.00+2,388.04 = 21,940.96; 204: 16,458.75-16,444.36 = 14.39; 三公 100+267.80+116.50 = "
           "484.30, +200.44+700.00 = 1,384.74; 货物 60+40+146+12+10 = 268, 服务 60+580+480+4+16+267.80+150+370+200.44+700 = 2,828.24, "
           "268+2,828.24 = 3,096.24; 2080505 = 30108, 2080506 = 30109, 2210201 = 30113; 会议费 200.44 = 30215; 运行维护费 267.80 = 30231. "
           "The narrative agrees with the tables on every level (21,955.35, 21,940.96, 14.39, classes, 项, 人员经费 11,257.35 = 301+303, 公用经费 "
           "2,722.57, 三公 shares, 采购 268 / 2,828.24) except the four statements under `inconsistencies` (rates and one change). Rounding-level, "
           "not listed: 基本支出 占 63.75% (63.74%) and 单位预留机动经费 占 10.87% (10.88%), forced so that the three shares add to 100%."),
)
