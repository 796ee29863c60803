//! `Idempotency-Key`: a client that retries a request with the same key gets the first
//! answer again instead of a second effect. Same key with another request → 422
//! `idempotency_key_reused`; same key while the first is still running → 409
//! `idempotency_in_progress`. The first request claims the key with one conditional insert
//! (the primary key decides between racing requests); answers below 500 are stored, a 5xx
//! releases the key so that a retry runs again.
use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    entities::idempotency_key,
    error::{AppError, AppResult, ErrorCode},
};

pub const HEADER: &str = "Idempotency-Key";
pub const MAX_KEY: usize = 100;
/// A key still `running` this long after it was claimed belongs to a request that died.
pub const ABANDONED_AFTER_SECS: i64 = 300;

/// The request's key, if it sent one (422 when malformed).
pub fn key_of(req: &HttpRequest) -> AppResult<Option<String>> {
    let Some(v) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    let k = v
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= MAX_KEY && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            AppError::field(
                HEADER,
                format!("Idempotency-Key 应为 1 到 {MAX_KEY} 个可见 ASCII 字符"),
            )
        })?;
    Ok(Some(k.to_owned()))
}

/// What identifies "the same request": method, path and body.
pub fn request_hash(req: &HttpRequest, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(req.method().as_str());
    h.update([0]);
    h.update(req.path());
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

enum Claim {
    Fresh,
    Replay(u16, String),
}

async fn claim(db: &DatabaseConnection, account: Uuid, key: &str, hash: &str) -> AppResult<Claim> {
    let inserted = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        account_id: Set(account),
        key: Set(key.to_owned()),
        request_hash: Set(hash.to_owned()),
        state: Set("running".into()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            idempotency_key::Column::AccountId,
            idempotency_key::Column::Key,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let row = idempotency_key::Entity::find_by_id((account, key.to_owned()))
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    if row.request_hash != hash {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyKeyReused,
            "该 Idempotency-Key 已用于另一个请求，请为新的请求使用新的 Idempotency-Key",
        ));
    }
    let in_progress = || {
        AppError::conflict(
            ErrorCode::IdempotencyInProgress,
            "同一请求仍在处理中，请稍后查看结果",
        )
    };
    match (row.state.as_str(), row.response_status, row.response_body) {
        ("done", Some(status), Some(body)) => Ok(Claim::Replay(status as u16, body)),
        // the request that claimed the key never finished (the server stopped mid-request):
        // one retry takes the key over instead of being told "still running" forever
        ("running", ..)
            if row.created_at < Utc::now() - Duration::seconds(ABANDONED_AFTER_SECS) =>
        {
            let taken = idempotency_key::Entity::update_many()
                .col_expr(idempotency_key::Column::CreatedAt, Expr::value(Utc::now()))
                .filter(idempotency_key::Column::AccountId.eq(account))
                .filter(idempotency_key::Column::Key.eq(key))
                .filter(idempotency_key::Column::State.eq("running"))
                .filter(idempotency_key::Column::CreatedAt.eq(row.created_at))
                .exec(db)
                .await?;
            if taken.rows_affected == 1 {
                Ok(Claim::Fresh)
            } else {
                Err(in_progress())
            }
        }
        _ => Err(in_progress()),
    }
}

fn json_response(status: u16, body: String, replayed: bool) -> HttpResponse {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut res = HttpResponse::build(status);
    res.content_type(content_type);
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    res.body(body)
}

/// Runs `work` once per key: without a key it just runs; with one, the first answer is stored
/// and sent again for every retry.
pub async fn run<T, F>(
    db: &DatabaseConnection,
    account: Uuid,
    key: Option<String>,
    hash: String,
    work: F,
) -> AppResult<HttpResponse>
where
    T: serde::Serialize,
    F: std::future::Future<Output = AppResult<T>>,
{
    let Some(key) = key else {
        let out = work.await?;
        return Ok(HttpResponse::Ok().json(out));
    };
    match claim(db, account, &key, &hash).await? {
        Claim::Replay(status, body) => return Ok(json_response(status, body, true)),
        Claim::Fresh => {}
    }
    let (status, body) = match work.await {
        Ok(out) => (
            200u16,
            serde_json::to_string(&out).map_err(|_| AppError::internal())?,
        ),
        Err(e) if e.status.is_server_error() => {
            let _ = idempotency_key::Entity::delete_by_id((account, key.clone()))
                .exec(db)
                .await;
            return Err(e);
        }
        Err(e) => (
            e.status.as_u16(),
            serde_json::to_string(&e.to_problem()).map_err(|_| AppError::internal())?,
        ),
    };
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::State, Expr::value("done"))
        .col_expr(
            idempotency_key::Column::ResponseStatus,
            Expr::value(status as i32),
        )
        .col_expr(
            idempotency_key::Column::ResponseBody,
            Expr::value(body.clone()),
        )
        .filter(idempotency_key::Column::AccountId.eq(account))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(json_response(status, body, false))
}
