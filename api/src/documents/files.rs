//! Uploads: read a multipart form with a size cap, check the content (never the name),
//! store the bytes, then write the `files` row that references them.
use crate::error::ErrorCode;
use std::collections::HashMap;

use actix_multipart::Multipart;
use bytes::{Bytes, BytesMut};
use chrono::{Datelike, Utc};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    sniff::{FileKind, check_upload},
    storage::Storage,
};
use crate::{
    entities::file,
    error::{AppError, AppResult},
};

pub const MB: usize = 1024 * 1024;

/// A multipart form: its text fields and at most one file (field `file`).
pub struct UploadForm {
    pub fields: HashMap<String, String>,
    pub file: Option<(String, Bytes)>,
}

impl UploadForm {
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

fn too_large(max: usize) -> AppError {
    AppError::new(
        actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::FileTooLarge,
        format!("文件大小不能超过 {} MB", max / MB),
    )
}

/// Most parts a form may have (our forms have a file and a few text fields).
pub const MAX_PARTS: usize = 16;
/// Largest text field.
pub const MAX_TEXT_FIELD: usize = 64 * 1024;

/// Reads the whole form; a file larger than `max_file` bytes, a text field over
/// [`MAX_TEXT_FIELD`], more than [`MAX_PARTS`] parts or more than
/// [`crate::boundary::MULTIPART_LIMIT`] bytes in all are refused while streaming, before the
/// rest is read. Text fields with control characters are refused (422) like JSON strings.
pub async fn read_form(mut payload: Multipart, max_file: usize) -> AppResult<UploadForm> {
    let mut form = UploadForm {
        fields: HashMap::new(),
        file: None,
    };
    let mut parts = 0;
    let mut total = 0usize;
    while let Some(field) = payload.next().await {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::bad_request(format!(
                "上传表单的字段过多（至多 {MAX_PARTS} 个）"
            )));
        }
        let mut field =
            field.map_err(|e| AppError::bad_request(format!("上传内容格式不正确：{e}")))?;
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let cap = if name == "file" {
            max_file
        } else {
            MAX_TEXT_FIELD
        };
        let mut buf = BytesMut::new();
        while let Some(chunk) = field.next().await {
            let chunk =
                chunk.map_err(|e| AppError::bad_request(format!("上传内容读取失败：{e}")))?;
            total += chunk.len();
            if total > crate::boundary::MULTIPART_LIMIT {
                return Err(AppError::new(
                    actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                    ErrorCode::PayloadTooLarge,
                    "上传内容过大",
                ));
            }
            if buf.len() + chunk.len() > cap {
                return Err(if name == "file" {
                    too_large(max_file)
                } else {
                    AppError::bad_request(format!("字段 {name} 过长"))
                });
            }
            buf.extend_from_slice(&chunk);
        }
        if name == "file" {
            form.file = Some((filename.unwrap_or_else(|| "upload".into()), buf.freeze()));
        } else {
            let text = String::from_utf8(buf.to_vec())
                .map_err(|_| AppError::bad_request(format!("字段 {name} 不是有效的文本")))?;
            if crate::boundary::has_forbidden(&text) || crate::boundary::has_forbidden(&name) {
                return Err(crate::boundary::control_characters(&name));
            }
            form.fields.insert(name, text);
        }
    }
    Ok(form)
}

/// An uploaded file on its way to storage.
pub struct NewFile<'a> {
    pub owner: Option<Uuid>,
    /// What it is for (`archive`, `authorisation`, …); also the first segment of its key.
    pub purpose: file::FilePurpose,
    pub original_name: &'a str,
    pub bytes: Bytes,
}

/// Checks an uploaded file and writes its bytes to storage; returns the `files` row to insert
/// (not yet written). A caller whose transaction then refuses removes the bytes with
/// [`Storage::delete`] so that nothing is left behind.
pub async fn store(
    storage: &Storage,
    new: NewFile<'_>,
    allowed: &[FileKind],
    max: usize,
) -> AppResult<file::Model> {
    let NewFile {
        owner,
        purpose,
        original_name,
        bytes,
    } = new;
    let kind = check_upload(&bytes, allowed, max).map_err(|e| {
        let status = if e.code() == crate::error::ErrorCode::FileTooLarge {
            actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
        } else {
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
        };
        AppError::new(status, e.code(), e.message())
    })?;
    let id = Uuid::now_v7();
    let now = Utc::now();
    let key = format!(
        "{}/{}/{:02}/{id}.{}",
        purpose.as_str(),
        now.year(),
        now.month(),
        kind.ext()
    );
    storage.put(&key, bytes.clone()).await?;
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    Ok(file::Model {
        id,
        owner_id: owner,
        purpose,
        content_type: kind.mime().to_owned(),
        size: bytes.len() as i64,
        sha256: hex::encode(Sha256::digest(&bytes)),
        storage_key: key,
        original_name: if name.is_empty() {
            format!("file.{}", kind.ext())
        } else {
            name
        },
        created_at: now,
    })
}

/// The `files` rows of `ids`, by id (one query).
pub async fn by_id<C: sea_orm::ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, file::Model>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(file::Entity::find()
        .filter(file::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// The stored bytes of `f` in `storage` as a download response.
pub async fn download_from(
    storage: &Storage,
    f: &file::Model,
) -> AppResult<actix_web::HttpResponse> {
    let bytes = storage.get(&f.storage_key).await?;
    let encoded: String = f
        .original_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok(actix_web::HttpResponse::Ok()
        .content_type(f.content_type.as_str())
        .insert_header((
            "Content-Disposition",
            format!("inline; filename*=UTF-8''{encoded}"),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}
