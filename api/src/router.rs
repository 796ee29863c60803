//! The one place routes are registered: each domain contributes its `routes(cfg)`, used both
//! for serving and for the OpenAPI document.
use actix_web::{
    App,
    dev::{ServiceFactory, ServiceRequest},
};
use serde_json::Value;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

use crate::{
    accounts, archive, calendar, declarations, health, notify, onboarding, openapi, orgs, plans,
    reference, review,
};

/// Every API route under `/api/v1`, one line per domain.
fn api_v1(cfg: &mut ServiceConfig) {
    cfg.configure(accounts::routes)
        .configure(orgs::routes)
        .configure(onboarding::routes)
        .configure(reference::routes)
        .configure(archive::routes)
        .configure(plans::routes)
        .configure(declarations::routes)
        .configure(calendar::routes)
        .configure(review::routes)
        .configure(notify::routes);
}

pub fn routes<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(health::healthz)
        .service(health::readyz)
        .service(scope::scope("/api/v1").configure(api_v1))
}

/// The complete OpenAPI document, as served at `/api/openapi.json` and committed in
/// `openapi/openapi.json`.
pub fn openapi_document() -> Value {
    let (_, doc) = routes(
        App::new()
            .into_utoipa_app()
            .openapi(openapi::BaseDoc::openapi()),
    )
    .split_for_parts();
    openapi::finish(doc)
}
