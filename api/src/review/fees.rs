//! 收费设定: a competent or HRSS department sets, per plan, whether it charges the review fee
//! (收费, the default) or not (不收费). A department that does not charge waives the fee of the
//! declarations it passes (`declarations.fee_waived_by`); the payment issue reads it.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::OnConflict,
};
use uuid::Uuid;

use super::dto::{FeeSetting, FeeSettingInput, FeeSettingPage};
use crate::{
    auth::{AuthUser, Role},
    declarations::views::summary_of,
    entities::{fee_setting, plan},
    error::{AppError, AppResult},
    pagination::{PageParams, offset},
    plans::status::PlanStatus,
};

fn department(user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Competent, Role::Hrss])?;
    user.org.ok_or_else(AppError::forbidden)
}

/// `GET /reviews/fee-settings`: published plans, latest first, with the department's setting.
pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    year: Option<i32>,
    page: PageParams,
) -> AppResult<FeeSettingPage> {
    let unit = department(user)?;
    let (page_no, per_page) = page.resolve()?;
    let mut q = plan::Entity::find().filter(plan::Column::Status.ne(PlanStatus::Draft));
    if let Some(y) = year {
        q = q.filter(plan::Column::Year.eq(y));
    }
    let total = q.clone().count(db).await?;
    let plans = q
        .order_by_desc(plan::Column::Year)
        .order_by_desc(plan::Column::CreatedAt)
        .offset(offset(page_no, per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    let settings: std::collections::HashMap<Uuid, fee_setting::Model> = fee_setting::Entity::find()
        .filter(fee_setting::Column::UnitId.eq(unit))
        .filter(fee_setting::Column::PlanId.is_in(plans.iter().map(|p| p.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.plan_id, s))
        .collect();
    Ok(FeeSettingPage {
        items: plans
            .iter()
            .map(|p| {
                let s = settings.get(&p.id);
                FeeSetting {
                    plan: summary_of(p),
                    charge: s.is_none_or(|s| s.charge),
                    updated_at: s.map(|s| s.updated_at),
                }
            })
            .collect(),
        total,
        page: page_no,
        per_page,
    })
}

/// `PUT /reviews/fee-settings/{plan_id}`: one upsert.
pub async fn set(
    db: &DatabaseConnection,
    user: &AuthUser,
    plan_id: Uuid,
    req: FeeSettingInput,
) -> AppResult<FeeSetting> {
    let unit = department(user)?;
    let p = plan::Entity::find_by_id(plan_id)
        .filter(plan::Column::Status.ne(PlanStatus::Draft))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let now = Utc::now();
    fee_setting::Entity::insert(fee_setting::ActiveModel {
        unit_id: Set(unit),
        plan_id: Set(plan_id),
        charge: Set(req.charge),
        updated_by: Set(user.id),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([fee_setting::Column::UnitId, fee_setting::Column::PlanId])
            .update_columns([
                fee_setting::Column::Charge,
                fee_setting::Column::UpdatedBy,
                fee_setting::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(FeeSetting {
        plan: summary_of(&p),
        charge: req.charge,
        updated_at: Some(now),
    })
}
