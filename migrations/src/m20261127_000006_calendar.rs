//! The official working-day calendar: the years the administrator has declared (a year the
//! shipped holiday data does not cover, once the State Council publishes its notice) and the
//! days that replace the shipped value of a date. Built with the schema builder, so the same
//! statements run on SQLite and PostgreSQL.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CalendarYears {
    Table,
    Year,
    PublishedNote,
    DeclaredBy,
    DeclaredAt,
}

#[derive(DeriveIden)]
enum CalendarDays {
    Table,
    Date,
    OffDay,
    Name,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CalendarYears::Table)
                .col(integer(CalendarYears::Year).primary_key())
                .col(text(CalendarYears::PublishedNote))
                .col(uuid(CalendarYears::DeclaredBy))
                .col(timestamp_with_time_zone(CalendarYears::DeclaredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CalendarYears::Table, CalendarYears::DeclaredBy)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;
        // the primary key on the date is also the index the range query of a year uses
        m.create_table(
            Table::create()
                .table(CalendarDays::Table)
                .col(date(CalendarDays::Date).primary_key())
                .col(boolean(CalendarDays::OffDay))
                .col(text(CalendarDays::Name))
                .col(uuid(CalendarDays::UpdatedBy))
                .col(timestamp_with_time_zone(CalendarDays::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CalendarDays::Table, CalendarDays::UpdatedBy)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            CalendarDays::Table.into_iden(),
            CalendarYears::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
