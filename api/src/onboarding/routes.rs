use crate::error::ErrorCode;
use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, put, web};
use uuid::Uuid;

use super::{
    applications, authorisation,
    authorisation::PROOF_MAX,
    employer_info,
    registration::{self, CERTIFICATE_MAX},
    *,
};
use crate::{
    accounts::dto::AccountView,
    auth::AuthUser,
    documents::files,
    error::{AppResult, Problem},
    pagination::PageParams,
    state::AppState,
};

/// 法人注册（无统一社会信用代码：单位尚在筹建中等情况），提交后由属地人社部门人工审核
#[utoipa::path(tag = "auth", request_body(content = RegisterEmployerWithoutCode, content_type = "multipart/form-data"),
    responses((status = 201, description = "已提交，待人工审核；审核通过前不能登录", body = AccountView),
              (status = 409, description = "手机号已被其他单位使用", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/register/employer-without-code")]
pub async fn register_employer_without_code(
    state: web::Data<AppState>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = files::read_form(payload, CERTIFICATE_MAX).await?;
    let view = registration::register_without_code(&state.db, &state.storage, form).await?;
    Ok(HttpResponse::Created().json(view))
}

/// 授权委托证明：当前状态
#[utoipa::path(tag = "employer", security(("bearer" = [])),
    responses((status = 200, description = "本单位授权委托证明的状态", body = AuthorisationState)))]
#[get("/employer/authorisation")]
pub async fn get_authorisation(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<AuthorisationState>> {
    Ok(web::Json(
        authorisation::authorisation_state(&state.db, &user).await?,
    ))
}

/// 提交授权委托证明（选择单位隶属关系，上传加盖公章的 PDF 扫描件）
#[utoipa::path(tag = "employer", security(("bearer" = [])),
    request_body(content = AuthorisationUpload, content_type = "multipart/form-data"),
    responses((status = 201, description = "已提交，等待属地人社部门审核", body = AuthorisationState),
              (status = 409, description = "已提交待审核或已通过", body = Problem, content_type = "application/problem+json")))]
#[post("/employer/authorisation")]
pub async fn submit_authorisation(
    state: web::Data<AppState>,
    user: AuthUser,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = files::read_form(payload, PROOF_MAX).await?;
    let s = authorisation::submit_authorisation(&state.db, &state.storage, &user, form).await?;
    Ok(HttpResponse::Created().json(s))
}

/// 单位授权审核：注册申请与授权委托证明列表（人社部门，本辖区）
#[utoipa::path(tag = "employer-review", security(("bearer" = [])), params(ApplicationQuery, PageParams),
    responses((status = 200, description = "申请列表与各状态数量", body = ApplicationPage)))]
#[get("/employer-applications")]
pub async fn list_employer_applications(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ApplicationQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<ApplicationPage>> {
    Ok(web::Json(
        applications::list_applications(&state.db, &user, q.into_inner(), page.into_inner())
            .await?,
    ))
}

/// 单位授权审核：申请详情
#[utoipa::path(tag = "employer-review", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "申请 ID")),
    responses((status = 200, description = "申请", body = Application)))]
#[get("/employer-applications/{id}")]
pub async fn get_employer_application(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Application>> {
    Ok(web::Json(
        applications::get_application(&state.db, &user, id.into_inner()).await?,
    ))
}

/// 单位授权审核：查看单位证件或授权委托证明文件
#[utoipa::path(tag = "employer-review", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申请 ID")),
    responses((status = 200, description = "文件内容", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg")))))]
#[get("/employer-applications/{id}/file")]
pub async fn download_application_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let f = applications::application_file(&state.db, &user, id.into_inner()).await?;
    files::download_from(&state.storage, &f).await
}

/// 单位授权审核：通过 / 不通过（短信通知单位）
#[utoipa::path(tag = "employer-review", security(("bearer" = [])), params(("id" = Uuid, Path, description = "申请 ID")),
    request_body = ApplicationDecisionRequest,
    responses((status = 200, description = "审核后的申请", body = Application),
              (status = 409, description = "已被审核", body = Problem, content_type = "application/problem+json")))]
#[post("/employer-applications/{id}/decision")]
pub async fn decide_employer_application(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ApplicationDecisionRequest>,
) -> AppResult<web::Json<Application>> {
    Ok(web::Json(
        applications::decide_application(&state.db, &user, id.into_inner(), body.into_inner())
            .await?,
    ))
}

/// 本单位基本信息
#[utoipa::path(tag = "employer", security(("bearer" = [])),
    responses((status = 200, description = "单位信息、当前绑定手机号与账户使用人及变更记录", body = EmployerInfo)))]
#[get("/employer/info")]
pub async fn get_employer_info(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<EmployerInfo>> {
    Ok(web::Json(
        employer_info::employer_info(&state.db, &user).await?,
    ))
}

/// 修改手机号：向新手机号发送验证码（12333 短信）
#[utoipa::path(tag = "employer", security(("bearer" = [])), request_body = PhoneCodeRequest,
    responses((status = 202, description = "验证码已发送", body = PhoneCodeSent),
              (status = 409, description = "该手机号已绑定其他单位账号", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "发送过于频繁", body = Problem, content_type = "application/problem+json")))]
#[post("/employer/phone/code")]
pub async fn send_phone_code(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<PhoneCodeRequest>,
) -> AppResult<HttpResponse> {
    let sent = employer_info::send_phone_code(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(sent))
}

/// 修改手机号：校验验证码并更换绑定手机号
#[utoipa::path(tag = "employer", security(("bearer" = [])), request_body = ChangePhone,
    responses((status = 200, description = "已更换", body = EmployerInfo)))]
#[put("/employer/phone")]
pub async fn change_phone(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ChangePhone>,
) -> AppResult<web::Json<EmployerInfo>> {
    Ok(web::Json(
        employer_info::change_phone(&state.db, &user, body.into_inner()).await?,
    ))
}

/// 变更账户使用人
#[utoipa::path(tag = "employer", security(("bearer" = [])), request_body = ChangeOperator,
    responses((status = 200, description = "已变更", body = EmployerInfo)))]
#[put("/employer/operator")]
pub async fn change_operator(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ChangeOperator>,
) -> AppResult<web::Json<EmployerInfo>> {
    Ok(web::Json(
        employer_info::change_operator(&state.db, &user, body.into_inner()).await?,
    ))
}

/// 下载《用人单位委托证明》模板（PDF，已填入单位名称与账号）
#[utoipa::path(tag = "employer", security(("bearer" = [])),
    responses((status = 200, description = "PDF", content((Vec<u8> = "application/pdf"))),
              (status = 503, description = "服务器缺少中文字体", body = Problem, content_type = "application/problem+json")))]
#[get("/employer/authorisation/template")]
pub async fn download_authorisation_template(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    use crate::documents::pdf::{AuthorisationTemplate, authorisation_template as render};
    let (unit_name, credit_code, account, operator) =
        authorisation::template_fields(&state.db, &user).await?;
    let Some(fonts) = state.fonts.clone() else {
        return Err(crate::error::AppError::new(
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::FontUnavailable,
            "服务器未安装中文字体，暂时无法生成 PDF，请联系管理员",
        ));
    };
    let platform = state.config.platform_name.clone();
    let date = chrono::Utc::now()
        .with_timezone(&crate::domain::china_tz())
        .date_naive();
    let pdf = web::block(move || {
        render(
            &fonts,
            &AuthorisationTemplate {
                unit_name: &unit_name,
                credit_code: credit_code.as_deref(),
                account: &account,
                operator_name: &operator,
                platform_name: &platform,
                date,
            },
        )
    })
    .await
    .map_err(|_| crate::error::AppError::internal())?
    .map_err(|e| {
        let status = if e.is_input_error() {
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
        } else {
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR
        };
        crate::error::AppError::new(status, e.code(), e.message())
    })?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Content-Disposition", "attachment; filename*=UTF-8''%E7%94%A8%E4%BA%BA%E5%8D%95%E4%BD%8D%E5%A7%94%E6%89%98%E8%AF%81%E6%98%8E.pdf"))
        .body(pdf))
}
