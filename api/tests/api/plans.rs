//! 申报计划 — on SQLite and PostgreSQL: the publisher's life cycle (draft → published →
//! closed) with its refusals, roles and jurisdiction, validation that writes nothing, the
//! applicant's open plans, and simultaneous publishes and closes.
use chrono::{Duration, Utc};
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::actors::{Actor, Kind};
use crate::fixtures::staff::registered;
use crate::helpers::*;

const CITY_HRSS: &str = "宁波市人力资源和社会保障局";
const WATER: &str = "宁波市水利局";
const COMMITTEE: &str = "宁波市水利工程技术人员高级专业技术职务任职资格评审委员会";

fn at(days: i64) -> String {
    (Utc::now() + Duration::days(days)).to_rfc3339()
}

/// A valid 评审 plan for 高级工程师 open to 宁波市水利局's subtree, open now.
async fn body(app: &TestApp) -> Value {
    json!({
        "year": 2026,
        "name": "关于2026年度高级工程师申报通知（测试）",
        "plan_type": "review",
        "series": "engineering",
        "level": "associate_senior",
        "specialties": ["水利工程"],
        "affiliation_ids": [app.unit_id(WATER).await],
        "acceptor_ids": [app.unit_id(COMMITTEE).await],
        "opens_at": at(-1),
        "closes_at": at(30),
        "description": "评审计划说明",
        "attachments": [{"name": "推荐表", "required": true, "types": ["pdf"]}],
        "qualification": "具有工程师职称满5年",
        "rules": {"min_years_in_profession": 10, "current_title": {"level": "intermediate", "min_years_held": 5}},
        "fee_fen": 45000
    })
}

async fn json_of(res: reqwest::Response, status: u16) -> Value {
    let code = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(code, status, "{body}");
    body
}

async fn create(hrss: &Actor, body: &Value) -> String {
    let plan = json_of(hrss.post("/api/v1/plans", body.clone()).await, 201).await;
    assert_eq!(plan["status"], "draft");
    plan["id"].as_str().unwrap().to_owned()
}

async fn open_ids(who: &Actor, query: &str) -> Vec<String> {
    let page = json_of(who.get(&format!("/api/v1/plans/open{query}")).await, 200).await;
    assert_eq!(
        page["total"].as_u64().unwrap() as usize,
        page["items"].as_array().unwrap().len()
    );
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

dual!(plan_life_cycle, |app| {
    let hrss = app.staff("nb_hrss").await;
    let mut b = body(&app).await;
    let id = create(&hrss, &b).await;
    let path = format!("/api/v1/plans/{id}");

    // a draft: anything may change; it cannot be closed
    b["specialties"] = json!(["水利工程", "水文水资源"]);
    b["fee_fen"] = json!(50000);
    let plan = json_of(hrss.put(&path, b.clone()).await, 200).await;
    assert_eq!(plan["specialties"], json!(["水利工程", "水文水资源"]));
    assert_eq!(plan["titles"], json!(["高级工程师"]));
    assert_eq!(plan["series_name"], "工程技术");
    assert_eq!(plan["acceptors"][0]["name"], COMMITTEE);
    assert_eq!(plan["affiliations"][0]["name"], WATER);
    problem(
        hrss.post(&format!("{path}/close"), json!({})).await,
        409,
        "plan_locked",
    )
    .await;

    // published: only the description, a later closing time and attachment names
    let plan = json_of(hrss.post(&format!("{path}/publish"), json!({})).await, 200).await;
    assert_eq!(plan["status"], "published");
    assert_eq!(plan["open_now"], true);
    assert!(plan["published_at"].is_string());
    problem(
        hrss.post(&format!("{path}/publish"), json!({})).await,
        409,
        "plan_locked",
    )
    .await;
    problem(hrss.delete(&path).await, 409, "plan_locked").await;
    let mut harmless = b.clone();
    harmless["description"] = json!("补充说明");
    harmless["closes_at"] = json!(at(40));
    harmless["attachments"][0]["name"] = json!("单位推荐意见表");
    let plan = json_of(hrss.put(&path, harmless.clone()).await, 200).await;
    assert_eq!(plan["description"], "补充说明");
    assert_eq!(plan["attachments"][0]["name"], "单位推荐意见表");
    for (field, value) in [
        ("specialties", json!(["水利工程"])),
        ("closes_at", json!(at(20))),
        ("fee_fen", json!(1)),
        ("rules", json!({})),
        ("opens_at", json!(at(-2))),
        (
            "attachments",
            json!([{"name": "推荐表", "required": false, "types": ["pdf"]}]),
        ),
    ] {
        let mut changed = harmless.clone();
        changed[field] = value;
        let p = problem(
            hrss.put(&path, changed).await,
            409,
            "plan_change_not_allowed",
        )
        .await;
        assert!(
            p["detail"].as_str().unwrap().contains("不能修改"),
            "{field}: {p}"
        );
    }
    let plan = json_of(hrss.get(&path).await, 200).await;
    assert_eq!(plan["specialties"], json!(["水利工程", "水文水资源"]));
    assert_eq!(plan["fee_fen"], 50000);

    // closed is final
    let plan = json_of(hrss.post(&format!("{path}/close"), json!({})).await, 200).await;
    assert_eq!(plan["status"], "closed");
    assert_eq!(plan["open_now"], false);
    problem(
        hrss.post(&format!("{path}/close"), json!({})).await,
        409,
        "plan_locked",
    )
    .await;
    problem(
        hrss.post(&format!("{path}/publish"), json!({})).await,
        409,
        "plan_locked",
    )
    .await;
    problem(hrss.put(&path, harmless).await, 409, "plan_locked").await;
    problem(hrss.delete(&path).await, 409, "plan_locked").await;

    // a draft may be deleted
    let draft = create(&hrss, &b).await;
    let res = hrss.delete(&format!("/api/v1/plans/{draft}")).await;
    assert_eq!(res.status(), 204);
    problem(
        hrss.get(&format!("/api/v1/plans/{draft}")).await,
        404,
        "not_found",
    )
    .await;

    // status tabs: the two demo plans, this closed one
    let page = json_of(hrss.get("/api/v1/plans").await, 200).await;
    assert_eq!(
        page["counts"],
        json!({"draft": 0, "published": 2, "closed": 1, "all": 3})
    );
    let page = json_of(hrss.get("/api/v1/plans?status=closed").await, 200).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], id.as_str());
    let page = json_of(hrss.get("/api/v1/plans?q=认定&per_page=1").await, 200).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["plan_type"], "recognition");
    assert_eq!(page["counts"]["all"], 1);
    problem(
        hrss.get("/api/v1/plans?status=bogus").await,
        400,
        "invalid_query",
    )
    .await;
});

dual!(plan_roles_and_jurisdiction, |app| {
    let b = body(&app).await;
    for who in [
        app.individual().await,
        app.staff("nb_slj").await,
        app.admin().await,
        app.employer().await,
    ] {
        problem(who.post("/api/v1/plans", b.clone()).await, 403, "forbidden").await;
        problem(who.get("/api/v1/plans").await, 403, "forbidden").await;
    }
    let hrss = app.staff("nb_hrss").await;
    let id = create(&hrss, &b).await;
    let path = format!("/api/v1/plans/{id}");
    problem(
        app.staff("nb_slj")
            .await
            .post(&format!("{path}/publish"), json!({}))
            .await,
        403,
        "forbidden",
    )
    .await;

    // the province sees and manages the city's plans
    let province = app.staff("zj_hrss").await;
    json_of(province.get(&path).await, 200).await;
    let page = json_of(province.get("/api/v1/plans?status=draft").await, 200).await;
    assert_eq!(page["total"], 1);

    // another city does not
    let admin = app.admin().await;
    let zj = app.unit_id("浙江省人力资源和社会保障厅").await;
    let hz = json_of(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "杭州市人力资源和社会保障局", "kind": "hrss", "parent_id": zj}),
            )
            .await,
        201,
    )
    .await;
    let res = admin.post("/api/v1/staff-accounts", json!({"username": "hz_hrss", "name": "杭州审核员", "phone": "13800000099", "role": "hrss", "org_unit_id": hz["id"], "password": PW})).await;
    assert_eq!(res.status(), 201);
    let hz_hrss = app.log_in(Kind::Staff, "hz_hrss", PW).await;
    problem(hz_hrss.get(&path).await, 404, "not_found").await;
    problem(
        hz_hrss.post(&format!("{path}/publish"), json!({})).await,
        404,
        "not_found",
    )
    .await;
    problem(hz_hrss.put(&path, b.clone()).await, 404, "not_found").await;
    problem(hz_hrss.delete(&path).await, 404, "not_found").await;
    let page = json_of(hz_hrss.get("/api/v1/plans").await, 200).await;
    assert_eq!(page["counts"]["all"], 0);
    // nor may the city pick Hangzhou's units
    let mut foreign = b.clone();
    foreign["affiliation_ids"] = json!([hz["id"]]);
    let p = problem(
        hrss.post("/api/v1/plans", foreign).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "affiliation_ids");
    // and the draft is not the applicant's business
    problem(app.individual().await.get(&path).await, 404, "not_found").await;
});

dual!(plan_validation_writes_nothing, |app| {
    let hrss = app.staff("nb_hrss").await;
    let b = body(&app).await;
    let before = app.count("plans").await;
    let city = app.unit_id(CITY_HRSS).await;
    let cases = [
        ("closes_at", json!(b["opens_at"])),
        ("series", json!("astrology")),
        ("specialties", json!([])),
        ("fee_fen", json!(-1)),
        ("year", json!(1999)),
        ("name", json!("  ")),
        ("acceptor_ids", json!([city])),
        ("affiliation_ids", json!([])),
        (
            "attachments",
            json!([{"name": "", "required": true, "types": []}]),
        ),
        ("rules", json!({"assessments": {"years": 0}})),
    ];
    for (field, value) in cases {
        let mut bad = b.clone();
        bad[field] = value;
        let p = problem(
            hrss.post("/api/v1/plans", bad).await,
            422,
            "validation_failed",
        )
        .await;
        assert!(
            p["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"].as_str().unwrap().starts_with(field)),
            "{field}: {p}"
        );
    }
    // a level the series does not have
    let mut bad = b.clone();
    bad["series"] = json!("university_teacher");
    bad["level"] = json!("junior");
    let p = problem(
        hrss.post("/api/v1/plans", bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "level");
    // 认定 plans are accepted by departments, not committees
    let mut bad = b.clone();
    bad["plan_type"] = json!("recognition");
    problem(
        hrss.post("/api/v1/plans", bad).await,
        422,
        "validation_failed",
    )
    .await;
    // unknown fields and enum values are refused by the types
    let mut bad = b.clone();
    bad["level"] = json!("master");
    problem(hrss.post("/api/v1/plans", bad).await, 422, "invalid_field").await;
    assert_eq!(app.count("plans").await, before);
    assert_eq!(app.count("plan_affiliations").await, before);

    // an update that fails validation changes nothing either
    let id = create(&hrss, &b).await;
    let mut bad = b.clone();
    bad["closes_at"] = json!(at(-5));
    problem(
        hrss.put(&format!("/api/v1/plans/{id}"), bad).await,
        422,
        "validation_failed",
    )
    .await;
    let plan = json_of(hrss.get(&format!("/api/v1/plans/{id}")).await, 200).await;
    assert_eq!(
        plan["closes_at"].as_str().unwrap()[..10],
        b["closes_at"].as_str().unwrap()[..10]
    );

    // a window that has passed cannot be published
    let mut past = b.clone();
    past["opens_at"] = json!(at(-20));
    past["closes_at"] = json!(at(-10));
    let stale = create(&hrss, &past).await;
    problem(
        hrss.post(&format!("/api/v1/plans/{stale}/publish"), json!({}))
            .await,
        422,
        "validation_failed",
    )
    .await;
});

dual!(applicant_open_plans, |app| {
    let hrss = app.staff("nb_hrss").await;
    let me = app.individual().await;
    let demo = open_ids(&me, "").await;
    assert_eq!(demo.len(), 2, "the two demo plans");
    let b = body(&app).await;

    // published and open now: listed; a draft, a future window, a closed plan, and a plan
    // for another subtree are not
    let open = create(&hrss, &b).await;
    let draft = create(&hrss, &b).await;
    let mut later = b.clone();
    later["opens_at"] = json!(at(5));
    let future = create(&hrss, &later).await;
    let closed = create(&hrss, &b).await;
    // another competent department of the city
    let admin = app.admin().await;
    let city = app.unit_id(CITY_HRSS).await;
    let traffic = json_of(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "宁波市交通运输局", "kind": "competent", "parent_id": city}),
            )
            .await,
        201,
    )
    .await;
    let mut elsewhere = b.clone();
    elsewhere["affiliation_ids"] = json!([traffic["id"]]);
    let other = create(&hrss, &elsewhere).await;
    for id in [&open, &future, &closed, &other] {
        json_of(
            hrss.post(&format!("/api/v1/plans/{id}/publish"), json!({}))
                .await,
            200,
        )
        .await;
    }
    json_of(
        hrss.post(&format!("/api/v1/plans/{closed}/close"), json!({}))
            .await,
        200,
    )
    .await;

    let ids = open_ids(&me, "").await;
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&open));
    for id in [&draft, &future, &closed, &other] {
        assert!(!ids.contains(id));
    }
    // filters
    assert_eq!(open_ids(&me, "?plan_type=recognition").await.len(), 1);
    assert_eq!(open_ids(&me, "?plan_type=review").await.len(), 2);
    assert_eq!(open_ids(&me, "?series=health").await.len(), 0);
    let water = app.unit_id(WATER).await;
    assert_eq!(
        open_ids(&me, &format!("?affiliation_id={water}"))
            .await
            .len(),
        3
    );
    assert_eq!(
        open_ids(&me, &format!("?affiliation_id={city}"))
            .await
            .len(),
        0
    );
    assert_eq!(open_ids(&me, "?q=认定").await.len(), 1);
    let page = json_of(me.get("/api/v1/plans/open?per_page=1&page=2").await, 200).await;
    assert_eq!(
        (
            page["total"].as_u64(),
            page["items"].as_array().unwrap().len()
        ),
        (Some(3), 1)
    );

    // detail: published or closed plans open to the employer; never a draft or another subtree
    let plan = json_of(me.get(&format!("/api/v1/plans/{open}")).await, 200).await;
    assert_eq!(plan["rules"]["current_title"]["min_years_held"], 5);
    json_of(me.get(&format!("/api/v1/plans/{closed}")).await, 200).await;
    for id in [&draft, &other] {
        problem(
            me.get(&format!("/api/v1/plans/{id}")).await,
            404,
            "not_found",
        )
        .await;
    }

    // someone without an employer is told to bind one
    let unbound = registered(&app, 72).await;
    problem(
        unbound.get("/api/v1/plans/open").await,
        422,
        "employer_not_bound",
    )
    .await;
    problem(hrss.get("/api/v1/plans/open").await, 403, "forbidden").await;
});

dual!(plan_publish_and_close_races, |app| {
    let hrss = app.staff("nb_hrss").await;
    let b = body(&app).await;
    let id = create(&hrss, &b).await;
    for action in ["publish", "close"] {
        let path = format!("/api/v1/plans/{id}/{action}");
        let answers = join_all((0..8).map(|_| hrss.post(&path, json!({})))).await;
        let mut ok = 0;
        for res in answers {
            match res.status().as_u16() {
                200 => ok += 1,
                409 => {
                    problem(res, 409, "plan_locked").await;
                }
                other => panic!("{action}: unexpected {other}"),
            }
        }
        assert_eq!(ok, 1, "{action}: exactly one wins");
    }
    let plan = json_of(hrss.get(&format!("/api/v1/plans/{id}")).await, 200).await;
    assert_eq!(plan["status"], "closed");
});
