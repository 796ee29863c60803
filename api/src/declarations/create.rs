//! 马上申报: a draft declaration for a plan open to the applicant now. One declaration per
//! person and plan (a unique index): pressing it again resumes the draft, and answers 409
//! once the declaration has been submitted.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};
use uuid::Uuid;

use super::{
    dto::{Declaration, StartDeclaration},
    status::{DeclarationStatus, EventAction},
    views,
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    entities::{declaration, plan},
    error::{AppError, AppResult, ErrorCode},
    plans::{open, status::PlanStatus},
};

/// 422 `plan_not_open` unless `p` is published and inside its window now.
pub fn require_open(p: &plan::Model) -> AppResult<()> {
    let now = Utc::now();
    let why = if p.status != PlanStatus::Published {
        Some("该申报计划已关闭，不能申报")
    } else if now < p.opens_at {
        Some("该申报计划尚未开始受理申报")
    } else if now >= p.closes_at {
        Some("该申报计划已过申报截止时间")
    } else {
        None
    };
    match why {
        Some(why) => Err(AppError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::PlanNotOpen,
            why,
        )),
        None => Ok(()),
    }
}

/// A plan the applicant's employer may declare under (published or closed), or 404.
pub async fn visible_plan<C: ConnectionTrait>(
    db: &C,
    employer: Uuid,
    plan_id: Uuid,
) -> AppResult<plan::Model> {
    plan::Entity::find_by_id(plan_id)
        .filter(plan::Column::Status.ne(PlanStatus::Draft))
        .filter(open::open_to(employer))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("plan_id", "申报计划不存在或不对您所在单位开放"))
}

/// `POST /declarations`: `(true, …)` when a new draft was created.
pub async fn start(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: StartDeclaration,
) -> AppResult<(bool, Declaration)> {
    let employer = open::employer_of(db, user).await?;
    let p = visible_plan(db, employer, req.plan_id).await?;
    require_open(&p)?;
    let applicant = user.id;
    let plan_id = p.id;
    // a single acceptor is chosen for the applicant
    let acceptors: Vec<Uuid> = serde_json::from_value(p.acceptors.clone()).unwrap_or_default();
    let acceptor = (acceptors.len() == 1).then(|| acceptors[0]);
    let (created, row) = db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                let id = Uuid::now_v7();
                let inserted = declaration::Entity::insert(declaration::ActiveModel {
                    id: Set(id),
                    applicant_id: Set(applicant),
                    plan_id: Set(plan_id),
                    employer_id: Set(employer),
                    status: Set(DeclarationStatus::Draft),
                    last_step: Set(1),
                    acceptor_id: Set(acceptor),
                    info: Set(serde_json::json!({})),
                    photo_file_id: Set(None),
                    signature_file_id: Set(None),
                    guarantee_signed_at: Set(None),
                    signing_token_hash: Set(None),
                    signing_token_expires_at: Set(None),
                    profile: Set(None),
                    eligibility: Set(None),
                    holder_id: Set(None),
                    fee_waived_by: Set(None),
                    held_since: Set(None),
                    submitted_at: Set(None),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                })
                .on_conflict(
                    OnConflict::columns([
                        declaration::Column::ApplicantId,
                        declaration::Column::PlanId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(txn)
                .await?;
                if inserted == 1 {
                    super::record_event(txn, id, EventAction::Created, applicant, None, now)
                        .await?;
                }
                let row = declaration::Entity::find()
                    .filter(declaration::Column::ApplicantId.eq(applicant))
                    .filter(declaration::Column::PlanId.eq(plan_id))
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)?;
                Ok((inserted == 1, row))
            })
        })
        .await?;
    if !created && !row.status.is_editable() {
        return Err(AppError::conflict(
            ErrorCode::DeclarationExists,
            "您已提交过该计划的申报，可在“我的申报记录”中查看进度",
        ));
    }
    Ok((created, views::build(db, &row).await?))
}
