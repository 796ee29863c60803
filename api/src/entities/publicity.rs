use sea_orm::entity::prelude::*;

use crate::review::dto::PublicityOutcome;

/// 公示: an employer's publicity of passed declarations — dates, working days counted on the
/// official calendar, how it was published, and its outcome once it has ended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publicities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub starts_on: Date,
    pub ends_on: Date,
    pub working_days: i32,
    pub method: String,
    pub outcome: Option<PublicityOutcome>,
    pub note: Option<String>,
    pub recorded_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
