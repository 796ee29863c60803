use crate::error::ErrorCode;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    error::{AppError, Problem},
    state::AppState,
};

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// 进程存活检查
#[utoipa::path(tag = "health", responses((status = 200, description = "进程正常", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
    })
}

/// 就绪检查（数据库可达）
#[utoipa::path(tag = "health", responses(
    (status = 200, description = "数据库可达", body = Health),
    (status = 503, description = "数据库不可达", body = Problem, content_type = "application/problem+json")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if crate::db::ping(&state.db).await {
        Ok(HttpResponse::Ok().json(Health {
            status: "ok".into(),
        }))
    } else {
        Err(AppError::new(
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::DatabaseUnavailable,
            "数据库暂时不可用",
        ))
    }
}
