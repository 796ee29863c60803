//! The calendar with the administrator's overrides, as other domains use it.
use std::ops::RangeInclusive;

use actix_web::http::StatusCode;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::workdays::{Calendar, Unknown};
use crate::{
    entities::{calendar_day, calendar_year},
    error::{AppError, AppResult, ErrorCode, FieldErrors},
};

use super::dto::{CalendarDay, WorkingDays};

/// The longest range `GET /calendar/working-days` lists, in days.
pub const MAX_RANGE_DAYS: i64 = 366;

impl From<Unknown> for AppError {
    fn from(e: Unknown) -> Self {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::CalendarUnknown,
            e.to_string(),
        )
    }
}

/// The first and last date of `years`.
pub(crate) fn span(years: &RangeInclusive<i32>) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(*years.start(), 1, 1)?,
        NaiveDate::from_ymd_opt(*years.end(), 12, 31)?,
    ))
}

/// The calendar for dates in `years`: the shipped schedule plus the administrator's declared
/// years and days among them (two indexed range queries).
pub async fn load<C: ConnectionTrait>(db: &C, years: RangeInclusive<i32>) -> AppResult<Calendar> {
    let mut cal = Calendar::shipped();
    let Some((first, last)) = span(&years) else {
        return Ok(cal);
    };
    for y in calendar_year::Entity::find()
        .filter(calendar_year::Column::Year.between(*years.start(), *years.end()))
        .all(db)
        .await?
    {
        cal.declare_year(y.year);
    }
    for d in calendar_day::Entity::find()
        .filter(calendar_day::Column::Date.between(first, last))
        .all(db)
        .await?
    {
        cal.set_day(d.date, d.off_day, d.name);
    }
    Ok(cal)
}

/// The working days of `start..=end`, both ends included (0 when `end` is before `start`);
/// 422 `calendar_unknown` naming the year when a year of the range is not known.
pub async fn working_days_between<C: ConnectionTrait>(
    db: &C,
    start: NaiveDate,
    end: NaiveDate,
) -> AppResult<u32> {
    if end < start {
        return Ok(0);
    }
    let cal = load(db, start.year()..=end.year()).await?;
    Ok(cal.working_days_between(start, end)?)
}

/// Whether `date` is a working day; 422 `calendar_unknown` when its year is not known.
pub async fn is_working_day<C: ConnectionTrait>(db: &C, date: NaiveDate) -> AppResult<bool> {
    let cal = load(db, date.year()..=date.year()).await?;
    Ok(cal.is_working_day(date)?)
}

/// The date of the `n`-th working day after `start` (`start` not counted, `n = 0` gives
/// `start`); 422 `calendar_unknown` when the count reaches a year that is not known.
pub async fn add_working_days<C: ConnectionTrait>(
    db: &C,
    start: NaiveDate,
    n: u32,
) -> AppResult<NaiveDate> {
    // about 250 working days a year: load enough years for n, and one more
    let last = start.year().saturating_add(1 + (n / 200) as i32);
    let cal = load(db, start.year()..=last).await?;
    Ok(cal.add_working_days(start, n)?)
}

/// `GET /calendar/working-days`: every date of `start..=end` and the working days among them.
pub async fn range<C: ConnectionTrait>(
    db: &C,
    start: NaiveDate,
    end: NaiveDate,
) -> AppResult<WorkingDays> {
    let mut errs = FieldErrors::default();
    if end < start {
        errs.push("end", "结束日期不能早于起始日期");
    } else if (end - start).num_days() + 1 > MAX_RANGE_DAYS {
        errs.push("end", format!("查询范围不能超过{MAX_RANGE_DAYS}天"));
    }
    errs.finish()?;
    let cal = load(db, start.year()..=end.year()).await?;
    let days: Vec<CalendarDay> = cal
        .days(start, end)?
        .into_iter()
        .map(|d| CalendarDay {
            date: d.date,
            working: d.working,
            name: d.name,
        })
        .collect();
    Ok(WorkingDays {
        start,
        end,
        working_days: days.iter().filter(|d| d.working).count() as u32,
        days,
    })
}
