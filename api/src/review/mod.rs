//! 资格审查: the review chain. The employer's 评审资格审查 / 认定资格审查 (pass with the unit
//! declaration, fail with a reason, return with every item to fix), publicity of at least 5
//! working days and 资格审查推荐; competent and HRSS departments at any depth (收费设定, 审查,
//! 审核推荐); the committee office's 受理, or for 认定/初定 the accepting department's approval.
//!
//! One file a use case: [`decide`], [`recommend`], [`publicity`], [`fees`]; [`lists`] and
//! [`detail`] read; [`exports`] writes a list as xlsx in the background; [`route`] is the way up the tree; [`chain`] and [`counters`] keep each
//! unit's rows and tab counts; [`access`] decides who may. The declaration's state machine is
//! `declarations::status`.
pub mod access;
pub mod chain;
pub mod counters;
pub mod decide;
pub mod detail;
pub mod dto;
pub mod exports;
pub mod fees;
pub mod lists;
pub mod publicity;
pub mod recommend;
pub mod returns;
pub mod route;
pub mod routes;

/// The routes of this domain, registered by `crate::router` (fixed paths before `{id}`).
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_reviews)
        .service(routes::recommend_reviews)
        .service(routes::list_publicities)
        .service(routes::record_publicity)
        .service(routes::set_publicity_outcome)
        .service(routes::list_fee_settings)
        .service(routes::set_fee_setting)
        .service(routes::create_export)
        .service(routes::get_export_job)
        .service(routes::download_export)
        .service(routes::get_review)
        .service(routes::decide_review);
}
