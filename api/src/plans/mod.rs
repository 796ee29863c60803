//! 申报计划: plans published by HRSS departments (type, series and level, specialties,
//! eligible affiliations, accepting committees or departments, window, 评审计划说明,
//! 附件要求, 申报对象资格 as text and as rules, fee), and the plans open to an applicant.
//!
//! By use case: [`manage`] (the publisher's writes), [`views`] (the publisher's list and any
//! plan's detail) and [`open`] (the applicant's list); [`status`] is the state machine and
//! [`eligibility`] the pure rule evaluation the declaration wizard calls.
pub mod dto;
pub mod eligibility;
pub mod manage;
pub mod open;
pub mod routes;
pub mod status;
pub mod views;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_plans)
        .service(routes::create_plan)
        .service(routes::list_open_plans)
        .service(routes::get_plan)
        .service(routes::update_plan)
        .service(routes::delete_plan)
        .service(routes::publish_plan)
        .service(routes::close_plan);
}
