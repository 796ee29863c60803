use sea_orm::entity::prelude::*;

use crate::archive::{categories::Category, status::RecordStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "archive_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: Uuid,
    pub employer_id: Option<Uuid>,
    pub category: Category,
    pub status: RecordStatus,
    pub data: Json,
    pub title: String,
    pub record_date: Option<Date>,
    pub review_comment: Option<String>,
    pub version: i32,
    pub submitted_at: DateTimeUtc,
    pub reviewed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
