use sea_orm::entity::prelude::*;

/// A year the administrator has declared known (its State Council notice entered as
/// `calendar_days`), for years the shipped holiday data does not cover.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_years")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// Where the arrangement was published, e.g. the notice's number.
    pub published_note: String,
    pub declared_by: Uuid,
    pub declared_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
