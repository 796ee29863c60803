//! The one jurisdiction helper: "is X inside unit U's subtree", answered by the closure
//! table (primary-key lookups), and the matching query condition for lists.
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    sea_query::{Expr, Query, SimpleExpr},
};
use uuid::Uuid;

use crate::{
    auth::{AuthUser, Role},
    entities::org_closure,
    error::{AppError, AppResult},
};

/// What a caller may see of the organisation tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Administrators: everything.
    Everything,
    /// Staff and employers: their own unit and everything below it.
    Subtree(Uuid),
    /// Individuals and accounts without a unit: no org-scoped data.
    Nothing,
}

impl Scope {
    pub fn of(user: &AuthUser) -> Self {
        match (user.role, user.org) {
            (Role::Admin, _) => Scope::Everything,
            (Role::Individual, _) | (_, None) => Scope::Nothing,
            (_, Some(unit)) => Scope::Subtree(unit),
        }
    }

    /// A condition restricting `column` (an org-unit id) to this scope, for list queries.
    pub fn condition(&self, column: impl ColumnTrait) -> SimpleExpr {
        match self {
            Scope::Everything => Expr::value(true),
            Scope::Nothing => Expr::value(false),
            Scope::Subtree(root) => column.in_subquery(
                Query::select()
                    .column(org_closure::Column::DescendantId)
                    .from(org_closure::Entity)
                    .and_where(org_closure::Column::AncestorId.eq(*root))
                    .to_owned(),
            ),
        }
    }

    /// Whether `unit` is inside this scope.
    pub async fn contains<C: ConnectionTrait>(&self, db: &C, unit: Uuid) -> AppResult<bool> {
        Ok(match self {
            Scope::Everything => true,
            Scope::Nothing => false,
            Scope::Subtree(root) => {
                org_closure::Entity::find()
                    .filter(org_closure::Column::AncestorId.eq(*root))
                    .filter(org_closure::Column::DescendantId.eq(unit))
                    .count(db)
                    .await?
                    > 0
            }
        })
    }

    /// 404 unless `unit` is inside this scope (never reveal another unit's data).
    pub async fn ensure<C: ConnectionTrait>(&self, db: &C, unit: Uuid) -> AppResult<()> {
        if self.contains(db, unit).await? {
            Ok(())
        } else {
            Err(AppError::not_found())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_of_roles() {
        let unit = Uuid::now_v7();
        let u = |role, org| AuthUser {
            id: Uuid::now_v7(),
            role,
            org,
        };
        assert_eq!(Scope::of(&u(Role::Admin, None)), Scope::Everything);
        assert_eq!(Scope::of(&u(Role::Hrss, Some(unit))), Scope::Subtree(unit));
        assert_eq!(
            Scope::of(&u(Role::Employer, Some(unit))),
            Scope::Subtree(unit)
        );
        assert_eq!(Scope::of(&u(Role::Hrss, None)), Scope::Nothing);
        assert_eq!(Scope::of(&u(Role::Individual, Some(unit))), Scope::Nothing);
    }
}
