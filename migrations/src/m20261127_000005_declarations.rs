//! 职称申报: declarations (one per applicant and plan), the archive records extracted into them
//! as snapshots, the files uploaded for the plan's 附件要求, the timeline of what happened to
//! each, and the stored answers of idempotent requests. Built with the schema builder, so the
//! same statements run on SQLite and PostgreSQL.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plans {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Declarations {
    Table,
    Id,
    ApplicantId,
    PlanId,
    EmployerId,
    Status,
    LastStep,
    AcceptorId,
    Info,
    PhotoFileId,
    SignatureFileId,
    GuaranteeSignedAt,
    SigningTokenHash,
    SigningTokenExpiresAt,
    Profile,
    Eligibility,
    HolderId,
    HeldSince,
    SubmittedAt,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DeclarationRecords {
    Table,
    DeclarationId,
    RecordId,
    Category,
    Snapshot,
    ExtractedAt,
}

#[derive(DeriveIden)]
enum DeclarationAttachments {
    Table,
    Id,
    DeclarationId,
    Item,
    FileId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DeclarationEvents {
    Table,
    Id,
    DeclarationId,
    Action,
    ActorId,
    UnitId,
    Comment,
    At,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    AccountId,
    Key,
    RequestHash,
    State,
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Declarations::Table)
                .col(pk_uuid(Declarations::Id))
                .col(uuid(Declarations::ApplicantId))
                .col(uuid(Declarations::PlanId))
                .col(uuid(Declarations::EmployerId))
                .col(string_len(Declarations::Status, 24))
                .col(integer(Declarations::LastStep))
                .col(uuid_null(Declarations::AcceptorId))
                .col(json(Declarations::Info))
                .col(uuid_null(Declarations::PhotoFileId))
                .col(uuid_null(Declarations::SignatureFileId))
                .col(timestamp_with_time_zone_null(
                    Declarations::GuaranteeSignedAt,
                ))
                .col(string_len_null(Declarations::SigningTokenHash, 64))
                .col(timestamp_with_time_zone_null(
                    Declarations::SigningTokenExpiresAt,
                ))
                .col(json_null(Declarations::Profile))
                .col(json_null(Declarations::Eligibility))
                .col(uuid_null(Declarations::HolderId))
                .col(timestamp_with_time_zone_null(Declarations::HeldSince))
                .col(timestamp_with_time_zone_null(Declarations::SubmittedAt))
                .col(integer(Declarations::Version))
                .col(timestamp_with_time_zone(Declarations::CreatedAt))
                .col(timestamp_with_time_zone(Declarations::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::ApplicantId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::PlanId)
                        .to(Plans::Table, Plans::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::EmployerId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::AcceptorId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::HolderId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::PhotoFileId)
                        .to(Files::Table, Files::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Declarations::Table, Declarations::SignatureFileId)
                        .to(Files::Table, Files::Id),
                )
                .to_owned(),
        )
        .await?;
        // one declaration per person per plan: the database refuses a second, even when two
        // "马上申报" race
        m.create_index(
            Index::create()
                .name("idx_declarations_applicant_plan")
                .table(Declarations::Table)
                .col(Declarations::ApplicantId)
                .col(Declarations::PlanId)
                .unique()
                .to_owned(),
        )
        .await?;
        // 我的申报记录: the applicant's declarations, latest first
        m.create_index(
            Index::create()
                .name("idx_declarations_applicant_updated")
                .table(Declarations::Table)
                .col(Declarations::ApplicantId)
                .col(Declarations::UpdatedAt)
                .to_owned(),
        )
        .await?;
        // a unit's queue: what it holds, by status
        m.create_index(
            Index::create()
                .name("idx_declarations_holder_status")
                .table(Declarations::Table)
                .col(Declarations::HolderId)
                .col(Declarations::Status)
                .to_owned(),
        )
        .await?;
        // the phone signing page finds its declaration by the token's hash
        m.create_index(
            Index::create()
                .name("idx_declarations_signing_token")
                .table(Declarations::Table)
                .col(Declarations::SigningTokenHash)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DeclarationRecords::Table)
                .col(uuid(DeclarationRecords::DeclarationId))
                .col(uuid(DeclarationRecords::RecordId))
                .col(string_len(DeclarationRecords::Category, 32))
                .col(json(DeclarationRecords::Snapshot))
                .col(timestamp_with_time_zone(DeclarationRecords::ExtractedAt))
                .primary_key(
                    Index::create()
                        .col(DeclarationRecords::DeclarationId)
                        .col(DeclarationRecords::RecordId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationRecords::Table, DeclarationRecords::DeclarationId)
                        .to(Declarations::Table, Declarations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DeclarationAttachments::Table)
                .col(pk_uuid(DeclarationAttachments::Id))
                .col(uuid(DeclarationAttachments::DeclarationId))
                .col(integer(DeclarationAttachments::Item))
                .col(uuid(DeclarationAttachments::FileId))
                .col(timestamp_with_time_zone(DeclarationAttachments::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            DeclarationAttachments::Table,
                            DeclarationAttachments::DeclarationId,
                        )
                        .to(Declarations::Table, Declarations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            DeclarationAttachments::Table,
                            DeclarationAttachments::FileId,
                        )
                        .to(Files::Table, Files::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_declaration_attachments_item")
                .table(DeclarationAttachments::Table)
                .col(DeclarationAttachments::DeclarationId)
                .col(DeclarationAttachments::Item)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DeclarationEvents::Table)
                .col(pk_uuid(DeclarationEvents::Id))
                .col(uuid(DeclarationEvents::DeclarationId))
                .col(string_len(DeclarationEvents::Action, 32))
                .col(uuid_null(DeclarationEvents::ActorId))
                .col(uuid_null(DeclarationEvents::UnitId))
                .col(text_null(DeclarationEvents::Comment))
                .col(timestamp_with_time_zone(DeclarationEvents::At))
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationEvents::Table, DeclarationEvents::DeclarationId)
                        .to(Declarations::Table, Declarations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_declaration_events_declaration")
                .table(DeclarationEvents::Table)
                .col(DeclarationEvents::DeclarationId)
                .col(DeclarationEvents::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(uuid(IdempotencyKeys::AccountId))
                .col(string_len(IdempotencyKeys::Key, 100))
                .col(string_len(IdempotencyKeys::RequestHash, 64))
                .col(string_len(IdempotencyKeys::State, 16))
                .col(integer_null(IdempotencyKeys::ResponseStatus))
                .col(text_null(IdempotencyKeys::ResponseBody))
                .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(IdempotencyKeys::AccountId)
                        .col(IdempotencyKeys::Key),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            IdempotencyKeys::Table.into_iden(),
            DeclarationEvents::Table.into_iden(),
            DeclarationAttachments::Table.into_iden(),
            DeclarationRecords::Table.into_iden(),
            Declarations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
