//! Database migrations for zcps, owned by sea-orm-migration.
//!
//! Every migration must run unchanged on SQLite (the embedded default) and on
//! PostgreSQL (production).
pub use sea_orm_migration::prelude::*;

mod m20261122_000001_foundation;
mod m20261122_000002_archive;
mod m20261127_000003_employer_phone_unique;
mod m20261127_000004_plans;
mod m20261127_000005_declarations;
mod m20261127_000006_calendar;
mod m20261127_000007_review_chain;
mod m20261127_000008_export_jobs;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_foundation::Migration),
            Box::new(m20261122_000002_archive::Migration),
            Box::new(m20261127_000003_employer_phone_unique::Migration),
            Box::new(m20261127_000004_plans::Migration),
            Box::new(m20261127_000005_declarations::Migration),
            Box::new(m20261127_000006_calendar::Migration),
            Box::new(m20261127_000007_review_chain::Migration),
            Box::new(m20261127_000008_export_jobs::Migration),
        ]
    }
}
