//! Who may read and change which declaration. The applicant reads and edits their own (others
//! are 404); reviewers are added by the review chain.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::status::{DeclarationAction, DeclarationStatus};
use crate::{
    auth::{AuthUser, Role},
    entities::declaration,
    error::{AppError, AppResult, ErrorCode},
};

/// The caller's own declaration, or 404 (403 for a role that has none).
pub async fn own<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<declaration::Model> {
    user.require(&[Role::Individual])?;
    declaration::Entity::find_by_id(id)
        .filter(declaration::Column::ApplicantId.eq(user.id))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

/// A declaration the caller may read: their own, or — for a unit of the review chain — one
/// their unit holds or has handled. Anything else is 404.
pub async fn readable<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<declaration::Model> {
    if user.role == Role::Individual {
        return own(db, user, id).await;
    }
    let unit = crate::review::access::unit_of(user)?;
    crate::review::access::row_of(db, id, unit).await?;
    declaration::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Inside a write transaction: `applicant`'s declaration `id`, locked until the transaction
/// ends (PostgreSQL `FOR UPDATE`; SQLite's write transaction holds the database lock), so a
/// change that depends on its state cannot interleave with a submission or a withdrawal.
pub async fn lock_own<C: ConnectionTrait>(
    txn: &C,
    applicant: Uuid,
    id: Uuid,
) -> AppResult<declaration::Model> {
    declaration::Entity::find_by_id(id)
        .filter(declaration::Column::ApplicantId.eq(applicant))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(AppError::not_found)
}

/// 409 `declaration_locked` unless `action` is allowed from the declaration's state.
pub fn allow(d: &declaration::Model, action: DeclarationAction) -> AppResult<DeclarationStatus> {
    d.status
        .apply(action)
        .map_err(|why| AppError::conflict(ErrorCode::DeclarationLocked, why))
}
