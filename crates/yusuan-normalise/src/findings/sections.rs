//! The sections a disclosure must have: 主要职能, 机构设置, 名词解释, 机关运行经费, 政府采购,
//! 国有资产占有使用, 绩效目标 (a budget) or 绩效评价 / 绩效管理 (a final account), and the 三公
//! explanation. Checked only on a document that has both its explanation and its tables (a
//! narrative published apart from its tables is checked with its companion, not alone).

use yusuan_model::{Check, CheckId, CheckStatus, DocKind, DocMeta};

use super::{finding, Text};
use crate::tables::ReadTable;

/// Each section: its name, and words any of which shows it is there.
fn required(kind: DocKind) -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        (
            "主要职能",
            &["主要职能", "部门职能", "主要职责", "职能职责", "部门职责"],
        ),
        (
            "机构设置",
            &[
                "机构设置",
                "内设机构",
                "机构情况",
                "单位构成",
                "部门构成",
                "机构组成",
            ],
        ),
        ("名词解释", &["名词解释", "名词说明"]),
        ("机关运行经费", &["机关运行经费"]),
        ("政府采购", &["政府采购"]),
        ("国有资产占有使用", &["国有资产"]),
        (
            "绩效",
            match kind {
                DocKind::Budget => &["绩效目标", "绩效管理", "预算绩效"],
                DocKind::FinalAccounts => &["绩效评价", "绩效管理", "绩效自评", "预算绩效"],
            },
        ),
        ("三公经费说明", &["三公"]),
    ]
}

/// Missing-section findings.
pub(super) fn run(text: &Text, meta: &DocMeta, tables: &[ReadTable]) -> Vec<Check> {
    let Some(kind) = meta.doc_kind else {
        return Vec::new();
    };
    let narrative: usize = text.paragraphs.iter().map(|(p, _)| p.chars().count()).sum();
    // A tables-only or a narrative-only file is half a disclosure.
    if tables.len() < 3 || narrative < 1500 {
        return Vec::new();
    }
    // The table of contents names the sections it promises, not the ones printed.
    let all: String = text
        .paragraphs
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| !(p.contains("……") || p.contains("....") || p.contains("···")))
        .collect();
    // A missing section points at where the explanation begins, where a reader would look.
    let page = explanation_page(text);
    required(kind)
        .into_iter()
        .filter(|(_, words)| !words.iter().any(|w| all.contains(w)))
        .map(|(name, _)| {
            finding(
                CheckId::MissingSection,
                // Templates differ (a university's has no 机关运行经费 section): worth a reader's
                // eye and a deduction from the transparency score, not an error in the figures.
                CheckStatus::Note,
                name,
                name,
                page,
                format!("the disclosure has no {name} section"),
            )
        })
        .collect()
}

/// The page the explanation begins on: its first heading outside the table of contents
/// (部门概况, 情况说明 …), else the document's first page.
fn explanation_page(text: &Text) -> Option<u32> {
    let outside_contents = |p: &str| !(p.contains("……") || p.contains("....") || p.contains("···"));
    text.paragraphs
        .iter()
        .filter(|(p, _)| outside_contents(p))
        .find(|(p, _)| {
            [
                "部门概况",
                "单位概况",
                "部门基本情况",
                "情况说明",
                "编制说明",
            ]
            .iter()
            .any(|w| p.contains(w))
        })
        .or(text.paragraphs.first())
        .and_then(|(_, page)| *page)
}
