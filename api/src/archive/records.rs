//! The applicant's own records: add (submits for review), edit (resubmits), delete, and the
//! move of open records when the applicant changes employer.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    access::{actor_name, bound_employer, lock_own, own},
    categories::ArchiveData,
    dto::{ArchiveRecord, UpdateRecord},
    status::{RecordStatus, ReviewAction},
    views,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    entities::{archive_attachment, archive_record, archive_review_log},
    error::{AppError, AppResult, ErrorCode, FieldErrors},
};

/// The cross-field rules of `content`; its list title (at most 400 characters) and date.
fn check(content: &ArchiveData) -> AppResult<(String, Option<chrono::NaiveDate>)> {
    let mut errs = FieldErrors::default();
    content.check(&mut errs, Utc::now().date_naive());
    errs.finish()?;
    let (title, date) = content.summary();
    Ok((title.chars().take(400).collect(), date))
}

/// Writes one line of the record's 审核日志.
pub(super) async fn log<C: ConnectionTrait>(
    db: &C,
    record: Uuid,
    actor: (Uuid, &str),
    action: ReviewAction,
    from: Option<RecordStatus>,
    to: RecordStatus,
    comment: Option<&str>,
) -> AppResult<()> {
    archive_review_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        record_id: Set(record),
        actor_id: Set(actor.0),
        actor_name: Set(actor.1.to_owned()),
        action: Set(action),
        from_status: Set(from),
        to_status: Set(to),
        comment: Set(comment.map(str::to_owned)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn create(
    db: &DatabaseConnection,
    user: &AuthUser,
    content: ArchiveData,
) -> AppResult<ArchiveRecord> {
    let employer = bound_employer(db, user).await?;
    let (title, date) = check(&content)?;
    let actor = actor_name(db, user).await?;
    let value = serde_json::to_value(&content).expect("serialises");
    let category = content.category();
    let user_id = user.id;
    let row = db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                let row = archive_record::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    owner_id: Set(user_id),
                    employer_id: Set(Some(employer)),
                    category: Set(category),
                    status: Set(RecordStatus::Pending),
                    data: Set(value["data"].clone()),
                    title: Set(title),
                    record_date: Set(date),
                    review_comment: Set(None),
                    version: Set(1),
                    submitted_at: Set(now),
                    reviewed_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await?;
                log(
                    txn,
                    row.id,
                    (user_id, &actor),
                    ReviewAction::Submit,
                    None,
                    RecordStatus::Pending,
                    None,
                )
                .await?;
                Ok(row)
            })
        })
        .await?;
    views::one(db, row).await
}

pub async fn update(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: UpdateRecord,
) -> AppResult<ArchiveRecord> {
    let current = own(db, user, id).await?;
    let status = current.status;
    if let Some(why) = status.edit_refusal() {
        return Err(AppError::conflict(ErrorCode::RecordLocked, why));
    }
    if req.content.category() != current.category {
        let mut e = FieldErrors::default();
        e.push("content.category", "不能修改业绩类别");
        e.finish()?;
    }
    if let Some(v) = req.version
        && v as i32 != current.version
    {
        return Err(AppError::conflict(
            ErrorCode::VersionConflict,
            "该记录已在其他地方被修改，请刷新后重试",
        ));
    }
    let (title, date) = check(&req.content)?;
    let employer = bound_employer(db, user).await?;
    let actor = actor_name(db, user).await?;
    let value = serde_json::to_value(&req.content).expect("serialises");
    let user_id = user.id;
    let version = current.version;
    let row = db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                // One conditional statement: only the version we read, only while editable.
                let updated = archive_record::Entity::update_many()
                    .col_expr(
                        archive_record::Column::Data,
                        Expr::value(value["data"].clone()),
                    )
                    .col_expr(archive_record::Column::Title, Expr::value(title))
                    .col_expr(archive_record::Column::RecordDate, Expr::value(date))
                    .col_expr(
                        archive_record::Column::Status,
                        Expr::value(RecordStatus::Pending),
                    )
                    .col_expr(
                        archive_record::Column::EmployerId,
                        Expr::value(Some(employer)),
                    )
                    .col_expr(archive_record::Column::Version, Expr::value(version + 1))
                    .col_expr(archive_record::Column::SubmittedAt, Expr::value(now))
                    .col_expr(archive_record::Column::UpdatedAt, Expr::value(now))
                    .filter(archive_record::Column::Id.eq(id))
                    .filter(archive_record::Column::Version.eq(version))
                    .filter(
                        archive_record::Column::Status
                            .is_in([RecordStatus::Pending, RecordStatus::Returned]),
                    )
                    .exec_with_returning(txn)
                    .await?;
                let Some(row) = updated.into_iter().next() else {
                    return Err(AppError::conflict(
                        ErrorCode::VersionConflict,
                        "该记录刚刚被审核或修改，请刷新后重试",
                    ));
                };
                log(
                    txn,
                    id,
                    (user_id, &actor),
                    ReviewAction::Resubmit,
                    Some(status),
                    RecordStatus::Pending,
                    None,
                )
                .await?;
                Ok(row)
            })
        })
        .await?;
    views::one(db, row).await
}

pub async fn delete(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<()> {
    let current = own(db, user, id).await?;
    if let Some(why) = current.status.delete_refusal() {
        return Err(AppError::conflict(ErrorCode::RecordLocked, why));
    }
    let seen = current.status;
    let user_id = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            // Locked first, so that no attachment is added between deleting the attachments
            // and deleting the record.
            let locked = lock_own(txn, user_id, id).await?;
            if locked.is_none_or(|r| r.status != seen) {
                return Err(AppError::conflict(
                    ErrorCode::VersionConflict,
                    "该记录刚刚被审核，请刷新后重试",
                ));
            }
            archive_attachment::Entity::delete_many()
                .filter(archive_attachment::Column::RecordId.eq(id))
                .exec(txn)
                .await?;
            archive_review_log::Entity::delete_many()
                .filter(archive_review_log::Column::RecordId.eq(id))
                .exec(txn)
                .await?;
            archive_record::Entity::delete_by_id(id).exec(txn).await?;
            Ok(())
        })
    })
    .await
}

/// When an individual changes employer: records still waiting (pending or returned) move to
/// the new employer's queue; decided ones stay where they were decided. Runs in the caller's
/// transaction.
pub async fn move_open_records<C: ConnectionTrait>(
    db: &C,
    owner: Uuid,
    actor: &str,
    to: Uuid,
) -> AppResult<u64> {
    let moved = archive_record::Entity::update_many()
        .col_expr(archive_record::Column::EmployerId, Expr::value(Some(to)))
        .filter(archive_record::Column::OwnerId.eq(owner))
        .filter(
            archive_record::Column::Status.is_in([RecordStatus::Pending, RecordStatus::Returned]),
        )
        .exec_with_returning(db)
        .await?;
    for r in &moved {
        log(
            db,
            r.id,
            (owner, actor),
            ReviewAction::Move,
            Some(r.status),
            r.status,
            None,
        )
        .await?;
    }
    Ok(moved.len() as u64)
}
