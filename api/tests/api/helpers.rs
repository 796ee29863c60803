//! `spawn_app()`: the real server on port 0 over a fresh database, SQLite or PostgreSQL, and
//! the `dual!` macro that runs a test once on each.
//!
//! Every path into the server crate (`zcps::…`) is written in this file and nowhere else in
//! the tests: when the server's modules move, the `use` lines below are all that change.
use std::{collections::HashMap, net::TcpListener};

use reqwest::Response;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::Value;

// ---- The server's internals used by the tests (one line each) ----
pub use zcps::archive::categories::ArchiveData;
pub use zcps::archive::papers::ScholarAdapter;
pub use zcps::auth::{JwtKeys, Role};
pub use zcps::calendar::{add_working_days, working_days_between};
use zcps::config::Config;
pub use zcps::domain::{CreditCode, IdNumber, mask_id_number};
pub use zcps::notify::sms::{SmsAdapter, SmsMessage};
pub use zcps::plans::eligibility::{EligibilityRules, all_met, evaluate, summary_from_archive};
pub use zcps::review::counters::rebuild as rebuild_review_counters;
pub use zcps::router::openapi_document;
pub use zcps::seed::{DEMO_ADMIN_PASSWORD, demo_credit_code, demo_id_number, seed_demo_content};
use zcps::server::serve;
use zcps::state::AppState;
use zcps::{db, seed};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests create their databases on.
pub fn pg_admin_url() -> String {
    std::env::var("ZCPS_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PgDatabase(String),
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub backend: Backend,
    /// The server's `ZCPS_DATA_DIR` (uploads are stored under `files/`).
    pub data_dir: std::path::PathBuf,
    cleanup: Cleanup,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PgDatabase(name) => {
                let name = name.clone();
                // Drop needs its own runtime: the test's runtime is shutting down.
                std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async {
                        if let Ok(admin) = Database::connect(pg_admin_url()).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join()
                .ok();
            }
        }
    }
}

async fn fresh_database(backend: Backend) -> (String, Cleanup) {
    let tag = uuid::Uuid::new_v4().simple().to_string();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("zcps-test-{tag}.db"));
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                Cleanup::SqliteFile(path),
            )
        }
        Backend::Postgres => {
            let admin_url = pg_admin_url();
            let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| {
                panic!("PostgreSQL at {admin_url} does not answer ({e}); run the suite with `make test`, which starts one")
            });
            let name = format!("zcps_test_{tag}");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap();
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap();
            (format!("{base}/{name}"), Cleanup::PgDatabase(name))
        }
    }
}

/// The settings a test server runs with, read by the server's own `Config::from_lookup`:
/// anything not named here takes the server's default, so a new setting needs no change here.
fn test_settings(database_url: &str) -> HashMap<&'static str, String> {
    let tmp = std::env::temp_dir();
    let random = || uuid::Uuid::new_v4().simple().to_string();
    HashMap::from([
        ("ZCPS_DATABASE_URL", database_url.to_owned()),
        ("ZCPS_BIND", "127.0.0.1:0".to_owned()),
        (
            "ZCPS_DATA_DIR",
            tmp.join(format!("zcps-test-data-{}", random()))
                .display()
                .to_string(),
        ),
        (
            "ZCPS_STATIC_DIR",
            tmp.join("zcps-no-spa").display().to_string(),
        ),
        // 64 random hex characters
        ("ZCPS_JWT_SECRET", format!("{}{}", random(), random())),
        ("ZCPS_DEMO", "1".to_owned()),
        ("ZCPS_STORAGE", "local".to_owned()),
        ("ZCPS_SMS", "simulator".to_owned()),
        ("ZCPS_SCHOLAR", "simulator".to_owned()),
    ])
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (url, cleanup) = fresh_database(backend).await;
    let settings = test_settings(&url);
    let data_dir = std::path::PathBuf::from(&settings["ZCPS_DATA_DIR"]);
    let config = Config::from_lookup(&|k| settings.get(k).cloned()).expect("test configuration");
    let conn = db::connect(&url).await.expect("connect");
    db::migrate(&conn).await.expect("migrate");
    seed::ensure_admin(&conn, &config).await.expect("admin");
    seed::seed_demo(&conn).await.expect("demo data");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = serve(
        AppState::new(conn.clone(), config).expect("state"),
        listener,
    )
    .expect("server");
    tokio::spawn(server);
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        db: conn,
        backend,
        data_dir,
        cleanup,
    }
}

/// A test that runs once on SQLite and once on PostgreSQL: `dual!(name, |app| { … });`
/// gives the tests `name::sqlite` and `name::postgres`.
macro_rules! dual {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await;
                $body
            }
        }
    };
}
pub(crate) use dual;

/// The password of every seeded demo account except the administrator.
pub const DEMO_PW: &str = "Demo12345";
/// The password the fixtures register new accounts with.
pub const PW: &str = "Passw0rd2026";

impl TestApp {
    /// How many objects local storage holds under `files/{purpose}/`.
    pub fn stored_objects(&self, purpose: &str) -> usize {
        fn walk(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| {
                        let path = e.path();
                        if path.is_dir() { walk(&path) } else { 1 }
                    })
                    .sum()
            })
        }
        walk(&self.data_dir.join("files").join(purpose))
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    pub async fn db_exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap();
    }

    /// The id of the demo org unit called `name`.
    pub async fn unit_id(&self, name: &str) -> String {
        let admin = self.admin().await;
        let res: Value = admin
            .request(reqwest::Method::GET, "/api/v1/org-units")
            .query(&[("q", name)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        res["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name)
            .unwrap_or_else(|| panic!("{name} not seeded"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The texts of every SMS in the outbox to `phone`.
    pub async fn sms_to(&self, phone: &str) -> Vec<String> {
        let page: Value = self
            .admin()
            .await
            .get(&format!("/api/v1/sms-outbox?phone={phone}"))
            .await
            .json()
            .await
            .unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["message"]["text"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Waits (up to 10 s) until the outbox worker has sent an SMS to `phone` containing `text`.
    pub async fn wait_for_sms(&self, phone: &str, text: &str) -> Vec<String> {
        let admin = self.admin().await;
        for _ in 0..100 {
            let page: Value = admin
                .get(&format!("/api/v1/sms-outbox?phone={phone}"))
                .await
                .json()
                .await
                .unwrap();
            let sent: Vec<String> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["status"] == "sent")
                .map(|m| m["message"]["text"].as_str().unwrap().to_owned())
                .filter(|t| t.contains(text))
                .collect();
            if !sent.is_empty() {
                assert!(sent[0].starts_with("【12333】"));
                return sent;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no SMS to {phone} containing {text}: {:?}",
            self.sms_to(phone).await
        );
    }
}

/// Asserts a problem+json response with `status` and `code`; returns the body.
pub async fn problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    body
}

/// A valid resident ID number for the n-th test person.
pub fn id_number(n: u32) -> String {
    let first = format!(
        "330106198{}{:02}{:02}{:03}",
        n % 10,
        1 + n % 12,
        1 + n % 28,
        100 + n % 900
    );
    format!("{first}{}", IdNumber::check_char(&first).unwrap())
}

/// A valid unified social credit code for the n-th test employer.
pub fn credit_code(n: u32) -> String {
    let first = format!("91330106MA2{:06}", n);
    format!("{first}{}", CreditCode::check_char(&first).unwrap())
}
