use actix_web::{HttpResponse, get, post, web};
use uuid::Uuid;

use super::{dto::*, service};
use crate::{app::AppState, auth::AuthUser, error::AppResult, pagination::PageParams};

/// 组织机构列表（本机构及下级；管理员为全部）
#[utoipa::path(tag = "orgs", operation_id = "list_org_units", security(("bearer" = [])), params(OrgUnitQuery, PageParams),
    responses((status = 200, description = "机构列表", body = OrgUnitPage)))]
#[get("/org-units")]
pub async fn list(
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
#[utoipa::path(tag = "orgs", operation_id = "create_org_unit", security(("bearer" = [])), request_body = CreateOrgUnit,
    responses((status = 201, description = "机构已创建", body = OrgUnit)))]
#[post("/org-units")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateOrgUnit>,
) -> AppResult<HttpResponse> {
    let unit = service::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(unit))
}

/// 机构详情
#[utoipa::path(tag = "orgs", operation_id = "get_org_unit", security(("bearer" = [])), params(("id" = Uuid, Path, description = "机构 ID")),
    responses((status = 200, description = "机构", body = OrgUnit)))]
#[get("/org-units/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<OrgUnit>> {
    Ok(web::Json(
        service::get(&state.db, &user, id.into_inner()).await?,
    ))
}
