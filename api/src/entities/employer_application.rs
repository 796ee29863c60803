use sea_orm::entity::prelude::*;

use crate::onboarding::dto::{ApplicationKind, ApplicationStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employer_applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub unit_id: Uuid,
    pub account_id: Uuid,
    pub kind: ApplicationKind,
    pub affiliation_id: Uuid,
    pub certificate_no: Option<String>,
    pub file_id: Uuid,
    pub status: ApplicationStatus,
    pub opinion: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
