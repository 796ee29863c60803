use sea_orm::entity::prelude::*;

use crate::plans::{dto::PlanType, eligibility::TitleGrade, status::PlanStatus};

/// 申报计划. `specialties` (list of text), `acceptors` (org-unit ids), `attachments`
/// (`AttachmentRequirement`s) and `rules` (`EligibilityRules`) are JSON; the eligible
/// affiliations are rows of `plan_affiliations`. `fee_fen` is the fee in 分 (1/100 yuan).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub publisher_id: Uuid,
    pub year: i32,
    pub name: String,
    pub plan_type: PlanType,
    pub series: String,
    pub level: TitleGrade,
    pub specialties: Json,
    pub acceptors: Json,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub description: String,
    pub attachments: Json,
    pub qualification: String,
    pub rules: Json,
    pub fee_fen: i64,
    pub status: PlanStatus,
    pub created_by: Uuid,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
