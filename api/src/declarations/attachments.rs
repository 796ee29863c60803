//! Step 6, 上传附件: files for the items of the plan's 附件要求, each checked by content
//! against the item's accepted types, at most [`MAX_PER_ITEM`] a item. The count check and
//! the insert happen under the declaration's lock, so racing uploads cannot pass the cap.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::{access, dto::AttachmentItem, status::DeclarationAction, touch, views};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    documents::{files, sniff::FileKind, storage::Storage},
    entities::{declaration, declaration_attachment, file, plan},
    error::{AppError, AppResult, ErrorCode},
    plans::dto::{AttachmentRequirement, FileKind as PlanFileKind},
};

pub const ATTACHMENT_MAX: usize = 10 * files::MB;
pub const MAX_PER_ITEM: u64 = 5;

fn kinds(req: &AttachmentRequirement) -> Vec<FileKind> {
    req.types
        .iter()
        .map(|t| match t {
            PlanFileKind::Pdf => FileKind::Pdf,
            PlanFileKind::Jpg => FileKind::Jpeg,
            PlanFileKind::Png => FileKind::Png,
        })
        .collect()
}

async fn requirement<C: ConnectionTrait>(
    db: &C,
    d: &declaration::Model,
    item: i32,
) -> AppResult<AttachmentRequirement> {
    let p = plan::Entity::find_by_id(d.plan_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    let reqs: Vec<AttachmentRequirement> =
        serde_json::from_value(p.attachments).unwrap_or_default();
    usize::try_from(item)
        .ok()
        .and_then(|i| reqs.get(i).cloned())
        .ok_or_else(AppError::not_found)
}

async fn count<C: ConnectionTrait>(db: &C, id: Uuid, item: i32) -> AppResult<u64> {
    Ok(declaration_attachment::Entity::find()
        .filter(declaration_attachment::Column::DeclarationId.eq(id))
        .filter(declaration_attachment::Column::Item.eq(item))
        .count(db)
        .await?)
}

fn too_many() -> AppError {
    AppError::conflict(
        ErrorCode::TooManyAttachments,
        format!("每项材料最多上传{MAX_PER_ITEM}个文件"),
    )
}

async fn item_view(db: &DatabaseConnection, id: Uuid, item: i32) -> AppResult<AttachmentItem> {
    let d = declaration::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let p = plan::Entity::find_by_id(d.plan_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    let reqs: Vec<AttachmentRequirement> =
        serde_json::from_value(p.attachments).unwrap_or_default();
    views::attachment_items(db, &d, &reqs)
        .await?
        .into_iter()
        .find(|i| i.item == item)
        .ok_or_else(AppError::not_found)
}

/// `POST /declarations/{id}/attachments/{item}`.
pub async fn add(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    id: Uuid,
    item: i32,
    form: files::UploadForm,
) -> AppResult<AttachmentItem> {
    let d = access::own(db, user, id).await?;
    access::allow(&d, DeclarationAction::Edit)?;
    let req = requirement(db, &d, item).await?;
    let (name, bytes) = form
        .file
        .ok_or_else(|| AppError::field("file", "请选择要上传的文件"))?;
    if count(db, id, item).await? >= MAX_PER_ITEM {
        return Err(too_many());
    }
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: file::FilePurpose::Declaration,
        original_name: &name,
        bytes,
    };
    let stored = files::store(storage, new, &kinds(&req), ATTACHMENT_MAX).await?;
    let key = stored.storage_key.clone();
    let applicant = user.id;
    let res = db
        .write_txn(|txn| {
            Box::pin(async move {
                let d = access::lock_own(txn, applicant, id).await?;
                access::allow(&d, DeclarationAction::Edit)?;
                if count(txn, id, item).await? >= MAX_PER_ITEM {
                    return Err(too_many());
                }
                let f = file::ActiveModel::from(stored).insert(txn).await?;
                declaration_attachment::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    declaration_id: Set(id),
                    item: Set(item),
                    file_id: Set(f.id),
                    created_at: Set(Utc::now()),
                }
                .insert(txn)
                .await?;
                touch(txn, &d, 6).await
            })
        })
        .await;
    if let Err(e) = res {
        let _ = storage.delete(&key).await;
        return Err(e);
    }
    item_view(db, id, item).await
}

/// `DELETE /declarations/{id}/attachments/{item}/{attachment_id}` (the file stays stored).
pub async fn remove(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    item: i32,
    attachment: Uuid,
) -> AppResult<AttachmentItem> {
    access::own(db, user, id).await?;
    let applicant = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock_own(txn, applicant, id).await?;
            access::allow(&d, DeclarationAction::Edit)?;
            let gone = declaration_attachment::Entity::delete_many()
                .filter(declaration_attachment::Column::Id.eq(attachment))
                .filter(declaration_attachment::Column::DeclarationId.eq(id))
                .filter(declaration_attachment::Column::Item.eq(item))
                .exec(txn)
                .await?;
            if gone.rows_affected == 0 {
                return Err(AppError::not_found());
            }
            touch(txn, &d, 6).await
        })
    })
    .await?;
    item_view(db, id, item).await
}

/// `GET /declarations/{id}/attachments/{item}/{attachment_id}`.
pub async fn download(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    id: Uuid,
    item: i32,
    attachment: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    access::readable(db, user, id).await?;
    let link = declaration_attachment::Entity::find_by_id(attachment)
        .filter(declaration_attachment::Column::DeclarationId.eq(id))
        .filter(declaration_attachment::Column::Item.eq(item))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let f = file::Entity::find_by_id(link.file_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    files::download_from(storage, &f).await
}
