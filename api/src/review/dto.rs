//! What the review chain's endpoints take and answer.
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use crate::declarations::dto::{ReturnItem, ReturnRecord};
use crate::{
    declarations::{
        dto::{DeclarationView, PlanSummary, Stage, TimelineEntry},
        status::{DeclarationStatus, ReviewState},
    },
    orgs::dto::OrgUnitRef,
};

/// Which of a unit's lists: 评审资格审查 (review plans) or 认定资格审查 (认定 and 初定 plans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// 评审资格审查
    #[default]
    Review,
    /// 认定资格审查（认定、初定）
    Recognition,
}

/// The tabs of a review list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTab {
    /// 待审查
    #[default]
    Pending,
    /// 审查通过（含已推荐、已受理）
    Passed,
    /// 审查通过、尚未推荐（可推荐的）
    Awaiting,
    /// 审查不通过
    Failed,
    /// 退回记录（每次退回一行）
    Returned,
    /// 全部（待审查 + 审查通过 + 审查不通过）
    All,
}

/// Filters of a review list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewListQuery {
    /// 评审资格审查 or 认定资格审查 (default `review`).
    #[param(inline)]
    pub kind: Option<ReviewKind>,
    /// The tab (default `pending`).
    #[param(inline)]
    pub tab: Option<ReviewTab>,
    /// 申报年度
    #[param(example = 2026)]
    pub year: Option<i32>,
    /// 申报计划
    pub plan_id: Option<Uuid>,
    /// 受理部门 (认定) or the accepting committee
    pub acceptor_id: Option<Uuid>,
    /// 申报人姓名或身份证号关键字（模糊查询）
    #[param(example = "张")]
    pub q: Option<String>,
}

/// The counts on a list's tabs, for its kind, year, plan and acceptor filters (maintained
/// counters: they do not grow with the unit's data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct TabCounts {
    /// 待审查
    pub pending: i64,
    /// 审查通过（含已推荐、已受理）
    pub passed: i64,
    /// 审查通过、待推荐
    pub awaiting: i64,
    /// 审查不通过
    pub failed: i64,
    /// 退回记录
    pub returned: i64,
    /// 全部 = 待审查 + 审查通过 + 审查不通过
    pub all: i64,
}

/// One row of a review list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewItem {
    pub declaration_id: Uuid,
    /// The version to send with a decision.
    pub version: i32,
    /// 姓名
    pub applicant_name: String,
    /// 身份证号（脱敏）
    #[schema(example = "330203********0021")]
    pub id_number_masked: String,
    pub plan: PlanSummary,
    /// 受理部门 / 评委会
    pub acceptor: Option<OrgUnitRef>,
    /// 申报类型 label (职称评审, 职称认定(外省转入) …)
    #[schema(example = "职称评审")]
    pub declaration_type: String,
    /// The state at this unit.
    pub state: ReviewState,
    pub state_label: String,
    /// Where the declaration is now.
    pub stage: Stage,
    /// 申报时间
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it reached this unit.
    pub received_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub opinion: Option<String>,
    /// The publicity recorded for it (employers).
    pub publicity: Option<Publicity>,
    /// Whether this unit may recommend it now (passed here, not yet recommended, and for
    /// employers a publicity of at least 5 working days that has ended without objection).
    pub can_recommend: bool,
    /// Why not, when `can_recommend` is false and the state is `passed`.
    pub recommend_blocker: Option<String>,
    /// For the 退回记录 tab: the return this row stands for.
    pub return_record: Option<ReturnRecord>,
    /// Whether a department on the way charges nothing for this plan (收费设定 不收费): the
    /// applicant will not be asked to pay.
    pub fee_waived: bool,
}

/// A page of a review list with its tab counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainReviewPage {
    pub items: Vec<ReviewItem>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub counts: TabCounts,
}

/// What a reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChainDecision {
    /// 通过 / 审查通过 (at the last unit: 受理, or 认定通过)
    Pass,
    /// 不通过 / 评审不通过 (opinion required)
    Fail,
    /// 退回 (items required)
    Return,
}

/// `POST /reviews/{declaration_id}/decision`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideRequest {
    pub decision: ChainDecision,
    /// The declaration version the reviewer saw.
    pub version: i32,
    /// 审查意见 (pass: prefilled with the unit declaration; fail: required, the reason;
    /// return: an overall comment, optional).
    #[schema(
        example = "本单位声明：申报人员无违法乱纪、无重大工作失误，所报评审材料真实可靠，经审核属实。如有失实，愿承担相应责任。"
    )]
    pub opinion: Option<String>,
    /// For a return: every item to fix, at once (at least one).
    #[serde(default)]
    pub items: Vec<ReturnItem>,
}

/// A declaration and the version a batch action saw.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionedId {
    pub declaration_id: Uuid,
    pub version: i32,
}

/// `POST /reviews/recommend`: 资格审查推荐 / 审核推荐 of passed declarations to the next unit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    /// 1–1000 declarations.
    pub items: Vec<VersionedId>,
}

/// What happened to one item of a batch.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchItemOutcome {
    pub declaration_id: Uuid,
    pub ok: bool,
    /// The new state (when ok).
    pub status: Option<DeclarationStatus>,
    /// Who holds it now (when ok).
    pub holder: Option<OrgUnitRef>,
    /// The problem code (when not ok).
    pub code: Option<crate::error::ErrorCode>,
    pub message: Option<String>,
}

/// Per-item outcomes of a batch: each item is applied whole or not at all.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchOutcome {
    pub succeeded: u32,
    pub failed: u32,
    pub items: Vec<BatchItemOutcome>,
}

/// 公示结果
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
pub enum PublicityOutcome {
    /// 公示无异议
    #[sea_orm(string_value = "no_objection")]
    NoObjection,
    /// 公示有异议
    #[sea_orm(string_value = "objection")]
    Objection,
}

impl PublicityOutcome {
    pub fn label(self) -> &'static str {
        match self {
            PublicityOutcome::NoObjection => "公示无异议",
            PublicityOutcome::Objection => "公示有异议",
        }
    }
}

/// `POST /reviews/publicities`: the employer records a publicity of passed declarations.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicityInput {
    /// The passed declarations it covered.
    pub items: Vec<VersionedId>,
    /// 公示开始日期
    #[schema(example = "2026-11-16")]
    pub starts_on: NaiveDate,
    /// 公示结束日期 (at least 5 working days after the start, both included)
    #[schema(example = "2026-11-20")]
    pub ends_on: NaiveDate,
    /// 公示方式
    #[schema(example = "单位公告栏及内网公示")]
    pub method: String,
    /// 公示结果, once it has ended
    pub outcome: Option<PublicityOutcome>,
    /// 公示情况说明
    pub note: Option<String>,
}

/// `PUT /reviews/publicities/{id}/outcome`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicityOutcomeInput {
    pub outcome: PublicityOutcome,
    pub note: Option<String>,
}

/// A recorded publicity.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Publicity {
    pub id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Working days on the official calendar, both ends included.
    pub working_days: i32,
    pub method: String,
    pub outcome: Option<PublicityOutcome>,
    pub outcome_label: Option<String>,
    pub note: Option<String>,
    /// Whether it has ended (its last day is before today, China time).
    pub ended: bool,
    /// How many declarations it covers.
    pub declarations: u64,
    pub created_at: DateTime<Utc>,
}

/// 收费设定 of a department for one plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeeSetting {
    pub plan: PlanSummary,
    /// 收费 (true, the default) or 不收费
    pub charge: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

/// `PUT /reviews/fee-settings/{plan_id}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeSettingInput {
    pub charge: bool,
}

/// A page of fee settings.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeeSettingPage {
    pub items: Vec<FeeSetting>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// What the caller's unit may do with the declaration now.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ReviewActions {
    pub pass: bool,
    pub fail: bool,
    #[serde(rename = "return")]
    #[schema(rename = "return")]
    pub return_: bool,
    pub recommend: bool,
    /// What a pass is here: 通过 / 审查通过 / 受理 / 认定通过.
    pub pass_label: String,
    /// The opinion a pass is prefilled with.
    pub default_opinion: Option<String>,
}

/// `GET /reviews/{declaration_id}`: the 18-section view with the review log, for a unit that
/// holds or has handled the declaration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewDetail {
    pub item: ReviewItem,
    pub view: DeclarationView,
    /// 审查日志: every step, who, when, from → to, opinion.
    pub log: Vec<TimelineEntry>,
    pub returns: Vec<ReturnRecord>,
    pub actions: ReviewActions,
}

/// 导出的内容
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
pub enum ExportKind {
    /// 导出名单（花名册，含完整身份证号）
    #[sea_orm(string_value = "roster")]
    Roster,
    /// 导出公示表（身份证号脱敏）
    #[sea_orm(string_value = "publicity")]
    Publicity,
}

impl ExportKind {
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Roster => "花名册",
            ExportKind::Publicity => "公示表",
        }
    }
}

/// 导出任务的状态
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
pub enum ExportStatus {
    /// 排队中
    #[sea_orm(string_value = "queued")]
    Queued,
    /// 导出中
    #[sea_orm(string_value = "running")]
    Running,
    /// 已完成，可下载
    #[sea_orm(string_value = "done")]
    Done,
    /// 导出失败（见 error）
    #[sea_orm(string_value = "failed")]
    Failed,
}

impl ExportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ExportStatus::Queued => "排队中",
            ExportStatus::Running => "导出中",
            ExportStatus::Done => "已完成",
            ExportStatus::Failed => "导出失败",
        }
    }
}

/// 导出所依据的列表筛选条件，与 `GET /reviews` 的查询参数相同（默认：评审资格审查、待审查）。
/// 退回记录标签页不能导出。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportFilters {
    /// 评审资格审查（review）或认定资格审查（recognition），默认 review
    #[serde(default)]
    pub kind: Option<ReviewKind>,
    /// 标签页，默认 pending（待审查）；不能为 returned
    #[serde(default)]
    pub tab: Option<ReviewTab>,
    /// 申报年度
    #[serde(default)]
    #[schema(example = 2026)]
    pub year: Option<i32>,
    /// 申报计划
    #[serde(default)]
    pub plan_id: Option<Uuid>,
    /// 受理部门（认定）或评委会
    #[serde(default)]
    pub acceptor_id: Option<Uuid>,
    /// 申报人姓名或身份证号关键字（模糊查询，最多 40 个字）
    #[serde(default)]
    #[schema(example = "张", max_length = 40)]
    pub q: Option<String>,
}

/// `POST /reviews/exports`：按列表的筛选条件导出花名册或公示表（xlsx，后台生成）。
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "roster", "filters": {"kind": "review", "tab": "all", "year": 2026}}))]
pub struct ExportRequest {
    /// 导出名单（roster，花名册）或导出公示表（publicity）
    pub kind: ExportKind,
    /// 列表的筛选条件（省略则为默认的 评审资格审查 · 待审查）
    #[serde(default, deserialize_with = "crate::boundary::object_only")]
    pub filters: ExportFilters,
}

/// 一个导出任务及其进度；完成后可下载 xlsx。
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportJob {
    pub id: Uuid,
    pub kind: ExportKind,
    /// 花名册 / 公示表
    #[schema(example = "花名册")]
    pub kind_label: String,
    pub filters: ExportFilters,
    pub status: ExportStatus,
    /// 排队中 / 导出中 / 已完成 / 导出失败
    #[schema(example = "导出中")]
    pub status_label: String,
    /// 要导出的行数（开始时统计；完成时为实际导出的行数）
    pub total: i64,
    /// 已写入的行数（约每 1,000 行更新一次）
    pub done: i64,
    /// 进度百分比 0–100（完成时为 100）
    #[schema(minimum = 0, maximum = 100)]
    pub percent: i32,
    /// 失败原因
    pub error: Option<String>,
    /// 下载文件名（完成后）
    #[schema(example = "宁波市水利规划设计研究院有限公司职称申报花名册（20261127）.xlsx")]
    pub file_name: Option<String>,
    /// 下载地址（完成后）：`GET /api/v1/reviews/exports/{id}/file`
    pub download_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}
