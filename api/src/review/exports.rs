//! 导出名单（花名册）and 导出公示表: an xlsx of a review list, following the list's filters,
//! written in the background. The rows are read in keyset pages of [`PAGE`] (newest first, the
//! list's order) and handed to a blocking writer in constant-memory mode, so memory does not
//! grow with the export; the job's progress is saved after every page. The finished file is an
//! ordinary `files` row (purpose `export`), readable only by the account that asked for it.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    access,
    counters::{self, PlanFilter},
    dto::{ExportFilters, ExportJob, ExportKind, ExportRequest, ExportStatus, ReviewTab},
    lists::{filter_condition, keyword, states, tab_total},
};
use crate::{
    auth::AuthUser,
    declarations::{dto::DeclarationInfo, preview::declaration_type, views::summary_of},
    documents::storage::Storage,
    domain::{china_tz, mask_id_number},
    entities::{declaration, declaration_review, export_job, file, org_unit, plan, publicity},
    error::{AppError, AppResult, ErrorCode},
    orgs::dto::OrgUnitRef,
    state::AppState,
};

/// Rows read (and progress saved) at a time.
pub const PAGE: u64 = 1000;

/// The content type of an xlsx file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// 花名册 columns after 序号.
const ROSTER: [&str; 15] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "出生日期",
    "工作单位",
    "申报年度",
    "申报计划",
    "申报类型",
    "申报专业",
    "专业技术资格",
    "受理部门/评委会",
    "审查状态",
    "申报时间",
    "审查意见",
];

/// 公示表 columns.
const PUBLICITY: [&str; 9] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "工作单位",
    "现从事专业",
    "专业工作年限",
    "申报专业技术资格",
    "申报类型",
];

fn plan_filter(f: &ExportFilters) -> PlanFilter {
    PlanFilter {
        kind: Some(f.kind.unwrap_or_default()),
        year: f.year,
        plan: f.plan_id,
        acceptor: f.acceptor_id,
    }
}

/// The rows of the list `f` describes at `unit` (the list's own condition and tab states).
fn condition(unit: Uuid, f: &ExportFilters) -> AppResult<Condition> {
    let tab = f.tab.unwrap_or_default();
    if tab == ReviewTab::Returned {
        return Err(AppError::field(
            "filters.tab",
            "退回记录不能导出，请选择其他标签页",
        ));
    }
    let kw = keyword(f.q.as_deref())?;
    Ok(filter_condition(unit, &plan_filter(f), kw.as_deref())
        .add(declaration_review::Column::State.is_in(states(tab))))
}

/// `POST /reviews/exports`: counts the rows (the maintained counters when there is no
/// keyword), records the job and starts it.
pub async fn create(state: &AppState, user: &AuthUser, req: ExportRequest) -> AppResult<ExportJob> {
    let db = &state.db;
    let unit = access::unit_of(user)?;
    let mut filters = req.filters;
    // the job records the list it exports, defaults included
    filters.kind = Some(filters.kind.unwrap_or_default());
    filters.tab = Some(filters.tab.unwrap_or_default());
    filters.q = filters
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    let cond = condition(unit, &filters)?;
    let total = if filters.q.is_some() {
        declaration_review::Entity::find()
            .filter(cond)
            .count(db)
            .await?
    } else {
        let counts = counters::counts(db, unit, &plan_filter(&filters)).await?;
        tab_total(&counts, filters.tab.unwrap_or_default())
    };
    let job = export_job::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(user.id),
        unit_id: Set(unit),
        kind: Set(req.kind),
        filters: Set(serde_json::to_value(&filters).map_err(|_| AppError::internal())?),
        status: Set(ExportStatus::Queued),
        total: Set(total as i64),
        done: Set(0),
        file_id: Set(None),
        error: Set(None),
        created_at: Set(Utc::now()),
        finished_at: Set(None),
    }
    .insert(db)
    .await?;
    tokio::spawn(run(db.clone(), state.storage.clone(), job.clone()));
    Ok(view_of(&job, None))
}

/// The caller's job `id` (404 for anyone else's).
async fn own_job(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<export_job::Model> {
    let unit = access::unit_of(user)?;
    export_job::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|j| j.account_id == user.id && j.unit_id == unit)
        .ok_or_else(AppError::not_found)
}

/// `GET /reviews/exports/{id}`.
pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<ExportJob> {
    let job = own_job(db, user, id).await?;
    let f = match job.file_id {
        Some(f) => file::Entity::find_by_id(f).one(db).await?,
        None => None,
    };
    Ok(view_of(&job, f.as_ref()))
}

/// `GET /reviews/exports/{id}/file`: the xlsx, as an attachment with its Chinese name.
pub async fn download(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    let job = own_job(&state.db, user, id).await?;
    let f = match (job.status, job.file_id) {
        (ExportStatus::Done, Some(f)) => file::Entity::find_by_id(f).one(&state.db).await?,
        _ => None,
    };
    let Some(f) = f else {
        let detail = match job.status {
            ExportStatus::Failed => {
                format!("导出失败：{}", job.error.as_deref().unwrap_or("请重新导出"))
            }
            _ => format!(
                "导出尚未完成（{}，{}/{}），请稍后再下载",
                job.status.label(),
                job.done,
                job.total
            ),
        };
        return Err(AppError::conflict(ErrorCode::ExportNotReady, detail));
    };
    let bytes = state.storage.get(&f.storage_key).await?;
    Ok(actix_web::HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(("Content-Disposition", content_disposition(&f.original_name)))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}

/// `attachment` with an ASCII fallback name and the real one in RFC 5987 form.
pub fn content_disposition(name: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"export.xlsx\"; filename*=UTF-8''{encoded}")
}

fn view_of(job: &export_job::Model, f: Option<&file::Model>) -> ExportJob {
    let percent = match job.status {
        ExportStatus::Done => 100,
        _ if job.total > 0 => (job.done.saturating_mul(100) / job.total).clamp(0, 99) as i32,
        _ => 0,
    };
    let done = job.status == ExportStatus::Done;
    ExportJob {
        id: job.id,
        kind: job.kind,
        kind_label: job.kind.label().to_owned(),
        filters: serde_json::from_value(job.filters.clone()).unwrap_or_default(),
        status: job.status,
        status_label: job.status.label().to_owned(),
        total: job.total,
        done: job.done,
        percent,
        error: job.error.clone(),
        file_name: f.filter(|_| done).map(|f| f.original_name.clone()),
        download_url: done.then(|| format!("/api/v1/reviews/exports/{}/file", job.id)),
        created_at: job.created_at,
        finished_at: job.finished_at,
    }
}

/// On start-up: jobs a stopped server left queued or running will never finish.
pub async fn fail_interrupted(db: &DatabaseConnection) -> Result<u64, sea_orm::DbErr> {
    let res = export_job::Entity::update_many()
        .col_expr(
            export_job::Column::Status,
            Expr::value(ExportStatus::Failed.to_string_value()),
        )
        .col_expr(
            export_job::Column::Error,
            Expr::value("服务重启，导出被中断，请重新导出"),
        )
        .col_expr(export_job::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(export_job::Column::Status.is_in([ExportStatus::Queued, ExportStatus::Running]))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

impl ExportStatus {
    fn to_string_value(self) -> String {
        use sea_orm::ActiveEnum;
        self.to_value()
    }
}

fn temp_path(id: Uuid) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("zcps-export-{id}.xlsx"))
}

/// Runs job `job` to its end: done with a file, or failed with a message.
async fn run(db: DatabaseConnection, storage: Storage, job: export_job::Model) {
    let path = temp_path(job.id);
    let outcome = execute(&db, &storage, &job, &path).await;
    let _ = tokio::fs::remove_file(&path).await;
    if let Err(e) = outcome {
        tracing::error!(job = %job.id, error = %e.detail, "export failed");
        let failed = export_job::ActiveModel {
            id: Set(job.id),
            status: Set(ExportStatus::Failed),
            error: Set(Some(format!("导出失败：{}", e.detail))),
            finished_at: Set(Some(Utc::now())),
            ..Default::default()
        };
        if let Err(e) = failed.update(&db).await {
            tracing::error!(job = %job.id, error = %e, "could not record the export's failure");
        }
    }
}

/// What the writer thread needs besides the rows.
struct SheetSpec {
    name: &'static str,
    title: Option<String>,
    note: Option<String>,
    headers: &'static [&'static str],
    widths: &'static [f64],
}

const ROSTER_WIDTHS: [f64; 15] = [
    6.0, 10.0, 6.0, 21.0, 12.0, 30.0, 10.0, 36.0, 14.0, 14.0, 30.0, 30.0, 10.0, 18.0, 30.0,
];
const PUBLICITY_WIDTHS: [f64; 9] = [6.0, 10.0, 6.0, 21.0, 30.0, 18.0, 12.0, 30.0, 14.0];

async fn execute(
    db: &DatabaseConnection,
    storage: &Storage,
    job: &export_job::Model,
    path: &std::path::Path,
) -> AppResult<()> {
    export_job::ActiveModel {
        id: Set(job.id),
        status: Set(ExportStatus::Running),
        ..Default::default()
    }
    .update(db)
    .await?;
    let filters: ExportFilters = serde_json::from_value(job.filters.clone()).unwrap_or_default();
    let cond = condition(job.unit_id, &filters)?;
    let unit_name = org_unit::Entity::find_by_id(job.unit_id)
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let today = Utc::now().with_timezone(&china_tz()).format("%Y%m%d");
    let (spec, file_name) = match job.kind {
        ExportKind::Roster => (
            SheetSpec {
                name: "花名册",
                title: None,
                note: None,
                headers: &ROSTER,
                widths: &ROSTER_WIDTHS,
            },
            format!("{unit_name}职称申报花名册（{today}）.xlsx"),
        ),
        ExportKind::Publicity => (
            SheetSpec {
                name: "公示表",
                title: Some(format!("{unit_name}职称申报人员公示表")),
                note: shared_publicity(db, cond.clone()).await?,
                headers: &PUBLICITY,
                widths: &PUBLICITY_WIDTHS,
            },
            format!("{unit_name}职称申报人员公示表（{today}）.xlsx"),
        ),
    };

    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<Vec<String>>>(2);
    let out = path.to_owned();
    let writer = tokio::task::spawn_blocking(move || write_xlsx(&out, &spec, rx));
    let mut cache = Cache::default();
    let mut last: Option<(DateTime<Utc>, Uuid)> = None;
    let mut done: i64 = 0;
    loop {
        let mut q = declaration_review::Entity::find().filter(cond.clone());
        if let Some((at, id)) = last {
            q = q.filter(
                Condition::any()
                    .add(declaration_review::Column::ReceivedAt.lt(at))
                    .add(
                        Condition::all()
                            .add(declaration_review::Column::ReceivedAt.eq(at))
                            .add(declaration_review::Column::DeclarationId.lt(id)),
                    ),
            );
        }
        let rows = q
            .order_by_desc(declaration_review::Column::ReceivedAt)
            .order_by_desc(declaration_review::Column::DeclarationId)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(tail) = rows.last() else {
            break;
        };
        last = Some((tail.received_at, tail.declaration_id));
        let full = rows.len() as u64 == PAGE;
        done += rows.len() as i64;
        let cells = cells_of(db, job.kind, &rows, &mut cache).await?;
        if tx.send(cells).await.is_err() {
            break; // the writer failed: its error is reported below
        }
        export_job::Entity::update_many()
            .col_expr(export_job::Column::Done, Expr::value(done))
            .filter(export_job::Column::Id.eq(job.id))
            .exec(db)
            .await?;
        if !full {
            break;
        }
    }
    drop(tx);
    writer
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "export writer panicked");
            AppError::internal()
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "export writer failed");
            AppError::internal()
        })?;

    let bytes = bytes::Bytes::from(tokio::fs::read(path).await.map_err(|e| {
        tracing::error!(error = %e, "export file unreadable");
        AppError::internal()
    })?);
    let now = Utc::now();
    let file_id = Uuid::now_v7();
    let key = format!(
        "{}/{}/{file_id}.xlsx",
        file::FilePurpose::Export.as_str(),
        now.format("%Y/%m")
    );
    use sha2::Digest;
    let sha256 = hex::encode(sha2::Sha256::digest(&bytes));
    let size = bytes.len() as i64;
    storage.put(&key, bytes).await?;
    let stored = file::ActiveModel {
        id: Set(file_id),
        owner_id: Set(Some(job.account_id)),
        purpose: Set(file::FilePurpose::Export),
        content_type: Set(XLSX.to_owned()),
        size: Set(size),
        sha256: Set(sha256),
        storage_key: Set(key.clone()),
        original_name: Set(file_name),
        created_at: Set(now),
    }
    .insert(db)
    .await;
    if let Err(e) = stored {
        let _ = storage.delete(&key).await;
        return Err(e.into());
    }
    export_job::ActiveModel {
        id: Set(job.id),
        status: Set(ExportStatus::Done),
        total: Set(done),
        done: Set(done),
        file_id: Set(Some(file_id)),
        finished_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The note under the publicity table's title when every row shares one publicity.
async fn shared_publicity(db: &DatabaseConnection, cond: Condition) -> AppResult<Option<String>> {
    let ids: Vec<Option<Uuid>> = declaration_review::Entity::find()
        .select_only()
        .column(declaration_review::Column::PublicityId)
        .filter(cond)
        .distinct()
        .limit(2)
        .into_tuple()
        .all(db)
        .await?;
    let [Some(id)] = ids.as_slice() else {
        return Ok(None);
    };
    Ok(publicity::Entity::find_by_id(*id).one(db).await?.map(|p| {
        format!(
            "公示期：{} 至 {}（{} 个工作日）；公示方式：{}",
            p.starts_on.format("%Y年%-m月%-d日"),
            p.ends_on.format("%Y年%-m月%-d日"),
            p.working_days,
            p.method
        )
    }))
}

/// Plans and units seen by earlier pages (few, whatever the export's size).
#[derive(Default)]
struct Cache {
    /// A plan and its 专业技术资格 name.
    plans: HashMap<Uuid, (plan::Model, String)>,
    units: HashMap<Uuid, OrgUnitRef>,
}

type DeclCols = (
    Uuid,
    Uuid,
    serde_json::Value,
    Option<serde_json::Value>,
    Option<DateTime<Utc>>,
);

/// The cells (after 序号) of `rows`: a few batched queries a page, none per row.
async fn cells_of(
    db: &DatabaseConnection,
    kind: ExportKind,
    rows: &[declaration_review::Model],
    cache: &mut Cache,
) -> AppResult<Vec<Vec<String>>> {
    let decls: HashMap<Uuid, DeclCols> = declaration::Entity::find()
        .select_only()
        .columns([
            declaration::Column::Id,
            declaration::Column::EmployerId,
            declaration::Column::Info,
            declaration::Column::Profile,
            declaration::Column::SubmittedAt,
        ])
        .filter(declaration::Column::Id.is_in(rows.iter().map(|r| r.declaration_id)))
        .into_tuple::<DeclCols>()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.0, d))
        .collect();
    let mut missing_plans: Vec<Uuid> = rows
        .iter()
        .map(|r| r.plan_id)
        .filter(|p| !cache.plans.contains_key(p))
        .collect();
    missing_plans.sort();
    missing_plans.dedup();
    if !missing_plans.is_empty() {
        for p in plan::Entity::find()
            .filter(plan::Column::Id.is_in(missing_plans))
            .all(db)
            .await?
        {
            let title = summary_of(&p).title_name;
            cache.plans.insert(p.id, (p, title));
        }
    }
    let mut missing_units: Vec<Uuid> = rows
        .iter()
        .map(|r| r.acceptor_id)
        .chain(decls.values().map(|d| d.1))
        .filter(|u| !cache.units.contains_key(u))
        .collect();
    missing_units.sort();
    missing_units.dedup();
    if !missing_units.is_empty() {
        cache
            .units
            .extend(crate::declarations::views::units(db, missing_units).await?);
    }

    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let d = decls.get(&r.declaration_id);
        let info: DeclarationInfo = d
            .and_then(|d| serde_json::from_value(d.2.clone()).ok())
            .unwrap_or_default();
        let profile = d.and_then(|d| d.3.as_ref());
        let text = |key: &str| {
            profile
                .and_then(|p| p.get(key))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let employer = profile
            .and_then(|p| p.pointer("/employer/name"))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .or_else(|| {
                d.and_then(|d| cache.units.get(&d.1))
                    .map(|u| u.name.clone())
            })
            .unwrap_or_default();
        let plan = cache.plans.get(&r.plan_id);
        let title = plan.map(|p| p.1.clone()).unwrap_or_default();
        let dtype = plan
            .map(|p| declaration_type(p.0.plan_type, &info))
            .unwrap_or_default();
        out.push(match kind {
            ExportKind::Roster => vec![
                r.applicant_name.clone(),
                text("gender"),
                r.id_number.clone(),
                text("birth_date")
                    .parse::<NaiveDate>()
                    .map(|b| b.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                employer,
                r.year.to_string(),
                plan.map(|p| p.0.name.clone()).unwrap_or_default(),
                dtype,
                info.specialty.unwrap_or_default(),
                title,
                cache
                    .units
                    .get(&r.acceptor_id)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                r.state.label().to_owned(),
                d.and_then(|d| d.4)
                    .map(|t| {
                        t.with_timezone(&china_tz())
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default(),
                r.opinion.clone().unwrap_or_default(),
            ],
            ExportKind::Publicity => vec![
                r.applicant_name.clone(),
                text("gender"),
                mask_id_number(&r.id_number),
                employer,
                info.current_specialty.unwrap_or_default(),
                info.years_in_specialty
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                title,
                dtype,
            ],
        });
    }
    Ok(out)
}

/// Writes the workbook in constant-memory mode: each row goes to a temporary file as soon as
/// the next one starts; strings are written inline.
fn write_xlsx(
    path: &std::path::Path,
    spec: &SheetSpec,
    mut rx: tokio::sync::mpsc::Receiver<Vec<Vec<String>>>,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(spec.name)?;
    for (i, w) in spec.widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(16);
    let mut row: u32 = 0;
    if let Some(t) = &spec.title {
        ws.write_string_with_format(row, 0, t, &title)?;
        row += 1;
    }
    if let Some(n) = &spec.note {
        ws.write_string(row, 0, n)?;
        row += 1;
    }
    for (i, h) in spec.headers.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *h, &bold)?;
    }
    row += 1;
    let mut n: u32 = 0;
    while let Some(page) = rx.blocking_recv() {
        for cells in page {
            n += 1;
            ws.write_number(row, 0, n)?;
            for (i, c) in cells.iter().enumerate() {
                if !c.is_empty() {
                    ws.write_string(row, i as u16 + 1, c)?;
                }
            }
            row += 1;
        }
    }
    wb.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_are_rfc_5987_encoded() {
        let h = content_disposition("花名册 1.xlsx");
        assert_eq!(
            h,
            "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C%201.xlsx"
        );
    }

    #[test]
    fn headers_and_widths_line_up() {
        assert_eq!(ROSTER.len(), ROSTER_WIDTHS.len());
        assert_eq!(PUBLICITY.len(), PUBLICITY_WIDTHS.len());
    }
}
