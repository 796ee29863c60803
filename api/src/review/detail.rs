//! `GET /reviews/{id}`: the 18-section view of a declaration with its 审查日志, its returns and
//! what the caller's unit may do with it now.
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use super::{
    access,
    decide::UNIT_DECLARATION,
    dto::{ReviewActions, ReviewDetail},
    lists::items_of,
    returns,
    route::{self, PassKind},
};
use crate::{
    auth::AuthUser,
    declarations::{
        preview,
        status::{DeclarationAction, DeclarationStatus},
        views,
    },
    entities::declaration,
    error::{AppError, AppResult},
};

/// The detail of `d` for `unit` (which must have handled it).
pub async fn build<C: ConnectionTrait>(
    db: &C,
    d: &declaration::Model,
    unit: Uuid,
) -> AppResult<ReviewDetail> {
    let row = access::row_of(db, d.id, unit).await?;
    let item = items_of(db, vec![(row, None)])
        .await?
        .pop()
        .ok_or_else(AppError::internal)?;
    let here = d.holder_id == Some(unit);
    let p = views::plan_of(db, d).await?;
    let kind = match d.acceptor_id {
        Some(a) => route::target(db, &p, a).await?.pass_at(unit),
        None => PassKind::Pass,
    };
    let is_employer = unit == d.employer_id;
    let can = |a: DeclarationAction| here && d.status.apply(a).is_ok();
    let pass_action = match kind {
        PassKind::Pass => DeclarationAction::Pass,
        PassKind::Accept => DeclarationAction::Accept,
        PassKind::Approve => DeclarationAction::Approve,
    };
    let actions = ReviewActions {
        pass: can(pass_action),
        fail: can(DeclarationAction::Fail),
        return_: can(DeclarationAction::Return),
        recommend: item.can_recommend && d.status == DeclarationStatus::Passed,
        pass_label: match (kind, is_employer) {
            (PassKind::Accept, _) => "受理",
            (PassKind::Approve, _) => "认定通过",
            (PassKind::Pass, true) => "通过",
            (PassKind::Pass, false) => "审查通过",
        }
        .to_owned(),
        default_opinion: is_employer.then(|| UNIT_DECLARATION.to_owned()),
    };
    Ok(ReviewDetail {
        item,
        view: preview::build(db, d).await?,
        log: views::timeline(db, d.id).await?,
        returns: returns::of_declaration(db, d.id).await?,
        actions,
    })
}

/// `GET /reviews/{id}`.
pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<ReviewDetail> {
    let unit = access::unit_of(user)?;
    access::row_of(db, id, unit).await?;
    let d = crate::declarations::access::readable(db, user, id).await?;
    build(db, &d, unit).await
}
