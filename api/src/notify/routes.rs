use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::sms::SmsMessage;
use crate::{
    auth::{AuthUser, Role},
    entities::{notification, outbox},
    error::{AppError, AppResult},
    pagination::PageParams,
    state::AppState,
};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Notification {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub total: u64,
    pub unread: u64,
    pub page: u32,
    pub per_page: u32,
}

/// 我的消息
#[utoipa::path(tag = "notify", security(("bearer" = [])), params(PageParams),
    responses((status = 200, description = "站内消息，最新在前", body = NotificationPage)))]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    user: AuthUser,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<NotificationPage>> {
    let (page_no, per_page) = page.resolve()?;
    let mine = notification::Entity::find().filter(notification::Column::AccountId.eq(user.id));
    let total = mine.clone().count(&state.db).await?;
    let unread = mine
        .clone()
        .filter(notification::Column::ReadAt.is_null())
        .count(&state.db)
        .await?;
    let rows = mine
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(&state.db)
        .await?;
    Ok(web::Json(NotificationPage {
        items: rows
            .into_iter()
            .map(|n| Notification {
                id: n.id,
                title: n.title,
                body: n.body,
                read: n.read_at.is_some(),
                created_at: n.created_at,
            })
            .collect(),
        total,
        unread,
        page: page_no,
        per_page,
    }))
}

/// 标记消息为已读
#[utoipa::path(tag = "notify", security(("bearer" = [])), params(("id" = Uuid, Path, description = "消息 ID")),
    responses((status = 204, description = "已读")))]
#[post("/notifications/{id}/read")]
pub async fn mark_notification_read(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let res = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::Id.eq(id.into_inner()))
        .filter(notification::Column::AccountId.eq(user.id))
        .exec(&state.db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::not_found());
    }
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OutboxSms {
    pub id: Uuid,
    pub message: SmsMessage,
    /// pending / sending / sent / failed
    pub status: crate::entities::outbox::OutboxStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OutboxSmsPage {
    /// `simulator` (模拟短信网关) or `http`.
    pub adapter: String,
    pub items: Vec<OutboxSms>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages to this phone number.
    #[param(max_length = 20)]
    pub phone: Option<String>,
}

/// 短信发件箱（管理员；模拟网关下可在此查看“已发送”的短信）
///
/// Verification codes in the texts are masked (`验证码 ******`) unless the server runs in demo
/// mode (`ZCPS_DEMO=1`).
#[utoipa::path(tag = "notify", security(("bearer" = [])), params(OutboxQuery, PageParams),
    responses((status = 200, description = "短信，最新在前", body = OutboxSmsPage)))]
#[get("/sms-outbox")]
pub async fn list_sms_outbox(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<OutboxQuery>,
    page: web::Query<PageParams>,
) -> AppResult<web::Json<OutboxSmsPage>> {
    user.require(&[Role::Admin])?;
    let (page_no, per_page) = page.resolve()?;
    let mut query = outbox::Entity::find().filter(outbox::Column::Kind.eq("sms"));
    if let Some(phone) = crate::pagination::search_text(&q.phone, 20)? {
        query = query.filter(Expr::cust_with_values(
            if state.db.get_database_backend() == sea_orm::DbBackend::Postgres {
                "payload->>'phone' = $1"
            } else {
                "json_extract(payload, '$.phone') = ?"
            },
            [phone.to_owned()],
        ));
    }
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_desc(outbox::Column::CreatedAt)
        .order_by_desc(outbox::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(&state.db)
        .await?;
    Ok(web::Json(OutboxSmsPage {
        adapter: state.sms.name().to_owned(),
        items: rows
            .into_iter()
            .filter_map(|r| {
                let mut message: super::sms::SmsMessage = serde_json::from_value(r.payload).ok()?;
                if !state.config.demo {
                    message.text = super::sms::mask_codes(&message.text);
                }
                Some(OutboxSms {
                    id: r.id,
                    message,
                    status: r.status,
                    attempts: r.attempts,
                    last_error: r.last_error,
                    created_at: r.created_at,
                    sent_at: r.sent_at,
                })
            })
            .collect(),
        total,
        page: page_no,
        per_page,
    }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MarkedRead {
    /// How many messages were unread and are now read.
    pub updated: u64,
}

/// 全部标为已读
#[utoipa::path(tag = "notify", security(("bearer" = [])),
    responses((status = 200, description = "已将全部未读消息标为已读", body = MarkedRead)))]
#[post("/notifications/read-all")]
pub async fn mark_all_notifications_read(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<MarkedRead>> {
    let res = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::AccountId.eq(user.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(web::Json(MarkedRead {
        updated: res.rows_affected,
    }))
}
