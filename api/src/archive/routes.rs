use actix_multipart::Multipart;
use actix_web::{HttpResponse, delete, get, post, put, web};
use uuid::Uuid;

use super::{attachments, categories::ArchiveData, dto::*, records, review, views};
use crate::{
    auth::AuthUser,
    documents::files,
    error::{AppResult, Problem},
    pagination::PageParams,
    state::AppState,
};

/// 我的业绩档案：按类别与状态查看
#[utoipa::path(tag = "archive", security(("bearer" = [])), params(MyRecordsQuery, PageParams),
    responses((status = 200, description = "本人的业绩档案记录与各状态数量", body = ArchiveRecordPage)))]
#[get("/archive/records")]
pub async fn list_my_records(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<MyRecordsQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<ArchiveRecordPage>> {
    Ok(web::Json(
        views::list_mine(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 新增业绩档案记录（提交所在单位审核）
#[utoipa::path(tag = "archive", security(("bearer" = [])), request_body = ArchiveData,
    responses((status = 201, description = "已保存，待审核", body = ArchiveRecord)))]
#[post("/archive/records")]
pub async fn create_record(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ArchiveData>,
) -> AppResult<HttpResponse> {
    let rec = records::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(rec))
}

/// 查看业绩档案记录（本人或审核单位）
#[utoipa::path(tag = "archive", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "记录 ID")),
    responses((status = 200, description = "记录详情", body = ArchiveRecord)))]
#[get("/archive/records/{id}")]
pub async fn get_archive_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<ArchiveRecord>> {
    Ok(web::Json(
        views::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 修改业绩档案记录（待审核、退回状态可修改，保存即重新提交审核）
#[utoipa::path(tag = "archive", security(("bearer" = [])), params(("id" = Uuid, Path, description = "记录 ID")),
    request_body = UpdateRecord,
    responses((status = 200, description = "已保存，待审核", body = ArchiveRecord),
              (status = 409, description = "已通过或不通过的记录不能修改；或版本冲突", body = Problem, content_type = "application/problem+json")))]
#[put("/archive/records/{id}")]
pub async fn update_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<UpdateRecord>,
) -> AppResult<web::Json<ArchiveRecord>> {
    Ok(web::Json(
        records::update(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 删除业绩档案记录（仅待审核、不通过状态）
#[utoipa::path(tag = "archive", security(("bearer" = [])), params(("id" = Uuid, Path, description = "记录 ID")),
    responses((status = 204, description = "已删除"),
              (status = 409, description = "已通过或退回的记录不能删除", body = Problem, content_type = "application/problem+json")))]
#[delete("/archive/records/{id}")]
pub async fn delete_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    records::delete(&state.db, &user, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 审核日志
#[utoipa::path(tag = "archive", security(("bearer" = [])), params(("id" = Uuid, Path, description = "记录 ID")),
    responses((status = 200, description = "提交与审核的全部记录，最早在前", body = Vec<ReviewLogEntry>)))]
#[get("/archive/records/{id}/logs")]
pub async fn list_record_logs(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Vec<ReviewLogEntry>>> {
    Ok(web::Json(
        views::logs(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 上传附件（pdf/jpg/png，≤10 MB，按内容校验）
#[utoipa::path(tag = "archive", security(("bearer" = [])), params(("id" = Uuid, Path, description = "记录 ID")),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 201, description = "已上传", body = Attachment),
              (status = 409, description = "记录已锁定或附件过多", body = Problem, content_type = "application/problem+json")))]
#[post("/archive/records/{id}/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = files::read_form(payload, attachments::ATTACHMENT_MAX).await?;
    let att = attachments::add(&state.db, &state.storage, &user, id.into_inner(), form).await?;
    Ok(HttpResponse::Created().json(att))
}

/// 下载附件（本人或审核单位）
#[utoipa::path(tag = "archive", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "记录 ID"), ("attachment_id" = Uuid, Path, description = "附件 ID")),
    responses((status = 200, description = "文件内容", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png")))))]
#[get("/archive/records/{id}/attachments/{attachment_id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, att) = path.into_inner();
    attachments::download(&state.db, &state.storage, &user, id, att).await
}

/// 删除附件（记录可修改时）
#[utoipa::path(tag = "archive", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "记录 ID"), ("attachment_id" = Uuid, Path, description = "附件 ID")),
    responses((status = 204, description = "已删除"),
              (status = 409, description = "记录已锁定", body = Problem, content_type = "application/problem+json")))]
#[delete("/archive/records/{id}/attachments/{attachment_id}")]
pub async fn delete_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, att) = path.into_inner();
    attachments::remove(&state.db, &user, id, att).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 业绩档案审核：各类别待审核数量
#[utoipa::path(tag = "archive-review", security(("bearer" = [])),
    responses((status = 200, description = "左侧菜单的未审核数与首页待审查数", body = ReviewSummary)))]
#[get("/archive/review/summary")]
pub async fn get_review_summary(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<ReviewSummary>> {
    Ok(web::Json(views::review_summary(&state.db, &user).await?))
}

/// 业绩档案审核列表（本单位人员；按姓名或证件号码模糊查询；状态页签计数）
#[utoipa::path(tag = "archive-review", security(("bearer" = [])), params(ReviewQuery, PageParams),
    responses((status = 200, description = "审核列表", body = ReviewPage)))]
#[get("/archive/review/records")]
pub async fn list_review_records(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ReviewQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<ReviewPage>> {
    Ok(web::Json(
        views::review_list(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 审核：通过 / 不通过 / 退回（单条或批量，最多1000条一次，逐条返回结果）
#[utoipa::path(tag = "archive-review", security(("bearer" = [])), request_body = DecisionRequest,
    responses((status = 200, description = "逐条结果；已被他人审核的记录返回 already_reviewed", body = DecisionResult)))]
#[post("/archive/review/decisions")]
pub async fn decide_records(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<DecisionRequest>,
) -> AppResult<web::Json<DecisionResult>> {
    Ok(web::Json(
        review::decide(&state.db, &user, body.into_inner()).await?,
    ))
}

/// 审核单条：通过 / 不通过 / 退回（两人同时审核同一条时，后到者得到 409）
#[utoipa::path(tag = "archive-review", security(("bearer" = [])), params(("id" = Uuid, Path, description = "记录 ID")),
    request_body = SingleDecision,
    responses((status = 200, description = "审核后的记录", body = ArchiveRecord),
              (status = 409, description = "该记录已被审核", body = Problem, content_type = "application/problem+json")))]
#[post("/archive/review/records/{id}/decision")]
pub async fn decide_record(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<SingleDecision>,
) -> AppResult<web::Json<ArchiveRecord>> {
    Ok(web::Json(
        review::decide_one(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 我的业绩档案库：各类别各状态数量（左侧菜单的退回提示）
#[utoipa::path(tag = "archive", security(("bearer" = [])),
    responses((status = 200, description = "17个类别，按手册顺序", body = Vec<MyCategorySummary>)))]
#[get("/archive/summary")]
pub async fn get_my_summary(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<Vec<MyCategorySummary>>> {
    Ok(web::Json(views::my_summary(&state.db, &user).await?))
}
