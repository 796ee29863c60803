//! Request and response bodies of the plans API.
use chrono::{DateTime, Utc};
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    eligibility::{EligibilityRules, TitleGrade},
    status::PlanStatus,
};
use crate::orgs::dto::OrgUnitRef;

/// 申报计划类型.
// Stored as the snake_case name in `plans.plan_type`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PlanType {
    /// 评审 — accepted by review committees
    #[sea_orm(string_value = "review")]
    Review,
    /// 认定 — accepted by departments
    #[sea_orm(string_value = "recognition")]
    Recognition,
    /// 初定 — accepted by departments
    #[sea_orm(string_value = "initial")]
    Initial,
}

impl PlanType {
    pub fn label(self) -> &'static str {
        match self {
            PlanType::Review => "评审",
            PlanType::Recognition => "认定",
            PlanType::Initial => "初定",
        }
    }
}

/// A file type an attachment may be uploaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpg,
    Png,
}

/// One item of the 附件要求.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRequirement {
    #[schema(example = "单位推荐意见表")]
    pub name: String,
    /// 是否必传
    pub required: bool,
    /// Accepted types (at least one).
    #[schema(example = json!(["pdf"]))]
    pub types: Vec<FileKind>,
}

/// A plan as the publisher writes it (create, and full replacement on update).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// 年度
    #[schema(example = 2026, minimum = 2000, maximum = 2100)]
    pub year: i32,
    #[schema(example = "关于2026年度高级工程师申报通知")]
    pub name: String,
    pub plan_type: PlanType,
    /// Series code of the reference catalogue (`GET /reference/title-series`).
    #[schema(example = "engineering")]
    pub series: String,
    /// A level the series has.
    pub level: TitleGrade,
    /// 可评审专业
    #[schema(example = json!(["水利工程", "水文水资源"]))]
    pub specialties: Vec<String>,
    /// 单位隶属关系: org units whose subtrees may declare (inside the publisher's jurisdiction).
    pub affiliation_ids: Vec<Uuid>,
    /// 受理评审委员会 (评审: units of kind committee) or 受理部门 (认定 / 初定: HRSS or
    /// competent units), inside the publisher's jurisdiction.
    pub acceptor_ids: Vec<Uuid>,
    /// 申报开始时间
    pub opens_at: DateTime<Utc>,
    /// 申报截止时间 (after `opens_at`).
    pub closes_at: DateTime<Utc>,
    /// 评审计划说明
    #[serde(default)]
    pub description: String,
    /// 附件要求
    #[serde(default)]
    pub attachments: Vec<AttachmentRequirement>,
    /// 申报对象资格 (text)
    #[serde(default)]
    pub qualification: String,
    /// 申报对象资格 (machine-checkable)
    #[serde(default)]
    pub rules: EligibilityRules,
    /// 评审费, in 分 (1/100 yuan): 45000 = 450.00 元.
    #[schema(example = 45000, minimum = 0, maximum = 100000000)]
    pub fee_fen: i64,
}

/// A plan as read.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Plan {
    pub id: Uuid,
    pub status: PlanStatus,
    #[schema(example = "已发布")]
    pub status_label: String,
    /// 发布单位
    pub publisher: OrgUnitRef,
    pub year: i32,
    pub name: String,
    pub plan_type: PlanType,
    #[schema(example = "评审")]
    pub plan_type_label: String,
    pub series: String,
    #[schema(example = "工程技术")]
    pub series_name: String,
    pub level: TitleGrade,
    #[schema(example = "副高级")]
    pub level_label: String,
    /// The titles at this level of the series.
    #[schema(example = json!(["高级工程师"]))]
    pub titles: Vec<String>,
    pub specialties: Vec<String>,
    pub affiliations: Vec<OrgUnitRef>,
    pub acceptors: Vec<OrgUnitRef>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Published and inside its window now.
    pub open_now: bool,
    pub description: String,
    pub attachments: Vec<AttachmentRequirement>,
    pub qualification: String,
    pub rules: EligibilityRules,
    /// 评审费, in 分.
    pub fee_fen: i64,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Counts per status tab.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct PlanCounts {
    pub draft: u64,
    pub published: u64,
    pub closed: u64,
    pub all: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanPage {
    pub items: Vec<Plan>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub counts: PlanCounts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OpenPlanPage {
    pub items: Vec<Plan>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Filters of the publisher's list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// Status tab; all when absent.
    pub status: Option<PlanStatus>,
    pub plan_type: Option<PlanType>,
    pub year: Option<i32>,
    /// Part of the plan's name.
    pub q: Option<String>,
}

/// Filters of the applicant's open plans.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenPlanQuery {
    pub plan_type: Option<PlanType>,
    /// Series code.
    pub series: Option<String>,
    /// Only plans listing this unit among their eligible affiliations.
    pub affiliation_id: Option<Uuid>,
    /// Part of the plan's name.
    pub q: Option<String>,
}
