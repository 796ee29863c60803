//! The publisher's use cases: create, edit, publish, close and delete a plan. HRSS staff only;
//! a plan belongs to the staff member's unit and is seen by it and every HRSS unit above it.
//! Every change is one write transaction; every state check and its write are atomic.
use std::collections::BTreeSet;

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    dto::{AttachmentRequirement, Plan, PlanInput, PlanType},
    eligibility::EligibilityRules,
    status::{PlanAction, PlanStatus},
    views,
};
use crate::{
    auth::{AuthUser, Role},
    db::WriteTxn,
    entities::{org_unit, plan, plan_affiliation},
    error::{AppError, AppResult, ErrorCode, FieldErrors},
    onboarding::status::UnitStatus,
    orgs::{dto::OrgKind, jurisdiction::Scope},
    reference::data::title_series,
};

const MAX_SPECIALTIES: usize = 200;
const MAX_UNITS: usize = 100;
const MAX_ATTACHMENTS: usize = 30;
const MAX_TEXT: usize = 10_000;
/// 1,000,000.00 元
const MAX_FEE_FEN: i64 = 100_000_000;

/// The HRSS unit of the caller (403 for other roles).
fn publisher(user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Hrss])?;
    user.org.ok_or_else(AppError::forbidden)
}

fn refused(reason: String) -> AppError {
    AppError::conflict(ErrorCode::PlanLocked, reason)
}

/// The caller's plan `id`, locked until the transaction ends (PostgreSQL `FOR UPDATE`; the
/// SQLite write transaction holds the database lock), or 404 outside the jurisdiction.
async fn lock_in_scope<C: ConnectionTrait>(
    txn: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<plan::Model> {
    let row = plan::Entity::find_by_id(id)
        .filter(Scope::of(user).condition(plan::Column::PublisherId))
        .lock_exclusive()
        .one(txn)
        .await?;
    row.ok_or_else(AppError::not_found)
}

/// Checks everything about `input` that does not depend on the plan's state: 422 with every
/// field error, before anything is written.
async fn validate<C: ConnectionTrait>(db: &C, user: &AuthUser, input: &PlanInput) -> AppResult<()> {
    let mut errs = FieldErrors::default();
    if !(2000..=2100).contains(&input.year) {
        errs.push("year", "年度应在2000到2100之间");
    }
    let name = input.name.trim();
    if name.is_empty() {
        errs.push("name", "请填写计划名称");
    } else if name.chars().count() > 100 {
        errs.push("name", "计划名称不能超过100个字");
    }
    match title_series().into_iter().find(|s| s.code == input.series) {
        None => errs.push("series", "职称系列不存在，请从目录中选择"),
        Some(s) => {
            if !s.levels.iter().any(|l| l.level == input.level.label()) {
                errs.push(
                    "level",
                    format!("{}系列没有{}职称", s.name, input.level.label()),
                );
            }
        }
    }
    if input.specialties.is_empty() {
        errs.push("specialties", "请至少填写一个可评审专业");
    } else if input.specialties.len() > MAX_SPECIALTIES {
        errs.push("specialties", "可评审专业不能超过200个");
    } else if input
        .specialties
        .iter()
        .any(|s| s.trim().is_empty() || s.chars().count() > 50)
    {
        errs.push("specialties", "专业名称不能为空且不超过50个字");
    } else if input
        .specialties
        .iter()
        .map(|s| s.trim())
        .collect::<BTreeSet<_>>()
        .len()
        != input.specialties.len()
    {
        errs.push("specialties", "可评审专业有重复");
    }
    if input.opens_at >= input.closes_at {
        errs.push("closes_at", "申报截止时间应晚于开始时间");
    }
    if input.description.chars().count() > MAX_TEXT {
        errs.push("description", "评审计划说明不能超过10000个字");
    }
    if input.qualification.chars().count() > MAX_TEXT {
        errs.push("qualification", "申报对象资格说明不能超过10000个字");
    }
    if input.attachments.len() > MAX_ATTACHMENTS {
        errs.push("attachments", "附件要求不能超过30项");
    }
    for (i, a) in input.attachments.iter().enumerate() {
        if a.name.trim().is_empty() || a.name.chars().count() > 50 {
            errs.push(
                &format!("attachments[{i}].name"),
                "附件名称不能为空且不超过50个字",
            );
        }
        if a.types.is_empty() {
            errs.push(&format!("attachments[{i}].types"), "请至少选择一种文件类型");
        }
    }
    input.rules.validate(&mut errs);
    if !(0..=MAX_FEE_FEN).contains(&input.fee_fen) {
        errs.push("fee_fen", "评审费应在0到1000000元之间（以分为单位）");
    }
    let scope = Scope::of(user);
    check_units(
        db,
        &scope,
        &input.affiliation_ids,
        "affiliation_ids",
        None,
        &mut errs,
    )
    .await?;
    let kinds: &[OrgKind] = match input.plan_type {
        PlanType::Review => &[OrgKind::Committee],
        PlanType::Recognition | PlanType::Initial => &[OrgKind::Hrss, OrgKind::Competent],
    };
    check_units(
        db,
        &scope,
        &input.acceptor_ids,
        "acceptor_ids",
        Some(kinds),
        &mut errs,
    )
    .await?;
    errs.finish()
}

/// Every id names an active unit inside `scope` (of one of `kinds` when given).
async fn check_units<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    ids: &[Uuid],
    field: &str,
    kinds: Option<&[OrgKind]>,
    errs: &mut FieldErrors,
) -> AppResult<()> {
    let what = if field == "affiliation_ids" {
        "单位隶属关系"
    } else {
        "受理单位"
    };
    if ids.is_empty() {
        errs.push(field, format!("请至少选择一个{what}"));
        return Ok(());
    }
    if ids.len() > MAX_UNITS {
        errs.push(field, format!("{what}不能超过{MAX_UNITS}个"));
        return Ok(());
    }
    if ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
        errs.push(field, format!("{what}有重复"));
        return Ok(());
    }
    let found = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(ids.iter().copied()))
        .filter(scope.condition(org_unit::Column::Id))
        .all(db)
        .await?;
    if found.len() != ids.len() || found.iter().any(|u| u.status != UnitStatus::Active) {
        errs.push(field, format!("所选{what}不存在或不在本部门管辖范围内"));
    } else if let Some(kinds) = kinds
        && found.iter().any(|u| !kinds.contains(&u.kind))
    {
        errs.push(
            field,
            if kinds.contains(&OrgKind::Committee) {
                "评审类计划的受理单位应为评审委员会"
            } else {
                "认定、初定类计划的受理单位应为人力社保部门或主管部门"
            },
        );
    }
    Ok(())
}

/// Why `input` may not replace the published plan `old`, if not (see `status`): only the
/// description, a later closing time and the attachments' names may change.
pub fn published_change_refusal(
    old: &plan::Model,
    old_affiliations: &BTreeSet<Uuid>,
    input: &PlanInput,
) -> Option<String> {
    let mut changed = Vec::new();
    let json = |v: &serde_json::Value| v.clone();
    if old.year != input.year {
        changed.push("年度");
    }
    if old.name != input.name.trim() {
        changed.push("计划名称");
    }
    if old.plan_type != input.plan_type {
        changed.push("计划类型");
    }
    if old.series != input.series || old.level != input.level {
        changed.push("职称系列或级别");
    }
    if json(&old.specialties) != serde_json::json!(trimmed(&input.specialties)) {
        changed.push("可评审专业");
    }
    if *old_affiliations
        != input
            .affiliation_ids
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
    {
        changed.push("单位隶属关系");
    }
    if json(&old.acceptors) != serde_json::json!(input.acceptor_ids) {
        changed.push("受理单位");
    }
    if old.opens_at != input.opens_at {
        changed.push("申报开始时间");
    }
    if input.closes_at < old.closes_at {
        changed.push("申报截止时间（只能延后）");
    }
    if old.qualification != input.qualification {
        changed.push("申报对象资格");
    }
    let old_rules: EligibilityRules = serde_json::from_value(old.rules.clone()).unwrap_or_default();
    if old_rules != input.rules {
        changed.push("资格条件");
    }
    if old.fee_fen != input.fee_fen {
        changed.push("评审费");
    }
    let old_att: Vec<AttachmentRequirement> =
        serde_json::from_value(old.attachments.clone()).unwrap_or_default();
    if old_att.len() != input.attachments.len()
        || old_att
            .iter()
            .zip(&input.attachments)
            .any(|(a, b)| a.required != b.required || a.types != b.types)
    {
        changed.push("附件要求（只能修改名称）");
    }
    if changed.is_empty() {
        None
    } else {
        Some(format!(
            "申报计划已发布，只能修改评审计划说明、延后申报截止时间和修改附件名称；不能修改：{}",
            changed.join("、")
        ))
    }
}

fn trimmed(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.trim().to_owned()).collect()
}

fn attachments_json(v: &[AttachmentRequirement]) -> serde_json::Value {
    serde_json::json!(
        v.iter()
            .map(|a| AttachmentRequirement {
                name: a.name.trim().to_owned(),
                ..a.clone()
            })
            .collect::<Vec<_>>()
    )
}

async fn set_affiliations<C: ConnectionTrait>(txn: &C, plan: Uuid, ids: &[Uuid]) -> AppResult<()> {
    plan_affiliation::Entity::delete_many()
        .filter(plan_affiliation::Column::PlanId.eq(plan))
        .exec(txn)
        .await?;
    plan_affiliation::Entity::insert_many(ids.iter().map(|u| plan_affiliation::ActiveModel {
        plan_id: Set(plan),
        org_unit_id: Set(*u),
    }))
    .exec(txn)
    .await?;
    Ok(())
}

/// Times are kept to the microsecond (what PostgreSQL stores), so a plan read back and sent
/// again compares equal.
fn normalise(mut input: PlanInput) -> PlanInput {
    input.opens_at = input.opens_at.trunc_subsecs(6);
    input.closes_at = input.closes_at.trunc_subsecs(6);
    input
}

pub async fn create(db: &DatabaseConnection, user: &AuthUser, input: PlanInput) -> AppResult<Plan> {
    let unit = publisher(user)?;
    let input = normalise(input);
    validate(db, user, &input).await?;
    let created_by = user.id;
    let id = db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                let id = Uuid::now_v7();
                plan::ActiveModel {
                    id: Set(id),
                    publisher_id: Set(unit),
                    year: Set(input.year),
                    name: Set(input.name.trim().to_owned()),
                    plan_type: Set(input.plan_type),
                    series: Set(input.series.clone()),
                    level: Set(input.level),
                    specialties: Set(serde_json::json!(trimmed(&input.specialties))),
                    acceptors: Set(serde_json::json!(input.acceptor_ids)),
                    opens_at: Set(input.opens_at),
                    closes_at: Set(input.closes_at),
                    description: Set(input.description.clone()),
                    attachments: Set(attachments_json(&input.attachments)),
                    qualification: Set(input.qualification.clone()),
                    rules: Set(serde_json::json!(input.rules)),
                    fee_fen: Set(input.fee_fen),
                    status: Set(PlanStatus::Draft),
                    created_by: Set(created_by),
                    published_at: Set(None),
                    closed_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await?;
                set_affiliations(txn, id, &input.affiliation_ids).await?;
                Ok(id)
            })
        })
        .await?;
    views::get(db, user, id).await
}

/// Replaces the plan: any field in draft, only the harmless ones once published (see `status`).
pub async fn update(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    input: PlanInput,
) -> AppResult<Plan> {
    publisher(user)?;
    // out of the jurisdiction is a 404 before anything about the body is said
    plan::Entity::find_by_id(id)
        .filter(Scope::of(user).condition(plan::Column::PublisherId))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let input = normalise(input);
    validate(db, user, &input).await?;
    let user2 = user.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let old = lock_in_scope(txn, &user2, id).await?;
            old.status.apply(PlanAction::Edit).map_err(refused)?;
            let mut row: plan::ActiveModel = old.clone().into();
            if old.status == PlanStatus::Published {
                let affiliations: BTreeSet<Uuid> = plan_affiliation::Entity::find()
                    .filter(plan_affiliation::Column::PlanId.eq(id))
                    .all(txn)
                    .await?
                    .into_iter()
                    .map(|a| a.org_unit_id)
                    .collect();
                if let Some(why) = published_change_refusal(&old, &affiliations, &input) {
                    return Err(AppError::conflict(ErrorCode::PlanChangeNotAllowed, why));
                }
                row.description = Set(input.description.clone());
                row.closes_at = Set(input.closes_at);
                row.attachments = Set(attachments_json(&input.attachments));
            } else {
                row.year = Set(input.year);
                row.name = Set(input.name.trim().to_owned());
                row.plan_type = Set(input.plan_type);
                row.series = Set(input.series.clone());
                row.level = Set(input.level);
                row.specialties = Set(serde_json::json!(trimmed(&input.specialties)));
                row.acceptors = Set(serde_json::json!(input.acceptor_ids));
                row.opens_at = Set(input.opens_at);
                row.closes_at = Set(input.closes_at);
                row.description = Set(input.description.clone());
                row.attachments = Set(attachments_json(&input.attachments));
                row.qualification = Set(input.qualification.clone());
                row.rules = Set(serde_json::json!(input.rules));
                row.fee_fen = Set(input.fee_fen);
                set_affiliations(txn, id, &input.affiliation_ids).await?;
            }
            row.updated_at = Set(Utc::now());
            row.update(txn).await?;
            Ok(())
        })
    })
    .await?;
    views::get(db, user, id).await
}

/// The state change `action` as one conditional UPDATE (`WHERE status = <from>`), so of two
/// simultaneous requests exactly one changes the row and the other is told why not.
async fn transition(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    action: PlanAction,
) -> AppResult<Plan> {
    publisher(user)?;
    let user2 = user.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let current = lock_in_scope(txn, &user2, id).await?;
            let to = current.status.apply(action).map_err(refused)?;
            let now = Utc::now();
            let mut upd = plan::Entity::update_many()
                .col_expr(plan::Column::Status, Expr::value(to))
                .col_expr(plan::Column::UpdatedAt, Expr::value(now))
                .filter(plan::Column::Id.eq(id))
                .filter(plan::Column::Status.eq(current.status));
            match action {
                PlanAction::Publish => {
                    if current.closes_at <= now {
                        return Err(AppError::validation(vec![crate::error::FieldError {
                            field: "closes_at".into(),
                            message: "申报截止时间已过，请修改后再发布".into(),
                        }]));
                    }
                    upd = upd.col_expr(plan::Column::PublishedAt, Expr::value(now));
                }
                PlanAction::Close => {
                    upd = upd.col_expr(plan::Column::ClosedAt, Expr::value(now));
                }
                PlanAction::Edit | PlanAction::Delete => unreachable!("not a transition"),
            }
            let res = upd.exec(txn).await?;
            if res.rows_affected != 1 {
                return Err(refused("该申报计划的状态已被他人更改，请刷新后重试".into()));
            }
            Ok(())
        })
    })
    .await?;
    views::get(db, user, id).await
}

pub async fn publish(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<Plan> {
    transition(db, user, id, PlanAction::Publish).await
}

pub async fn close(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<Plan> {
    transition(db, user, id, PlanAction::Close).await
}

/// Deletes a draft (one conditional DELETE).
pub async fn delete(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<()> {
    publisher(user)?;
    let user2 = user.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let current = lock_in_scope(txn, &user2, id).await?;
            current.status.apply(PlanAction::Delete).map_err(refused)?;
            plan_affiliation::Entity::delete_many()
                .filter(plan_affiliation::Column::PlanId.eq(id))
                .exec(txn)
                .await?;
            let res = plan::Entity::delete_many()
                .filter(plan::Column::Id.eq(id))
                .filter(plan::Column::Status.eq(PlanStatus::Draft))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(refused("该申报计划的状态已被他人更改，请刷新后重试".into()));
            }
            Ok(())
        })
    })
    .await
}
