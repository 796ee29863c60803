//! 单位授权审核: the HRSS department reviews registrations without a credit code and
//! authorisation proofs in its jurisdiction; each decision moves the unit along its status
//! machine and tells the employer by SMS and in-app notification.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    Application, ApplicationCounts, ApplicationDecision, ApplicationDecisionRequest,
    ApplicationKind, ApplicationPage, ApplicationQuery, ApplicationStatus, UnitEvent,
};
use crate::{
    auth::{AuthUser, Role},
    db::WriteTxn,
    domain::mask_phone,
    entities::{account, employer_application, file, org_unit},
    error::{AppError, AppResult, ErrorCode},
    notify::{self, outbox},
    orgs::{dto::OrgUnitRef, jurisdiction::Scope, service as orgs},
    pagination::PageParams,
};

/// What a decision on an application of `kind` does to the unit.
pub fn unit_event(kind: ApplicationKind, decision: ApplicationDecision) -> UnitEvent {
    match (kind, decision) {
        (ApplicationKind::Registration, ApplicationDecision::Approve) => {
            UnitEvent::RegistrationApproved
        }
        (ApplicationKind::Registration, ApplicationDecision::Reject) => {
            UnitEvent::RegistrationRejected
        }
        (ApplicationKind::Authorisation, ApplicationDecision::Approve) => {
            UnitEvent::AuthorisationApproved
        }
        (ApplicationKind::Authorisation, ApplicationDecision::Reject) => {
            UnitEvent::AuthorisationRejected
        }
    }
}

fn application_condition(user: &AuthUser) -> AppResult<Condition> {
    user.require(&[Role::Hrss, Role::Admin])?;
    Ok(Condition::all().add(Scope::of(user).condition(employer_application::Column::UnitId)))
}

async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<employer_application::Model>,
) -> AppResult<Vec<Application>> {
    let units =
        orgs::units_by_id(db, rows.iter().flat_map(|r| [r.unit_id, r.affiliation_id])).await?;
    let accounts =
        crate::accounts::service::accounts_by_id(db, rows.iter().map(|r| r.account_id)).await?;
    let files: std::collections::HashMap<Uuid, file::Model> = if rows.is_empty() {
        Default::default()
    } else {
        file::Entity::find()
            .filter(file::Column::Id.is_in(rows.iter().map(|r| r.file_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect()
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let unit = units.get(&r.unit_id)?;
            let acc = accounts.get(&r.account_id)?;
            let f = files.get(&r.file_id)?;
            Some(Application {
                id: r.id,
                kind: r.kind,
                status: r.status,
                unit: OrgUnitRef::from(unit),
                credit_code: unit.credit_code.clone(),
                certificate_no: r.certificate_no.clone(),
                operator_name: acc.name.clone(),
                phone_masked: mask_phone(&acc.phone),
                affiliation: units.get(&r.affiliation_id).map(OrgUnitRef::from),
                file_name: f.original_name.clone(),
                file_type: f.content_type.clone(),
                opinion: r.opinion,
                created_at: r.created_at,
                decided_at: r.decided_at,
            })
        })
        .collect())
}

pub async fn list_applications<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    q: ApplicationQuery,
    page: PageParams,
) -> AppResult<ApplicationPage> {
    let mut base = application_condition(user)?;
    let (page_no, per_page) = page.resolve()?;
    if let Some(kind) = q.kind {
        base = base.add(employer_application::Column::Kind.eq(kind));
    }
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        let units = sea_orm::sea_query::Query::select()
            .column(org_unit::Column::Id)
            .from(org_unit::Entity)
            .cond_where(orgs::fuzzy(org_unit::Column::Name, text))
            .to_owned();
        base = base.add(employer_application::Column::UnitId.in_subquery(units));
    }
    let grouped: Vec<(ApplicationStatus, i64)> = employer_application::Entity::find()
        .select_only()
        .column(employer_application::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(base.clone())
        .group_by(employer_application::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = ApplicationCounts::default();
    for (s, n) in grouped {
        let n = n as u64;
        match s {
            ApplicationStatus::Pending => counts.pending = n,
            ApplicationStatus::Approved => counts.approved = n,
            ApplicationStatus::Rejected => counts.rejected = n,
        }
        counts.all += n;
    }
    let total = match q.status {
        None => counts.all,
        Some(ApplicationStatus::Pending) => counts.pending,
        Some(ApplicationStatus::Approved) => counts.approved,
        Some(ApplicationStatus::Rejected) => counts.rejected,
    };
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(employer_application::Column::Status.eq(s));
    }
    let rows = employer_application::Entity::find()
        .filter(cond)
        .order_by_desc(employer_application::Column::CreatedAt)
        .order_by_desc(employer_application::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    Ok(ApplicationPage {
        items: views(db, rows).await?,
        total,
        page: page_no,
        per_page,
        counts,
    })
}

async fn scoped_application<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<employer_application::Model> {
    let cond = application_condition(user)?;
    employer_application::Entity::find_by_id(id)
        .filter(cond)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn get_application<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<Application> {
    let row = scoped_application(db, user, id).await?;
    views(db, vec![row])
        .await?
        .pop()
        .ok_or_else(AppError::not_found)
}

/// The stored certificate or proof of an application in the caller's jurisdiction.
pub async fn application_file<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<file::Model> {
    let row = scoped_application(db, user, id).await?;
    file::Entity::find_by_id(row.file_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn decide_application(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: ApplicationDecisionRequest,
) -> AppResult<Application> {
    user.require(&[Role::Hrss])?;
    let row = scoped_application(db, user, id).await?;
    let opinion = req
        .opinion
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    if req.decision == ApplicationDecision::Reject && opinion.is_none() {
        return Err(AppError::field("opinion", "请填写不通过的意见"));
    }
    if opinion.as_ref().is_some_and(|o| o.chars().count() > 1000) {
        return Err(AppError::field("opinion", "意见不能超过1000个字符"));
    }
    let approve = req.decision == ApplicationDecision::Approve;
    let registration = row.kind == ApplicationKind::Registration;
    let new_status = if approve {
        ApplicationStatus::Approved
    } else {
        ApplicationStatus::Rejected
    };
    let event = unit_event(row.kind, req.decision);
    let acc = account::Entity::find_by_id(row.account_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let decider = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let now = Utc::now();
            let res = employer_application::Entity::update_many()
                .col_expr(
                    employer_application::Column::Status,
                    Expr::value(new_status),
                )
                .col_expr(
                    employer_application::Column::Opinion,
                    Expr::value(opinion.clone()),
                )
                .col_expr(
                    employer_application::Column::DecidedBy,
                    Expr::value(Some(decider)),
                )
                .col_expr(
                    employer_application::Column::DecidedAt,
                    Expr::value(Some(now)),
                )
                .filter(employer_application::Column::Id.eq(id))
                .filter(employer_application::Column::Status.eq(ApplicationStatus::Pending))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::conflict(
                    ErrorCode::AlreadyDecided,
                    "该申请已被审核，请刷新后查看",
                ));
            }
            let unit = org_unit::Entity::find_by_id(row.unit_id)
                .one(txn)
                .await?
                .ok_or_else(AppError::not_found)?;
            super::transition(txn, unit.id, unit.status, event).await?;
            let what = if registration {
                "单位注册信息"
            } else {
                "授权委托证明"
            };
            let (title, text) = match (registration, approve) {
                (true, true) => (
                    format!("{what}审核通过"),
                    format!(
                        "您单位（{}）的注册信息已审核通过，请登录平台下载并提交《用人单位委托证明》。",
                        unit.name
                    ),
                ),
                (false, true) => (
                    format!("{what}审核通过"),
                    format!(
                        "您单位（{}）提交的授权委托证明已审核通过，现可开展业绩档案审核、职称申报资格审查等工作。",
                        unit.name
                    ),
                ),
                (_, false) => (
                    format!("{what}审核未通过"),
                    format!(
                        "您单位（{}）的{what}未通过审核，意见：{}",
                        unit.name,
                        opinion.clone().unwrap_or_default()
                    ),
                ),
            };
            outbox::enqueue_sms(txn, &acc.phone, &text).await?;
            notify::notify(txn, acc.id, &title, &text).await?;
            Ok(())
        })
    })
    .await?;
    get_application(db, user, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_map_to_unit_events() {
        use ApplicationDecision::*;
        use ApplicationKind::*;
        assert_eq!(
            unit_event(Registration, Approve),
            UnitEvent::RegistrationApproved
        );
        assert_eq!(
            unit_event(Registration, Reject),
            UnitEvent::RegistrationRejected
        );
        assert_eq!(
            unit_event(Authorisation, Approve),
            UnitEvent::AuthorisationApproved
        );
        assert_eq!(
            unit_event(Authorisation, Reject),
            UnitEvent::AuthorisationRejected
        );
    }
}
