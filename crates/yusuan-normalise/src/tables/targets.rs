//! Reading 项目支出绩效目标表: one [`PerformanceTarget`] per indicator.
//!
//! The form names its project in a `项目名称 | …` row, then has a header row with 一级指标,
//! 二级指标, 三级指标 and 指标值, and one row per indicator; blank 一级/二级 cells repeat the row
//! above. A grid that holds several forms (two forms printed back to back on one PDF page) starts
//! a new project at each `项目名称` row. The value cell (`>=98%`, `≤2天`, `2022年12月31日`,
//! `长期`) is split into a comparator, a number and its unit where it has them.

use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::PerformanceTarget;

use crate::segment::grid::Dense;
use crate::text::clean;
use crate::text::squash;

/// Column positions of the indicator header, in a grid of `width` columns.
struct Columns {
    level1: usize,
    level2: usize,
    indicator: usize,
    value: usize,
    width: usize,
}

fn header_columns(row: &[String]) -> Option<Columns> {
    let find = |pred: &dyn Fn(&str) -> bool| row.iter().position(|t| pred(&squash(t)));
    Some(Columns {
        level1: find(&|t| t.starts_with("一级指标"))?,
        level2: find(&|t| t.starts_with("二级指标"))?,
        indicator: find(&|t| t.starts_with("三级指标"))?,
        value: find(&|t| t.starts_with("指标值") || t.contains("目标值"))?,
        width: row.len(),
    })
}

/// The project named in a `项目名称 | name` row, if this row is one.
fn project_name(row: &[String]) -> Option<String> {
    let at = row.iter().position(|t| squash(t) == "项目名称")?;
    row[at + 1..]
        .iter()
        .map(|t| clean(t))
        .find(|t| !t.is_empty() && squash(t) != "项目名称")
}

/// Reads performance-target forms; kept across grids so that a form broken by a page break
/// (its rest printed as a grid of its own, with or without the header repeated) reads on.
#[derive(Default)]
pub(crate) struct TargetReader {
    project: String,
    columns: Option<Columns>,
    level1: String,
    level2: String,
    /// The grid's last indicator, when its value cell is empty: the rest of the row may come on
    /// the next page.
    pending: Option<PerformanceTarget>,
}

impl TargetReader {
    /// The indicator held back at the end of the last grid, if any.
    pub(crate) fn flush(&mut self) -> Option<PerformanceTarget> {
        self.pending.take()
    }

    fn target(&self, indicator: String, value: String) -> PerformanceTarget {
        let (operator, number, unit) = split_value(&value);
        PerformanceTarget {
            project: self.project.clone(),
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            indicator,
            operator,
            value: number,
            unit,
            text: value,
        }
    }

    /// Read every indicator of a grid.
    pub(crate) fn read(&mut self, d: &Dense) -> Vec<PerformanceTarget> {
        let mut out = Vec::new();
        let mut first_data_row = true;
        // The rest of a form on the next page may be ruled differently and repeat no header:
        // its columns are then the four of an indicator row, in order.
        let width = d.full.first().map_or(0, Vec::len);
        if let Some(c) = &self.columns {
            if c.width != width && width >= 4 {
                self.columns = Some(Columns {
                    level1: 0,
                    level2: 1,
                    indicator: 2,
                    value: width - 1,
                    width,
                });
            }
        }
        for row in &d.full {
            if let Some(name) = project_name(row) {
                self.project = name;
                self.columns = None;
                continue;
            }
            if let Some(c) = header_columns(row) {
                self.columns = Some(c);
                self.level1.clear();
                self.level2.clear();
                continue;
            }
            let Some(c) = &self.columns else { continue };
            let cell = |i: usize| row.get(i).map(|t| clean(t)).unwrap_or_default();
            let (l1, l2, indicator, value) = (
                cell(c.level1),
                cell(c.level2),
                cell(c.indicator),
                cell(c.value),
            );
            if !l1.is_empty() {
                self.level1 = l1;
            }
            if !l2.is_empty() {
                self.level2 = l2;
            }
            if indicator.is_empty() && value.is_empty() {
                continue;
            }
            let levels_blank = cell(c.level1).is_empty() && cell(c.level2).is_empty();
            if let Some(mut held) = self.pending.take() {
                if first_data_row && levels_blank {
                    // The rest of a row broken by the page: join it.
                    let whole = self.target(format!("{}{indicator}", held.indicator), value);
                    held = PerformanceTarget {
                        project: held.project,
                        level1: held.level1,
                        level2: held.level2,
                        ..whole
                    };
                    out.push(held);
                    first_data_row = false;
                    continue;
                }
                out.push(held);
            }
            first_data_row = false;
            out.push(self.target(indicator, value));
        }
        if out.last().is_some_and(|t| t.text.is_empty()) {
            self.pending = out.pop();
        }
        out
    }
}

/// Split a value cell into comparator, number and unit; text without a number stays whole.
pub(crate) fn split_value(text: &str) -> (String, String, String) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(>=|<=|≥|≤|＞=|＜=|>|<|＞|＜|=|＝)?\s*([0-9]+(?:\.[0-9]+)?)\s*(.*)$")
            .expect("valid regex")
    });
    let t = text.trim();
    let Some(c) = re.captures(t) else {
        return (String::new(), t.to_string(), String::new());
    };
    let unit = c[3].trim().to_string();
    // A date or a sentence that merely starts with a number is text, not a measure.
    if unit.chars().count() > 6 || unit.contains('年') && unit.contains('月') {
        return (String::new(), t.to_string(), String::new());
    }
    let operator = match c.get(1).map(|m| m.as_str()) {
        Some(">=" | "≥" | "＞=") => ">=",
        Some("<=" | "≤" | "＜=") => "<=",
        Some(">" | "＞") => ">",
        Some("<" | "＜") => "<",
        _ => "=",
    };
    (operator.to_string(), c[2].to_string(), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> (String, String, String) {
        split_value(v)
    }

    #[test]
    fn value_cells() {
        assert_eq!(s(">=98%"), (">=".into(), "98".into(), "%".into()));
        assert_eq!(s("=1个"), ("=".into(), "1".into(), "个".into()));
        assert_eq!(s("≤2天"), ("<=".into(), "2".into(), "天".into()));
        assert_eq!(s("<=20万元"), ("<=".into(), "20".into(), "万元".into()));
        assert_eq!(
            s("2022年12月31日"),
            ("".into(), "2022年12月31日".into(), "".into())
        );
        assert_eq!(s("长期"), ("".into(), "长期".into(), "".into()));
        assert_eq!(s("100%"), ("=".into(), "100".into(), "%".into()));
    }

    #[test]
    fn forms_with_inherited_levels_and_two_projects() {
        let rows: Vec<Vec<&str>> = vec![
            vec![
                "项目支出绩效目标表",
                "项目支出绩效目标表",
                "项目支出绩效目标表",
                "项目支出绩效目标表",
            ],
            vec!["预算单位", "某局", "项目名称", "甲项目"],
            vec![
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值（包含数字及文字描述）",
            ],
            vec!["产出指标", "数量指标", "建成平台数量", "=1个"],
            vec!["", "质量指标", "验收合格率", ">=98%"],
            vec!["效益指标", "经济效益指标", "", ""],
            vec!["预算单位", "某局", "项目名称", "乙项目"],
            vec!["一级指标", "二级指标", "三级指标", "指标值"],
            vec!["满意度指标", "满意度指标", "群众满意度", ">=90%"],
        ];
        let t = yusuan_model::Table::from_rows(&rows);
        let got = TargetReader::default().read(&Dense::new(&t));
        assert_eq!(got.len(), 3);
        assert_eq!(
            (
                got[1].project.as_str(),
                got[1].level1.as_str(),
                got[1].level2.as_str()
            ),
            ("甲项目", "产出指标", "质量指标")
        );
        assert_eq!(
            (
                got[1].indicator.as_str(),
                got[1].operator.as_str(),
                got[1].value.as_str(),
                got[1].unit.as_str()
            ),
            ("验收合格率", ">=", "98", "%")
        );
        assert_eq!(got[2].project, "乙项目");
    }
}
