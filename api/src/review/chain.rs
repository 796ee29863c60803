//! The rows behind every unit's lists: a declaration arriving at a unit (submitted to the
//! employer, recommended to a department), leaving it (withdrawn), and the unit's decision —
//! each with its counter changes, in the caller's transaction.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::counters::{Deltas, RETURNED, shard_of};
use crate::{
    declarations::status::ReviewState,
    entities::{account, declaration, declaration_return, declaration_review, plan},
    error::{AppError, AppResult},
};

/// Declaration `d` (of `p`) reaches `unit` and waits in its 待审查 list. A unit it reached
/// before (it was returned and came back) has its row reset to pending.
pub async fn arrive<C: ConnectionTrait>(
    txn: &C,
    d: &declaration::Model,
    p: &plan::Model,
    unit: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let acceptor = d.acceptor_id.ok_or_else(AppError::internal)?;
    let existing = declaration_review::Entity::find_by_id((d.id, unit))
        .one(txn)
        .await?;
    let mut deltas = Deltas::default();
    match existing {
        Some(row) => {
            declaration_review::Entity::update_many()
                .col_expr(
                    declaration_review::Column::State,
                    Expr::value(ReviewState::Pending.as_str()),
                )
                .col_expr(declaration_review::Column::ReceivedAt, Expr::value(now))
                .col_expr(
                    declaration_review::Column::DecidedAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(
                    declaration_review::Column::DecidedBy,
                    Expr::value(Option::<Uuid>::None),
                )
                .col_expr(
                    declaration_review::Column::Opinion,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    declaration_review::Column::PublicityId,
                    Expr::value(Option::<Uuid>::None),
                )
                // the applicant may have chosen another acceptor while it was returned
                .col_expr(
                    declaration_review::Column::AcceptorId,
                    Expr::value(acceptor),
                )
                .filter(declaration_review::Column::DeclarationId.eq(d.id))
                .filter(declaration_review::Column::UnitId.eq(unit))
                .exec(txn)
                .await?;
            if row.acceptor_id == acceptor {
                deltas.moved(&row, Some(row.state), Some(ReviewState::Pending));
            } else {
                // its counts move to the new acceptor's, 退回记录 included
                let moved = declaration_review::Model {
                    acceptor_id: acceptor,
                    ..row.clone()
                };
                deltas.moved(&row, Some(row.state), None);
                deltas.moved(&moved, None, Some(ReviewState::Pending));
                let returns = declaration_return::Entity::find()
                    .filter(declaration_return::Column::DeclarationId.eq(d.id))
                    .filter(declaration_return::Column::UnitId.eq(unit))
                    .count(txn)
                    .await?;
                let returns = i64::try_from(returns).unwrap_or(0);
                deltas.add(&row, RETURNED, -returns);
                deltas.add(&moved, RETURNED, returns);
            }
        }
        None => {
            let applicant = account::Entity::find_by_id(d.applicant_id)
                .one(txn)
                .await?
                .ok_or_else(AppError::internal)?;
            let row = declaration_review::ActiveModel {
                declaration_id: Set(d.id),
                unit_id: Set(unit),
                plan_id: Set(p.id),
                acceptor_id: Set(acceptor),
                year: Set(p.year),
                plan_type: Set(p.plan_type),
                applicant_name: Set(applicant.name),
                id_number: Set(applicant.id_number.unwrap_or_default()),
                state: Set(ReviewState::Pending),
                shard: Set(shard_of(d.id)),
                received_at: Set(now),
                decided_at: Set(None),
                decided_by: Set(None),
                opinion: Set(None),
                publicity_id: Set(None),
            }
            .insert(txn)
            .await?;
            deltas.moved(&row, None, Some(ReviewState::Pending));
        }
    }
    deltas.apply(txn).await
}

/// Declaration `id` leaves `unit`'s lists (withdrawn before anyone decided).
pub async fn leave<C: ConnectionTrait>(txn: &C, id: Uuid, unit: Uuid) -> AppResult<()> {
    if let Some(row) = declaration_review::Entity::find_by_id((id, unit))
        .one(txn)
        .await?
    {
        declaration_review::Entity::delete_by_id((id, unit))
            .exec(txn)
            .await?;
        let mut deltas = Deltas::default();
        deltas.moved(&row, Some(row.state), None);
        deltas.apply(txn).await?;
    }
    Ok(())
}

/// Declaration `id`, resubmitted after a return, is withdrawn before `unit` decided: `unit`'s
/// row goes back to returned (kept, with the unit's history and 退回记录, out of its lists).
pub async fn back_to_applicant<C: ConnectionTrait>(txn: &C, id: Uuid, unit: Uuid) -> AppResult<()> {
    if let Some(row) = declaration_review::Entity::find_by_id((id, unit))
        .one(txn)
        .await?
    {
        declaration_review::Entity::update_many()
            .col_expr(
                declaration_review::Column::State,
                Expr::value(ReviewState::Returned.as_str()),
            )
            .filter(declaration_review::Column::DeclarationId.eq(id))
            .filter(declaration_review::Column::UnitId.eq(unit))
            .exec(txn)
            .await?;
        let mut deltas = Deltas::default();
        deltas.moved(&row, Some(row.state), Some(ReviewState::Returned));
        deltas.apply(txn).await?;
    }
    Ok(())
}

/// `unit`'s decision on `row`: its new state, who decided, the opinion.
pub async fn decide<C: ConnectionTrait>(
    txn: &C,
    row: &declaration_review::Model,
    to: ReviewState,
    by: Uuid,
    opinion: Option<String>,
    now: DateTime<Utc>,
    deltas: &mut Deltas,
) -> AppResult<()> {
    declaration_review::Entity::update_many()
        .col_expr(declaration_review::Column::State, Expr::value(to.as_str()))
        .col_expr(declaration_review::Column::DecidedAt, Expr::value(now))
        .col_expr(declaration_review::Column::DecidedBy, Expr::value(by))
        .col_expr(declaration_review::Column::Opinion, Expr::value(opinion))
        .filter(declaration_review::Column::DeclarationId.eq(row.declaration_id))
        .filter(declaration_review::Column::UnitId.eq(row.unit_id))
        .exec(txn)
        .await?;
    deltas.moved(row, Some(row.state), Some(to));
    Ok(())
}

/// `row` recommended on: passed → recommended, the decision kept.
pub async fn recommended<C: ConnectionTrait>(
    txn: &C,
    row: &declaration_review::Model,
    deltas: &mut Deltas,
) -> AppResult<()> {
    declaration_review::Entity::update_many()
        .col_expr(
            declaration_review::Column::State,
            Expr::value(ReviewState::Recommended.as_str()),
        )
        .filter(declaration_review::Column::DeclarationId.eq(row.declaration_id))
        .filter(declaration_review::Column::UnitId.eq(row.unit_id))
        .exec(txn)
        .await?;
    deltas.moved(row, Some(row.state), Some(ReviewState::Recommended));
    Ok(())
}
