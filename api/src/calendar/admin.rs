//! The administrator's maintenance of the calendar: a year's holidays and make-up working
//! days entered from the State Council's notice (for years the shipped data does not cover,
//! or to correct a shipped one), replaced as a whole in one transaction.
use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};

use super::{
    dto::{CalendarSource, CalendarYear, CalendarYearInput},
    service::span,
    workdays::{is_shipped_year, shipped_years},
};
use crate::{
    auth::{AuthUser, Role},
    db::WriteTxn,
    entities::{calendar_day, calendar_year},
    error::{AppError, AppResult, FieldErrors},
};

/// The years the administrator may enter.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn year_view(year: i32, row: Option<&calendar_year::Model>, override_days: u32) -> CalendarYear {
    CalendarYear {
        year,
        source: if is_shipped_year(year) {
            CalendarSource::Shipped
        } else {
            CalendarSource::Administrator
        },
        override_days,
        note: row.map(|r| r.published_note.clone()),
        declared_at: row.map(|r| r.declared_at),
    }
}

/// Every known year, ascending: shipped ones and those the administrator declared.
pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<CalendarYear>> {
    let rows: BTreeMap<i32, calendar_year::Model> = calendar_year::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.year, r))
        .collect();
    let mut counts: BTreeMap<i32, u32> = BTreeMap::new();
    for d in calendar_day::Entity::find().all(db).await? {
        *counts.entry(d.date.year()).or_default() += 1;
    }
    let mut years: Vec<i32> = shipped_years().chain(rows.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    Ok(years
        .into_iter()
        .map(|y| year_view(y, rows.get(&y), counts.get(&y).copied().unwrap_or(0)))
        .collect())
}

fn check_year(year: i32) -> AppResult<()> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(AppError::field(
            "year",
            format!("年份须在{}至{}之间", YEARS.start(), YEARS.end()),
        ))
    }
}

fn validate(year: i32, input: &CalendarYearInput) -> AppResult<()> {
    let mut errs = FieldErrors::default();
    let note = input.note.trim();
    if note.is_empty() {
        errs.push("note", "请填写发布依据");
    } else if note.chars().count() > 200 {
        errs.push("note", "发布依据不能超过200个字");
    }
    if input.days.len() > 366 {
        errs.push("days", "日期不能超过366个");
    }
    let mut seen = HashSet::new();
    for (i, d) in input.days.iter().enumerate() {
        if d.date.year() != year {
            errs.push(&format!("days[{i}].date"), format!("日期须在{year}年内"));
        } else if !seen.insert(d.date) {
            errs.push(&format!("days[{i}].date"), "日期重复");
        }
        let name = d.name.trim();
        if name.is_empty() {
            errs.push(&format!("days[{i}].name"), "请填写节日名称");
        } else if name.chars().count() > 50 {
            errs.push(&format!("days[{i}].name"), "节日名称不能超过50个字");
        }
    }
    errs.finish()
}

/// Replaces the administrator's days of `year` and declares it known, atomically.
pub async fn put(
    db: &DatabaseConnection,
    user: &AuthUser,
    year: i32,
    input: CalendarYearInput,
) -> AppResult<CalendarYear> {
    user.require(&[Role::Admin])?;
    check_year(year)?;
    validate(year, &input)?;
    let (first, last) = span(&(year..=year)).ok_or_else(AppError::internal)?;
    let admin = user.id;
    let override_days = input.days.len() as u32;
    let row = db
        .write_txn(|txn| {
            Box::pin(async move {
                let now = Utc::now();
                calendar_day::Entity::delete_many()
                    .filter(calendar_day::Column::Date.between(first, last))
                    .exec(txn)
                    .await?;
                if !input.days.is_empty() {
                    calendar_day::Entity::insert_many(input.days.iter().map(|d| {
                        calendar_day::ActiveModel {
                            date: Set(d.date),
                            off_day: Set(d.off_day),
                            name: Set(d.name.trim().to_owned()),
                            updated_by: Set(admin),
                            updated_at: Set(now),
                        }
                    }))
                    .exec(txn)
                    .await?;
                }
                let row = calendar_year::Model {
                    year,
                    published_note: input.note.trim().to_owned(),
                    declared_by: admin,
                    declared_at: now,
                };
                calendar_year::Entity::insert(calendar_year::ActiveModel {
                    year: Set(row.year),
                    published_note: Set(row.published_note.clone()),
                    declared_by: Set(row.declared_by),
                    declared_at: Set(row.declared_at),
                })
                .on_conflict(
                    OnConflict::column(calendar_year::Column::Year)
                        .update_columns([
                            calendar_year::Column::PublishedNote,
                            calendar_year::Column::DeclaredBy,
                            calendar_year::Column::DeclaredAt,
                        ])
                        .to_owned(),
                )
                .exec_without_returning(txn)
                .await?;
                Ok(row)
            })
        })
        .await?;
    Ok(year_view(year, Some(&row), override_days))
}

/// Removes the administrator's declaration of `year` and its days. A shipped year stays
/// known (by its shipped schedule); any other year is unknown again.
pub async fn delete(db: &DatabaseConnection, user: &AuthUser, year: i32) -> AppResult<()> {
    user.require(&[Role::Admin])?;
    check_year(year)?;
    let (first, last) = span(&(year..=year)).ok_or_else(AppError::internal)?;
    db.write_txn(|txn| {
        Box::pin(async move {
            let removed = calendar_year::Entity::delete_many()
                .filter(calendar_year::Column::Year.eq(year))
                .exec(txn)
                .await?;
            if removed.rows_affected == 0 {
                return Err(AppError::not_found());
            }
            calendar_day::Entity::delete_many()
                .filter(calendar_day::Column::Date.between(first, last))
                .exec(txn)
                .await?;
            Ok(())
        })
    })
    .await
}
