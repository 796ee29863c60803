//! 业绩档案审核: the employer passes, fails or returns pending records, one at a time or up to
//! [`MAX_BATCH`] at once, in one transaction, with one notification per applicant.
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access::{actor_name, reviewing_employer},
    dto::*,
    status::{Decision, RecordStatus},
    views,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    entities::{archive_record, archive_review_log},
    error::{AppError, AppResult, ErrorCode, FieldErrors},
    notify,
};

pub const MAX_BATCH: usize = 1000;

/// The notice an applicant receives for the records of one batch.
fn notice(recs: &[&archive_record::Model], target: RecordStatus, comment: Option<&str>) -> String {
    let opinion = comment
        .map(|c| format!("审核意见：{c}"))
        .unwrap_or_default();
    match recs {
        [one] => format!(
            "您的{}「{}」审核结果为：{}。{opinion}",
            one.category.label(),
            one.title,
            target.label(),
        ),
        _ => format!(
            "您的{}条业绩档案审核结果为：{}。{opinion}",
            recs.len(),
            target.label(),
        ),
    }
}

pub async fn decide(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: DecisionRequest,
) -> AppResult<DecisionResult> {
    let unit = reviewing_employer(db, user).await?;
    let mut errs = FieldErrors::default();
    let mut ids: Vec<Uuid> = Vec::with_capacity(req.record_ids.len());
    let mut seen = HashSet::new();
    for id in &req.record_ids {
        if seen.insert(*id) {
            ids.push(*id);
        }
    }
    if ids.is_empty() {
        errs.push("record_ids", "请至少选择一条记录");
    } else if ids.len() > MAX_BATCH {
        errs.push("record_ids", format!("一次最多审核{MAX_BATCH}条记录"));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if req.decision.needs_comment() && comment.is_none() {
        errs.push(
            "comment",
            if req.decision == Decision::Return {
                "请填写退回意见，说明需要修改的内容"
            } else {
                "请填写不通过意见"
            },
        );
    }
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        errs.push("comment", "意见不能超过1000个字符");
    }
    errs.finish()?;
    let actor = actor_name(db, user).await?;
    let decision = req.decision;
    let user_id = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            // Lock the unit's records among `ids` (in id order, so that two batches never wait
            // on each other crosswise): an upload or removal of an attachment holds the same
            // lock, so none interleaves with the decision.
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            let mut found: HashMap<Uuid, archive_record::Model> = HashMap::new();
            for chunk in sorted.chunks(500) {
                for r in archive_record::Entity::find()
                    .filter(archive_record::Column::Id.is_in(chunk.to_vec()))
                    .filter(archive_record::Column::EmployerId.eq(unit))
                    .order_by_asc(archive_record::Column::Id)
                    .lock_exclusive()
                    .all(txn)
                    .await?
                {
                    found.insert(r.id, r);
                }
            }
            let target = RecordStatus::Pending
                .decide(decision)
                .expect("pending can be decided");
            let pending: Vec<Uuid> = sorted
                .iter()
                .copied()
                .filter(|id| {
                    found
                        .get(id)
                        .is_some_and(|r| r.status == RecordStatus::Pending)
                })
                .collect();
            // Taken after the locks: whatever committed before them is older than the decision.
            let now = Utc::now();
            let mut updated: HashMap<Uuid, archive_record::Model> = HashMap::new();
            for chunk in pending.chunks(500) {
                for r in archive_record::Entity::update_many()
                    .col_expr(archive_record::Column::Status, Expr::value(target))
                    .col_expr(
                        archive_record::Column::ReviewComment,
                        Expr::value(comment.clone()),
                    )
                    .col_expr(archive_record::Column::ReviewedAt, Expr::value(Some(now)))
                    .col_expr(archive_record::Column::UpdatedAt, Expr::value(now))
                    .col_expr(
                        archive_record::Column::Version,
                        Expr::col(archive_record::Column::Version).add(1),
                    )
                    .filter(archive_record::Column::Id.is_in(chunk.to_vec()))
                    .filter(archive_record::Column::Status.eq(RecordStatus::Pending))
                    .exec_with_returning(txn)
                    .await?
                {
                    updated.insert(r.id, r);
                }
            }
            let logs: Vec<archive_review_log::ActiveModel> = updated
                .keys()
                .map(|id| archive_review_log::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    record_id: Set(*id),
                    actor_id: Set(user_id),
                    actor_name: Set(actor.clone()),
                    action: Set(decision.action()),
                    from_status: Set(Some(RecordStatus::Pending)),
                    to_status: Set(target),
                    comment: Set(comment.clone()),
                    created_at: Set(now),
                })
                .collect();
            for chunk in logs.chunks(500) {
                archive_review_log::Entity::insert_many(chunk.to_vec())
                    .exec(txn)
                    .await?;
            }
            // One notification per applicant for the whole batch.
            let mut per_owner: HashMap<Uuid, Vec<&archive_record::Model>> = HashMap::new();
            for r in updated.values() {
                per_owner.entry(r.owner_id).or_default().push(r);
            }
            let title = format!("业绩档案审核结果：{}", target.label());
            for (owner, recs) in per_owner {
                let body = notice(&recs, target, comment.as_deref());
                notify::notify(txn, owner, &title, &body).await?;
            }
            let items: Vec<DecisionOutcome> = ids
                .iter()
                .map(|id| match (updated.get(id), found.get(id)) {
                    (Some(_), _) => DecisionOutcome {
                        record_id: *id,
                        ok: true,
                        status: Some(target),
                        code: None,
                        message: None,
                    },
                    (None, None) => DecisionOutcome {
                        record_id: *id,
                        ok: false,
                        status: None,
                        code: Some(ErrorCode::NotFound),
                        message: Some("记录不存在或不属于本单位".into()),
                    },
                    (None, Some(r)) => DecisionOutcome {
                        record_id: *id,
                        ok: false,
                        status: Some(r.status),
                        code: Some(ErrorCode::AlreadyReviewed),
                        message: Some(
                            r.status
                                .decide(decision)
                                .err()
                                .unwrap_or_else(|| "该记录刚刚被其他审核人处理".into()),
                        ),
                    },
                })
                .collect();
            let succeeded = items.iter().filter(|i| i.ok).count() as u32;
            Ok(DecisionResult {
                succeeded,
                failed: items.len() as u32 - succeeded,
                items,
            })
        })
    })
    .await
}

/// One record: 200 with the record, 404 outside the unit, 409 when someone decided it first.
pub async fn decide_one(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: SingleDecision,
) -> AppResult<ArchiveRecord> {
    let res = decide(
        db,
        user,
        DecisionRequest {
            record_ids: vec![id],
            decision: req.decision,
            comment: req.comment,
        },
    )
    .await?;
    let outcome = res
        .items
        .into_iter()
        .next()
        .ok_or_else(AppError::internal)?;
    match outcome.code {
        None => views::get(db, user, id).await,
        Some(ErrorCode::NotFound) => Err(AppError::not_found()),
        Some(_) => Err(AppError::conflict(
            ErrorCode::AlreadyReviewed,
            outcome.message.unwrap_or_else(|| "该记录已被审核".into()),
        )),
    }
}
