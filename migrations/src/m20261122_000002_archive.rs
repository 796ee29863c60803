//! Personal profiles, employment history, files, the achievement archive with its review
//! log, employer onboarding (registrations without a credit code, authorisation proofs),
//! account change history, SMS codes, notifications and the outbox.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Profiles {
    Table,
    AccountId,
    FormerName,
    Ethnicity,
    Birthplace,
    PoliticalStatus,
    PartyJoinDate,
    WorkStartDate,
    Health,
    Email,
    HighestEducation,
    CurrentTitle,
    CompletedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EmploymentHistory {
    Table,
    Id,
    AccountId,
    EmployerId,
    BoundAt,
    UnboundAt,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    Id,
    OwnerId,
    Purpose,
    ContentType,
    Size,
    Sha256,
    StorageKey,
    OriginalName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ArchiveRecords {
    Table,
    Id,
    OwnerId,
    EmployerId,
    Category,
    Status,
    Data,
    Title,
    RecordDate,
    ReviewComment,
    Version,
    SubmittedAt,
    ReviewedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ArchiveAttachments {
    Table,
    Id,
    RecordId,
    FileId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ArchiveReviewLogs {
    Table,
    Id,
    RecordId,
    ActorId,
    ActorName,
    Action,
    FromStatus,
    ToStatus,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EmployerApplications {
    Table,
    Id,
    UnitId,
    AccountId,
    Kind,
    AffiliationId,
    CertificateNo,
    FileId,
    Status,
    Opinion,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccountChanges {
    Table,
    Id,
    AccountId,
    Field,
    OldValue,
    NewValue,
    ActorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SmsCodes {
    Table,
    Id,
    AccountId,
    Phone,
    Purpose,
    CodeHash,
    Attempts,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    Title,
    Body,
    ReadAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    Payload,
    Status,
    Attempts,
    AvailableAt,
    LastError,
    SentAt,
    CreatedAt,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(c);
    }
    if unique {
        idx.unique();
    }
    m.create_index(idx.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Profiles::Table)
                .col(uuid(Profiles::AccountId).primary_key())
                .col(string_len_null(Profiles::FormerName, 50))
                .col(string_len_null(Profiles::Ethnicity, 20))
                .col(string_len_null(Profiles::Birthplace, 100))
                .col(string_len_null(Profiles::PoliticalStatus, 20))
                .col(date_null(Profiles::PartyJoinDate))
                .col(date_null(Profiles::WorkStartDate))
                .col(string_len_null(Profiles::Health, 20))
                .col(string_len_null(Profiles::Email, 100))
                .col(string_len_null(Profiles::HighestEducation, 20))
                .col(string_len_null(Profiles::CurrentTitle, 50))
                .col(timestamp_with_time_zone_null(Profiles::CompletedAt))
                .col(timestamp_with_time_zone(Profiles::UpdatedAt))
                .foreign_key(&mut fk(
                    Profiles::Table,
                    Profiles::AccountId,
                    Accounts::Table,
                    Accounts::Id,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EmploymentHistory::Table)
                .col(pk_uuid(EmploymentHistory::Id))
                .col(uuid(EmploymentHistory::AccountId))
                .col(uuid(EmploymentHistory::EmployerId))
                .col(timestamp_with_time_zone(EmploymentHistory::BoundAt))
                .col(timestamp_with_time_zone_null(EmploymentHistory::UnboundAt))
                .foreign_key(&mut fk(
                    EmploymentHistory::Table,
                    EmploymentHistory::AccountId,
                    Accounts::Table,
                    Accounts::Id,
                ))
                .foreign_key(&mut fk(
                    EmploymentHistory::Table,
                    EmploymentHistory::EmployerId,
                    OrgUnits::Table,
                    OrgUnits::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_employment_account",
            EmploymentHistory::Table,
            vec![EmploymentHistory::AccountId.into_iden()],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Files::Table)
                .col(pk_uuid(Files::Id))
                .col(uuid_null(Files::OwnerId))
                .col(string_len(Files::Purpose, 40))
                .col(string_len(Files::ContentType, 60))
                .col(big_integer(Files::Size))
                .col(string_len(Files::Sha256, 64))
                .col(string_len(Files::StorageKey, 200))
                .col(string_len(Files::OriginalName, 255))
                .col(timestamp_with_time_zone(Files::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ArchiveRecords::Table)
                .col(pk_uuid(ArchiveRecords::Id))
                .col(uuid(ArchiveRecords::OwnerId))
                .col(uuid_null(ArchiveRecords::EmployerId))
                .col(string_len(ArchiveRecords::Category, 32))
                .col(string_len(ArchiveRecords::Status, 16))
                .col(json(ArchiveRecords::Data))
                .col(string_len(ArchiveRecords::Title, 400))
                .col(date_null(ArchiveRecords::RecordDate))
                .col(text_null(ArchiveRecords::ReviewComment))
                .col(integer(ArchiveRecords::Version))
                .col(timestamp_with_time_zone(ArchiveRecords::SubmittedAt))
                .col(timestamp_with_time_zone_null(ArchiveRecords::ReviewedAt))
                .col(timestamp_with_time_zone(ArchiveRecords::CreatedAt))
                .col(timestamp_with_time_zone(ArchiveRecords::UpdatedAt))
                .foreign_key(&mut fk(
                    ArchiveRecords::Table,
                    ArchiveRecords::OwnerId,
                    Accounts::Table,
                    Accounts::Id,
                ))
                .foreign_key(&mut fk(
                    ArchiveRecords::Table,
                    ArchiveRecords::EmployerId,
                    OrgUnits::Table,
                    OrgUnits::Id,
                ))
                .to_owned(),
        )
        .await?;
        // The employer's review list (业绩档案审核), newest first, with its tab counts:
        //   one category and one status tab      → idx_archive_review
        //   one category, 全部 tab               → idx_archive_category_time
        //   all categories, one status (首页待审) → idx_archive_status_time
        //   pending counts per category (menu)   → idx_archive_status_category (index-only)
        use ArchiveRecords as A;
        for (name, cols) in [
            (
                "idx_archive_review",
                vec![A::EmployerId, A::Category, A::Status, A::SubmittedAt, A::Id],
            ),
            (
                "idx_archive_category_time",
                vec![A::EmployerId, A::Category, A::SubmittedAt, A::Id],
            ),
            (
                "idx_archive_status_time",
                vec![A::EmployerId, A::Status, A::SubmittedAt, A::Id],
            ),
            (
                "idx_archive_status_category",
                vec![A::EmployerId, A::Status, A::Category],
            ),
        ] {
            index(
                m,
                name,
                A::Table,
                cols.into_iter().map(IntoIden::into_iden).collect(),
                false,
            )
            .await?;
        }
        index(
            m,
            "idx_archive_owner",
            ArchiveRecords::Table,
            vec![
                ArchiveRecords::OwnerId.into_iden(),
                ArchiveRecords::Category.into_iden(),
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ArchiveAttachments::Table)
                .col(pk_uuid(ArchiveAttachments::Id))
                .col(uuid(ArchiveAttachments::RecordId))
                .col(uuid(ArchiveAttachments::FileId))
                .col(timestamp_with_time_zone(ArchiveAttachments::CreatedAt))
                .foreign_key(&mut fk(
                    ArchiveAttachments::Table,
                    ArchiveAttachments::RecordId,
                    ArchiveRecords::Table,
                    ArchiveRecords::Id,
                ))
                .foreign_key(&mut fk(
                    ArchiveAttachments::Table,
                    ArchiveAttachments::FileId,
                    Files::Table,
                    Files::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_archive_attachments_record",
            ArchiveAttachments::Table,
            vec![ArchiveAttachments::RecordId.into_iden()],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ArchiveReviewLogs::Table)
                .col(pk_uuid(ArchiveReviewLogs::Id))
                .col(uuid(ArchiveReviewLogs::RecordId))
                .col(uuid(ArchiveReviewLogs::ActorId))
                .col(string_len(ArchiveReviewLogs::ActorName, 200))
                .col(string_len(ArchiveReviewLogs::Action, 20))
                .col(string_len_null(ArchiveReviewLogs::FromStatus, 16))
                .col(string_len(ArchiveReviewLogs::ToStatus, 16))
                .col(text_null(ArchiveReviewLogs::Comment))
                .col(timestamp_with_time_zone(ArchiveReviewLogs::CreatedAt))
                .foreign_key(&mut fk(
                    ArchiveReviewLogs::Table,
                    ArchiveReviewLogs::RecordId,
                    ArchiveRecords::Table,
                    ArchiveRecords::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_archive_logs_record",
            ArchiveReviewLogs::Table,
            vec![ArchiveReviewLogs::RecordId.into_iden()],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EmployerApplications::Table)
                .col(pk_uuid(EmployerApplications::Id))
                .col(uuid(EmployerApplications::UnitId))
                .col(uuid(EmployerApplications::AccountId))
                .col(string_len(EmployerApplications::Kind, 20))
                .col(uuid(EmployerApplications::AffiliationId))
                .col(string_len_null(EmployerApplications::CertificateNo, 60))
                .col(uuid(EmployerApplications::FileId))
                .col(string_len(EmployerApplications::Status, 16))
                .col(text_null(EmployerApplications::Opinion))
                .col(uuid_null(EmployerApplications::DecidedBy))
                .col(timestamp_with_time_zone_null(
                    EmployerApplications::DecidedAt,
                ))
                .col(timestamp_with_time_zone(EmployerApplications::CreatedAt))
                .foreign_key(&mut fk(
                    EmployerApplications::Table,
                    EmployerApplications::UnitId,
                    OrgUnits::Table,
                    OrgUnits::Id,
                ))
                .foreign_key(&mut fk(
                    EmployerApplications::Table,
                    EmployerApplications::AffiliationId,
                    OrgUnits::Table,
                    OrgUnits::Id,
                ))
                .foreign_key(&mut fk(
                    EmployerApplications::Table,
                    EmployerApplications::FileId,
                    Files::Table,
                    Files::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_employer_applications_status",
            EmployerApplications::Table,
            vec![
                EmployerApplications::Kind.into_iden(),
                EmployerApplications::Status.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            m,
            "idx_employer_applications_unit",
            EmployerApplications::Table,
            vec![EmployerApplications::UnitId.into_iden()],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccountChanges::Table)
                .col(pk_uuid(AccountChanges::Id))
                .col(uuid(AccountChanges::AccountId))
                .col(string_len(AccountChanges::Field, 30))
                .col(string_len(AccountChanges::OldValue, 200))
                .col(string_len(AccountChanges::NewValue, 200))
                .col(uuid(AccountChanges::ActorId))
                .col(timestamp_with_time_zone(AccountChanges::CreatedAt))
                .foreign_key(&mut fk(
                    AccountChanges::Table,
                    AccountChanges::AccountId,
                    Accounts::Table,
                    Accounts::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_account_changes_account",
            AccountChanges::Table,
            vec![AccountChanges::AccountId.into_iden()],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SmsCodes::Table)
                .col(pk_uuid(SmsCodes::Id))
                .col(uuid(SmsCodes::AccountId))
                .col(string_len(SmsCodes::Phone, 20))
                .col(string_len(SmsCodes::Purpose, 30))
                .col(string_len(SmsCodes::CodeHash, 64))
                .col(integer(SmsCodes::Attempts))
                .col(timestamp_with_time_zone(SmsCodes::ExpiresAt))
                .col(timestamp_with_time_zone_null(SmsCodes::UsedAt))
                .col(timestamp_with_time_zone(SmsCodes::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_sms_codes_account",
            SmsCodes::Table,
            vec![
                SmsCodes::AccountId.into_iden(),
                SmsCodes::Purpose.into_iden(),
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(pk_uuid(Notifications::Id))
                .col(uuid(Notifications::AccountId))
                .col(string_len(Notifications::Title, 200))
                .col(text(Notifications::Body))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_notifications_account",
            Notifications::Table,
            vec![
                Notifications::AccountId.into_iden(),
                Notifications::CreatedAt.into_iden(),
            ],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(pk_uuid(Outbox::Id))
                .col(string_len(Outbox::Kind, 30))
                .col(json(Outbox::Payload))
                .col(string_len(Outbox::Status, 16))
                .col(integer(Outbox::Attempts))
                .col(timestamp_with_time_zone(Outbox::AvailableAt))
                .col(text_null(Outbox::LastError))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_outbox_due",
            Outbox::Table,
            vec![Outbox::Status.into_iden(), Outbox::AvailableAt.into_iden()],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Outbox::Table.into_iden(),
            Notifications::Table.into_iden(),
            SmsCodes::Table.into_iden(),
            AccountChanges::Table.into_iden(),
            EmployerApplications::Table.into_iden(),
            ArchiveReviewLogs::Table.into_iden(),
            ArchiveAttachments::Table.into_iden(),
            ArchiveRecords::Table.into_iden(),
            Files::Table.into_iden(),
            EmploymentHistory::Table.into_iden(),
            Profiles::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
