//! Benchmark: the review chain on PostgreSQL. Generates, with set-based SQL, 300,000
//! declarations pending at the province HRSS (浙江省人力资源和社会保障厅) from 200 employers over
//! 20 评审 plans — 100,000 of them from the demo employer, which passed and recommended them (its
//! roster) — with the maintained tab counters, then serves the real API on port 0 and measures:
//!
//! * the province-wide 待审查 list (`GET /api/v1/reviews?tab=pending`, first page of 20 with
//!   the tab counts) with 32 concurrent clients: req/s, p50, p99 (target p99 ≤ 25 ms);
//! * the demo employer's 花名册 of 100,000 rows end to end (`POST /reviews/exports`, polling,
//!   download): time and the peak RSS of the process serving the API (target ≤ 10 s, ≤ 256 MB).
//!
//! Run with `make bench-review`. ZCPS_BENCH_PG_URL: admin URL to create the throwaway database
//! on; ZCPS_BENCH_DECLARATIONS / ZCPS_BENCH_ROSTER / ZCPS_BENCH_REQUESTS /
//! ZCPS_BENCH_CONCURRENCY change the sizes; ZCPS_BENCH_KEEP keeps the database.
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};
use tokio::sync::Semaphore;
use zcps::{seed, state};

mod common;
use common::{env_num, percentile};

/// Plans the declarations are spread over (one declaration per person and plan).
const PLANS: u64 = 20;
/// Employers besides the demo employer.
const EMPLOYERS: u64 = 199;

#[tokio::main]
async fn main() {
    let s = Settings {
        declarations: env_num("ZCPS_BENCH_DECLARATIONS", 300_000),
        roster: env_num("ZCPS_BENCH_ROSTER", 100_000),
        requests: env_num("ZCPS_BENCH_REQUESTS", 3_000) as usize,
        concurrency: env_num("ZCPS_BENCH_CONCURRENCY", 32) as usize,
    };
    common::with_database(|url| async move { run(&url, &s).await })
        .await
        .unwrap();
}

struct Settings {
    declarations: u64,
    roster: u64,
    requests: usize,
    concurrency: usize,
}

async fn exec(conn: &DatabaseConnection, sql: &str) -> Result<(), String> {
    conn.execute_unprepared(sql)
        .await
        .map(|_| ())
        .map_err(|e| format!("{e}\n{sql}"))
}

/// The generated data, in set-based statements.
async fn generate(conn: &DatabaseConnection, s: &Settings) -> Result<(), String> {
    let code = seed::demo_credit_code();
    let people = s.declarations.div_ceil(PLANS);
    let roster_people = s.roster.div_ceil(PLANS);
    let sql = format!(
        "
        CREATE TEMP TABLE bench_ids AS SELECT
          (SELECT id FROM org_units WHERE credit_code = '{code}') AS employer,
          (SELECT name FROM org_units WHERE credit_code = '{code}') AS employer_name,
          (SELECT id FROM org_units WHERE name = '宁波市水利局') AS water,
          (SELECT id FROM org_units WHERE name = '浙江省人力资源和社会保障厅') AS province,
          (SELECT id FROM org_units WHERE kind = 'committee' ORDER BY name LIMIT 1) AS committee,
          (SELECT id FROM plans WHERE plan_type = 'review' ORDER BY created_at LIMIT 1) AS plan;

        -- 199 more employers under 宁波市水利局
        INSERT INTO org_units (id, name, kind, parent_id, credit_code, level, status, created_at)
        SELECT md5('employer' || g)::uuid, '压测用人单位' || g, 'employer', b.water, NULL, 4, 'active', now()
        FROM generate_series(1, {EMPLOYERS}) g, bench_ids b;
        CREATE TEMP TABLE bench_employers AS
        SELECT 0 AS n, b.employer AS id, b.employer_name AS name FROM bench_ids b
        UNION ALL SELECT g, md5('employer' || g)::uuid, '压测用人单位' || g FROM generate_series(1, {EMPLOYERS}) g;

        -- 19 more 评审 plans like the demo plan
        INSERT INTO plans
        SELECT (jsonb_populate_record(NULL::plans, to_jsonb(p)
                || jsonb_build_object('id', md5('plan' || g)::uuid,
                                      'name', '关于2026年度高级工程师申报通知（压测' || g || '）'))).*
        FROM plans p, generate_series(1, {PLANS} - 1) g, bench_ids b WHERE p.id = b.plan;
        CREATE TEMP TABLE bench_plans AS
        SELECT 0 AS n, b.plan AS id FROM bench_ids b
        UNION ALL SELECT g, md5('plan' || g)::uuid FROM generate_series(1, {PLANS} - 1) g;

        -- applicants: the first {roster_people} work at the demo employer
        CREATE TEMP TABLE bench_people AS
        SELECT g AS n, md5('person' || g)::uuid AS id, '申报人' || g AS name,
               'P' || lpad(g::text, 17, '0') AS id_number,
               CASE WHEN g <= {roster_people} THEN 0 ELSE 1 + (g % {EMPLOYERS}) END AS employer_n
        FROM generate_series(1, {people}) g;
        INSERT INTO accounts (id, role, username, name, phone, password_hash, org_unit_id, id_number, gender, birth_date, status, failed_logins, created_at, updated_at)
        SELECT p.id, 'individual', p.id_number, p.name, '138' || lpad(p.n::text, 8, '0'), 'x', e.id,
               p.id_number, CASE WHEN p.n % 2 = 0 THEN '女' ELSE '男' END, DATE '1980-01-01' + (p.n % 5000),
               'active', 0, now(), now()
        FROM bench_people p JOIN bench_employers e ON e.n = p.employer_n;

        -- every applicant declares on every plan; all are pending at the province HRSS
        CREATE TEMP TABLE bench_decls AS
        SELECT md5('decl' || p.n || '-' || pl.n)::uuid AS id, p.n AS person_n, p.id AS applicant_id,
               p.name, p.id_number, pl.id AS plan_id, e.id AS employer_id, e.name AS employer_name,
               (p.n - 1) * {PLANS} + pl.n + 1 AS seq
        FROM bench_people p JOIN bench_employers e ON e.n = p.employer_n CROSS JOIN bench_plans pl
        WHERE (p.n - 1) * {PLANS} + pl.n + 1 <= {total};
        INSERT INTO declarations (id, applicant_id, plan_id, employer_id, status, last_step, acceptor_id, info,
               profile, holder_id, held_since, submitted_at, version, created_at, updated_at)
        SELECT d.id, d.applicant_id, d.plan_id, d.employer_id, 'in_review', 7, b.committee,
               json_build_object('specialty', '水利工程', 'current_specialty', '水利水电工程设计',
                                 'years_in_specialty', 5 + d.seq % 20, 'archive_location', '宁波市人才服务中心'),
               json_build_object('name', d.name, 'gender', CASE WHEN d.person_n % 2 = 0 THEN '女' ELSE '男' END,
                                 'birth_date', to_char(DATE '1980-01-01' + (d.person_n % 5000), 'YYYY-MM-DD'),
                                 'id_type', '身份证', 'phone_masked', '138****0000', 'completed', true,
                                 'employer', json_build_object('id', d.employer_id, 'name', d.employer_name, 'kind', 'employer')),
               b.province, now() - (d.seq || ' seconds')::interval, now() - (d.seq || ' seconds')::interval - interval '30 days',
               5, now() - interval '30 days', now()
        FROM bench_decls d, bench_ids b;
        INSERT INTO declaration_reviews (declaration_id, unit_id, plan_id, acceptor_id, year, plan_type,
               applicant_name, id_number, state, shard, received_at, decided_at, decided_by, opinion, publicity_id)
        SELECT d.id, b.province, d.plan_id, b.committee, 2026, 'review', d.name, d.id_number, 'pending',
               get_byte(uuid_send(d.id), 15) % 4, now() - (d.seq || ' seconds')::interval, NULL, NULL, NULL, NULL
        FROM bench_decls d, bench_ids b;
        -- the demo employer passed and recommended its own
        INSERT INTO declaration_reviews (declaration_id, unit_id, plan_id, acceptor_id, year, plan_type,
               applicant_name, id_number, state, shard, received_at, decided_at, decided_by, opinion, publicity_id)
        SELECT d.id, d.employer_id, d.plan_id, b.committee, 2026, 'review', d.name, d.id_number, 'recommended',
               get_byte(uuid_send(d.id), 15) % 4, now() - (d.seq || ' seconds')::interval - interval '30 days',
               now() - interval '20 days', NULL,
               '本单位声明：申报人员无违法乱纪、无重大工作失误，所报评审材料真实可靠，经审核属实。', NULL
        FROM bench_decls d, bench_ids b WHERE d.employer_id = b.employer;

        -- the maintained counters, as the decisions would have left them
        INSERT INTO review_counters (unit_id, plan_id, acceptor_id, tab, shard, n)
        SELECT unit_id, plan_id, acceptor_id, state, shard, count(*)
        FROM declaration_reviews GROUP BY unit_id, plan_id, acceptor_id, state, shard;
        ",
        total = s.declarations,
    );
    exec(conn, &sql).await
}

/// Peak resident set size of this process (the API is served in it), in MiB.
fn vm_hwm_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Current resident set size, in MiB.
fn vm_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

async fn login(base: &str, kind: &str, username: &str) -> Result<String, String> {
    let login: Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"account_kind": kind, "username": username, "password": seed::DEMO_PASSWORD}))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    login["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("login of {username} failed: {login}"))
}

async fn run(url: &str, s: &Settings) -> Result<(), String> {
    let (conn, cfg) = common::prepare(url).await?;
    let t = Instant::now();
    generate(&conn, s).await?;
    common::vacuum(
        &conn,
        &[
            "accounts",
            "org_units",
            "plans",
            "declarations",
            "declaration_reviews",
            "review_counters",
        ],
    )
    .await?;
    println!(
        "generated {} declarations pending at the province HRSS ({} recommended by the demo employer) in {:.1}s",
        s.declarations,
        s.roster,
        t.elapsed().as_secs_f64()
    );

    let base = common::serve(state::AppState::new(conn.clone(), cfg)?)?;
    let hrss = login(&base, "staff", "zj_hrss").await?;
    let employer = login(&base, "employer", &seed::demo_credit_code()).await?;

    // 1. the province-wide pending list, 32 clients
    let client = reqwest::Client::new();
    let path = "/api/v1/reviews?tab=pending";
    let first: Value = client
        .get(format!("{base}{path}"))
        .bearer_auth(&hrss)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "pending list: total {}, {} rows on page 1, counts {}",
        first["total"],
        first["items"].as_array().map_or(0, Vec::len),
        first["counts"]
    );
    if first["total"].as_u64() != Some(s.declarations) {
        return Err(format!("unexpected first page: {first}"));
    }
    let sem = Arc::new(Semaphore::new(s.concurrency));
    let phase = |n: usize| {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            let sem = sem.clone();
            let client = client.clone();
            let url = format!("{base}{path}");
            let token = hrss.clone();
            handles.push(tokio::spawn(async move {
                let _permit = sem.acquire_owned().await.unwrap();
                let start = Instant::now();
                let res = client.get(url).bearer_auth(token).send().await;
                let ok = match res {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                (start.elapsed().as_secs_f64() * 1000.0, ok)
            }));
        }
        handles
    };
    for h in phase(200) {
        h.await.map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    let mut times = Vec::with_capacity(s.requests);
    let mut failed = 0;
    for h in phase(s.requests) {
        let (ms, ok) = h.await.map_err(|e| e.to_string())?;
        times.push(ms);
        if !ok {
            failed += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "pending list, {} clients, {} requests: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {failed} failed (target p99 ≤ 25 ms)",
        s.concurrency,
        s.requests,
        s.requests as f64 / secs,
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    );

    // 2. the demo employer's roster of all it recommended
    // reset the peak RSS to the current RSS (Linux: clear_refs 5), so the figure is the export's
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = vm_rss_mib();
    let started = Instant::now();
    let job: Value = client
        .post(format!("{base}/api/v1/reviews/exports"))
        .bearer_auth(&employer)
        .json(&json!({"kind": "roster", "filters": {"kind": "review", "tab": "all"}}))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let id = job["id"]
        .as_str()
        .ok_or(format!("no job: {job}"))?
        .to_owned();
    let counted = started.elapsed().as_secs_f64();
    let done = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let j: Value = client
            .get(format!("{base}/api/v1/reviews/exports/{id}"))
            .bearer_auth(&employer)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        match j["status"].as_str() {
            Some("done") => break j,
            Some("failed") => return Err(format!("export failed: {j}")),
            _ if started.elapsed() > Duration::from_secs(300) => {
                return Err(format!("export too slow: {j}"));
            }
            _ => {}
        }
    };
    let written = started.elapsed().as_secs_f64();
    let file = client
        .get(format!("{base}/api/v1/reviews/exports/{id}/file"))
        .bearer_auth(&employer)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .bytes()
        .await
        .map_err(|e| e.to_string())?;
    let total = started.elapsed().as_secs_f64();
    let peak = vm_hwm_mib();
    println!(
        "roster export: {} rows, job created (rows counted) in {:.3}s, file written in {:.2}s, downloaded ({:.1} MB) at {:.2}s end to end (target ≤ 10 s)",
        done["done"],
        counted,
        written,
        file.len() as f64 / 1_000_000.0,
        total
    );
    println!(
        "peak RSS of the process serving the API during the export: {peak:.0} MiB (RSS before: {before:.0} MiB; target ≤ 256 MB)"
    );
    if done["done"].as_u64() != Some(s.roster) {
        return Err(format!("expected {} rows: {done}", s.roster));
    }
    Ok(())
}
