//! The review chain 资格审查: one row per declaration and unit that has handled it (its state
//! at that unit, for the unit's lists), the returns with their items, the maintained tab
//! counters, publicity records, the departments' fee settings, and the from → to states of each
//! timeline line (the 审查日志). Built with the schema builder: the same statements run on
//! SQLite and PostgreSQL.
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
}

#[derive(DeriveIden)]
enum Declarations {
    Table,
    Id,
    FeeWaivedBy,
}

#[derive(DeriveIden)]
enum DeclarationEvents {
    Table,
    FromStatus,
    ToStatus,
}

#[derive(DeriveIden)]
enum DeclarationReviews {
    Table,
    DeclarationId,
    UnitId,
    PlanId,
    AcceptorId,
    Year,
    PlanType,
    ApplicantName,
    IdNumber,
    State,
    Shard,
    ReceivedAt,
    DecidedAt,
    DecidedBy,
    Opinion,
    PublicityId,
}

#[derive(DeriveIden)]
enum DeclarationReturns {
    Table,
    Id,
    DeclarationId,
    UnitId,
    ActorId,
    Comment,
    Items,
    At,
}

#[derive(DeriveIden)]
enum ReviewCounters {
    Table,
    UnitId,
    PlanId,
    AcceptorId,
    Tab,
    Shard,
    N,
}

#[derive(DeriveIden)]
enum Publicities {
    Table,
    Id,
    UnitId,
    StartsOn,
    EndsOn,
    WorkingDays,
    Method,
    Outcome,
    Note,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FeeSettings {
    Table,
    UnitId,
    PlanId,
    Charge,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column a statement
        m.alter_table(
            Table::alter()
                .table(Declarations::Table)
                .add_column(uuid_null(Declarations::FeeWaivedBy))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(DeclarationEvents::Table)
                .add_column(string_len_null(DeclarationEvents::FromStatus, 24))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(DeclarationEvents::Table)
                .add_column(string_len_null(DeclarationEvents::ToStatus, 24))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Publicities::Table)
                .col(pk_uuid(Publicities::Id))
                .col(uuid(Publicities::UnitId))
                .col(date(Publicities::StartsOn))
                .col(date(Publicities::EndsOn))
                .col(integer(Publicities::WorkingDays))
                .col(string_len(Publicities::Method, 200))
                .col(string_len_null(Publicities::Outcome, 16))
                .col(text_null(Publicities::Note))
                .col(uuid(Publicities::RecordedBy))
                .col(timestamp_with_time_zone(Publicities::CreatedAt))
                .col(timestamp_with_time_zone(Publicities::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Publicities::Table, Publicities::UnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DeclarationReviews::Table)
                .col(uuid(DeclarationReviews::DeclarationId))
                .col(uuid(DeclarationReviews::UnitId))
                .col(uuid(DeclarationReviews::PlanId))
                .col(uuid(DeclarationReviews::AcceptorId))
                .col(integer(DeclarationReviews::Year))
                .col(string_len(DeclarationReviews::PlanType, 16))
                .col(string_len(DeclarationReviews::ApplicantName, 64))
                .col(string_len(DeclarationReviews::IdNumber, 18))
                .col(string_len(DeclarationReviews::State, 16))
                .col(small_integer(DeclarationReviews::Shard))
                .col(timestamp_with_time_zone(DeclarationReviews::ReceivedAt))
                .col(timestamp_with_time_zone_null(DeclarationReviews::DecidedAt))
                .col(uuid_null(DeclarationReviews::DecidedBy))
                .col(text_null(DeclarationReviews::Opinion))
                .col(uuid_null(DeclarationReviews::PublicityId))
                .primary_key(
                    Index::create()
                        .col(DeclarationReviews::DeclarationId)
                        .col(DeclarationReviews::UnitId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationReviews::Table, DeclarationReviews::DeclarationId)
                        .to(Declarations::Table, Declarations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationReviews::Table, DeclarationReviews::UnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationReviews::Table, DeclarationReviews::PlanId)
                        .to(Plans::Table, Plans::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationReviews::Table, DeclarationReviews::PublicityId)
                        .to(Publicities::Table, Publicities::Id),
                )
                .to_owned(),
        )
        .await?;
        // a unit's tab, newest first: the pending list reads the first rows of this index
        m.create_index(
            Index::create()
                .name("idx_declaration_reviews_unit_state")
                .table(DeclarationReviews::Table)
                .col(DeclarationReviews::UnitId)
                .col(DeclarationReviews::State)
                .col(DeclarationReviews::ReceivedAt)
                .col(DeclarationReviews::DeclarationId)
                .to_owned(),
        )
        .await?;
        // tabs and exports that cover several states (审查通过, 全部) read the unit's rows in
        // this order and filter the state, instead of sorting all of them for every page
        m.create_index(
            Index::create()
                .name("idx_declaration_reviews_unit_received")
                .table(DeclarationReviews::Table)
                .col(DeclarationReviews::UnitId)
                .col(DeclarationReviews::ReceivedAt)
                .col(DeclarationReviews::DeclarationId)
                .to_owned(),
        )
        .await?;
        // the same, filtered by plan (申报计划名称)
        m.create_index(
            Index::create()
                .name("idx_declaration_reviews_unit_plan_state")
                .table(DeclarationReviews::Table)
                .col(DeclarationReviews::UnitId)
                .col(DeclarationReviews::PlanId)
                .col(DeclarationReviews::State)
                .col(DeclarationReviews::ReceivedAt)
                .to_owned(),
        )
        .await?;

        // the declarations a publicity covers
        m.create_index(
            Index::create()
                .name("idx_declaration_reviews_publicity")
                .table(DeclarationReviews::Table)
                .col(DeclarationReviews::PublicityId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DeclarationReturns::Table)
                .col(pk_uuid(DeclarationReturns::Id))
                .col(uuid(DeclarationReturns::DeclarationId))
                .col(uuid(DeclarationReturns::UnitId))
                .col(uuid(DeclarationReturns::ActorId))
                .col(text(DeclarationReturns::Comment))
                .col(json(DeclarationReturns::Items))
                .col(timestamp_with_time_zone(DeclarationReturns::At))
                .foreign_key(
                    ForeignKey::create()
                        .from(DeclarationReturns::Table, DeclarationReturns::DeclarationId)
                        .to(Declarations::Table, Declarations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // 退回记录 of a unit, newest first; and the latest return of a declaration
        m.create_index(
            Index::create()
                .name("idx_declaration_returns_unit")
                .table(DeclarationReturns::Table)
                .col(DeclarationReturns::UnitId)
                .col(DeclarationReturns::At)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_declaration_returns_declaration")
                .table(DeclarationReturns::Table)
                .col(DeclarationReturns::DeclarationId)
                .col(DeclarationReturns::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReviewCounters::Table)
                .col(uuid(ReviewCounters::UnitId))
                .col(uuid(ReviewCounters::PlanId))
                .col(uuid(ReviewCounters::AcceptorId))
                .col(string_len(ReviewCounters::Tab, 16))
                .col(small_integer(ReviewCounters::Shard))
                .col(big_integer(ReviewCounters::N))
                .primary_key(
                    Index::create()
                        .col(ReviewCounters::UnitId)
                        .col(ReviewCounters::PlanId)
                        .col(ReviewCounters::AcceptorId)
                        .col(ReviewCounters::Tab)
                        .col(ReviewCounters::Shard),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FeeSettings::Table)
                .col(uuid(FeeSettings::UnitId))
                .col(uuid(FeeSettings::PlanId))
                .col(boolean(FeeSettings::Charge))
                .col(uuid(FeeSettings::UpdatedBy))
                .col(timestamp_with_time_zone(FeeSettings::UpdatedAt))
                .primary_key(
                    Index::create()
                        .col(FeeSettings::UnitId)
                        .col(FeeSettings::PlanId),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            FeeSettings::Table.into_iden(),
            ReviewCounters::Table.into_iden(),
            DeclarationReturns::Table.into_iden(),
            DeclarationReviews::Table.into_iden(),
            Publicities::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(DeclarationEvents::Table)
                .drop_column(DeclarationEvents::ToStatus)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(DeclarationEvents::Table)
                .drop_column(DeclarationEvents::FromStatus)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Declarations::Table)
                .drop_column(Declarations::FeeWaivedBy)
                .to_owned(),
        )
        .await
    }
}
