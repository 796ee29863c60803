//! Step 4, 填写个人申报信息, and the accepting committee or department (变更受理部门).
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::{
    access,
    dto::{Declaration, DeclarationInfo, SaveInfo},
    status::DeclarationAction,
    touch, views,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    entities::plan,
    error::{AppError, AppResult, FieldErrors},
    plans::dto::PlanType,
};

fn text(errs: &mut FieldErrors, field: &str, v: Option<String>, max: usize) -> Option<String> {
    let v = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())?;
    if v.chars().count() > max {
        errs.push(&format!("info.{field}"), format!("不能超过{max}个字"));
    }
    Some(v)
}

/// The cleaned info for `plan`, or every field error at once.
pub fn clean(
    info: DeclarationInfo,
    acceptor: Option<Uuid>,
    plan: &plan::Model,
) -> AppResult<(DeclarationInfo, Option<Uuid>)> {
    let mut errs = FieldErrors::default();
    let specialties: Vec<String> =
        serde_json::from_value(plan.specialties.clone()).unwrap_or_default();
    let acceptors: Vec<Uuid> = serde_json::from_value(plan.acceptors.clone()).unwrap_or_default();
    let specialty = text(&mut errs, "specialty", info.specialty, 50);
    if let Some(s) = &specialty
        && !specialties.is_empty()
        && !specialties.contains(s)
    {
        errs.push("info.specialty", "请从该计划的可评审专业中选择");
    }
    if info.years_in_specialty.is_some_and(|y| y > 60) {
        errs.push("info.years_in_specialty", "专业工作年限应在0到60年之间");
    }
    if info.recognition_kind.is_some() && plan.plan_type != PlanType::Recognition {
        errs.push("info.recognition_kind", "只有职称认定需要选择认定类型");
    }
    if let Some(a) = acceptor
        && !acceptors.contains(&a)
    {
        errs.push(
            "acceptor_id",
            if plan.plan_type == PlanType::Review {
                "请从该计划的受理评审委员会中选择"
            } else {
                "请从该计划的受理部门中选择"
            },
        );
    }
    let cleaned = DeclarationInfo {
        specialty,
        current_specialty: text(&mut errs, "current_specialty", info.current_specialty, 50),
        years_in_specialty: info.years_in_specialty,
        archive_location: text(&mut errs, "archive_location", info.archive_location, 100),
        foreign_language: text(&mut errs, "foreign_language", info.foreign_language, 100),
        achievements: text(&mut errs, "achievements", info.achievements, 4000),
        specialities: text(&mut errs, "specialities", info.specialities, 1000),
        societies: text(&mut errs, "societies", info.societies, 1000),
        recognition_kind: info.recognition_kind,
    };
    errs.finish()?;
    Ok((cleaned, acceptor))
}

/// `PUT /declarations/{id}/info`: saves what was typed, complete or not (nothing typed is
/// lost); submission checks completeness.
pub async fn save(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: SaveInfo,
) -> AppResult<Declaration> {
    let d = access::own(db, user, id).await?;
    let p = plan::Entity::find_by_id(d.plan_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    let (info, acceptor) = clean(req.info, req.acceptor_id, &p)?;
    let applicant = user.id;
    let row = db
        .write_txn(|txn| {
            Box::pin(async move {
                let d = access::lock_own(txn, applicant, id).await?;
                access::allow(&d, DeclarationAction::Edit)?;
                let mut am = d.clone().into_active_model();
                am.info = Set(serde_json::to_value(&info).map_err(|_| AppError::internal())?);
                if acceptor.is_some() {
                    am.acceptor_id = Set(acceptor);
                }
                am.update(txn).await?;
                touch(txn, &d, 4).await?;
                crate::entities::declaration::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)
            })
        })
        .await?;
    views::build(db, &row).await
}
