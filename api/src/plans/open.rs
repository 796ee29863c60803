//! The applicant's side: published plans open now to the applicant's employer — the plan lists
//! the employer or one of its ancestors (closure table `org_closure`) among its affiliations.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Query, SimpleExpr},
};
use uuid::Uuid;

use super::{
    dto::{OpenPlanPage, OpenPlanQuery},
    status::PlanStatus,
    views,
};
use crate::{
    auth::{AuthUser, Role},
    entities::{account, org_closure, plan, plan_affiliation},
    error::{AppError, AppResult, ErrorCode},
    pagination::{PageParams, offset, search_text},
};

/// The employer the individual is bound to now (422 `employer_not_bound` otherwise).
pub async fn employer_of<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Individual])?;
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    acc.org_unit_id.ok_or_else(|| {
        AppError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::EmployerNotBound,
            "请先在个人基本信息中绑定工作单位，再查看可申报的计划",
        )
    })
}

/// Plans whose eligible affiliations contain `employer` (the unit itself or an ancestor).
pub fn open_to(employer: Uuid) -> SimpleExpr {
    plan::Column::Id.in_subquery(
        Query::select()
            .column(plan_affiliation::Column::PlanId)
            .from(plan_affiliation::Entity)
            .and_where(
                plan_affiliation::Column::OrgUnitId.in_subquery(
                    Query::select()
                        .column(org_closure::Column::AncestorId)
                        .from(org_closure::Entity)
                        .and_where(org_closure::Column::DescendantId.eq(employer))
                        .to_owned(),
                ),
            )
            .to_owned(),
    )
}

/// `GET /plans/open`: published, inside the window now, open to the caller's employer.
pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: OpenPlanQuery,
    page: PageParams,
) -> AppResult<OpenPlanPage> {
    let employer = employer_of(db, user).await?;
    let (page_no, per_page) = page.resolve()?;
    let now = Utc::now();
    let mut query = plan::Entity::find()
        .filter(plan::Column::Status.eq(PlanStatus::Published))
        .filter(plan::Column::OpensAt.lte(now))
        .filter(plan::Column::ClosesAt.gt(now))
        .filter(open_to(employer));
    if let Some(t) = q.plan_type {
        query = query.filter(plan::Column::PlanType.eq(t));
    }
    if let Some(s) = q.series.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(plan::Column::Series.eq(s));
    }
    if let Some(unit) = q.affiliation_id {
        query = query.filter(
            plan::Column::Id.in_subquery(
                Query::select()
                    .column(plan_affiliation::Column::PlanId)
                    .from(plan_affiliation::Entity)
                    .and_where(plan_affiliation::Column::OrgUnitId.eq(unit))
                    .to_owned(),
            ),
        );
    }
    if let Some(text) = search_text(&q.q, 50)? {
        query = query.filter(crate::orgs::service::fuzzy(plan::Column::Name, text));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(plan::Column::ClosesAt)
        .order_by_asc(plan::Column::Id)
        .offset(offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    Ok(OpenPlanPage {
        items: views::build(db, &rows).await?,
        total,
        page: page_no,
        per_page,
    })
}
