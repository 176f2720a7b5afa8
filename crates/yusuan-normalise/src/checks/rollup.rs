//! `rollup`: a parent row equals the sum of its children (类 = Σ款, 款 = Σ项), per column.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use yusuan_model::{Check, CheckId, Measure};

use crate::checks::compare::compare;
use crate::tables::figures::{by_code, sum, Fig};
use crate::tables::ReadTable;

pub(crate) fn rollups(rt: &ReadTable, out: &mut Vec<Check>) {
    let codes = by_code(rt);
    let id = rt.info.id();
    for (parent, pvals) in codes {
        if parent.len() >= 7 {
            continue;
        }
        let children: Vec<&BTreeMap<Measure, Fig>> = codes
            .iter()
            .filter(|(c, _)| c.len() == parent.len() + 2 && c.starts_with(parent.as_str()))
            .map(|(_, v)| v)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (measure, pfig) in pvals {
            let kids: Vec<Fig> = children
                .iter()
                .filter_map(|c| c.get(measure).copied())
                .collect();
            let Some(total) = sum(&kids) else {
                if pfig.yuan.is_zero() {
                    continue;
                }
                let zero = Fig {
                    yuan: Decimal::ZERO,
                    tolerance: Decimal::ZERO,
                    loc: pfig.loc,
                };
                compare(
                    out,
                    CheckId::Rollup,
                    id,
                    parent,
                    zero,
                    *pfig,
                    &format!("{parent} {measure} with no child amounts"),
                );
                continue;
            };
            compare(
                out,
                CheckId::Rollup,
                id,
                parent,
                total,
                *pfig,
                &format!(
                    "{parent} {measure} vs the sum of its {} children",
                    kids.len()
                ),
            );
        }
    }
}
