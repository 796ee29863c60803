//! 资格审查推荐 (employer) and 审核推荐 (departments): passed declarations go to the next unit of
//! the chain. A batch: every item in its own transaction — applied whole or not at all — with
//! its outcome reported; one stale or blocked item does not stop the others.
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access, chain,
    counters::Deltas,
    dto::{BatchItemOutcome, BatchOutcome, PublicityOutcome, RecommendRequest, VersionedId},
    route,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    declarations::{
        self, Event,
        status::{DeclarationAction, DeclarationStatus, EventAction},
        views,
    },
    entities::{declaration, declaration_review, publicity},
    error::{AppError, AppResult, ErrorCode},
    orgs::dto::OrgUnitRef,
};

pub const MAX_BATCH: usize = 1000;

/// Why an employer may not recommend `row` yet (publicity of at least 5 working days, ended,
/// without objection), or None.
pub fn publicity_blocker(p: Option<&publicity::Model>, today: NaiveDate) -> Option<String> {
    match p {
        None => Some("尚未录入公示情况：须公示不少于5个工作日，期满无异议后方可推荐".into()),
        Some(p) if p.ends_on >= today => Some(format!(
            "公示期至 {} 结束，期满后方可推荐",
            p.ends_on.format("%Y-%m-%d")
        )),
        Some(p) => match p.outcome {
            None => Some("公示已结束，请先录入公示结果".into()),
            Some(PublicityOutcome::Objection) => {
                Some("公示有异议，不能推荐；请核实处理（可退回或不通过）".into())
            }
            Some(PublicityOutcome::NoObjection) => None,
        },
    }
}

/// Whether `row`'s unit (the declaration's employer or not) may recommend it: None, or why not.
pub async fn blocker<C: ConnectionTrait>(
    db: &C,
    d: &declaration::Model,
    row: &declaration_review::Model,
) -> AppResult<Option<String>> {
    if d.holder_id != Some(row.unit_id) || d.status != DeclarationStatus::Passed {
        return Ok(Some("该申报当前不在本单位待推荐".into()));
    }
    if row.unit_id != d.employer_id {
        return Ok(None);
    }
    let p = match row.publicity_id {
        Some(id) => publicity::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(publicity_blocker(
        p.as_ref(),
        crate::declarations::preview::today(),
    ))
}

/// `POST /reviews/recommend`.
pub async fn recommend(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: RecommendRequest,
) -> AppResult<BatchOutcome> {
    let unit = access::unit_of(user)?;
    if req.items.is_empty() || req.items.len() > MAX_BATCH {
        return Err(AppError::field(
            "items",
            format!("请选择 1–{MAX_BATCH} 份申报"),
        ));
    }
    let mut ids: Vec<Uuid> = req.items.iter().map(|i| i.declaration_id).collect();
    ids.sort();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(AppError::field("items", "同一份申报不能重复选择"));
    }
    let mut out = BatchOutcome {
        succeeded: 0,
        failed: 0,
        items: Vec::with_capacity(req.items.len()),
    };
    for item in req.items {
        let id = item.declaration_id;
        match one(db, user, unit, item).await {
            Ok((status, holder)) => {
                out.succeeded += 1;
                out.items.push(BatchItemOutcome {
                    declaration_id: id,
                    ok: true,
                    status: Some(status),
                    holder,
                    code: None,
                    message: None,
                });
            }
            Err(e) if e.status.is_server_error() => return Err(e),
            Err(e) => {
                out.failed += 1;
                out.items.push(BatchItemOutcome {
                    declaration_id: id,
                    ok: false,
                    status: None,
                    holder: None,
                    code: Some(e.code),
                    message: Some(e.detail),
                });
            }
        }
    }
    Ok(out)
}

async fn one(
    db: &DatabaseConnection,
    user: &AuthUser,
    unit: Uuid,
    item: VersionedId,
) -> AppResult<(DeclarationStatus, Option<OrgUnitRef>)> {
    let actor = user.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let id = item.declaration_id;
            let row = access::row_to_act(txn, id, unit).await?;
            let d = access::lock(txn, id).await?;
            if d.version != item.version {
                return Err(access::stale(txn, &d).await?);
            }
            if d.holder_id != Some(unit) {
                return Err(access::stale(txn, &d).await?);
            }
            access::not_own(txn, &actor, &d).await?;
            let to = declarations::access::allow(&d, DeclarationAction::Recommend)?;
            if let Some(why) = blocker(txn, &d, &row).await? {
                return Err(AppError::conflict(ErrorCode::PublicityRequired, why));
            }
            let p = views::plan_of(txn, &d).await?;
            let target =
                route::target(txn, &p, d.acceptor_id.ok_or_else(AppError::internal)?).await?;
            let next = route::next(txn, unit, target).await?;
            let now = Utc::now();
            let done = declaration::Entity::update_many()
                .col_expr(declaration::Column::Status, Expr::value(to.as_str()))
                .col_expr(declaration::Column::HolderId, Expr::value(next))
                .col_expr(declaration::Column::HeldSince, Expr::value(now))
                .col_expr(
                    declaration::Column::Version,
                    Expr::col(declaration::Column::Version).add(1),
                )
                .col_expr(declaration::Column::UpdatedAt, Expr::value(now))
                .filter(declaration::Column::Id.eq(id))
                .filter(declaration::Column::Version.eq(d.version))
                .exec(txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(access::stale(txn, &d).await?);
            }
            let mut deltas = Deltas::default();
            chain::recommended(txn, &row, &mut deltas).await?;
            deltas.apply(txn).await?;
            chain::arrive(txn, &d, &p, next, now).await?;
            declarations::log(
                txn,
                Event {
                    declaration: id,
                    action: EventAction::Recommended,
                    actor: actor.id,
                    unit: Some(next),
                    change: Some((d.status, to)),
                    comment: None,
                    at: now,
                },
            )
            .await?;
            super::decide::tell_applicant(txn, &d, &p, next, to, None).await?;
            let holder = views::units(txn, [next]).await?.remove(&next);
            Ok((to, holder))
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publicity(ends: &str, outcome: Option<PublicityOutcome>) -> publicity::Model {
        publicity::Model {
            id: Uuid::now_v7(),
            unit_id: Uuid::now_v7(),
            starts_on: NaiveDate::parse_from_str("2026-11-16", "%Y-%m-%d").unwrap(),
            ends_on: NaiveDate::parse_from_str(ends, "%Y-%m-%d").unwrap(),
            working_days: 5,
            method: "单位公告栏".into(),
            outcome,
            note: None,
            recorded_by: Uuid::now_v7(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn recommending_waits_for_an_ended_publicity_without_objection() {
        let today = NaiveDate::parse_from_str("2026-11-23", "%Y-%m-%d").unwrap();
        assert!(publicity_blocker(None, today).is_some());
        // the last day is still publicity
        let running = publicity("2026-11-23", Some(PublicityOutcome::NoObjection));
        assert!(publicity_blocker(Some(&running), today).is_some());
        let no_outcome = publicity("2026-11-20", None);
        assert!(publicity_blocker(Some(&no_outcome), today).is_some());
        let objection = publicity("2026-11-20", Some(PublicityOutcome::Objection));
        assert!(publicity_blocker(Some(&objection), today).is_some());
        let clean = publicity("2026-11-20", Some(PublicityOutcome::NoObjection));
        assert_eq!(publicity_blocker(Some(&clean), today), None);
    }
}
