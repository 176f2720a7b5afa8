//! What a narrative figure's subject names in the tables, family by family of subjects: a
//! `类/款/项` path, the 三公 figures, the document's totals, spending purposes, income sources,
//! and classes by name.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;
use yusuan_model::{IncomeSource, Location, Measure, Scheme, TableKind};

use crate::codes::Codes;
use crate::narrative::{Fact, Section};
use crate::tables::data::year_side;
use crate::tables::figures::{by_code, fig, grand_total, sum, table_total, Fig};
use crate::tables::income::income_id;
use crate::tables::measure::three_public_measure;
use crate::tables::ReadTable;

/// A subject resolved: a label for the check, and the figure in every table that prints it.
pub(crate) type Resolved = (String, Vec<Fig>);

/// What one family of subjects makes of a fact: `None` when the subject is not of the family,
/// `Some(None)` when it is but no table prints the figure.
type Step = Option<Option<Resolved>>;

/// The tables of one document, looked up by kind.
struct Tables<'a> {
    tables: &'a [ReadTable],
    codes: &'a Codes<'a>,
}

impl<'a> Tables<'a> {
    /// The first table of a kind that prints anything.
    fn find(&self, k: TableKind) -> Option<&'a ReadTable> {
        self.tables
            .iter()
            .find(|t| t.info.kind == k && !t.info.empty)
    }

    /// A table's total on one side in one measure.
    fn total(&self, k: TableKind, side: &str, m: Measure) -> Option<Fig> {
        self.find(k).and_then(|t| table_total(t, side, m))
    }

    /// A table's figure of one class in one measure.
    fn class_total(&self, k: TableKind, class: &str, m: Measure) -> Option<Fig> {
        self.find(k)
            .and_then(|t| by_code(t).get(class)?.get(&m).copied())
    }

    /// The 收支总表's year total of a side (本年收入合计), where it prints one beside the grand
    /// total: a budget that uses carry-overs gives both, and a narrative may name either.
    fn year_total(&self, side: &str) -> Option<Fig> {
        let t = self.find(TableKind::RevenueExpenditureSummary)?;
        let v = t.data.totals.get(&(year_side(side), Measure::Total))?;
        Some(fig(t, v, 0))
    }
}

/// The figures found, if any.
fn some(figs: Vec<Option<Fig>>) -> Option<Vec<Fig>> {
    let v: Vec<Fig> = figs.into_iter().flatten().collect();
    (!v.is_empty()).then_some(v)
}

/// What a subject names in the tables: a label for the check, and the figure in every table
/// that prints it (a narrative figure that agrees with one of them does not contradict the
/// tables; a disagreement between the tables is `cross_table`'s to report). Each family of
/// subjects is tried in turn; the first that recognises the subject decides.
pub(crate) fn resolve(fact: &Fact, tables: &[ReadTable], codes: &Codes<'_>) -> Option<Resolved> {
    let s = fact.subject.as_str();
    // A figure inside a reason (原因是从会议费预算中调减403.75万元) is the size of a change, not
    // the level of what it names.
    if ["原因", "主要原因", "主要是", "由于"]
        .iter()
        .any(|r| s.starts_with(r))
    {
        return None;
    }
    let t = Tables { tables, codes };
    class_path(fact, &t)
        .or_else(|| three_public(fact, &t, tables))
        .or_else(|| document_totals(fact, &t))
        .or_else(|| spending_purpose(fact, &t))
        .or_else(|| income_source(fact, &t))
        .unwrap_or_else(|| class_by_name(fact, &t))
}

/// A `X（类）Y（款）Z（项）` path, or a class alone named by its name (`一般公共服务支出（类）` →
/// `一般公共服务支出`). The class is named under 一般公共预算支出 in most templates, under the
/// year's whole spending (支出预算总计 … 包括：公共安全（类）支出) in others: any table that
/// prints it.
fn class_path(fact: &Fact, t: &Tables<'_>) -> Step {
    use TableKind as K;
    let s = fact.subject.as_str();
    if !s.contains("（类）") && !s.contains("(类)") {
        return None;
    }
    let class_only = s.trim_end_matches("（类）").trim_end_matches("(类)");
    let label = if class_only.contains('（') || class_only.contains('(') {
        s
    } else {
        class_only
    };
    let figs: Vec<Fig> = [
        K::GeneralBudgetExpenditure,
        K::FiscalGrantExpenditure,
        K::ExpenditureSummary,
        K::RevenueExpenditureSummary,
    ]
    .into_iter()
    .filter_map(|k| path_figure(s, t.find(k)?, t.codes))
    .collect();
    Some((!figs.is_empty()).then(|| (label.to_string(), figs)))
}

/// A figure of the 三公 section: the total or one of its parts. A 决算 table prints 预算数 and
/// 决算数 for every part: the figure is compared with the column its wording names (决算 unless
/// it says 预算).
fn three_public(fact: &Fact, t: &Tables<'_>, tables: &[ReadTable]) -> Step {
    if fact.section != Section::ThreePublic {
        return None;
    }
    let s = fact.subject.as_str();
    Some((|| {
        let measure = if s.contains("三公") {
            Measure::Total
        } else {
            three_public_measure(&[s.to_string()])?
        };
        if measure == Measure::Total && !s.contains("三公") || measure == Measure::RunningCosts {
            return None;
        }
        let label = if measure == Measure::Total {
            "三公经费".to_string()
        } else {
            s.to_string()
        };
        let Some(table) = t.find(TableKind::ThreePublic) else {
            return empty_three_public(fact, tables).map(|nothing| (label, vec![nothing]));
        };
        let row = table.data.rows.first()?;
        let measure = if table.info.final_accounts {
            measure.three_public_stage(fact.stage.unwrap_or(true))
        } else {
            measure
        };
        Some((label, vec![fig(table, row.values.get(&measure)?, row.row)]))
    })())
}

/// A 三公 table printed empty while the text gives a figure: the table shows nothing of what the
/// text says was there (a figure of zero where the table is).
fn empty_three_public(fact: &Fact, tables: &[ReadTable]) -> Option<Fig> {
    let empty = tables
        .iter()
        .find(|t| t.info.kind == TableKind::ThreePublic && t.info.empty)?;
    if fact.amount_yuan().is_none_or(|a| a.is_zero()) {
        return None;
    }
    Some(Fig {
        yuan: Decimal::ZERO,
        tolerance: Decimal::ZERO,
        loc: Location {
            page: empty.info.page,
            table_no: Some(empty.info.table_no),
            row: None,
            col: None,
        },
    })
}

/// The document's totals: 收入支出总计 (with a 决算's carry-overs), 本年收入合计, 本年支出合计,
/// 收支总预算, 收入预算, 支出预算, 一般公共预算拨款合计. `收入预算` and `上海市普陀区财政局支出预算`
/// name them, but not `财政拨款支出预算` or `政府性基金拨款支出预算`: those are parts of the total.
fn document_totals(fact: &Fact, t: &Tables<'_>) -> Step {
    use TableKind as K;
    let s = fact.subject.as_str();
    let qualified = ["拨款", "基金", "资本经营", "一般公共"]
        .iter()
        .any(|q| s.contains(q));
    let ends = |w: &str| s.ends_with(w) && !qualified;
    let total = |k, side, m| t.total(k, side, m);
    let (label, figs) = if s.ends_with("收入支出总计") || s.ends_with("收支总计") {
        let fiscal = fact.section == Section::FiscalGrant || s.contains("财政拨款");
        let (k, label) = if fiscal {
            (K::FiscalGrantSummary, "财政拨款收入支出总计")
        } else {
            (K::RevenueExpenditureSummary, "收入支出总计")
        };
        let grand = |side| t.find(k).and_then(|t| grand_total(t, side, Measure::Total));
        (label, vec![grand("income"), grand("expenditure")])
    } else if let Some((side, label)) = side_total(s, qualified, fact.section) {
        let one_sided = if side == "income" {
            K::RevenueSummary
        } else {
            K::ExpenditureSummary
        };
        let figs = vec![
            total(K::RevenueExpenditureSummary, side, Measure::Total),
            total(one_sided, "", Measure::Total),
            t.year_total(side),
        ];
        (label, figs)
    } else if ends("收支总预算") || ends("收支预算") {
        let figs = if fact.section == Section::FiscalGrant {
            vec![total(K::FiscalGrantSummary, "income", Measure::Total)]
        } else {
            vec![
                total(K::RevenueExpenditureSummary, "income", Measure::Total),
                total(K::RevenueExpenditureSummary, "expenditure", Measure::Total),
            ]
        };
        ("收支总预算", figs)
    } else if fact.section == Section::GeneralBudget && s.ends_with("拨款合计") {
        let figs = vec![
            total(K::GeneralBudgetExpenditure, "", Measure::Total),
            total(
                K::FiscalGrantSummary,
                "expenditure",
                Measure::GeneralPublicBudget,
            ),
        ];
        ("一般公共预算拨款合计", figs)
    } else {
        return None;
    };
    Some(some(figs).map(|figs| (label.to_string(), figs)))
}

/// The year's total of one side that a subject names, with its label: 本年收入合计 and 收入预算
/// (in the sections on income or on the whole), 本年支出合计 and 支出预算 (on spending or the
/// whole).
fn side_total(s: &str, qualified: bool, section: Section) -> Option<(&'static str, &'static str)> {
    if qualified {
        return None;
    }
    let overall = section == Section::Overall;
    if s.ends_with("本年收入合计") {
        Some(("income", "本年收入合计"))
    } else if s.ends_with("收入预算") && (overall || section == Section::Income) {
        Some(("income", "收入预算"))
    } else if s.ends_with("本年支出合计") {
        Some(("expenditure", "本年支出合计"))
    } else if s.ends_with("支出预算") && (overall || section == Section::Expenditure) {
        Some(("expenditure", "支出预算"))
    } else {
        None
    }
}

/// 基本支出 and 项目支出 (of the general budget or of all spending), 人员经费 and 公用经费.
fn spending_purpose(fact: &Fact, t: &Tables<'_>) -> Step {
    use TableKind as K;
    let s = fact.subject.as_str();
    for (words, measure) in [
        (["基本支出", "一般公共预算基本支出"], Measure::Basic),
        (["项目支出", "一般公共预算项目支出"], Measure::Project),
    ] {
        if words.contains(&s) {
            let figs = match fact.section {
                Section::GeneralBudget => vec![
                    t.total(K::GeneralBudgetExpenditure, "", measure),
                    t.total(
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
                    vec![t.total(K::ExpenditureSummary, "", measure)]
                }
                _ => return Some(None),
            };
            return Some(some(figs).map(|figs| (words[0].to_string(), figs)));
        }
    }
    if fact.section == Section::GeneralBudget && (s == "人员经费" || s == "公用经费") {
        let measure = if s == "人员经费" {
            Measure::Personnel
        } else {
            Measure::PublicUse
        };
        let fig = t.total(K::GeneralBudgetBasicExpenditure, "", measure);
        return Some(fig.map(|f| (s.to_string(), vec![f])));
    }
    None
}

/// A source of income (一般公共预算拨款收入, 事业收入 …) on the summary the section describes.
fn income_source(fact: &Fact, t: &Tables<'_>) -> Step {
    let s = fact.subject.as_str();
    if s.contains("支出") || s.contains("合计") {
        return None;
    }
    let id = income_id(s)?;
    Some((|| {
        let table = match fact.section {
            Section::Overall | Section::Income => t.find(TableKind::RevenueExpenditureSummary),
            Section::FiscalGrant => t.find(TableKind::FiscalGrantSummary),
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
        Some((
            label,
            vec![fig(table, row.values.get(&Measure::Total)?, row.row)],
        ))
    })())
}

/// A function class named by its name (`教育支出`): in the general budget's tables for the
/// sections about it, else in the summaries.
fn class_by_name(fact: &Fact, t: &Tables<'_>) -> Option<Resolved> {
    use TableKind as K;
    let class = t.codes.function_class_by_name(&fact.subject)?;
    let figs = if matches!(fact.section, Section::GeneralBudget | Section::FiscalGrant) {
        vec![
            t.class_total(K::GeneralBudgetExpenditure, class, Measure::Total),
            t.class_total(K::FiscalGrantSummary, class, Measure::GeneralPublicBudget),
        ]
    } else {
        vec![
            t.class_total(K::ExpenditureSummary, class, Measure::Total),
            t.class_total(K::RevenueExpenditureSummary, class, Measure::Total),
        ]
    };
    Some((t.codes.name(class).to_string(), some(figs)?))
}

/// The general-budget figure of a `类（类）款（款）项（项）、项（项）` path (several 项 are summed).
pub(crate) fn path_figure(path: &str, gbe: &ReadTable, codes: &Codes<'_>) -> Option<Fig> {
    static PART: OnceLock<Regex> = OnceLock::new();
    let re = PART
        .get_or_init(|| Regex::new(r"([^（）()、，]+)[（(](类|款|项)[）)]").expect("valid regex"));
    let mut class: Option<String> = None;
    let mut kuan: Option<String> = None;
    let mut items: Vec<String> = Vec::new();
    for c in re.captures_iter(path) {
        let name = c[1].trim_start_matches(['、', '，']);
        match &c[2] {
            "类" => class = codes.function_class_by_name(name).map(String::from),
            "款" => {
                kuan = codes
                    .codes_named(name, class.as_deref()?, 5)
                    .first()
                    .map(|c| c.to_string())
            }
            _ => items.push(
                codes
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
