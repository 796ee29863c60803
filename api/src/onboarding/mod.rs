//! Employer onboarding: registration without a credit code (manual approval), the
//! authorisation proof 授权委托证明 and its review by the local HRSS department, and the
//! employer's own basic info (bound phone with an SMS code, account operator).
//!
//! Unit status: pending_registration → (registration approved) pending_authorisation →
//! authorisation_submitted → active; rejections lead to registration_rejected /
//! authorisation_rejected, from which the employer may submit again.
use crate::error::ErrorCode;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub mod routes;

use crate::orgs::{dto::OrgUnitRef, jurisdiction::Scope, service as orgs};
use crate::{
    auth::{AuthUser, Role, hash_password},
    db::WriteTxn,
    documents::{files, sniff::FileKind},
    domain::{Password, Phone, mask_phone},
    entities::sms_code::CodePurpose,
    entities::{account, account_change, employer_application, file, org_closure, org_unit},
    error::{AppError, AppResult, FieldErrors},
    notify::{self, codes, outbox},
    pagination::PageParams,
    state::AppState,
};

pub const CERTIFICATE_MAX: usize = files::MB;
pub const PROOF_MAX: usize = 10 * files::MB;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    /// 无统一社会信用代码单位的注册审核
    Registration,
    /// 授权委托证明审核
    Authorisation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Pending,
    Approved,
    Rejected,
}

impl ApplicationKind {
    fn as_str(self) -> &'static str {
        match self {
            ApplicationKind::Registration => "registration",
            ApplicationKind::Authorisation => "authorisation",
        }
    }
}

impl ApplicationStatus {
    fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
        }
    }
    fn parse(s: &str) -> Self {
        match s {
            "approved" => ApplicationStatus::Approved,
            "rejected" => ApplicationStatus::Rejected,
            _ => ApplicationStatus::Pending,
        }
    }
}

/// What a unit's status means for logging in and using the platform.
pub fn login_refusal(unit_status: &str) -> Option<(ErrorCode, &'static str)> {
    match unit_status {
        "pending_registration" => Some((
            ErrorCode::RegistrationPending,
            "单位注册信息正在由人社部门人工审核，审核通过后将以短信通知，届时方可登录",
        )),
        "registration_rejected" => Some((
            ErrorCode::RegistrationRejected,
            "单位注册信息未通过人工审核，请按短信中的意见重新注册",
        )),
        _ => None,
    }
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Department {
    pub id: Uuid,
    pub name: String,
    pub kind: crate::orgs::dto::OrgKind,
    pub parent_name: Option<String>,
}

/// The kinds of department an employer can be registered with or affiliated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentKind {
    /// 人力社保部门
    Hrss,
    /// 主管部门
    Competent,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DepartmentQuery {
    /// hrss or competent (both when absent)
    pub kind: Option<DepartmentKind>,
    #[param(max_length = 50)]
    pub q: Option<String>,
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
    /// phone or operator
    pub field: String,
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
    pub status: String,
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

fn field_error(field: &str, msg: &str) -> AppError {
    let mut e = FieldErrors::default();
    e.push(field, msg);
    e.finish().unwrap_err()
}

/// Moves a leaf unit (an employer) under `new_parent`, keeping the closure table right.
pub async fn reparent_leaf<C: ConnectionTrait>(
    db: &C,
    unit: Uuid,
    new_parent: Uuid,
) -> AppResult<()> {
    org_closure::Entity::delete_many()
        .filter(org_closure::Column::DescendantId.eq(unit))
        .filter(org_closure::Column::Depth.gt(0))
        .exec(db)
        .await?;
    let ancestors = org_closure::Entity::find()
        .filter(org_closure::Column::DescendantId.eq(new_parent))
        .all(db)
        .await?;
    let level = ancestors.len() as i32;
    let rows: Vec<org_closure::ActiveModel> = ancestors
        .into_iter()
        .map(|a| org_closure::ActiveModel {
            ancestor_id: Set(a.ancestor_id),
            descendant_id: Set(unit),
            depth: Set(a.depth + 1),
        })
        .collect();
    if !rows.is_empty() {
        org_closure::Entity::insert_many(rows).exec(db).await?;
    }
    org_unit::Entity::update_many()
        .col_expr(org_unit::Column::ParentId, Expr::value(Some(new_parent)))
        .col_expr(org_unit::Column::Level, Expr::value(level))
        .filter(org_unit::Column::Id.eq(unit))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn departments(state: &AppState, q: DepartmentQuery) -> AppResult<Vec<Department>> {
    let kinds: Vec<&str> = match q.kind {
        Some(DepartmentKind::Hrss) => vec!["hrss"],
        Some(DepartmentKind::Competent) => vec!["competent"],
        None => vec!["hrss", "competent"],
    };
    let mut query = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.is_in(kinds))
        .filter(org_unit::Column::Status.eq("active"));
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        query = query.filter(orgs::fuzzy(org_unit::Column::Name, text));
    }
    let rows = query
        .order_by_asc(org_unit::Column::Level)
        .order_by_asc(org_unit::Column::Name)
        .limit(50)
        .all(&state.db)
        .await?;
    let parents = orgs::units_by_id(&state.db, rows.iter().filter_map(|r| r.parent_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| Department {
            parent_name: r
                .parent_id
                .and_then(|p| parents.get(&p))
                .map(|p| p.name.clone()),
            kind: crate::orgs::dto::OrgKind::parse(&r.kind)
                .unwrap_or(crate::orgs::dto::OrgKind::Hrss),
            id: r.id,
            name: r.name,
        })
        .collect())
}

pub async fn register_without_code(
    state: &AppState,
    form: files::UploadForm,
) -> AppResult<crate::accounts::dto::AccountView> {
    let mut errs = FieldErrors::default();
    let unit_name = form.text("unit_name").unwrap_or_default().to_owned();
    if !(2..=200).contains(&unit_name.chars().count()) {
        errs.push("unit_name", "单位名称应为2到200个字符");
    }
    let certificate_no = form.text("certificate_no").map(str::to_owned);
    if certificate_no
        .as_ref()
        .is_some_and(|c| c.chars().count() > 60)
    {
        errs.push("certificate_no", "证件号码不能超过60个字符");
    }
    let operator = form.text("operator_name").unwrap_or_default().to_owned();
    if !(1..=50).contains(&operator.chars().count()) {
        errs.push("operator_name", "账户使用人姓名应为1到50个字符");
    }
    let phone = errs.take(
        "phone",
        Phone::parse(form.text("phone").unwrap_or_default()),
    );
    let password = errs.take(
        "password",
        Password::parse(
            form.fields
                .get("password")
                .map(String::as_str)
                .unwrap_or_default(),
        ),
    );
    if form.text("agreed") != Some("true") {
        errs.push("agreed", "请阅读并同意《用户注册协议》");
    }
    let hrss = match form.text("hrss_unit_id").map(Uuid::parse_str) {
        Some(Ok(id)) => org_unit::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .filter(|u| u.kind == "hrss"),
        _ => None,
    };
    if hrss.is_none() {
        errs.push("hrss_unit_id", "请选择属地人社部门");
    }
    if form.file.is_none() {
        errs.push("file", "请上传单位证件");
    }
    errs.finish()?;
    let (phone, password, hrss) = (phone.unwrap(), password.unwrap(), hrss.unwrap());
    crate::accounts::service::ensure_employer_phone_free(&state.db, &phone).await?;
    let (name, bytes) = form.file.unwrap();
    let hash = hash_password(password.expose());
    let write = crate::db::begin_write(&state.db).await?;
    let new = files::NewFile {
        owner: None,
        purpose: "registration",
        original_name: &name,
        bytes,
    };
    let f = files::save(state, &write, new, &[FileKind::Jpeg], CERTIFICATE_MAX).await?;
    let unit = orgs::insert_unit(
        &write,
        &unit_name,
        "employer",
        Some(hrss.id),
        None,
        "pending_registration",
    )
    .await?;
    let now = Utc::now();
    let acc = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        role: Set(crate::auth::Role::Employer),
        username: Set(format!("u{}", unit.id.simple())),
        name: Set(operator),
        phone: Set(phone.as_str().to_owned()),
        password_hash: Set(hash),
        org_unit_id: Set(Some(unit.id)),
        id_number: Set(None),
        gender: Set(None),
        birth_date: Set(None),
        status: Set(crate::entities::account::AccountStatus::Active),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&write)
    .await?;
    employer_application::ActiveModel {
        id: Set(Uuid::now_v7()),
        unit_id: Set(unit.id),
        account_id: Set(acc.id),
        kind: Set(ApplicationKind::Registration.as_str().into()),
        affiliation_id: Set(hrss.id),
        certificate_no: Set(certificate_no),
        file_id: Set(f.id),
        status: Set("pending".into()),
        opinion: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
    }
    .insert(&write)
    .await?;
    write.commit().await?;
    Ok(crate::accounts::service::view(&acc, Some(&unit)))
}

async fn employer_of(
    state: &AppState,
    user: &AuthUser,
) -> AppResult<(account::Model, org_unit::Model)> {
    user.require(&[Role::Employer])?;
    let acc = account::Entity::find_by_id(user.id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::unauthorized("账号不存在"))?;
    let unit = org_unit::Entity::find_by_id(acc.org_unit_id.ok_or_else(AppError::forbidden)?)
        .one(&state.db)
        .await?
        .ok_or_else(AppError::forbidden)?;
    Ok((acc, unit))
}

fn login_of(acc: &account::Model, unit: &org_unit::Model) -> String {
    unit.credit_code
        .clone()
        .unwrap_or_else(|| acc.phone.clone())
}

pub async fn authorisation_state(
    state: &AppState,
    user: &AuthUser,
) -> AppResult<AuthorisationState> {
    let (acc, unit) = employer_of(state, user).await?;
    let latest = employer_application::Entity::find()
        .filter(employer_application::Column::UnitId.eq(unit.id))
        .filter(employer_application::Column::Kind.eq(ApplicationKind::Authorisation.as_str()))
        .order_by_desc(employer_application::Column::CreatedAt)
        .one(&state.db)
        .await?;
    // Units seeded or approved before proofs were recorded: the affiliation is the parent.
    let affiliation_id = match &latest {
        Some(a) => Some(a.affiliation_id),
        None if unit.status == "active" => unit.parent_id,
        None => None,
    };
    let affiliation = match affiliation_id {
        Some(id) => org_unit::Entity::find_by_id(id).one(&state.db).await?,
        None => None,
    };
    Ok(AuthorisationState {
        status: match (&latest, unit.status.as_str()) {
            (_, "active") => AuthorisationStatus::Approved,
            (Some(a), _) => match ApplicationStatus::parse(&a.status) {
                ApplicationStatus::Pending => AuthorisationStatus::Pending,
                ApplicationStatus::Approved => AuthorisationStatus::Approved,
                ApplicationStatus::Rejected => AuthorisationStatus::Rejected,
            },
            (None, _) => AuthorisationStatus::None,
        },
        unit_name: unit.name.clone(),
        credit_code: unit.credit_code.clone(),
        account: login_of(&acc, &unit),
        operator_name: acc.name.clone(),
        phone_masked: mask_phone(&acc.phone),
        affiliation: affiliation.as_ref().map(OrgUnitRef::from),
        opinion: latest.as_ref().and_then(|a| a.opinion.clone()),
        submitted_at: latest.as_ref().map(|a| a.created_at),
        decided_at: latest.as_ref().and_then(|a| a.decided_at),
    })
}

/// Everything the 《用人单位委托证明》 template needs: (unit name, credit code, account, operator).
pub async fn template_fields(
    state: &AppState,
    user: &AuthUser,
) -> AppResult<(String, Option<String>, String, String)> {
    let (acc, unit) = employer_of(state, user).await?;
    Ok((
        unit.name.clone(),
        unit.credit_code.clone(),
        login_of(&acc, &unit),
        acc.name,
    ))
}

pub async fn submit_authorisation(
    state: &AppState,
    user: &AuthUser,
    form: files::UploadForm,
) -> AppResult<AuthorisationState> {
    let (acc, unit) = employer_of(state, user).await?;
    match unit.status.as_str() {
        "pending_authorisation" | "authorisation_rejected" => {}
        "authorisation_submitted" => {
            return Err(AppError::conflict(
                ErrorCode::AlreadySubmitted,
                "授权委托证明已提交，正在等待人社部门审核",
            ));
        }
        "active" => {
            return Err(AppError::conflict(
                ErrorCode::AlreadyApproved,
                "本单位的授权委托证明已审核通过",
            ));
        }
        _ => return Err(AppError::forbidden()),
    }
    let mut errs = FieldErrors::default();
    let affiliation = match form.text("affiliation_id").map(Uuid::parse_str) {
        Some(Ok(id)) => org_unit::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .filter(|u| matches!(u.kind.as_str(), "hrss" | "competent") && u.status == "active"),
        _ => None,
    };
    if affiliation.is_none() {
        errs.push("affiliation_id", "请选择单位隶属关系");
    }
    if form.file.is_none() {
        errs.push("file", "请上传加盖公章的授权委托证明PDF扫描件");
    }
    errs.finish()?;
    let affiliation = affiliation.unwrap();
    let (name, bytes) = form.file.unwrap();
    let write = crate::db::begin_write(&state.db).await?;
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: "authorisation",
        original_name: &name,
        bytes,
    };
    let f = files::save(state, &write, new, &[FileKind::Pdf], PROOF_MAX).await?;
    // Conditional: of two concurrent submissions, one wins.
    let res = org_unit::Entity::update_many()
        .col_expr(
            org_unit::Column::Status,
            Expr::value("authorisation_submitted"),
        )
        .filter(org_unit::Column::Id.eq(unit.id))
        .filter(org_unit::Column::Status.is_in(["pending_authorisation", "authorisation_rejected"]))
        .exec(&write)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::conflict(
            ErrorCode::AlreadySubmitted,
            "授权委托证明已提交，正在等待人社部门审核",
        ));
    }
    reparent_leaf(&write, unit.id, affiliation.id).await?;
    employer_application::ActiveModel {
        id: Set(Uuid::now_v7()),
        unit_id: Set(unit.id),
        account_id: Set(acc.id),
        kind: Set(ApplicationKind::Authorisation.as_str().into()),
        affiliation_id: Set(affiliation.id),
        certificate_no: Set(None),
        file_id: Set(f.id),
        status: Set("pending".into()),
        opinion: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&write)
    .await?;
    write.commit().await?;
    authorisation_state(state, user).await
}

fn application_condition(user: &AuthUser) -> AppResult<Condition> {
    user.require(&[Role::Hrss, Role::Admin])?;
    Ok(Condition::all().add(Scope::of(user).condition(employer_application::Column::UnitId)))
}

async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<employer_application::Model>,
) -> AppResult<Vec<Application>> {
    let units =
        orgs::units_by_id(db, rows.iter().flat_map(|r| [r.unit_id, r.affiliation_id])).await?;
    let accounts =
        crate::accounts::service::accounts_by_id(db, rows.iter().map(|r| r.account_id)).await?;
    let files: std::collections::HashMap<Uuid, file::Model> = if rows.is_empty() {
        Default::default()
    } else {
        file::Entity::find()
            .filter(file::Column::Id.is_in(rows.iter().map(|r| r.file_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect()
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let unit = units.get(&r.unit_id)?;
            let acc = accounts.get(&r.account_id)?;
            let f = files.get(&r.file_id)?;
            Some(Application {
                id: r.id,
                kind: if r.kind == "registration" {
                    ApplicationKind::Registration
                } else {
                    ApplicationKind::Authorisation
                },
                status: ApplicationStatus::parse(&r.status),
                unit: OrgUnitRef::from(unit),
                credit_code: unit.credit_code.clone(),
                certificate_no: r.certificate_no.clone(),
                operator_name: acc.name.clone(),
                phone_masked: mask_phone(&acc.phone),
                affiliation: units.get(&r.affiliation_id).map(OrgUnitRef::from),
                file_name: f.original_name.clone(),
                file_type: f.content_type.clone(),
                opinion: r.opinion,
                created_at: r.created_at,
                decided_at: r.decided_at,
            })
        })
        .collect())
}

pub async fn list_applications(
    state: &AppState,
    user: &AuthUser,
    q: ApplicationQuery,
    page: PageParams,
) -> AppResult<ApplicationPage> {
    let mut base = application_condition(user)?;
    let (page_no, per_page) = page.resolve()?;
    if let Some(kind) = q.kind {
        base = base.add(employer_application::Column::Kind.eq(kind.as_str()));
    }
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        let units = sea_orm::sea_query::Query::select()
            .column(org_unit::Column::Id)
            .from(org_unit::Entity)
            .cond_where(orgs::fuzzy(org_unit::Column::Name, text))
            .to_owned();
        base = base.add(employer_application::Column::UnitId.in_subquery(units));
    }
    let grouped: Vec<(String, i64)> = employer_application::Entity::find()
        .select_only()
        .column(employer_application::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(base.clone())
        .group_by(employer_application::Column::Status)
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut counts = ApplicationCounts::default();
    for (s, n) in grouped {
        let n = n as u64;
        match ApplicationStatus::parse(&s) {
            ApplicationStatus::Pending => counts.pending = n,
            ApplicationStatus::Approved => counts.approved = n,
            ApplicationStatus::Rejected => counts.rejected = n,
        }
        counts.all += n;
    }
    let total = match q.status {
        None => counts.all,
        Some(ApplicationStatus::Pending) => counts.pending,
        Some(ApplicationStatus::Approved) => counts.approved,
        Some(ApplicationStatus::Rejected) => counts.rejected,
    };
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(employer_application::Column::Status.eq(s.as_str()));
    }
    let rows = employer_application::Entity::find()
        .filter(cond)
        .order_by_desc(employer_application::Column::CreatedAt)
        .order_by_desc(employer_application::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(&state.db)
        .await?;
    Ok(ApplicationPage {
        items: views(&state.db, rows).await?,
        total,
        page: page_no,
        per_page,
        counts,
    })
}

async fn scoped_application(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<employer_application::Model> {
    let cond = application_condition(user)?;
    employer_application::Entity::find_by_id(id)
        .filter(cond)
        .one(&state.db)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn get_application(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<Application> {
    let row = scoped_application(state, user, id).await?;
    views(&state.db, vec![row])
        .await?
        .pop()
        .ok_or_else(AppError::not_found)
}

pub async fn application_file(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    let row = scoped_application(state, user, id).await?;
    let f = file::Entity::find_by_id(row.file_id)
        .one(&state.db)
        .await?
        .ok_or_else(AppError::not_found)?;
    files::download(state, &f).await
}

pub async fn decide_application(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    req: ApplicationDecisionRequest,
) -> AppResult<Application> {
    user.require(&[Role::Hrss])?;
    let row = scoped_application(state, user, id).await?;
    let opinion = req
        .opinion
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    if req.decision == ApplicationDecision::Reject && opinion.is_none() {
        return Err(field_error("opinion", "请填写不通过的意见"));
    }
    if opinion.as_ref().is_some_and(|o| o.chars().count() > 1000) {
        return Err(field_error("opinion", "意见不能超过1000个字符"));
    }
    let approve = req.decision == ApplicationDecision::Approve;
    let registration = row.kind == "registration";
    let (new_status, unit_status) = match (registration, approve) {
        (true, true) => ("approved", "pending_authorisation"),
        (true, false) => ("rejected", "registration_rejected"),
        (false, true) => ("approved", "active"),
        (false, false) => ("rejected", "authorisation_rejected"),
    };
    let acc = account::Entity::find_by_id(row.account_id)
        .one(&state.db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let unit = org_unit::Entity::find_by_id(row.unit_id)
        .one(&state.db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let write = crate::db::begin_write(&state.db).await?;
    let now = Utc::now();
    let res = employer_application::Entity::update_many()
        .col_expr(
            employer_application::Column::Status,
            Expr::value(new_status),
        )
        .col_expr(
            employer_application::Column::Opinion,
            Expr::value(opinion.clone()),
        )
        .col_expr(
            employer_application::Column::DecidedBy,
            Expr::value(Some(user.id)),
        )
        .col_expr(
            employer_application::Column::DecidedAt,
            Expr::value(Some(now)),
        )
        .filter(employer_application::Column::Id.eq(id))
        .filter(employer_application::Column::Status.eq("pending"))
        .exec(&write)
        .await?;
    if res.rows_affected != 1 {
        return Err(AppError::conflict(
            ErrorCode::AlreadyDecided,
            "该申请已被审核，请刷新后查看",
        ));
    }
    org_unit::Entity::update_many()
        .col_expr(org_unit::Column::Status, Expr::value(unit_status))
        .filter(org_unit::Column::Id.eq(unit.id))
        .exec(&write)
        .await?;
    let what = if registration {
        "单位注册信息"
    } else {
        "授权委托证明"
    };
    let (title, text) = match (registration, approve) {
        (true, true) => (
            format!("{what}审核通过"),
            format!(
                "您单位（{}）的注册信息已审核通过，请登录平台下载并提交《用人单位委托证明》。",
                unit.name
            ),
        ),
        (false, true) => (
            format!("{what}审核通过"),
            format!(
                "您单位（{}）提交的授权委托证明已审核通过，现可开展业绩档案审核、职称申报资格审查等工作。",
                unit.name
            ),
        ),
        (_, false) => (
            format!("{what}审核未通过"),
            format!(
                "您单位（{}）的{what}未通过审核，意见：{}",
                unit.name,
                opinion.clone().unwrap_or_default()
            ),
        ),
    };
    outbox::enqueue_sms(&write, &acc.phone, &text).await?;
    notify::notify(&write, acc.id, &title, &text).await?;
    write.commit().await?;
    get_application(state, user, id).await
}

pub async fn employer_info(state: &AppState, user: &AuthUser) -> AppResult<EmployerInfo> {
    let (acc, unit) = employer_of(state, user).await?;
    let affiliation = match unit.parent_id {
        Some(p) => org_unit::Entity::find_by_id(p).one(&state.db).await?,
        None => None,
    };
    let changes = account_change::Entity::find()
        .filter(account_change::Column::AccountId.eq(acc.id))
        .order_by_desc(account_change::Column::CreatedAt)
        .limit(50)
        .all(&state.db)
        .await?;
    Ok(EmployerInfo {
        unit_name: unit.name.clone(),
        credit_code: unit.credit_code.clone(),
        account: login_of(&acc, &unit),
        affiliation: affiliation.as_ref().map(OrgUnitRef::from),
        operator_name: acc.name.clone(),
        phone_masked: mask_phone(&acc.phone),
        status: unit.status.clone(),
        changes: changes
            .into_iter()
            .map(|c| {
                let mask = |v: &str| {
                    if c.field == "phone" {
                        mask_phone(v)
                    } else {
                        v.to_owned()
                    }
                };
                AccountChange {
                    old_value: mask(&c.old_value),
                    new_value: mask(&c.new_value),
                    field: c.field,
                    created_at: c.created_at,
                }
            })
            .collect(),
    })
}

pub async fn send_phone_code(
    state: &AppState,
    user: &AuthUser,
    req: PhoneCodeRequest,
) -> AppResult<PhoneCodeSent> {
    let (acc, _) = employer_of(state, user).await?;
    let phone = Phone::parse(&req.phone).map_err(|m| field_error("phone", m))?;
    if phone.as_str() == acc.phone {
        return Err(field_error("phone", "新手机号与当前绑定手机号相同"));
    }
    crate::accounts::service::ensure_employer_phone_free(&state.db, &phone).await?;
    let issued = state
        .db
        .write_txn(|txn| {
            let phone = phone.as_str().to_owned();
            Box::pin(async move {
                codes::issue(txn, acc.id, &phone, CodePurpose::ChangePhone, |code| {
                    format!("您正在修改职称申报平台单位账号的绑定手机号，验证码 {code}，10分钟内有效。如非本人操作请忽略。")
                })
                .await
            })
        })
        .await?;
    Ok(PhoneCodeSent {
        expires_in: issued.expires_in,
        message: format!("验证码已通过12333短信发送至 {}", mask_phone(phone.as_str())),
    })
}

pub async fn change_phone(
    state: &AppState,
    user: &AuthUser,
    req: ChangePhone,
) -> AppResult<EmployerInfo> {
    let (acc, _) = employer_of(state, user).await?;
    let phone = Phone::parse(&req.phone).map_err(|m| field_error("phone", m))?;
    let ticket = codes::check(
        &state.db,
        acc.id,
        phone.as_str(),
        CodePurpose::ChangePhone,
        &req.code,
    )
    .await?;
    crate::accounts::service::ensure_employer_phone_free(&state.db, &phone).await?;
    state
        .db
        .write_txn(|txn| {
            let acc = acc.clone();
            let phone = phone.as_str().to_owned();
            let actor = user.id;
            Box::pin(async move {
                ticket.consume(txn).await?;
                record_change(txn, &acc, "phone", &acc.phone, &phone, actor).await?;
                account::Entity::update_many()
                    .col_expr(account::Column::Phone, Expr::value(phone))
                    .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
                    .filter(account::Column::Id.eq(acc.id))
                    .exec(txn)
                    .await?;
                Ok(())
            })
        })
        .await?;
    employer_info(state, user).await
}

pub async fn change_operator(
    state: &AppState,
    user: &AuthUser,
    req: ChangeOperator,
) -> AppResult<EmployerInfo> {
    let (acc, _) = employer_of(state, user).await?;
    let name = req.operator_name.trim();
    if !(1..=50).contains(&name.chars().count()) {
        return Err(field_error(
            "operator_name",
            "账户使用人姓名应为1到50个字符",
        ));
    }
    if name != acc.name {
        let write = crate::db::begin_write(&state.db).await?;
        record_change(&write, &acc, "operator", &acc.name, name, user.id).await?;
        account::Entity::update_many()
            .col_expr(account::Column::Name, Expr::value(name))
            .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(account::Column::Id.eq(acc.id))
            .exec(&write)
            .await?;
        write.commit().await?;
    }
    employer_info(state, user).await
}

async fn record_change<C: ConnectionTrait>(
    db: &C,
    acc: &account::Model,
    field: &str,
    old: &str,
    new: &str,
    actor: Uuid,
) -> AppResult<()> {
    account_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(acc.id),
        field: Set(field.to_owned()),
        old_value: Set(old.to_owned()),
        new_value: Set(new.to_owned()),
        actor_id: Set(actor),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::register_employer_without_code)
        .service(routes::get_authorisation)
        .service(routes::submit_authorisation)
        .service(routes::list_employer_applications)
        .service(routes::get_employer_application)
        .service(routes::download_application_file)
        .service(routes::decide_employer_application)
        .service(routes::get_employer_info)
        .service(routes::send_phone_code)
        .service(routes::change_phone)
        .service(routes::change_operator)
        .service(routes::download_authorisation_template);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_and_rejected_registrations_cannot_log_in() {
        assert_eq!(
            login_refusal("pending_registration").unwrap().0.as_str(),
            "registration_pending"
        );
        assert_eq!(
            login_refusal("registration_rejected").unwrap().0.as_str(),
            "registration_rejected"
        );
        for ok in [
            "pending_authorisation",
            "authorisation_submitted",
            "authorisation_rejected",
            "active",
        ] {
            assert!(login_refusal(ok).is_none(), "{ok}");
        }
    }
}
