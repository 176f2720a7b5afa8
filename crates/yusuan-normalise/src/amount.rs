//! Reading printed amounts exactly, and converting them into 元.
//!
//! Real cells carry full-width digits and spaces, thousands separators, line breaks inside the
//! number, dashes for zero and parentheses for negatives. `rust_decimal` accepts none of that
//! (and silently accepts `1.2e3`), so the text is normalised here first, then parsed strictly.

use rust_decimal::Decimal;
use std::str::FromStr;

/// What an amount cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellValue {
    /// Nothing printed: not published.
    Blank,
    /// A number in the table's unit (a dash is a printed zero).
    Number(Decimal),
    /// Text that is not a number.
    Text,
}

/// Parse an amount cell. Never guesses: anything that is not clearly a number is `Text`.
pub(crate) fn parse_amount(raw: &str) -> CellValue {
    let mut s = String::with_capacity(raw.len());
    for ch in raw.chars() {
        match ch {
            c if c.is_whitespace() => {}
            '０'..='９' => s.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
            '．' => s.push('.'),
            '，' => s.push(','),
            '－' | '−' => s.push('-'),
            '（' => s.push('('),
            '）' => s.push(')'),
            c => s.push(c),
        }
    }
    if s.is_empty() {
        return CellValue::Blank;
    }
    if s.chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '―' | '─' | '━'))
    {
        return CellValue::Number(Decimal::ZERO);
    }
    let (negative, body) =
        if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            (true, inner)
        } else if let Some(rest) = s.strip_prefix('-') {
            (true, rest)
        } else {
            (false, s.as_str())
        };
    let digits = match strip_thousands(body) {
        Some(d) => d,
        None => return CellValue::Text,
    };
    match Decimal::from_str(&digits) {
        Ok(d) => CellValue::Number(if negative { -d } else { d }),
        Err(_) => CellValue::Text,
    }
}

/// Accept `123`, `123.45`, `.5`, and `1,234,567.89` (separators only in groups of three).
fn strip_thousands(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let int: String = int.chars().filter(|&c| c != ',').collect();
    if !int.bytes().all(|b| b.is_ascii_digit()) || (int.is_empty() && frac.is_none()) {
        return None;
    }
    Some(match frac {
        Some(f) => format!("{}.{f}", if int.is_empty() { "0" } else { &int }),
        None => int,
    })
}

/// A table's printed unit and its factor to 元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// As printed: `万元`, `元`, `千元`, `亿元`.
    pub name: String,
    /// How many 元 one printed unit is.
    pub factor: Decimal,
}

impl Unit {
    /// Recognise a unit name.
    pub(crate) fn from_name(name: &str) -> Option<Unit> {
        let factor = match name {
            "元" => Decimal::ONE,
            "千元" => Decimal::from(1_000),
            "万元" => Decimal::from(10_000),
            "百万元" => Decimal::from(1_000_000),
            "亿元" => Decimal::from(100_000_000),
            _ => return None,
        };
        Some(Unit {
            name: name.to_string(),
            factor,
        })
    }

    /// Convert a printed amount into 元, exactly, with at least two decimals.
    pub(crate) fn to_yuan(&self, printed: Decimal) -> Decimal {
        let mut y = printed * self.factor;
        y.normalize_assign();
        if y.scale() < 2 {
            y.rescale(2);
        }
        y
    }

    /// Half a unit of the last printed digit, in 元: the rounding a published figure may carry.
    pub(crate) fn half_ulp_yuan(&self, scale: u32) -> Decimal {
        Decimal::new(5, scale + 1) * self.factor
    }
}

/// Find the unit a line of text declares (`单位：万元`, `金额单位:元`, `（单位：万元）`).
pub(crate) fn find_unit(text: &str) -> Option<Unit> {
    let idx = text.find("单位")?;
    let rest = &text[idx + "单位".len()..];
    let rest = rest.trim_start_matches(|c: char| c == '：' || c == ':' || c.is_whitespace());
    for name in ["百万元", "千元", "万元", "亿元", "元"] {
        if rest.starts_with(name) {
            return Unit::from_name(name);
        }
    }
    // `编制单位：…  单位：万元`: the first 单位 was another field; look further.
    find_unit(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Decimal {
        match parse_amount(s) {
            CellValue::Number(d) => d,
            other => panic!("{s:?} → {other:?}"),
        }
    }

    #[test]
    fn every_printed_form() {
        assert_eq!(
            num("1206.337261　"),
            Decimal::from_str("1206.337261").unwrap()
        );
        assert_eq!(num("1,206.34"), Decimal::from_str("1206.34").unwrap());
        assert_eq!(num("１３０.３２"), Decimal::from_str("130.32").unwrap());
        assert_eq!(num("\n16"), Decimal::from(16));
        assert_eq!(num("1\n206.34"), Decimal::from_str("1206.34").unwrap());
        assert_eq!(num("(12.40)"), Decimal::from_str("-12.40").unwrap());
        assert_eq!(num("－5"), Decimal::from(-5));
        assert_eq!(num("—"), Decimal::ZERO);
        assert_eq!(num("-"), Decimal::ZERO);
        assert_eq!(num(".5"), Decimal::from_str("0.5").unwrap());
        assert_eq!(
            num("12,063,372.61"),
            Decimal::from_str("12063372.61").unwrap()
        );
        assert_eq!(num("0.50").scale(), 2);
    }

    #[test]
    fn blanks_and_non_numbers() {
        assert_eq!(parse_amount(""), CellValue::Blank);
        assert_eq!(parse_amount("　 \n"), CellValue::Blank);
        assert_eq!(parse_amount("1.2e3"), CellValue::Text);
        assert_eq!(parse_amount("40.81%"), CellValue::Text);
        assert_eq!(parse_amount("12,34"), CellValue::Text);
        assert_eq!(parse_amount("行政运行"), CellValue::Text);
        assert_eq!(parse_amount("1.2.3"), CellValue::Text);
    }

    #[test]
    fn units_convert_exactly() {
        let wan = Unit::from_name("万元").unwrap();
        assert_eq!(wan.to_yuan(num("1206.337261")).to_string(), "12063372.61");
        assert_eq!(wan.to_yuan(num("714")).to_string(), "7140000.00");
        let yuan = Unit::from_name("元").unwrap();
        assert_eq!(yuan.to_yuan(num("171915169")).to_string(), "171915169.00");
        assert_eq!(wan.half_ulp_yuan(2).to_string(), "50.000");
    }

    #[test]
    fn units_are_found_in_context() {
        assert_eq!(
            find_unit("编制部门（单位）：昌吉州政资局   单位：万元")
                .unwrap()
                .name,
            "万元"
        );
        assert_eq!(find_unit("金额单位:元").unwrap().name, "元");
        assert_eq!(find_unit("（单位：万元）").unwrap().name, "万元");
        assert!(find_unit("编制单位：上海市财政局").is_none());
    }
}
