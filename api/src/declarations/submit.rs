//! Step 7, 提交: every requirement is checked inside the transaction that holds the
//! declaration's lock — an open window, an uploaded photo, an unexpired signed guarantee, the
//! declaration info and the accepting unit, approved education, work-history and assessment
//! records, the plan's required attachments. The applicant's basic information and the
//! eligibility outcome are copied into the declaration, and it goes to the employer's queue.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access,
    dto::{Declaration, DeclarationInfo, SubmitDeclaration},
    preview, records,
    status::{DeclarationAction, DeclarationStatus, EventAction},
    views,
};
use crate::{
    accounts::profile::load_of,
    auth::{AuthUser, Role},
    db::WriteTxn,
    entities::{declaration, plan},
    error::{AppError, AppResult, ErrorCode, FieldError},
};

fn stale() -> AppError {
    AppError::conflict(
        ErrorCode::VersionConflict,
        "申报内容在预览后有变化，请刷新预览确认后再提交",
    )
}

/// Whether `plan` lists `employer` (or a unit above it) among its affiliations.
pub async fn open_to<C: sea_orm::ConnectionTrait>(
    db: &C,
    employer: Uuid,
    plan: Uuid,
) -> AppResult<bool> {
    Ok(plan::Entity::find_by_id(plan)
        .filter(crate::plans::open::open_to(employer))
        .one(db)
        .await?
        .is_some())
}

/// `POST /declarations/{id}/submit`.
pub async fn submit(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: SubmitDeclaration,
) -> AppResult<Declaration> {
    // lock_own below answers 404 for a declaration that is not the caller's
    user.require(&[Role::Individual])?;
    let applicant = user.id;
    let view = db
        .write_txn(|txn| {
            Box::pin(async move {
                let d = access::lock_own(txn, applicant, id).await?;
                access::allow(&d, DeclarationAction::Submit)?;
                if req.version.is_some_and(|v| i64::from(v) != i64::from(d.version)) {
                    return Err(stale());
                }
                let p = plan::Entity::find_by_id(d.plan_id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)?;
                // the declaration goes to the employer the applicant is bound to now
                let profile = load_of(txn, applicant).await?;
                let employer = profile.employer.as_ref().map(|e| e.id).ok_or_else(|| {
                    AppError::new(
                        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorCode::EmployerNotBound,
                        "请先在个人基本信息中绑定工作单位，申报需由所在单位审查",
                    )
                })?;
                let info: DeclarationInfo =
                    serde_json::from_value(d.info.clone()).unwrap_or_default();
                let snapshots = records::extracted(txn, d.id).await?;
                let requirements: Vec<crate::plans::dto::AttachmentRequirement> =
                    serde_json::from_value(p.attachments.clone()).unwrap_or_default();
                let attachments = views::attachment_items(txn, &d, &requirements).await?;
                // the applicant may have moved to a unit the plan is not open to since starting
                // (a published plan's affiliations do not change, so the same unit still may)
                let open =
                    employer == d.employer_id || open_to(txn, employer, d.plan_id).await?;
                let unmet: Vec<FieldError> =
                    preview::checks(&d, &p, open, &info, &snapshots, &attachments)
                        .into_iter()
                        .filter(|c| !c.met)
                        .map(|c| FieldError {
                            field: c.field,
                            message: c.message,
                        })
                        .collect();
                if !unmet.is_empty() {
                    let mut e = AppError::validation(unmet);
                    e.code = ErrorCode::DeclarationIncomplete;
                    e.detail = "申报材料不完整，请按提示补充后再提交".into();
                    return Err(e);
                }
                let eligibility = preview::eligibility_of(&p, &snapshots, preview::today());
                let now = Utc::now();
                let done = declaration::Entity::update_many()
                    .col_expr(
                        declaration::Column::Status,
                        Expr::value(DeclarationStatus::Submitted.as_str()),
                    )
                    .col_expr(declaration::Column::EmployerId, Expr::value(employer))
                    .col_expr(declaration::Column::HolderId, Expr::value(employer))
                    .col_expr(declaration::Column::HeldSince, Expr::value(now))
                    .col_expr(declaration::Column::SubmittedAt, Expr::value(now))
                    .col_expr(
                        declaration::Column::Profile,
                        Expr::value(
                            serde_json::to_value(&profile).map_err(|_| AppError::internal())?,
                        ),
                    )
                    .col_expr(
                        declaration::Column::Eligibility,
                        Expr::value(
                            serde_json::to_value(&eligibility).map_err(|_| AppError::internal())?,
                        ),
                    )
                    .col_expr(declaration::Column::LastStep, Expr::value(7))
                    // an unused signing link stops working once the declaration is submitted
                    .col_expr(
                        declaration::Column::SigningTokenHash,
                        Expr::value(Option::<String>::None),
                    )
                    .col_expr(
                        declaration::Column::Version,
                        Expr::col(declaration::Column::Version).add(1),
                    )
                    .col_expr(declaration::Column::UpdatedAt, Expr::value(now))
                    .filter(declaration::Column::Id.eq(id))
                    .filter(declaration::Column::Status.is_in([
                        DeclarationStatus::Draft,
                        DeclarationStatus::Returned,
                    ]))
                    .filter(declaration::Column::Version.eq(d.version))
                    .exec(txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(stale());
                }
                super::log(
                    txn,
                    super::Event {
                        declaration: id,
                        action: EventAction::Submitted,
                        actor: applicant,
                        unit: Some(employer),
                        change: Some((d.status, DeclarationStatus::Submitted)),
                        comment: None,
                        at: now,
                    },
                )
                .await?;
                let unit = profile.employer.as_ref().map(|e| e.name.as_str()).unwrap_or("");
                crate::notify::notify(
                    txn,
                    applicant,
                    "职称申报已提交",
                    &format!(
                        "您的“{}”申报已提交，现由{unit}进行资格审查。可在“我的申报记录”中查看进度。",
                        p.name
                    ),
                )
                .await?;
                let row = declaration::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::internal)?;
                // the employer's 待审查 list (a resubmission starts again there)
                crate::review::chain::arrive(txn, &row, &p, employer, now).await?;
                // the answer is read in the same transaction: one connection, no checkouts
                views::build(txn, &row).await
            })
        })
        .await?;
    Ok(view)
}
