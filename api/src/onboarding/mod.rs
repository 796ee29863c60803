//! Employer onboarding: registration without a credit code (manual approval), the
//! authorisation proof 授权委托证明 and its review by the local HRSS department, and the
//! employer's own basic info (bound phone with an SMS code, account operator).
//!
//! A unit's status follows the state machine in [`status`]: pending_registration →
//! (registration approved) pending_authorisation → authorisation_submitted → active;
//! rejections lead to registration_rejected / authorisation_rejected, and after the latter the
//! employer may submit again.
//!
//! By use case: [`registration`] (register without a credit code), [`authorisation`] (the
//! employer's proof), [`applications`] (the HRSS department's review of both), and
//! [`employer_info`] (本单位基本信息). Shapes in [`dto`], handlers in [`routes`].
pub mod applications;
pub mod authorisation;
pub mod dto;
pub mod employer_info;
pub mod registration;
pub mod routes;
pub mod status;

pub use dto::*;
pub use status::{UnitEvent, UnitStatus};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::{
    documents::storage::Storage,
    entities::org_unit,
    error::{AppError, AppResult, ErrorCode},
};

/// Awaits `write`, the transaction that records an upload already stored under `key`, and
/// removes the stored bytes when it fails, so a refused request leaves nothing behind.
async fn discard_on_error<T>(
    storage: &Storage,
    key: &str,
    write: impl std::future::Future<Output = AppResult<T>>,
) -> AppResult<T> {
    let res = write.await;
    if res.is_err() {
        // Best effort: a failure is logged by the storage layer and the refusal stands.
        let _ = storage.delete(key).await;
    }
    res
}

/// Moves `unit` from `from` to where `event` leads, only if it is still in `from`: of two
/// concurrent requests one wins, the other gets the refusal of the state it finds.
async fn transition<C: ConnectionTrait>(
    db: &C,
    unit: Uuid,
    from: UnitStatus,
    event: UnitEvent,
) -> AppResult<UnitStatus> {
    let to = from.next(event)?;
    let res = org_unit::Entity::update_many()
        .col_expr(org_unit::Column::Status, Expr::value(to))
        .filter(org_unit::Column::Id.eq(unit))
        .filter(org_unit::Column::Status.eq(from))
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        return Ok(to);
    }
    let now = org_unit::Entity::find_by_id(unit)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    Err(match now.status.next(event) {
        Err(refusal) => refusal.into(),
        Ok(_) => AppError::conflict(
            ErrorCode::VersionConflict,
            "单位状态刚刚发生变化，请刷新后重试",
        ),
    })
}

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::register_employer_without_code)
        .service(routes::get_authorisation)
        .service(routes::submit_authorisation)
        .service(routes::list_employer_applications)
        .service(routes::get_employer_application)
        .service(routes::download_application_file)
        .service(routes::decide_employer_application)
        .service(routes::get_employer_info)
        .service(routes::send_phone_code)
        .service(routes::change_phone)
        .service(routes::change_operator)
        .service(routes::download_authorisation_template);
}
