//! Stable department identifiers across spellings and years.
//!
//! A department's published name is reduced to a canonical form: an alias table maps
//! abbreviations to full names (`昌吉州政资局` → `昌吉回族自治州政务服务和公共资源交易管理局`;
//! `data/aliases.csv`, extended by the user's own file), short place names are expanded
//! (`昌吉州` → `昌吉回族自治州`), and bracketed asides such as `（本级）` are dropped. The id hashes
//! that form together with the scope, so a department's consolidated budget (部门) and the budget
//! of its own unit (单位) stay apart.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use yusuan_model::Scope;

use crate::meta::region_of;
use crate::text::squash;

const BUILT_IN: &str = include_str!("../../data/aliases.csv");

/// Alias → canonical department name.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: HashMap<String, String>,
}

impl Aliases {
    /// The aliases shipped with yusuan.
    pub fn built_in() -> Aliases {
        let mut a = Aliases::default();
        a.extend_csv(BUILT_IN)
            .expect("the built-in alias table is well formed");
        a
    }

    /// Add `alias,canonical` rows (a header row `alias,canonical` is skipped, and so is the byte
    /// order mark that Excel writes). Returns the line number of the first malformed row, if any.
    pub fn extend_csv(&mut self, text: &str) -> Result<usize, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut added = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("alias")) {
                continue;
            }
            let Some((alias, canonical)) = line.split_once(',') else {
                return Err(format!(
                    "line {}: expected `alias,canonical`, found {line:?}",
                    i + 1
                ));
            };
            self.map.insert(squash(alias), canonical.trim().to_string());
            added += 1;
        }
        Ok(added)
    }

    /// A stable description of the table's content, for cache keys.
    pub fn fingerprint(&self) -> String {
        let mut pairs: Vec<String> = self.map.iter().map(|(a, c)| format!("{a}={c}")).collect();
        pairs.sort();
        pairs.join(";")
    }

    /// The canonical name for a published one.
    pub fn canonical(&self, name: &str) -> String {
        let key = squash(name);
        let name = self.map.get(&key).cloned().unwrap_or(key);
        let (_, expanded) = region_of(&name);
        strip_asides(&expanded)
    }
}

/// Drop bracketed asides (`（本级）`, `(机关)`).
fn strip_asides(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in s.chars() {
        match ch {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The stable id of a department name in a scope.
pub fn department_id(name: &str, scope: Option<Scope>, aliases: &Aliases) -> String {
    let scope = scope.map(|s| s.as_str()).unwrap_or("department");
    let key = format!("{}|{scope}", aliases.canonical(name));
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("dept_{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_share_an_id_and_scopes_do_not() {
        let a = Aliases::built_in();
        let id = |n: &str| department_id(n, Some(Scope::Department), &a);
        let full = id("昌吉回族自治州政务服务和公共资源交易管理局");
        assert_eq!(id("昌吉州政务服务和公共资源交易管理局"), full);
        assert_eq!(id("昌吉州政资局"), full);
        assert_eq!(id("成都市农业农村局（本级）"), id("成都市农业农村局"));
        assert_ne!(
            department_id("成都市农业农村局", Some(Scope::Unit), &a),
            id("成都市农业农村局")
        );
        assert!(full.starts_with("dept_") && full.len() == 17);
    }

    #[test]
    fn users_extend_the_aliases() {
        let mut a = Aliases::built_in();
        assert_eq!(
            a.extend_csv("alias,canonical\n杭州交通局,杭州市交通运输局\n"),
            Ok(1)
        );
        assert_eq!(
            department_id("杭州交通局", None, &a),
            department_id("杭州市交通运输局", None, &a)
        );
        assert!(a.extend_csv("no comma here").is_err());
        // Saved by Excel: a byte order mark before the header.
        assert_eq!(
            a.extend_csv("\u{feff}alias,canonical\n杭州文旅局,杭州市文化广电旅游局\n"),
            Ok(1)
        );
    }
}
