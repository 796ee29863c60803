//! Rotating refresh tokens. Each login starts a family; each refresh marks the presented
//! token used and issues the next one in the family. Presenting a used token again means
//! it leaked: the whole family is revoked.
use crate::error::ErrorCode;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    entities::refresh_token::{self, Entity as RefreshToken},
    error::{AppError, AppResult},
};

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_secret() -> String {
    format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

/// Stores a new refresh token of `family` and returns its plain value.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    family: Uuid,
    ttl_hours: i64,
) -> AppResult<String> {
    let plain = new_secret();
    let now = Utc::now();
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        family_id: Set(family),
        token_hash: Set(hash_token(&plain)),
        expires_at: Set(now + Duration::hours(ttl_hours)),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(plain)
}

/// What issuing a token pair needs: the JWT keys and the refresh-token lifetime.
#[derive(Clone, Copy)]
pub struct Sessions<'a> {
    pub jwt: &'a crate::auth::JwtKeys,
    pub refresh_ttl_hours: i64,
}

pub async fn revoke_family<C: ConnectionTrait>(db: &C, family: Uuid) -> AppResult<()> {
    RefreshToken::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

fn invalid() -> AppError {
    AppError::new(
        actix_web::http::StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidRefreshToken,
        "登录已失效，请重新登录",
    )
}

/// Consumes `plain` and returns (account id, family) for the successor token.
/// Reuse of a consumed token revokes the family and fails.
pub async fn consume<C: ConnectionTrait>(db: &C, plain: &str) -> AppResult<(Uuid, Uuid)> {
    let Some(row) = RefreshToken::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(plain)))
        .one(db)
        .await?
    else {
        return Err(invalid());
    };
    if row.revoked_at.is_some() || row.expires_at <= Utc::now() {
        return Err(invalid());
    }
    // Conditional update: of two concurrent refreshes with the same token exactly one wins.
    let res = RefreshToken::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(Some(Utc::now())))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        revoke_family(db, row.family_id).await?;
        return Err(AppError::new(
            actix_web::http::StatusCode::UNAUTHORIZED,
            ErrorCode::RefreshTokenReused,
            "登录凭证已被使用过，为保障账户安全已全部注销，请重新登录",
        ));
    }
    Ok((row.account_id, row.family_id))
}

/// The family of `plain`, if such a token exists.
pub async fn family_of<C: ConnectionTrait>(db: &C, plain: &str) -> AppResult<Option<Uuid>> {
    Ok(RefreshToken::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(plain)))
        .one(db)
        .await?
        .map(|r| r.family_id))
}
