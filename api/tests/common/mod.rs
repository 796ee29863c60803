//! `spawn_app()`: the real server on port 0 over a fresh database, SQLite or PostgreSQL.
#![allow(dead_code)]
use std::net::TcpListener;

use reqwest::{Client, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use zcps::{config::Config, db, seed, server, state};

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
    pub client: Client,
    pub db: DatabaseConnection,
    pub backend: Backend,
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

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (url, cleanup) = fresh_database(backend).await;
    let config = Config {
        database_url: url.clone(),
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: std::env::temp_dir()
            .join(format!("zcps-test-data-{}", uuid::Uuid::new_v4().simple())),
        static_dir: std::env::temp_dir().join("zcps-no-spa"),
        jwt_secret: format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        ),
        demo: true,
        admin_password: None,
        access_ttl_seconds: 900,
        refresh_ttl_hours: 12,
        storage: zcps::config::StorageConfig::Local,
        sms: zcps::config::SmsConfig::Simulator,
        cjk_font: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc".into(),
        cjk_font_index: 2,
        platform_name: "职称申报与评审管理服务平台".into(),
        scholar: zcps::config::ScholarConfig::Simulator,
    };
    let conn = db::connect(&url).await.expect("connect");
    db::migrate(&conn).await.expect("migrate");
    seed::ensure_admin(&conn, &config).await.expect("admin");
    seed::seed_demo(&conn).await.expect("demo data");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = server::serve(
        state::AppState::new(conn.clone(), config).expect("state"),
        listener,
    )
    .expect("server");
    tokio::spawn(server);
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        client: Client::new(),
        db: conn,
        backend,
        cleanup,
    }
}

/// A test that runs once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! dual {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::common::spawn_app($crate::common::Backend::Sqlite).await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::common::spawn_app($crate::common::Backend::Postgres).await;
                $body
            }
        }
    };
}

pub const DEMO_PW: &str = "Demo12345";

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap()
    }

    pub async fn login(&self, kind: &str, username: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            json!({"account_kind": kind, "username": username, "password": password}),
            None,
        )
        .await
    }

    /// Logs in and returns the token pair.
    pub async fn tokens(&self, kind: &str, username: &str, password: &str) -> Value {
        let res = self.login(kind, username, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login {username}");
        res.json().await.unwrap()
    }

    pub async fn token(&self, kind: &str, username: &str, password: &str) -> String {
        self.tokens(kind, username, password).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn admin(&self) -> String {
        self.token("staff", "admin", seed::DEMO_ADMIN_PASSWORD)
            .await
    }

    pub async fn staff(&self, username: &str) -> String {
        self.token("staff", username, DEMO_PW).await
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

    /// The id of the demo org unit called `name`.
    pub async fn unit_id(&self, name: &str) -> String {
        let token = self.admin().await;
        let res: Value = self
            .client
            .get(self.url("/api/v1/org-units"))
            .query(&[("q", name)])
            .bearer_auth(token)
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
    format!(
        "{first}{}",
        zcps::domain::IdNumber::check_char(&first).unwrap()
    )
}

/// A valid unified social credit code for the n-th test employer.
pub fn credit_code(n: u32) -> String {
    let first = format!("91330106MA2{:06}", n);
    format!(
        "{first}{}",
        zcps::domain::CreditCode::check_char(&first).unwrap()
    )
}

impl TestApp {
    pub async fn put_json(&self, path: &str, body: Value, token: &str) -> Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn db_exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap();
    }

    /// A multipart POST with text fields and an optional `file` part.
    pub async fn multipart(
        &self,
        path: &str,
        fields: &[(&str, String)],
        file: Option<(&str, Vec<u8>)>,
        token: Option<&str>,
    ) -> Response {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.clone());
        }
        if let Some((name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            );
        }
        let mut req = self.client.post(self.url(path)).multipart(form);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap()
    }

    pub async fn individual(&self) -> String {
        self.token("individual", &zcps::seed::demo_id_number(), DEMO_PW)
            .await
    }

    pub async fn employer(&self) -> String {
        self.token("employer", &zcps::seed::demo_credit_code(), DEMO_PW)
            .await
    }
}
