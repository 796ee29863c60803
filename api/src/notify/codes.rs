//! One-time SMS codes (修改手机号, 忘记密码): issued at most once a minute per account and
//! purpose, checked at most [`MAX_ATTEMPTS`] times, used once. Every check-then-write here is
//! atomic: issuing locks the account row in the caller's write transaction; each check is one
//! conditional `UPDATE … SET attempts = attempts + 1 … WHERE attempts < MAX`, committed on its
//! own so a wrong guess counts even though its request fails; using a code is one conditional
//! `UPDATE … WHERE used_at IS NULL` in the transaction of the change it authorises.
use actix_web::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::outbox;
use crate::{
    entities::{
        account,
        sms_code::{self, CodePurpose},
    },
    error::{AppError, AppResult, ErrorCode},
};

/// Seconds before another code may be sent to the same account for the same purpose.
pub const RESEND_SECONDS: i64 = 60;
/// How long a code is valid.
pub const TTL_SECONDS: i64 = 600;
/// How many times a code may be checked.
pub const MAX_ATTEMPTS: i32 = 5;

/// A code was issued.
#[derive(Debug)]
pub struct Issued {
    pub expires_in: i64,
    pub resend_after: i64,
}

/// A code that matched; [`Ticket::consume`] uses it up in the change's transaction.
#[derive(Debug)]
#[must_use = "a checked code authorises nothing until it is consumed"]
pub struct Ticket {
    id: Uuid,
}

fn hash(account: Uuid, phone: &str, code: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(
        format!("{account}:{phone}:{code}").as_bytes(),
    ))
}

fn code_error(message: impl Into<String>) -> AppError {
    AppError::field("code", message)
}

/// Locks the account row until the transaction ends (PostgreSQL); SQLite write transactions
/// already hold the database's write lock from BEGIN.
pub async fn lock_account(txn: &DatabaseTransaction, account_id: Uuid) -> AppResult<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        account::Entity::find_by_id(account_id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    Ok(())
}

/// Issues a six-digit code for `account_id` to `phone` and queues the SMS `text(code)`, in the
/// caller's write transaction. Refuses (429 `too_many_codes`, `Retry-After`) when a code of the
/// same purpose was issued to the account within [`RESEND_SECONDS`].
pub async fn issue(
    txn: &DatabaseTransaction,
    account_id: Uuid,
    phone: &str,
    purpose: CodePurpose,
    text: impl FnOnce(&str) -> String,
) -> AppResult<Issued> {
    lock_account(txn, account_id).await?;
    let now = Utc::now();
    let recent = sms_code::Entity::find()
        .filter(sms_code::Column::AccountId.eq(account_id))
        .filter(sms_code::Column::Purpose.eq(purpose))
        .filter(sms_code::Column::CreatedAt.gt(now - Duration::seconds(RESEND_SECONDS)))
        .count(txn)
        .await?;
    if recent > 0 {
        return Err(AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyCodes,
            format!("验证码发送过于频繁，请{RESEND_SECONDS}秒后再试"),
        )
        .with_header("Retry-After", RESEND_SECONDS.to_string()));
    }
    let code = format!(
        "{:06}",
        u128::from_le_bytes(*Uuid::new_v4().as_bytes()) % 1_000_000
    );
    sms_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        phone: Set(phone.to_owned()),
        purpose: Set(purpose),
        code_hash: Set(hash(account_id, phone, &code)),
        attempts: Set(0),
        expires_at: Set(now + Duration::seconds(TTL_SECONDS)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    outbox::enqueue_sms(txn, phone, &text(&code)).await?;
    Ok(Issued {
        expires_in: TTL_SECONDS,
        resend_after: RESEND_SECONDS,
    })
}

/// Checks `code` against the newest unused code sent to `phone` for `account_id` and
/// `purpose`. The check is counted first, atomically and committed on its own: however many
/// requests race, at most [`MAX_ATTEMPTS`] are ever compared.
pub async fn check(
    db: &DatabaseConnection,
    account_id: Uuid,
    phone: &str,
    purpose: CodePurpose,
    code: &str,
) -> AppResult<Ticket> {
    let latest = sms_code::Entity::find()
        .filter(sms_code::Column::AccountId.eq(account_id))
        .filter(sms_code::Column::Purpose.eq(purpose))
        .filter(sms_code::Column::Phone.eq(phone))
        .filter(sms_code::Column::UsedAt.is_null())
        .order_by_desc(sms_code::Column::CreatedAt)
        .one(db)
        .await?
        .filter(|c| c.expires_at > Utc::now())
        .ok_or_else(|| code_error("验证码已失效，请重新获取"))?;
    let counted = sms_code::Entity::update_many()
        .col_expr(
            sms_code::Column::Attempts,
            Expr::col(sms_code::Column::Attempts).add(1),
        )
        .filter(sms_code::Column::Id.eq(latest.id))
        .filter(sms_code::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(sms_code::Column::UsedAt.is_null())
        .exec_with_returning(db)
        .await?;
    let Some(row) = counted.into_iter().next() else {
        return Err(code_error("验证码错误次数过多或已使用，请重新获取"));
    };
    let given = code.trim();
    if given.len() != 6 || row.code_hash != hash(account_id, phone, given) {
        let left = MAX_ATTEMPTS - row.attempts;
        return Err(code_error(if left > 0 {
            format!("验证码不正确，还可尝试 {left} 次")
        } else {
            "验证码不正确，已达尝试次数上限，请重新获取".to_owned()
        }));
    }
    Ok(Ticket { id: row.id })
}

impl Ticket {
    /// Uses the code up, in the transaction of the change it authorises: exactly one of any
    /// number of racing requests that checked the same code gets through.
    pub async fn consume<C: ConnectionTrait>(self, txn: &C) -> AppResult<()> {
        let used = sms_code::Entity::update_many()
            .col_expr(sms_code::Column::UsedAt, Expr::value(Some(Utc::now())))
            .filter(sms_code::Column::Id.eq(self.id))
            .filter(sms_code::Column::UsedAt.is_null())
            .exec(txn)
            .await?;
        if used.rows_affected != 1 {
            return Err(code_error("验证码已使用，请重新获取"));
        }
        Ok(())
    }
}
