use actix_web::{HttpResponse, get, post, web};

use super::{dto::*, service};
use crate::{
    auth::AuthUser,
    error::{AppResult, Problem},
    pagination::PageParams,
    state::AppState,
};

/// 个人注册
#[utoipa::path(tag = "auth", request_body = RegisterIndividual,
    responses((status = 201, description = "账号已创建", body = AccountView),
              (status = 409, description = "身份证号码或手机号已注册", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/register/individual")]
pub async fn register_individual(
    state: web::Data<AppState>,
    body: web::Json<RegisterIndividual>,
) -> AppResult<HttpResponse> {
    let view = service::register_individual(&state.db, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(view))
}

/// 法人注册（有统一社会信用代码）
#[utoipa::path(tag = "auth", request_body = RegisterEmployer,
    responses((status = 201, description = "账号已创建，待提交授权委托证明", body = AccountView),
              (status = 409, description = "统一社会信用代码已注册", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/register/employer")]
pub async fn register_employer(
    state: web::Data<AppState>,
    body: web::Json<RegisterEmployer>,
) -> AppResult<HttpResponse> {
    let view = service::register_employer(&state.db, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(view))
}

/// 登录：个人 / 法人 / 部门
///
/// Five wrong passwords in a row lock the account for 15 minutes (423).
#[utoipa::path(tag = "auth", request_body = LoginRequest,
    responses((status = 200, description = "登录成功", body = TokenPair),
              (status = 401, description = "用户名或密码错误", body = Problem, content_type = "application/problem+json"),
              (status = 403, description = "账号已停用", body = Problem, content_type = "application/problem+json"),
              (status = 423, description = "账户已锁定", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> AppResult<web::Json<TokenPair>> {
    Ok(web::Json(
        service::login(&state.db, state.sessions(), body.into_inner()).await?,
    ))
}

/// 刷新登录凭证 (rotates the refresh token)
///
/// Presenting a refresh token that was already used revokes its whole family.
#[utoipa::path(tag = "auth", request_body = RefreshRequest,
    responses((status = 200, description = "新的凭证", body = TokenPair),
              (status = 401, description = "刷新凭证无效、过期、已注销或被重复使用", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/refresh")]
pub async fn refresh_tokens(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> AppResult<web::Json<TokenPair>> {
    Ok(web::Json(
        service::refresh(&state.db, state.sessions(), body.into_inner()).await?,
    ))
}

/// 退出登录 (revokes the refresh token's family)
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 204, description = "已退出")))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> AppResult<HttpResponse> {
    service::logout(&state.db, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 当前用户
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 200, description = "当前登录账号", body = AccountView)))]
#[get("/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<AccountView>> {
    Ok(web::Json(service::me(&state.db, &user).await?))
}

/// 账号分配：部门、评委会办公室与评委账号列表（管理员）
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(service::StaffQuery, PageParams),
    responses((status = 200, description = "账号列表", body = StaffAccountPage)))]
#[get("/staff-accounts")]
pub async fn list_staff_accounts(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<service::StaffQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<StaffAccountPage>> {
    Ok(web::Json(
        service::list_staff(&state.db, &user, q.into_inner(), page.into_inner()).await?,
    ))
}

/// 账号分配：新建部门、评委会办公室或评委账号（管理员）
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = CreateStaffAccount,
    responses((status = 201, description = "账号已分配", body = AccountView),
              (status = 409, description = "登录名已被使用", body = Problem, content_type = "application/problem+json")))]
#[post("/staff-accounts")]
pub async fn create_staff_account(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateStaffAccount>,
) -> AppResult<HttpResponse> {
    let view = service::create_staff(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(view))
}
