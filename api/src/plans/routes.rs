use actix_web::{HttpResponse, delete, get, post, put, web};
use uuid::Uuid;

use super::{dto::*, manage, open, views};
use crate::{
    auth::AuthUser,
    error::{AppResult, Problem},
    pagination::PageParams,
    state::AppState,
};

/// 申报计划列表（人社部门：本部门及下级发布的计划；状态页签计数；按名称查询）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(PlanQuery, PageParams),
    responses((status = 200, description = "申报计划与各状态数量", body = PlanPage),
              (status = 403, description = "仅人社部门", body = Problem, content_type = "application/problem+json")))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<PlanQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<PlanPage>> {
    Ok(web::Json(
        views::list(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 新建申报计划（草稿）
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = PlanInput,
    responses((status = 201, description = "已保存为草稿", body = Plan),
              (status = 403, description = "仅人社部门", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "校验未通过，errors 列出每个字段；未保存任何数据", body = Problem, content_type = "application/problem+json")))]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<PlanInput>,
) -> AppResult<HttpResponse> {
    let plan = manage::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(plan))
}

/// 可申报的计划（个人：已发布、在申报时间内、本人工作单位在单位隶属关系内）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(OpenPlanQuery, PageParams),
    responses((status = 200, description = "可申报的计划，截止时间早的在前", body = OpenPlanPage),
              (status = 403, description = "仅个人", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "尚未绑定工作单位", body = Problem, content_type = "application/problem+json")))]
#[get("/plans/open")]
pub async fn list_open_plans(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<OpenPlanQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<OpenPlanPage>> {
    Ok(web::Json(
        open::list(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 申报计划详情（人社部门：管辖范围内；个人：对本人工作单位开放的已发布或已关闭计划）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    responses((status = 200, description = "计划详情", body = Plan),
              (status = 404, description = "不存在或不在范围内", body = Problem, content_type = "application/problem+json")))]
#[get("/plans/{id}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Plan>> {
    Ok(web::Json(
        views::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 修改申报计划（草稿可改全部内容；已发布只能修改评审计划说明、延后截止时间、修改附件名称）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    request_body = PlanInput,
    responses((status = 200, description = "已保存", body = Plan),
              (status = 404, description = "不存在或不在管辖范围内", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "已关闭（plan_locked）或已发布后修改了不能修改的内容（plan_change_not_allowed）", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "校验未通过", body = Problem, content_type = "application/problem+json")))]
#[put("/plans/{id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PlanInput>,
) -> AppResult<web::Json<Plan>> {
    Ok(web::Json(
        manage::update(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 删除申报计划（仅草稿）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    responses((status = 204, description = "已删除"),
              (status = 404, description = "不存在或不在管辖范围内", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "已发布或已关闭的计划不能删除", body = Problem, content_type = "application/problem+json")))]
#[delete("/plans/{id}")]
pub async fn delete_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    manage::delete(&state.db, &user, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 发布申报计划（草稿 → 已发布；同时发布时只有一个成功，另一个得到 409）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    responses((status = 200, description = "已发布", body = Plan),
              (status = 404, description = "不存在或不在管辖范围内", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "不是草稿", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "申报截止时间已过", body = Problem, content_type = "application/problem+json")))]
#[post("/plans/{id}/publish")]
pub async fn publish_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Plan>> {
    Ok(web::Json(
        manage::publish(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 关闭申报计划（已发布 → 已关闭，不可恢复）
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    responses((status = 200, description = "已关闭", body = Plan),
              (status = 404, description = "不存在或不在管辖范围内", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "不是已发布状态", body = Problem, content_type = "application/problem+json")))]
#[post("/plans/{id}/close")]
pub async fn close_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Plan>> {
    Ok(web::Json(
        manage::close(&state.db, &user, id.into_inner()).await?,
    ))
}
