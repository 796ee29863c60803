//! 公示: the employer publicises the declarations it passed for at least 5 working days on the
//! official calendar (holidays and 调休 make-up days included; a date the calendar does not know
//! is refused, never guessed), records how, and after it ends records the outcome. Only then can
//! it recommend them (`recommend::publicity_blocker`).
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    access,
    dto::{Publicity, PublicityInput, PublicityOutcomeInput},
};
use crate::{
    auth::{AuthUser, Role},
    db::WriteTxn,
    declarations::{
        self, Event,
        preview::today,
        status::{DeclarationStatus, EventAction, ReviewState},
    },
    entities::{declaration_review, publicity},
    error::{AppError, AppResult, ErrorCode, FieldError},
    pagination::{PageParams, offset},
};

/// At least this many working days (seed 001 三.1, seed 000 §4).
pub const MIN_WORKING_DAYS: u32 = 5;

/// The DTO of `p`, covering `declarations` declarations.
pub fn view_of(p: &publicity::Model, declarations: u64, today: NaiveDate) -> Publicity {
    Publicity {
        id: p.id,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        working_days: p.working_days,
        method: p.method.clone(),
        outcome: p.outcome,
        outcome_label: p.outcome.map(|o| o.label().to_owned()),
        note: p.note.clone(),
        ended: p.ends_on < today,
        declarations,
        created_at: p.created_at,
    }
}

fn employer_unit(user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Employer])?;
    user.org.ok_or_else(AppError::forbidden)
}

fn check_text(field: &str, v: Option<&str>, max: usize, required: bool) -> Option<FieldError> {
    let v = v.map(str::trim).unwrap_or("");
    if required && v.is_empty() {
        return Some(FieldError {
            field: field.into(),
            message: "请填写公示方式（如：单位公告栏、内网）".into(),
        });
    }
    (v.chars().count() > max).then(|| FieldError {
        field: field.into(),
        message: format!("最多 {max} 字"),
    })
}

/// `POST /reviews/publicities`.
pub async fn record(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: PublicityInput,
) -> AppResult<Publicity> {
    let unit = employer_unit(user)?;
    let mut errors: Vec<FieldError> = [
        check_text("method", Some(&req.method), 200, true),
        check_text("note", req.note.as_deref(), 1000, false),
    ]
    .into_iter()
    .flatten()
    .collect();
    if req.items.is_empty() || req.items.len() > super::recommend::MAX_BATCH {
        errors.push(FieldError {
            field: "items".into(),
            message: "请选择公示的申报人员".into(),
        });
    }
    if req.ends_on < req.starts_on {
        errors.push(FieldError {
            field: "ends_on".into(),
            message: "结束日期不能早于开始日期".into(),
        });
    }
    let today = today();
    if req.outcome.is_some() && req.ends_on >= today {
        errors.push(FieldError {
            field: "outcome".into(),
            message: "公示尚未结束，结束后再录入公示结果".into(),
        });
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let days = crate::calendar::working_days_between(db, req.starts_on, req.ends_on).await?;
    if days < MIN_WORKING_DAYS {
        let mut e = AppError::field(
            "ends_on",
            format!(
                "公示期 {} 至 {} 只有 {days} 个工作日（已扣除节假日、计入调休上班日），须不少于 {MIN_WORKING_DAYS} 个工作日",
                req.starts_on.format("%Y-%m-%d"),
                req.ends_on.format("%Y-%m-%d")
            ),
        );
        e.code = ErrorCode::PublicityTooShort;
        return Err(e);
    }
    let actor = user.id;
    db.write_txn(|txn| {
        Box::pin(async move {
            let now = Utc::now();
            let p = publicity::ActiveModel {
                id: Set(Uuid::now_v7()),
                unit_id: Set(unit),
                starts_on: Set(req.starts_on),
                ends_on: Set(req.ends_on),
                working_days: Set(days as i32),
                method: Set(req.method.trim().to_owned()),
                outcome: Set(req.outcome),
                note: Set(req
                    .note
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty())),
                recorded_by: Set(actor),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
            for item in &req.items {
                let d = access::lock(txn, item.declaration_id).await?;
                access::row_of(txn, d.id, unit).await?;
                if d.version != item.version {
                    return Err(access::stale(txn, &d).await?);
                }
                if d.holder_id != Some(unit) || d.status != DeclarationStatus::Passed {
                    return Err(AppError::conflict(
                        ErrorCode::DeclarationLocked,
                        "只能为本单位审查通过、尚未推荐的申报录入公示",
                    ));
                }
                declaration_review::Entity::update_many()
                    .col_expr(declaration_review::Column::PublicityId, Expr::value(p.id))
                    .filter(declaration_review::Column::DeclarationId.eq(d.id))
                    .filter(declaration_review::Column::UnitId.eq(unit))
                    .filter(declaration_review::Column::State.eq(ReviewState::Passed))
                    .exec(txn)
                    .await?;
                declarations::log(
                    txn,
                    Event {
                        declaration: d.id,
                        action: EventAction::PublicityRecorded,
                        actor,
                        unit: Some(unit),
                        change: None,
                        comment: Some(format!(
                            "公示 {} 至 {}（{days} 个工作日），{}",
                            p.starts_on.format("%Y-%m-%d"),
                            p.ends_on.format("%Y-%m-%d"),
                            p.method
                        )),
                        at: now,
                    },
                )
                .await?;
            }
            Ok(view_of(&p, req.items.len() as u64, today))
        })
    })
    .await
}

/// `PUT /reviews/publicities/{id}/outcome`.
pub async fn set_outcome(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: PublicityOutcomeInput,
) -> AppResult<Publicity> {
    let unit = employer_unit(user)?;
    if let Some(e) = check_text("note", req.note.as_deref(), 1000, false) {
        return Err(AppError::validation(vec![e]));
    }
    let today = today();
    db.write_txn(|txn| {
        Box::pin(async move {
            let p = publicity::Entity::find_by_id(id)
                .filter(publicity::Column::UnitId.eq(unit))
                .lock_exclusive()
                .one(txn)
                .await?
                .ok_or_else(AppError::not_found)?;
            if p.ends_on >= today {
                return Err(AppError::field(
                    "outcome",
                    format!(
                        "公示期至 {} 结束，结束后再录入公示结果",
                        p.ends_on.format("%Y-%m-%d")
                    ),
                ));
            }
            let mut am: publicity::ActiveModel = p.into();
            am.outcome = Set(Some(req.outcome));
            am.note = Set(req
                .note
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()));
            am.updated_at = Set(Utc::now());
            let p = am.update(txn).await?;
            let n = covered(txn, p.id).await?;
            Ok(view_of(&p, n, today))
        })
    })
    .await
}

async fn covered<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<u64> {
    Ok(declaration_review::Entity::find()
        .filter(declaration_review::Column::PublicityId.eq(id))
        .count(db)
        .await?)
}

/// A page of publicities the caller's unit recorded, latest first.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PublicityPage {
    pub items: Vec<Publicity>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// `GET /reviews/publicities`.
pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    page: PageParams,
) -> AppResult<PublicityPage> {
    let unit = employer_unit(user)?;
    let (page_no, per_page) = page.resolve()?;
    let q = publicity::Entity::find().filter(publicity::Column::UnitId.eq(unit));
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(publicity::Column::CreatedAt)
        .offset(offset(page_no, per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    let today = today();
    #[derive(sea_orm::FromQueryResult)]
    struct Covered {
        publicity_id: Option<Uuid>,
        n: i64,
    }
    let counts: std::collections::HashMap<Uuid, u64> = declaration_review::Entity::find()
        .select_only()
        .column(declaration_review::Column::PublicityId)
        .column_as(declaration_review::Column::DeclarationId.count(), "n")
        .filter(declaration_review::Column::PublicityId.is_in(rows.iter().map(|p| p.id)))
        .group_by(declaration_review::Column::PublicityId)
        .into_model::<Covered>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.publicity_id?, c.n.max(0) as u64)))
        .collect();
    let items = rows
        .iter()
        .map(|p| view_of(p, counts.get(&p.id).copied().unwrap_or(0), today))
        .collect();
    Ok(PublicityPage {
        items,
        total,
        page: page_no,
        per_page,
    })
}
