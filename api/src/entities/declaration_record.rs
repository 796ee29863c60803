use sea_orm::entity::prelude::*;

use crate::archive::categories::Category;

/// An approved archive record extracted (提取) into a declaration: `snapshot` is the
/// `RecordSnapshot` taken at extraction, so later archive edits never change the declaration.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub declaration_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: Uuid,
    pub category: Category,
    pub snapshot: Json,
    pub extracted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
