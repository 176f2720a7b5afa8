//! `row_identity`: in a row, 合计 equals the sum of its parts (基本 + 项目, 人员 + 公用, the
//! income sources, the 三公 parts).

use yusuan_model::{Check, CheckId, Measure, TableKind};

use crate::checks::compare::compare;
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

pub(crate) fn row_identities(rt: &ReadTable, out: &mut Vec<Check>) {
    let id = rt.info.id();
    for row in &rt.data.rows {
        let get = |m: Measure| row.values.get(&m).map(|v| fig(rt, v, row.row));
        let sum_of = |ms: &[Measure]| sum(&ms.iter().filter_map(|m| get(*m)).collect::<Vec<_>>());
        if rt.info.kind == TableKind::ThreePublic {
            let vehicles = get(Measure::Vehicles)
                .or_else(|| sum_of(&[Measure::VehiclePurchase, Measure::VehicleOperation]));
            if let Some(total) = get(Measure::Total) {
                if let Some(parts) = sum(&[
                    get(Measure::OverseasTravel),
                    vehicles,
                    get(Measure::Reception),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>())
                {
                    compare(
                        out,
                        CheckId::RowIdentity,
                        id,
                        "",
                        parts,
                        total,
                        "三公 total vs 出国 + 公务用车 + 接待",
                    );
                }
            }
            if let (Some(grand), Some(parts)) = (
                get(Measure::GrandTotal),
                sum_of(&[Measure::Total, Measure::Meetings, Measure::Training]),
            ) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    "",
                    parts,
                    grand,
                    "合计 vs 三公 + 会议费 + 培训费",
                );
            }
            if let (Some(v), Some(parts)) = (
                get(Measure::Vehicles),
                sum_of(&[Measure::VehiclePurchase, Measure::VehicleOperation]),
            ) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    "",
                    parts,
                    v,
                    "公务用车 vs 购置 + 运行",
                );
            }
            continue;
        }
        let label = row.code.clone();
        let mut identity = |parts: Option<Fig>, whole: Option<Fig>, what: &str| {
            if let (Some(p), Some(w)) = (parts, whole) {
                compare(
                    out,
                    CheckId::RowIdentity,
                    id,
                    &label,
                    p,
                    w,
                    &format!("{label} {what}"),
                );
            }
        };
        // Expenditure: 合计 = 基本 (or 人员 + 公用) + 项目 + other kinds; 基本 = 人员 + 公用.
        let staff = sum_of(&[Measure::Personnel, Measure::PublicUse]);
        let base = get(Measure::Basic).or(staff);
        let spend: Vec<Fig> = [
            base,
            get(Measure::Project),
            get(Measure::UnitReserve),
            get(Measure::RemitToHigher),
            get(Measure::SubsidyToAffiliates),
            get(Measure::BusinessOperatingExpenditure),
        ]
        .into_iter()
        .flatten()
        .collect();
        identity(
            sum(&spend),
            get(Measure::Total),
            "total vs 基本 + 项目 (+ other kinds)",
        );
        if get(Measure::Basic).is_some() {
            identity(
                staff,
                get(Measure::Basic),
                "基本支出 vs 人员经费 + 公用经费",
            );
        }
        // Income: 合计 = 财政拨款 (or its parts) + the other sources; 财政拨款 = its parts.
        let fiscal_parts = sum_of(&FISCAL_SOURCES);
        let fiscal = get(Measure::FiscalAppropriation).or(fiscal_parts);
        let income: Vec<Fig> = std::iter::once(fiscal)
            .chain(INCOME_SOURCES.iter().map(|m| get(*m)))
            .flatten()
            .collect();
        // A row that prints spending beside its sources (政府性基金 收入支出决算表: 上年结转 |
        // 本年收入 | 本年支出 合计/基本/项目 | 年末结转) is not a sum of sources.
        if spend.is_empty() {
            identity(
                sum(&income),
                get(Measure::Total),
                "total vs the sum of its sources",
            );
        }
        if get(Measure::FiscalAppropriation).is_some() {
            identity(
                fiscal_parts,
                get(Measure::FiscalAppropriation),
                "财政拨款 vs its budgets",
            );
        }
        // Project table: 合计 = Σ economic classes.
        let economic: Vec<Fig> = row
            .values
            .iter()
            .filter(|(m, _)| m.is_economic_class())
            .map(|(_, v)| fig(rt, v, row.row))
            .collect();
        identity(
            sum(&economic),
            get(Measure::Total),
            "total vs its economic classes",
        );
    }
}
