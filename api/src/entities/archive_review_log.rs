use sea_orm::entity::prelude::*;

use crate::archive::status::{RecordStatus, ReviewAction};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "archive_review_logs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub record_id: Uuid,
    pub actor_id: Uuid,
    pub actor_name: String,
    pub action: ReviewAction,
    pub from_status: Option<RecordStatus>,
    pub to_status: RecordStatus,
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
