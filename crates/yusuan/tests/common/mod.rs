//! Truth files (the corpus's and the real documents') and how line items are compared with them.

#![allow(dead_code)]

use serde::Deserialize;
use yusuan_model::LineItem;

/// One expected line item.
#[derive(Debug, Deserialize)]
pub struct TruthItem {
    pub table: String,
    pub scheme: String,
    pub code: String,
    #[serde(default)]
    pub project: String,
    pub measure: String,
    pub amount_yuan: String,
}

impl TruthItem {
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.table, self.scheme, self.code, self.project, self.measure, self.amount_yuan
        )
    }
}

/// An expected failing check.
#[derive(Debug, Deserialize)]
pub struct TruthCheck {
    pub check: String,
    #[serde(default)]
    pub table: String,
    #[serde(default)]
    pub code: String,
}

/// A truth file.
#[derive(Debug, Deserialize)]
pub struct Truth {
    #[serde(default)]
    pub file: String,
    pub department: String,
    pub region: String,
    pub fiscal_year: i32,
    pub doc_kind: String,
    pub scope: String,
    pub unit: String,
    #[serde(default)]
    pub tables_missing: Vec<String>,
    pub items: Vec<TruthItem>,
    #[serde(default)]
    pub failing_checks: Vec<TruthCheck>,
    #[serde(default)]
    pub staffing: Option<TruthStaffing>,
    #[serde(default)]
    pub facts: Vec<TruthFact>,
    #[serde(default)]
    pub targets: Vec<TruthTarget>,
}

/// A figure the narrative states.
#[derive(Debug, Deserialize)]
pub struct TruthFact {
    pub subject: String,
    pub amount_yuan: Option<String>,
    pub share_pct: Option<String>,
    pub change_yuan: Option<String>,
    pub change_pct: Option<String>,
}

impl TruthFact {
    pub fn key(&self) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        format!(
            "{}|{}|{}|{}|{}",
            self.subject,
            o(&self.amount_yuan),
            o(&self.share_pct),
            o(&self.change_yuan),
            o(&self.change_pct)
        )
    }
}

/// The comparison key of an extracted narrative fact.
pub fn fact_key(f: &yusuan_model::NarrativeFact) -> String {
    let o = |v: Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}",
        f.subject,
        o(f.amount_yuan),
        o(f.share_pct),
        o(f.change_yuan),
        o(f.change_pct)
    )
}

/// An indicator of a performance-target form.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct TruthTarget {
    pub project: String,
    pub level1: String,
    pub level2: String,
    pub indicator: String,
    pub operator: String,
    pub value: String,
    pub unit: String,
    pub text: String,
}

impl TruthTarget {
    pub fn matches(&self, t: &yusuan_model::PerformanceTarget) -> bool {
        (
            &self.project,
            &self.level1,
            &self.level2,
            &self.indicator,
            &self.operator,
            &self.value,
            &self.unit,
            &self.text,
        ) == (
            &t.project,
            &t.level1,
            &t.level2,
            &t.indicator,
            &t.operator,
            &t.value,
            &t.unit,
            &t.text,
        )
    }
}

/// Staffing as the truth states it.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct TruthStaffing {
    pub authorised: u32,
    pub actual: u32,
    pub serving: u32,
    pub retired: u32,
}

/// The comparison key of an extracted line item.
pub fn item_key(li: &LineItem) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}",
        li.table,
        li.scheme.as_str(),
        li.code,
        li.project,
        li.measure,
        li.amount_yuan
    )
}

/// The table id a check names, `""` where it names none.
#[allow(dead_code)]
pub fn table_of(c: &yusuan_model::Check) -> String {
    c.table.map(|t| t.to_string()).unwrap_or_default()
}

/// Say that a test did not run, on the real stderr (past the test harness's capture), as a line
/// `SKIPPED: …` that CI counts in its closing line: "passed" never means "did not run".
#[allow(dead_code)]
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}

/// The table a check names, as the generated corpus truth records it: the truth names no table
/// for a narrative finding (the reader names the table of the figure it compared with).
#[allow(dead_code)]
pub fn truth_table_of(c: &yusuan_model::Check) -> String {
    if c.check == yusuan_model::CheckId::NarrativeMismatch {
        String::new()
    } else {
        table_of(c)
    }
}

/// The comparison of a folder of generated documents with their truth: each problem found, the
/// ones tolerated as known reader gaps, and the truth items found.
#[derive(Default)]
pub struct Tally {
    pub problems: Vec<String>,
    pub tolerated: Vec<String>,
    pub found: usize,
    pub truth: usize,
    pub per_doc: Vec<String>,
}

impl Tally {
    /// Record a problem, as tolerated where it is a known gap.
    pub fn add(&mut self, problem: String, known_gap: bool) {
        if known_gap {
            self.tolerated.push(problem);
        } else {
            self.problems.push(problem);
        }
    }

    /// A document that could not be read: all its truth is missed.
    pub fn unread(&mut self, name: &str, truth: &Truth, why: String, gap: &dyn Fn(&str) -> bool) {
        let p = format!("{name}: {why}");
        self.add(p.clone(), gap(&p));
        self.truth += truth.items.len();
        self.per_doc
            .push(format!("{name}: 0/{} (not read)", truth.items.len()));
    }

    /// Compare one document's reading with its truth: line items (missed and extra), the failing
    /// checks among `checks_run`, the document facts and the tables missing.
    pub fn document(
        &mut self,
        name: &str,
        d: &yusuan_model::Disclosure,
        truth: &Truth,
        checks_run: &[&str],
        gap: &dyn Fn(&str) -> bool,
    ) {
        let mut report = |p: String| {
            let known = gap(&p);
            self.add(p, known);
        };
        let mut want: std::collections::BTreeMap<String, usize> = Default::default();
        for it in &truth.items {
            *want.entry(it.key()).or_default() += 1;
        }
        let mut got: std::collections::BTreeMap<String, usize> = Default::default();
        for li in &d.line_items {
            *got.entry(item_key(li)).or_default() += 1;
        }
        let (mut found, mut extra) = (0usize, 0usize);
        for (k, n) in &want {
            let g = got.get(k).copied().unwrap_or(0);
            found += g.min(*n);
            if g < *n {
                report(format!("{name}: missing {k}"));
            }
        }
        for (k, n) in &got {
            let w = want.get(k).copied().unwrap_or(0);
            if w < *n {
                extra += n - w;
                report(format!("{name}: extra {k}"));
            }
        }
        let mut want_checks: Vec<String> = truth
            .failing_checks
            .iter()
            .filter(|c| checks_run.contains(&c.check.as_str()))
            .map(|c| format!("{}/{}/{}", c.check, c.table, c.code))
            .collect();
        let mut got_checks: Vec<String> = d
            .checks
            .iter()
            .filter(|c| {
                c.status == yusuan_model::CheckStatus::Fail
                    && checks_run.contains(&c.check.as_str())
            })
            .map(|c| format!("{}/{}/{}", c.check, truth_table_of(c), c.code))
            .collect();
        want_checks.sort();
        want_checks.dedup();
        got_checks.sort();
        got_checks.dedup();
        for c in got_checks.iter().filter(|c| !want_checks.contains(c)) {
            report(format!("{name}: false failing check {c}"));
        }
        for c in want_checks.iter().filter(|c| !got_checks.contains(c)) {
            report(format!("{name}: seeded failing check not found {c}"));
        }
        let m = &d.meta;
        let meta = [
            (
                "fiscal_year",
                m.fiscal_year.map(|y| y.to_string()),
                truth.fiscal_year.to_string(),
            ),
            ("unit", m.unit.clone(), truth.unit.clone()),
            ("department", m.department.clone(), truth.department.clone()),
            (
                "doc_kind",
                m.doc_kind.map(|k| k.as_str().to_string()),
                truth.doc_kind.clone(),
            ),
            (
                "scope",
                m.scope.map(|s| s.as_str().to_string()),
                truth.scope.clone(),
            ),
            ("region", m.region.clone(), truth.region.clone()),
        ];
        for (what, got, want) in meta {
            let got = got.unwrap_or_default();
            if got != want {
                report(format!("{name}: {what} {got:?}, truth {want:?}"));
            }
        }
        let mut missing: Vec<String> = d.tables_missing.iter().map(|t| t.to_string()).collect();
        missing.sort();
        let mut want_missing = truth.tables_missing.clone();
        want_missing.sort();
        if missing != want_missing {
            report(format!(
                "{name}: tables_missing {missing:?}, truth {want_missing:?}"
            ));
        }
        self.found += found;
        self.truth += truth.items.len();
        self.per_doc.push(format!(
            "{name}: found {found}/{} truth items, {} missed, {extra} extra",
            truth.items.len(),
            truth.items.len() - found
        ));
    }

    /// Print the tally and fail on any problem that is not a known gap, or on recall below
    /// `floor` per thousand.
    pub fn finish(&self, label: &str, n_docs: usize, floor: usize) {
        eprintln!(
            "{label}: {}/{} truth items found\n  {}\n  known gaps still open ({}):\n    {}",
            self.found,
            self.truth,
            self.per_doc.join("\n  "),
            self.tolerated.len(),
            self.tolerated.join("\n    ")
        );
        assert!(
            self.problems.is_empty(),
            "{} problems over {n_docs} documents ({}/{} truth items found):\n{}",
            self.problems.len(),
            self.found,
            self.truth,
            self.problems
                .iter()
                .take(200)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            self.found * 1000 >= self.truth * floor,
            "recall {}/{} fell below {floor}‰",
            self.found,
            self.truth
        );
    }
}
