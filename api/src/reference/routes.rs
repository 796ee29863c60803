use actix_web::{get, web};

use super::data::{self, RefItem, TitleSeries};

/// 职称系列目录（含级别与职称名称）
#[utoipa::path(tag = "reference", responses((status = 200, description = "职称系列", body = Vec<TitleSeries>)))]
#[get("/reference/title-series")]
pub async fn list_title_series() -> web::Json<Vec<TitleSeries>> {
    web::Json(data::title_series())
}

/// 民族（56个民族，GB 3304）
#[utoipa::path(tag = "reference", responses((status = 200, description = "民族", body = Vec<RefItem>)))]
#[get("/reference/ethnicities")]
pub async fn list_ethnicities() -> web::Json<Vec<RefItem>> {
    web::Json(data::ethnicities())
}

/// 政治面貌（GB/T 4762）
#[utoipa::path(tag = "reference", responses((status = 200, description = "政治面貌", body = Vec<RefItem>)))]
#[get("/reference/political-statuses")]
pub async fn list_political_statuses() -> web::Json<Vec<RefItem>> {
    web::Json(data::political_statuses())
}

/// 学历
#[utoipa::path(tag = "reference", responses((status = 200, description = "学历", body = Vec<RefItem>)))]
#[get("/reference/education-levels")]
pub async fn list_education_levels() -> web::Json<Vec<RefItem>> {
    web::Json(data::education_levels())
}
