//! Login lockout: five wrong passwords lock an account for fifteen minutes.
//!
//! Every attempt first *reserves* one of the five tries with a single conditional statement
//! (`failed_logins = failed_logins + 1 … WHERE failed_logins < 5` and no lock holds); when
//! the fifth try fails, it sets the lock. So however many requests race, at most five
//! passwords are ever checked per lock period, and no count read earlier is written back. A
//! correct password gives the tries back, but never lifts a lock.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{entities::account, error::AppResult};

pub const MAX_FAILED_LOGINS: i32 = 5;
pub const LOCK_MINUTES: i64 = 15;

/// The outcome of asking for a try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// The password may be checked; this is try number `n` (1-based) since the last success.
    Granted(i32),
    /// The account is locked for about `minutes` more minutes.
    Locked(i64),
}

/// Whole minutes, rounded up, until `until`.
pub fn minutes_left(until: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (std::cmp::max((until - now).num_seconds(), 0) + 59) / 60
}

/// Tries left after try `n` failed.
pub fn remaining_after(n: i32) -> u32 {
    std::cmp::max(MAX_FAILED_LOGINS - n, 0) as u32
}

/// Reserves a try for the account at `now` with one conditional update: refused while a lock holds
/// or while five tries are taken (checked or still being checked); an expired lock is lifted
/// by the same statement.
pub async fn reserve<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Reservation> {
    let taken = account::Entity::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::col(account::Column::FailedLogins).add(1),
        )
        .col_expr(
            account::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(account::Column::Id.eq(account_id))
        .filter(account::Column::FailedLogins.lt(MAX_FAILED_LOGINS))
        .filter(
            Condition::any()
                .add(account::Column::LockedUntil.is_null())
                .add(account::Column::LockedUntil.lte(now)),
        )
        .exec_with_returning(db)
        .await?;
    if let Some(row) = taken.into_iter().next() {
        return Ok(Reservation::Granted(row.failed_logins));
    }
    let current = account::Entity::find_by_id(account_id).one(db).await?;
    let until = current
        .and_then(|a| a.locked_until)
        .unwrap_or(now + Duration::minutes(LOCK_MINUTES));
    Ok(Reservation::Locked(std::cmp::max(
        minutes_left(until, now),
        1,
    )))
}

/// Try `n` was a wrong password: the fifth sets the lock (and starts the count afresh for
/// after it); earlier ones keep their try taken.
pub async fn failed<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    n: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if n >= MAX_FAILED_LOGINS {
        account::Entity::update_many()
            .col_expr(account::Column::FailedLogins, Expr::value(0))
            .col_expr(
                account::Column::LockedUntil,
                Expr::value(Some(now + Duration::minutes(LOCK_MINUTES))),
            )
            .filter(account::Column::Id.eq(account_id))
            .filter(account::Column::FailedLogins.gte(MAX_FAILED_LOGINS))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A correct password gives the tries back — unless a lock was set meanwhile by a racing
/// wrong password, which this never clears: then `false`, and the login is refused too.
pub async fn succeeded<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let res = account::Entity::update_many()
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .filter(account::Column::Id.eq(account_id))
        .filter(
            Condition::any()
                .add(account::Column::LockedUntil.is_null())
                .add(account::Column::LockedUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_round_up_and_never_go_negative() {
        let now = Utc::now();
        assert_eq!(minutes_left(now + Duration::seconds(1), now), 1);
        assert_eq!(minutes_left(now + Duration::seconds(60), now), 1);
        assert_eq!(minutes_left(now + Duration::seconds(61), now), 2);
        assert_eq!(minutes_left(now + Duration::minutes(15), now), 15);
        assert_eq!(minutes_left(now - Duration::minutes(1), now), 0);
    }

    #[test]
    fn remaining_tries_count_down_to_zero() {
        assert_eq!(remaining_after(1), 4);
        assert_eq!(remaining_after(4), 1);
        assert_eq!(remaining_after(5), 0);
        assert_eq!(remaining_after(9), 0);
    }
}
