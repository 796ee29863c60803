use sea_orm::entity::prelude::*;

/// One shard of a maintained tab count: how many declarations of `plan_id` (accepted by
/// `acceptor_id`) unit `unit_id` has in tab `tab`. A count is the sum over shards; changes go to
/// the shard of the declaration, so concurrent decisions rarely touch the same row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_counters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub plan_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub acceptor_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub tab: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub shard: i16,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
