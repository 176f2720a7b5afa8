//! A table grid as the readers see it: the text at every position (merged cells repeated over
//! the area they cover, for headers) and at each cell's origin only (for data), and the rows at
//! its top that hold a title rather than the header.

use yusuan_model::Table;

use crate::amount::{parse_amount, CellValue};
use crate::segment::classify::looks_like_title;
use crate::text::clean;
use crate::text::squash;

/// Dense views of a grid: text at every position covered by a cell (for headers), and text only
/// at each cell's origin (for data).
pub(crate) struct Dense {
    /// Replicated over merged areas.
    pub full: Vec<Vec<String>>,
    /// Only at the top-left of each cell.
    pub origin: Vec<Vec<String>>,
    /// The page each row is printed on (PDF), from its first cell.
    pub pages: Vec<Option<u32>>,
}

impl Dense {
    /// Build both views.
    pub(crate) fn new(t: &Table) -> Dense {
        let mut full = vec![vec![String::new(); t.n_cols]; t.n_rows];
        let mut origin = full.clone();
        for (r, row) in t.coverage().iter().enumerate() {
            for (c, idx) in row.iter().enumerate() {
                if let Some(i) = idx {
                    let cell = &t.cells[*i];
                    full[r][c] = cell.text.clone();
                    if cell.row == r && cell.col == c {
                        origin[r][c] = cell.text.clone();
                    }
                }
            }
        }
        let mut pages = vec![None; t.n_rows];
        for cell in &t.cells {
            if let Some(slot) = pages.get_mut(cell.row) {
                if slot.is_none() {
                    *slot = cell.page;
                }
            }
        }
        Dense {
            full,
            origin,
            pages,
        }
    }
}

/// Rows at the top that hold a title, the 编制部门 line or the unit, rather than the header.
pub(crate) fn title_rows(d: &Dense) -> usize {
    let mut n = 0;
    for row in &d.full {
        let distinct: Vec<&String> = {
            let mut v: Vec<&String> = row.iter().filter(|t| !clean(t).is_empty()).collect();
            v.dedup();
            v
        };
        let joined: String = distinct
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let is_title = distinct.len() == 1 && looks_like_title(&joined);
        let is_meta = joined.contains("编制部门")
            || joined.contains("编制单位")
            || joined.contains("单位：")
            || joined.contains("单位:");
        let is_year = distinct.len() == 1
            && squash(&joined)
                .trim_matches(['(', ')', '（', '）'])
                .ends_with('年');
        if (is_title || is_meta || is_year) && !row_has_number(row)
            || (distinct.is_empty() && n < 2 && n > 0)
        {
            n += 1;
        } else {
            break;
        }
    }
    n
}

pub(crate) fn row_has_number(row: &[String]) -> bool {
    row.iter()
        .any(|t| matches!(parse_amount(t), CellValue::Number(_)))
}
