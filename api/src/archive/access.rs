//! Who may read and change which record: the owner (an individual bound to an employer) and
//! the reviewing employer (an authorised employer account). Everything else is 404 or 403.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    auth::{AuthUser, Role},
    entities::{account, archive_record, org_unit},
    error::{AppError, AppResult, ErrorCode},
};

/// The employer an individual is bound to; archive records go to its review queue.
pub async fn bound_employer<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Individual])?;
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    acc.org_unit_id.ok_or_else(|| {
        AppError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::EmployerNotBound,
            "请先在个人基本信息中绑定工作单位，业绩档案需由所在单位审核",
        )
    })
}

/// The employer unit of an employer account that has been authorised (else 403).
pub async fn reviewing_employer<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Employer])?;
    let unit = match user.org {
        Some(org) => org_unit::Entity::find_by_id(org).one(db).await?,
        None => None,
    }
    .ok_or_else(AppError::forbidden)?;
    if let Some(refusal) = unit.status.review_refusal() {
        return Err(refusal.into());
    }
    Ok(unit.id)
}

/// The caller's own record, or 404.
pub(super) async fn own<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<archive_record::Model> {
    user.require(&[Role::Individual])?;
    archive_record::Entity::find_by_id(id)
        .filter(archive_record::Column::OwnerId.eq(user.id))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Inside a write transaction: `owner`'s record `id`, locked until the transaction ends
/// (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: the write transaction already holds the
/// database's write lock). A change that depends on the record's state — an attachment added
/// or removed, a deletion — checks that state here, so the employer's decision cannot slip in
/// between the check and the write. `None` when the record is gone.
pub(super) async fn lock_own<C: ConnectionTrait>(
    txn: &C,
    owner: Uuid,
    id: Uuid,
) -> AppResult<Option<archive_record::Model>> {
    Ok(archive_record::Entity::find_by_id(id)
        .filter(archive_record::Column::OwnerId.eq(owner))
        .lock_exclusive()
        .one(txn)
        .await?)
}

/// A record the caller may read: its owner, or the reviewing employer. Anything else is 404.
pub(super) async fn readable<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<archive_record::Model> {
    let row = archive_record::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let allowed = match user.role {
        Role::Individual => row.owner_id == user.id,
        Role::Employer => {
            let unit = reviewing_employer(db, user).await?;
            row.employer_id == Some(unit)
        }
        _ => return Err(AppError::forbidden()),
    };
    if allowed {
        Ok(row)
    } else {
        Err(AppError::not_found())
    }
}

/// The name the 审核日志 shows for the caller: the person, or 单位（经办人） for an employer.
pub(super) async fn actor_name<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<String> {
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::unauthorized("账号不存在"))?;
    if user.role == Role::Employer
        && let Some(org) = user.org
        && let Some(unit) = org_unit::Entity::find_by_id(org).one(db).await?
    {
        return Ok(format!("{}（{}）", unit.name, acc.name));
    }
    Ok(acc.name)
}
