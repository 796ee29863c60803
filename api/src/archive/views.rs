//! What the archive shows: a record with its owner, employer and attachments; the
//! applicant's lists and counts; the employer's review queue and counts; a record's 审核日志.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    access::{readable, reviewing_employer},
    categories::{ArchiveData, Category},
    dto::*,
    status::RecordStatus,
};
use crate::{
    accounts,
    auth::{AuthUser, Role},
    domain::mask_id_number,
    entities::{account, archive_attachment, archive_record, archive_review_log},
    error::{AppError, AppResult},
    orgs::{self, dto::OrgUnitRef},
    pagination::PageParams,
};

pub(crate) fn content_of(m: &archive_record::Model) -> AppResult<ArchiveData> {
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
pub(crate) async fn build<C: ConnectionTrait>(
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
        let files = crate::documents::files::by_id(db, links.iter().map(|l| l.file_id)).await?;
        for l in links {
            if let Some(f) = files.get(&l.file_id) {
                attachments
                    .entry(l.record_id)
                    .or_default()
                    .push(Attachment::of(l.id, f, l.created_at));
            }
        }
    }
    rows.iter()
        .map(|r| {
            let owner = owners.get(&r.owner_id);
            Ok(ArchiveRecord {
                id: r.id,
                category: r.category,
                category_label: r.category.label().to_owned(),
                status: r.status,
                status_label: r.status.label().to_owned(),
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

/// The full view of one record (for its owner or its reviewer).
pub(super) async fn one<C: ConnectionTrait>(
    db: &C,
    row: archive_record::Model,
) -> AppResult<ArchiveRecord> {
    Ok(build(db, &[row], true).await?.remove(0))
}

pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<ArchiveRecord> {
    let row = readable(db, user, id).await?;
    one(db, row).await
}

fn tally(c: &mut StatusCounts, status: RecordStatus, n: u64) {
    match status {
        RecordStatus::Pending => c.pending = n,
        RecordStatus::Approved => c.approved = n,
        RecordStatus::Rejected => c.rejected = n,
        RecordStatus::Returned => c.returned = n,
    }
    c.all += n;
}

async fn counts<C: ConnectionTrait>(db: &C, cond: Condition) -> AppResult<StatusCounts> {
    let rows: Vec<(RecordStatus, i64)> = archive_record::Entity::find()
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
        tally(&mut c, status, n as u64);
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
    db: &DatabaseConnection,
    user: &AuthUser,
    q: MyRecordsQuery,
    page: PageParams,
) -> AppResult<ArchiveRecordPage> {
    user.require(&[Role::Individual])?;
    let (page_no, per_page) = page.resolve()?;
    let mut base = Condition::all().add(archive_record::Column::OwnerId.eq(user.id));
    if let Some(c) = q.category {
        base = base.add(archive_record::Column::Category.eq(c));
    }
    let counts = counts(db, base.clone()).await?;
    let mut cond = base;
    if let Some(s) = q.status {
        cond = cond.add(archive_record::Column::Status.eq(s));
    }
    let rows = archive_record::Entity::find()
        .filter(cond)
        .order_by_desc(archive_record::Column::RecordDate)
        .order_by_desc(archive_record::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    Ok(ArchiveRecordPage {
        items: build(db, &rows, true).await?,
        total: total_for(&counts, q.status),
        page: page_no,
        per_page,
        counts,
    })
}

/// The applicant's 17 categories with counts per status, in one grouped query.
pub async fn my_summary(
    db: &DatabaseConnection,
    user: &AuthUser,
) -> AppResult<Vec<MyCategorySummary>> {
    user.require(&[Role::Individual])?;
    let rows: Vec<(Category, RecordStatus, i64)> = archive_record::Entity::find()
        .select_only()
        .column(archive_record::Column::Category)
        .column(archive_record::Column::Status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(archive_record::Column::OwnerId.eq(user.id))
        .group_by(archive_record::Column::Category)
        .group_by(archive_record::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Category::ALL
        .into_iter()
        .map(|c| {
            let mut counts = StatusCounts::default();
            for (_, status, n) in rows.iter().filter(|(cat, _, _)| *cat == c) {
                tally(&mut counts, *status, *n as u64);
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
        base = base.add(archive_record::Column::Category.eq(c));
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
        cond = cond.add(archive_record::Column::Status.eq(s));
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
        .map(|r| ReviewRow {
            id: r.id,
            category: r.category,
            status: r.status,
            status_label: r.status.label().to_owned(),
            owner: owner_of(owners.get(&r.owner_id), r.owner_id),
            title: r.title.clone(),
            record_date: r.record_date,
            review_comment: r.review_comment.clone(),
            submitted_at: r.submitted_at,
            reviewed_at: r.reviewed_at,
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
    let rows: Vec<(Category, i64)> = archive_record::Entity::find()
        .select_only()
        .column(archive_record::Column::Category)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(archive_record::Column::EmployerId.eq(unit))
        .filter(archive_record::Column::Status.eq(RecordStatus::Pending))
        .group_by(archive_record::Column::Category)
        .into_tuple()
        .all(db)
        .await?;
    let by_cat: HashMap<Category, u64> = rows.into_iter().map(|(c, n)| (c, n as u64)).collect();
    let categories: Vec<CategoryCount> = Category::ALL
        .into_iter()
        .map(|c| CategoryCount {
            category: c,
            number: c.number() as u32,
            label: c.label().to_owned(),
            pending: by_cat.get(&c).copied().unwrap_or(0),
        })
        .collect();
    Ok(ReviewSummary {
        pending_records: categories.iter().map(|c| c.pending).sum(),
        categories,
        pending_declarations: crate::declarations::pending_for(db, unit).await?,
    })
}

/// A record's 审核日志, oldest first.
pub async fn logs(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<Vec<ReviewLogEntry>> {
    readable(db, user, id).await?;
    let rows = archive_review_log::Entity::find()
        .filter(archive_review_log::Column::RecordId.eq(id))
        .order_by_asc(archive_review_log::Column::CreatedAt)
        .order_by_asc(archive_review_log::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|l| ReviewLogEntry {
            id: l.id,
            action: l.action,
            action_label: l.action.label().to_owned(),
            from_status: l.from_status,
            to_status: l.to_status,
            actor: l.actor_name,
            comment: l.comment,
            created_at: l.created_at,
        })
        .collect())
}
