//! What a narrative figure's subject names in the tables: a label for the check, and the figure
//! in every table that prints it (a narrative figure that agrees with one of them does not
//! contradict the tables; a disagreement between the tables is `cross_table`'s to report).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{IncomeSource, Location, Measure, Scheme, TableKind};

use crate::codes::book;
use crate::narrative::{Fact, Section};
use crate::tables::data::year_side;
use crate::tables::figures::{by_code, fig, grand_total, sum, table_total, Fig};
use crate::tables::income::income_id;
use crate::tables::measure::three_public_measure;
use crate::tables::ReadTable;

/// What a subject names in the tables: a label for the check, and the figure in every table
/// that prints it (a narrative figure that agrees with one of them does not contradict the
/// tables; a disagreement between the tables is `cross_table`'s to report).
pub(crate) fn resolve(fact: &Fact, tables: &[ReadTable]) -> Option<(String, Vec<Fig>)> {
    use TableKind as K;
    let find = |k: TableKind| tables.iter().find(|t| t.info.kind == k && !t.info.empty);
    let total =
        |k: TableKind, side: &str, m: Measure| find(k).and_then(|t| table_total(t, side, m));
    let class_total = |k: TableKind, class: &str, m: Measure| {
        find(k).and_then(|t| by_code(t).get(class)?.get(&m).copied())
    };
    let some = |figs: Vec<Option<Fig>>| -> Option<Vec<Fig>> {
        let v: Vec<Fig> = figs.into_iter().flatten().collect();
        (!v.is_empty()).then_some(v)
    };
    let s = fact.subject.as_str();
    // A figure inside a reason (原因是从会议费预算中调减403.75万元) is the size of a change, not
    // the level of what it names.
    if ["原因", "主要原因", "主要是", "由于"]
        .iter()
        .any(|r| s.starts_with(r))
    {
        return None;
    }
    let general = matches!(fact.section, Section::GeneralBudget | Section::FiscalGrant);
    if s.contains("（类）") || s.contains("(类)") {
        // A class alone is named by its name (`一般公共服务支出（类）` → `一般公共服务支出`).
        let class_only = s.trim_end_matches("（类）").trim_end_matches("(类)");
        let label = if class_only.contains('（') || class_only.contains('(') {
            s
        } else {
            class_only
        };
        // The class is named under 一般公共预算支出 in most templates, under the year's whole
        // spending (支出预算总计 … 包括：公共安全（类）支出) in others: any table that prints it.
        let figs: Vec<Fig> = [
            K::GeneralBudgetExpenditure,
            K::FiscalGrantExpenditure,
            K::ExpenditureSummary,
            K::RevenueExpenditureSummary,
        ]
        .into_iter()
        .filter_map(|k| path_figure(s, find(k)?))
        .collect();
        return (!figs.is_empty()).then(|| (label.to_string(), figs));
    }
    if fact.section == Section::ThreePublic {
        let measure = if s.contains("三公") {
            Measure::Total
        } else {
            three_public_measure(&[s.to_string()])?
        };
        if measure == Measure::Total && !s.contains("三公") || measure == Measure::RunningCosts {
            return None;
        }
        let Some(t) = find(K::ThreePublic) else {
            // A 三公 table printed empty while the text gives a figure: the table shows nothing
            // of what the text says was there.
            let empty = tables
                .iter()
                .find(|t| t.info.kind == K::ThreePublic && t.info.empty)?;
            if fact.amount_yuan().is_none_or(|a| a.is_zero()) {
                return None;
            }
            let nothing = Fig {
                yuan: Decimal::ZERO,
                tolerance: Decimal::ZERO,
                loc: Location {
                    page: empty.info.page,
                    table_no: Some(empty.info.table_no),
                    row: None,
                    col: None,
                },
            };
            let label = if measure == Measure::Total {
                "三公经费".to_string()
            } else {
                s.to_string()
            };
            return Some((label, vec![nothing]));
        };
        let row = t.data.rows.first()?;
        let label = if measure == Measure::Total {
            "三公经费".to_string()
        } else {
            s.to_string()
        };
        // A 决算 table prints 预算数 and 决算数 for every part: the figure is compared with the
        // column its wording names (决算 unless it says 预算).
        let measure = if t.info.final_accounts {
            measure.three_public_stage(fact.stage.unwrap_or(true))
        } else {
            measure
        };
        return Some((label, vec![fig(t, row.values.get(&measure)?, row.row)]));
    }
    // `收入预算`, `上海市普陀区财政局支出预算`, but not `财政拨款支出预算` or `政府性基金拨款支出预算`:
    // those are parts of the total.
    let qualified = ["拨款", "基金", "资本经营", "一般公共"]
        .iter()
        .any(|q| s.contains(q));
    let ends = |w: &str| s.ends_with(w) && !qualified;
    // A 决算's totals: 收入支出总计 (with the carry-overs), 本年收入合计, 本年支出合计.
    if s.ends_with("收入支出总计") || s.ends_with("收支总计") {
        let grand =
            |k: TableKind, side: &str| find(k).and_then(|t| grand_total(t, side, Measure::Total));
        let fiscal = fact.section == Section::FiscalGrant || s.contains("财政拨款");
        let k = if fiscal {
            K::FiscalGrantSummary
        } else {
            K::RevenueExpenditureSummary
        };
        let label = if fiscal {
            "财政拨款收入支出总计"
        } else {
            "收入支出总计"
        };
        return Some((
            label.into(),
            some(vec![grand(k, "income"), grand(k, "expenditure")])?,
        ));
    }
    // The 收支总表's year total of a side (本年收入合计), where it prints one beside the grand
    // total: a budget that uses carry-overs gives both, and a narrative may name either.
    let year_total = |side: &str| {
        let t = find(K::RevenueExpenditureSummary)?;
        let v = t.data.totals.get(&(year_side(side), Measure::Total))?;
        Some(fig(t, v, 0))
    };
    if s.ends_with("本年收入合计") && !qualified {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "income", Measure::Total),
            total(K::RevenueSummary, "", Measure::Total),
            year_total("income"),
        ];
        return Some(("本年收入合计".into(), some(figs)?));
    }
    if s.ends_with("本年支出合计") && !qualified {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            total(K::ExpenditureSummary, "", Measure::Total),
            year_total("expenditure"),
        ];
        return Some(("本年支出合计".into(), some(figs)?));
    }
    if ends("收支总预算") || ends("收支预算") {
        let figs = if fact.section == Section::FiscalGrant {
            vec![total(K::FiscalGrantSummary, "income", Measure::Total)]
        } else {
            vec![
                total(K::RevenueExpenditureSummary, "income", Measure::Total),
                total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            ]
        };
        return Some(("收支总预算".into(), some(figs)?));
    }
    if ends("收入预算") && matches!(fact.section, Section::Income | Section::Overall) {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "income", Measure::Total),
            total(K::RevenueSummary, "", Measure::Total),
            year_total("income"),
        ];
        return Some(("收入预算".into(), some(figs)?));
    }
    if ends("支出预算") && matches!(fact.section, Section::Expenditure | Section::Overall) {
        let figs = vec![
            total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            total(K::ExpenditureSummary, "", Measure::Total),
            year_total("expenditure"),
        ];
        return Some(("支出预算".into(), some(figs)?));
    }
    if fact.section == Section::GeneralBudget && s.ends_with("拨款合计") {
        let figs = vec![
            total(K::GeneralBudgetExpenditure, "", Measure::Total),
            total(
                K::FiscalGrantSummary,
                "expenditure",
                Measure::GeneralPublicBudget,
            ),
        ];
        return Some(("一般公共预算拨款合计".into(), some(figs)?));
    }
    for (words, measure) in [
        (["基本支出", "一般公共预算基本支出"], Measure::Basic),
        (["项目支出", "一般公共预算项目支出"], Measure::Project),
    ] {
        if words.contains(&s) {
            let figs = match fact.section {
                Section::GeneralBudget => vec![
                    total(K::GeneralBudgetExpenditure, "", measure),
                    total(
                        if measure == Measure::Basic {
                            K::GeneralBudgetBasicExpenditure
                        } else {
                            K::GeneralBudgetProjectExpenditure
                        },
                        "",
                        Measure::Total,
                    ),
                ],
                Section::Expenditure | Section::Overall => {
                    vec![total(K::ExpenditureSummary, "", measure)]
                }
                _ => return None,
            };
            return Some((words[0].to_string(), some(figs)?));
        }
    }
    if fact.section == Section::GeneralBudget && (s == "人员经费" || s == "公用经费") {
        let measure = if s == "人员经费" {
            Measure::Personnel
        } else {
            Measure::PublicUse
        };
        return Some((
            s.to_string(),
            vec![total(K::GeneralBudgetBasicExpenditure, "", measure)?],
        ));
    }
    if !s.contains("支出") && !s.contains("合计") {
        if let Some(id) = income_id(s) {
            let table = match fact.section {
                Section::Overall | Section::Income => find(K::RevenueExpenditureSummary),
                Section::FiscalGrant => find(K::FiscalGrantSummary),
                _ => None,
            }?;
            let row = table
                .data
                .rows
                .iter()
                .find(|r| r.scheme == Scheme::Income && r.code == id.as_str())?;
            let label = if id == IncomeSource::GeneralPublicBudget {
                "一般公共预算".to_string()
            } else {
                s.to_string()
            };
            return Some((
                label,
                vec![fig(table, row.values.get(&Measure::Total)?, row.row)],
            ));
        }
    }
    let class = book().function_class_by_name(s)?;
    let figs = if general {
        vec![
            class_total(K::GeneralBudgetExpenditure, class, Measure::Total),
            class_total(K::FiscalGrantSummary, class, Measure::GeneralPublicBudget),
        ]
    } else {
        vec![
            class_total(K::ExpenditureSummary, class, Measure::Total),
            class_total(K::RevenueExpenditureSummary, class, Measure::Total),
        ]
    };
    Some((book().name(class).to_string(), some(figs)?))
}

/// The general-budget figure of a `类（类）款（款）项（项）、项（项）` path (several 项 are summed).
pub(crate) fn path_figure(path: &str, gbe: &ReadTable) -> Option<Fig> {
    static PART: OnceLock<Regex> = OnceLock::new();
    let re = PART
        .get_or_init(|| Regex::new(r"([^（）()、，]+)[（(](类|款|项)[）)]").expect("valid regex"));
    let mut class: Option<String> = None;
    let mut kuan: Option<String> = None;
    let mut items: Vec<String> = Vec::new();
    for c in re.captures_iter(path) {
        let name = c[1].trim_start_matches(['、', '，']);
        match &c[2] {
            "类" => class = book().function_class_by_name(name).map(String::from),
            "款" => {
                kuan = book()
                    .codes_named(name, class.as_deref()?, 5)
                    .first()
                    .map(|c| c.to_string())
            }
            _ => items.push(
                book()
                    .codes_named(name, kuan.as_deref()?, 7)
                    .first()?
                    .to_string(),
            ),
        }
    }
    let codes = by_code(gbe);
    let figs: Vec<Fig> = if items.is_empty() {
        vec![*codes
            .get(kuan.as_ref().or(class.as_ref())?)?
            .get(&Measure::Total)?]
    } else {
        items
            .iter()
            .map(|c| codes.get(c).and_then(|m| m.get(&Measure::Total)).copied())
            .collect::<Option<Vec<_>>>()?
    };
    sum(&figs)
}
