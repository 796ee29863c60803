//! A record's attachments (pdf / jpg / png, checked by content): at most
//! [`MAX_ATTACHMENTS`] per record, added and removed only while the record may be edited.
//!
//! The state check and the write are one transaction that holds the record's lock (see
//! [`lock_own`]), so concurrent uploads cannot pass the cap together and the employer's
//! decision cannot interleave with an upload or a removal: after an approval no attachment
//! is added or removed. The file's bytes are stored before that transaction (storage is slow
//! and must not hold the lock) and deleted again when the transaction refuses, so a refused
//! upload leaves nothing behind.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::{
    access::{lock_own, own, readable},
    dto::Attachment,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    documents::{files, sniff::FileKind, storage::Storage},
    entities::{archive_attachment, archive_record, file},
    error::{AppError, AppResult, ErrorCode, FieldErrors},
};

pub const ATTACHMENT_MAX: usize = 10 * files::MB;
pub const ATTACHMENT_KINDS: [FileKind; 3] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png];
pub const MAX_ATTACHMENTS: u64 = 20;

fn too_many() -> AppError {
    AppError::conflict(
        ErrorCode::TooManyAttachments,
        format!("每条业绩最多上传{MAX_ATTACHMENTS}个附件"),
    )
}

/// 409 `record_locked` unless the owner may still edit `record`.
fn editable(record: &archive_record::Model) -> AppResult<()> {
    match record.status.edit_refusal() {
        Some(why) => Err(AppError::conflict(ErrorCode::RecordLocked, why)),
        None => Ok(()),
    }
}

async fn count<C: ConnectionTrait>(db: &C, record: Uuid) -> AppResult<u64> {
    Ok(archive_attachment::Entity::find()
        .filter(archive_attachment::Column::RecordId.eq(record))
        .count(db)
        .await?)
}

pub async fn add(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    id: Uuid,
    form: files::UploadForm,
) -> AppResult<Attachment> {
    // Early answers that need no storage write; the transaction below decides.
    editable(&own(db, user, id).await?)?;
    let (name, bytes) = form.file.ok_or_else(|| {
        let mut e = FieldErrors::default();
        e.push("file", "请选择要上传的文件");
        e.finish().unwrap_err()
    })?;
    if count(db, id).await? >= MAX_ATTACHMENTS {
        return Err(too_many());
    }
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: crate::entities::file::FilePurpose::Archive,
        original_name: &name,
        bytes,
    };
    let stored = files::store(storage, new, &ATTACHMENT_KINDS, ATTACHMENT_MAX).await?;
    let key = stored.storage_key.clone();
    let owner = user.id;
    let res = db
        .write_txn(|txn| {
            Box::pin(async move {
                let record = lock_own(txn, owner, id)
                    .await?
                    .ok_or_else(AppError::not_found)?;
                editable(&record)?;
                if count(txn, id).await? >= MAX_ATTACHMENTS {
                    return Err(too_many());
                }
                let f = file::ActiveModel::from(stored).insert(txn).await?;
                let link = archive_attachment::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    record_id: Set(id),
                    file_id: Set(f.id),
                    created_at: Set(Utc::now()),
                }
                .insert(txn)
                .await?;
                Ok(Attachment::of(link.id, &f, link.created_at))
            })
        })
        .await;
    if res.is_err() {
        // Best effort: a failure is logged by the storage layer and the refusal stands.
        let _ = storage.delete(&key).await;
    }
    res
}

async fn attachment_of<C: ConnectionTrait>(
    db: &C,
    record: Uuid,
    attachment: Uuid,
) -> AppResult<(archive_attachment::Model, file::Model)> {
    let link = archive_attachment::Entity::find_by_id(attachment)
        .filter(archive_attachment::Column::RecordId.eq(record))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let f = file::Entity::find_by_id(link.file_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((link, f))
}

pub async fn download(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    id: Uuid,
    attachment: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    readable(db, user, id).await?;
    let (_, f) = attachment_of(db, id, attachment).await?;
    files::download_from(storage, &f).await
}

pub async fn remove(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    attachment: Uuid,
) -> AppResult<()> {
    editable(&own(db, user, id).await?)?;
    let owner = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let record = lock_own(txn, owner, id)
                .await?
                .ok_or_else(AppError::not_found)?;
            editable(&record)?;
            let (link, _) = attachment_of(txn, id, attachment).await?;
            archive_attachment::Entity::delete_by_id(link.id)
                .exec(txn)
                .await?;
            Ok(())
        })
    })
    .await
}
