//! 工作日日历 — on SQLite and PostgreSQL: working days from the shipped schedule (holidays and
//! make-up working days), a year not shipped answering 422 `calendar_unknown` until the
//! administrator enters it, the administrator's overrides, roles, and validation that writes
//! nothing.
use serde_json::{Value, json};

use crate::actors::Actor;
use crate::helpers::*;

async fn json_of(res: reqwest::Response, status: u16) -> Value {
    let code = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(code, status, "{body}");
    body
}

async fn range(who: &Actor, start: &str, end: &str) -> reqwest::Response {
    who.get(&format!(
        "/api/v1/calendar/working-days?start={start}&end={end}"
    ))
    .await
}

fn day<'a>(r: &'a Value, date: &str) -> &'a Value {
    r["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("{date} missing"))
}

dual!(shipped_holidays_and_make_up_days, |app| {
    let person = app.individual().await;
    // 国庆节、中秋节 2025: 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 worked
    let r = json_of(range(&person, "2025-09-26", "2025-10-12").await, 200).await;
    assert_eq!(r["working_days"], 7);
    assert_eq!(r["days"].as_array().unwrap().len(), 17);
    assert_eq!(
        day(&r, "2025-09-28"),
        &json!({"date": "2025-09-28", "working": true, "name": "国庆节、中秋节"})
    );
    assert_eq!(day(&r, "2025-10-08")["working"], false);
    assert_eq!(
        day(&r, "2025-09-27"),
        &json!({"date": "2025-09-27", "working": false})
    );
    // 春节 2025: Sunday 01-26 and Saturday 02-08 worked, 01-28…02-04 off
    let r = json_of(range(&person, "2025-01-20", "2025-02-09").await, 200).await;
    assert_eq!(r["working_days"], 11);
    assert_eq!(day(&r, "2025-02-08")["working"], true);

    // any logged-in user; not anonymous
    let hrss = app.staff("nb_hrss").await;
    json_of(range(&hrss, "2025-10-09", "2025-10-09").await, 200).await;
    problem(
        range(&app.anon(), "2025-10-09", "2025-10-09").await,
        401,
        "unauthorized",
    )
    .await;

    let years = json_of(person.get("/api/v1/calendar/years").await, 200).await;
    let years = years.as_array().unwrap();
    assert_eq!(years.first().unwrap()["year"], 2007);
    assert!(
        years
            .iter()
            .all(|y| y["source"] == "shipped" && y["override_days"] == 0)
    );
});

dual!(spring_festival_2026_and_nothing_of_2027, |app| {
    let person = app.individual().await;
    // 国务院办公厅关于2026年部分节假日安排的通知, shipped as data
    let r = json_of(range(&person, "2026-02-09", "2026-03-01").await, 200).await;
    // 02-09…02-13, Saturday 02-14, 02-24…02-27, Saturday 02-28
    assert_eq!(r["working_days"], 11);
    assert_eq!(
        day(&r, "2026-02-14"),
        &json!({"date": "2026-02-14", "working": true, "name": "春节"})
    );
    assert_eq!(day(&r, "2026-02-23")["working"], false);
    assert_eq!(day(&r, "2026-03-01")["working"], false);
    // nothing known of 2027 yet: no guess by weekday
    let p = problem(
        range(&person, "2026-12-28", "2027-01-05").await,
        422,
        "calendar_unknown",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("2027年"), "{p}");
});

dual!(the_administrator_declares_and_removes_a_year, |app| {
    let person = app.individual().await;
    let admin = app.admin().await;
    problem(
        range(&person, "2027-01-01", "2027-01-10").await,
        422,
        "calendar_unknown",
    )
    .await;

    let body = json!({
        "note": "国务院办公厅关于2027年部分节假日安排的通知",
        "days": [
            {"date": "2027-01-01", "off_day": true, "name": "元旦"},
            {"date": "2027-01-04", "off_day": true, "name": "元旦"},
            {"date": "2027-01-09", "off_day": false, "name": "元旦"}
        ]
    });
    json_of(admin.put("/api/v1/calendar/years/2027", body).await, 200).await;
    let r = json_of(range(&person, "2027-01-01", "2027-01-10").await, 200).await;
    // Fri 01-01 off, Mon 01-04 off, Tue–Fri 01-05…01-08, Saturday 01-09 worked
    assert_eq!(r["working_days"], 5);
    assert_eq!(day(&r, "2027-01-04")["name"], "元旦");
    assert_eq!(day(&r, "2027-01-09")["working"], true);
    assert_eq!(
        day(&r, "2027-01-05"),
        &json!({"date": "2027-01-05", "working": true})
    );
    // what other domains call sees the same
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        working_days_between(&app.db, d("2027-01-01"), d("2027-01-10"))
            .await
            .unwrap(),
        5
    );
    assert_eq!(
        add_working_days(&app.db, d("2027-01-01"), 2).await.unwrap(),
        d("2027-01-06")
    );
    let err = working_days_between(&app.db, d("2027-12-31"), d("2028-01-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code.as_str(), "calendar_unknown");
    assert_eq!(err.status.as_u16(), 422);
    assert!(err.detail.contains("2028年"), "{}", err.detail);

    let years = json_of(person.get("/api/v1/calendar/years").await, 200).await;
    let y2027 = years
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2027)
        .unwrap();
    assert_eq!(y2027["source"], "administrator");
    assert_eq!(y2027["override_days"], 3);
    assert_eq!(y2027["note"], "国务院办公厅关于2027年部分节假日安排的通知");
    assert!(y2027["declared_at"].is_string());

    // a second PUT replaces the year's days as a whole
    let body =
        json!({"note": "更正", "days": [{"date": "2027-02-08", "off_day": true, "name": "春节"}]});
    let year = json_of(admin.put("/api/v1/calendar/years/2027", body).await, 200).await;
    assert_eq!(year["override_days"], 1);
    assert_eq!(year["note"], "更正");
    let r = json_of(range(&person, "2027-01-01", "2027-01-10").await, 200).await;
    assert_eq!(r["working_days"], 6);
    assert_eq!(app.count("calendar_days").await, 1);

    // a shipped year may be corrected too, and stays shipped
    let body = json!({"note": "测试更正", "days": [{"date": "2025-10-09", "off_day": true, "name": "测试"}]});
    let year = json_of(admin.put("/api/v1/calendar/years/2025", body).await, 200).await;
    assert_eq!(year["source"], "shipped");
    let r = json_of(range(&person, "2025-09-26", "2025-10-12").await, 200).await;
    assert_eq!(r["working_days"], 6);

    // removal: 2027 is unknown again, 2025 back to its shipped schedule
    let res = admin.delete("/api/v1/calendar/years/2027").await;
    assert_eq!(res.status().as_u16(), 204);
    problem(
        range(&person, "2027-01-01", "2027-01-10").await,
        422,
        "calendar_unknown",
    )
    .await;
    let res = admin.delete("/api/v1/calendar/years/2025").await;
    assert_eq!(res.status().as_u16(), 204);
    let r = json_of(range(&person, "2025-09-26", "2025-10-12").await, 200).await;
    assert_eq!(r["working_days"], 7);
    assert_eq!(app.count("calendar_days").await, 0);
    assert_eq!(app.count("calendar_years").await, 0);
    problem(
        admin.delete("/api/v1/calendar/years/2027").await,
        404,
        "not_found",
    )
    .await;
});

dual!(only_the_administrator_maintains_the_calendar, |app| {
    let body = json!({"note": "通知", "days": []});
    for who in [
        app.individual().await,
        app.employer().await,
        app.staff("nb_hrss").await,
    ] {
        problem(
            who.put("/api/v1/calendar/years/2027", body.clone()).await,
            403,
            "forbidden",
        )
        .await;
        problem(
            who.delete("/api/v1/calendar/years/2027").await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_eq!(app.count("calendar_years").await, 0);
});

dual!(a_bad_year_writes_nothing, |app| {
    let admin = app.admin().await;
    let good = json!({"note": "通知", "days": [
        {"date": "2027-02-06", "off_day": true, "name": "春节"},
        {"date": "2027-02-07", "off_day": true, "name": "春节"}
    ]});
    json_of(admin.put("/api/v1/calendar/years/2027", good).await, 200).await;

    let outside = json!({"note": "通知", "days": [
        {"date": "2027-10-01", "off_day": true, "name": "国庆节"},
        {"date": "2028-01-01", "off_day": true, "name": "元旦"}
    ]});
    let p = problem(
        admin.put("/api/v1/calendar/years/2027", outside).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "days[1].date");

    let duplicate = json!({"note": "通知", "days": [
        {"date": "2027-10-01", "off_day": true, "name": "国庆节"},
        {"date": "2027-10-01", "off_day": false, "name": "国庆节"}
    ]});
    let p = problem(
        admin.put("/api/v1/calendar/years/2027", duplicate).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        p["errors"],
        json!([{"field": "days[1].date", "message": "日期重复"}])
    );

    let blank = json!({"note": " ", "days": [{"date": "2027-10-01", "off_day": true, "name": ""}]});
    let p = problem(
        admin.put("/api/v1/calendar/years/2027", blank).await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["note", "days[0].name"]);

    problem(
        admin
            .put(
                "/api/v1/calendar/years/1999",
                json!({"note": "通知", "days": []}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;

    // the year keeps what it had
    assert_eq!(app.count("calendar_days").await, 2);
    let years = json_of(admin.get("/api/v1/calendar/years").await, 200).await;
    let y2027 = years
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2027)
        .unwrap();
    assert_eq!(y2027["override_days"], 2);
    assert_eq!(y2027["note"], "通知");
    assert!(!years.as_array().unwrap().iter().any(|y| y["year"] == 1999));
});

dual!(a_range_must_run_forwards_and_stay_within_a_year, |app| {
    let person = app.individual().await;
    let p = problem(
        range(&person, "2025-10-12", "2025-10-01").await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "end");
    let p = problem(
        range(&person, "2024-01-01", "2025-01-01").await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "end");
    // 366 days is the most
    let r = json_of(range(&person, "2024-01-01", "2024-12-31").await, 200).await;
    assert_eq!(r["days"].as_array().unwrap().len(), 366);
    // a date that is not one
    let res = range(&person, "2025-02-30", "2025-03-01").await;
    assert!(matches!(res.status().as_u16(), 400 | 422));
});
