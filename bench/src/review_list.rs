//! Benchmark: the employer's 业绩档案审核 list on PostgreSQL with 5,000 staff and 100,000
//! archive records. Generates the data, serves the real API on port 0, and reports p50/p99
//! latency per scenario (target p99 ≤ 25 ms). Run with `make bench`.
//!
//! ZCPS_BENCH_PG_URL: an admin URL to create the throwaway database on
//! (default postgres://postgres@127.0.0.1:5432/postgres). ZCPS_BENCH_STAFF / ZCPS_BENCH_RECORDS
//! change the data size, ZCPS_BENCH_REQUESTS the requests per scenario.
use std::time::Instant;

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use zcps::{seed, state};

mod common;
use common::{env_num, percentile};

#[tokio::main]
async fn main() {
    let staff = env_num("ZCPS_BENCH_STAFF", 5_000);
    let records = env_num("ZCPS_BENCH_RECORDS", 100_000);
    let requests = env_num("ZCPS_BENCH_REQUESTS", 300) as usize;
    common::with_database(|url| async move { run(&url, staff, records, requests).await })
        .await
        .unwrap();
}

async fn run(url: &str, staff: u64, records: u64, requests: usize) -> Result<(), String> {
    let (conn, cfg) = common::prepare(url).await?;

    let t = Instant::now();
    let code = seed::demo_credit_code();
    let gen_sql = format!(
        "WITH emp AS (SELECT id FROM org_units WHERE credit_code = '{code}')
         INSERT INTO accounts (id, role, username, name, phone, password_hash, org_unit_id, id_number, gender, birth_date, status, failed_logins, created_at, updated_at)
         SELECT gen_random_uuid(), 'individual', 'B' || lpad(g::text, 17, '0'), '员工' || g, '139' || lpad(g::text, 8, '0'), 'x', emp.id,
                'B' || lpad(g::text, 17, '0'), '男', DATE '1990-01-01', 'active', 0, now(), now()
         FROM generate_series(1, {staff}) g, emp;
         WITH emp AS (SELECT id FROM org_units WHERE credit_code = '{code}'),
              people AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts WHERE username LIKE 'B%'),
              cats AS (SELECT ARRAY['education','work_history','training','part_time_post','award','honor','research_project','engineering_project','paper','book','patent','standard','adopted_result','qualification','licence','reward_punishment','assessment'] AS c),
              sts AS (SELECT ARRAY['approved','approved','approved','approved','pending','rejected','returned','approved'] AS s)
         INSERT INTO archive_records (id, owner_id, employer_id, category, status, data, title, record_date, version, submitted_at, created_at, updated_at)
         SELECT gen_random_uuid(), people.id, emp.id, cats.c[1 + (g % 17)], sts.s[1 + ((g * 7) % 8)],
                '{{\"year\": 2024, \"result\": \"优秀\"}}'::json, '业绩记录 ' || g, DATE '2020-01-01' + (g % 1500),
                1, now() - (g || ' minutes')::interval, now(), now()
         FROM generate_series(1, {records}) g
         JOIN people ON people.n = 1 + (g % {staff}), emp, cats, sts;"
    );
    conn.execute_unprepared(&gen_sql)
        .await
        .map_err(|e| e.to_string())?;
    common::vacuum(&conn, &["accounts", "archive_records"]).await?;
    println!(
        "generated {staff} staff and {records} records in {:.1}s",
        t.elapsed().as_secs_f64()
    );

    let base = common::serve(state::AppState::new(conn, cfg)?)?;
    let client = reqwest::Client::new();
    let login: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(
            &json!({"account_kind": "employer", "username": code, "password": seed::DEMO_PASSWORD}),
        )
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let token = login["access_token"]
        .as_str()
        .ok_or("login failed")?
        .to_owned();

    let scenarios = [
        (
            "summary (17 category counts)",
            "/api/v1/archive/review/summary",
        ),
        (
            "education · 待审核 · page 1",
            "/api/v1/archive/review/records?category=education&status=pending",
        ),
        (
            "education · 全部 · page 1",
            "/api/v1/archive/review/records?category=education",
        ),
        (
            "paper · 通过 · page 50",
            "/api/v1/archive/review/records?category=paper&status=approved&page=50",
        ),
        (
            "all categories · 待审核",
            "/api/v1/archive/review/records?status=pending",
        ),
        (
            "search by name 员工123",
            "/api/v1/archive/review/records?q=%E5%91%98%E5%B7%A5123",
        ),
    ];
    println!(
        "{:<34} {:>9} {:>9} {:>9}  (ms, {requests} sequential requests each)",
        "scenario", "p50", "p99", "max"
    );
    let mut worst_p99: f64 = 0.0;
    for (label, path) in scenarios {
        let mut times = Vec::with_capacity(requests);
        for i in 0..requests + 20 {
            let start = Instant::now();
            let res = client
                .get(format!("{base}{path}"))
                .bearer_auth(&token)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = res.status();
            let body = res.bytes().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!(
                    "{path}: {status} {}",
                    String::from_utf8_lossy(&body)
                ));
            }
            if i >= 20 {
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
        worst_p99 = worst_p99.max(p99);
        println!(
            "{label:<34} {p50:>9.2} {p99:>9.2} {:>9.2}",
            times.last().unwrap()
        );
    }
    println!("worst p99: {worst_p99:.2} ms (target ≤ 25 ms)");
    Ok(())
}
