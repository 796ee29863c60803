//! Request and response bodies of the calendar API.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The dates of a working-day count, both included.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkingDaysQuery {
    /// 起始日期（含）
    #[param(example = "2026-02-09")]
    pub start: NaiveDate,
    /// 结束日期（含），不早于起始日期，范围不超过 366 天
    #[param(example = "2026-03-01")]
    pub end: NaiveDate,
}

/// One date of the calendar.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// 是否工作日（含调休上班日）
    pub working: bool,
    /// The holiday (or the holiday a make-up working day belongs to); absent for an ordinary
    /// weekday or weekend.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = "春节")]
    pub name: Option<String>,
}

/// The working days of a range, both ends included.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkingDays {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// 工作日天数
    #[schema(minimum = 0)]
    pub working_days: u32,
    pub days: Vec<CalendarDay>,
}

/// Where a year's schedule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CalendarSource {
    /// 随系统发布的国务院节假日安排
    Shipped,
    /// 管理员录入
    Administrator,
}

/// A year whose schedule is known.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarYear {
    #[schema(example = 2027)]
    pub year: i32,
    /// `shipped` when the schedule ships with the server (the administrator may still have
    /// overridden days of it), else `administrator`.
    pub source: CalendarSource,
    /// 管理员录入的日期数
    #[schema(minimum = 0)]
    pub override_days: u32,
    /// 管理员录入时填写的发布依据
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(
        nullable = false,
        example = "国务院办公厅关于2027年部分节假日安排的通知"
    )]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub declared_at: Option<DateTime<Utc>>,
}

/// One date of a year's schedule as the administrator enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayInput {
    #[schema(example = "2027-02-06")]
    pub date: NaiveDate,
    /// `true`: 放假；`false`: 调休上班
    pub off_day: bool,
    #[schema(example = "春节", min_length = 1, max_length = 50)]
    pub name: String,
}

/// A year's schedule: replaces every administrator day of that year and declares it known.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarYearInput {
    /// 发布依据（如通知名称与文号）
    #[schema(
        example = "国务院办公厅关于2027年部分节假日安排的通知",
        min_length = 1,
        max_length = 200
    )]
    pub note: String,
    /// The holidays and make-up working days of the year; any other date follows the weekday
    /// rule (Monday–Friday working).
    #[schema(max_items = 366)]
    pub days: Vec<CalendarDayInput>,
}
