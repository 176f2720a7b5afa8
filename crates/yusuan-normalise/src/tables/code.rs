//! Reading classification codes in the forms they are printed.
//!
//! Codes come split over 类|款|项 columns (`201`, `03`, `01`), joined (`2010301`), fused with the
//! name (`[2010301]行政运行`, `201 一般公共服务支出`, `210卫生健康支出`, `201 03 01 行政运行`), or with
//! the 类/款 cells left blank on child rows, to be inherited from the rows above.

use crate::text::clean;

/// A code and the name printed beside it, split out of one label cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fused {
    /// The joined digits, if the cell starts with a plausible code.
    pub code: Option<String>,
    /// The rest of the cell: the name as printed, trimmed.
    pub name: String,
}

/// Whether a digit string is a plausible function (2xx) or economic (3xx, 5xx) code.
pub(crate) fn plausible_code(digits: &str) -> bool {
    matches!(digits.len(), 3 | 5 | 7)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(digits.as_bytes()[0], b'2' | b'3' | b'5')
}

/// Split a label cell into a leading code and the name after it.
pub(crate) fn split_fused(raw: &str) -> Fused {
    let s = clean(raw);
    let body = s.trim_start_matches(['[', '【', '(', '（']);
    let mut digits = String::new();
    let mut end = 0;
    let mut pending_space = false;
    for (i, ch) in body.char_indices() {
        if ch.is_ascii_digit() {
            if pending_space && digits.len() < 3 {
                break;
            }
            pending_space = false;
            digits.push(ch);
            end = i + 1;
        } else if (ch == ' ' || ch == '\u{3000}') && !digits.is_empty() {
            pending_space = true;
        } else {
            break;
        }
    }
    // `201 03 01 行政运行`: spaces between groups are allowed; a space then a name ends the code.
    if plausible_code(&digits) {
        let rest = body[end..].trim_start_matches([']', '】', ')', '）']);
        let name = rest
            .trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '—')
            .to_string();
        return Fused {
            code: Some(digits),
            name,
        };
    }
    Fused {
        code: None,
        name: s,
    }
}

/// Joins split 类|款|项 cells row by row, inheriting blank parent parts from the rows above.
#[derive(Debug, Default, Clone)]
pub(crate) struct SplitCodes {
    parts: [Option<String>; 3],
}

impl SplitCodes {
    /// Combine one row's parts (as printed; empty when blank). Returns the joined code and
    /// whether a part was repaired (a one-digit 款/项 padded with its leading zero).
    pub(crate) fn join(&mut self, printed: &[&str]) -> Option<(String, bool)> {
        let cells: Vec<String> = printed.iter().map(|p| clean(p)).collect();
        if cells.iter().all(|c| c.is_empty()) {
            return None;
        }
        if cells
            .iter()
            .any(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        // A cell may itself hold a joined code (`20103` in the 类 column).
        if let Some(joined) = cells.iter().find(|c| c.len() >= 5) {
            if plausible_code(joined) {
                self.parts = [
                    Some(joined[..3].to_string()),
                    (joined.len() >= 5).then(|| joined[3..5].to_string()),
                    (joined.len() >= 7).then(|| joined[5..7].to_string()),
                ];
                return Some((joined.clone(), false));
            }
        }
        let mut repaired = false;
        let mut cells = cells;
        // A damaged 类 (`7` for `210`) under a 款 that continues the rows above: inherit the 类.
        if cells[0].len() != 3 && !cells[0].is_empty() && cells.len() > 1 {
            let continues = self.parts[1]
                .as_deref()
                .is_some_and(|k| k == cells[1] || format!("0{}", cells[1]) == k);
            if self.parts[0].is_some() && continues {
                cells[0].clear();
                repaired = true;
            }
        }
        let deepest = cells.iter().rposition(|c| !c.is_empty())?;
        for (level, cell) in cells.iter().enumerate().take(3) {
            if !cell.is_empty() {
                let part = if level > 0 && cell.len() == 1 {
                    repaired = true;
                    format!("0{cell}")
                } else {
                    cell.clone()
                };
                self.parts[level] = Some(part);
            } else if level > deepest {
                self.parts[level] = None;
            }
        }
        for level in deepest + 1..3 {
            self.parts[level] = None;
        }
        let mut code = String::new();
        for part in self.parts.iter().take(deepest + 1) {
            code.push_str(part.as_deref()?);
        }
        let valid_shape =
            code.len() == 3 + 2 * deepest && self.parts[0].as_ref().is_some_and(|p| p.len() == 3);
        (valid_shape && plausible_code(&code)).then_some((code, repaired))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fused(s: &str) -> (Option<&'static str>, String) {
        let f = split_fused(s);
        (f.code.map(|c| &*Box::leak(c.into_boxed_str())), f.name)
    }

    #[test]
    fn fused_forms() {
        assert_eq!(
            fused("[2010301]行政运行"),
            (Some("2010301"), "行政运行".into())
        );
        assert_eq!(
            fused("201 一般公共服务支出"),
            (Some("201"), "一般公共服务支出".into())
        );
        assert_eq!(
            fused("210卫生健康支出"),
            (Some("210"), "卫生健康支出".into())
        );
        assert_eq!(
            fused("2010301 行政运行"),
            (Some("2010301"), "行政运行".into())
        );
        assert_eq!(
            fused("201 03 01 行政运行"),
            (Some("2010301"), "行政运行".into())
        );
        assert_eq!(
            fused("　30101　基本工资"),
            (Some("30101"), "基本工资".into())
        );
        assert_eq!(
            fused("【224】灾害防治及应急管理支出"),
            (Some("224"), "灾害防治及应急管理支出".into())
        );
        assert_eq!(fused("2010301"), (Some("2010301"), String::new()));
    }

    #[test]
    fn names_without_codes_stay_names() {
        assert_eq!(fused("12345云呼叫中心平台技术服务运维费").0, None);
        assert_eq!(fused("    一般公共预算").0, None);
        assert_eq!(fused("合  计").1, "合  计");
        assert_eq!(fused("2022年预算数").0, None);
    }

    #[test]
    fn split_columns_inherit_blank_parents() {
        let mut s = SplitCodes::default();
        assert_eq!(s.join(&["201", "", ""]), Some(("201".into(), false)));
        assert_eq!(s.join(&["201", "03", ""]), Some(("20103".into(), false)));
        assert_eq!(s.join(&["", "", "01"]), Some(("2010301".into(), false)));
        assert_eq!(s.join(&["", "03", "02"]), Some(("2010302".into(), false)));
        assert_eq!(
            s.join(&["208", "05", "05"]),
            Some(("2080505".into(), false))
        );
        assert_eq!(s.join(&["", "", ""]), None);
        assert_eq!(s.join(&["类", "款", "项"]), None);
    }

    #[test]
    fn one_digit_parts_are_padded_and_reported() {
        let mut s = SplitCodes::default();
        s.join(&["301", ""]);
        assert_eq!(s.join(&["", "2"]), Some(("30102".into(), true)));
        assert_eq!(s.join(&["301", "2"]), Some(("30102".into(), true)));
    }

    #[test]
    fn damaged_class_is_inherited_when_the_rows_continue() {
        let mut s = SplitCodes::default();
        s.join(&["210", "11", ""]);
        assert_eq!(s.join(&["7", "11", "02"]), Some(("2101102".into(), true)));
        let mut fresh = SplitCodes::default();
        assert_eq!(fresh.join(&["7", "11", "02"]), None);
    }

    #[test]
    fn joined_code_in_a_split_column() {
        let mut s = SplitCodes::default();
        assert_eq!(
            s.join(&["2010301", "", ""]),
            Some(("2010301".into(), false))
        );
    }
}
