//! Reading declarations: the applicant's wizard state, 我的申报记录, and the pieces (plan
//! summary, stage, timeline) the review chain shows too.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{
    access,
    dto::*,
    guarantee,
    status::{DeclarationAction, DeclarationStatus},
};
use crate::{
    auth::{AuthUser, Role},
    entities::{account, declaration, declaration_attachment, declaration_event, plan},
    error::{AppError, AppResult},
    orgs::dto::OrgUnitRef,
    pagination::{PageParams, offset},
    plans::{dto::AttachmentRequirement, views as plan_views},
    reference::data::title_series,
};

/// The plan as the applicant's lists show it (from the row and the catalogue, no query).
pub fn summary_of(p: &plan::Model) -> PlanSummary {
    let (series_name, titles) = plan_views::catalogue_names(&title_series(), p);
    PlanSummary {
        id: p.id,
        year: p.year,
        name: p.name.clone(),
        plan_type: p.plan_type,
        plan_type_label: p.plan_type.label().to_owned(),
        series: p.series.clone(),
        title_name: format!("{series_name}-{}({})", titles.join("/"), p.level.label()),
        series_name,
        level: p.level,
        closes_at: p.closes_at,
        open_now: plan_views::open_at(p, Utc::now()),
        fee_fen: p.fee_fen,
    }
}

/// A JSON list column of a plan (specialties, acceptors, attachments).
pub fn list_of<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Vec<T> {
    serde_json::from_value(v.clone()).unwrap_or_default()
}

/// The plans of `rows`, by id (one query).
pub async fn plans_of<C: ConnectionTrait>(
    db: &C,
    rows: &[declaration::Model],
) -> AppResult<HashMap<Uuid, plan::Model>> {
    let mut ids: Vec<Uuid> = rows.iter().map(|r| r.plan_id).collect();
    ids.sort();
    ids.dedup();
    Ok(plan::Entity::find()
        .filter(plan::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// The plan of `d`.
pub async fn plan_of<C: ConnectionTrait>(db: &C, d: &declaration::Model) -> AppResult<plan::Model> {
    plan::Entity::find_by_id(d.plan_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)
}

/// Org units by id, as references.
pub async fn units<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, OrgUnitRef>> {
    Ok(crate::orgs::service::units_by_id(db, ids)
        .await?
        .iter()
        .map(|(id, u)| (*id, OrgUnitRef::from(u)))
        .collect())
}

/// Where `d` stands.
pub fn stage(d: &declaration::Model, holder: Option<&OrgUnitRef>) -> Stage {
    let since = d.held_since.unwrap_or(d.updated_at);
    let at = since
        .with_timezone(&crate::domain::china_tz())
        .format("%Y-%m-%d %H:%M");
    let unit = holder.map(|h| h.name.as_str()).unwrap_or("审查单位");
    let description = match d.status {
        DeclarationStatus::Draft => "草稿，尚未提交".to_owned(),
        DeclarationStatus::Returned => {
            format!("已退回修改（{at} 起），请按退回意见修改后重新提交")
        }
        DeclarationStatus::Submitted | DeclarationStatus::InReview => {
            format!("{unit} 资格审查中（{at} 起）")
        }
        DeclarationStatus::Passed => format!("{unit} 审查通过，待推荐上一级（{at} 起）"),
        DeclarationStatus::Failed => format!("{unit} 审查不通过（{at}）"),
        DeclarationStatus::Accepted => format!("{unit} 已受理（{at}）"),
        DeclarationStatus::Approved => format!("{unit} 认定通过（{at}）"),
    };
    Stage {
        status: d.status,
        status_label: d.status.label().to_owned(),
        holder: holder.cloned(),
        since,
        description,
    }
}

/// What the applicant may do with `d` now.
pub fn actions(d: &declaration::Model) -> Actions {
    Actions {
        edit: d.status.apply(DeclarationAction::Edit).is_ok(),
        submit: d.status.apply(DeclarationAction::Submit).is_ok(),
        withdraw: d.status.apply(DeclarationAction::Withdraw).is_ok(),
        delete: d.status.apply(DeclarationAction::Delete).is_ok(),
        pay: false,
        export_form: false,
    }
}

/// The declaration's timeline, oldest first.
pub async fn timeline<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Vec<TimelineEntry>> {
    let events = declaration_event::Entity::find()
        .filter(declaration_event::Column::DeclarationId.eq(id))
        .order_by_asc(declaration_event::Column::At)
        .order_by_asc(declaration_event::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let mut actor_ids: Vec<Uuid> = events.iter().filter_map(|e| e.actor_id).collect();
    actor_ids.sort();
    actor_ids.dedup();
    let actors: HashMap<Uuid, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let units = units(db, events.iter().filter_map(|e| e.unit_id)).await?;
    Ok(events
        .into_iter()
        .map(|e| TimelineEntry {
            action: e.action,
            action_label: e.action.label().to_owned(),
            actor: e.actor_id.and_then(|a| actors.get(&a).cloned()),
            unit: e.unit_id.and_then(|u| units.get(&u).cloned()),
            comment: e.comment,
            from_status: e.from_status,
            to_status: e.to_status,
            at: e.at,
        })
        .collect())
}

/// The plan's 附件要求 with the files uploaded for each item.
pub async fn attachment_items<C: ConnectionTrait>(
    db: &C,
    d: &declaration::Model,
    requirements: &[AttachmentRequirement],
) -> AppResult<Vec<AttachmentItem>> {
    let links = declaration_attachment::Entity::find()
        .filter(declaration_attachment::Column::DeclarationId.eq(d.id))
        .order_by_asc(declaration_attachment::Column::CreatedAt)
        .all(db)
        .await?;
    let files = crate::documents::files::by_id(db, links.iter().map(|l| l.file_id)).await?;
    Ok(requirements
        .iter()
        .enumerate()
        .map(|(i, req)| AttachmentItem {
            item: i as i32,
            requirement: req.clone(),
            files: links
                .iter()
                .filter(|l| l.item == i as i32)
                .filter_map(|l| {
                    files
                        .get(&l.file_id)
                        .map(|f| crate::archive::dto::Attachment::of(l.id, f, l.created_at))
                })
                .collect(),
        })
        .collect())
}

/// Whether every required item of `items` has a file.
pub fn attachments_complete(items: &[AttachmentItem]) -> bool {
    items
        .iter()
        .all(|i| !i.requirement.required || !i.files.is_empty())
}

/// Whether step 4 has what submission needs.
pub fn info_complete(info: &DeclarationInfo) -> bool {
    info.current_specialty.is_some() && info.years_in_specialty.is_some()
}

/// The wizard state of `d` for its applicant.
pub async fn build<C: ConnectionTrait>(db: &C, d: &declaration::Model) -> AppResult<Declaration> {
    let plan = plan_of(db, d).await?;
    let acceptor_ids: Vec<Uuid> = list_of(&plan.acceptors);
    let units = units(
        db,
        [Some(d.employer_id), d.acceptor_id, d.holder_id]
            .into_iter()
            .flatten()
            .chain(acceptor_ids.iter().copied()),
    )
    .await?;
    let applicant = account::Entity::find_by_id(d.applicant_id)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    let info: DeclarationInfo = serde_json::from_value(d.info.clone()).unwrap_or_default();
    let attachments = attachment_items(db, d, &list_of(&plan.attachments)).await?;
    let records = crate::entities::declaration_record::Entity::find()
        .filter(crate::entities::declaration_record::Column::DeclarationId.eq(d.id))
        .count(db)
        .await?;
    let now = Utc::now();
    let guarantee = guarantee::view(d, &applicant.name, &plan.name, now);
    Ok(Declaration {
        id: d.id,
        plan: summary_of(&plan),
        stage: stage(d, d.holder_id.and_then(|h| units.get(&h))),
        employer: units
            .get(&d.employer_id)
            .cloned()
            .ok_or_else(AppError::internal)?,
        acceptor: d.acceptor_id.and_then(|a| units.get(&a).cloned()),
        acceptor_choices: acceptor_ids
            .iter()
            .filter_map(|a| units.get(a).cloned())
            .collect(),
        specialty_choices: list_of(&plan.specialties),
        progress: Progress {
            last_step: d.last_step,
            photo: d.photo_file_id.is_some(),
            guarantee_signed: guarantee.signed && !guarantee.expired,
            info: info_complete(&info) && d.acceptor_id.is_some(),
            records: records as u32,
            attachments_complete: attachments_complete(&attachments),
        },
        info,
        guarantee,
        attachments,
        timeline: timeline(db, d.id).await?,
        open_return: if d.status == DeclarationStatus::Returned {
            crate::review::returns::latest(db, d.id).await?
        } else {
            None
        },
        actions: actions(d),
        submitted_at: d.submitted_at,
        version: d.version,
        created_at: d.created_at,
        updated_at: d.updated_at,
    })
}

/// `GET /declarations/{id}`.
pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<Declaration> {
    let d = access::own(db, user, id).await?;
    build(db, &d).await
}

/// 我的申报记录: the caller's declarations, latest change first.
pub async fn list_mine(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: MyDeclarationsQuery,
    page: PageParams,
) -> AppResult<DeclarationPage> {
    user.require(&[Role::Individual])?;
    let (page_no, per_page) = page.resolve()?;
    let mut query =
        declaration::Entity::find().filter(declaration::Column::ApplicantId.eq(user.id));
    if let Some(s) = q.status {
        query = query.filter(declaration::Column::Status.eq(s));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(declaration::Column::UpdatedAt)
        .order_by_desc(declaration::Column::Id)
        .offset(offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    let plans = plans_of(db, &rows).await?;
    let units = units(
        db,
        rows.iter()
            .flat_map(|r| [r.acceptor_id, r.holder_id])
            .flatten(),
    )
    .await?;
    let items = rows
        .iter()
        .filter_map(|d| {
            let plan = plans.get(&d.plan_id)?;
            Some(DeclarationSummary {
                id: d.id,
                plan: summary_of(plan),
                stage: stage(d, d.holder_id.and_then(|h| units.get(&h))),
                acceptor: d.acceptor_id.and_then(|a| units.get(&a).cloned()),
                submitted_at: d.submitted_at,
                actions: actions(d),
                created_at: d.created_at,
                updated_at: d.updated_at,
            })
        })
        .collect();
    Ok(DeclarationPage {
        items,
        total,
        page: page_no,
        per_page,
    })
}
