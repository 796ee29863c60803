use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an outbox row delivers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// 12333 短信
    #[sea_orm(string_value = "sms")]
    Sms,
}

/// Where an outbox row stands: pending → sending → sent, or back to pending with a delay
/// after a failure, or failed after the last attempt.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// 待发送
    #[sea_orm(string_value = "pending")]
    Pending,
    /// 发送中
    #[sea_orm(string_value = "sending")]
    Sending,
    /// 已发送
    #[sea_orm(string_value = "sent")]
    Sent,
    /// 发送失败（已达最大重试次数）
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: OutboxKind,
    pub payload: Json,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub available_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
