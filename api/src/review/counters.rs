//! Maintained tab counts: each unit's 待审查 · 审查通过 · 审查不通过 · 退回记录 per plan and
//! acceptor, split in [`SHARDS`] rows by declaration so that concurrent decisions at one unit
//! rarely update the same row. Every change of a `declaration_reviews` state goes through
//! [`Deltas`] in the transaction that changes the state, so a count is exact as soon as the
//! change commits; reading a count sums a handful of rows whatever the unit's data size.
use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, OnConflict, Query},
};
use uuid::Uuid;

use crate::{
    declarations::status::ReviewState,
    entities::{declaration_review, plan, review_counter},
    error::AppResult,
};

use super::dto::{ReviewKind, TabCounts};

/// Rows a count is split over.
pub const SHARDS: u8 = 4;

/// The counter shard of declaration `id`.
pub fn shard_of(id: Uuid) -> i16 {
    i16::from(id.as_bytes()[15] % SHARDS)
}

/// The counter tab a review state counts in (`returned` counts return events instead).
pub fn tab_of(state: ReviewState) -> Option<&'static str> {
    match state {
        ReviewState::Pending => Some("pending"),
        ReviewState::Passed => Some("passed"),
        ReviewState::Recommended => Some("recommended"),
        ReviewState::Accepted => Some("accepted"),
        ReviewState::Failed => Some("failed"),
        ReviewState::Returned => None,
    }
}

/// The tab of each return event.
pub const RETURNED: &str = "returned";

type Key = (Uuid, Uuid, Uuid, &'static str, i16);

/// Counter changes collected in a transaction, applied in key order (two transactions touching
/// the same counters lock them in the same order: no deadlock).
#[derive(Debug, Default)]
pub struct Deltas(BTreeMap<Key, i64>);

impl Deltas {
    /// `row` moves from `from` to `to` (none: not in the unit's lists).
    pub fn moved(
        &mut self,
        row: &declaration_review::Model,
        from: Option<ReviewState>,
        to: Option<ReviewState>,
    ) {
        if from == to {
            return;
        }
        if let Some(tab) = from.and_then(tab_of) {
            self.add(row, tab, -1);
        }
        if let Some(tab) = to.and_then(tab_of) {
            self.add(row, tab, 1);
        }
    }

    /// `n` more (or fewer) in `tab` for `row`'s unit, plan and acceptor.
    pub fn add(&mut self, row: &declaration_review::Model, tab: &'static str, n: i64) {
        *self
            .0
            .entry((row.unit_id, row.plan_id, row.acceptor_id, tab, row.shard))
            .or_default() += n;
    }

    pub async fn apply<C: ConnectionTrait>(self, txn: &C) -> AppResult<()> {
        for ((unit, plan, acceptor, tab, shard), n) in self.0 {
            if n == 0 {
                continue;
            }
            let stmt = Query::insert()
                .into_table(review_counter::Entity)
                .columns([
                    review_counter::Column::UnitId,
                    review_counter::Column::PlanId,
                    review_counter::Column::AcceptorId,
                    review_counter::Column::Tab,
                    review_counter::Column::Shard,
                    review_counter::Column::N,
                ])
                .values_panic([
                    unit.into(),
                    plan.into(),
                    acceptor.into(),
                    tab.into(),
                    shard.into(),
                    n.into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        review_counter::Column::UnitId,
                        review_counter::Column::PlanId,
                        review_counter::Column::AcceptorId,
                        review_counter::Column::Tab,
                        review_counter::Column::Shard,
                    ])
                    .value(
                        review_counter::Column::N,
                        Expr::col((review_counter::Entity, review_counter::Column::N)).add(
                            Expr::col((Alias::new("excluded"), review_counter::Column::N)),
                        ),
                    )
                    .to_owned(),
                )
                .to_owned();
            txn.execute(&stmt).await?;
        }
        Ok(())
    }
}

/// Which plans a list covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanFilter {
    pub kind: Option<ReviewKind>,
    pub year: Option<i32>,
    pub plan: Option<Uuid>,
    pub acceptor: Option<Uuid>,
}

impl PlanFilter {
    /// The plan types of `kind`.
    pub fn plan_types(kind: ReviewKind) -> Vec<crate::plans::dto::PlanType> {
        use crate::plans::dto::PlanType;
        match kind {
            ReviewKind::Review => vec![PlanType::Review],
            ReviewKind::Recognition => vec![PlanType::Recognition, PlanType::Initial],
        }
    }

    /// A condition on a `plan_id` column: plans of this filter's kind and year (a subquery
    /// on the plans table, whose size does not grow with declarations).
    pub fn plans_condition(
        &self,
        column: impl ColumnTrait,
    ) -> Option<sea_orm::sea_query::SimpleExpr> {
        if self.kind.is_none() && self.year.is_none() {
            return None;
        }
        let mut sub = Query::select();
        sub.column(plan::Column::Id).from(plan::Entity);
        if let Some(kind) = self.kind {
            sub.and_where(plan::Column::PlanType.is_in(Self::plan_types(kind)));
        }
        if let Some(year) = self.year {
            sub.and_where(plan::Column::Year.eq(year));
        }
        Some(column.in_subquery(sub.to_owned()))
    }
}

#[derive(FromQueryResult)]
struct TabSum {
    tab: String,
    n: Option<i64>,
}

/// The tab counts of `unit` under `filter`.
pub async fn counts<C: ConnectionTrait>(
    db: &C,
    unit: Uuid,
    filter: &PlanFilter,
) -> AppResult<TabCounts> {
    let mut q = review_counter::Entity::find()
        .select_only()
        .column(review_counter::Column::Tab)
        .column_as(
            Expr::col(review_counter::Column::N)
                .sum()
                .cast_as(Alias::new("bigint")),
            "n",
        )
        .filter(review_counter::Column::UnitId.eq(unit))
        .group_by(review_counter::Column::Tab);
    if let Some(c) = filter.plans_condition(review_counter::Column::PlanId) {
        q = q.filter(c);
    }
    if let Some(p) = filter.plan {
        q = q.filter(review_counter::Column::PlanId.eq(p));
    }
    if let Some(a) = filter.acceptor {
        q = q.filter(review_counter::Column::AcceptorId.eq(a));
    }
    let sums = q.into_model::<TabSum>().all(db).await?;
    let get = |tab: &str| {
        sums.iter()
            .find(|s| s.tab == tab)
            .and_then(|s| s.n)
            .unwrap_or(0)
    };
    let pending = get("pending");
    let awaiting = get("passed");
    let passed = awaiting + get("recommended") + get("accepted");
    let failed = get("failed");
    Ok(TabCounts {
        pending,
        passed,
        awaiting,
        failed,
        returned: get(RETURNED),
        all: pending + passed + failed,
    })
}

/// Everything waiting for `unit`'s review, over all plans.
pub async fn pending_total<C: ConnectionTrait>(db: &C, unit: Uuid) -> AppResult<i64> {
    Ok(counts(db, unit, &PlanFilter::default()).await?.pending)
}

/// `zcps counters rebuild`'s work for the review counters: recount every unit's tabs from the
/// rows, in one transaction.
pub async fn rebuild<C: ConnectionTrait>(txn: &C) -> AppResult<u64> {
    review_counter::Entity::delete_many().exec(txn).await?;
    let rows = declaration_review::Entity::find().all(txn).await?;
    let mut deltas = Deltas::default();
    for r in &rows {
        deltas.moved(r, None, Some(r.state));
    }
    let returns = crate::entities::declaration_return::Entity::find()
        .all(txn)
        .await?;
    let by_key: std::collections::HashMap<(Uuid, Uuid), &declaration_review::Model> = rows
        .iter()
        .map(|r| ((r.declaration_id, r.unit_id), r))
        .collect();
    for ret in &returns {
        if let Some(r) = by_key.get(&(ret.declaration_id, ret.unit_id)) {
            deltas.add(r, RETURNED, 1);
        }
    }
    let n = rows.len() as u64;
    deltas.apply(txn).await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_spread_and_are_stable() {
        let mut seen = [0u32; SHARDS as usize];
        for _ in 0..400 {
            let s = shard_of(Uuid::now_v7());
            assert!((0..i16::from(SHARDS)).contains(&s));
            seen[s as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
        let id = Uuid::now_v7();
        assert_eq!(shard_of(id), shard_of(id));
    }

    #[test]
    fn a_move_is_one_down_one_up() {
        let row = declaration_review::Model {
            declaration_id: Uuid::now_v7(),
            unit_id: Uuid::now_v7(),
            plan_id: Uuid::now_v7(),
            acceptor_id: Uuid::now_v7(),
            year: 2026,
            plan_type: crate::plans::dto::PlanType::Review,
            applicant_name: "张明".into(),
            id_number: "330203199001010021".into(),
            state: ReviewState::Pending,
            shard: 1,
            received_at: chrono::Utc::now(),
            decided_at: None,
            decided_by: None,
            opinion: None,
            publicity_id: None,
        };
        let mut d = Deltas::default();
        d.moved(&row, None, Some(ReviewState::Pending));
        d.moved(&row, Some(ReviewState::Pending), Some(ReviewState::Passed));
        d.moved(&row, Some(ReviewState::Passed), Some(ReviewState::Returned));
        d.moved(&row, Some(ReviewState::Failed), Some(ReviewState::Failed));
        let net: Vec<_> = d.0.iter().filter(|(_, n)| **n != 0).collect();
        // pending +1 -1, passed +1 -1, returned is not a list state
        assert!(net.is_empty(), "{net:?}");
    }
}
