//! 撤回 (a submitted declaration nobody has reviewed yet goes back to draft, everything kept;
//! a resubmission after a return goes back to returned) and 删除 (drafts only).
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access,
    dto::Declaration,
    status::{DeclarationAction, DeclarationStatus, EventAction},
    views,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    entities::{declaration, declaration_return},
    error::{AppError, AppResult, ErrorCode},
};

/// `POST /declarations/{id}/withdraw`.
pub async fn withdraw(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<Declaration> {
    access::own(db, user, id).await?;
    let applicant = user.id;
    let row = db
        .write_txn(|txn| {
            Box::pin(async move {
                let d = access::lock_own(txn, applicant, id).await?;
                access::allow(&d, DeclarationAction::Withdraw)?;
                // a resubmission (returned before) has been through review: it goes back to
                // returned, with its returns, and never becomes a deletable draft
                let resubmission = declaration_return::Entity::find()
                    .filter(declaration_return::Column::DeclarationId.eq(id))
                    .one(txn)
                    .await?
                    .is_some();
                let to = if resubmission {
                    DeclarationStatus::Returned
                } else {
                    DeclarationStatus::Draft
                };
                let now = Utc::now();
                let mut update = declaration::Entity::update_many()
                    .col_expr(declaration::Column::Status, Expr::value(to.as_str()))
                    .col_expr(
                        declaration::Column::HolderId,
                        Expr::value(Option::<Uuid>::None),
                    );
                update = if resubmission {
                    update.col_expr(declaration::Column::HeldSince, Expr::value(now))
                } else {
                    update
                        .col_expr(
                            declaration::Column::SubmittedAt,
                            Expr::value(Option::<chrono::DateTime<Utc>>::None),
                        )
                        .col_expr(
                            declaration::Column::HeldSince,
                            Expr::value(Option::<chrono::DateTime<Utc>>::None),
                        )
                };
                let done = update
                    .col_expr(
                        declaration::Column::Version,
                        Expr::col(declaration::Column::Version).add(1),
                    )
                    .col_expr(declaration::Column::UpdatedAt, Expr::value(now))
                    .filter(declaration::Column::Id.eq(id))
                    .filter(declaration::Column::Status.eq(DeclarationStatus::Submitted))
                    .exec(txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(AppError::conflict(
                        ErrorCode::DeclarationLocked,
                        "申报已进入审查，不能撤回",
                    ));
                }
                super::log(
                    txn,
                    super::Event {
                        declaration: id,
                        action: EventAction::Withdrawn,
                        actor: applicant,
                        unit: None,
                        change: Some((DeclarationStatus::Submitted, to)),
                        comment: None,
                        at: now,
                    },
                )
                .await?;
                // off the employer's 待审查 list (a resubmission's row stays, with its history)
                if let Some(employer) = d.holder_id {
                    if resubmission {
                        crate::review::chain::back_to_applicant(txn, id, employer).await?;
                    } else {
                        crate::review::chain::leave(txn, id, employer).await?;
                    }
                }
                declaration::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)
            })
        })
        .await?;
    views::build(db, &row).await
}

/// `DELETE /declarations/{id}`: a draft with its snapshots, attachments and timeline.
pub async fn delete(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<()> {
    access::own(db, user, id).await?;
    let applicant = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock_own(txn, applicant, id).await?;
            access::allow(&d, DeclarationAction::Delete)?;
            declaration::Entity::delete_many()
                .filter(declaration::Column::Id.eq(id))
                .filter(declaration::Column::Status.eq(DeclarationStatus::Draft))
                .exec(txn)
                .await?;
            Ok(())
        })
    })
    .await
}
