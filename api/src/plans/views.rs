//! Reading plans: the publisher's list with status tabs, and one plan for either side.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    dto::{Plan, PlanCounts, PlanPage, PlanQuery},
    open,
    status::PlanStatus,
};
use crate::{
    auth::{AuthUser, Role},
    entities::{org_unit, plan, plan_affiliation},
    error::{AppError, AppResult},
    orgs::{dto::OrgUnitRef, jurisdiction::Scope},
    pagination::{PageParams, offset, search_text},
    reference::data::title_series,
};

/// Published and inside its window at `now`.
pub fn open_at(r: &plan::Model, now: chrono::DateTime<Utc>) -> bool {
    r.status == PlanStatus::Published && r.opens_at <= now && now < r.closes_at
}

/// The series' name and the titles at the plan's level, from the reference catalogue.
pub fn catalogue_names(
    catalogue: &[crate::reference::data::TitleSeries],
    r: &plan::Model,
) -> (String, Vec<String>) {
    let series = catalogue.iter().find(|s| s.code == r.series);
    (
        series.map(|s| s.name.clone()).unwrap_or_default(),
        series
            .and_then(|s| s.levels.iter().find(|l| l.level == r.level.label()))
            .map(|l| l.titles.clone())
            .unwrap_or_default(),
    )
}

/// The API shape of `rows`, with unit names loaded in two queries.
pub async fn build<C: ConnectionTrait>(db: &C, rows: &[plan::Model]) -> AppResult<Vec<Plan>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let affs = plan_affiliation::Entity::find()
        .filter(plan_affiliation::Column::PlanId.is_in(ids))
        .all(db)
        .await?;
    let acceptors: HashMap<Uuid, Vec<Uuid>> = rows
        .iter()
        .map(|r| {
            (
                r.id,
                serde_json::from_value(r.acceptors.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let mut unit_ids: Vec<Uuid> = affs.iter().map(|a| a.org_unit_id).collect();
    unit_ids.extend(acceptors.values().flatten().copied());
    unit_ids.extend(rows.iter().map(|r| r.publisher_id));
    unit_ids.sort();
    unit_ids.dedup();
    let units: HashMap<Uuid, OrgUnitRef> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?
        .iter()
        .map(|u| (u.id, OrgUnitRef::from(u)))
        .collect();
    let unit = |id: &Uuid| units.get(id).cloned();
    let catalogue = title_series();
    let now = Utc::now();
    Ok(rows
        .iter()
        .map(|r| {
            let (series_name, titles) = catalogue_names(&catalogue, r);
            let mut affiliations: Vec<OrgUnitRef> = affs
                .iter()
                .filter(|a| a.plan_id == r.id)
                .filter_map(|a| unit(&a.org_unit_id))
                .collect();
            affiliations.sort_by(|a, b| a.name.cmp(&b.name));
            Plan {
                id: r.id,
                status: r.status,
                status_label: r.status.label().to_owned(),
                publisher: unit(&r.publisher_id).expect("publisher exists (foreign key)"),
                year: r.year,
                name: r.name.clone(),
                plan_type: r.plan_type,
                plan_type_label: r.plan_type.label().to_owned(),
                series: r.series.clone(),
                series_name,
                level: r.level,
                level_label: r.level.label().to_owned(),
                titles,
                specialties: serde_json::from_value(r.specialties.clone()).unwrap_or_default(),
                affiliations,
                acceptors: acceptors[&r.id].iter().filter_map(unit).collect(),
                opens_at: r.opens_at,
                closes_at: r.closes_at,
                open_now: open_at(r, now),
                description: r.description.clone(),
                attachments: serde_json::from_value(r.attachments.clone()).unwrap_or_default(),
                qualification: r.qualification.clone(),
                rules: serde_json::from_value(r.rules.clone()).unwrap_or_default(),
                fee_fen: r.fee_fen,
                published_at: r.published_at,
                closed_at: r.closed_at,
                created_at: r.created_at,
                updated_at: r.updated_at,
            }
        })
        .collect())
}

/// One plan: HRSS staff within their jurisdiction (the administrator everywhere); an
/// applicant when it is published or closed and open to their employer. Anything else is 404.
pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<Plan> {
    let row = match user.role {
        Role::Hrss | Role::Admin => {
            plan::Entity::find_by_id(id)
                .filter(Scope::of(user).condition(plan::Column::PublisherId))
                .one(db)
                .await?
        }
        Role::Individual => {
            let employer = open::employer_of(db, user).await?;
            plan::Entity::find_by_id(id)
                .filter(plan::Column::Status.ne(PlanStatus::Draft))
                .filter(open::open_to(employer))
                .one(db)
                .await?
        }
        _ => return Err(AppError::forbidden()),
    }
    .ok_or_else(AppError::not_found)?;
    Ok(build(db, &[row]).await?.remove(0))
}

/// The publisher's list: every plan of the caller's unit and the units below it.
pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: PlanQuery,
    page: PageParams,
) -> AppResult<PlanPage> {
    user.require(&[Role::Hrss])?;
    let (page_no, per_page) = page.resolve()?;
    let mut base = Condition::all().add(Scope::of(user).condition(plan::Column::PublisherId));
    if let Some(t) = q.plan_type {
        base = base.add(plan::Column::PlanType.eq(t));
    }
    if let Some(y) = q.year {
        base = base.add(plan::Column::Year.eq(y));
    }
    if let Some(text) = search_text(&q.q, 50)? {
        base = base.add(crate::orgs::service::fuzzy(plan::Column::Name, text));
    }
    let grouped: Vec<(PlanStatus, i64)> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(base.clone())
        .group_by(plan::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = PlanCounts::default();
    for (s, n) in grouped {
        let n = n as u64;
        match s {
            PlanStatus::Draft => counts.draft = n,
            PlanStatus::Published => counts.published = n,
            PlanStatus::Closed => counts.closed = n,
        }
        counts.all += n;
    }
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(plan::Column::Status.eq(s));
    }
    let query = plan::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(plan::Column::CreatedAt)
        .order_by_desc(plan::Column::Id)
        .offset(offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    Ok(PlanPage {
        items: build(db, &rows).await?,
        total,
        page: page_no,
        per_page,
        counts,
    })
}
