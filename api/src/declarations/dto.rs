//! Request and response bodies of the declarations API.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::status::{DeclarationStatus, EventAction};
use crate::{
    accounts::profile::Profile,
    archive::{
        categories::{ArchiveData, Category},
        dto::Attachment,
    },
    orgs::dto::OrgUnitRef,
    plans::{
        dto::{AttachmentRequirement, PlanType},
        eligibility::{RuleOutcome, TitleGrade},
    },
};

/// 认定类型 (认定 plans only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecognitionKind {
    /// 外省调入
    TransferIn,
    /// 其他（如留学回国、转换系列）
    Other,
}

impl RecognitionKind {
    pub fn label(self) -> &'static str {
        match self {
            RecognitionKind::TransferIn => "职称认定（外省调入）",
            RecognitionKind::Other => "职称认定（其他）",
        }
    }
}

/// Step 4, 填写个人申报信息: what the applicant declares beyond the archive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclarationInfo {
    /// 申报专业 (one of the plan's 可评审专业, when it lists any)
    #[serde(default)]
    #[schema(example = "水利工程", max_length = 50)]
    pub specialty: Option<String>,
    /// 现从事专业
    #[serde(default)]
    #[schema(example = "水利水电工程设计", max_length = 50)]
    pub current_specialty: Option<String>,
    /// 专业工作年限 (years)
    #[serde(default)]
    #[schema(example = 10, minimum = 0, maximum = 60)]
    pub years_in_specialty: Option<u32>,
    /// 档案所在地
    #[serde(default)]
    #[schema(example = "宁波市人才服务中心", max_length = 100)]
    pub archive_location: Option<String>,
    /// 懂何种外语，达到何种程度
    #[serde(default)]
    #[schema(example = "英语 大学英语六级", max_length = 100)]
    pub foreign_language: Option<String>,
    /// 主要工作成绩及奖惩情况
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub achievements: Option<String>,
    /// 有何特长
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub specialities: Option<String>,
    /// 参加学术团体社会兼职情况
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub societies: Option<String>,
    /// 认定类型 (认定 plans)
    #[serde(default)]
    pub recognition_kind: Option<RecognitionKind>,
}

/// `PUT /declarations/{id}/info`: step 4 and the accepting committee or department.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveInfo {
    pub info: DeclarationInfo,
    /// 受理评审委员会 (评审) or 受理部门 (认定 / 初定): one of the plan's acceptors; omitted or
    /// null keeps the current choice.
    #[serde(default)]
    pub acceptor_id: Option<Uuid>,
}

/// `POST /declarations`: 马上申报 on a plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartDeclaration {
    pub plan_id: Uuid,
}

/// `POST /declarations/{id}/records/extract` and `…/ignore`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSelection {
    /// Archive record ids (1–200).
    pub record_ids: Vec<Uuid>,
}

/// `POST /declarations/{id}/submit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitDeclaration {
    /// The `version` the applicant previewed; a newer one means the declaration changed in
    /// between (409 `version_conflict`).
    #[serde(default, deserialize_with = "crate::pagination::de_opt_u32")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub version: Option<u32>,
}

/// The plan a declaration is for, as the applicant's lists show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanSummary {
    pub id: Uuid,
    pub year: i32,
    #[schema(example = "关于2026年度高级工程师申报通知")]
    pub name: String,
    pub plan_type: PlanType,
    #[schema(example = "评审")]
    pub plan_type_label: String,
    pub series: String,
    #[schema(example = "工程技术")]
    pub series_name: String,
    pub level: TitleGrade,
    /// 申报职称名称, e.g. 工程技术-高级工程师(副高级)
    #[schema(example = "工程技术-高级工程师(副高级)")]
    pub title_name: String,
    pub closes_at: DateTime<Utc>,
    /// Published and inside its window now.
    pub open_now: bool,
    /// 评审费, in 分.
    pub fee_fen: i64,
}

/// Where a declaration stands: which unit holds it and since when.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Stage {
    pub status: DeclarationStatus,
    #[schema(example = "待单位审查")]
    pub status_label: String,
    /// The unit that has it now (none for a draft).
    pub holder: Option<OrgUnitRef>,
    pub since: DateTime<Utc>,
    /// One sentence for people.
    #[schema(example = "宁波市水利规划设计研究院有限公司 资格审查中（2026-11-27 起）")]
    pub description: String,
}

/// One line of the timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimelineEntry {
    pub action: EventAction,
    #[schema(example = "提交申报")]
    pub action_label: String,
    /// Who did it (name), when known.
    pub actor: Option<String>,
    /// The unit the line concerns: the one that decided (passed, failed, returned, accepted),
    /// or the one that received the declaration (submitted, recommended).
    pub unit: Option<OrgUnitRef>,
    /// 审查意见 / comment
    pub comment: Option<String>,
    /// The declaration's state before and after, where it changed (审查日志 from → to).
    pub from_status: Option<DeclarationStatus>,
    pub to_status: Option<DeclarationStatus>,
    pub at: DateTime<Utc>,
}

/// What the applicant may do now (buttons of 我的申报记录).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Actions {
    /// 继续填写
    pub edit: bool,
    /// 提交
    pub submit: bool,
    /// 撤回: submitted and nobody has reviewed it yet
    pub withdraw: bool,
    /// 删除: drafts only
    pub delete: bool,
    /// 马上支付 (from the payment stage on)
    pub pay: bool,
    /// 导出评审表 (once paid)
    pub export_form: bool,
}

/// A line of 我的申报记录.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeclarationSummary {
    pub id: Uuid,
    pub plan: PlanSummary,
    pub stage: Stage,
    pub acceptor: Option<OrgUnitRef>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub actions: Actions,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeclarationPage {
    pub items: Vec<DeclarationSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Filters of 我的申报记录.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MyDeclarationsQuery {
    pub status: Option<DeclarationStatus>,
}

/// The signed guarantee 《专业技术资格申报材料真实性保证书》.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Guarantee {
    #[schema(example = "专业技术资格申报材料真实性保证书")]
    pub title: String,
    /// The text the applicant signs, paragraph by paragraph.
    pub paragraphs: Vec<String>,
    pub signed: bool,
    pub signed_at: Option<DateTime<Utc>>,
    /// A signature is valid for submission until then.
    pub valid_until: Option<DateTime<Utc>>,
    /// Expired signatures must be signed again before submitting.
    pub expired: bool,
}

/// `POST /declarations/{id}/guarantee/signing`: a one-time link for the phone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SigningSession {
    /// The one-time token (also in `url`).
    pub token: String,
    /// The phone signing page.
    #[schema(example = "https://zcps.example/sign/3q2-…")]
    pub url: String,
    /// The QR code of `url`, as an SVG document.
    pub qr_svg: String,
    pub expires_at: DateTime<Utc>,
}

/// `GET /signing/{token}`: what the phone signing page shows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SigningPage {
    /// 申报人 (masked)
    #[schema(example = "张*")]
    pub applicant: String,
    pub plan_name: String,
    pub guarantee: Guarantee,
    pub expires_at: DateTime<Utc>,
}

/// Progress through the wizard.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Progress {
    /// The furthest step saved (1–7).
    pub last_step: i32,
    pub photo: bool,
    pub guarantee_signed: bool,
    pub info: bool,
    pub records: u32,
    /// Every required attachment item has a file.
    pub attachments_complete: bool,
}

/// The files uploaded for one item of the plan's 附件要求.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentItem {
    /// 0-based position in the plan's list.
    pub item: i32,
    pub requirement: AttachmentRequirement,
    pub files: Vec<Attachment>,
}

/// A declaration as the applicant edits it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Declaration {
    pub id: Uuid,
    pub plan: PlanSummary,
    pub stage: Stage,
    pub employer: OrgUnitRef,
    pub acceptor: Option<OrgUnitRef>,
    /// The plan's acceptors to choose from (受理评审委员会 / 受理部门).
    pub acceptor_choices: Vec<OrgUnitRef>,
    /// The plan's 可评审专业.
    pub specialty_choices: Vec<String>,
    pub info: DeclarationInfo,
    pub progress: Progress,
    pub guarantee: Guarantee,
    pub attachments: Vec<AttachmentItem>,
    pub timeline: Vec<TimelineEntry>,
    /// While the declaration is returned: who returned it and every item to fix (the wizard
    /// highlights them).
    pub open_return: Option<ReturnRecord>,
    pub actions: Actions,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Sent back with a submission so that a change in between is noticed.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An archive record as extracted into a declaration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordSnapshot {
    /// The archive record it was taken from.
    pub record_id: Uuid,
    pub category: Category,
    #[schema(example = "教育经历")]
    pub category_label: String,
    pub title: String,
    pub record_date: Option<NaiveDate>,
    pub content: ArchiveData,
    pub attachments: Vec<Attachment>,
    pub approved_at: Option<DateTime<Utc>>,
    pub extracted_at: DateTime<Utc>,
}

/// Step 5: an approved archive record and whether it is in the declaration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordChoice {
    pub record_id: Uuid,
    pub category: Category,
    pub category_label: String,
    pub title: String,
    pub record_date: Option<NaiveDate>,
    /// 已提取
    pub extracted: bool,
    pub extracted_at: Option<DateTime<Utc>>,
    /// Extracted, but the archive record changed afterwards (the declaration keeps the
    /// snapshot; ignore and extract again to take the new version).
    pub changed_since: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordChoices {
    pub items: Vec<RecordChoice>,
}

/// One of sections 2–17 of the preview.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreviewSection {
    /// 2–17.
    pub no: u32,
    #[schema(example = "教育经历")]
    pub title: String,
    /// The archive categories shown here (14 and 15 share 资格与资质证书).
    pub categories: Vec<Category>,
    pub records: Vec<RecordSnapshot>,
}

/// Section 1 基本信息.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BasicInfo {
    /// 评审计划名称
    pub plan_name: String,
    pub plan_type: PlanType,
    /// 申报类型, e.g. 职称评审 / 职称认定（外省调入） / 职称初定
    pub declaration_type: String,
    /// 受理评审委员会 or 受理部门
    pub acceptor: Option<OrgUnitRef>,
    /// 申报职称名称
    pub title_name: String,
    pub employer: OrgUnitRef,
    pub person: Profile,
    pub info: DeclarationInfo,
}

/// One line of section 18 申报材料附件信息: # · 必要 · 材料名称 · 申报材料.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentRow {
    /// 1-based number shown.
    pub no: u32,
    pub required: bool,
    pub name: String,
    pub files: Vec<Attachment>,
}

/// Which submission requirement a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Window,
    Photo,
    Guarantee,
    Info,
    Acceptor,
    Education,
    WorkHistory,
    Assessment,
    Attachment,
}

/// One requirement of submission: met or not, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitCheck {
    pub kind: CheckKind,
    /// The field an unmet check is reported under in a 422 (`photo`, `attachments.0`, …).
    pub field: String,
    pub met: bool,
    pub message: String,
}

/// The 18-section view of a declaration (申报信息预览): the same for the applicant, every
/// reviewer and the review-form PDF.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeclarationView {
    pub id: Uuid,
    pub stage: Stage,
    /// 1 基本信息
    pub basic: BasicInfo,
    /// 2–17, in the order of the archive categories.
    pub sections: Vec<PreviewSection>,
    /// 18 申报材料附件信息
    pub attachments: Vec<AttachmentRow>,
    /// 申报对象资格: every rule of the plan, met or not and why (at submission for a submitted
    /// declaration, now for a draft).
    pub eligibility: Vec<RuleOutcome>,
    /// What submission needs (drafts; empty once submitted).
    pub checks: Vec<SubmitCheck>,
    pub version: i32,
}

/// One thing to fix, naming a section of the 18-section layout (1 基本信息 … 17, 18 申报材料附件
/// 信息) and, in section 18, the attachment item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnItem {
    /// Section number, 1–18 (15 covers 14 and 15: 资格与资质证书).
    #[schema(minimum = 1, maximum = 18, example = 18)]
    pub section: i32,
    /// For section 18: the attachment item (0-based, as in the plan's 附件要求).
    pub attachment: Option<i32>,
    /// What to fix.
    #[schema(example = "单位推荐意见表未加盖公章，请重新上传")]
    pub comment: String,
    /// The section's (or attachment's) title, filled in by the server.
    #[serde(default)]
    pub title: Option<String>,
}

/// A return as the applicant and the reviewers see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReturnRecord {
    pub id: Uuid,
    pub declaration_id: Uuid,
    pub unit: OrgUnitRef,
    pub actor: Option<String>,
    pub comment: String,
    pub items: Vec<ReturnItem>,
    pub at: DateTime<Utc>,
}
