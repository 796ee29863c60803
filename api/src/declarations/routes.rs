use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use uuid::Uuid;

use super::{
    access, attachments, create, dto::*, info, photo, preview, records, signing, submit, views,
    withdraw,
};
use crate::{
    archive::dto::FileUpload,
    auth::AuthUser,
    documents::files,
    error::{AppResult, Problem},
    idempotency,
    pagination::PageParams,
    plans::eligibility::RuleOutcome,
    state::AppState,
};

/// 我的申报记录（本人的申报，最近修改的在前；每条带当前所在单位和可进行的操作）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(MyDeclarationsQuery, PageParams),
    responses((status = 200, description = "我的申报记录", body = DeclarationPage),
              (status = 403, description = "仅个人", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations")]
pub async fn list_declarations(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<MyDeclarationsQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<DeclarationPage>> {
    Ok(web::Json(
        views::list_mine(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 马上申报（新建草稿；已有草稿时继续该草稿）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), request_body = StartDeclaration,
    responses((status = 201, description = "已新建草稿", body = Declaration),
              (status = 200, description = "已有该计划的草稿，继续填写", body = Declaration),
              (status = 403, description = "仅个人", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "已提交过该计划的申报（declaration_exists）", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "计划不存在、不对本单位开放、不在申报时间内（plan_not_open），或尚未绑定工作单位", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations")]
pub async fn start_declaration(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<StartDeclaration>,
) -> AppResult<HttpResponse> {
    let (created, d) = create::start(&state.db, &user, body.into_inner()).await?;
    Ok(if created {
        HttpResponse::Created().json(d)
    } else {
        HttpResponse::Ok().json(d)
    })
}

/// 申报详情（向导的全部状态：进度、保证书、申报信息、附件、时间线）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "申报", body = Declaration),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}")]
pub async fn get_declaration(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Declaration>> {
    Ok(web::Json(
        views::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 删除草稿
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 204, description = "已删除"),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "已提交的申报不能删除", body = Problem, content_type = "application/problem+json")))]
#[delete("/declarations/{id}")]
pub async fn delete_declaration(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    withdraw::delete(&state.db, &user, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 申报信息预览（18 部分：1 基本信息 … 18 申报材料附件信息；申报对象资格逐条核对；草稿列出提交还缺什么）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "申报信息预览", body = DeclarationView),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/preview")]
pub async fn get_declaration_preview(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<DeclarationView>> {
    Ok(web::Json(
        preview::get(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 上传证件照（jpg/png，≤2 MB，竖版，每边 100–4000 像素，按内容校验）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 200, description = "已上传", body = Declaration),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交，不能修改", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "文件过大", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "不是 jpg/png，或尺寸不合适（photo_unsuitable）", body = Problem, content_type = "application/problem+json")))]
#[put("/declarations/{id}/photo")]
pub async fn upload_declaration_photo(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    payload: Multipart,
) -> AppResult<web::Json<Declaration>> {
    let form = files::read_form(payload, photo::PHOTO_MAX).await?;
    Ok(web::Json(
        photo::upload(&state.db, &state.storage, &user, id.into_inner(), form).await?,
    ))
}

/// 证件照
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "照片", content((Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
              (status = 404, description = "尚未上传，或不是本人的申报", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/photo")]
pub async fn get_declaration_photo(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let d = access::readable(&state.db, &user, id.into_inner()).await?;
    photo::download(&state.db, &state.storage, d.photo_file_id).await
}

/// 生成签署二维码（一次性链接，10 分钟内有效；重新生成后旧链接失效）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "签署链接与二维码", body = SigningSession),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/guarantee/signing")]
pub async fn start_guarantee_signing(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<SigningSession>> {
    let base = match &state.config.public_url {
        Some(u) => u.clone(),
        None => {
            let ci = req.connection_info();
            format!("{}://{}", ci.scheme(), ci.host())
        }
    };
    Ok(web::Json(
        signing::start(&state.db, &user, id.into_inner(), &base).await?,
    ))
}

/// 保证书签名图片
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "签名（png）", content((Vec<u8> = "image/png"))),
              (status = 404, description = "尚未签署，或不是本人的申报", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/guarantee/signature")]
pub async fn get_guarantee_signature(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let d = access::readable(&state.db, &user, id.into_inner()).await?;
    photo::download(&state.db, &state.storage, d.signature_file_id).await
}

/// 手机签署页面的内容（无需登录，凭一次性链接）
#[utoipa::path(tag = "signing", params(("token" = String, Path, description = "签署链接中的令牌")),
    responses((status = 200, description = "保证书内容", body = SigningPage),
              (status = 404, description = "链接无效、已使用或已过期（signing_link_invalid）", body = Problem, content_type = "application/problem+json")))]
#[get("/signing/{token}")]
pub async fn get_signing_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<web::Json<SigningPage>> {
    Ok(web::Json(signing::page(&state.db, &token).await?))
}

/// 提交手写签名（png，≤1 MB；链接随即失效）
#[utoipa::path(tag = "signing", params(("token" = String, Path, description = "签署链接中的令牌")),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 204, description = "已签署"),
              (status = 404, description = "链接无效、已使用或已过期（signing_link_invalid）", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "文件过大", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "不是 png 图片", body = Problem, content_type = "application/problem+json")))]
#[post("/signing/{token}")]
pub async fn sign_guarantee(
    state: web::Data<AppState>,
    token: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = files::read_form(payload, signing::SIGNATURE_MAX).await?;
    signing::sign(&state.db, &state.storage, &token, form).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 保存个人申报信息与受理评审委员会 / 受理部门（变更受理部门）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    request_body = SaveInfo,
    responses((status = 200, description = "已保存", body = Declaration),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "校验未通过，errors 列出每个字段；未保存任何数据", body = Problem, content_type = "application/problem+json")))]
#[put("/declarations/{id}/info")]
pub async fn save_declaration_info(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<SaveInfo>,
) -> AppResult<web::Json<Declaration>> {
    Ok(web::Json(
        info::save(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 可提取的业绩（本人审核通过的业绩档案，标明是否已提取）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "业绩", body = RecordChoices),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/records")]
pub async fn list_declaration_records(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<RecordChoices>> {
    Ok(web::Json(
        records::choices(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 提取业绩（复制快照；之后业绩档案的修改不影响本申报）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    request_body = RecordSelection,
    responses((status = 200, description = "提取后的业绩", body = RecordChoices),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "业绩不存在或未审核通过（record_not_approved）", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/records/extract")]
pub async fn extract_declaration_records(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RecordSelection>,
) -> AppResult<web::Json<RecordChoices>> {
    Ok(web::Json(
        records::extract(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 忽略业绩（从本申报中去除）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    request_body = RecordSelection,
    responses((status = 200, description = "忽略后的业绩", body = RecordChoices),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "未选择业绩", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/records/ignore")]
pub async fn ignore_declaration_records(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RecordSelection>,
) -> AppResult<web::Json<RecordChoices>> {
    Ok(web::Json(
        records::ignore(&state.db, &user, id.into_inner(), body.into_inner()).await?,
    ))
}

/// 下载已提取业绩快照中的附件（提取时的文件；业绩档案之后的修改不影响）
#[utoipa::path(tag = "declarations", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申报 ID"), ("record_id" = Uuid, Path, description = "业绩 ID"),
           ("file_id" = Uuid, Path, description = "快照中附件的 ID")),
    responses((status = 200, description = "文件内容", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
              (status = 404, description = "不存在", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/records/{record_id}/attachments/{file_id}")]
pub async fn download_snapshot_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, record, file) = path.into_inner();
    records::snapshot_file(&state.db, &state.storage, &user, id, record, file).await
}

/// 上传申报材料附件（按计划附件要求的类型校验内容，≤10 MB，每项至多 5 个）
#[utoipa::path(tag = "declarations", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申报 ID"), ("item" = i32, Path, description = "附件要求的序号（从 0 开始）")),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses((status = 201, description = "已上传；返回该项的全部文件", body = AttachmentItem),
              (status = 404, description = "申报或附件项不存在", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交，或该项文件已达上限", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "文件过大", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "文件类型不符合该项要求", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/attachments/{item}")]
pub async fn upload_declaration_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, i32)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (id, item) = path.into_inner();
    let form = files::read_form(payload, attachments::ATTACHMENT_MAX).await?;
    let out = attachments::add(&state.db, &state.storage, &user, id, item, form).await?;
    Ok(HttpResponse::Created().json(out))
}

/// 下载申报材料附件
#[utoipa::path(tag = "declarations", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申报 ID"), ("item" = i32, Path, description = "附件要求的序号"),
           ("attachment_id" = Uuid, Path, description = "附件 ID")),
    responses((status = 200, description = "文件内容", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
              (status = 404, description = "不存在", body = Problem, content_type = "application/problem+json")))]
#[get("/declarations/{id}/attachments/{item}/{attachment_id}")]
pub async fn download_declaration_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, i32, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, item, att) = path.into_inner();
    attachments::download(&state.db, &state.storage, &user, id, item, att).await
}

/// 删除申报材料附件
#[utoipa::path(tag = "declarations", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申报 ID"), ("item" = i32, Path, description = "附件要求的序号"),
           ("attachment_id" = Uuid, Path, description = "附件 ID")),
    responses((status = 200, description = "已删除；返回该项余下的文件", body = AttachmentItem),
              (status = 404, description = "不存在", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "申报已提交", body = Problem, content_type = "application/problem+json")))]
#[delete("/declarations/{id}/attachments/{item}/{attachment_id}")]
pub async fn delete_declaration_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, i32, Uuid)>,
) -> AppResult<web::Json<AttachmentItem>> {
    let (id, item, att) = path.into_inner();
    Ok(web::Json(
        attachments::remove(&state.db, &user, id, item, att).await?,
    ))
}

/// 提交申报（支持 Idempotency-Key：同一键同一请求返回第一次的结果；同一键不同请求 422；仍在处理 409）
#[utoipa::path(tag = "declarations", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申报 ID"),
           ("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变的请求标识（1–100 个可见 ASCII 字符）")),
    request_body = SubmitDeclaration,
    responses((status = 200, description = "已提交，进入单位资格审查", body = Declaration),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "已提交（declaration_locked）、预览后有变化（version_conflict）或同一 Idempotency-Key 的请求仍在处理（idempotency_in_progress）", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "材料不完整（declaration_incomplete，errors 列出每一项）或 Idempotency-Key 已用于另一请求（idempotency_key_reused）", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/submit")]
pub async fn submit_declaration(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let key = idempotency::key_of(&req)?;
    let hash = idempotency::request_hash(&req, &body);
    let parsed: SubmitDeclaration = if body.iter().all(u8::is_ascii_whitespace) {
        SubmitDeclaration::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| crate::error::AppError::json_body(&e))?
    };
    let id = id.into_inner();
    idempotency::run(
        &state.db,
        user.id,
        key,
        hash,
        submit::submit(&state.db, &user, id, parsed),
    )
    .await
}

/// 撤回申报（尚无人审查时；撤回后为草稿，内容全部保留；退回后重新提交的，撤回后仍为退回修改）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申报 ID")),
    responses((status = 200, description = "已撤回", body = Declaration),
              (status = 404, description = "不存在或不是本人的申报", body = Problem, content_type = "application/problem+json"),
              (status = 409, description = "未提交或已进入审查", body = Problem, content_type = "application/problem+json")))]
#[post("/declarations/{id}/withdraw")]
pub async fn withdraw_declaration(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Declaration>> {
    Ok(web::Json(
        withdraw::withdraw(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 申报对象资格核对（个人：按本人审核通过的业绩档案逐条核对该计划的资格条件）
#[utoipa::path(tag = "declarations", security(("bearer" = [])), params(("id" = Uuid, Path, description = "计划 ID")),
    responses((status = 200, description = "每条资格条件：是否满足及原因", body = Vec<RuleOutcome>),
              (status = 403, description = "仅个人", body = Problem, content_type = "application/problem+json"),
              (status = 404, description = "计划不存在或不对本单位开放", body = Problem, content_type = "application/problem+json")))]
#[get("/plans/{id}/eligibility")]
pub async fn get_plan_eligibility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Vec<RuleOutcome>>> {
    Ok(web::Json(
        preview::plan_eligibility(&state.db, &user, id.into_inner()).await?,
    ))
}
