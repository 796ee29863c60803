//! The organisation tree (HRSS departments, competent departments, committees,
//! employers) and the one jurisdiction helper every scoped query goes through.
pub mod dto;
pub mod jurisdiction;
pub mod routes;
pub mod service;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_org_units)
        .service(routes::create_org_unit)
        .service(routes::get_org_unit)
        .service(routes::list_departments);
}
