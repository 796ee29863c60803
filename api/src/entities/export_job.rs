use sea_orm::entity::prelude::*;

use crate::review::dto::{ExportKind, ExportStatus};

/// An export (导出名单 / 导出公示表) run in the background: who asked for it, the list filters it
/// follows (JSON `ExportFilters`), its progress, and the finished file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "export_jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub unit_id: Uuid,
    pub kind: ExportKind,
    pub filters: Json,
    pub status: ExportStatus,
    pub total: i64,
    pub done: i64,
    pub file_id: Option<Uuid>,
    pub error: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
