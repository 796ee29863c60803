//! Returns 退回 as the applicant and reviewers read them.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::{
    declarations::{dto::ReturnRecord, views::units},
    entities::{account, declaration_return},
    error::AppResult,
};

/// The records of `rows`, with unit and actor names (two queries).
pub async fn records_of<C: ConnectionTrait>(
    db: &C,
    rows: Vec<declaration_return::Model>,
) -> AppResult<Vec<ReturnRecord>> {
    let units = units(db, rows.iter().map(|r| r.unit_id)).await?;
    let mut actor_ids: Vec<Uuid> = rows.iter().map(|r| r.actor_id).collect();
    actor_ids.sort();
    actor_ids.dedup();
    let actors: HashMap<Uuid, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ReturnRecord {
                id: r.id,
                declaration_id: r.declaration_id,
                unit: units.get(&r.unit_id)?.clone(),
                actor: actors.get(&r.actor_id).cloned(),
                comment: r.comment,
                items: serde_json::from_value(r.items).unwrap_or_default(),
                at: r.at,
            })
        })
        .collect())
}

/// Every return of declaration `id`, latest first.
pub async fn of_declaration<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Vec<ReturnRecord>> {
    let rows = declaration_return::Entity::find()
        .filter(declaration_return::Column::DeclarationId.eq(id))
        .order_by_desc(declaration_return::Column::At)
        .limit(100)
        .all(db)
        .await?;
    records_of(db, rows).await
}

/// The latest return of declaration `id`.
pub async fn latest<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Option<ReturnRecord>> {
    let rows = declaration_return::Entity::find()
        .filter(declaration_return::Column::DeclarationId.eq(id))
        .order_by_desc(declaration_return::Column::At)
        .limit(1)
        .all(db)
        .await?;
    Ok(records_of(db, rows).await?.into_iter().next())
}
