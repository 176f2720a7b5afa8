//! Two figures compared within the rounding their printed digits allow.

use yusuan_model::{Check, CheckId, CheckStatus, TableId};

use crate::tables::figures::Fig;

#[allow(clippy::too_many_arguments)]
pub(crate) fn compare(
    out: &mut Vec<Check>,
    check: CheckId,
    table: TableId,
    code: &str,
    expected: Fig,
    found: Fig,
    what: &str,
) {
    let diff = (expected.yuan - found.yuan).abs();
    let ok = diff <= expected.tolerance + found.tolerance;
    // A difference within rounding is no error, but a reader comparing two tables sees it
    // (236.63 against 236.64): it is recorded as a note with the difference.
    let status = match (ok, diff.is_zero()) {
        (true, true) => CheckStatus::Pass,
        (true, false) => CheckStatus::Note,
        (false, _) => CheckStatus::Fail,
    };
    out.push(Check {
        check,
        status,
        table: Some(table),
        code: code.to_string(),
        expected: expected.yuan.to_string(),
        found: found.yuan.to_string(),
        detail: match status {
            CheckStatus::Pass => String::new(),
            CheckStatus::Note => format!(
                "{what}: printed {} 元, expected {} 元 (difference {diff} 元, within the rounding of the printed figures)",
                found.yuan, expected.yuan
            ),
            CheckStatus::Fail => format!(
                "{what}: printed {} 元, expected {} 元 (difference {diff} 元)",
                found.yuan, expected.yuan
            ),
        },
        location: found.loc,
    });
}
