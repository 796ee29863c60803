//! Step 5, 选择相关业绩: only approved archive records can be extracted (提取) into a
//! declaration, and extraction copies a snapshot (content, attachments' files, approval time),
//! so later archive changes never alter it; 忽略 removes records from the declaration.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    access,
    dto::{RecordChoice, RecordChoices, RecordSelection, RecordSnapshot},
    status::DeclarationAction,
    touch,
};
use crate::{
    archive::{dto::Attachment, status::RecordStatus, views::content_of},
    auth::AuthUser,
    db::WriteTxn,
    entities::{archive_attachment, archive_record, declaration_record, file},
    error::{AppError, AppResult, ErrorCode},
};

/// Most records one request extracts or ignores; most approved records listed.
pub const MAX_SELECTION: usize = 200;
pub const MAX_CHOICES: u64 = 1000;

fn check_selection(sel: &RecordSelection) -> AppResult<Vec<Uuid>> {
    let mut ids = sel.record_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::field("record_ids", "请选择业绩"));
    }
    if ids.len() > MAX_SELECTION {
        return Err(AppError::field(
            "record_ids",
            format!("一次最多选择{MAX_SELECTION}条业绩"),
        ));
    }
    Ok(ids)
}

/// Snapshots of `rows` (approved records of one owner), attachments by file.
pub async fn snapshots<C: ConnectionTrait>(
    db: &C,
    rows: &[archive_record::Model],
) -> AppResult<Vec<RecordSnapshot>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let links = archive_attachment::Entity::find()
        .filter(archive_attachment::Column::RecordId.is_in(ids))
        .order_by_asc(archive_attachment::Column::CreatedAt)
        .all(db)
        .await?;
    let files = crate::documents::files::by_id(db, links.iter().map(|l| l.file_id)).await?;
    let now = Utc::now();
    rows.iter()
        .map(|r| {
            Ok(RecordSnapshot {
                record_id: r.id,
                category: r.category,
                category_label: r.category.label().to_owned(),
                title: r.title.clone(),
                record_date: r.record_date,
                content: content_of(r)?,
                // the file itself is referenced, so a later removal from the archive keeps it
                attachments: links
                    .iter()
                    .filter(|l| l.record_id == r.id)
                    .filter_map(|l| files.get(&l.file_id))
                    .map(|f| Attachment::of(f.id, f, f.created_at))
                    .collect(),
                approved_at: r.reviewed_at,
                extracted_at: now,
            })
        })
        .collect()
}

/// `GET /declarations/{id}/records`: the applicant's approved records, each marked extracted
/// or not, plus extracted ones no longer approved in the archive.
pub async fn choices(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<RecordChoices> {
    let d = access::own(db, user, id).await?;
    let approved = archive_record::Entity::find()
        .filter(archive_record::Column::OwnerId.eq(d.applicant_id))
        .filter(archive_record::Column::Status.eq(RecordStatus::Approved))
        .order_by_asc(archive_record::Column::Category)
        .order_by_desc(archive_record::Column::RecordDate)
        .limit(MAX_CHOICES)
        .all(db)
        .await?;
    let extracted: HashMap<Uuid, declaration_record::Model> = declaration_record::Entity::find()
        .filter(declaration_record::Column::DeclarationId.eq(d.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.record_id, r))
        .collect();
    let mut items: Vec<RecordChoice> = approved
        .iter()
        .map(|r| {
            let e = extracted.get(&r.id);
            RecordChoice {
                record_id: r.id,
                category: r.category,
                category_label: r.category.label().to_owned(),
                title: r.title.clone(),
                record_date: r.record_date,
                extracted: e.is_some(),
                extracted_at: e.map(|e| e.extracted_at),
                changed_since: e.is_some_and(|e| r.updated_at > e.extracted_at),
            }
        })
        .collect();
    for (rid, e) in &extracted {
        if approved.iter().any(|r| r.id == *rid) {
            continue;
        }
        if let Ok(s) = serde_json::from_value::<RecordSnapshot>(e.snapshot.clone()) {
            items.push(RecordChoice {
                record_id: *rid,
                category: s.category,
                category_label: s.category_label,
                title: s.title,
                record_date: s.record_date,
                extracted: true,
                extracted_at: Some(e.extracted_at),
                changed_since: true,
            });
        }
    }
    items.sort_by_key(|c| (c.category as u8, std::cmp::Reverse(c.record_date)));
    Ok(RecordChoices { items })
}

/// `POST /declarations/{id}/records/extract`: snapshots of the chosen approved records
/// (taken again for records already extracted).
pub async fn extract(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    sel: RecordSelection,
) -> AppResult<RecordChoices> {
    access::own(db, user, id).await?;
    let ids = check_selection(&sel)?;
    let applicant = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock_own(txn, applicant, id).await?;
            access::allow(&d, DeclarationAction::Edit)?;
            let rows = archive_record::Entity::find()
                .filter(archive_record::Column::OwnerId.eq(applicant))
                .filter(archive_record::Column::Id.is_in(ids.clone()))
                .all(txn)
                .await?;
            if rows.len() != ids.len() {
                return Err(AppError::field("record_ids", "所选业绩不存在"));
            }
            if rows.iter().any(|r| r.status != RecordStatus::Approved) {
                return Err(AppError::new(
                    actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::RecordNotApproved,
                    "只能提取审核通过的业绩，待审核、退回或不通过的业绩不能提取",
                ));
            }
            let snaps = snapshots(txn, &rows).await?;
            declaration_record::Entity::delete_many()
                .filter(declaration_record::Column::DeclarationId.eq(id))
                .filter(declaration_record::Column::RecordId.is_in(ids))
                .exec(txn)
                .await?;
            for s in snaps {
                declaration_record::ActiveModel {
                    declaration_id: Set(id),
                    record_id: Set(s.record_id),
                    category: Set(s.category),
                    extracted_at: Set(s.extracted_at),
                    snapshot: Set(serde_json::to_value(&s).map_err(|_| AppError::internal())?),
                }
                .insert(txn)
                .await?;
            }
            touch(txn, &d, 5).await
        })
    })
    .await?;
    choices(db, user, id).await
}

/// `POST /declarations/{id}/records/ignore`: removes the chosen records from the declaration.
pub async fn ignore(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    sel: RecordSelection,
) -> AppResult<RecordChoices> {
    access::own(db, user, id).await?;
    let ids = check_selection(&sel)?;
    let applicant = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock_own(txn, applicant, id).await?;
            access::allow(&d, DeclarationAction::Edit)?;
            declaration_record::Entity::delete_many()
                .filter(declaration_record::Column::DeclarationId.eq(id))
                .filter(declaration_record::Column::RecordId.is_in(ids))
                .exec(txn)
                .await?;
            touch(txn, &d, 5).await
        })
    })
    .await?;
    choices(db, user, id).await
}

/// The snapshots extracted into declaration `id`, in category order.
pub async fn extracted<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Vec<RecordSnapshot>> {
    let rows = declaration_record::Entity::find()
        .filter(declaration_record::Column::DeclarationId.eq(id))
        .order_by_asc(Expr::col(declaration_record::Column::ExtractedAt))
        .all(db)
        .await?;
    let mut out: Vec<RecordSnapshot> = rows
        .into_iter()
        .filter_map(|r| serde_json::from_value(r.snapshot).ok())
        .collect();
    out.sort_by_key(|s: &RecordSnapshot| (s.category as u8, std::cmp::Reverse(s.record_date)));
    Ok(out)
}

/// An attachment file of an extracted record, as its snapshot names it (the archive record
/// may have changed or lost it since).
pub async fn snapshot_file(
    db: &DatabaseConnection,
    storage: &crate::documents::storage::Storage,
    user: &AuthUser,
    id: Uuid,
    record_id: Uuid,
    file_id: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    let d = access::readable(db, user, id).await?;
    let row = declaration_record::Entity::find_by_id((d.id, record_id))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let snap: RecordSnapshot =
        serde_json::from_value(row.snapshot).map_err(|_| AppError::internal())?;
    if !snap.attachments.iter().any(|a| a.id == file_id) {
        return Err(AppError::not_found());
    }
    let f = file::Entity::find_by_id(file_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    crate::documents::files::download_from(storage, &f).await
}
