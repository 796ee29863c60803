//! 业绩档案库: the seventeen categories of an individual's achievement archive, and the
//! employer's review of them (业绩档案审核).
//!
//! By use case: [`records`] (the applicant's own records), [`attachments`], [`review`] (the
//! employer's decisions) and [`views`] (everything read); [`access`] says who may touch
//! which record. Every change is one write transaction (`db::WriteTxn`).
pub mod access;
pub mod attachments;
pub mod categories;
pub mod dto;
pub mod papers;
pub mod records;
pub mod review;
pub mod routes;
pub mod status;
pub mod views;

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_my_records)
        .service(routes::create_record)
        .service(routes::get_archive_record)
        .service(routes::update_record)
        .service(routes::delete_record)
        .service(routes::list_record_logs)
        .service(routes::upload_attachment)
        .service(routes::download_attachment)
        .service(routes::delete_attachment)
        .service(routes::get_review_summary)
        .service(routes::list_review_records)
        .service(routes::decide_records)
        .service(routes::decide_record)
        .service(routes::get_my_summary)
        .service(papers::parse_citations)
        .service(papers::import_scholar_papers);
}
