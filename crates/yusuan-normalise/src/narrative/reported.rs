//! Other matters the explanation reports: 机关运行经费, 政府采购 (goods, works, services),
//! vehicles and large equipment, the 三公 explanation, and each project's description
//! (项目名称, 设立的政策依据, 预算安排规模, 项目承担单位, 资金执行时间), matched to its row in the
//! project table.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{LineItem, Measure, NarrativeFact, Project, Reported, TableKind};

use crate::codes::{dice, normalise_name};
use crate::text::squash;

/// The reported fields, from the narrative's facts and paragraphs.
pub(crate) fn read_reported(facts: &[NarrativeFact], paragraphs: &[String]) -> Reported {
    let amount = |pred: &dyn Fn(&str) -> bool| {
        facts
            .iter()
            .find(|f| pred(&f.subject))
            .and_then(|f| f.amount_yuan)
    };
    let procurement = |kind: &str| amount(&|s: &str| s.contains("政府采购") && s.contains(kind));
    static RES: OnceLock<[Regex; 3]> = OnceLock::new();
    let [vehicles, over_500k, over_1m] = RES.get_or_init(|| {
        [
            r"车辆\s*([0-9]+)\s*辆",
            r"50万元以上(?:的)?大型设备\s*([0-9]+)\s*[台套]",
            r"100万元以上(?:的)?大型设备\s*([0-9]+)\s*[台套]",
        ]
        .map(|p| Regex::new(p).expect("valid regex"))
    });
    let count = |re: &Regex| {
        paragraphs
            .iter()
            .find_map(|p| re.captures(p).and_then(|c| c[1].parse().ok()))
    };
    let three_public: Vec<&String> = {
        let start = paragraphs
            .iter()
            .position(|p| p.contains("三公") && p.contains("说明") && p.chars().count() < 60);
        match start {
            Some(i) => paragraphs[i + 1..]
                .iter()
                .take_while(|p| !(p.chars().count() < 60 && p.contains("说明")))
                .collect(),
            None => Vec::new(),
        }
    };
    Reported {
        running_costs_yuan: amount(&|s: &str| s.contains("机关运行经费")),
        procurement_yuan: amount(&|s: &str| {
            s.contains("政府采购")
                && !["货物", "工程", "服务", "预留", "中小"]
                    .iter()
                    .any(|k| s.contains(k))
        }),
        procurement_goods_yuan: procurement("货物"),
        procurement_works_yuan: procurement("工程"),
        procurement_services_yuan: procurement("服务"),
        vehicles: count(vehicles),
        vehicles_value_yuan: facts
            .iter()
            .find(|f| f.sentence.contains("车辆") && f.subject.contains("价值"))
            .and_then(|f| f.amount_yuan),
        equipment_over_500k: count(over_500k),
        equipment_over_1m: count(over_1m),
        three_public_explanation: three_public
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The projects the explanation describes, each matched to the project table by name.
pub(crate) fn read_projects(
    paragraphs: &[String],
    facts: &[NarrativeFact],
    items: &[LineItem],
) -> Vec<Project> {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let field = FIELD.get_or_init(|| {
        Regex::new(r"(项目名称|设立的政策依据|政策依据|预算安排规模|项目承担单位|资金执行时间|实施周期|执行时间)\s*[：:]\s*(.*)$")
            .expect("valid regex")
    });
    let mut out: Vec<Project> = Vec::new();
    let mut in_policy = false;
    for p in paragraphs {
        let Some(c) = field.captures(p) else {
            // A policy basis broken over two paragraphs continues until the next field.
            let heading = p.starts_with(|ch: char| "一二三四五六七八九十".contains(ch));
            match out.last_mut() {
                Some(project) if in_policy && !heading => project.policy_basis.push_str(p.trim()),
                _ => in_policy = false,
            }
            continue;
        };
        in_policy = matches!(&c[1], "设立的政策依据" | "政策依据");
        let value = c[2].trim().to_string();
        if &c[1] == "项目名称" {
            out.push(Project {
                name: value,
                ..Project::default()
            });
            continue;
        }
        let Some(project) = out.last_mut() else {
            continue;
        };
        match &c[1] {
            "设立的政策依据" | "政策依据" => project.policy_basis = value,
            "项目承担单位" => project.implementing_unit = value,
            "资金执行时间" | "实施周期" | "执行时间" => project.period = value,
            _ => {
                project.amount_yuan = facts
                    .iter()
                    .find(|f| f.sentence.contains(p.trim()) || p.contains(&f.sentence))
                    .and_then(|f| f.amount_yuan)
            }
        }
    }
    let rows: Vec<&LineItem> = items
        .iter()
        .filter(|i| {
            i.table.kind == TableKind::GeneralBudgetProjectExpenditure
                && !i.project.is_empty()
                && i.measure == Measure::Total
        })
        .collect();
    for project in &mut out {
        let want = normalise_name(&project.name);
        let best = rows
            .iter()
            .map(|r| {
                (
                    r,
                    if normalise_name(&r.project) == want {
                        1.0
                    } else {
                        dice(&normalise_name(&r.project), &want)
                    },
                )
            })
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((row, _)) = best {
            project.code = row.code.clone();
            project.table_amount_yuan = Some(row.amount_yuan);
            if squash(&row.project) != squash(&project.name) {
                project.table_name = row.project.clone();
            }
        }
    }
    out
}
