//! Database connection and migrations (SQLite and PostgreSQL, same code).
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};

pub async fn connect(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .map(|p| p.split('?').next().unwrap_or(p))
        && let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            sea_orm::DbErr::Custom(format!("无法创建数据目录 {}: {e}", dir.display()))
        })?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // ping a pooled connection only when it sat idle long enough to have been dropped;
        // a ping on every checkout is one more round trip for each query outside a transaction
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 20 });
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(
            "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
        )
        .await?;
    }
    Ok(db)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at BEGIN
/// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing
/// when it upgrades a read; PostgreSQL ignores the option.
async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{TransactionOptions, TransactionTrait};
    let mut opts = TransactionOptions::default();
    if db.get_database_backend() == DbBackend::Sqlite {
        opts.sqlite_transaction_mode = Some(sea_orm::SqliteTransactionMode::Immediate);
    }
    db.begin_with_options(opts).await
}

/// Runs `f` in a write transaction (see [`begin_write`]): committed when it returns `Ok`,
/// rolled back when it returns an error.
pub trait WriteTxn {
    fn write_txn<T, F>(
        &self,
        f: F,
    ) -> impl std::future::Future<Output = Result<T, crate::error::AppError>>
    where
        F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<T, crate::error::AppError>> + Send + 'c>,
        >;
}

impl WriteTxn for DatabaseConnection {
    async fn write_txn<T, F>(&self, f: F) -> Result<T, crate::error::AppError>
    where
        F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<T, crate::error::AppError>> + Send + 'c>,
        >,
    {
        let txn = begin_write(self).await?;
        let out = f(&txn).await?;
        txn.commit().await?;
        Ok(out)
    }
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    Migrator::up(db, None).await
}

pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
