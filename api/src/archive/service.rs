use crate::error::ErrorCode;
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    categories::{ArchiveData, Category},
    dto::*,
    status::{Decision, RecordStatus},
};
use crate::db::WriteTxn;
use crate::{
    accounts,
    auth::{AuthUser, Role},
    documents::{files, sniff::FileKind},
    domain::mask_id_number,
    entities::{account, archive_attachment, archive_record, archive_review_log, file, org_unit},
    error::{AppError, AppResult, FieldErrors},
    notify,
    orgs::{self, dto::OrgUnitRef},
    pagination::PageParams,
    state::AppState,
};

pub const MAX_BATCH: usize = 1000;
pub const ATTACHMENT_MAX: usize = 10 * files::MB;
pub const ATTACHMENT_KINDS: [FileKind; 3] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png];

fn conflict(code: ErrorCode, msg: impl Into<String>) -> AppError {
    AppError::conflict(code, msg)
}

/// The employer an individual is bound to; archive records go to its review queue.
pub async fn bound_employer<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Individual])?;
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    acc.org_unit_id.ok_or_else(|| {
        AppError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::EmployerNotBound,
            "请先在个人基本信息中绑定工作单位，业绩档案需由所在单位审核",
        )
    })
}

fn check(content: &ArchiveData) -> AppResult<(String, Option<chrono::NaiveDate>)> {
    let mut errs = FieldErrors::default();
    content.check(&mut errs, Utc::now().date_naive());
    errs.finish()?;
    let (title, date) = content.summary();
    Ok((title.chars().take(400).collect(), date))
}

async fn log<C: ConnectionTrait>(
    db: &C,
    record: Uuid,
    actor: (Uuid, &str),
    action: &str,
    from: Option<RecordStatus>,
    to: RecordStatus,
    comment: Option<&str>,
) -> AppResult<()> {
    archive_review_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        record_id: Set(record),
        actor_id: Set(actor.0),
        actor_name: Set(actor.1.to_owned()),
        action: Set(action.to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        comment: Set(comment.map(str::to_owned)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn status_of(m: &archive_record::Model) -> RecordStatus {
    RecordStatus::parse(&m.status).unwrap_or(RecordStatus::Pending)
}

fn content_of(m: &archive_record::Model) -> AppResult<ArchiveData> {
    serde_json::from_value(serde_json::json!({"category": m.category, "data": m.data})).map_err(
        |e| {
            tracing::error!(error = %e, id = %m.id, "stored archive record does not parse");
            AppError::internal()
        },
    )
}

fn owner_of(a: Option<&account::Model>, id: Uuid) -> RecordOwner {
    RecordOwner {
        id,
        name: a.map(|a| a.name.clone()).unwrap_or_default(),
        id_number_masked: a.and_then(|a| a.id_number.as_deref().map(mask_id_number)),
    }
}

/// Builds full views for `rows` with three batched queries (owners, employers, attachments).
async fn views<C: ConnectionTrait>(
    db: &C,
    rows: &[archive_record::Model],
    full_id: bool,
) -> AppResult<Vec<ArchiveRecord>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let owners = accounts::service::accounts_by_id(db, rows.iter().map(|r| r.owner_id)).await?;
    let employers =
        orgs::service::units_by_id(db, rows.iter().filter_map(|r| r.employer_id)).await?;
    let mut attachments: HashMap<Uuid, Vec<Attachment>> = HashMap::new();
    if !ids.is_empty() {
        let links = archive_attachment::Entity::find()
            .filter(archive_attachment::Column::RecordId.is_in(ids.clone()))
            .order_by_asc(archive_attachment::Column::CreatedAt)
            .all(db)
            .await?;
        let files: HashMap<Uuid, file::Model> = file::Entity::find()
            .filter(file::Column::Id.is_in(links.iter().map(|l| l.file_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        for l in links {
            if let Some(f) = files.get(&l.file_id) {
                attachments
                    .entry(l.record_id)
                    .or_default()
                    .push(Attachment {
                        id: l.id,
                        name: f.original_name.clone(),
                        content_type: f.content_type.clone(),
                        size: f.size,
                        created_at: l.created_at,
                    });
            }
        }
    }
    rows.iter()
        .map(|r| {
            let status = status_of(r);
            let category = Category::parse(&r.category).unwrap_or(Category::Education);
            let owner = owners.get(&r.owner_id);
            Ok(ArchiveRecord {
                id: r.id,
                category,
                category_label: category.label().to_owned(),
                status,
                status_label: status.label().to_owned(),
                content: content_of(r)?,
                title: r.title.clone(),
                record_date: r.record_date,
                review_comment: r.review_comment.clone(),
                version: r.version,
                employer: r
                    .employer_id
                    .and_then(|e| employers.get(&e))
                    .map(OrgUnitRef::from),
                owner: owner_of(owner, r.owner_id),
                owner_id_number: if full_id {
                    owner.and_then(|o| o.id_number.clone())
                } else {
                    None
                },
                attachments: attachments.remove(&r.id).unwrap_or_default(),
                submitted_at: r.submitted_at,
                reviewed_at: r.reviewed_at,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

async fn actor_name<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<String> {
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::unauthorized("账号不存在"))?;
    if user.role == Role::Employer
        && let Some(org) = user.org
        && let Some(unit) = org_unit::Entity::find_by_id(org).one(db).await?
    {
        return Ok(format!("{}（{}）", unit.name, acc.name));
    }
    Ok(acc.name)
}

pub async fn create(
    state: &AppState,
    user: &AuthUser,
    content: ArchiveData,
) -> AppResult<ArchiveRecord> {
    let employer = bound_employer(&state.db, user).await?;
    let (title, date) = check(&content)?;
    let actor = actor_name(&state.db, user).await?;
    let value = serde_json::to_value(&content).expect("serialises");
    let category = content.category();
    let user_id = user.id;
    let row = state
        .db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                let row = archive_record::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    owner_id: Set(user_id),
                    employer_id: Set(Some(employer)),
                    category: Set(category.as_str().to_owned()),
                    status: Set(RecordStatus::Pending.as_str().to_owned()),
                    data: Set(value["data"].clone()),
                    title: Set(title),
                    record_date: Set(date),
                    review_comment: Set(None),
                    version: Set(1),
                    submitted_at: Set(now),
                    reviewed_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(txn)
                .await?;
                log(
                    txn,
                    row.id,
                    (user_id, &actor),
                    "submit",
                    None,
                    RecordStatus::Pending,
                    None,
                )
                .await?;
                Ok(row)
            })
        })
        .await?;
    Ok(views(&state.db, &[row], true).await?.remove(0))
}

/// The caller's own record, or 404.
async fn own<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<archive_record::Model> {
    user.require(&[Role::Individual])?;
    archive_record::Entity::find_by_id(id)
        .filter(archive_record::Column::OwnerId.eq(user.id))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn update(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    req: UpdateRecord,
) -> AppResult<ArchiveRecord> {
    let current = own(&state.db, user, id).await?;
    let status = status_of(&current);
    if let Some(why) = status.edit_refusal() {
        return Err(conflict(ErrorCode::RecordLocked, why));
    }
    if req.content.category().as_str() != current.category {
        let mut e = FieldErrors::default();
        e.push("content.category", "不能修改业绩类别");
        e.finish()?;
    }
    if let Some(v) = req.version
        && v as i32 != current.version
    {
        return Err(conflict(
            ErrorCode::VersionConflict,
            "该记录已在其他地方被修改，请刷新后重试",
        ));
    }
    let (title, date) = check(&req.content)?;
    let employer = bound_employer(&state.db, user).await?;
    let actor = actor_name(&state.db, user).await?;
    let value = serde_json::to_value(&req.content).expect("serialises");
    let user_id = user.id;
    let version = current.version;
    let row = state
        .db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                let updated = archive_record::Entity::update_many()
                    .col_expr(
                        archive_record::Column::Data,
                        Expr::value(value["data"].clone()),
                    )
                    .col_expr(archive_record::Column::Title, Expr::value(title))
                    .col_expr(archive_record::Column::RecordDate, Expr::value(date))
                    .col_expr(
                        archive_record::Column::Status,
                        Expr::value(RecordStatus::Pending.as_str()),
                    )
                    .col_expr(
                        archive_record::Column::EmployerId,
                        Expr::value(Some(employer)),
                    )
                    .col_expr(archive_record::Column::Version, Expr::value(version + 1))
                    .col_expr(archive_record::Column::SubmittedAt, Expr::value(now))
                    .col_expr(archive_record::Column::UpdatedAt, Expr::value(now))
                    .filter(archive_record::Column::Id.eq(id))
                    .filter(archive_record::Column::Version.eq(version))
                    .filter(archive_record::Column::Status.is_in([
                        RecordStatus::Pending.as_str(),
                        RecordStatus::Returned.as_str(),
                    ]))
                    .exec_with_returning(txn)
                    .await?;
                let Some(row) = updated.into_iter().next() else {
                    return Err(conflict(
                        ErrorCode::VersionConflict,
                        "该记录刚刚被审核或修改，请刷新后重试",
                    ));
                };
                log(
                    txn,
                    id,
                    (user_id, &actor),
                    "resubmit",
                    Some(status),
                    RecordStatus::Pending,
                    None,
                )
                .await?;
                Ok(row)
            })
        })
        .await?;
    Ok(views(&state.db, &[row], true).await?.remove(0))
}

pub async fn delete(state: &AppState, user: &AuthUser, id: Uuid) -> AppResult<()> {
    let current = own(&state.db, user, id).await?;
    if let Some(why) = status_of(&current).delete_refusal() {
        return Err(conflict(ErrorCode::RecordLocked, why));
    }
    let status = current.status.clone();
    state
        .db
        .write_txn(|txn| {
            Box::pin(async move {
                archive_attachment::Entity::delete_many()
                    .filter(archive_attachment::Column::RecordId.eq(id))
                    .exec(txn)
                    .await?;
                archive_review_log::Entity::delete_many()
                    .filter(archive_review_log::Column::RecordId.eq(id))
                    .exec(txn)
                    .await?;
                let res = archive_record::Entity::delete_many()
                    .filter(archive_record::Column::Id.eq(id))
                    .filter(archive_record::Column::Status.eq(status))
                    .exec(txn)
                    .await?;
                if res.rows_affected != 1 {
                    return Err(conflict(
                        ErrorCode::VersionConflict,
                        "该记录刚刚被审核，请刷新后重试",
                    ));
                }
                Ok(())
            })
        })
        .await?;
    Ok(())
}

/// The employer unit of an employer account that has been authorised (else 403).
pub async fn reviewing_employer<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Uuid> {
    user.require(&[Role::Employer])?;
    let unit = match user.org {
        Some(org) => org_unit::Entity::find_by_id(org).one(db).await?,
        None => None,
    }
    .ok_or_else(AppError::forbidden)?;
    if unit.status != "active" {
        return Err(AppError::new(
            actix_web::http::StatusCode::FORBIDDEN,
            ErrorCode::AuthorisationRequired,
            "本单位的授权委托证明尚未审核通过，暂不能审核",
        ));
    }
    Ok(unit.id)
}

/// A record the caller may read: its owner, or the reviewing employer. Anything else is 404.
async fn readable<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<archive_record::Model> {
    let row = archive_record::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let allowed = match user.role {
        Role::Individual => row.owner_id == user.id,
        Role::Employer => {
            let unit = reviewing_employer(db, user).await?;
            row.employer_id == Some(unit)
        }
        _ => return Err(AppError::forbidden()),
    };
    if allowed {
        Ok(row)
    } else {
        Err(AppError::not_found())
    }
}

pub async fn get(state: &AppState, user: &AuthUser, id: Uuid) -> AppResult<ArchiveRecord> {
    let row = readable(&state.db, user, id).await?;
    Ok(views(&state.db, &[row], true).await?.remove(0))
}

async fn counts<C: ConnectionTrait>(db: &C, cond: Condition) -> AppResult<StatusCounts> {
    let rows: Vec<(String, i64)> = archive_record::Entity::find()
        .select_only()
        .column(archive_record::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(cond)
        .group_by(archive_record::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut c = StatusCounts::default();
    for (status, n) in rows {
        let n = n as u64;
        match RecordStatus::parse(&status) {
            Some(RecordStatus::Pending) => c.pending = n,
            Some(RecordStatus::Approved) => c.approved = n,
            Some(RecordStatus::Rejected) => c.rejected = n,
            Some(RecordStatus::Returned) => c.returned = n,
            None => {}
        }
        c.all += n;
    }
    Ok(c)
}

fn total_for(c: &StatusCounts, status: Option<RecordStatus>) -> u64 {
    match status {
        None => c.all,
        Some(RecordStatus::Pending) => c.pending,
        Some(RecordStatus::Approved) => c.approved,
        Some(RecordStatus::Rejected) => c.rejected,
        Some(RecordStatus::Returned) => c.returned,
    }
}

pub async fn list_mine(
    state: &AppState,
    user: &AuthUser,
    q: MyRecordsQuery,
    page: PageParams,
) -> AppResult<ArchiveRecordPage> {
    user.require(&[Role::Individual])?;
    let (page_no, per_page) = page.resolve()?;
    let mut base = Condition::all().add(archive_record::Column::OwnerId.eq(user.id));
    if let Some(c) = q.category {
        base = base.add(archive_record::Column::Category.eq(c.as_str()));
    }
    let counts = counts(&state.db, base.clone()).await?;
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(archive_record::Column::Status.eq(s.as_str()));
    }
    let rows = archive_record::Entity::find()
        .filter(cond)
        .order_by_desc(archive_record::Column::RecordDate)
        .order_by_desc(archive_record::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(&state.db)
        .await?;
    Ok(ArchiveRecordPage {
        items: views(&state.db, &rows, true).await?,
        total: total_for(&counts, q.status),
        page: page_no,
        per_page,
        counts,
    })
}

pub async fn review_list(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: ReviewQuery,
    page: PageParams,
) -> AppResult<ReviewPage> {
    let unit = reviewing_employer(db, user).await?;
    let (page_no, per_page) = page.resolve()?;
    let mut base = Condition::all().add(archive_record::Column::EmployerId.eq(unit));
    if let Some(c) = q.category {
        base = base.add(archive_record::Column::Category.eq(c.as_str()));
    }
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        // 申报人姓名或证件号码关键字模糊查询, among the unit's own staff.
        let owners = sea_orm::sea_query::Query::select()
            .column(account::Column::Id)
            .from(account::Entity)
            .and_where(account::Column::OrgUnitId.eq(unit))
            .cond_where(
                Condition::any()
                    .add(orgs::service::fuzzy(account::Column::Name, text))
                    .add(orgs::service::fuzzy(
                        account::Column::IdNumber,
                        &text.to_ascii_uppercase(),
                    )),
            )
            .to_owned();
        base = base.add(archive_record::Column::OwnerId.in_subquery(owners));
    }
    let counts = counts(db, base.clone()).await?;
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(archive_record::Column::Status.eq(s.as_str()));
    }
    let total = total_for(&counts, q.status);
    let rows = if total == 0 {
        vec![]
    } else {
        archive_record::Entity::find()
            .filter(cond)
            .order_by_desc(archive_record::Column::SubmittedAt)
            .order_by_desc(archive_record::Column::Id)
            .offset(crate::pagination::offset(page_no, per_page))
            .limit(per_page as u64)
            .all(db)
            .await?
    };
    let owners = accounts::service::accounts_by_id(db, rows.iter().map(|r| r.owner_id)).await?;
    let items = rows
        .iter()
        .map(|r| {
            let status = status_of(r);
            ReviewRow {
                id: r.id,
                category: Category::parse(&r.category).unwrap_or(Category::Education),
                status,
                status_label: status.label().to_owned(),
                owner: owner_of(owners.get(&r.owner_id), r.owner_id),
                title: r.title.clone(),
                record_date: r.record_date,
                review_comment: r.review_comment.clone(),
                submitted_at: r.submitted_at,
                reviewed_at: r.reviewed_at,
            }
        })
        .collect();
    Ok(ReviewPage {
        items,
        total,
        page: page_no,
        per_page,
        counts,
    })
}

pub async fn review_summary(db: &DatabaseConnection, user: &AuthUser) -> AppResult<ReviewSummary> {
    let unit = reviewing_employer(db, user).await?;
    let rows: Vec<(String, i64)> = archive_record::Entity::find()
        .select_only()
        .column(archive_record::Column::Category)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(archive_record::Column::EmployerId.eq(unit))
        .filter(archive_record::Column::Status.eq(RecordStatus::Pending.as_str()))
        .group_by(archive_record::Column::Category)
        .into_tuple()
        .all(db)
        .await?;
    let by_cat: HashMap<String, u64> = rows.into_iter().map(|(c, n)| (c, n as u64)).collect();
    let categories: Vec<CategoryCount> = Category::ALL
        .into_iter()
        .map(|c| CategoryCount {
            category: c,
            number: c.number() as u32,
            label: c.label().to_owned(),
            pending: by_cat.get(c.as_str()).copied().unwrap_or(0),
        })
        .collect();
    Ok(ReviewSummary {
        pending_records: categories.iter().map(|c| c.pending).sum(),
        categories,
        pending_declarations: 0,
    })
}

pub async fn decide(
    state: &AppState,
    user: &AuthUser,
    req: DecisionRequest,
) -> AppResult<DecisionResult> {
    let unit = reviewing_employer(&state.db, user).await?;
    let mut errs = FieldErrors::default();
    let mut ids: Vec<Uuid> = Vec::with_capacity(req.record_ids.len());
    let mut seen = HashSet::new();
    for id in &req.record_ids {
        if seen.insert(*id) {
            ids.push(*id);
        }
    }
    if ids.is_empty() {
        errs.push("record_ids", "请至少选择一条记录");
    } else if ids.len() > MAX_BATCH {
        errs.push("record_ids", format!("一次最多审核{MAX_BATCH}条记录"));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if req.decision.needs_comment() && comment.is_none() {
        errs.push(
            "comment",
            if req.decision == Decision::Return {
                "请填写退回意见，说明需要修改的内容"
            } else {
                "请填写不通过意见"
            },
        );
    }
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        errs.push("comment", "意见不能超过1000个字符");
    }
    errs.finish()?;
    let actor = actor_name(&state.db, user).await?;
    let decision = req.decision;
    let user_id = user.id;
    let write = crate::db::begin_write(&state.db).await?;
    let txn = &write;
    {
        let mut found: HashMap<Uuid, archive_record::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            for r in archive_record::Entity::find()
                .filter(archive_record::Column::Id.is_in(chunk.to_vec()))
                .filter(archive_record::Column::EmployerId.eq(unit))
                .all(txn)
                .await?
            {
                found.insert(r.id, r);
            }
        }
        let target = RecordStatus::Pending
            .decide(decision)
            .expect("pending can be decided");
        let pending: Vec<Uuid> = ids
            .iter()
            .copied()
            .filter(|id| {
                found
                    .get(id)
                    .is_some_and(|r| status_of(r) == RecordStatus::Pending)
            })
            .collect();
        let now = Utc::now();
        let mut updated: HashMap<Uuid, archive_record::Model> = HashMap::new();
        for chunk in pending.chunks(500) {
            for r in archive_record::Entity::update_many()
                .col_expr(archive_record::Column::Status, Expr::value(target.as_str()))
                .col_expr(
                    archive_record::Column::ReviewComment,
                    Expr::value(comment.clone()),
                )
                .col_expr(archive_record::Column::ReviewedAt, Expr::value(Some(now)))
                .col_expr(archive_record::Column::UpdatedAt, Expr::value(now))
                .col_expr(
                    archive_record::Column::Version,
                    Expr::col(archive_record::Column::Version).add(1),
                )
                .filter(archive_record::Column::Id.is_in(chunk.to_vec()))
                .filter(archive_record::Column::Status.eq(RecordStatus::Pending.as_str()))
                .exec_with_returning(txn)
                .await?
            {
                updated.insert(r.id, r);
            }
        }
        let logs: Vec<archive_review_log::ActiveModel> = updated
            .keys()
            .map(|id| archive_review_log::ActiveModel {
                id: Set(Uuid::now_v7()),
                record_id: Set(*id),
                actor_id: Set(user_id),
                actor_name: Set(actor.clone()),
                action: Set(decision.action().to_owned()),
                from_status: Set(Some(RecordStatus::Pending.as_str().to_owned())),
                to_status: Set(target.as_str().to_owned()),
                comment: Set(comment.clone()),
                created_at: Set(now),
            })
            .collect();
        for chunk in logs.chunks(500) {
            archive_review_log::Entity::insert_many(chunk.to_vec())
                .exec(txn)
                .await?;
        }
        // One notification per applicant for the whole batch.
        let mut per_owner: HashMap<Uuid, Vec<&archive_record::Model>> = HashMap::new();
        for r in updated.values() {
            per_owner.entry(r.owner_id).or_default().push(r);
        }
        for (owner, recs) in per_owner {
            let first = &recs[0];
            let cat = Category::parse(&first.category)
                .map(|c| c.label())
                .unwrap_or("业绩");
            let title = format!("业绩档案审核结果：{}", target.label());
            let body = if recs.len() == 1 {
                format!(
                    "您的{cat}「{}」审核结果为：{}。{}",
                    first.title,
                    target.label(),
                    comment
                        .as_deref()
                        .map(|c| format!("审核意见：{c}"))
                        .unwrap_or_default()
                )
            } else {
                format!(
                    "您的{}条业绩档案审核结果为：{}。{}",
                    recs.len(),
                    target.label(),
                    comment
                        .as_deref()
                        .map(|c| format!("审核意见：{c}"))
                        .unwrap_or_default()
                )
            };
            notify::notify(txn, owner, &title, &body).await?;
        }
        let items: Vec<DecisionOutcome> = ids
            .iter()
            .map(|id| match (updated.get(id), found.get(id)) {
                (Some(_), _) => DecisionOutcome {
                    record_id: *id,
                    ok: true,
                    status: Some(target),
                    code: None,
                    message: None,
                },
                (None, None) => DecisionOutcome {
                    record_id: *id,
                    ok: false,
                    status: None,
                    code: Some(ErrorCode::NotFound),
                    message: Some("记录不存在或不属于本单位".into()),
                },
                (None, Some(r)) => DecisionOutcome {
                    record_id: *id,
                    ok: false,
                    status: Some(status_of(r)),
                    code: Some(ErrorCode::AlreadyReviewed),
                    message: Some(
                        status_of(r)
                            .decide(decision)
                            .err()
                            .unwrap_or_else(|| "该记录刚刚被其他审核人处理".into()),
                    ),
                },
            })
            .collect();
        let succeeded = items.iter().filter(|i| i.ok).count() as u32;
        let result = DecisionResult {
            succeeded,
            failed: items.len() as u32 - succeeded,
            items,
        };
        write.commit().await?;
        Ok(result)
    }
}

pub async fn logs(state: &AppState, user: &AuthUser, id: Uuid) -> AppResult<Vec<ReviewLogEntry>> {
    readable(&state.db, user, id).await?;
    let rows = archive_review_log::Entity::find()
        .filter(archive_review_log::Column::RecordId.eq(id))
        .order_by_asc(archive_review_log::Column::CreatedAt)
        .order_by_asc(archive_review_log::Column::Id)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|l| ReviewLogEntry {
            id: l.id,
            action_label: match l.action.as_str() {
                "submit" => "提交",
                "resubmit" => "修改后重新提交",
                "approve" => "通过",
                "reject" => "不通过",
                "return" => "退回",
                "move" => "随工作单位变更转入新单位",
                _ => "其他",
            }
            .to_owned(),
            action: l.action,
            from_status: l.from_status.as_deref().and_then(RecordStatus::parse),
            to_status: RecordStatus::parse(&l.to_status).unwrap_or(RecordStatus::Pending),
            actor: l.actor_name,
            comment: l.comment,
            created_at: l.created_at,
        })
        .collect())
}

pub async fn add_attachment(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    form: files::UploadForm,
) -> AppResult<Attachment> {
    let current = own(&state.db, user, id).await?;
    if let Some(why) = status_of(&current).edit_refusal() {
        return Err(conflict(ErrorCode::RecordLocked, why));
    }
    let (name, bytes) = form.file.ok_or_else(|| {
        let mut e = FieldErrors::default();
        e.push("file", "请选择要上传的文件");
        e.finish().unwrap_err()
    })?;
    if archive_attachment::Entity::find()
        .filter(archive_attachment::Column::RecordId.eq(id))
        .count(&state.db)
        .await?
        >= 20
    {
        return Err(conflict(
            ErrorCode::TooManyAttachments,
            "每条业绩最多上传20个附件",
        ));
    }
    // The bytes are stored before the rows that reference them.
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: "archive",
        original_name: &name,
        bytes,
    };
    let f = files::save(state, &state.db, new, &ATTACHMENT_KINDS, ATTACHMENT_MAX).await?;
    let link = archive_attachment::ActiveModel {
        id: Set(Uuid::now_v7()),
        record_id: Set(id),
        file_id: Set(f.id),
        created_at: Set(Utc::now()),
    }
    .insert(&state.db)
    .await?;
    Ok(Attachment {
        id: link.id,
        name: f.original_name,
        content_type: f.content_type,
        size: f.size,
        created_at: link.created_at,
    })
}

async fn attachment_of<C: ConnectionTrait>(
    db: &C,
    record: Uuid,
    attachment: Uuid,
) -> AppResult<(archive_attachment::Model, file::Model)> {
    let link = archive_attachment::Entity::find_by_id(attachment)
        .filter(archive_attachment::Column::RecordId.eq(record))
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    let f = file::Entity::find_by_id(link.file_id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((link, f))
}

pub async fn download_attachment(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    attachment: Uuid,
) -> AppResult<actix_web::HttpResponse> {
    readable(&state.db, user, id).await?;
    let (_, f) = attachment_of(&state.db, id, attachment).await?;
    files::download(state, &f).await
}

pub async fn remove_attachment(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    attachment: Uuid,
) -> AppResult<()> {
    let current = own(&state.db, user, id).await?;
    if let Some(why) = status_of(&current).edit_refusal() {
        return Err(conflict(ErrorCode::RecordLocked, why));
    }
    let (link, _) = attachment_of(&state.db, id, attachment).await?;
    archive_attachment::Entity::delete_by_id(link.id)
        .exec(&state.db)
        .await?;
    Ok(())
}

/// When an individual changes employer: records still waiting (pending or returned) move to
/// the new employer's queue; decided ones stay where they were decided.
pub async fn move_open_records<C: ConnectionTrait>(
    db: &C,
    owner: Uuid,
    actor: &str,
    to: Uuid,
) -> AppResult<u64> {
    let moved = archive_record::Entity::update_many()
        .col_expr(archive_record::Column::EmployerId, Expr::value(Some(to)))
        .filter(archive_record::Column::OwnerId.eq(owner))
        .filter(archive_record::Column::Status.is_in([
            RecordStatus::Pending.as_str(),
            RecordStatus::Returned.as_str(),
        ]))
        .exec_with_returning(db)
        .await?;
    for r in &moved {
        let s = status_of(r);
        log(db, r.id, (owner, actor), "move", Some(s), s, None).await?;
    }
    Ok(moved.len() as u64)
}

/// One record: 200 with the record, 404 outside the unit, 409 when someone decided it first.
pub async fn decide_one(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    req: SingleDecision,
) -> AppResult<ArchiveRecord> {
    let res = decide(
        state,
        user,
        DecisionRequest {
            record_ids: vec![id],
            decision: req.decision,
            comment: req.comment,
        },
    )
    .await?;
    let outcome = res
        .items
        .into_iter()
        .next()
        .ok_or_else(AppError::internal)?;
    match outcome.code {
        None => get(state, user, id).await,
        Some(ErrorCode::NotFound) => Err(AppError::not_found()),
        Some(_) => Err(conflict(
            ErrorCode::AlreadyReviewed,
            outcome.message.unwrap_or_else(|| "该记录已被审核".into()),
        )),
    }
}

/// The applicant's 17 categories with counts per status, in one grouped query.
pub async fn my_summary(state: &AppState, user: &AuthUser) -> AppResult<Vec<MyCategorySummary>> {
    user.require(&[Role::Individual])?;
    let rows: Vec<(String, String, i64)> = archive_record::Entity::find()
        .select_only()
        .column(archive_record::Column::Category)
        .column(archive_record::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(archive_record::Column::OwnerId.eq(user.id))
        .group_by(archive_record::Column::Category)
        .group_by(archive_record::Column::Status)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(Category::ALL
        .into_iter()
        .map(|c| {
            let mut counts = StatusCounts::default();
            for (_, status, n) in rows.iter().filter(|(cat, _, _)| cat == c.as_str()) {
                let n = *n as u64;
                match RecordStatus::parse(status) {
                    Some(RecordStatus::Pending) => counts.pending = n,
                    Some(RecordStatus::Approved) => counts.approved = n,
                    Some(RecordStatus::Rejected) => counts.rejected = n,
                    Some(RecordStatus::Returned) => counts.returned = n,
                    None => {}
                }
                counts.all += n;
            }
            MyCategorySummary {
                category: c,
                number: c.number() as u32,
                label: c.label().to_owned(),
                counts,
            }
        })
        .collect())
}
