use sea_orm::entity::prelude::*;

use crate::{onboarding::status::UnitStatus, orgs::dto::OrgKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: OrgKind,
    pub parent_id: Option<Uuid>,
    pub credit_code: Option<String>,
    pub level: i32,
    pub status: UnitStatus,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
