//! 职称申报: the declaration wizard (马上申报 → 证件照 → 真实性保证书 → 申报信息 → 业绩 →
//! 附件 → 预览并提交), 我的申报记录 (stage, timeline, 撤回, 删除), and the 18-section view every
//! reviewer reuses.
//!
//! One file a use case: [`create`], [`photo`], [`signing`], [`info`], [`records`],
//! [`attachments`], [`preview`], [`submit`], [`withdraw`]; [`views`] reads, [`access`] decides
//! who may, [`status`] is the state machine and [`guarantee`] the text that is signed.
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{entities::declaration, error::AppResult};

pub mod access;
pub mod attachments;
pub mod create;
pub mod dto;
pub mod guarantee;
pub mod info;
pub mod photo;
pub mod preview;
pub mod records;
pub mod routes;
pub mod signing;
pub mod status;
pub mod submit;
pub mod views;
pub mod withdraw;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_declarations)
        .service(routes::start_declaration)
        .service(routes::get_declaration)
        .service(routes::delete_declaration)
        .service(routes::get_declaration_preview)
        .service(routes::upload_declaration_photo)
        .service(routes::get_declaration_photo)
        .service(routes::start_guarantee_signing)
        .service(routes::get_guarantee_signature)
        .service(routes::get_signing_page)
        .service(routes::sign_guarantee)
        .service(routes::save_declaration_info)
        .service(routes::list_declaration_records)
        .service(routes::extract_declaration_records)
        .service(routes::ignore_declaration_records)
        .service(routes::download_snapshot_attachment)
        .service(routes::upload_declaration_attachment)
        .service(routes::download_declaration_attachment)
        .service(routes::delete_declaration_attachment)
        .service(routes::submit_declaration)
        .service(routes::withdraw_declaration)
        .service(routes::get_plan_eligibility);
}

/// Marks a change of the (locked) declaration `d`: the furthest step reached, a new version.
pub async fn touch<C: ConnectionTrait>(
    txn: &C,
    d: &declaration::Model,
    step: i32,
) -> AppResult<()> {
    declaration::Entity::update_many()
        .col_expr(
            declaration::Column::LastStep,
            Expr::value(std::cmp::max(d.last_step, step)),
        )
        .col_expr(
            declaration::Column::Version,
            Expr::col(declaration::Column::Version).add(1),
        )
        .col_expr(declaration::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(declaration::Column::Id.eq(d.id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Adds a line to the timeline of declaration `id`: `actor` did `action` at `at`; `unit`
/// holds the declaration afterwards.
pub async fn record_event<C: ConnectionTrait>(
    txn: &C,
    id: Uuid,
    action: status::EventAction,
    actor: Uuid,
    unit: Option<Uuid>,
    at: chrono::DateTime<Utc>,
) -> AppResult<()> {
    log(
        txn,
        Event {
            declaration: id,
            action,
            actor,
            unit,
            change: None,
            comment: None,
            at,
        },
    )
    .await
}

/// A line of a declaration's timeline (and 审查日志).
pub struct Event {
    pub declaration: Uuid,
    pub action: status::EventAction,
    pub actor: Uuid,
    /// The unit that decided, or that received the declaration (none: the applicant acted).
    pub unit: Option<Uuid>,
    /// from → to, where the state changed.
    pub change: Option<(status::DeclarationStatus, status::DeclarationStatus)>,
    /// 审查意见
    pub comment: Option<String>,
    pub at: chrono::DateTime<Utc>,
}

/// Adds `e` to its declaration's timeline.
pub async fn log<C: ConnectionTrait>(txn: &C, e: Event) -> AppResult<()> {
    use sea_orm::{ActiveModelTrait, Set};
    crate::entities::declaration_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        declaration_id: Set(e.declaration),
        action: Set(e.action),
        actor_id: Set(Some(e.actor)),
        unit_id: Set(e.unit),
        comment: Set(e.comment),
        from_status: Set(e.change.map(|c| c.0)),
        to_status: Set(e.change.map(|c| c.1)),
        at: Set(e.at),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Declarations waiting for `unit`'s review (the user centre's "M 份职称申报申请"), from the
/// maintained counters.
pub async fn pending_for<C: ConnectionTrait>(db: &C, unit: Uuid) -> AppResult<u64> {
    Ok(u64::try_from(crate::review::counters::pending_total(db, unit).await?).unwrap_or(0))
}
