use sea_orm::entity::prelude::*;

use crate::{declarations::status::ReviewState, plans::dto::PlanType};

/// A declaration at one unit of the review chain that has held it: its state there (the
/// unit's tabs), when it arrived, the unit's decision and opinion. Name, ID number, plan and
/// acceptor are copied from the declaration so a unit's lists read one table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub declaration_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: Uuid,
    pub plan_id: Uuid,
    pub acceptor_id: Uuid,
    pub year: i32,
    pub plan_type: PlanType,
    pub applicant_name: String,
    pub id_number: String,
    pub state: ReviewState,
    pub shard: i16,
    pub received_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub opinion: Option<String>,
    pub publicity_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
