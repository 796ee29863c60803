//! 申报计划: plans published by HRSS departments, and the units whose staff may declare under
//! them (`plan_affiliations`, each unit meaning its whole subtree). Built with the schema
//! builder, so the same statements run on SQLite and PostgreSQL.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plans {
    Table,
    Id,
    PublisherId,
    Year,
    Name,
    PlanType,
    Series,
    Level,
    Specialties,
    Acceptors,
    OpensAt,
    ClosesAt,
    Description,
    Attachments,
    Qualification,
    Rules,
    FeeFen,
    Status,
    CreatedBy,
    PublishedAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanAffiliations {
    Table,
    PlanId,
    OrgUnitId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Plans::Table)
                .col(pk_uuid(Plans::Id))
                .col(uuid(Plans::PublisherId))
                .col(integer(Plans::Year))
                .col(string_len(Plans::Name, 200))
                .col(string_len(Plans::PlanType, 16))
                .col(string_len(Plans::Series, 32))
                .col(string_len(Plans::Level, 24))
                .col(json(Plans::Specialties))
                .col(json(Plans::Acceptors))
                .col(timestamp_with_time_zone(Plans::OpensAt))
                .col(timestamp_with_time_zone(Plans::ClosesAt))
                .col(text(Plans::Description))
                .col(json(Plans::Attachments))
                .col(text(Plans::Qualification))
                .col(json(Plans::Rules))
                .col(big_integer(Plans::FeeFen))
                .col(string_len(Plans::Status, 16))
                .col(uuid(Plans::CreatedBy))
                .col(timestamp_with_time_zone_null(Plans::PublishedAt))
                .col(timestamp_with_time_zone_null(Plans::ClosedAt))
                .col(timestamp_with_time_zone(Plans::CreatedAt))
                .col(timestamp_with_time_zone(Plans::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Plans::Table, Plans::PublisherId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;
        // the HRSS list: a publisher's plans by status tab
        m.create_index(
            Index::create()
                .name("idx_plans_publisher_status")
                .table(Plans::Table)
                .col(Plans::PublisherId)
                .col(Plans::Status)
                .to_owned(),
        )
        .await?;
        // the applicant's open list: published plans whose window contains now
        m.create_index(
            Index::create()
                .name("idx_plans_status_window")
                .table(Plans::Table)
                .col(Plans::Status)
                .col(Plans::OpensAt)
                .col(Plans::ClosesAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanAffiliations::Table)
                .col(uuid(PlanAffiliations::PlanId))
                .col(uuid(PlanAffiliations::OrgUnitId))
                .primary_key(
                    Index::create()
                        .col(PlanAffiliations::PlanId)
                        .col(PlanAffiliations::OrgUnitId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PlanAffiliations::Table, PlanAffiliations::PlanId)
                        .to(Plans::Table, Plans::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PlanAffiliations::Table, PlanAffiliations::OrgUnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;
        // "plans open to an employer": affiliations that are ancestors of the employer
        m.create_index(
            Index::create()
                .name("idx_plan_affiliations_unit")
                .table(PlanAffiliations::Table)
                .col(PlanAffiliations::OrgUnitId)
                .col(PlanAffiliations::PlanId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PlanAffiliations::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Plans::Table).to_owned())
            .await?;
        Ok(())
    }
}
