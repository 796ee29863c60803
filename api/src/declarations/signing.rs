//! Step 3, 签署《专业技术资格申报材料真实性保证书》: the desktop asks for a one-time signing
//! link (shown as a QR code rendered here); the phone page opened from it shows the text and
//! sends the drawn signature (png). The token is stored only as its SHA-256, expires after
//! [`TOKEN_MINUTES`] minutes, and is consumed by the one conditional update that records the
//! signature — two phones sending at once: one signs, the other gets 404. The desktop polls
//! the declaration and notices the signature without a reload.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access,
    dto::{SigningPage, SigningSession},
    guarantee,
    status::{DeclarationAction, DeclarationStatus, EventAction},
};
use crate::{
    accounts::tokens::hash_token,
    auth::AuthUser,
    db::WriteTxn,
    documents::{files, sniff::FileKind, storage::Storage},
    entities::{account, declaration, file, plan},
    error::{AppError, AppResult, ErrorCode},
};

pub const TOKEN_MINUTES: i64 = 10;
pub const SIGNATURE_MAX: usize = files::MB;

fn invalid() -> AppError {
    AppError::new(
        actix_web::http::StatusCode::NOT_FOUND,
        ErrorCode::SigningLinkInvalid,
        "签署链接无效、已使用或已过期，请在电脑上重新生成二维码",
    )
}

/// The QR code of `url` as an SVG document.
pub fn qr_svg(url: &str) -> AppResult<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(|_| AppError::internal())?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// `POST /declarations/{id}/guarantee/signing`: a new link (an earlier one stops working).
pub async fn start(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    base_url: &str,
) -> AppResult<SigningSession> {
    access::own(db, user, id).await?;
    let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
    let hash = hash_token(&token);
    let expires_at = Utc::now() + Duration::minutes(TOKEN_MINUTES);
    let applicant = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock_own(txn, applicant, id).await?;
            access::allow(&d, DeclarationAction::Edit)?;
            let mut am = d.into_active_model();
            am.signing_token_hash = Set(Some(hash));
            am.signing_token_expires_at = Set(Some(expires_at));
            am.update(txn).await?;
            Ok(())
        })
    })
    .await?;
    let url = format!("{}/sign/{token}", base_url.trim_end_matches('/'));
    Ok(SigningSession {
        qr_svg: qr_svg(&url)?,
        url,
        token,
        expires_at,
    })
}

async fn by_token(db: &DatabaseConnection, token: &str) -> AppResult<declaration::Model> {
    if token.len() > 128 {
        return Err(invalid());
    }
    declaration::Entity::find()
        .filter(declaration::Column::SigningTokenHash.eq(hash_token(token)))
        .filter(declaration::Column::SigningTokenExpiresAt.gt(Utc::now()))
        .filter(
            declaration::Column::Status
                .is_in([DeclarationStatus::Draft, DeclarationStatus::Returned]),
        )
        .one(db)
        .await?
        .ok_or_else(invalid)
}

fn masked_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

/// `GET /signing/{token}` (no login: the token is the credential).
pub async fn page(db: &DatabaseConnection, token: &str) -> AppResult<SigningPage> {
    let d = by_token(db, token).await?;
    let who = account::Entity::find_by_id(d.applicant_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    let p = plan::Entity::find_by_id(d.plan_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    Ok(SigningPage {
        applicant: masked_name(&who.name),
        plan_name: p.name.clone(),
        guarantee: guarantee::view(&d, &who.name, &p.name, Utc::now()),
        expires_at: d.signing_token_expires_at.unwrap_or_else(Utc::now),
    })
}

/// `POST /signing/{token}`: records the drawn signature (png) and consumes the token.
pub async fn sign(
    db: &DatabaseConnection,
    storage: &Storage,
    token: &str,
    form: files::UploadForm,
) -> AppResult<()> {
    let d = by_token(db, token).await?;
    let (_, bytes) = form
        .file
        .ok_or_else(|| AppError::field("file", "请先签名"))?;
    let new = files::NewFile {
        owner: Some(d.applicant_id),
        purpose: file::FilePurpose::Signature,
        original_name: "签名.png",
        bytes,
    };
    let stored = files::store(storage, new, &[FileKind::Png], SIGNATURE_MAX).await?;
    let key = stored.storage_key.clone();
    let hash = hash_token(token);
    let res = db
        .write_txn(|txn| {
            Box::pin(async move {
                let f = file::ActiveModel::from(stored).insert(txn).await?;
                let now = Utc::now();
                let done = declaration::Entity::update_many()
                    .col_expr(declaration::Column::SignatureFileId, Expr::value(f.id))
                    .col_expr(declaration::Column::GuaranteeSignedAt, Expr::value(now))
                    .col_expr(
                        declaration::Column::SigningTokenHash,
                        Expr::value(Option::<String>::None),
                    )
                    .col_expr(
                        declaration::Column::SigningTokenExpiresAt,
                        Expr::value(Option::<chrono::DateTime<Utc>>::None),
                    )
                    .col_expr(
                        declaration::Column::LastStep,
                        Expr::cust("CASE WHEN last_step < 3 THEN 3 ELSE last_step END"),
                    )
                    .col_expr(
                        declaration::Column::Version,
                        Expr::col(declaration::Column::Version).add(1),
                    )
                    .col_expr(declaration::Column::UpdatedAt, Expr::value(now))
                    .filter(declaration::Column::Id.eq(d.id))
                    .filter(declaration::Column::SigningTokenHash.eq(hash))
                    .filter(declaration::Column::SigningTokenExpiresAt.gt(now))
                    .filter(
                        declaration::Column::Status
                            .is_in([DeclarationStatus::Draft, DeclarationStatus::Returned]),
                    )
                    .exec(txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(invalid());
                }
                super::record_event(
                    txn,
                    d.id,
                    EventAction::GuaranteeSigned,
                    d.applicant_id,
                    None,
                    now,
                )
                .await?;
                Ok(())
            })
        })
        .await;
    if res.is_err() {
        let _ = storage.delete(&key).await;
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_an_svg() {
        let svg = qr_svg("http://127.0.0.1:8080/sign/abc").unwrap();
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn names_are_masked() {
        assert_eq!(masked_name("张明"), "张*");
        assert_eq!(masked_name("欧阳小明"), "欧***");
        assert_eq!(masked_name("李"), "李*");
    }
}
