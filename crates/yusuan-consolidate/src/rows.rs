//! One input file's outcome → the rows of each CSV file (declared in [`crate::schema`]).

use yusuan_model::{
    Check, Code, CodebookEntry, Disclosure, FileOutcome, LineItem, Location, Measure,
    NarrativeFact, PerformanceTarget, Project, TableInfo,
};

use crate::schema::{
    CheckRow, CodebookRow, DocumentRow, LineItemRow, NarrativeFactRow, PanelRow,
    PerformanceTargetRow, ProjectRow, TableRow,
};

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn loc_fields(l: &Location) -> [String; 4] {
    [opt(l.page), opt(l.table_no), opt(l.row), opt(l.col)]
}

/// The fields that every row of one document repeats.
pub(crate) struct Shared {
    doc_id: String,
    department_id: String,
    department_name: String,
    region: String,
    fiscal_year: String,
    doc_kind: String,
    scope: String,
    preferred: String,
}

impl Shared {
    /// The shared fields of an outcome.
    pub(crate) fn of(o: &FileOutcome) -> Shared {
        let meta = o.disclosure.as_ref().map(|d| &d.meta);
        Shared {
            doc_id: o.doc_id.clone(),
            department_id: opt(meta.and_then(|m| m.department_id.clone())),
            department_name: opt(meta.and_then(|m| m.department_canonical.clone())),
            region: opt(meta.and_then(|m| m.region.clone())),
            fiscal_year: opt(meta.and_then(|m| m.fiscal_year)),
            doc_kind: opt(meta.and_then(|m| m.doc_kind.map(|k| k.as_str()))),
            scope: opt(meta.and_then(|m| m.scope.map(|s| s.as_str()))),
            preferred: o.copies.preferred.to_string(),
        }
    }
}

/// The `documents.csv` row of a file.
pub(crate) fn document(o: &FileOutcome, s: &Shared) -> DocumentRow {
    let d = o.disclosure.as_ref();
    let meta = d.map(|d| &d.meta);
    let rep = d.map(|d| &d.reported);
    DocumentRow {
        doc_id: s.doc_id.clone(),
        path: o.path.clone(),
        format: o.format.clone(),
        status: o.status.as_str().to_string(),
        error: opt(o.error.clone()),
        department: opt(meta.and_then(|m| m.department.clone())),
        department_id: s.department_id.clone(),
        region: s.region.clone(),
        fiscal_year: s.fiscal_year.clone(),
        doc_kind: s.doc_kind.clone(),
        scope: s.scope.clone(),
        unit: opt(meta.and_then(|m| m.unit.clone())),
        pages: opt(o.pages),
        tables: opt(d.map(|d| d.tables.len())),
        tables_missing: opt(d.map(|d| d.tables_missing.len())),
        checks_failed: opt(d.map(Disclosure::checks_failed)),
        line_items: opt(d.map(|d| d.line_items.len())),
        staff_authorised: opt(meta.and_then(|m| m.staffing.authorised)),
        staff_actual: opt(meta.and_then(|m| m.staffing.actual)),
        staff_serving: opt(meta.and_then(|m| m.staffing.serving)),
        staff_retired: opt(meta.and_then(|m| m.staffing.retired)),
        running_costs_yuan: opt(rep.and_then(|r| r.running_costs_yuan)),
        procurement_yuan: opt(rep.and_then(|r| r.procurement_yuan)),
        procurement_goods_yuan: opt(rep.and_then(|r| r.procurement_goods_yuan)),
        procurement_works_yuan: opt(rep.and_then(|r| r.procurement_works_yuan)),
        procurement_services_yuan: opt(rep.and_then(|r| r.procurement_services_yuan)),
        vehicles: opt(rep.and_then(|r| r.vehicles)),
        vehicles_value_yuan: opt(rep.and_then(|r| r.vehicles_value_yuan)),
        equipment_over_500k: opt(rep.and_then(|r| r.equipment_over_500k)),
        equipment_over_1m: opt(rep.and_then(|r| r.equipment_over_1m)),
        note: opt(o.note.clone()),
        department_name: s.department_name.clone(),
        disclosure_id: opt(o.copies.disclosure_id.clone()),
        duplicate_of: opt(o.copies.duplicate_of.clone()),
        preferred: s.preferred.clone(),
        companion: opt(o.copies.companion.clone()),
        transparency_score: opt(d.map(|d| d.transparency.score)),
        transparency_grade: opt(d.map(|d| d.transparency.grade.clone())),
        transparency_deductions: d
            .map(|d| {
                d.transparency
                    .deductions
                    .iter()
                    .map(|x| format!("{} -{}: {}", x.part, x.points, x.reason))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
    }
}

/// A line item's level, class and parent, for function and economic codes.
fn code_fields(li: &LineItem) -> [String; 3] {
    let code = Code::new(li.scheme, &li.code);
    [
        opt(code.and_then(|c| c.level()).map(|l| l.as_str())),
        opt(code.map(|c| c.class())),
        opt(code.and_then(|c| c.parent())),
    ]
}

/// The `line_items.csv` row of an amount.
pub(crate) fn line_item(li: &LineItem, s: &Shared) -> LineItemRow {
    let [page, table_no, row_no, col_no] = loc_fields(&li.location);
    let [level, class_code, parent_code] = code_fields(li);
    LineItemRow {
        doc_id: s.doc_id.clone(),
        department_id: s.department_id.clone(),
        fiscal_year: s.fiscal_year.clone(),
        table_id: li.table.to_string(),
        scheme: li.scheme.as_str().to_string(),
        code: li.code.clone(),
        name: li.name.clone(),
        name_published: li.name_published.clone(),
        project: li.project.clone(),
        measure: li.measure.to_string(),
        amount_yuan: li.amount_yuan.to_string(),
        unit: li.unit.clone(),
        page,
        table_no,
        row_no,
        col_no,
        doc_kind: s.doc_kind.clone(),
        scope: s.scope.clone(),
        department_name: s.department_name.clone(),
        level,
        class_code,
        parent_code,
        preferred: s.preferred.clone(),
    }
}

/// The `panel.csv` row of an amount of a preferred copy.
pub(crate) fn panel(li: &LineItem, s: &Shared) -> PanelRow {
    let [level, class_code, parent_code] = code_fields(li);
    PanelRow {
        department_id: s.department_id.clone(),
        department_name: s.department_name.clone(),
        region: s.region.clone(),
        fiscal_year: s.fiscal_year.clone(),
        doc_kind: s.doc_kind.clone(),
        scope: s.scope.clone(),
        table_id: li.table.to_string(),
        scheme: li.scheme.as_str().to_string(),
        level,
        code: li.code.clone(),
        class_code,
        parent_code,
        name: li.name.clone(),
        project: li.project.clone(),
        measure: li.measure.to_string(),
        amount_yuan: li.amount_yuan.to_string(),
        doc_id: s.doc_id.clone(),
    }
}

/// The `tables.csv` row of a recognised table.
pub(crate) fn table(t: &TableInfo, d: &Disclosure, s: &Shared) -> TableRow {
    let main = t
        .totals
        .iter()
        .filter(|p| matches!(p.side.as_str(), "" | "expenditure"))
        .find(|p| matches!(p.measure, Measure::Total | Measure::Actual));
    let printed: Vec<String> = t
        .totals
        .iter()
        .map(|p| format!("{}:{}={}", p.side, p.measure, p.amount_yuan))
        .collect();
    TableRow {
        doc_id: s.doc_id.clone(),
        table_no: t.table_no.to_string(),
        table_id: t.id().to_string(),
        title: t.title.clone(),
        page: opt(t.page),
        unit: opt(t.unit.clone()),
        empty: t.empty.to_string(),
        line_items: d
            .line_items
            .iter()
            .filter(|i| i.location.table_no == Some(t.table_no))
            .count()
            .to_string(),
        total_yuan: opt(main.map(|p| p.amount_yuan)),
        printed_totals: printed.join(";"),
        preferred: s.preferred.clone(),
    }
}

/// The `checks.csv` row of a check.
pub(crate) fn check(c: &Check, s: &Shared) -> CheckRow {
    let [page, table_no, row_no, col_no] = loc_fields(&c.location);
    let number = |v: &str| {
        v.parse::<rust_decimal::Decimal>()
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    CheckRow {
        doc_id: s.doc_id.clone(),
        check_id: c.check.to_string(),
        status: c.status.as_str().to_string(),
        table_id: opt(c.table),
        code: c.code.clone(),
        expected: c.expected.clone(),
        found: c.found.clone(),
        detail: c.detail.clone(),
        page,
        table_no,
        row_no,
        col_no,
        expected_value: number(&c.expected),
        found_value: number(&c.found),
    }
}

/// The `narrative_facts.csv` row of a figure of the explanation.
pub(crate) fn fact(f: &NarrativeFact, s: &Shared) -> NarrativeFactRow {
    NarrativeFactRow {
        doc_id: s.doc_id.clone(),
        section: f.section.clone(),
        subject: f.subject.clone(),
        amount_yuan: opt(f.amount_yuan),
        share_pct: opt(f.share_pct),
        change_yuan: opt(f.change_yuan),
        change_pct: opt(f.change_pct),
        sentence: f.sentence.clone(),
    }
}

/// The `performance_targets.csv` row of an indicator.
pub(crate) fn target(t: &PerformanceTarget, s: &Shared) -> PerformanceTargetRow {
    PerformanceTargetRow {
        doc_id: s.doc_id.clone(),
        project: t.project.clone(),
        level1: t.level1.clone(),
        level2: t.level2.clone(),
        indicator: t.indicator.clone(),
        operator: t.operator.clone(),
        value: t.value.clone(),
        unit: t.unit.clone(),
        text: t.text.clone(),
    }
}

/// The `projects.csv` row of a project the explanation describes.
pub(crate) fn project(p: &Project, s: &Shared) -> ProjectRow {
    ProjectRow {
        doc_id: s.doc_id.clone(),
        project: p.name.clone(),
        code: p.code.clone(),
        table_name: p.table_name.clone(),
        amount_yuan: opt(p.amount_yuan),
        table_amount_yuan: opt(p.table_amount_yuan),
        policy_basis: p.policy_basis.clone(),
        implementing_unit: p.implementing_unit.clone(),
        period: p.period.clone(),
    }
}

/// The `codebook.csv` row of a classification code.
pub(crate) fn code(e: &CodebookEntry) -> CodebookRow {
    CodebookRow {
        vocabulary: e.vocabulary.clone(),
        code: e.code.clone(),
        level: e.level.clone(),
        parent_code: e.parent_code.clone(),
        name: e.name.clone(),
        former_names: e.former_names.clone(),
        valid_from: e.valid_from.clone(),
        valid_to: e.valid_to.clone(),
        corresponds_to: e.corresponds_to.clone(),
        source: e.source.clone(),
    }
}
