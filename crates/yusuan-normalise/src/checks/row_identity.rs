//! `row_identity`: in a row, 合计 equals the sum of its parts (基本 + 项目, 人员 + 公用, the
//! income sources, the 三公 parts).

use yusuan_model::{Check, CheckId, Measure, TableKind};

use crate::checks::compare::compare;
use crate::tables::data::Row;
use crate::tables::figures::{fig, sum, Fig};
use crate::tables::ReadTable;

/// Revenue columns that add up to 合计 beside 财政拨款.
pub(crate) const INCOME_SOURCES: [Measure; 8] = [
    Measure::SpecialAccount,
    Measure::BusinessIncome,
    Measure::BusinessOperatingIncome,
    Measure::HigherLevelSubsidy,
    Measure::AffiliateRemittance,
    Measure::OtherIncome,
    Measure::Carryover,
    Measure::FundOffset,
];

/// The budgets that make up 财政拨款.
pub(crate) const FISCAL_SOURCES: [Measure; 3] = [
    Measure::GeneralPublicBudget,
    Measure::GovernmentFundBudget,
    Measure::StateCapitalBudget,
];

/// One row's figures by measure.
struct RowFigs<'a> {
    rt: &'a ReadTable,
    row: &'a Row,
}

impl RowFigs<'_> {
    fn get(&self, m: Measure) -> Option<Fig> {
        self.row
            .values
            .get(&m)
            .map(|v| fig(self.rt, v, self.row.row))
    }

    fn sum_of(&self, ms: &[Measure]) -> Option<Fig> {
        sum(&self.all(ms))
    }

    fn all(&self, ms: &[Measure]) -> Vec<Fig> {
        ms.iter().filter_map(|m| self.get(*m)).collect()
    }
}

/// Every row of a table against the identities its columns make.
pub(crate) fn row_identities(rt: &ReadTable, out: &mut Vec<Check>) {
    for row in &rt.data.rows {
        let r = RowFigs { rt, row };
        if rt.info.kind == TableKind::ThreePublic {
            three_public(&r, out);
            continue;
        }
        let spends = spending(&r, out);
        income(&r, spends, out);
        // Project table: 合计 = Σ economic classes.
        let economic: Vec<Fig> = row
            .values
            .iter()
            .filter(|(m, _)| m.is_economic_class())
            .map(|(_, v)| fig(rt, v, row.row))
            .collect();
        identity(
            &r,
            sum(&economic),
            r.get(Measure::Total),
            "total vs its economic classes",
            out,
        );
    }
}

/// Compare a row's parts with its whole, where both are printed.
fn identity(
    r: &RowFigs<'_>,
    parts: Option<Fig>,
    whole: Option<Fig>,
    what: &str,
    out: &mut Vec<Check>,
) {
    if let (Some(p), Some(w)) = (parts, whole) {
        let label = &r.row.code;
        compare(
            out,
            CheckId::RowIdentity,
            r.rt.info.id(),
            label,
            p,
            w,
            &format!("{label} {what}"),
        );
    }
}

/// The 三公 row: total = 出国 + 公务用车 + 接待; 合计 = 三公 + 会议费 + 培训费; 公务用车 = 购置 + 运行.
fn three_public(r: &RowFigs<'_>, out: &mut Vec<Check>) {
    let id = r.rt.info.id();
    let cars = [Measure::VehiclePurchase, Measure::VehicleOperation];
    let vehicles = r.get(Measure::Vehicles).or_else(|| r.sum_of(&cars));
    let parts: Vec<Fig> = [
        r.get(Measure::OverseasTravel),
        vehicles,
        r.get(Measure::Reception),
    ]
    .into_iter()
    .flatten()
    .collect();
    let identities = [
        (
            sum(&parts),
            r.get(Measure::Total),
            "三公 total vs 出国 + 公务用车 + 接待",
        ),
        (
            r.sum_of(&[Measure::Total, Measure::Meetings, Measure::Training]),
            r.get(Measure::GrandTotal),
            "合计 vs 三公 + 会议费 + 培训费",
        ),
        (
            r.sum_of(&cars),
            r.get(Measure::Vehicles),
            "公务用车 vs 购置 + 运行",
        ),
    ];
    for (parts, whole, what) in identities {
        if let (Some(parts), Some(whole)) = (parts, whole) {
            compare(out, CheckId::RowIdentity, id, "", parts, whole, what);
        }
    }
}

/// Expenditure: 合计 = 基本 (or 人员 + 公用) + 项目 + other kinds; 基本 = 人员 + 公用. Whether
/// the row prints any spending.
fn spending(r: &RowFigs<'_>, out: &mut Vec<Check>) -> bool {
    let staff = r.sum_of(&[Measure::Personnel, Measure::PublicUse]);
    let base = r.get(Measure::Basic).or(staff);
    let spend: Vec<Fig> = std::iter::once(base)
        .chain(
            [
                Measure::Project,
                Measure::UnitReserve,
                Measure::RemitToHigher,
                Measure::SubsidyToAffiliates,
                Measure::BusinessOperatingExpenditure,
            ]
            .map(|m| r.get(m)),
        )
        .flatten()
        .collect();
    identity(
        r,
        sum(&spend),
        r.get(Measure::Total),
        "total vs 基本 + 项目 (+ other kinds)",
        out,
    );
    if r.get(Measure::Basic).is_some() {
        identity(
            r,
            staff,
            r.get(Measure::Basic),
            "基本支出 vs 人员经费 + 公用经费",
            out,
        );
    }
    !spend.is_empty()
}

/// Income: 合计 = 财政拨款 (or its parts) + the other sources; 财政拨款 = its parts. A row that
/// prints spending beside its sources (政府性基金 收入支出决算表: 上年结转 | 本年收入 | 本年支出
/// 合计/基本/项目 | 年末结转) is not a sum of sources.
fn income(r: &RowFigs<'_>, spends: bool, out: &mut Vec<Check>) {
    let fiscal_parts = r.sum_of(&FISCAL_SOURCES);
    let fiscal = r.get(Measure::FiscalAppropriation).or(fiscal_parts);
    if !spends {
        let income: Vec<Fig> = std::iter::once(fiscal)
            .flatten()
            .chain(r.all(&INCOME_SOURCES))
            .collect();
        identity(
            r,
            sum(&income),
            r.get(Measure::Total),
            "total vs the sum of its sources",
            out,
        );
    }
    if r.get(Measure::FiscalAppropriation).is_some() {
        identity(
            r,
            fiscal_parts,
            r.get(Measure::FiscalAppropriation),
            "财政拨款 vs its budgets",
            out,
        );
    }
}
