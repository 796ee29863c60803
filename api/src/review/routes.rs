use actix_web::{HttpResponse, get, post, put, web};
use uuid::Uuid;

use super::{
    decide, detail, dto::*, exports, fees, lists, publicity, publicity::PublicityPage, recommend,
};
use crate::{
    auth::AuthUser,
    error::{AppResult, Problem},
    pagination::PageParams,
    state::AppState,
};

/// 资格审查列表（评审资格审查 / 认定资格审查 / 主管部门、人社部门、评委会办公室的待审查）：
/// 标签页 待审查 · 审查通过 · 审查不通过 · 退回记录 · 全部 及其数量；按年度、计划、受理部门筛选；
/// 按姓名或身份证号模糊查询
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(ReviewListQuery, PageParams),
    responses((status = 200, description = "本单位的审查列表与各标签数量", body = ChainReviewPage),
              (status = 403, description = "仅用人单位、主管部门、人社部门、评委会办公室", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "查询参数不正确", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews")]
pub async fn list_reviews(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ReviewListQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<ChainReviewPage>> {
    Ok(web::Json(
        lists::list(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 资格审查推荐 / 审核推荐（批量）：把本单位审查通过的申报推荐到上一级；逐项报告结果，每项要么完整生效要么不生效
#[utoipa::path(tag = "reviews", security(("bearer" = [])), request_body = RecommendRequest,
    responses((status = 200, description = "逐项结果", body = BatchOutcome),
              (status = 403, description = "无审查权限", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "未选择或重复选择", body = Problem, content_type = "application/problem+json")))]
#[post("/reviews/recommend")]
pub async fn recommend_reviews(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<RecommendRequest>,
) -> AppResult<web::Json<BatchOutcome>> {
    Ok(web::Json(
        recommend::recommend(&state.db, &user, body.into_inner()).await?,
    ))
}

/// 本单位录入的公示
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(PageParams),
    responses((status = 200, description = "公示记录", body = PublicityPage),
              (status = 403, description = "仅用人单位", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews/publicities")]
pub async fn list_publicities(
    state: web::Data<AppState>,
    user: AuthUser,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<PublicityPage>> {
    Ok(web::Json(
        publicity::list(&state.db, &user, page.into_inner()).await?,
    ))
}

/// 录入公示情况（不少于 5 个工作日，按国务院公布的节假日与调休安排计算）
#[utoipa::path(tag = "reviews", security(("bearer" = [])), request_body = PublicityInput,
    responses((status = 200, description = "已录入", body = Publicity),
              (status = 403, description = "仅用人单位", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "申报不在本单位", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报不是本单位审查通过、待推荐的，或已被他人处理（version_conflict）", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "公示期不足 5 个工作日（publicity_too_short）、日期超出已知的节假日安排（calendar_unknown）或其他字段错误", body = Problem, content_type = "application/problem+json")))]
#[post("/reviews/publicities")]
pub async fn record_publicity(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<PublicityInput>,
) -> AppResult<web::Json<Publicity>> {
    Ok(web::Json(
        publicity::record(&state.db, &user, body.into_inner()).await?,
    ))
}

/// 录入公示结果（公示期满后）
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("id" = Uuid, Path, description = "公示 ID")),
    request_body = PublicityOutcomeInput,
    responses((status = 200, description = "已录入", body = Publicity),
              (status = 403, description = "仅用人单位", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "不存在或不是本单位的", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "公示尚未结束", body = Problem, content_type = "application/problem+json")))]
#[put("/reviews/publicities/{id}/outcome")]
pub async fn set_publicity_outcome(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<PublicityOutcomeInput>,
) -> AppResult<web::Json<Publicity>> {
    Ok(web::Json(
        publicity::set_outcome(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 收费设定的年度筛选
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeeSettingQuery {
    /// 申报年度
    pub year: Option<i32>,
}

/// 收费设定（各申报计划：收费 / 不收费，默认收费）
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(FeeSettingQuery, PageParams),
    responses((status = 200, description = "各计划的收费设定", body = FeeSettingPage),
              (status = 403, description = "仅主管部门、人社部门", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews/fee-settings")]
pub async fn list_fee_settings(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<FeeSettingQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<FeeSettingPage>> {
    Ok(web::Json(
        fees::list(&state.db, &user, q.year, page.into_inner()).await?,
    ))
}

/// 修改收费设定
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "申报计划 ID")),
    request_body = FeeSettingInput,
    responses((status = 200, description = "已保存", body = FeeSetting),
              (status = 403, description = "仅主管部门、人社部门", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "计划不存在", body = Problem, content_type = "application/problem+json")))]
#[put("/reviews/fee-settings/{plan_id}")]
pub async fn set_fee_setting(
    state: web::Data<AppState>,
    user: AuthUser,
    plan_id: web::Path<Uuid>,
    body: web::Json<FeeSettingInput>,
) -> AppResult<web::Json<FeeSetting>> {
    Ok(web::Json(
        fees::set(&state.db, &user, plan_id.into_inner(), body.into_inner()).await?,
    ))
}

/// 申报信息预览（审查用）：18 部分、审查日志、历次退回及本单位可进行的操作
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "申报与审查日志", body = ReviewDetail),
              (status = 403, description = "无审查权限", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "本单位未经手该申报", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews/{id}")]
pub async fn get_review(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<ReviewDetail>> {
    Ok(web::Json(
        detail::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 审查决定：通过（最后一级为受理或认定通过）、不通过（须写理由）、退回（逐项写明需修改的内容）。
/// 须带上看到的版本号；他人已先处理时返回 409 并说明是谁
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    request_body = DecideRequest,
    responses((status = 200, description = "已处理", body = ReviewDetail),
              (status = 403, description = "无审查权限，或审查本人的申报（own_declaration）", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "本单位未经手该申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "他人已先处理（version_conflict，说明是谁、何时）或当前状态不允许（declaration_locked）", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "缺少理由或退回事项（return_items_required，errors 逐项列出）", body = Problem, content_type = "application/problem+json")))]
#[post("/reviews/{id}/decision")]
pub async fn decide_review(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<DecideRequest>,
) -> AppResult<web::Json<ReviewDetail>> {
    Ok(web::Json(
        decide::decide(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 导出名单（花名册）或导出公示表：按列表的筛选条件在后台生成 xlsx。先统计行数并返回任务（202），
/// 之后轮询任务查看进度，完成后下载。仅创建者本人可查看和下载
#[utoipa::path(tag = "reviews", security(("bearer" = [])), request_body = ExportRequest,
    responses((status = 202, description = "已创建导出任务（含要导出的行数）；Location 为任务地址", body = ExportJob),
              (status = 403, description = "仅用人单位、主管部门、人社部门、评委会办公室", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "筛选条件不正确（如退回记录标签页不能导出、关键字过长）", body = Problem, content_type = "application/problem+json")))]
#[post("/reviews/exports")]
pub async fn create_export(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ExportRequest>,
) -> AppResult<HttpResponse> {
    let job = exports::create(&state, &user, body.into_inner()).await?;
    Ok(HttpResponse::Accepted()
        .insert_header(("Location", format!("/api/v1/reviews/exports/{}", job.id)))
        .json(job))
}

/// 导出任务的状态与进度（已写入行数 / 总行数、百分比）
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("id" = Uuid, Path, description = "导出任务 ID")),
    responses((status = 200, description = "导出任务", body = ExportJob),
              (status = 403, description = "仅用人单位、主管部门、人社部门、评委会办公室", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "不存在或不是本人创建的", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews/exports/{id}")]
pub async fn get_export_job(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<ExportJob>> {
    Ok(web::Json(
        exports::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 下载导出的 xlsx（文件名为中文，见 Content-Disposition 的 filename*）
#[utoipa::path(tag = "reviews", security(("bearer" = [])), params(("id" = Uuid, Path, description = "导出任务 ID")),
    responses((status = 200, description = "xlsx 文件", content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
                  headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''…（RFC 5987 编码的中文文件名）"))),
              (status = 403, description = "仅用人单位、主管部门、人社部门、评委会办公室", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "不存在或不是本人创建的", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "导出尚未完成或已失败（export_not_ready）", body = Problem, content_type = "application/problem+json")))]
#[get("/reviews/exports/{id}/file")]
pub async fn download_export(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    exports::download(&state, &user, id.into_inner()).await
}
