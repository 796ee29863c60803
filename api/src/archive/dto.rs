use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    categories::{ArchiveData, Category},
    status::{Decision, RecordStatus, ReviewAction},
};
use crate::{orgs::dto::OrgUnitRef, pagination::de_opt_u32};

/// Saving a pending or returned record again resubmits it for review.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"version": 1, "content": {"category": "assessment", "data": {"year": 2025, "result": "优秀", "assessing_unit": "宁波市水利规划设计研究院有限公司"}}}))]
pub struct UpdateRecord {
    /// The `version` you edited; a newer one on the server means someone saved in between (409).
    #[serde(default, deserialize_with = "de_opt_u32")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub version: Option<u32>,
    pub content: ArchiveData,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Attachment {
    pub id: Uuid,
    #[schema(example = "毕业证书.pdf")]
    pub name: String,
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

impl Attachment {
    /// `f` shown as attachment `id` (the link's id, or the file's own), added at `created_at`.
    pub fn of(id: Uuid, f: &crate::entities::file::Model, created_at: DateTime<Utc>) -> Self {
        Self {
            id,
            name: f.original_name.clone(),
            content_type: f.content_type.clone(),
            size: f.size,
            created_at,
        }
    }
}

/// The applicant whose record it is, as a reviewer sees them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordOwner {
    pub id: Uuid,
    #[schema(example = "徐晓丽")]
    pub name: String,
    #[schema(example = "330105********104X")]
    pub id_number_masked: Option<String>,
}

/// One archive record with its content.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArchiveRecord {
    pub id: Uuid,
    pub category: Category,
    #[schema(example = "教育经历")]
    pub category_label: String,
    pub status: RecordStatus,
    #[schema(example = "待审核")]
    pub status_label: String,
    pub content: ArchiveData,
    /// A one-line summary for lists.
    pub title: String,
    pub record_date: Option<NaiveDate>,
    /// The reviewer's opinion on the last decision (shown when returned or rejected).
    pub review_comment: Option<String>,
    pub version: i32,
    /// The reviewing employer.
    pub employer: Option<OrgUnitRef>,
    pub owner: RecordOwner,
    /// Full ID number of the owner: shown only to the owner and the reviewing employer's detail view.
    pub owner_id_number: Option<String>,
    pub attachments: Vec<Attachment>,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Counts per status tab: 待审核 (1) 通过 (26) 不通过 (2) 退回 (0) 全部 (29).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct StatusCounts {
    pub pending: u64,
    pub approved: u64,
    pub rejected: u64,
    pub returned: u64,
    pub all: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArchiveRecordPage {
    pub items: Vec<ArchiveRecord>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub counts: StatusCounts,
}

/// A row of the employer's review table.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewRow {
    pub id: Uuid,
    pub category: Category,
    pub status: RecordStatus,
    #[schema(example = "待审核")]
    pub status_label: String,
    pub owner: RecordOwner,
    #[schema(example = "测试 · 大学本科/学士")]
    pub title: String,
    pub record_date: Option<NaiveDate>,
    pub review_comment: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewPage {
    pub items: Vec<ReviewRow>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub counts: StatusCounts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CategoryCount {
    pub category: Category,
    /// 1–17 as in the manuals.
    pub number: u32,
    #[schema(example = "教育经历")]
    pub label: String,
    /// Records waiting for review (the red number beside the menu item).
    pub pending: u64,
}

/// 当前共有 N 条业绩档案 和 M 份职称申报申请 待您审查
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewSummary {
    pub categories: Vec<CategoryCount>,
    pub pending_records: u64,
    /// Declarations waiting for this unit's review.
    pub pending_declarations: u64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"record_ids": ["0193a1f0-0000-7000-8000-000000000000"], "decision": "return", "comment": "请补充学位证书扫描件"}))]
pub struct DecisionRequest {
    /// 1–1000 records, decided in one transaction.
    #[schema(min_items = 1, max_items = 1000)]
    pub record_ids: Vec<Uuid>,
    pub decision: Decision,
    /// Required for reject and return.
    #[schema(max_length = 1000)]
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DecisionOutcome {
    pub record_id: Uuid,
    pub ok: bool,
    /// The new status when ok.
    pub status: Option<RecordStatus>,
    /// `not_found` or `already_reviewed` when not ok.
    pub code: Option<crate::error::ErrorCode>,
    pub message: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DecisionResult {
    pub succeeded: u32,
    pub failed: u32,
    pub items: Vec<DecisionOutcome>,
}

/// One line of a record's 审核日志.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewLogEntry {
    pub id: Uuid,
    pub action: ReviewAction,
    #[schema(example = "退回")]
    pub action_label: String,
    pub from_status: Option<RecordStatus>,
    pub to_status: RecordStatus,
    #[schema(example = "宁波市水利规划设计研究院有限公司（王诚）")]
    pub actor: String,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyRecordsQuery {
    pub category: Option<Category>,
    pub status: Option<RecordStatus>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    pub category: Option<Category>,
    pub status: Option<RecordStatus>,
    /// 申报人姓名或证件号码关键字
    #[param(max_length = 50)]
    pub q: Option<String>,
}

/// Multipart upload of one file (field `file`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct FileUpload {
    /// pdf, jpg or png, at most 10 MB; the content is checked, not the name.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"decision": "approve", "comment": null}))]
pub struct SingleDecision {
    pub decision: Decision,
    /// Required for reject and return.
    #[schema(max_length = 1000)]
    pub comment: Option<String>,
}

/// One category of the applicant's own archive with its counts per status.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MyCategorySummary {
    pub category: Category,
    pub number: u32,
    #[schema(example = "教育经历")]
    pub label: String,
    pub counts: StatusCounts,
}
