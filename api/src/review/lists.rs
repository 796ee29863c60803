//! A unit's review lists (评审资格审查 / 认定资格审查, and the departments' 待审查): tabs with
//! maintained counts, filters by year, plan and acceptor, fuzzy search by name or ID number,
//! pages newest first. A page costs a handful of indexed queries, whatever the unit's size.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{
    access,
    counters::{self, PlanFilter},
    dto::{ChainReviewPage, ReviewItem, ReviewListQuery, ReviewTab, TabCounts},
    publicity::view_of,
    recommend,
    returns::records_of,
};
use crate::{
    auth::AuthUser,
    declarations::{
        dto::{DeclarationInfo, ReturnRecord},
        preview::{declaration_type, today},
        status::{DeclarationStatus, ReviewState},
        views::{plans_of, stage, summary_of, units},
    },
    domain::mask_id_number,
    entities::{declaration, declaration_return, declaration_review, publicity},
    error::{AppError, AppResult},
    pagination::{PageParams, offset},
};

/// The review states a tab lists (the returned tab lists return events instead).
pub(crate) fn states(tab: ReviewTab) -> Vec<ReviewState> {
    match tab {
        ReviewTab::Pending => vec![ReviewState::Pending],
        ReviewTab::Passed => vec![
            ReviewState::Passed,
            ReviewState::Recommended,
            ReviewState::Accepted,
        ],
        ReviewTab::Awaiting => vec![ReviewState::Passed],
        ReviewTab::Failed => vec![ReviewState::Failed],
        ReviewTab::All | ReviewTab::Returned => vec![
            ReviewState::Pending,
            ReviewState::Passed,
            ReviewState::Recommended,
            ReviewState::Accepted,
            ReviewState::Failed,
        ],
    }
}

/// The search keyword: trimmed, at most 40 characters, LIKE wildcards taken literally.
pub(crate) fn keyword(q: Option<&str>) -> AppResult<Option<String>> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > 40 {
        return Err(AppError::field("q", "查询关键字最多 40 个字"));
    }
    Ok(Some(q.replace(['%', '_', '\\'], "")))
}

/// The filters every query of a list shares, on `declaration_reviews` columns (also what an
/// export of the list follows).
pub(crate) fn filter_condition(unit: Uuid, f: &PlanFilter, kw: Option<&str>) -> Condition {
    let mut c = Condition::all().add(declaration_review::Column::UnitId.eq(unit));
    if let Some(kind) = f.kind {
        c = c.add(declaration_review::Column::PlanType.is_in(PlanFilter::plan_types(kind)));
    }
    if let Some(y) = f.year {
        c = c.add(declaration_review::Column::Year.eq(y));
    }
    if let Some(p) = f.plan {
        c = c.add(declaration_review::Column::PlanId.eq(p));
    }
    if let Some(a) = f.acceptor {
        c = c.add(declaration_review::Column::AcceptorId.eq(a));
    }
    if let Some(kw) = kw {
        c = c.add(
            Condition::any()
                .add(declaration_review::Column::ApplicantName.contains(kw))
                .add(declaration_review::Column::IdNumber.contains(kw)),
        );
    }
    c
}

/// The maintained count of `tab` (without a search keyword).
pub(crate) fn tab_total(counts: &TabCounts, tab: ReviewTab) -> u64 {
    (match tab {
        ReviewTab::Pending => counts.pending,
        ReviewTab::Passed => counts.passed,
        ReviewTab::Awaiting => counts.awaiting,
        ReviewTab::Failed => counts.failed,
        ReviewTab::All => counts.all,
        ReviewTab::Returned => counts.returned,
    })
    .max(0) as u64
}

/// `GET /reviews`.
pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: ReviewListQuery,
    page: PageParams,
) -> AppResult<ChainReviewPage> {
    let unit = access::unit_of(user)?;
    let (page_no, per_page) = page.resolve()?;
    let kw = keyword(q.q.as_deref())?;
    let filter = PlanFilter {
        kind: Some(q.kind.unwrap_or_default()),
        year: q.year,
        plan: q.plan_id,
        acceptor: q.acceptor_id,
    };
    let tab = q.tab.unwrap_or_default();
    let counts = counters::counts(db, unit, &filter).await?;
    let cond = filter_condition(unit, &filter, kw.as_deref());
    let (rows, total) = if tab == ReviewTab::Returned {
        let matching = sea_orm::sea_query::Query::select()
            .column(declaration_review::Column::DeclarationId)
            .from(declaration_review::Entity)
            .cond_where(cond)
            .to_owned();
        let base = declaration_return::Entity::find()
            .filter(declaration_return::Column::UnitId.eq(unit))
            .filter(declaration_return::Column::DeclarationId.in_subquery(matching));
        let total = if kw.is_some() {
            base.clone().count(db).await?
        } else {
            counts.returned.max(0) as u64
        };
        let rets = base
            .order_by_desc(declaration_return::Column::At)
            .order_by_desc(declaration_return::Column::Id)
            .offset(offset(page_no, per_page))
            .limit(u64::from(per_page))
            .all(db)
            .await?;
        let reviews: HashMap<Uuid, declaration_review::Model> = declaration_review::Entity::find()
            .filter(declaration_review::Column::UnitId.eq(unit))
            .filter(
                declaration_review::Column::DeclarationId
                    .is_in(rets.iter().map(|r| r.declaration_id)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.declaration_id, r))
            .collect();
        let rows = records_of(db, rets)
            .await?
            .into_iter()
            .filter_map(|rec| Some((reviews.get(&rec.declaration_id)?.clone(), Some(rec))))
            .collect::<Vec<_>>();
        (rows, total)
    } else {
        let base = declaration_review::Entity::find()
            .filter(cond)
            .filter(declaration_review::Column::State.is_in(states(tab)));
        let total = if kw.is_some() {
            base.clone().count(db).await?
        } else {
            tab_total(&counts, tab)
        };
        let rows = base
            .order_by_desc(declaration_review::Column::ReceivedAt)
            .order_by_desc(declaration_review::Column::DeclarationId)
            .offset(offset(page_no, per_page))
            .limit(u64::from(per_page))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r, None))
            .collect();
        (rows, total)
    };
    Ok(ChainReviewPage {
        items: items_of(db, rows).await?,
        total,
        page: page_no,
        per_page,
        counts,
    })
}

/// The list rows of `rows` (a few batched queries, no per-row query).
pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    rows: Vec<(declaration_review::Model, Option<ReturnRecord>)>,
) -> AppResult<Vec<ReviewItem>> {
    let decls: HashMap<Uuid, declaration::Model> = declaration::Entity::find()
        .filter(declaration::Column::Id.is_in(rows.iter().map(|(r, _)| r.declaration_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let decl_list: Vec<declaration::Model> = decls.values().cloned().collect();
    let plans = plans_of(db, &decl_list).await?;
    let units = units(
        db,
        rows.iter()
            .map(|(r, _)| r.acceptor_id)
            .chain(decl_list.iter().filter_map(|d| d.holder_id)),
    )
    .await?;
    let publicities: HashMap<Uuid, publicity::Model> = publicity::Entity::find()
        .filter(publicity::Column::Id.is_in(rows.iter().filter_map(|(r, _)| r.publicity_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let today: NaiveDate = today();
    let mut out = Vec::with_capacity(rows.len());
    for (row, ret) in rows {
        let Some(d) = decls.get(&row.declaration_id) else {
            continue;
        };
        let Some(plan) = plans.get(&d.plan_id) else {
            continue;
        };
        let info: DeclarationInfo = serde_json::from_value(d.info.clone()).unwrap_or_default();
        let publicity = row.publicity_id.and_then(|p| publicities.get(&p));
        let blocker = if row.state == ReviewState::Passed
            && d.status == DeclarationStatus::Passed
            && d.holder_id == Some(row.unit_id)
        {
            if row.unit_id == d.employer_id {
                recommend::publicity_blocker(publicity, today)
            } else {
                None
            }
        } else if row.state == ReviewState::Passed {
            Some("该申报当前不在本单位待推荐".to_owned())
        } else {
            None
        };
        let can_recommend = row.state == ReviewState::Passed
            && d.status == DeclarationStatus::Passed
            && d.holder_id == Some(row.unit_id)
            && blocker.is_none();
        out.push(ReviewItem {
            declaration_id: d.id,
            version: d.version,
            applicant_name: row.applicant_name.clone(),
            id_number_masked: mask_id_number(&row.id_number),
            plan: summary_of(plan),
            acceptor: units.get(&row.acceptor_id).cloned(),
            declaration_type: declaration_type(plan.plan_type, &info),
            state: row.state,
            state_label: row.state.label().to_owned(),
            stage: stage(d, d.holder_id.and_then(|h| units.get(&h))),
            submitted_at: d.submitted_at,
            received_at: row.received_at,
            decided_at: row.decided_at,
            opinion: row.opinion.clone(),
            publicity: publicity.map(|p| view_of(p, 0, today)),
            can_recommend,
            recommend_blocker: if row.state == ReviewState::Passed {
                blocker
            } else {
                None
            },
            return_record: ret,
            fee_waived: d.fee_waived_by.is_some(),
        });
    }
    Ok(out)
}
