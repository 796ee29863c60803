use sea_orm::entity::prelude::*;

use crate::declarations::status::{DeclarationStatus, EventAction};

/// One line of a declaration's timeline: who did what, and which unit holds it afterwards.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub declaration_id: Uuid,
    pub action: EventAction,
    pub actor_id: Option<Uuid>,
    pub unit_id: Option<Uuid>,
    pub comment: Option<String>,
    /// The declaration's state before and after (审查日志 from → to), where it changed.
    pub from_status: Option<DeclarationStatus>,
    pub to_status: Option<DeclarationStatus>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
