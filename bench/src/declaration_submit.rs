//! Benchmark: 提交 (`POST /api/v1/declarations/{id}/submit`) on PostgreSQL, 200 applicants
//! submitting at once, each declaration with a snapshot of 30 extracted records. Generates
//! complete drafts with SQL, serves the real API on port 0, and reports throughput and
//! p50/p95/p99 (targets ≥ 500 submits/s, p99 ≤ 100 ms); then runs pgbench on the SQL of a
//! submission against the same rows (bench/sql/). Run with `make bench-submit`.
//!
//! Phases: a warm-up; closed loop (`ZCPS_BENCH_CONCURRENCY` requests always in flight, as
//! fast as the server answers: the throughput); open loop (`ZCPS_BENCH_RATE` submissions a
//! second offered on a fixed schedule, at most `ZCPS_BENCH_CONCURRENCY` in flight, latency
//! counted from the scheduled start: the p99 at the target rate). Every submission is a fresh
//! draft of its own applicant with its own `Idempotency-Key`; any answer but 200 fails the run.
//!
//! ZCPS_BENCH_PG_URL: admin URL for the throwaway database. ZCPS_BENCH_SUBMITS (2000),
//! ZCPS_BENCH_OPEN_SUBMITS (2000, 0 skips), ZCPS_BENCH_WARMUP (50), ZCPS_BENCH_CONCURRENCY
//! (200), ZCPS_BENCH_RATE (500), ZCPS_BENCH_RECORDS_PER (30), ZCPS_BENCH_PGBENCH_SECONDS
//! (10, 0 skips pgbench), ZCPS_BENCH_KEEP.
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::{Duration as Days, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    Statement,
};
use tokio::sync::Semaphore;
use uuid::Uuid;
use zcps::{
    archive::{categories::*, dto::Attachment},
    auth::Role,
    declarations::dto::{DeclarationInfo, RecordSnapshot},
    entities::{org_unit, plan},
    plans::dto::PlanType,
    seed, state,
};

mod common;
use common::{env_num, percentile};

/// The SQL of a submission, for pgbench (see the header of each file).
const PGBENCH_CORE: &str = include_str!("../sql/declaration_submit_core.sql");
const PGBENCH_FULL: &str = include_str!("../sql/declaration_submit_full.sql");

struct Settings {
    warmup: usize,
    closed: usize,
    open: usize,
    concurrency: usize,
    rate: f64,
    records_per: usize,
    pgbench_seconds: u64,
}

#[tokio::main]
async fn main() {
    let s = Settings {
        warmup: env_num("ZCPS_BENCH_WARMUP", 50) as usize,
        closed: env_num("ZCPS_BENCH_SUBMITS", 2000) as usize,
        open: env_num("ZCPS_BENCH_OPEN_SUBMITS", 2000) as usize,
        concurrency: env_num("ZCPS_BENCH_CONCURRENCY", 200).max(1) as usize,
        rate: env_num("ZCPS_BENCH_RATE", 500).max(1) as f64,
        records_per: env_num("ZCPS_BENCH_RECORDS_PER", 30) as usize,
        pgbench_seconds: env_num("ZCPS_BENCH_PGBENCH_SECONDS", 10),
    };
    if let Err(e) = common::with_database(|url| async move { run(&url, &s).await }).await {
        eprintln!("declaration-submit: {e}");
        std::process::exit(1);
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `count` approved archive records of one applicant as extracted snapshots: one education,
/// three work-history, five assessment records, the rest training, papers, engineering projects
/// and qualifications; each with one attachment. `record_id` is replaced per declaration.
fn snapshot_templates(count: usize) -> Vec<RecordSnapshot> {
    let now = Utc::now();
    let year = chrono::Datelike::year(&now);
    let mut out: Vec<(ArchiveData, String, Option<NaiveDate>)> = vec![(
        ArchiveData::Education(Education {
            start_date: date(2003, 9, 1),
            end_date: date(2007, 7, 1),
            school: "河海大学".into(),
            major: "水利水电工程".into(),
            education_level: EducationLevel::Bachelor,
            degree: Some(Degree::Bachelor),
            schooling_years: Some(4.0),
            study_mode: Some(StudyMode::FullTime),
            diploma_no: Some("102941200705001234".into()),
            degree_certificate_no: Some("1029442007001234".into()),
            highest: true,
        }),
        "河海大学 水利水电工程 大学本科".into(),
        Some(date(2007, 7, 1)),
    )];
    for (i, (from, to)) in [(2007, 2012), (2012, 2018), (2018, 0)]
        .into_iter()
        .enumerate()
    {
        out.push((
            ArchiveData::WorkHistory(WorkHistory {
                start_date: date(from, 7, 15),
                end_date: (to > 0).then(|| date(to, 6, 30)),
                unit: "宁波市水利规划设计研究院有限公司".into(),
                post: ["助理工程师", "工程师", "项目负责人"][i].into(),
                work_content: "水利工程规划设计、堤防与水闸结构设计及施工图审查".into(),
                referee: Some("王工".into()),
            }),
            format!(
                "{from}—{} 宁波市水利规划设计研究院有限公司",
                if to > 0 {
                    to.to_string()
                } else {
                    "至今".into()
                }
            ),
            Some(date(from, 7, 15)),
        ));
    }
    for k in 1..=5 {
        out.push((
            ArchiveData::Assessment(Assessment {
                year: year - k,
                result: if k % 2 == 0 {
                    AssessmentResult::Excellent
                } else {
                    AssessmentResult::Pass
                },
                assessing_unit: Some("宁波市水利规划设计研究院有限公司".into()),
            }),
            format!("{} 年度考核", year - k),
            Some(date(year - k, 12, 31)),
        ));
    }
    let mut k = 0;
    while out.len() < count {
        k += 1;
        let (data, title, d) = match k % 4 {
            0 => (
                ArchiveData::Qualification(Qualification {
                    name: "注册土木工程师（水利水电工程）".into(),
                    level: "中级".into(),
                    specialty: "水工结构".into(),
                    obtained_date: date(2014, 10, 1),
                    certificate_no: format!("SL2014{k:06}"),
                    issuer: Some("人力资源和社会保障部".into()),
                    obtained_by: ObtainedBy::Exam,
                }),
                "注册土木工程师（水利水电工程）".to_owned(),
                date(2014, 10, 1),
            ),
            1 => (
                ArchiveData::Training(Training {
                    start_date: date(year - 1 - k % 5, 3, 1),
                    end_date: date(year - 1 - k % 5, 3, 5),
                    course: "水利工程新技术与标准规范更新".into(),
                    organiser: "浙江省水利学会".into(),
                    hours: 32.0,
                    kind: TrainingKind::Professional,
                    mode: Some(TrainingMode::Offline),
                    certificate_no: Some(format!("ZJSL{k:05}")),
                }),
                "水利工程新技术与标准规范更新".to_owned(),
                date(year - 1 - k % 5, 3, 5),
            ),
            2 => (
                ArchiveData::Paper(Paper {
                    title: format!("软土地基上水闸底板结构优化设计研究（{k}）"),
                    journal: "水利水电技术".into(),
                    publication_date: date(2016 + k % 8, 5, 20),
                    volume: Some("47".into()),
                    issue: Some("5".into()),
                    pages: Some("88-93".into()),
                    issn: Some("1000-0860".into()),
                    cn_number: Some("11-1757/TV".into()),
                    author_rank: 1,
                    author_total: 3,
                    first_author: true,
                    corresponding_author: false,
                    indexed_by: IndexedBy::PkuCore,
                    doi: None,
                    representative: k == 2,
                }),
                format!("软土地基上水闸底板结构优化设计研究（{k}）"),
                date(2016 + k % 8, 5, 20),
            ),
            _ => (
                ArchiveData::EngineeringProject(EngineeringProject {
                    start_date: date(2015 + k % 8, 3, 1),
                    end_date: Some(date(2017 + k % 8, 12, 30)),
                    name: format!("姚江流域防洪排涝工程（第{k}标段）"),
                    scale: Some("总投资 3.2 亿元".into()),
                    owner_unit: Some("宁波市水利局".into()),
                    role_and_duties: "设计负责人，负责水闸及堤防结构设计和技术交底".into(),
                    rank: Some(1),
                    acceptance_result: Some("合格".into()),
                    acceptance_date: Some(date(2018 + k % 8, 6, 1)),
                }),
                format!("姚江流域防洪排涝工程（第{k}标段）"),
                date(2015 + k % 8, 3, 1),
            ),
        };
        out.push((data, title, Some(d)));
    }
    out.truncate(count);
    out.into_iter()
        .map(|(content, title, record_date)| {
            let category = content_category(&content);
            RecordSnapshot {
                record_id: Uuid::nil(),
                category,
                category_label: category.label().to_owned(),
                title,
                record_date,
                content,
                attachments: vec![Attachment {
                    id: Uuid::now_v7(),
                    name: "证明材料.pdf".into(),
                    content_type: "application/pdf".into(),
                    size: 262_144,
                    created_at: now - Days::days(40),
                }],
                approved_at: Some(now - Days::days(30)),
                extracted_at: now,
            }
        })
        .collect()
}

fn content_category(d: &ArchiveData) -> Category {
    let v = serde_json::to_value(d).unwrap();
    serde_json::from_value(v["category"].clone()).unwrap()
}

fn sql_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `n` applicants bound to `employer`, each with a complete draft on `plan` (photo, signed
/// guarantee, info and acceptor, `records_per` snapshots, the required attachment). Ids are
/// md5 of a name and the applicant's number, so pgbench scripts find the same rows.
async fn generate(
    conn: &DatabaseConnection,
    n: usize,
    records_per: usize,
    employer: Uuid,
    plan: Uuid,
    acceptor: Uuid,
) -> Result<(), String> {
    let info = DeclarationInfo {
        specialty: Some("水利工程".into()),
        current_specialty: Some("水利水电工程设计".into()),
        years_in_specialty: Some(18),
        archive_location: Some("宁波市人才服务中心".into()),
        foreign_language: Some("英语 大学英语六级".into()),
        achievements: Some("主持完成姚江流域防洪排涝工程等多项大中型水利工程设计。".into()),
        ..Default::default()
    };
    let info = sql_literal(&serde_json::to_string(&info).unwrap());
    let templates = sql_literal(&serde_json::to_string(&snapshot_templates(records_per)).unwrap());
    let sql = format!(
        "CREATE TABLE bench_applicants AS
           SELECT g AS n, md5('account-' || g)::uuid AS account_id,
                  md5('declaration-' || g)::uuid AS declaration_id,
                  md5('photo-' || g)::uuid AS photo_id, md5('signature-' || g)::uuid AS signature_id,
                  md5('attachment-' || g)::uuid AS file_id
           FROM generate_series(1, {n}) g;
         ALTER TABLE bench_applicants ADD PRIMARY KEY (n);
         INSERT INTO accounts (id, role, username, name, phone, password_hash, org_unit_id, id_number, gender, birth_date, status, failed_logins, created_at, updated_at)
           SELECT account_id, 'individual', 'D' || lpad(n::text, 17, '0'), '申报人' || n, '166' || lpad(n::text, 8, '0'), 'x',
                  '{employer}', '330203' || lpad(n::text, 12, '0'), '男', DATE '1985-06-01', 'active', 0, now(), now()
           FROM bench_applicants;
         INSERT INTO profiles (account_id, ethnicity, political_status, work_start_date, health, email, highest_education, current_title, completed_at, updated_at)
           SELECT account_id, '汉族', '群众', DATE '2007-07-15', '健康', 'd' || n || '@example.com', '大学本科', '工程师', now(), now()
           FROM bench_applicants;
         INSERT INTO files (id, owner_id, purpose, content_type, size, sha256, storage_key, original_name, created_at)
           SELECT f.id, a.account_id, f.purpose, f.ct, f.size, md5(f.id::text) || md5(f.purpose), f.purpose || '/' || f.id, f.name, now()
           FROM bench_applicants a, LATERAL (VALUES
             (a.photo_id, 'photo', 'image/jpeg', 48213, '证件照.jpg'),
             (a.signature_id, 'signature', 'image/png', 9120, '签名.png'),
             (a.file_id, 'declaration', 'application/pdf', 183552, '单位推荐意见表.pdf')) f(id, purpose, ct, size, name);
         INSERT INTO declarations (id, applicant_id, plan_id, employer_id, status, last_step, acceptor_id, info, photo_file_id,
                                   signature_file_id, guarantee_signed_at, version, created_at, updated_at)
           SELECT declaration_id, account_id, '{plan}', '{employer}', 'draft', 6, '{acceptor}', {info}::json, photo_id,
                  signature_id, now(), 9, now() - interval '1 day', now()
           FROM bench_applicants;
         INSERT INTO declaration_records (declaration_id, record_id, category, snapshot, extracted_at)
           SELECT a.declaration_id, r.id, t.s->>'category',
                  jsonb_set(t.s, '{{record_id}}', to_jsonb(r.id))::json, now()
           FROM bench_applicants a
           CROSS JOIN jsonb_array_elements({templates}::jsonb) WITH ORDINALITY t(s, k)
           CROSS JOIN LATERAL (SELECT md5('record-' || a.n || '-' || t.k)::uuid AS id) r;
         INSERT INTO declaration_attachments (id, declaration_id, item, file_id, created_at)
           SELECT md5('link-' || n)::uuid, declaration_id, 0, file_id, now() FROM bench_applicants;"
    );
    conn.execute_unprepared(&sql)
        .await
        .map_err(|e| format!("generating data: {e}"))?;
    Ok(())
}

struct Job {
    declaration: Uuid,
    token: String,
}

struct Phase {
    /// Latency of each request, ms.
    times: Vec<f64>,
    wall: f64,
    failures: Vec<String>,
}

/// Submits every job once. `rate`: `None` keeps `concurrency` requests in flight (closed loop);
/// `Some(r)` starts request i at i / r seconds (open loop, at most `concurrency` in flight) and
/// counts its latency from that scheduled start.
async fn fire(
    client: &reqwest::Client,
    base: &str,
    jobs: &[Job],
    concurrency: usize,
    rate: Option<f64>,
    run_tag: &str,
) -> Phase {
    let sem = Arc::new(Semaphore::new(concurrency));
    let start = Instant::now();
    let mut handles = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        let scheduled = match rate {
            Some(r) => {
                let due = start + Duration::from_secs_f64(i as f64 / r);
                tokio::time::sleep_until(due.into()).await;
                Some(due)
            }
            None => None,
        };
        let permit = sem.clone().acquire_owned().await.unwrap();
        let req = client
            .post(format!(
                "{base}/api/v1/declarations/{}/submit",
                job.declaration
            ))
            .bearer_auth(&job.token)
            .header("Idempotency-Key", format!("{run_tag}-{}", job.declaration))
            .header("Content-Type", "application/json")
            .body("{}");
        handles.push(tokio::spawn(async move {
            let t0 = scheduled.unwrap_or_else(Instant::now);
            let outcome = match req.send().await {
                Ok(res) => {
                    let status = res.status();
                    match res.bytes().await {
                        Ok(_) if status.is_success() => Ok(()),
                        Ok(body) => Err(format!("{status} {}", String::from_utf8_lossy(&body))),
                        Err(e) => Err(e.to_string()),
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            drop(permit);
            (ms, outcome)
        }));
    }
    let mut times = Vec::with_capacity(jobs.len());
    let mut failures = vec![];
    for h in handles {
        let (ms, outcome) = h.await.unwrap();
        times.push(ms);
        if let Err(e) = outcome {
            failures.push(e);
        }
    }
    let wall = start.elapsed().as_secs_f64();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Phase {
        times,
        wall,
        failures,
    }
}

fn report(label: &str, p: &Phase, failed: &str) -> String {
    let t = &p.times;
    format!(
        "{label:<44} {:>6} {:>9.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {failed:>6}",
        t.len(),
        t.len() as f64 / p.wall,
        percentile(t, 0.5),
        percentile(t, 0.95),
        percentile(t, 0.99),
        t.last().copied().unwrap_or_default(),
    )
}

/// CPU seconds (user + system) of process `pid` so far, from /proc (Linux; 0 elsewhere).
fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // fields after the command name in parentheses; utime and stime are the 14th and 15th
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds of this process (client and server) and of the PostgreSQL backends serving
/// this database.
async fn cpu_split(conn: &DatabaseConnection) -> Result<(f64, f64), String> {
    let rows = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
        ))
        .await
        .map_err(|e| e.to_string())?;
    let mut pg = 0.0;
    for r in rows {
        let pid: i32 = r.try_get_by_index(0).map_err(|e| e.to_string())?;
        pg += cpu_seconds(pid as u32);
    }
    Ok((cpu_seconds(std::process::id()), pg))
}

async fn scalar(conn: &DatabaseConnection, sql: &str) -> Result<i64, String> {
    let row = conn
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no row")?;
    row.try_get_by_index::<i64>(0).map_err(|e| e.to_string())
}

async fn run(url: &str, s: &Settings) -> Result<(), String> {
    let (conn, cfg) = common::prepare(url).await?;
    let code = seed::demo_credit_code();
    let employer = org_unit::Entity::find()
        .filter(org_unit::Column::CreditCode.eq(code))
        .one(&conn)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("demo employer missing")?
        .id;
    let review_plan = plan::Entity::find()
        .filter(plan::Column::PlanType.eq(PlanType::Review))
        .one(&conn)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("demo 评审 plan missing")?;
    let acceptor: Uuid = serde_json::from_value::<Vec<Uuid>>(review_plan.acceptors.clone())
        .ok()
        .and_then(|a| a.first().copied())
        .ok_or("demo plan has no acceptor")?;

    let total = s.warmup + s.closed + s.open;
    let t = Instant::now();
    generate(
        &conn,
        total,
        s.records_per,
        employer,
        review_plan.id,
        acceptor,
    )
    .await?;
    let tables = [
        "accounts",
        "profiles",
        "files",
        "declarations",
        "declaration_records",
        "declaration_attachments",
        "declaration_events",
        "idempotency_keys",
        "bench_applicants",
    ];
    common::vacuum(&conn, &tables).await?;
    println!(
        "generated {total} applicants with complete drafts ({} snapshots each) in {:.1}s",
        s.records_per,
        t.elapsed().as_secs_f64()
    );

    let app = state::AppState::new(conn.clone(), cfg)?;
    let rows = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT account_id, declaration_id FROM bench_applicants ORDER BY n",
        ))
        .await
        .map_err(|e| e.to_string())?;
    let mut jobs = rows
        .iter()
        .map(|r| {
            let account: Uuid = r.try_get_by_index(0)?;
            Ok(Job {
                declaration: r.try_get_by_index(1)?,
                token: app.jwt.issue(account, Role::Individual, Some(employer)),
            })
        })
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()
        .map_err(|e| e.to_string())?;
    let base = common::serve(app)?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(s.concurrency + 16)
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let run_tag = Uuid::new_v4().simple().to_string();

    let open_jobs = jobs.split_off(s.warmup + s.closed);
    let closed_jobs = jobs.split_off(s.warmup);
    let xacts = "SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database \
                 WHERE datname = current_database()";
    let xacts_before = scalar(&conn, xacts).await?;
    let warm = fire(&client, &base, &jobs, 50, None, &run_tag).await;
    if let Some(e) = warm.failures.first() {
        return Err(format!("warm-up submission failed: {e}"));
    }
    println!(
        "\n{:<44} {:>6} {:>9} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "API phase", "n", "submit/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non200"
    );
    let (app_cpu, pg_cpu) = cpu_split(&conn).await?;
    let closed = fire(&client, &base, &closed_jobs, s.concurrency, None, &run_tag).await;
    let (app_cpu2, pg_cpu2) = cpu_split(&conn).await?;
    // an idle backend reports its counters within 10 s (PGSTAT_IDLE_INTERVAL)
    tokio::time::sleep(Duration::from_secs(11)).await;
    let per_submit = (scalar(&conn, xacts).await? - xacts_before - 1) as f64
        / (jobs.len() + closed_jobs.len()) as f64;
    println!(
        "{}",
        report(
            &format!("closed loop, {} in flight", s.concurrency),
            &closed,
            &closed.failures.len().to_string()
        )
    );
    let n = closed_jobs.len() as f64;
    println!(
        "  CPU per submit: {:.2} ms in this process (client and API), {:.2} ms in PostgreSQL backends",
        (app_cpu2 - app_cpu) * 1000.0 / n,
        (pg_cpu2 - pg_cpu) * 1000.0 / n
    );
    println!(
        "  PostgreSQL transactions per submit, warm-up and closed loop (pg_stat_database): {per_submit:.1}"
    );
    let open = if open_jobs.is_empty() {
        None
    } else {
        let p = fire(
            &client,
            &base,
            &open_jobs,
            s.concurrency,
            Some(s.rate),
            &run_tag,
        )
        .await;
        println!(
            "{}",
            report(
                &format!(
                    "open loop, {}/s offered (≤ {} in flight)",
                    s.rate, s.concurrency
                ),
                &p,
                &p.failures.len().to_string()
            )
        );
        Some(p)
    };
    let failures: Vec<&String> = closed
        .failures
        .iter()
        .chain(open.iter().flat_map(|p| p.failures.iter()))
        .collect();
    for f in failures.iter().take(5) {
        println!("  failure: {f}");
    }
    let submitted = scalar(
        &conn,
        "SELECT count(*) FROM declarations WHERE status = 'submitted'",
    )
    .await?;
    let events = scalar(&conn, "SELECT count(*) FROM declaration_events").await?;
    let keys = scalar(
        &conn,
        "SELECT count(*) FROM idempotency_keys WHERE state = 'done' AND response_status = 200",
    )
    .await?;
    println!(
        "database: {submitted} submitted, {events} events, {keys} stored 200 answers (expected {total} each)"
    );
    if !failures.is_empty() || submitted != total as i64 || events != total as i64 {
        return Err(format!(
            "{} submissions did not answer 200 or were not recorded",
            failures.len()
        ));
    }

    if s.pgbench_seconds > 0 {
        pgbench(&conn, url, total, employer, review_plan.id, s).await?;
    }
    Ok(())
}

/// pgbench on the SQL of a submission (bench/sql/*.sql), on the rows the API just used.
async fn pgbench(
    conn: &DatabaseConnection,
    url: &str,
    applicants: usize,
    employer: Uuid,
    plan: Uuid,
    s: &Settings,
) -> Result<(), String> {
    if std::process::Command::new("pgbench")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("\npgbench not found: skipped");
        return Ok(());
    }
    // the scripts keep a declaration a draft (the status filter of the real UPDATE must match)
    conn.execute_unprepared("UPDATE declarations SET status = 'draft'")
        .await
        .map_err(|e| e.to_string())?;
    common::vacuum(
        conn,
        &["declarations", "declaration_events", "idempotency_keys"],
    )
    .await?;
    let bodylen = scalar(
        conn,
        "SELECT coalesce(avg(length(response_body)), 0)::bigint FROM idempotency_keys",
    )
    .await?;
    let max_conn = scalar(
        conn,
        "SELECT setting::bigint FROM pg_settings WHERE name = 'max_connections'",
    )
    .await?;
    let in_use = scalar(conn, "SELECT count(*) FROM pg_stat_activity").await?;
    let wide = (s.concurrency as i64).min(max_conn - in_use - 5).max(1);
    let dir = std::env::temp_dir().join(format!("zcps-pgbench-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    println!(
        "\n{:<44} {:>6} {:>9} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "pgbench (same rows, -M prepared -j 2)",
        "n",
        "tx/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "failed"
    );
    let pool = 20; // the API's pool (db.rs max_connections)
    let mut runs: Vec<(&str, &str, i64, Option<f64>)> = vec![
        ("core", PGBENCH_CORE, pool, None),
        ("core", PGBENCH_CORE, wide, None),
        ("full", PGBENCH_FULL, pool, None),
        ("full", PGBENCH_FULL, wide, None),
    ];
    if s.open > 0 {
        runs.push(("full", PGBENCH_FULL, pool, Some(s.rate)));
    }
    for (i, (name, script, clients, rate)) in runs.into_iter().enumerate() {
        let file = dir.join(format!("{name}.sql"));
        std::fs::write(&file, script).map_err(|e| e.to_string())?;
        let prefix = dir.join(format!("log{i}"));
        let mut cmd = std::process::Command::new("pgbench");
        cmd.args(["-n", "-M", "prepared", "-j", "2", "-T"])
            .arg(s.pgbench_seconds.to_string())
            .arg("-c")
            .arg(clients.to_string())
            .arg("-f")
            .arg(&file)
            .arg("-D")
            .arg(format!("applicants={applicants}"))
            .arg("-D")
            .arg(format!("plan={plan}"))
            .arg("-D")
            .arg(format!("employer={employer}"))
            .arg("-D")
            .arg(format!("bodylen={bodylen}"))
            .arg("-l")
            .arg("--log-prefix")
            .arg(&prefix);
        if let Some(r) = rate {
            cmd.arg("-R").arg(r.to_string());
        }
        cmd.arg(url).current_dir(&dir);
        let out = cmd.output().map_err(|e| e.to_string())?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            return Err(format!(
                "pgbench {name}: {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let failed = stdout
            .lines()
            .find(|l| l.starts_with("number of failed transactions"))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.split_whitespace().next())
            .unwrap_or("0")
            .to_owned();
        // per-transaction log lines: client, transaction, latency µs, script, epoch s, µs[, lag]
        let mut times = vec![];
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let fname = path.file_name().unwrap().to_string_lossy().into_owned();
            if !fname.starts_with(&format!("log{i}.")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            for line in text.lines() {
                // with -R the logged time counts from the scheduled start (includes the lag)
                if let Some(us) = line
                    .split_whitespace()
                    .nth(2)
                    .and_then(|v| v.parse::<f64>().ok())
                {
                    times.push(us / 1000.0);
                }
            }
        }
        if times.is_empty() {
            return Err(format!("pgbench {name}: no transactions logged\n{stdout}"));
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let label = match rate {
            Some(r) => format!("{name}.sql, -c {clients}, -R {r} (fixed rate)"),
            None => format!("{name}.sql, -c {clients}"),
        };
        let tps = stdout
            .lines()
            .find(|l| l.starts_with("tps = "))
            .and_then(|l| l[6..].split_whitespace().next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(times.len() as f64 / s.pgbench_seconds as f64);
        let phase = Phase {
            wall: times.len() as f64 / tps,
            times,
            failures: vec![],
        };
        println!("{}", report(&label, &phase, &failed));
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
