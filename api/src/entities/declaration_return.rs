use sea_orm::entity::prelude::*;

/// A return 退回: the unit that sent the declaration back, the overall comment and the items
/// to fix (`items`: JSON list of `ReturnItem`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_returns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub declaration_id: Uuid,
    pub unit_id: Uuid,
    pub actor_id: Uuid,
    pub comment: String,
    pub items: Json,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
