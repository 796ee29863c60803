//! The request and response shapes of employer onboarding, and the enums stored in its
//! columns (`employer_applications.kind` / `.status`, `account_changes.field`).
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::status::UnitStatus;
use crate::orgs::dto::OrgUnitRef;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, EnumIter, DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum ApplicationKind {
    /// 无统一社会信用代码单位的注册审核
    #[sea_orm(string_value = "registration")]
    Registration,
    /// 授权委托证明审核
    #[sea_orm(string_value = "authorisation")]
    Authorisation,
}

/// Where an application stands: pending, then approved or rejected once.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, EnumIter, DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ApplicationStatus {
    /// 待审核
    #[sea_orm(string_value = "pending")]
    Pending,
    /// 审核通过
    #[sea_orm(string_value = "approved")]
    Approved,
    /// 审核不通过
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

/// What an employer account change changed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, EnumIter, DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
pub enum AccountChangeField {
    /// 绑定手机号
    #[sea_orm(string_value = "phone")]
    Phone,
    /// 账户使用人
    #[sea_orm(string_value = "operator")]
    Operator,
}

/// 单位证件 upload form for registration without a credit code (multipart).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct RegisterEmployerWithoutCode {
    /// 单位名称
    unit_name: String,
    /// 证件号码（可选）
    certificate_no: Option<String>,
    /// 账户使用人（经办人）姓名
    operator_name: String,
    phone: String,
    password: String,
    /// 属地人社部门 (an HRSS unit from `GET /api/v1/public/departments?kind=hrss`)
    hrss_unit_id: Uuid,
    /// Must be `true`: 我已阅读并同意《用户注册协议》
    agreed: bool,
    /// 单位注册登记证件、牌照文件或批文的扫描件或照片：jpg/jpeg，不超过 1 MB
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// 授权委托证明 upload form (multipart).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct AuthorisationUpload {
    /// 单位隶属关系: an HRSS or competent department
    affiliation_id: Uuid,
    /// 加盖公章的《用人单位委托证明》PDF 扫描件，不超过 10 MB
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Where the employer's authorisation proof stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorisationStatus {
    /// 尚未提交
    None,
    /// 待审核
    Pending,
    /// 审核通过
    Approved,
    /// 审核不通过（可重新提交）
    Rejected,
}

/// The employer's authorisation as it sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuthorisationState {
    pub status: AuthorisationStatus,
    pub unit_name: String,
    pub credit_code: Option<String>,
    /// 政务服务网法人账号 (the login)
    pub account: String,
    /// 账号使用人姓名
    pub operator_name: String,
    #[schema(example = "157****6340")]
    pub phone_masked: String,
    pub affiliation: Option<OrgUnitRef>,
    pub opinion: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Application {
    pub id: Uuid,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub unit: OrgUnitRef,
    pub credit_code: Option<String>,
    pub certificate_no: Option<String>,
    pub operator_name: String,
    pub phone_masked: String,
    /// 属地人社部门 (registration) or 单位隶属关系 (authorisation)
    pub affiliation: Option<OrgUnitRef>,
    pub file_name: String,
    pub file_type: String,
    pub opinion: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct ApplicationCounts {
    pub pending: u64,
    pub approved: u64,
    pub rejected: u64,
    pub all: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApplicationPage {
    pub items: Vec<Application>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub counts: ApplicationCounts,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    pub kind: Option<ApplicationKind>,
    pub status: Option<ApplicationStatus>,
    /// 单位名称关键字
    #[param(max_length = 50)]
    pub q: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationDecision {
    Approve,
    Reject,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"decision": "approve", "opinion": "材料齐全，同意。"}))]
pub struct ApplicationDecisionRequest {
    pub decision: ApplicationDecision,
    /// Required when rejecting.
    #[schema(max_length = 1000)]
    pub opinion: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountChange {
    pub field: AccountChangeField,
    pub old_value: String,
    pub new_value: String,
    pub created_at: DateTime<Utc>,
}

/// 本单位基本信息
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmployerInfo {
    pub unit_name: String,
    pub credit_code: Option<String>,
    pub account: String,
    pub affiliation: Option<OrgUnitRef>,
    /// 当前账户使用人
    pub operator_name: String,
    /// 当前绑定手机号
    pub phone_masked: String,
    pub status: UnitStatus,
    /// Phone numbers masked.
    pub changes: Vec<AccountChange>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PhoneCodeRequest {
    #[schema(min_length = 11, max_length = 11)]
    pub phone: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PhoneCodeSent {
    /// Seconds the code stays valid.
    #[schema(example = 600)]
    pub expires_in: i64,
    #[schema(example = "验证码已通过12333短信发送至 158****0001")]
    pub message: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePhone {
    #[schema(min_length = 11, max_length = 11)]
    pub phone: String,
    #[schema(min_length = 6, max_length = 6)]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangeOperator {
    #[schema(min_length = 1, max_length = 50)]
    pub operator_name: String,
}
