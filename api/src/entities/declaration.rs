use sea_orm::entity::prelude::*;

use crate::declarations::status::DeclarationStatus;

/// 职称申报. `info` is the `DeclarationInfo` of step 4 (JSON); `profile` the applicant's
/// basic information copied at submission; `eligibility` the rule outcomes at submission.
/// `holder_id` / `held_since`: the unit that has it now and since when (none for a draft).
/// The signing token is stored only as its SHA-256.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub applicant_id: Uuid,
    pub plan_id: Uuid,
    pub employer_id: Uuid,
    pub status: DeclarationStatus,
    pub last_step: i32,
    pub acceptor_id: Option<Uuid>,
    pub info: Json,
    pub photo_file_id: Option<Uuid>,
    pub signature_file_id: Option<Uuid>,
    pub guarantee_signed_at: Option<DateTimeUtc>,
    pub signing_token_hash: Option<String>,
    pub signing_token_expires_at: Option<DateTimeUtc>,
    pub profile: Option<Json>,
    pub eligibility: Option<Json>,
    pub holder_id: Option<Uuid>,
    pub held_since: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    /// The department whose 收费设定 waived the fee, if one did.
    pub fee_waived_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
