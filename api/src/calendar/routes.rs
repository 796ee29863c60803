use actix_web::{HttpResponse, delete, get, put, web};

use super::{admin, dto::*, service};
use crate::{
    auth::AuthUser,
    error::{AppResult, Problem},
    state::AppState,
};

/// 工作日查询（任一登录用户：起止日期之间每天是否工作日及工作日天数，按国务院节假日与调休安排）
#[utoipa::path(tag = "calendar", security(("bearer" = [])), params(WorkingDaysQuery),
    responses((status = 200, description = "每天是否工作日，及工作日天数（含起止两天）", body = WorkingDays),
              (status = 422, description = "结束日期早于起始日期或范围超过366天（validation_failed）；或某年的节假日安排尚未录入（calendar_unknown），不作推测", body = Problem, content_type = "application/problem+json")))]
#[get("/calendar/working-days")]
pub async fn working_days(
    state: web::Data<AppState>,
    _user: AuthUser,
    q: web::Query<WorkingDaysQuery>,
) -> AppResult<web::Json<WorkingDays>> {
    let q = q.into_inner();
    Ok(web::Json(service::range(&state.db, q.start, q.end).await?))
}

/// 已知节假日安排的年份（任一登录用户：随系统发布或管理员录入）
#[utoipa::path(tag = "calendar", security(("bearer" = [])),
    responses((status = 200, description = "已知的年份，按年份升序", body = Vec<CalendarYear>)))]
#[get("/calendar/years")]
pub async fn list_years(
    state: web::Data<AppState>,
    _user: AuthUser,
) -> AppResult<web::Json<Vec<CalendarYear>>> {
    Ok(web::Json(admin::list(&state.db).await?))
}

/// 录入某年节假日安排（管理员：整体替换该年的录入日期并将该年标记为已知；随系统发布的年份也可录入以更正）
#[utoipa::path(tag = "calendar", security(("bearer" = [])),
    params(("year" = i32, Path, description = "年份（2000–2100）")),
    request_body = CalendarYearInput,
    responses((status = 200, description = "已保存", body = CalendarYear),
              (status = 403, description = "仅管理员", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "校验未通过（日期不在该年内、日期重复等），errors 列出每一项；未保存任何数据", body = Problem, content_type = "application/problem+json")))]
#[put("/calendar/years/{year}")]
pub async fn put_year(
    state: web::Data<AppState>,
    user: AuthUser,
    year: web::Path<i32>,
    body: web::Json<CalendarYearInput>,
) -> AppResult<web::Json<CalendarYear>> {
    Ok(web::Json(
        admin::put(&state.db, &user, year.into_inner(), body.into_inner()).await?,
    ))
}

/// 删除管理员录入的某年节假日安排（管理员：随系统发布的年份仍为已知，其他年份恢复为未知）
#[utoipa::path(tag = "calendar", security(("bearer" = [])),
    params(("year" = i32, Path, description = "年份（2000–2100）")),
    responses((status = 204, description = "已删除"),
              (status = 403, description = "仅管理员", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "该年没有管理员录入的安排", body = Problem, content_type = "application/problem+json")))]
#[delete("/calendar/years/{year}")]
pub async fn delete_year(
    state: web::Data<AppState>,
    user: AuthUser,
    year: web::Path<i32>,
) -> AppResult<HttpResponse> {
    admin::delete(&state.db, &user, year.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
