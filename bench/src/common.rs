//! What every benchmark here does around its own scenario: a throwaway PostgreSQL database
//! (created, migrated, seeded with the demo tree, dropped afterwards), the configuration the
//! server runs with, and percentiles.
use std::{future::Future, net::TcpListener};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use zcps::{config, db, seed, server, state};

pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The value at quantile `p` of `sorted` (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

/// Creates a throwaway database on `ZCPS_BENCH_PG_URL`, runs `scenario` with its URL, and
/// drops it again (kept with `ZCPS_BENCH_KEEP`).
pub async fn with_database<F, Fut>(scenario: F) -> Result<(), String>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let admin_url = std::env::var("ZCPS_BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("zcps_bench_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&admin_url)
        .await
        .map_err(|e| format!("PostgreSQL for the benchmark: {e}"))?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .map_err(|e| e.to_string())?;
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    let result = scenario(url).await;
    if std::env::var("ZCPS_BENCH_KEEP").is_ok() {
        println!("kept database {name}");
    } else {
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await
            .ok();
    }
    result
}

/// Connects to `url`, migrates, and seeds the admin and the demo tree; returns the connection
/// and the configuration the server will run with.
pub async fn prepare(url: &str) -> Result<(DatabaseConnection, config::Config), String> {
    let conn = db::connect(url).await.map_err(|e| e.to_string())?;
    db::migrate(&conn).await.map_err(|e| e.to_string())?;
    let mut cfg = config::Config::from_lookup(&|k| match k {
        "ZCPS_DEMO" => Some("1".into()),
        "ZCPS_JWT_SECRET" => Some("bench-secret-bench-secret-bench-secret-00".into()),
        "ZCPS_ACCESS_TTL_SECONDS" => Some("3600".into()),
        "ZCPS_DATA_DIR" => Some(
            std::env::temp_dir()
                .join("zcps-bench")
                .display()
                .to_string(),
        ),
        _ => None,
    })
    .map_err(|e| e.to_string())?;
    cfg.database_url = url.to_owned();
    seed::ensure_admin(&conn, &cfg).await?;
    seed::seed_demo(&conn).await.map_err(|e| e.detail)?;
    Ok((conn, cfg))
}

/// `VACUUM ANALYZE` of `tables`: what autovacuum would have done on a live database
/// (statistics and the visibility map).
pub async fn vacuum(conn: &DatabaseConnection, tables: &[&str]) -> Result<(), String> {
    for table in tables {
        conn.execute_unprepared(&format!("VACUUM ANALYZE {table}"))
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Serves the real API for `state` on a free port; returns its base URL.
pub fn serve(app: state::AppState) -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().unwrap().port();
    let server = server::serve(app, listener).map_err(|e| e.to_string())?;
    tokio::spawn(server);
    Ok(format!("http://127.0.0.1:{port}"))
}
