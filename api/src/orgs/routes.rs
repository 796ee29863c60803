use actix_web::{HttpResponse, get, post, web};
use uuid::Uuid;

use super::{dto::*, service};
use crate::{auth::AuthUser, error::AppResult, pagination::PageParams, state::AppState};

/// 组织机构列表（本机构及下级；管理员为全部）
#[utoipa::path(tag = "orgs", security(("bearer" = [])), params(OrgUnitQuery, PageParams),
    responses((status = 200, description = "机构列表", body = OrgUnitPage)))]
#[get("/org-units")]
pub async fn list_org_units(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<OrgUnitQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<OrgUnitPage>> {
    Ok(web::Json(
        service::list(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 新增机构（管理员）
#[utoipa::path(tag = "orgs", security(("bearer" = [])), request_body = CreateOrgUnit,
    responses((status = 201, description = "机构已创建", body = OrgUnit)))]
#[post("/org-units")]
pub async fn create_org_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateOrgUnit>,
) -> AppResult<HttpResponse> {
    let unit = service::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(unit))
}

/// 机构详情
#[utoipa::path(tag = "orgs", security(("bearer" = [])), params(("id" = Uuid, Path, description = "机构 ID")),
    responses((status = 200, description = "机构", body = OrgUnit)))]
#[get("/org-units/{id}")]
pub async fn get_org_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<OrgUnit>> {
    Ok(web::Json(
        service::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 人社部门与主管部门（公开；注册选择属地人社部门、提交授权时选择单位隶属关系）
#[utoipa::path(tag = "orgs", params(DepartmentQuery),
    responses((status = 200, description = "至多50个部门", body = Vec<Department>)))]
#[get("/public/departments")]
pub async fn list_departments(
    state: web::Data<AppState>,
    q: web::Query<DepartmentQuery>,
) -> AppResult<web::Json<Vec<Department>>> {
    Ok(web::Json(
        service::departments(&state.db, q.into_inner()).await?,
    ))
}
