use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{auth::Role, orgs::dto::OrgUnitRef};

/// 个人注册
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"name": "徐晓丽", "id_number": "33010519770708104X", "phone": "15712346340", "password": "Passw0rd2026"}))]
pub struct RegisterIndividual {
    /// 姓名
    #[validate(length(min = 1, max = 50, message = "姓名应为1到50个字符"))]
    #[schema(min_length = 1, max_length = 50)]
    pub name: String,
    /// 18-digit resident ID number (GB 11643 check digit).
    #[schema(min_length = 18, max_length = 18)]
    pub id_number: String,
    /// 11-digit mobile number.
    #[schema(min_length = 11, max_length = 11)]
    pub phone: String,
    /// 8–64 characters with letters and digits.
    #[schema(min_length = 8, max_length = 64)]
    pub password: String,
}

/// 法人注册（有统一社会信用代码）
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"unit_name": "杭州博恩天成软件技术有限公司", "credit_code": "91350100M000100Y43", "operator_name": "王诚", "phone": "15712346340", "password": "Passw0rd2026"}))]
pub struct RegisterEmployer {
    /// 单位名称
    #[validate(length(min = 2, max = 200, message = "单位名称应为2到200个字符"))]
    #[schema(min_length = 2, max_length = 200)]
    pub unit_name: String,
    /// 统一社会信用代码 (GB 32100 check character).
    #[schema(min_length = 18, max_length = 18)]
    pub credit_code: String,
    /// 账户使用人（经办人）姓名
    #[validate(length(min = 1, max = 50, message = "账户使用人姓名应为1到50个字符"))]
    #[schema(min_length = 1, max_length = 50)]
    pub operator_name: String,
    #[schema(min_length = 11, max_length = 11)]
    pub phone: String,
    #[schema(min_length = 8, max_length = 64)]
    pub password: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// 个人登录: username is the ID number or the phone number.
    Individual,
    /// 法人登录: username is the unified social credit code.
    Employer,
    /// 部门登录: username is the allocated login name.
    Staff,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"account_kind": "individual", "username": "33010519770708104X", "password": "Demo12345"}))]
pub struct LoginRequest {
    pub account_kind: AccountKind,
    #[schema(min_length = 1, max_length = 64)]
    pub username: String,
    #[schema(min_length = 1, max_length = 128)]
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    /// Short-lived JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Opaque, single-use refresh token; each refresh returns a new one.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub refresh_token: String,
}

/// An account as its owner (or an administrator) sees it; phone and ID number masked.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountView {
    pub id: Uuid,
    pub role: Role,
    pub username: String,
    pub name: String,
    #[schema(example = "157****6340")]
    pub phone_masked: String,
    #[schema(example = "330105********104X")]
    pub id_number_masked: Option<String>,
    #[schema(example = "女")]
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub org_unit: Option<OrgUnitRef>,
    #[schema(example = "active")]
    pub status: crate::entities::account::AccountStatus,
    pub created_at: DateTime<Utc>,
}

/// 账号分配: an administrator allocates a department, committee-office or expert account.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"username": "slj_staff2", "name": "李审核", "phone": "13800000011", "role": "competent", "org_unit_id": "0193a1f0-0000-7000-8000-000000000000", "password": "Passw0rd2026"}))]
pub struct CreateStaffAccount {
    #[schema(min_length = 3, max_length = 32, pattern = "^[a-z][a-z0-9_]{2,31}$")]
    pub username: String,
    #[validate(length(min = 1, max = 50, message = "姓名应为1到50个字符"))]
    #[schema(min_length = 1, max_length = 50)]
    pub name: String,
    #[schema(min_length = 11, max_length = 11)]
    pub phone: String,
    /// competent, hrss, committee_office or expert (admins are not allocated here).
    pub role: Role,
    pub org_unit_id: Uuid,
    #[schema(min_length = 8, max_length = 64)]
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StaffAccountPage {
    pub items: Vec<AccountView>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}
