//! Notifications: in-app messages, and SMS (12333 notices) through the outbox and an adapter.
pub mod codes;
pub mod outbox;
pub mod routes;
pub mod sms;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use crate::{entities::notification, error::AppResult};

/// Adds an in-app notification for `account`.
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    account: Uuid,
    title: &str,
    body: &str,
) -> AppResult<()> {
    notification::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        read_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The routes of this domain, registered by `crate::router`.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list_notifications)
        .service(routes::mark_notification_read)
        .service(routes::list_sms_outbox)
        .service(routes::mark_all_notifications_read);
}
