//! The outbox: work that must happen after a commit (SMS now, webhooks later), stored in the
//! same transaction as the change and delivered by a background worker with retries.
//! Rows are claimed with a conditional update, so any number of replicas can poll.
use std::time::Duration;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::sms::{SmsAdapter, SmsMessage};
use crate::{
    entities::outbox::{self, OutboxKind, OutboxStatus},
    error::AppResult,
};

pub const MAX_ATTEMPTS: i32 = 8;

/// Queues an SMS in the caller's transaction.
pub async fn enqueue_sms<C: ConnectionTrait>(db: &C, phone: &str, text: &str) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    outbox::ActiveModel {
        id: Set(id),
        kind: Set(OutboxKind::Sms),
        payload: Set(serde_json::to_value(SmsMessage {
            phone: phone.to_owned(),
            text: format!("【12333】{text}"),
        })
        .expect("serialises")),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        available_at: Set(now),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Retry delay after `attempts` failures: 2, 4, 8 … seconds, at most 10 minutes.
pub fn backoff(attempts: i32) -> Duration {
    Duration::from_secs(std::cmp::min(1u64 << attempts.clamp(1, 10) as u32, 600))
}

/// Delivers what is due; returns how many rows were handled.
pub async fn deliver_due(db: &DatabaseConnection, sms: &SmsAdapter) -> AppResult<usize> {
    let now = Utc::now();
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Pending))
        .filter(outbox::Column::AvailableAt.lte(now))
        .order_by_asc(outbox::Column::AvailableAt)
        .limit(20)
        .all(db)
        .await?;
    let mut handled = 0;
    for row in due {
        let claimed = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(OutboxStatus::Sending))
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.eq(row.id))
            .filter(outbox::Column::Status.eq(OutboxStatus::Pending))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue; // another replica has it
        }
        let attempts = row.attempts + 1;
        let result = match row.kind {
            OutboxKind::Sms => match serde_json::from_value::<SmsMessage>(row.payload.clone()) {
                Ok(msg) => sms.send(&msg).await,
                Err(e) => Err(format!("bad payload: {e}")),
            },
        };
        let mut m: outbox::ActiveModel = row.into();
        m.attempts = Set(attempts);
        match result {
            Ok(()) => {
                m.status = Set(OutboxStatus::Sent);
                m.sent_at = Set(Some(Utc::now()));
                m.last_error = Set(None);
            }
            Err(e) => {
                m.status = Set(if attempts >= MAX_ATTEMPTS {
                    OutboxStatus::Failed
                } else {
                    OutboxStatus::Pending
                });
                m.available_at =
                    Set(Utc::now() + chrono::Duration::from_std(backoff(attempts)).unwrap());
                m.last_error = Set(Some(e.chars().take(500).collect()));
            }
        }
        m.update(db).await?;
        handled += 1;
    }
    Ok(handled)
}

/// Polls the outbox every half second until the process ends.
pub fn spawn_worker(db: DatabaseConnection, sms: SmsAdapter) {
    tokio::spawn(async move {
        loop {
            match deliver_due(&db, &sms).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e.detail, "outbox delivery failed"),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(8));
        assert_eq!(backoff(20), Duration::from_secs(600));
    }
}
