use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;
use validator::Validate;

use super::{dto::*, jurisdiction::Scope};
use crate::db::WriteTxn;
use crate::{
    auth::{AuthUser, Role},
    entities::{org_closure, org_unit},
    error::{AppError, AppResult, FieldErrors},
    onboarding::status::UnitStatus,
    pagination::PageParams,
};

/// Which kinds may sit directly under which: the shape of a province's tree.
pub fn parent_allowed(kind: OrgKind, parent: Option<OrgKind>) -> bool {
    use OrgKind::*;
    matches!(
        (kind, parent),
        (Hrss, None | Some(Hrss))
            | (Competent | Committee, Some(Hrss | Competent))
            | (Employer, None | Some(Hrss | Competent))
    )
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `column LIKE '%text%'` with the text's wildcards escaped, the same on SQLite and PostgreSQL.
pub fn fuzzy(column: impl ColumnTrait, text: &str) -> sea_orm::sea_query::SimpleExpr {
    column.like(sea_orm::sea_query::LikeExpr::new(format!("%{}%", escape_like(text))).escape('\\'))
}

/// Inserts a unit and its closure rows (itself at depth 0, then every ancestor of the parent).
pub async fn insert_unit<C: ConnectionTrait>(
    db: &C,
    name: &str,
    kind: OrgKind,
    parent: Option<Uuid>,
    credit_code: Option<&str>,
    status: UnitStatus,
) -> AppResult<org_unit::Model> {
    let ancestors = match parent {
        Some(p) => {
            org_closure::Entity::find()
                .filter(org_closure::Column::DescendantId.eq(p))
                .all(db)
                .await?
        }
        None => vec![],
    };
    let id = Uuid::now_v7();
    let unit = org_unit::ActiveModel {
        id: Set(id),
        name: Set(name.to_owned()),
        kind: Set(kind),
        parent_id: Set(parent),
        credit_code: Set(credit_code.map(str::to_owned)),
        level: Set(ancestors.len() as i32),
        status: Set(status),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    let rows = std::iter::once(org_closure::ActiveModel {
        ancestor_id: Set(id),
        descendant_id: Set(id),
        depth: Set(0),
    })
    .chain(ancestors.iter().map(|a| org_closure::ActiveModel {
        ancestor_id: Set(a.ancestor_id),
        descendant_id: Set(id),
        depth: Set(a.depth + 1),
    }));
    org_closure::Entity::insert_many(rows).exec(db).await?;
    Ok(unit)
}

/// Moves a leaf unit (an employer) under `new_parent`, keeping the closure table right.
pub async fn reparent_leaf<C: ConnectionTrait>(
    db: &C,
    unit: Uuid,
    new_parent: Uuid,
) -> AppResult<()> {
    org_closure::Entity::delete_many()
        .filter(org_closure::Column::DescendantId.eq(unit))
        .filter(org_closure::Column::Depth.gt(0))
        .exec(db)
        .await?;
    let ancestors = org_closure::Entity::find()
        .filter(org_closure::Column::DescendantId.eq(new_parent))
        .all(db)
        .await?;
    let level = ancestors.len() as i32;
    let rows: Vec<org_closure::ActiveModel> = ancestors
        .into_iter()
        .map(|a| org_closure::ActiveModel {
            ancestor_id: Set(a.ancestor_id),
            descendant_id: Set(unit),
            depth: Set(a.depth + 1),
        })
        .collect();
    if !rows.is_empty() {
        org_closure::Entity::insert_many(rows).exec(db).await?;
    }
    org_unit::Entity::update_many()
        .col_expr(org_unit::Column::ParentId, Expr::value(Some(new_parent)))
        .col_expr(org_unit::Column::Level, Expr::value(level))
        .filter(org_unit::Column::Id.eq(unit))
        .exec(db)
        .await?;
    Ok(())
}

/// Loads units by id in one query (no N+1 in list views).
pub async fn units_by_id<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, org_unit::Model>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

const STAFF: [Role; 5] = [
    Role::Admin,
    Role::Hrss,
    Role::Competent,
    Role::CommitteeOffice,
    Role::Expert,
];

pub async fn create(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: CreateOrgUnit,
) -> AppResult<OrgUnit> {
    user.require(&[Role::Admin])?;
    let mut errs = FieldErrors::from_validator(req.validate());
    let parent = match req.parent_id {
        Some(p) => match org_unit::Entity::find_by_id(p).one(db).await? {
            Some(u) => Some(u),
            None => {
                errs.push("parent_id", "上级机构不存在");
                None
            }
        },
        None => None,
    };
    if req.kind == OrgKind::Employer {
        errs.push("kind", "用人单位须自行注册，不能由管理员创建");
    } else if (req.parent_id.is_none() || parent.is_some())
        && !parent_allowed(req.kind, parent.as_ref().map(|p| p.kind))
    {
        errs.push("parent_id", "所选上级机构不能设立此类机构");
    }
    errs.finish()?;
    let name = req.name.trim().to_owned();
    let kind = req.kind;
    let unit = db
        .write_txn(|txn| {
            Box::pin(async move {
                insert_unit(txn, &name, kind, req.parent_id, None, UnitStatus::Active).await
            })
        })
        .await?;
    Ok(OrgUnit::from(&unit))
}

pub async fn get(db: &DatabaseConnection, user: &AuthUser, id: Uuid) -> AppResult<OrgUnit> {
    user.require(&STAFF)?;
    Scope::of(user).ensure(db, id).await?;
    let unit = org_unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(OrgUnit::from(&unit))
}

pub async fn list(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: OrgUnitQuery,
    page: PageParams,
) -> AppResult<OrgUnitPage> {
    user.require(&STAFF)?;
    let (page_no, per_page) = page.resolve()?;
    let mut query =
        org_unit::Entity::find().filter(Scope::of(user).condition(org_unit::Column::Id));
    if let Some(kind) = q.kind {
        query = query.filter(org_unit::Column::Kind.eq(kind));
    }
    if let Some(parent) = q.parent_id {
        query = query.filter(org_unit::Column::ParentId.eq(parent));
    }
    if let Some(text) = crate::pagination::search_text(&q.q, 100)? {
        query = query.filter(fuzzy(org_unit::Column::Name, text));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(org_unit::Column::Level)
        .order_by_asc(org_unit::Column::Name)
        .order_by_asc(org_unit::Column::Id)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    Ok(OrgUnitPage {
        items: rows.iter().map(OrgUnit::from).collect(),
        total,
        page: page_no,
        per_page,
    })
}

/// Active HRSS and competent departments (public: registration picks the local HRSS
/// department, the authorisation proof the affiliation).
pub async fn departments<C: ConnectionTrait>(
    db: &C,
    q: DepartmentQuery,
) -> AppResult<Vec<Department>> {
    let kinds: Vec<OrgKind> = match q.kind {
        Some(k) => vec![k.into()],
        None => vec![OrgKind::Hrss, OrgKind::Competent],
    };
    let mut query = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.is_in(kinds))
        .filter(org_unit::Column::Status.eq(UnitStatus::Active));
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        query = query.filter(fuzzy(org_unit::Column::Name, text));
    }
    let rows = query
        .order_by_asc(org_unit::Column::Level)
        .order_by_asc(org_unit::Column::Name)
        .limit(50)
        .all(db)
        .await?;
    let parents = units_by_id(db, rows.iter().filter_map(|r| r.parent_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| Department {
            parent_name: r
                .parent_id
                .and_then(|p| parents.get(&p))
                .map(|p| p.name.clone()),
            kind: r.kind,
            id: r.id,
            name: r.name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_shape_rules() {
        use OrgKind::*;
        assert!(parent_allowed(Hrss, None));
        assert!(parent_allowed(Hrss, Some(Hrss)));
        assert!(!parent_allowed(Hrss, Some(Competent)));
        assert!(parent_allowed(Competent, Some(Hrss)));
        assert!(parent_allowed(Competent, Some(Competent)));
        assert!(!parent_allowed(Competent, None));
        assert!(parent_allowed(Committee, Some(Competent)));
        assert!(!parent_allowed(Committee, Some(Committee)));
        assert!(!parent_allowed(Committee, Some(Employer)));
        assert!(!parent_allowed(Employer, Some(Employer)));
    }

    #[test]
    fn like_escaping() {
        assert_eq!(escape_like("50%_a\\"), "50\\%\\_a\\\\");
    }
}
