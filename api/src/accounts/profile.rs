//! 个人基本信息: the individual's profile and the employer they are bound to.
use actix_web::{get, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    archive,
    auth::{AuthUser, Role},
    db::WriteTxn,
    domain::{mask_id_number, mask_phone},
    entities::{account, employment_history, org_unit, profile},
    error::{AppError, AppResult, FieldErrors},
    onboarding::UnitStatus,
    orgs::{
        self,
        dto::{OrgKind, OrgUnitRef},
    },
    reference::data,
    state::AppState,
};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Profile {
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    #[schema(example = "身份证")]
    pub id_type: String,
    pub id_number_masked: Option<String>,
    pub phone_masked: String,
    pub former_name: Option<String>,
    #[schema(example = "汉族")]
    pub ethnicity: Option<String>,
    #[schema(example = "浙江省杭州市建德市")]
    pub birthplace: Option<String>,
    #[schema(example = "中共党员")]
    pub political_status: Option<String>,
    /// 何时加入党（团）
    pub party_join_date: Option<NaiveDate>,
    /// 参加工作时间
    pub work_start_date: Option<NaiveDate>,
    #[schema(example = "健康")]
    pub health: Option<String>,
    pub email: Option<String>,
    #[schema(example = "大学本科")]
    pub highest_education: Option<String>,
    /// 现专业技术资格
    pub current_title: Option<String>,
    /// 工作单位 (the bound employer)
    pub employer: Option<OrgUnitRef>,
    /// Set once basic info has been saved with an employer (首次登录完善个人基本信息).
    pub completed: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"ethnicity": "汉族", "birthplace": "浙江省宁波市", "political_status": "群众", "health": "健康", "email": "zhang@example.com", "highest_education": "大学本科", "employer_id": "0193a1f0-0000-7000-8000-000000000000"}))]
pub struct UpdateProfile {
    #[schema(max_length = 50)]
    pub former_name: Option<String>,
    pub ethnicity: Option<String>,
    #[schema(max_length = 100)]
    pub birthplace: Option<String>,
    pub political_status: Option<String>,
    pub party_join_date: Option<NaiveDate>,
    pub work_start_date: Option<NaiveDate>,
    #[schema(max_length = 20)]
    pub health: Option<String>,
    #[schema(max_length = 100)]
    pub email: Option<String>,
    pub highest_education: Option<String>,
    #[schema(max_length = 50)]
    pub current_title: Option<String>,
    /// The employer to bind (an approved employer from `GET /api/v1/employers`).
    pub employer_id: Uuid,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Employment {
    pub employer: OrgUnitRef,
    pub bound_at: DateTime<Utc>,
    /// None while current.
    pub unbound_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmployerHit {
    pub id: Uuid,
    #[schema(example = "宁波市水利规划设计研究院有限公司")]
    pub name: String,
    /// 单位隶属关系
    #[schema(example = "宁波市水利局")]
    pub affiliation: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmployerSearch {
    /// 输入关键字查找工作单位 (at least 2 characters)
    #[param(min_length = 2, max_length = 50)]
    pub q: String,
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub async fn load(db: &DatabaseConnection, user: &AuthUser) -> AppResult<Profile> {
    user.require(&[Role::Individual])?;
    load_of(db, user.id).await
}

/// The basic information of the individual `account_id` (ID and phone masked).
pub async fn load_of<C: sea_orm::ConnectionTrait>(db: &C, account_id: Uuid) -> AppResult<Profile> {
    let acc = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let p = profile::Entity::find_by_id(account_id).one(db).await?;
    let employer = match acc.org_unit_id {
        Some(id) => org_unit::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let p = p.as_ref();
    Ok(Profile {
        name: acc.name.clone(),
        gender: acc.gender.clone(),
        birth_date: acc.birth_date,
        id_type: "身份证".into(),
        id_number_masked: acc.id_number.as_deref().map(mask_id_number),
        phone_masked: mask_phone(&acc.phone),
        former_name: p.and_then(|p| p.former_name.clone()),
        ethnicity: p.and_then(|p| p.ethnicity.clone()),
        birthplace: p.and_then(|p| p.birthplace.clone()),
        political_status: p.and_then(|p| p.political_status.clone()),
        party_join_date: p.and_then(|p| p.party_join_date),
        work_start_date: p.and_then(|p| p.work_start_date),
        health: p.and_then(|p| p.health.clone()),
        email: p.and_then(|p| p.email.clone()),
        highest_education: p.and_then(|p| p.highest_education.clone()),
        current_title: p.and_then(|p| p.current_title.clone()),
        employer: employer.as_ref().map(OrgUnitRef::from),
        completed: p.is_some_and(|p| p.completed_at.is_some()) && employer.is_some(),
    })
}

/// 个人基本信息
#[utoipa::path(tag = "profile", security(("bearer" = [])),
    responses((status = 200, description = "个人基本信息", body = Profile)))]
#[get("/profile")]
pub async fn get_profile(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Profile>> {
    Ok(web::Json(load(&state.db, &user).await?))
}

/// 保存个人基本信息并绑定工作单位（更换单位时，待审核与退回的业绩转入新单位）
#[utoipa::path(tag = "profile", security(("bearer" = [])), request_body = UpdateProfile,
    responses((status = 200, description = "已保存", body = Profile)))]
#[put("/profile")]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UpdateProfile>,
) -> AppResult<web::Json<Profile>> {
    Ok(web::Json(
        update(&state.db, &user, body.into_inner()).await?,
    ))
}

/// Saves the profile and binds the employer; a change of employer closes the previous
/// employment, opens a new one and moves open archive records to the new employer's queue.
pub async fn update(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: UpdateProfile,
) -> AppResult<Profile> {
    user.require(&[Role::Individual])?;
    let mut errs = FieldErrors::default();
    let today = Utc::now().date_naive();
    let in_list = |v: &Option<String>, list: Vec<data::RefItem>| {
        v.as_ref().is_none_or(|v| list.iter().any(|i| &i.name == v))
    };
    if !in_list(&clean(&req.ethnicity), data::ethnicities()) {
        errs.push("ethnicity", "请从列表中选择民族");
    }
    if !in_list(&clean(&req.political_status), data::political_statuses()) {
        errs.push("political_status", "请从列表中选择政治面貌");
    }
    if !in_list(&clean(&req.highest_education), data::education_levels()) {
        errs.push("highest_education", "请从列表中选择最高学历");
    }
    for (f, d) in [
        ("party_join_date", req.party_join_date),
        ("work_start_date", req.work_start_date),
    ] {
        if d.is_some_and(|d| d > today) {
            errs.push(f, "日期不能晚于今天");
        }
    }
    if let Some(e) = clean(&req.email)
        && (!e.contains('@') || e.chars().count() > 100 || e.contains(char::is_whitespace))
    {
        errs.push("email", "电子邮箱格式不正确");
    }
    for (f, v, max) in [
        ("former_name", &req.former_name, 50),
        ("birthplace", &req.birthplace, 100),
        ("health", &req.health, 20),
        ("current_title", &req.current_title, 50),
    ] {
        if v.as_ref().is_some_and(|v| v.chars().count() > max) {
            errs.push(f, format!("不能超过{max}个字符"));
        }
    }
    let employer = org_unit::Entity::find_by_id(req.employer_id)
        .one(db)
        .await?;
    if !employer
        .as_ref()
        .is_some_and(|e| e.kind == OrgKind::Employer && e.status.can_be_found())
    {
        errs.push("employer_id", "所选工作单位不存在或尚未通过授权审核");
    }
    errs.finish()?;
    let employer = employer.unwrap();
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let user_id = user.id;
    let previous = acc.org_unit_id;
    let actor = acc.name.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let now = Utc::now();
            let existing = profile::Entity::find_by_id(user_id).one(txn).await?;
            let is_new = existing.is_none();
            let mut m: profile::ActiveModel = match existing {
                Some(p) => p.into(),
                None => profile::ActiveModel {
                    account_id: Set(user_id),
                    ..Default::default()
                },
            };
            m.former_name = Set(clean(&req.former_name));
            m.ethnicity = Set(clean(&req.ethnicity));
            m.birthplace = Set(clean(&req.birthplace));
            m.political_status = Set(clean(&req.political_status));
            m.party_join_date = Set(req.party_join_date);
            m.work_start_date = Set(req.work_start_date);
            m.health = Set(clean(&req.health));
            m.email = Set(clean(&req.email));
            m.highest_education = Set(clean(&req.highest_education));
            m.current_title = Set(clean(&req.current_title));
            m.completed_at = Set(Some(now));
            m.updated_at = Set(now);
            if is_new {
                m.insert(txn).await?;
            } else {
                m.update(txn).await?;
            }
            if previous != Some(employer.id) {
                employment_history::Entity::update_many()
                    .col_expr(
                        employment_history::Column::UnboundAt,
                        Expr::value(Some(now)),
                    )
                    .filter(employment_history::Column::AccountId.eq(user_id))
                    .filter(employment_history::Column::UnboundAt.is_null())
                    .exec(txn)
                    .await?;
                employment_history::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    account_id: Set(user_id),
                    employer_id: Set(employer.id),
                    bound_at: Set(now),
                    unbound_at: Set(None),
                }
                .insert(txn)
                .await?;
                account::Entity::update_many()
                    .col_expr(account::Column::OrgUnitId, Expr::value(Some(employer.id)))
                    .col_expr(account::Column::UpdatedAt, Expr::value(now))
                    .filter(account::Column::Id.eq(user_id))
                    .exec(txn)
                    .await?;
                if previous.is_some() {
                    archive::records::move_open_records(txn, user_id, &actor, employer.id).await?;
                }
            }
            Ok(())
        })
    })
    .await?;
    load(db, user).await
}

/// 工作单位变更记录
#[utoipa::path(tag = "profile", security(("bearer" = [])),
    responses((status = 200, description = "最新在前", body = Vec<Employment>)))]
#[get("/profile/employment-history")]
pub async fn list_employment_history(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<Employment>>> {
    user.require(&[Role::Individual])?;
    let rows = employment_history::Entity::find()
        .filter(employment_history::Column::AccountId.eq(user.id))
        .order_by_desc(employment_history::Column::BoundAt)
        .all(&state.db)
        .await?;
    let units = orgs::service::units_by_id(&state.db, rows.iter().map(|r| r.employer_id)).await?;
    Ok(web::Json(
        rows.into_iter()
            .filter_map(|r| {
                Some(Employment {
                    employer: OrgUnitRef::from(units.get(&r.employer_id)?),
                    bound_at: r.bound_at,
                    unbound_at: r.unbound_at,
                })
            })
            .collect(),
    ))
}

/// 查找工作单位（只列出已通过授权审核的用人单位）
#[utoipa::path(tag = "profile", security(("bearer" = [])), params(EmployerSearch),
    responses((status = 200, description = "至多20个匹配的单位", body = Vec<EmployerHit>),
              (status = 422, description = "关键字去掉首尾空白后不足2个字或超过50个字", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/employers")]
pub async fn search_employers(
    state: web::Data<AppState>,
    _user: AuthUser,
    q: web::Query<EmployerSearch>,
) -> AppResult<web::Json<Vec<EmployerHit>>> {
    let text = q.q.trim();
    let n = text.chars().count();
    if !(2..=50).contains(&n) {
        // a value the document allows (2–50 characters) can still be too short once trimmed:
        // a field error, not a malformed request
        return Err(AppError::field("q", "请输入2到50个字的单位名称关键字"));
    }
    let rows = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.eq(OrgKind::Employer))
        .filter(org_unit::Column::Status.is_in(UnitStatus::findable()))
        .filter(orgs::service::fuzzy(org_unit::Column::Name, text))
        .order_by_asc(org_unit::Column::Name)
        .limit(20)
        .all(&state.db)
        .await?;
    let parents =
        orgs::service::units_by_id(&state.db, rows.iter().filter_map(|r| r.parent_id)).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| EmployerHit {
                affiliation: r
                    .parent_id
                    .and_then(|p| parents.get(&p))
                    .map(|p| p.name.clone()),
                id: r.id,
                name: r.name,
            })
            .collect(),
    ))
}
