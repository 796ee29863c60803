//! The route of a declaration through the chain: from the employer up the organisation tree,
//! one parent at a time, to the plan's acceptor. For a 评审 plan the acceptor is a review
//! committee: the declaration reaches it from the unit the committee belongs to (or, when that
//! unit is not above the employer, from the top of the tree), and the committee office's pass is
//! 受理. For 认定/初定 the acceptor is an HRSS department on the way up (or reached from the top),
//! and its pass is the approval that ends the chain. The tree is read at each hop, so a
//! department inserted or moved in between is respected.
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{
    entities::{org_unit, plan},
    error::{AppError, AppResult},
    plans::dto::PlanType,
};

/// Where the chain ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A review committee, which belongs to `parent`.
    Committee {
        committee: Uuid,
        parent: Option<Uuid>,
    },
    /// The accepting HRSS department (认定, 初定).
    Department(Uuid),
}

/// What a pass at a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassKind {
    /// 审查通过; the declaration then waits to be recommended.
    Pass,
    /// 受理 by the committee office.
    Accept,
    /// 认定通过 by the accepting department.
    Approve,
}

impl Target {
    /// What a pass at `unit` is.
    pub fn pass_at(self, unit: Uuid) -> PassKind {
        match self {
            Target::Committee { committee, .. } if committee == unit => PassKind::Accept,
            Target::Department(d) if d == unit => PassKind::Approve,
            _ => PassKind::Pass,
        }
    }

    /// The unit that receives what `holder` (whose parent is `parent`) recommends.
    pub fn next_after(self, holder: Uuid, parent: Option<Uuid>) -> Uuid {
        match (self, parent) {
            (
                Target::Committee {
                    committee,
                    parent: home,
                },
                _,
            ) if home == Some(holder) => committee,
            (_, Some(p)) => p,
            (Target::Committee { committee, .. }, None) => committee,
            (Target::Department(d), None) => d,
        }
    }
}

/// The target of a declaration of `plan` accepted by `acceptor`.
pub async fn target<C: ConnectionTrait>(
    db: &C,
    plan: &plan::Model,
    acceptor: Uuid,
) -> AppResult<Target> {
    Ok(match plan.plan_type {
        PlanType::Review => {
            let c = org_unit::Entity::find_by_id(acceptor)
                .one(db)
                .await?
                .ok_or_else(AppError::internal)?;
            Target::Committee {
                committee: c.id,
                parent: c.parent_id,
            }
        }
        PlanType::Recognition | PlanType::Initial => Target::Department(acceptor),
    })
}

/// The unit after `holder` on the way to `target`.
pub async fn next<C: ConnectionTrait>(db: &C, holder: Uuid, target: Target) -> AppResult<Uuid> {
    let unit = org_unit::Entity::find_by_id(holder)
        .one(db)
        .await?
        .ok_or_else(AppError::internal)?;
    Ok(target.next_after(holder, unit.parent_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 省人社厅 ← 市人社局 ← 市水利局 ← 县水利局 ← 用人单位; the committee belongs to 市人社局.
    struct Tree {
        province: Uuid,
        city: Uuid,
        water: Uuid,
        county: Uuid,
        employer: Uuid,
        committee: Uuid,
    }

    fn tree() -> Tree {
        Tree {
            province: Uuid::now_v7(),
            city: Uuid::now_v7(),
            water: Uuid::now_v7(),
            county: Uuid::now_v7(),
            employer: Uuid::now_v7(),
            committee: Uuid::now_v7(),
        }
    }

    fn parent(t: &Tree, u: Uuid) -> Option<Uuid> {
        [
            (t.employer, t.county),
            (t.county, t.water),
            (t.water, t.city),
            (t.city, t.province),
            (t.committee, t.city),
        ]
        .into_iter()
        .find(|(c, _)| *c == u)
        .map(|(_, p)| p)
    }

    /// The units a declaration passes through, employer first, and what the last one's pass is.
    fn walk(t: &Tree, target: Target) -> (Vec<Uuid>, PassKind) {
        let mut at = t.employer;
        let mut path = vec![at];
        loop {
            let kind = target.pass_at(at);
            if kind != PassKind::Pass {
                return (path, kind);
            }
            at = target.next_after(at, parent(t, at));
            path.push(at);
            assert!(path.len() < 10, "no end: {path:?}");
        }
    }

    #[test]
    fn review_climbs_every_level_then_the_committee() {
        let t = tree();
        let target = Target::Committee {
            committee: t.committee,
            parent: Some(t.city),
        };
        let (path, end) = walk(&t, target);
        assert_eq!(path, [t.employer, t.county, t.water, t.city, t.committee]);
        assert_eq!(end, PassKind::Accept);
    }

    #[test]
    fn a_province_committee_is_reached_from_the_top() {
        let t = tree();
        let target = Target::Committee {
            committee: t.committee,
            parent: Some(t.province),
        };
        let (path, _) = walk(&t, target);
        assert_eq!(
            path,
            [
                t.employer,
                t.county,
                t.water,
                t.city,
                t.province,
                t.committee
            ]
        );
    }

    #[test]
    fn a_committee_outside_the_branch_is_reached_after_the_root() {
        let t = tree();
        let elsewhere = Uuid::now_v7();
        let target = Target::Committee {
            committee: t.committee,
            parent: Some(elsewhere),
        };
        let (path, _) = walk(&t, target);
        assert_eq!(path.last(), Some(&t.committee));
        assert_eq!(path[path.len() - 2], t.province);
    }

    #[test]
    fn recognition_ends_at_the_accepting_department() {
        let t = tree();
        let (path, end) = walk(&t, Target::Department(t.city));
        assert_eq!(path, [t.employer, t.county, t.water, t.city]);
        assert_eq!(end, PassKind::Approve);
        let (path, _) = walk(&t, Target::Department(t.water));
        assert_eq!(path, [t.employer, t.county, t.water]);
    }

    #[test]
    fn the_employer_never_ends_the_chain() {
        let t = tree();
        for target in [
            Target::Department(t.city),
            Target::Committee {
                committee: t.committee,
                parent: Some(t.city),
            },
        ] {
            assert_eq!(target.pass_at(t.employer), PassKind::Pass);
        }
    }
}
