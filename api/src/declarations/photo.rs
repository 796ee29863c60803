//! Step 2, 上传证件照: jpg or png, checked by content, at most [`PHOTO_MAX`] bytes, portrait,
//! between [`MIN_SIDE`] and [`MAX_SIDE`] pixels a side (a 1-inch photo is 295×413, a 2-inch
//! 413×579).
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::{access, dto::Declaration, status::DeclarationAction, touch, views};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    documents::{files, sniff::FileKind, storage::Storage},
    entities::{declaration, file},
    error::{AppError, AppResult, ErrorCode},
};

pub const PHOTO_MAX: usize = 2 * files::MB;
pub const MIN_SIDE: usize = 100;
pub const MAX_SIDE: usize = 4000;

/// Why a photo of `width`×`height` pixels is unsuitable, if it is.
pub fn dimension_refusal(width: usize, height: usize) -> Option<String> {
    if width < MIN_SIDE || height < MIN_SIDE {
        Some(format!(
            "证件照过小（{width}×{height} 像素），宽和高至少 {MIN_SIDE} 像素"
        ))
    } else if width > MAX_SIDE || height > MAX_SIDE {
        Some(format!(
            "证件照过大（{width}×{height} 像素），宽和高不超过 {MAX_SIDE} 像素"
        ))
    } else if height < width {
        Some(format!(
            "证件照应为竖版（高大于宽），当前为 {width}×{height} 像素"
        ))
    } else if height * 10 > width * 25 {
        Some(format!(
            "证件照比例不正常（{width}×{height} 像素），请上传标准证件照"
        ))
    } else {
        None
    }
}

fn unsuitable(why: impl Into<String>) -> AppError {
    AppError::new(
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::PhotoUnsuitable,
        why,
    )
}

/// `PUT /declarations/{id}/photo`.
pub async fn upload(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    id: Uuid,
    form: files::UploadForm,
) -> AppResult<Declaration> {
    let d = access::own(db, user, id).await?;
    access::allow(&d, DeclarationAction::Edit)?;
    let (name, bytes) = form
        .file
        .ok_or_else(|| AppError::field("file", "请选择证件照"))?;
    // type and size first (by content), then the pixel size from the header
    crate::documents::sniff::check_upload(&bytes, &[FileKind::Jpeg, FileKind::Png], PHOTO_MAX)
        .map_err(|e| {
            let status = if e.code() == ErrorCode::FileTooLarge {
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
            } else {
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
            };
            AppError::new(status, e.code(), e.message())
        })?;
    let size = imagesize::blob_size(&bytes)
        .map_err(|_| unsuitable("无法读取证件照的尺寸，请上传 jpg 或 png 格式的照片"))?;
    if let Some(why) = dimension_refusal(size.width, size.height) {
        return Err(unsuitable(why));
    }
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: file::FilePurpose::Photo,
        original_name: &name,
        bytes,
    };
    let stored = files::store(storage, new, &[FileKind::Jpeg, FileKind::Png], PHOTO_MAX).await?;
    let key = stored.storage_key.clone();
    let applicant = user.id;
    let res = db
        .write_txn(|txn| {
            Box::pin(async move {
                let d = access::lock_own(txn, applicant, id).await?;
                access::allow(&d, DeclarationAction::Edit)?;
                let f = file::ActiveModel::from(stored).insert(txn).await?;
                let mut am = d.clone().into_active_model();
                am.photo_file_id = Set(Some(f.id));
                am.update(txn).await?;
                touch(txn, &d, 2).await?;
                declaration::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)
            })
        })
        .await;
    match res {
        Ok(row) => views::build(db, &row).await,
        Err(e) => {
            let _ = storage.delete(&key).await;
            Err(e)
        }
    }
}

/// The stored file `file_id` of declaration `d` (photo or signature), as a download.
pub async fn download(
    db: &DatabaseConnection,
    storage: &Storage,
    file_id: Option<Uuid>,
) -> AppResult<actix_web::HttpResponse> {
    let f = match file_id {
        Some(id) => file::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or_else(AppError::not_found)?;
    files::download_from(storage, &f).await
}

#[cfg(test)]
mod tests {
    use super::dimension_refusal;

    #[test]
    fn photo_dimensions() {
        assert!(dimension_refusal(295, 413).is_none());
        assert!(dimension_refusal(413, 579).is_none());
        assert!(dimension_refusal(100, 100).is_none());
        assert!(dimension_refusal(99, 140).is_some());
        assert!(dimension_refusal(400, 300).is_some(), "landscape");
        assert!(dimension_refusal(4001, 5000).is_some());
        assert!(dimension_refusal(200, 501).is_some(), "too narrow");
        assert!(dimension_refusal(200, 500).is_none());
    }
}
