//! A disclosure published as two files (common in Jiangsu: the explanation in one, the tables
//! in the other). [`crate::copies`] links the parts; here each part is read again together
//! with the other, so that the explanation's figures are checked against the tables it
//! describes and the missing tables are counted over the whole disclosure, not the part.

use yusuan_model::{CheckId, FileOutcome};
use yusuan_normalise::Options;

/// Check one part again with the other part's text and tables.
pub(crate) fn recheck(part: &mut FileOutcome, other: &FileOutcome, options: &Options) {
    let (Some(doc), Some(other_doc), Some(d)) =
        (&part.document, &other.document, part.disclosure.as_mut())
    else {
        return;
    };
    let narrative_part = d.tables.is_empty();
    let (first, second) = if narrative_part {
        (doc, other_doc)
    } else {
        (other_doc, doc)
    };
    let mut joined = first.clone();
    joined.blocks.extend(second.blocks.iter().cloned());
    joined.pages = None;
    let whole = yusuan_normalise::normalise_with(&joined, options);
    d.tables_missing = whole.tables_missing.clone();
    d.checks.retain(|c| c.check != CheckId::MissingTable);
    d.checks.extend(
        whole
            .checks
            .iter()
            .filter(|c| c.check == CheckId::MissingTable)
            .cloned(),
    );
    if narrative_part {
        d.narrative_facts = whole.narrative_facts.clone();
        d.checks.retain(|c| c.check != CheckId::NarrativeMismatch);
        d.checks.extend(
            whole
                .checks
                .iter()
                .filter(|c| c.check == CheckId::NarrativeMismatch)
                .cloned(),
        );
    }
    d.transparency = whole.transparency;
}
