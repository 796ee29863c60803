//! Export jobs: an employer's 导出名单 (花名册) and 导出公示表, written in the background with
//! progress; the finished xlsx is an ordinary `files` row. Built with the schema builder: the
//! same statements run on SQLite and PostgreSQL.
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
enum Files {
    Table,
    Id,
    ContentType,
}

#[derive(DeriveIden)]
enum ExportJobs {
    Table,
    Id,
    AccountId,
    UnitId,
    Kind,
    Filters,
    Status,
    Total,
    Done,
    FileId,
    Error,
    CreatedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // the xlsx content type is 65 characters; SQLite does not enforce lengths (and cannot
        // alter a column), PostgreSQL does
        if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            m.alter_table(
                Table::alter()
                    .table(Files::Table)
                    .modify_column(string_len(Files::ContentType, 100))
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(ExportJobs::Table)
                .col(pk_uuid(ExportJobs::Id))
                .col(uuid(ExportJobs::AccountId))
                .col(uuid(ExportJobs::UnitId))
                .col(string_len(ExportJobs::Kind, 16))
                .col(json(ExportJobs::Filters))
                .col(string_len(ExportJobs::Status, 16))
                .col(big_integer(ExportJobs::Total))
                .col(big_integer(ExportJobs::Done))
                .col(uuid_null(ExportJobs::FileId))
                .col(text_null(ExportJobs::Error))
                .col(timestamp_with_time_zone(ExportJobs::CreatedAt))
                .col(timestamp_with_time_zone_null(ExportJobs::FinishedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ExportJobs::Table, ExportJobs::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ExportJobs::Table, ExportJobs::UnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ExportJobs::Table, ExportJobs::FileId)
                        .to(Files::Table, Files::Id),
                )
                .to_owned(),
        )
        .await?;
        // start-up finds the jobs a stopped server left running
        m.create_index(
            Index::create()
                .name("idx_export_jobs_status")
                .table(ExportJobs::Table)
                .col(ExportJobs::Status)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ExportJobs::Table).to_owned())
            .await?;
        Ok(())
    }
}
