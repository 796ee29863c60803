//! Read-only reference data shipped with the product.
pub mod data;
pub mod routes;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_title_series)
        .service(routes::list_ethnicities)
        .service(routes::list_political_statuses)
        .service(routes::list_education_levels);
}
