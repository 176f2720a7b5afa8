//! Document-level facts from the text: department, region, fiscal year, budget or final
//! accounts, department or unit scope, staffing. (The department id is [`crate::meta::identity`]'s.)
//!
//! Regions come from the department's name, read against a small gazetteer
//! (`data/regions.csv`: provinces, and prefectures whose short names are common, such as
//! 昌吉州 for 昌吉回族自治州).

pub(crate) mod identity;

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use yusuan_model::{Block, DocKind, DocMeta, Document, Scope, Staffing, TableKind};

use crate::segment::Segmented;
use crate::tables::ReadTable;
use identity::Aliases;

use crate::text::squash;

const REGIONS_CSV: &str = include_str!("../../data/regions.csv");

struct Place {
    full: String,
    province: String,
    /// The spellings a name may start with, longest first.
    forms: Vec<String>,
}

fn places() -> &'static [Place] {
    static P: OnceLock<Vec<Place>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<Place> = REGIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut it = l.split(',');
                let short = it.next()?.trim().to_string();
                let full = it.next()?.trim().to_string();
                let province = it.next().unwrap_or("").trim().to_string();
                let forms = vec![
                    full.clone(),
                    format!("{short}州"),
                    format!("{short}市"),
                    format!("{short}地区"),
                    short,
                ];
                Some(Place {
                    full,
                    province,
                    forms,
                })
            })
            .collect();
        // Longest names first, so 黔东南 wins over a shorter prefix.
        v.sort_by_key(|p| std::cmp::Reverse(p.forms[4].chars().count()));
        v
    })
}

/// Match a place at the start of `s`; returns (place, bytes consumed).
fn place_at(s: &str) -> Option<(&'static Place, usize)> {
    for p in places() {
        if let Some(f) = p.forms.iter().find(|f| s.starts_with(f.as_str())) {
            return Some((p, f.len()));
        }
    }
    None
}

/// A district or county name at the start of a text (`普陀区`, `玛纳斯县`).
fn county_re() -> &'static Regex {
    static COUNTY: OnceLock<Regex> = OnceLock::new();
    COUNTY.get_or_init(|| {
        Regex::new(r"^([\p{Han}]{1,6}?(?:自治县|区|县|旗|市))").expect("valid regex")
    })
}

/// Region and the department name with short place names expanded (`昌吉州政资局` →
/// `昌吉回族自治州政资局`, region `新疆维吾尔自治区昌吉回族自治州`).
pub(crate) fn region_of(department: &str) -> (Option<String>, String) {
    let mut region = String::new();
    let mut canonical = String::new();
    let mut rest = department;
    let mut levels = 0;
    while levels < 3 {
        if let Some((p, used)) = place_at(rest) {
            if !p.province.is_empty() && !region.contains(&p.province) {
                region.push_str(&p.province);
            }
            region.push_str(&p.full);
            canonical.push_str(&p.full);
            rest = &rest[used..];
            levels += 1;
            continue;
        }
        // A district or county of the place found so far: 普陀区, 玛纳斯县.
        if levels > 0 {
            let re = county_re();
            if let Some(m) = re.find(rest) {
                let name = m.as_str();
                // Stop at words that begin the department itself; and below a district or
                // county no further district, county or city comes (普陀区绿化和市容管理局).
                let below_county = ["区", "县", "旗"].iter().any(|e| region.ends_with(e));
                if !rest[m.end()..].is_empty()
                    && !name.ends_with("社区")
                    && name.chars().count() >= 2
                    && !below_county
                {
                    region.push_str(name);
                    canonical.push_str(name);
                    rest = &rest[m.end()..];
                    levels += 1;
                    continue;
                }
            }
        }
        break;
    }
    canonical.push_str(rest);
    ((!region.is_empty()).then_some(region), canonical)
}

/// Whether a document is a 决算, from its opening lines (the title and the head), as
/// [`read_meta`] reads the kind: every table of a 决算 is then a 决算 table, whether or not its
/// title says so (`2016年一般公共预算财政拨款“三公”经费支出表` printing 预算数 | 决算数).
pub(crate) fn is_final_accounts(doc: &Document) -> bool {
    let opening: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.lines().map(|l| l.trim().to_string())),
            _ => None,
        })
        .flatten()
        .filter(|l| !l.is_empty())
        .take(200)
        .collect();
    read_meta(&opening).doc_kind == Some(DocKind::FinalAccounts)
}

/// The document's facts from its lines, completed from the titles of its tables: the fiscal
/// year from them where the text gives none (a workbook, a tables-only file), and the
/// department's id and canonical name.
pub(crate) fn document_meta(doc: &Segmented<'_>, aliases: &Aliases) -> DocMeta {
    let mut meta = read_meta(&doc.lines);
    if meta.fiscal_year.is_none() {
        let titles: Vec<String> = doc
            .grids
            .iter()
            .filter(|g| g.kind.is_some())
            .map(|g| g.title.as_deref().unwrap_or_default().trim().to_string())
            .collect();
        meta.fiscal_year = read_meta(&titles).fiscal_year;
    }
    meta.department_id = meta
        .department
        .as_deref()
        .map(|d| identity::department_id(d, meta.scope, aliases));
    meta.department_canonical = meta.department.as_deref().map(|d| aliases.canonical(d));
    meta
}

/// The unit most tables are printed in.
pub(crate) fn main_unit(tables: &[ReadTable]) -> Option<String> {
    let mut unit_counts: HashMap<String, usize> = HashMap::new();
    for rt in tables {
        if rt.info.kind != TableKind::PerformanceTargets {
            *unit_counts.entry(rt.unit.name.clone()).or_default() += 1;
        }
    }
    unit_counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(u, _)| u)
}

/// Staffing from the overview: the first statement of each figure.
pub(crate) fn staffing(lines: &[String]) -> Staffing {
    static RES: OnceLock<[Regex; 4]> = OnceLock::new();
    let [authorised, actual, serving, retired] = RES.get_or_init(|| {
        [
            // 编制数36 / 编制人数为36 / 核定编制36名; not 编制2017国民经济…计划.
            r"编制(?:人)?(?:数(?:为|是)?[：:]?\s*([0-9]+)|\s*([0-9]+)\s*[名人个])",
            r"实有(?:人员|人数)(?:为)?[：:]?\s*([0-9]+)",
            r"在职(?:人员|人数)?(?:为)?[：:]?\s*([0-9]+)\s*[人名]",
            r"退休(?:人员|人数)?(?:为)?[：:]?\s*([0-9]+)\s*[人名]",
        ]
        .map(|p| Regex::new(p).expect("valid regex"))
    });
    // A count of people, not a year (`编制2017年度部门决算`).
    let first = |re: &Regex| {
        lines.iter().find_map(|l| {
            re.captures_iter(l).find_map(|c| {
                let m = c.get(1).or_else(|| c.get(2))?;
                if l[m.end()..].trim_start().starts_with('年') {
                    return None;
                }
                m.as_str().parse().ok()
            })
        })
    };
    Staffing {
        authorised: first(authorised),
        actual: first(actual),
        serving: first(serving),
        retired: first(retired),
    }
}

/// Read the document-level facts from its paragraphs and the text above its tables.
pub(crate) fn read_meta(lines: &[String]) -> DocMeta {
    let title = Title::find(lines);
    let fiscal_year = title
        .text(lines)
        .and_then(|t| {
            year_re()
                .captures(&squash(t))
                .and_then(|c| c[1].parse().ok())
        })
        .or_else(|| {
            lines
                .iter()
                .take(200)
                .find_map(|l| year_re().captures(l).and_then(|c| c[1].parse().ok()))
        });
    let department = department_by_label(lines).or_else(|| department_by_title(lines, &title));
    let title = title.text(lines);
    let title_sq = title.map(|t| squash(t)).unwrap_or_default();
    let scope = if title_sq.contains("单位预算") || title_sq.contains("单位决算") {
        Some(Scope::Unit)
    } else {
        Some(Scope::Department)
    };
    // From the department's name; failing that, from the title (`上海市普陀区2025年区级部门预算`).
    let region = department
        .as_deref()
        .and_then(|d| region_of(d).0)
        .or_else(|| title.and_then(|t| region_of(&squash(t)).0));
    DocMeta {
        staffing: Default::default(),
        department_id: None,
        department_canonical: None,
        department,
        region,
        fiscal_year,
        doc_kind: doc_kind(lines, title),
        scope,
        unit: None,
    }
}

fn year_re() -> &'static Regex {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    YEAR.get_or_init(|| Regex::new(r"(20[0-9]{2})\s*年度?").expect("valid regex"))
}

/// Where the document's title is.
struct Title {
    /// The first line that names a budget or final accounts with a year.
    at: Option<usize>,
    /// A cover may break the title over two lines (`江苏省政协办公厅 2018 年度` / `部门预算公开`):
    /// the two joined.
    cover: Option<String>,
}

impl Title {
    fn find(lines: &[String]) -> Title {
        let year_re = year_re();
        let at = lines.iter().take(60).position(|l| {
            let s = squash(l);
            (s.contains("预算") || s.contains("决算"))
                && year_re.is_match(&s)
                && s.chars().count() < 80
        });
        let cover = lines
            .iter()
            .take(10)
            .map(|l| squash(l))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| format!("{}{}", w[0], w[1]))
            .find(|j| {
                year_re.is_match(j)
                    && (j.contains("预算") || j.contains("决算"))
                    && j.chars().count() < 60
                    && year_re.find(j).is_some_and(|m| m.start() > 0)
            });
        Title { at, cover }
    }

    /// The title's text: its line, else the cover's two lines joined.
    fn text<'a>(&'a self, lines: &'a [String]) -> Option<&'a String> {
        self.at.map(|i| &lines[i]).or(self.cover.as_ref())
    }
}

/// The department a `编制部门：…` label names most often (the longest name among equals).
fn department_by_label(lines: &[String]) -> Option<String> {
    static DEPT: OnceLock<Regex> = OnceLock::new();
    let dept_re = DEPT.get_or_init(|| {
        Regex::new(r"(?:编制部门|编制单位|预算单位|部门名称|单位名称|^\s*部门)(?:（单位）|\(单位\))?[：:]\s*([^\s：:　]{2,40}?)(?:\s{2,}|　|\s*(?:金额)?单位[：:]|$)")
            .expect("valid regex")
    });
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        for cap in dept_re.captures_iter(line) {
            let name = cap[1].trim().to_string();
            if name.chars().count() >= 3 {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
        })
        .map(|(n, _)| n.clone())
}

/// The department from the title: `江苏省人民检察院2018年度部门预算`, or a cover that prints the
/// name on the line above `2024年度部门决算`; never a section heading (`第二部分 …`); failing
/// those, the name before a table's title.
fn department_by_title(lines: &[String], title: &Title) -> Option<String> {
    let year_re = year_re();
    title
        .cover
        .as_deref()
        .and_then(|c| {
            let s = strip_section_heading(c);
            let m = year_re.find(&s)?;
            let name = s[..m.start()].to_string();
            looks_like_department(&name).then_some(name)
        })
        .or_else(|| {
            title.at.and_then(|i| {
                let s = strip_section_heading(&squash(&lines[i]));
                let m = year_re.find(&s)?;
                let name = s[..m.start()].trim_end_matches(['（', '(']).to_string();
                if name.chars().count() >= 3 {
                    return Some(name);
                }
                let above = lines[..i]
                    .iter()
                    .rev()
                    .map(|l| squash(l))
                    .find(|l| !l.is_empty())?;
                looks_like_department(&above).then_some(above)
            })
        })
        .or_else(|| department_before_table_title(lines))
}

/// Budget or final accounts: the word the title uses, else the one the opening lines use more.
fn doc_kind(lines: &[String], title: Option<&String>) -> Option<DocKind> {
    let head: String = lines
        .iter()
        .take(80)
        .map(|l| squash(l))
        .collect::<Vec<_>>()
        .join("\n");
    match (head.matches("决算").count(), head.matches("预算").count()) {
        (0, 0) => None,
        (f, b) if f > 0 && (title.is_some_and(|t| t.contains("决算")) || f >= b) => {
            Some(DocKind::FinalAccounts)
        }
        _ => Some(DocKind::Budget),
    }
}

/// A line without its section heading (`第二部分`, `第三部分：`) or the `关于` of a title
/// (`关于太原市发展和改革委员会2016年决算公开的说明`).
fn strip_section_heading(s: &str) -> String {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let re = HEADING.get_or_init(|| {
        Regex::new(r"^(?:第[一二三四五六七八九十0-9]+部分[：:、.．\s]*|关于)").expect("valid regex")
    });
    re.replace(s, "").into_owned()
}

/// A fiscal year written in a file's name: four digits 2000–2099 not part of a longer number.
pub(crate) fn year_in_name(file_name: &str) -> Option<i32> {
    let name = file_name.rsplit('/').next().unwrap_or(file_name).as_bytes();
    (0..name.len().saturating_sub(3)).find_map(|i| {
        let digits = &name[i..i + 4];
        let alone = (i == 0 || !name[i - 1].is_ascii_digit())
            && name.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (alone && digits.starts_with(b"20") && digits.iter().all(u8::is_ascii_digit))
            .then(|| std::str::from_utf8(digits).ok()?.parse().ok())
            .flatten()
    })
}

/// A department's name in a file's name (`江苏省政协办公厅__江苏省政协办公厅2019年度部门预算.pdf`):
/// the longest run of Chinese characters that reads as a department's name, before any year.
pub(crate) fn department_in_name(file_name: &str) -> Option<String> {
    let stem = file_name.rsplit('/').next().unwrap_or(file_name);
    let before_year = stem
        .find(|c: char| c.is_ascii_digit())
        .map_or(stem, |i| &stem[..i]);
    before_year
        .split(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c))
        .map(|run| {
            // `…2019年度部门预算`: drop the disclosure's own words after the name.
            let mut r = run.to_string();
            for tail in [
                "部门预算",
                "部门决算",
                "预算公开",
                "决算公开",
                "预算",
                "决算",
            ] {
                if let Some(cut) = r.find(tail) {
                    r.truncate(cut);
                }
            }
            r
        })
        .filter(|r| looks_like_department(r))
        .max_by_key(|r| r.chars().count())
}

/// Whether a line reads as the name of a department or unit (a cover's first line).
/// The unit a summary table's title names before the table (`西北师范学院收支预算总表`), for
/// tables published without a cover (a workbook, a tables-only file).
fn department_before_table_title(lines: &[String]) -> Option<String> {
    const TABLES: [&str; 5] = [
        "收支预算总表",
        "收支总表",
        "收支决算总表",
        "收入支出决算总表",
        "财务收支预算总表",
    ];
    lines.iter().take(80).find_map(|l| {
        let s = strip_section_heading(&squash(l));
        let at = TABLES.iter().filter_map(|t| s.find(t)).min()?;
        let name = s[..at].to_string();
        looks_like_department(&name).then_some(name)
    })
}

fn looks_like_department(s: &str) -> bool {
    let n = s.chars().count();
    (3..=40).contains(&n)
        && !s.chars().any(|c| c.is_ascii_digit())
        && [
            "局",
            "委",
            "办",
            "院",
            "厅",
            "会",
            "部",
            "室",
            "处",
            "所",
            "中心",
            "学校",
            "大学",
            "学院",
            "政府",
            "街道办事处",
            "馆",
            "站",
            "队",
            "社",
            "团",
        ]
        .iter()
        .any(|e| s.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_names() {
        assert_eq!(
            region_of("上海市普陀区绿化和市容管理局").0.as_deref(),
            Some("上海市普陀区")
        );
        assert_eq!(
            region_of("昌吉州政务服务和公共资源交易管理局").0.as_deref(),
            Some("新疆维吾尔自治区昌吉回族自治州")
        );
        assert_eq!(
            region_of("上海市普陀区财政局").0.as_deref(),
            Some("上海市普陀区")
        );
        assert_eq!(region_of("上海市财政局").0.as_deref(), Some("上海市"));
        assert_eq!(region_of("杭州市财政局").0.as_deref(), Some("浙江省杭州市"));
    }

    #[test]
    fn facts_from_lines() {
        let lines: Vec<String> = [
            "第二部分  2022年部门（单位）预算公开表",
            "编制部门（单位）：昌吉州政务服务和公共资源交易管理局        单位：万元",
            "编制部门（单位）：  昌吉州政务服务和公共资源交易管理局         单位：万元",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = read_meta(&lines);
        assert_eq!(
            m.department.as_deref(),
            Some("昌吉州政务服务和公共资源交易管理局")
        );
        assert_eq!(m.fiscal_year, Some(2022));
        assert_eq!(m.doc_kind, Some(DocKind::Budget));
        assert_eq!(m.scope, Some(Scope::Department));
    }

    #[test]
    fn region_from_the_title_when_the_name_has_none() {
        let lines: Vec<String> = [
            "上海市普陀区2025年区级部门预算",
            "编制部门：区财政局  单位：元",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(read_meta(&lines).region.as_deref(), Some("上海市普陀区"));
    }

    #[test]
    fn department_from_a_table_title_without_a_cover() {
        let lines: Vec<String> = ["二、部门预算报表", "西北师范学院收支预算总表", "单位：万元"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            read_meta(&lines).department.as_deref(),
            Some("西北师范学院")
        );
        let plain: Vec<String> = vec!["收支预算总表".into(), "单位：万元".into()];
        assert_eq!(read_meta(&plain).department, None);
    }

    #[test]
    fn department_from_the_cover_never_a_section_heading() {
        let lines: Vec<String> = ["上海市普陀区财政局", "2024年度部门决算", "目 录"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = read_meta(&lines);
        assert_eq!(m.department.as_deref(), Some("上海市普陀区财政局"));
        assert_eq!(m.fiscal_year, Some(2024));
        let lines = vec!["第二部分 江苏省政协办公厅2018年度部门预算表".to_string()];
        assert_eq!(
            read_meta(&lines).department.as_deref(),
            Some("江苏省政协办公厅")
        );
    }

    #[test]
    fn what_a_file_name_says() {
        assert_eq!(
            year_in_name("a/江苏省政协办公厅2019年预算公开表.pdf"),
            Some(2019)
        );
        assert_eq!(year_in_name("changji-weijianwei-2021.xlsx"), Some(2021));
        assert_eq!(year_in_name("1770007475548-818404804.pdf"), None);
        assert_eq!(year_in_name("report.pdf"), None);
        assert_eq!(
            department_in_name("江苏省政协办公厅__江苏省政协办公厅2019年度部门预算.pdf").as_deref(),
            Some("江苏省政协办公厅")
        );
        assert_eq!(department_in_name("1770007475548-818404804.pdf"), None);
        assert_eq!(department_in_name("changji-zhengziju-2023.docx"), None);
    }
}
