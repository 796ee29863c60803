//! Accounts and authentication: registration, login with lockout, rotating refresh
//! tokens, the current user, and staff allocation by administrators.
pub mod dto;
pub mod lockout;
pub mod password_reset;
pub mod profile;
pub mod routes;
pub mod service;
pub mod tokens;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::register_individual)
        .service(routes::register_employer)
        .service(routes::login)
        .service(password_reset::send_password_reset_code)
        .service(password_reset::reset_password)
        .service(routes::refresh_tokens)
        .service(routes::logout)
        .service(routes::get_me)
        .service(routes::list_staff_accounts)
        .service(routes::create_staff_account)
        .service(profile::get_profile)
        .service(profile::update_profile)
        .service(profile::list_employment_history)
        .service(profile::search_employers);
}
