//! Employer phone numbers are unique among employer accounts: units registered without a
//! credit code log in with their phone, so two employers with one phone could not log in.
//! A partial unique index (same SQL on SQLite and PostgreSQL) makes the database refuse the
//! second one even when registrations or phone changes race.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_accounts_employer_phone ON accounts (phone) WHERE role = 'employer'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX idx_accounts_employer_phone")
            .await?;
        Ok(())
    }
}
