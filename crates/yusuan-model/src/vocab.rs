//! The closed vocabularies of the dataset: measures, income sources, check ids and the kinds of
//! reader warnings.
//!
//! Each is an enum declared once with [`vocabulary!`], which gives it the dataset spelling
//! (`as_str`), the reverse lookup (`parse`), the list of every value (`ALL`, which the data
//! package publishes as a Frictionless `enum` constraint) and serde as that spelling. Nothing
//! else in the workspace spells these ids.

use std::fmt;

/// Declares a closed vocabulary: an enum whose values are spelt once, as dataset ids, each with
/// the label that documents it (in the code and in the codebook).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($var:ident = $id:literal => $label:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $label] $var,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var,)*];

            /// The dataset spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$var => $id,)*
                }
            }

            /// What the value means, in the words of the disclosures (the codebook's `name`).
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$var => $label,)*
                }
            }

            /// The value a dataset spelling names.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($id => Some($name::$var),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " `{}`"),
                        s
                    ))
                })
            }
        }
    };
}

vocabulary! {
    /// A source of revenue: the `code` of an income row, and a measure of revenue columns.
    IncomeSource {
        FiscalAppropriation = "fiscal_appropriation" => "财政拨款（补助）收入, all fiscal funds together.",
        GeneralPublicBudget = "general_public_budget" => "一般公共预算拨款.",
        GovernmentFundBudget = "government_fund_budget" => "政府性基金预算拨款.",
        StateCapitalBudget = "state_capital_budget" => "国有资本经营预算拨款.",
        SpecialAccount = "special_account" => "财政专户管理资金.",
        BusinessIncome = "business_income" => "事业收入.",
        BusinessOperatingIncome = "business_operating_income" => "事业单位经营收入.",
        HigherLevelSubsidy = "higher_level_subsidy" => "上级补助收入.",
        AffiliateRemittance = "affiliate_remittance" => "附属单位上缴收入.",
        OtherIncome = "other_income" => "其他收入.",
        Carryover = "carryover" => "上年结转 / 年初结转和结余.",
        FundOffset = "fund_offset" => "用事业基金弥补收支差额 / 使用非财政拨款结余.",
        OtherFunds = "other_funds" => "其他资金: Jiangsu's bucket of 事业收入, 经营收入, 其他收入 and 债务资金.",
        DonationIncome = "donation_income" => "其中：捐赠收入, the donations within 其他收入.",
    }
}

vocabulary! {
    /// The meaning of an amount column (dataset `measure`).
    Measure {
        Total = "total" => "合计 / 总计 / 预算数.",
        Basic = "basic" => "基本支出.",
        Project = "project" => "项目支出.",
        Personnel = "personnel" => "人员经费.",
        PublicUse = "public_use" => "公用经费.",
        RemitToHigher = "remit_to_higher" => "上缴上级支出.",
        SubsidyToAffiliates = "subsidy_to_affiliates" => "对附属单位补助支出.",
        BusinessOperatingExpenditure = "business_operating_expenditure" => "经营支出.",
        CarryForward = "carry_forward" => "结转下年 / 年末结转和结余.",
        UnitReserve = "unit_reserve" => "单位预留机动经费: a reserve the unit holds back for the year (Jiangsu's 支出用途).",
        ProcurementGoods = "procurement_goods" => "政府采购: purchases of the category 货物 (A).",
        ProcurementWorks = "procurement_works" => "政府采购: purchases of the category 工程 (B).",
        ProcurementServices = "procurement_services" => "政府采购: purchases of the category 服务 (C).",
        FiscalAppropriation = "fiscal_appropriation" => "Revenue column: 财政拨款.",
        GeneralPublicBudget = "general_public_budget" => "Revenue column: 一般公共预算.",
        GovernmentFundBudget = "government_fund_budget" => "Revenue column: 政府性基金预算.",
        StateCapitalBudget = "state_capital_budget" => "Revenue column: 国有资本经营预算.",
        SpecialAccount = "special_account" => "Revenue column: 财政专户.",
        BusinessIncome = "business_income" => "Revenue column: 事业收入.",
        BusinessOperatingIncome = "business_operating_income" => "Revenue column: 事业单位经营收入.",
        HigherLevelSubsidy = "higher_level_subsidy" => "Revenue column: 上级补助收入.",
        AffiliateRemittance = "affiliate_remittance" => "Revenue column: 附属单位上缴收入.",
        OtherIncome = "other_income" => "Revenue column: 其他收入.",
        Carryover = "carryover" => "Revenue column: 上年结转 / 年初结转和结余.",
        FundOffset = "fund_offset" => "Revenue column: 用事业基金弥补收支差额.",
        OtherFunds = "other_funds" => "Revenue column: 其他资金 (Jiangsu).",
        DonationIncome = "donation_income" => "Revenue column: 其中：捐赠收入.",
        EducationFees = "education_fees" => "事业收入 其中：教育收费 (a part of business_income, not another source).",
        Actual = "actual" => "决算数.",
        InitialBudget = "initial_budget" => "年初预算数.",
        FullYearBudget = "full_year_budget" => "全年预算数 / 调整预算数.",
        ActualBasic = "actual_basic" => "决算数 of 基本支出.",
        ActualProject = "actual_project" => "决算数 of 项目支出.",
        ActualPersonnel = "actual_personnel" => "决算数 of 人员经费.",
        ActualPublicUse = "actual_public_use" => "决算数 of 公用经费.",
        InitialBudgetBasic = "initial_budget_basic" => "年初预算数 of 基本支出.",
        InitialBudgetProject = "initial_budget_project" => "年初预算数 of 项目支出.",
        InitialBudgetPersonnel = "initial_budget_personnel" => "年初预算数 of 人员经费.",
        InitialBudgetPublicUse = "initial_budget_public_use" => "年初预算数 of 公用经费.",
        FullYearBudgetBasic = "full_year_budget_basic" => "全年预算数 of 基本支出.",
        FullYearBudgetProject = "full_year_budget_project" => "全年预算数 of 项目支出.",
        FullYearBudgetPersonnel = "full_year_budget_personnel" => "全年预算数 of 人员经费.",
        FullYearBudgetPublicUse = "full_year_budget_public_use" => "全年预算数 of 公用经费.",
        Economic301 = "economic_301" => "Project-table column of economic class 301 工资福利支出.",
        Economic302 = "economic_302" => "Economic class 302 商品和服务支出.",
        Economic303 = "economic_303" => "Economic class 303 对个人和家庭的补助.",
        Economic307 = "economic_307" => "Economic class 307 债务利息及费用支出.",
        Economic309 = "economic_309" => "Economic class 309 资本性支出（基本建设）.",
        Economic310 = "economic_310" => "Economic class 310 资本性支出.",
        Economic311 = "economic_311" => "Economic class 311 对企业补助（基本建设）.",
        Economic312 = "economic_312" => "Economic class 312 对企业补助.",
        Economic313 = "economic_313" => "Economic class 313 对社会保障基金补助.",
        Economic399 = "economic_399" => "Economic class 399 其他支出.",
        OverseasTravel = "overseas_travel" => "三公: 因公出国（境）费.",
        Vehicles = "vehicles" => "三公: 公务用车购置及运行费 together.",
        VehiclePurchase = "vehicle_purchase" => "三公: 公务用车购置费.",
        VehicleOperation = "vehicle_operation" => "三公: 公务用车运行费.",
        Reception = "reception" => "三公: 公务接待费.",
        RunningCosts = "running_costs" => "机关运行经费, where the 三公 table prints it.",
        Meetings = "meetings" => "会议费, where the 三公 table prints it beside the three parts.",
        Training = "training" => "培训费, where the 三公 table prints it beside the three parts.",
        GrandTotal = "grand_total" => "合计 of a 三公 table that adds 会议费 and 培训费 to the 三公 total.",
        TotalBudget = "total_budget" => "三公 决算 table: 合计 预算数.",
        TotalActual = "total_actual" => "三公 决算 table: 合计 决算数.",
        OverseasTravelBudget = "overseas_travel_budget" => "因公出国（境）费 预算数.",
        OverseasTravelActual = "overseas_travel_actual" => "因公出国（境）费 决算数.",
        VehiclesBudget = "vehicles_budget" => "公务用车购置及运行费 预算数.",
        VehiclesActual = "vehicles_actual" => "公务用车购置及运行费 决算数.",
        VehiclePurchaseBudget = "vehicle_purchase_budget" => "公务用车购置费 预算数.",
        VehiclePurchaseActual = "vehicle_purchase_actual" => "公务用车购置费 决算数.",
        VehicleOperationBudget = "vehicle_operation_budget" => "公务用车运行费 预算数.",
        VehicleOperationActual = "vehicle_operation_actual" => "公务用车运行费 决算数.",
        ReceptionBudget = "reception_budget" => "公务接待费 预算数.",
        ReceptionActual = "reception_actual" => "公务接待费 决算数.",
        RunningCostsBudget = "running_costs_budget" => "机关运行经费 预算数.",
        RunningCostsActual = "running_costs_actual" => "机关运行经费 决算数.",
    }
}

/// The stage of a figure in a final account: what was planned or what was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// 决算数.
    Actual,
    /// 年初预算数.
    InitialBudget,
    /// 全年预算数.
    FullYearBudget,
}

impl Measure {
    /// Whether this is the measure of a revenue column (an income source's).
    pub fn is_income(self) -> bool {
        IncomeSource::ALL
            .iter()
            .any(|s| Measure::of_income(*s) == self)
    }

    /// The measure a revenue column of this income source carries.
    pub fn of_income(source: IncomeSource) -> Measure {
        use IncomeSource as I;
        match source {
            I::FiscalAppropriation => Measure::FiscalAppropriation,
            I::GeneralPublicBudget => Measure::GeneralPublicBudget,
            I::GovernmentFundBudget => Measure::GovernmentFundBudget,
            I::StateCapitalBudget => Measure::StateCapitalBudget,
            I::SpecialAccount => Measure::SpecialAccount,
            I::BusinessIncome => Measure::BusinessIncome,
            I::BusinessOperatingIncome => Measure::BusinessOperatingIncome,
            I::HigherLevelSubsidy => Measure::HigherLevelSubsidy,
            I::AffiliateRemittance => Measure::AffiliateRemittance,
            I::OtherIncome => Measure::OtherIncome,
            I::Carryover => Measure::Carryover,
            I::FundOffset => Measure::FundOffset,
            I::OtherFunds => Measure::OtherFunds,
            I::DonationIncome => Measure::DonationIncome,
        }
    }

    /// The stage this measure names on its own (决算数, 年初预算数, 全年预算数), if any.
    pub fn as_stage(self) -> Option<Stage> {
        match self {
            Measure::Actual => Some(Stage::Actual),
            Measure::InitialBudget => Some(Stage::InitialBudget),
            Measure::FullYearBudget => Some(Stage::FullYearBudget),
            _ => None,
        }
    }

    /// This measure at a stage: a column under 决算数 that reads 基本支出 is `actual_basic`, one
    /// that reads 合计 is `actual`. Measures without staged forms stay as they are.
    pub fn at_stage(self, stage: Stage) -> Measure {
        use Measure as M;
        match (stage, self) {
            (Stage::Actual, M::Total) => M::Actual,
            (Stage::Actual, M::Basic) => M::ActualBasic,
            (Stage::Actual, M::Project) => M::ActualProject,
            (Stage::Actual, M::Personnel) => M::ActualPersonnel,
            (Stage::Actual, M::PublicUse) => M::ActualPublicUse,
            (Stage::InitialBudget, M::Total) => M::InitialBudget,
            (Stage::InitialBudget, M::Basic) => M::InitialBudgetBasic,
            (Stage::InitialBudget, M::Project) => M::InitialBudgetProject,
            (Stage::InitialBudget, M::Personnel) => M::InitialBudgetPersonnel,
            (Stage::InitialBudget, M::PublicUse) => M::InitialBudgetPublicUse,
            (Stage::FullYearBudget, M::Total) => M::FullYearBudget,
            (Stage::FullYearBudget, M::Basic) => M::FullYearBudgetBasic,
            (Stage::FullYearBudget, M::Project) => M::FullYearBudgetProject,
            (Stage::FullYearBudget, M::Personnel) => M::FullYearBudgetPersonnel,
            (Stage::FullYearBudget, M::PublicUse) => M::FullYearBudgetPublicUse,
            (_, m) => m,
        }
    }

    /// A 三公 part as budgeted (`false`) or spent (`true`) on a 决算 table that prints both.
    pub fn three_public_stage(self, actual: bool) -> Measure {
        use Measure as M;
        match (self, actual) {
            (M::Total, false) => M::TotalBudget,
            (M::Total, true) => M::TotalActual,
            (M::OverseasTravel, false) => M::OverseasTravelBudget,
            (M::OverseasTravel, true) => M::OverseasTravelActual,
            (M::Vehicles, false) => M::VehiclesBudget,
            (M::Vehicles, true) => M::VehiclesActual,
            (M::VehiclePurchase, false) => M::VehiclePurchaseBudget,
            (M::VehiclePurchase, true) => M::VehiclePurchaseActual,
            (M::VehicleOperation, false) => M::VehicleOperationBudget,
            (M::VehicleOperation, true) => M::VehicleOperationActual,
            (M::Reception, false) => M::ReceptionBudget,
            (M::Reception, true) => M::ReceptionActual,
            (M::RunningCosts, false) => M::RunningCostsBudget,
            (M::RunningCosts, true) => M::RunningCostsActual,
            (m, _) => m,
        }
    }

    /// The 三公 part and whether it is the 决算数, for a staged 三公 measure.
    pub fn three_public_part(self) -> Option<(Measure, bool)> {
        Measure::ALL.iter().find_map(|&part| {
            [false, true]
                .into_iter()
                .find(|&actual| part != self && part.three_public_stage(actual) == self)
                .map(|actual| (part, actual))
        })
    }

    /// The economic-class measure of a project-table column (`302` → `economic_302`).
    pub fn economic_class(class: &str) -> Option<Measure> {
        Measure::parse(&format!("economic_{class}"))
    }

    /// Whether this is an economic-class column of the project table.
    pub fn is_economic_class(self) -> bool {
        self.as_str().starts_with("economic_")
    }
}

vocabulary! {
    /// The id of a check (dataset `checks.check`).
    CheckId {
        Rollup = "rollup" => "A parent row is not the sum of its children.",
        RowIdentity = "row_identity" => "A row's total is not the sum of its parts.",
        CrossTable = "cross_table" => "Totals disagree between tables.",
        NarrativeMismatch = "narrative_mismatch" => "A narrative figure disagrees with the tables or with its own arithmetic.",
        NameMismatch = "name_mismatch" => "A printed name is not the code's canonical name.",
        UnknownCode = "unknown_code" => "A code the classification does not have.",
        CodeRepaired = "code_repaired" => "A printed code was repaired or a row was coded from its name (a note).",
        MissingTable = "missing_table" => "An expected table was not published.",
        TemplateResidue = "template_residue" => "Template residue or a placeholder left in the published text (XX局, 待填写, 增加（减少）, 。。)",
        YearMismatch = "year_mismatch" => "A heading or date whose year is not the document's (a 2024 决算 titled 2023, 截至2023年12月31日)",
        NarrativeLogic = "narrative_logic" => "A comparative word or rate that the figures it compares contradict (决算数大于预算数 where it is smaller)",
        EmptyTableNote = "empty_table_note" => "An empty fund or 三公 table without a note saying why, with another table's note, or a note saying empty over figures",
        MissingSection = "missing_section" => "A section a disclosure must have is not there (主要职能, 名词解释, 政府采购 …)",
        PercentFormat = "percent_format" => "A rate printed without its % sign, or a share whose amount is missing (增长8.28； 项目支出，占6.19%)",
        ChangeRate = "change_rate" => "A change that does not follow from the two years' figures stated, or last year's figure stated differently in two places",
        ProcurementSum = "procurement_sum" => "政府采购 total is not 货物 + 工程 + 服务, or the part for small and medium firms exceeds the total",
        TocMismatch = "toc_mismatch" => "The table of contents lists a table not present, omits one present, or lists them in another order",
        DepartmentName = "department_name" => "A table headed with another department name than the cover's (XX局, a district dropped, an older name)",
        YearOnYear = "year_on_year" => "A 上年 figure that differs from last year's disclosure of the department, or a figure moving over 50% with no reason (a note)",
        FinalBalance = "final_balance" => "The 决算 balance: 收入 + 年初结转和结余 = 支出 + 结余分配 + 年末结转和结余.",
    }
}

vocabulary! {
    /// What a reader met that did not stop it (a [`Warning`](crate::Warning)'s `kind`, in
    /// `documents.jsonl`); each makes the file `partial`.
    WarningKind {
        XrefRepaired = "xref_repaired" => "PDF: the cross-reference table is damaged; objects were recovered by scanning the file (detail: what the PDF library reported).",
        PageTreeDamaged = "page_tree_damaged" => "PDF: the page tree is damaged; pages were found by scanning, their order may differ.",
        PagesMissing = "pages_missing" => "PDF: the page tree declares more pages (total) than could be found (count).",
        PageLimitReached = "page_limit_reached" => "PDF: only the first pages (count of total) were read, the page limit.",
        PagesWithoutText = "pages_without_text" => "PDF: pages with images but no text layer, scanned (pages).",
        PageUnreadable = "page_unreadable" => "PDF: a page could not be read and was skipped (page; detail: why).",
        PageReaderFailed = "page_reader_failed" => "PDF: the reader failed (panicked) on a page, which was skipped (page).",
        ContentMissing = "content_missing" => "PDF: a page's content stream is missing or is not a stream (page; detail: which).",
        ContentDamaged = "content_damaged" => "PDF: a page's content stream is damaged; what could be read was kept (page; detail: what the decoder reported).",
        ContentIncomplete = "content_incomplete" => "PDF: part of a page's content could not be followed: a font missing from the resources, a form nested too deep, painting itself or damaged, too many operators (page; detail: which).",
        FontUndecodable = "font_undecodable" => "PDF: the text in a font cannot be decoded (no usable ToUnicode map) and was left out (page, font; count: characters).",
        CharactersUndecodable = "characters_undecodable" => "PDF: some characters in a font cannot be decoded and were left out (page, font; count: characters).",
        PieceTableShort = "piece_table_short" => ".doc: the piece table covers fewer characters (count) than the main text has (total).",
        ParagraphPropertiesMissing = "paragraph_properties_missing" => ".doc: paragraph marks without paragraph properties, read as body text (count).",
        TableCellEdgesMissing = "table_cell_edges_missing" => ".doc: tables laid out without their cell edges, one column per cell (count).",
        TableRowEndMissing = "table_row_end_missing" => ".doc: table rows without a row-end mark (count).",
        SheetUnreadable = "sheet_unreadable" => ".xlsx/.xls: a sheet could not be read and was skipped (sheet; detail: what the workbook library reported).",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(*m));
        }
        for c in CheckId::ALL {
            assert_eq!(CheckId::parse(c.as_str()), Some(*c));
        }
        for k in WarningKind::ALL {
            assert_eq!(WarningKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(
            Measure::Basic.at_stage(Stage::Actual).as_str(),
            "actual_basic"
        );
        assert_eq!(
            Measure::Reception.three_public_stage(true).as_str(),
            "reception_actual"
        );
        assert_eq!(
            Measure::ReceptionActual.three_public_part(),
            Some((Measure::Reception, true))
        );
        assert_eq!(Measure::economic_class("302"), Some(Measure::Economic302));
        assert_eq!(
            serde_json::to_string(&CheckId::CrossTable).unwrap(),
            "\"cross_table\""
        );
    }
}
