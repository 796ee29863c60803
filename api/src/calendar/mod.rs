//! 工作日日历: China's official public holidays and make-up working days (调休), so periods
//! such as the 公示 (at least 5 working days) are counted in working days.
//!
//! [`workdays`] is the pure calendar (shipped schedule plus overrides, never a guess);
//! [`service`] loads the administrator's overrides and is what other domains call;
//! [`admin`] is the administrator's maintenance of years the shipped data does not cover.
pub mod admin;
pub mod dto;
pub mod routes;
pub mod service;
pub mod workdays;

pub use service::{add_working_days, is_working_day, working_days_between};

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::working_days)
        .service(routes::list_years)
        .service(routes::put_year)
        .service(routes::delete_year);
}
