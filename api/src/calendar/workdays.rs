//! Working days by China's official schedule — public holidays and the make-up working days
//! (调休) of the State Council's yearly notice — with no database: the shipped data of the
//! `holiday-cn` crate plus the administrator's overrides.
//!
//! A date is *known* only when its year is: shipped (the crate holds that year's notice) or
//! declared by the administrator. Anything else is [`Unknown`] — never a guess by weekday.
//!
//! Choices:
//! - a year is shipped only when the crate lists at least one date in that year. The crate
//!   carries a file for every year it knows of, and some are empty (2026 in version
//!   0.2.20260915072418: the file exists with no days); an empty file would otherwise make
//!   every weekday of Spring Festival a working day. A year the crate lacks is shipped as data
//!   in `api/data/holidays/` (2026: the notice of 2025-11-04);
//! - a notice may move days of the previous December (元旦 2019 made 2018-12-29 a working
//!   Saturday). The crate files those under the notice's year and merges them back into the
//!   previous year, which we use. When the next year's notice is not shipped, December dates
//!   are known through their own year's data alone; once the next notice is out, the
//!   administrator enters its December days as overrides of the earlier year.
use std::{
    collections::{BTreeMap, BTreeSet},
    sync::LazyLock,
};

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The first and last year the crate could ship, scanned once.
const SCAN: std::ops::RangeInclusive<i32> = 1990..=2100;

struct Shipped {
    years: BTreeSet<i32>,
    /// Dates of shipped years that differ from the weekday rule or carry a holiday's name:
    /// `true` = off day.
    days: BTreeMap<NaiveDate, (bool, &'static str)>,
}

static SHIPPED: LazyLock<Shipped> = LazyLock::new(|| {
    let mut years = BTreeSet::new();
    let mut days = BTreeMap::new();
    for year in SCAN {
        let Some(data) = holiday_cn::get_year_data(year) else {
            continue;
        };
        let own: Vec<_> = data
            .iter()
            .filter_map(|(date, v)| {
                let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                (d.year() == year).then_some((d, *v))
            })
            .collect();
        if own.is_empty() {
            continue;
        }
        years.insert(year);
        for (d, (name, off)) in own {
            days.insert(d, (off, name));
        }
    }
    // notices the crate lacks, shipped as data in the same format (api/data/holidays)
    for (year, json) in BUNDLED {
        if years.contains(year) {
            continue;
        }
        let file: HolidayFile = serde_json::from_str(json).expect("bundled holiday data parses");
        years.insert(*year);
        for d in file.days {
            let date = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                .expect("bundled holiday dates parse");
            days.insert(date, (d.is_off_day, &*Box::leak(d.name.into_boxed_str())));
        }
    }
    Shipped { years, days }
});

/// Yearly notices shipped as data (holiday-cn's JSON format) for years the crate lacks.
const BUNDLED: &[(i32, &str)] = &[(2026, include_str!("../../data/holidays/2026.json"))];

#[derive(serde::Deserialize)]
struct HolidayFile {
    days: Vec<HolidayDay>,
}

#[derive(serde::Deserialize)]
struct HolidayDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// The years whose official schedule ships with the server, ascending.
pub fn shipped_years() -> impl Iterator<Item = i32> {
    SHIPPED.years.iter().copied()
}

pub fn is_shipped_year(year: i32) -> bool {
    SHIPPED.years.contains(&year)
}

/// A date whose year's official schedule is neither shipped nor entered by the administrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{year}年的节假日安排尚未录入，无法计算工作日；请联系管理员录入后再试")]
pub struct Unknown {
    pub year: i32,
}

/// An administrator's value of one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub off_day: bool,
    pub name: String,
}

/// One date as the calendar sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub working: bool,
    /// The holiday (or the holiday a make-up working day belongs to); `None` for an ordinary
    /// weekday or weekend.
    pub name: Option<String>,
}

/// The shipped schedule plus the administrator's declared years and day overrides.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    declared: BTreeSet<i32>,
    overrides: BTreeMap<NaiveDate, Override>,
}

impl Calendar {
    /// The shipped schedule alone.
    pub fn shipped() -> Self {
        Self::default()
    }

    /// Declares `year` known: its dates follow the weekday rule unless overridden.
    pub fn declare_year(&mut self, year: i32) -> &mut Self {
        self.declared.insert(year);
        self
    }

    /// Replaces the value of `date` (a holiday when `off_day`, else a working day).
    pub fn set_day(
        &mut self,
        date: NaiveDate,
        off_day: bool,
        name: impl Into<String>,
    ) -> &mut Self {
        self.overrides.insert(
            date,
            Override {
                off_day,
                name: name.into(),
            },
        );
        self
    }

    pub fn is_known_year(&self, year: i32) -> bool {
        is_shipped_year(year) || self.declared.contains(&year)
    }

    /// The first year of `start..=end` that is not known.
    fn check(&self, start: NaiveDate, end: NaiveDate) -> Result<(), Unknown> {
        match (start.year()..=end.year()).find(|y| !self.is_known_year(*y)) {
            Some(year) => Err(Unknown { year }),
            None => Ok(()),
        }
    }

    pub fn day(&self, date: NaiveDate) -> Result<Day, Unknown> {
        self.check(date, date)?;
        let (off, name) = if let Some(o) = self.overrides.get(&date) {
            (o.off_day, Some(o.name.clone()))
        } else if let Some((off, name)) = SHIPPED.days.get(&date) {
            (*off, Some((*name).to_owned()))
        } else {
            (matches!(date.weekday(), Weekday::Sat | Weekday::Sun), None)
        };
        Ok(Day {
            date,
            working: !off,
            name,
        })
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, Unknown> {
        Ok(self.day(date)?.working)
    }

    /// Every date of `start..=end` (empty when `end` is before `start`).
    pub fn days(&self, start: NaiveDate, end: NaiveDate) -> Result<Vec<Day>, Unknown> {
        if end < start {
            return Ok(vec![]);
        }
        self.check(start, end)?;
        start
            .iter_days()
            .take_while(|d| *d <= end)
            .map(|d| self.day(d))
            .collect()
    }

    /// The working days of `start..=end`, both ends included (0 when `end` is before `start`).
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> Result<u32, Unknown> {
        Ok(self.days(start, end)?.iter().filter(|d| d.working).count() as u32)
    }

    /// The date on which the `n`-th working day after `start` falls (`start` itself not
    /// counted; `n = 0` gives `start`). A 公示 starting on `s` and lasting 5 working days,
    /// `s` included, ends on `add_working_days(s, 4)` when `s` is a working day.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, Unknown> {
        self.check(start, start)?;
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date
                .checked_add_days(Days::new(1))
                .ok_or(Unknown { year: date.year() })?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_years_are_2007_to_2026_and_an_empty_crate_file_is_not_enough() {
        let years: Vec<i32> = shipped_years().collect();
        assert_eq!(years, (2007..=2026).collect::<Vec<_>>());
        // the crate has a 2026 file that lists no day; 2026 comes from api/data/holidays
        assert!(holiday_cn::get_year_data(2026).is_some_and(|m| m.is_empty()));
        assert!(Calendar::shipped().is_known_year(2026));
        assert!(!Calendar::shipped().is_known_year(2027));
    }

    #[test]
    fn national_day_2025_with_its_make_up_sunday() {
        let cal = Calendar::shipped();
        assert!(cal.is_working_day(d("2025-09-28")).unwrap()); // Sunday, 调休上班
        assert!(cal.is_working_day(d("2025-10-11")).unwrap()); // Saturday, 调休上班
        assert!(!cal.is_working_day(d("2025-09-27")).unwrap()); // ordinary Saturday
        for day in 1..=8 {
            let date = d(&format!("2025-10-{day:02}"));
            let day = cal.day(date).unwrap();
            assert!(!day.working, "{date}");
            assert_eq!(day.name.as_deref(), Some("国庆节、中秋节"));
        }
        assert_eq!(
            cal.working_days_between(d("2025-09-26"), d("2025-10-12")),
            Ok(7)
        );
        // 公示 from 2025-09-30 for 5 working days: 9-30, 10-09, 10-10, 10-11, 10-13
        assert_eq!(
            cal.add_working_days(d("2025-09-30"), 4),
            Ok(d("2025-10-13"))
        );
        assert_eq!(
            cal.add_working_days(d("2025-09-30"), 0),
            Ok(d("2025-09-30"))
        );
    }

    #[test]
    fn spring_festival_2025_from_the_shipped_data() {
        let cal = Calendar::shipped();
        assert!(cal.is_working_day(d("2025-01-26")).unwrap()); // Sunday
        assert!(cal.is_working_day(d("2025-02-08")).unwrap()); // Saturday
        assert!(!cal.is_working_day(d("2025-01-28")).unwrap());
        assert!(!cal.is_working_day(d("2025-02-04")).unwrap()); // Tuesday
        assert_eq!(
            cal.working_days_between(d("2025-01-20"), d("2025-02-09")),
            Ok(11)
        );
    }

    #[test]
    fn spring_festival_2026_from_the_shipped_notice() {
        // 春节 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班
        let cal = Calendar::shipped();
        assert!(cal.is_working_day(d("2026-02-14")).unwrap()); // Saturday
        assert!(cal.is_working_day(d("2026-02-28")).unwrap()); // Saturday
        assert!(!cal.is_working_day(d("2026-02-15")).unwrap());
        assert!(!cal.is_working_day(d("2026-02-23")).unwrap()); // Monday
        assert!(!cal.is_working_day(d("2026-03-01")).unwrap()); // ordinary Sunday
        assert!(cal.is_working_day(d("2026-02-24")).unwrap());
        // 2-09…2-13 (5), 2-14 (1), 2-24…2-27 (4), 2-28 (1)
        assert_eq!(
            cal.working_days_between(d("2026-02-09"), d("2026-03-01")),
            Ok(11)
        );
        // a 公示 from Friday 2-13 for 5 working days: 2-13, 2-14, 2-24, 2-25, 2-26
        assert_eq!(
            cal.add_working_days(d("2026-02-13"), 4),
            Ok(d("2026-02-26"))
        );
        // National Day 2026: 9-20 (Sunday) and 10-10 (Saturday) worked, 10-01…10-07 off
        assert!(cal.is_working_day(d("2026-09-20")).unwrap());
        assert!(cal.is_working_day(d("2026-10-10")).unwrap());
        assert!(!cal.is_working_day(d("2026-10-07")).unwrap()); // Wednesday
        assert_eq!(
            cal.day(d("2026-10-01")).unwrap().name.as_deref(),
            Some("国庆节")
        );
        // 元旦 2026: 1-04 (Sunday) worked
        assert!(cal.is_working_day(d("2026-01-04")).unwrap());
    }

    #[test]
    fn a_notice_can_move_days_of_the_previous_december() {
        let cal = Calendar::shipped();
        // 元旦 2019: 2018-12-29 (Saturday) worked, 12-30 and 12-31 off
        assert!(cal.is_working_day(d("2018-12-29")).unwrap());
        assert!(!cal.is_working_day(d("2018-12-31")).unwrap()); // Monday
        assert_eq!(
            cal.day(d("2018-12-31")).unwrap().name.as_deref(),
            Some("元旦")
        );
    }

    #[test]
    fn a_range_reaching_an_unknown_year_names_the_year() {
        let cal = Calendar::shipped();
        assert!(cal.is_working_day(d("2026-12-31")).unwrap());
        let err = cal
            .working_days_between(d("2026-12-01"), d("2027-01-10"))
            .unwrap_err();
        assert_eq!(err, Unknown { year: 2027 });
        assert!(err.to_string().starts_with("2027年的节假日安排尚未录入"));
        assert_eq!(
            cal.add_working_days(d("2026-12-29"), 5),
            Err(Unknown { year: 2027 })
        );
        assert_eq!(
            cal.is_working_day(d("2006-06-01")),
            Err(Unknown { year: 2006 })
        );
    }

    #[test]
    fn overrides_replace_the_shipped_value_and_a_declared_year_follows_the_weekdays() {
        let mut cal = Calendar::shipped();
        cal.set_day(d("2025-10-13"), true, "测试");
        assert!(!cal.is_working_day(d("2025-10-13")).unwrap());
        cal.set_day(d("2025-10-08"), false, "国庆节、中秋节");
        assert!(cal.is_working_day(d("2025-10-08")).unwrap());

        cal.declare_year(2027);
        assert!(cal.is_working_day(d("2027-01-04")).unwrap()); // Monday
        assert!(!cal.is_working_day(d("2027-01-03")).unwrap()); // Sunday
        assert_eq!(cal.day(d("2027-01-04")).unwrap().name, None);
    }

    #[test]
    fn an_empty_or_reversed_range_counts_nothing() {
        let cal = Calendar::shipped();
        assert_eq!(
            cal.working_days_between(d("2025-10-02"), d("2025-10-01")),
            Ok(0)
        );
        assert_eq!(
            cal.working_days_between(d("2025-10-09"), d("2025-10-09")),
            Ok(1)
        );
    }
}
