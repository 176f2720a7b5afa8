//! The title of a grid: printed above it (wrapped over two lines, or in title rows inside it),
//! or, where none is printed, guessed from the words of its header.

use crate::segment::classify::{kind_from_title, looks_like_title};
use crate::segment::grid::Dense;
use crate::text::squash;

/// The title printed above a table: the last line that reads like one, or that line joined to
/// the line before it where the title wrapped (`公开 09 表：一般公共预算“三公”经费、会议费、培训费`
/// over `支出预算表`).
pub(crate) fn printed_title(ctx: &[String]) -> Option<String> {
    let is_title = |l: &str| looks_like_title(l) && kind_from_title(l).is_some();
    let i = ctx.iter().rposition(|l| is_title(l))?;
    if i > 0 && ctx[i].chars().count() <= 10 && !is_title(&ctx[i - 1]) {
        let joined = format!("{}{}", ctx[i - 1], ctx[i]);
        let kind = |l: &str| kind_from_title(l).map(|k| k.0);
        if is_title(&joined) && kind(&joined) != kind(&ctx[i]) {
            return Some(joined);
        }
    }
    Some(ctx[i].clone())
}

pub(crate) fn header_guess(d: &Dense, from: usize) -> Option<String> {
    let head: String = d
        .full
        .iter()
        .skip(from)
        .take(4)
        .flatten()
        .map(|s| squash(s))
        .collect();
    if head.contains("一级指标") && head.contains("三级指标") {
        Some("项目支出绩效目标表".into())
    } else if head.contains("因公出国") && head.contains("公务接待") {
        Some("“三公”经费支出表".into())
    } else if head.contains("人员经费") && head.contains("公用经费") && head.contains("经济分类")
    {
        Some("一般公共预算基本支出情况表".into())
    } else {
        None
    }
}
