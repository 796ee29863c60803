//! Who may review what: the employer, competent and HRSS departments and committee offices act
//! on what their own unit holds, read what their unit has handled, and never see anything else
//! (404). Nobody reviews their own declaration.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::{
    auth::{AuthUser, Role},
    declarations::status::EventAction,
    entities::{account, declaration, declaration_event, declaration_review, org_unit},
    error::{AppError, AppResult, ErrorCode},
};

/// The roles that review declarations.
pub const REVIEWERS: [Role; 4] = [
    Role::Employer,
    Role::Competent,
    Role::Hrss,
    Role::CommitteeOffice,
];

/// The caller's unit, for a reviewing role (403 otherwise).
pub fn unit_of(user: &AuthUser) -> AppResult<Uuid> {
    user.require(&REVIEWERS)?;
    user.org.ok_or_else(AppError::forbidden)
}

/// The caller's unit's row for declaration `id`, or 404 if the unit never had it.
pub async fn row_of<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    unit: Uuid,
) -> AppResult<declaration_review::Model> {
    declaration_review::Entity::find_by_id((id, unit))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The caller's unit's row for declaration `id` when it is about to act: a declaration the
/// applicant withdrew from this employer's list while the reviewer had it open is a 409 naming
/// the withdrawal (as any stale action is), anything else the unit never had a 404.
pub async fn row_to_act<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    unit: Uuid,
) -> AppResult<declaration_review::Model> {
    match row_of(db, id, unit).await {
        Err(e) if e.status == actix_web::http::StatusCode::NOT_FOUND => {
            match declaration::Entity::find_by_id(id).one(db).await? {
                Some(d) if d.employer_id == unit && d.holder_id.is_none() => {
                    let withdrawn = declaration_event::Entity::find()
                        .filter(declaration_event::Column::DeclarationId.eq(id))
                        .filter(declaration_event::Column::Action.eq(EventAction::Withdrawn))
                        .one(db)
                        .await?
                        .is_some();
                    Err(if withdrawn { stale(db, &d).await? } else { e })
                }
                _ => Err(e),
            }
        }
        other => other,
    }
}

/// Declaration `id`, locked until the transaction ends.
pub async fn lock<C: ConnectionTrait>(txn: &C, id: Uuid) -> AppResult<declaration::Model> {
    declaration::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(AppError::not_found)
}

/// 403 when the reviewer is the applicant (the same account, or the same ID number).
pub async fn not_own<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    d: &declaration::Model,
) -> AppResult<()> {
    let refuse = || {
        AppError::new(
            actix_web::http::StatusCode::FORBIDDEN,
            ErrorCode::OwnDeclaration,
            "不能审查本人的申报",
        )
    };
    if user.id == d.applicant_id {
        return Err(refuse());
    }
    let ids: Vec<Option<String>> = account::Entity::find()
        .filter(account::Column::Id.is_in([user.id, d.applicant_id]))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id_number)
        .collect();
    if let [Some(a), Some(b)] = ids.as_slice()
        && a == b
    {
        return Err(refuse());
    }
    Ok(())
}

/// 409 naming who acted on `d` last (the action the caller did not see).
pub async fn stale<C: ConnectionTrait>(db: &C, d: &declaration::Model) -> AppResult<AppError> {
    let last = declaration_event::Entity::find()
        .filter(declaration_event::Column::DeclarationId.eq(d.id))
        .order_by_desc(declaration_event::Column::At)
        .order_by_desc(declaration_event::Column::Id)
        .one(db)
        .await?;
    let detail = match last {
        Some(e) => {
            let actor = match e.actor_id {
                Some(a) => account::Entity::find_by_id(a)
                    .one(db)
                    .await?
                    .map(|a| a.name),
                None => None,
            };
            let unit = match e.unit_id {
                Some(u) => org_unit::Entity::find_by_id(u)
                    .one(db)
                    .await?
                    .map(|u| u.name),
                None => None,
            };
            let at =
                e.at.with_timezone(&crate::domain::china_tz())
                    .format("%Y-%m-%d %H:%M:%S");
            format!(
                "该申报已由{}于 {at} {}，请刷新后查看{}",
                actor.unwrap_or_else(|| "他人".into()),
                e.action.label(),
                unit.map(|u| format!("（现由{u}办理）")).unwrap_or_default()
            )
        }
        None => "该申报已被他人处理，请刷新后查看".to_owned(),
    };
    Ok(AppError::conflict(ErrorCode::VersionConflict, detail))
}
