//! 忘记密码: an individual or an employer resets the password with a one-time code sent by SMS
//! to the phone the account is registered with. Staff passwords are reset by the
//! administrator. A reset lifts a login lock and signs the account out everywhere.
use actix_web::{HttpResponse, http::StatusCode, post, web};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{dto::AccountKind, service::find_login_account};
use crate::{
    auth::hash_password,
    db::WriteTxn,
    domain::{Password, mask_phone},
    entities::{account, refresh_token, sms_code::CodePurpose},
    error::{AppError, AppResult, ErrorCode, Problem},
    notify::{self, codes},
    state::AppState,
};

/// 忘记密码：获取短信验证码
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"account_kind": "individual", "username": "330203199001010022"}))]
pub struct PasswordResetCodeRequest {
    /// `individual` or `employer`; staff passwords are reset by the administrator.
    pub account_kind: AccountKind,
    /// 个人：身份证号码或手机号；法人：统一社会信用代码或绑定手机号
    #[schema(min_length = 1, max_length = 64)]
    pub username: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordResetCodeSent {
    /// The registered phone the code went to, masked (`139****0001`).
    #[schema(example = "139****0001")]
    pub phone_masked: String,
    /// Seconds before another code may be requested.
    #[schema(example = 60)]
    pub resend_after_seconds: i64,
    /// Seconds the code stays valid.
    #[schema(example = 600)]
    pub expires_in: i64,
}

/// 忘记密码：验证码校验通过后设置新密码
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"account_kind": "individual", "username": "330203199001010022", "code": "123456", "new_password": "N3wPassw0rd"}))]
pub struct PasswordReset {
    pub account_kind: AccountKind,
    #[schema(min_length = 1, max_length = 64)]
    pub username: String,
    /// The six-digit code from the SMS.
    #[schema(min_length = 6, max_length = 6)]
    pub code: String,
    /// 8–64 characters with letters and digits.
    #[schema(min_length = 8, max_length = 64)]
    pub new_password: String,
}

async fn account_for(
    db: &DatabaseConnection,
    kind: AccountKind,
    username: &str,
) -> AppResult<account::Model> {
    if kind == AccountKind::Staff {
        return Err(AppError::field(
            "account_kind",
            "部门账号的密码由系统管理员重置，请联系管理员",
        ));
    }
    find_login_account(db, kind, username)
        .await?
        .ok_or_else(|| {
            AppError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "账号不存在，请核对后重新输入",
            )
        })
}

pub async fn send_code(
    db: &DatabaseConnection,
    req: PasswordResetCodeRequest,
) -> AppResult<PasswordResetCodeSent> {
    let acc = account_for(db, req.account_kind, &req.username).await?;
    let phone = acc.phone.clone();
    let issued = db
        .write_txn(|txn| {
            Box::pin(async move {
                codes::issue(txn, acc.id, &acc.phone, CodePurpose::PasswordReset, |code| {
                    format!("您正在重设职称申报平台账号的登录密码，验证码 {code}，10分钟内有效。如非本人操作请忽略。")
                })
                .await
            })
        })
        .await?;
    Ok(PasswordResetCodeSent {
        phone_masked: mask_phone(&phone),
        resend_after_seconds: issued.resend_after,
        expires_in: issued.expires_in,
    })
}

pub async fn reset(db: &DatabaseConnection, req: PasswordReset) -> AppResult<()> {
    let password =
        Password::parse(&req.new_password).map_err(|m| AppError::field("new_password", m))?;
    let acc = account_for(db, req.account_kind, &req.username).await?;
    let ticket = codes::check(
        db,
        acc.id,
        &acc.phone,
        CodePurpose::PasswordReset,
        &req.code,
    )
    .await?;
    let hash = web::block(move || hash_password(password.expose()))
        .await
        .map_err(|_| AppError::internal())?;
    db.write_txn(|txn| {
        Box::pin(async move {
            ticket.consume(txn).await?;
            let now = Utc::now();
            account::Entity::update_many()
                .col_expr(account::Column::PasswordHash, Expr::value(hash))
                .col_expr(account::Column::FailedLogins, Expr::value(0))
                .col_expr(
                    account::Column::LockedUntil,
                    Expr::value(Option::<chrono::DateTime<Utc>>::None),
                )
                .col_expr(account::Column::UpdatedAt, Expr::value(now))
                .filter(account::Column::Id.eq(acc.id))
                .exec(txn)
                .await?;
            refresh_token::Entity::update_many()
                .col_expr(refresh_token::Column::RevokedAt, Expr::value(Some(now)))
                .filter(refresh_token::Column::AccountId.eq(acc.id))
                .filter(refresh_token::Column::RevokedAt.is_null())
                .exec(txn)
                .await?;
            notify::notify(
                txn,
                acc.id,
                "登录密码已重设",
                "您的登录密码已通过短信验证码重设，其他设备上的登录已失效。如非本人操作，请立即联系所在单位或人社部门。",
            )
            .await
        })
    })
    .await
}

/// 忘记密码：向注册手机号发送验证码（个人、法人）
///
/// At most one code a minute per account; a code is valid for 10 minutes and may be tried 5 times.
#[utoipa::path(tag = "auth", request_body = PasswordResetCodeRequest,
    responses((status = 200, description = "验证码已发送至注册手机号", body = PasswordResetCodeSent),
              (status = 404, description = "账号不存在", body = Problem, content_type = "application/problem+json"),
              (status = 429, description = "60秒内已发送过验证码", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/password-reset/code")]
pub async fn send_password_reset_code(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetCodeRequest>,
) -> AppResult<web::Json<PasswordResetCodeSent>> {
    Ok(web::Json(send_code(&state.db, body.into_inner()).await?))
}

/// 忘记密码：凭短信验证码设置新密码
///
/// Lifts a login lock and revokes every refresh token of the account.
#[utoipa::path(tag = "auth", request_body = PasswordReset,
    responses((status = 204, description = "密码已重设，请用新密码登录"),
              (status = 404, description = "账号不存在", body = Problem, content_type = "application/problem+json")))]
#[post("/auth/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    body: web::Json<PasswordReset>,
) -> AppResult<HttpResponse> {
    reset(&state.db, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
