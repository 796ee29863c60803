//! 资格审查 — the review chain on SQLite and PostgreSQL: a 评审 declaration from the employer
//! (pass with the unit declaration, publicity, 资格审查推荐) through 宁波市水利局 and 宁波市人社局
//! to the committee office's 受理; a 认定 declaration ending with the accepting department's
//! approval; the return loop; scoping; bad input that writes nothing; stale decisions; 收费设定;
//! self-review.
//!
//! The builders at the top are shared with `reviews_races`.
use reqwest::Response;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::actors::{Actor, Kind};
use crate::declarations::{attachment_path, decl, json_of};
use crate::fixtures::PDF;
use crate::fixtures::declarations::{RECOGNITION, REVIEW, submit_now, submitted};
use crate::fixtures::team;
use crate::helpers::*;

pub const WATER: &str = "宁波市水利局";
pub const CITY: &str = "宁波市人力资源和社会保障局";
pub const COMMITTEE: &str = "宁波市水利工程技术人员高级专业技术职务任职资格评审委员会";
pub const UNIT_DECLARATION: &str = "本单位声明：申报人员无违法乱纪、无重大工作失误，所报评审材料真实可靠，经审核属实。如有失实，愿承担相应责任。";

// ---- requests ----

pub fn review(id: &str) -> String {
    format!("/api/v1/reviews/{id}")
}

/// `GET /reviews?{query}` (asserting 200).
pub async fn list(me: &Actor, query: &str) -> Value {
    json_of(me.get(&format!("/api/v1/reviews?{query}")).await, 200).await
}

/// The ids on a list page.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["declaration_id"].as_str().unwrap().to_owned())
        .collect()
}

/// `GET /reviews/{id}` (asserting 200).
pub async fn detail(me: &Actor, id: &str) -> Value {
    json_of(me.get(&review(id)).await, 200).await
}

/// The version `me`'s unit sees.
pub async fn seen(me: &Actor, id: &str) -> i64 {
    detail(me, id).await["item"]["version"].as_i64().unwrap()
}

pub async fn decide(me: &Actor, id: &str, body: Value) -> Response {
    me.post(&format!("{}/decision", review(id)), body).await
}

/// Passes `id` at the version `me` sees (asserting 200); returns the detail.
pub async fn pass(me: &Actor, id: &str) -> Value {
    let v = seen(me, id).await;
    json_of(
        decide(me, id, json!({"decision": "pass", "version": v})).await,
        200,
    )
    .await
}

/// `POST /reviews/recommend` of `ids` at the versions `me` sees (asserting 200).
pub async fn recommend(me: &Actor, ids: &[&str]) -> Value {
    let mut items = Vec::new();
    for id in ids {
        items.push(json!({"declaration_id": id, "version": seen(me, id).await}));
    }
    json_of(
        me.post("/api/v1/reviews/recommend", json!({ "items": items }))
            .await,
        200,
    )
    .await
}

/// Recommends `id` and asserts it now waits at `next`.
pub async fn recommend_to(me: &Actor, id: &str, next: &str) {
    let out = recommend(me, &[id]).await;
    assert_eq!(out["succeeded"], 1, "{out}");
    assert_eq!(out["items"][0]["status"], "in_review");
    assert_eq!(out["items"][0]["holder"]["id"], next, "{out}");
}

/// A publicity of `ids` that ended without objection: 2026-11-02 (Monday) to 2026-11-06,
/// five working days.
pub async fn publicize(employer: &Actor, ids: &[&str]) -> Value {
    let mut items = Vec::new();
    for id in ids {
        items.push(json!({"declaration_id": id, "version": seen(employer, id).await}));
    }
    let p = json_of(
        employer
            .post(
                "/api/v1/reviews/publicities",
                json!({"items": items, "starts_on": "2026-11-02", "ends_on": "2026-11-06",
                       "method": "单位公告栏", "outcome": "no_objection"}),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(p["working_days"], 5, "{p}");
    assert_eq!(p["ended"], true);
    p
}

/// The employer passes, publicises and recommends `id` (to 宁波市水利局).
pub async fn through_employer(app: &TestApp, employer: &Actor, id: &str) {
    pass(employer, id).await;
    publicize(employer, &[id]).await;
    recommend_to(employer, id, &app.unit_id(WATER).await).await;
}

/// The phone the applicant `me` registered with.
pub async fn phone_of(app: &TestApp, me: &Actor) -> String {
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "SELECT phone FROM accounts WHERE id_number = '{}'",
                me.login()
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<String>("", "phone").unwrap()
}

/// The titles of `me`'s notifications.
pub async fn notification_titles(me: &Actor) -> Vec<String> {
    let page = json_of(me.get("/api/v1/notifications?per_page=100").await, 200).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect()
}

/// The 审查日志 as (action, from, to) lines.
pub fn log_lines(detail: &Value) -> Vec<(String, Value, Value)> {
    detail["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] != "created" && e["action"] != "guarantee_signed")
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["from_status"].clone(),
                e["to_status"].clone(),
            )
        })
        .collect()
}

fn line(action: &str, from: Option<&str>, to: Option<&str>) -> (String, Value, Value) {
    (action.to_owned(), json!(from), json!(to))
}

/// The applicant's stage of `id`.
pub async fn stage(me: &Actor, id: &str) -> Value {
    json_of(me.get(&decl(id)).await, 200).await["stage"].clone()
}

pub async fn events(app: &TestApp) -> i64 {
    app.count("declaration_events").await
}

// ---- tests ----

dual!(review_chain_end_to_end, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    let water = app.unit_id(WATER).await;
    let city = app.unit_id(CITY).await;
    let committee = app.unit_id(COMMITTEE).await;
    let phone = phone_of(&app, me).await;
    let sms_before = app.sms_to(&phone).await.len();
    let id = submitted(&app, me, REVIEW).await;

    // the employer's 待审查
    let page = list(employer, "kind=review&tab=pending").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(page["counts"]["pending"], 1);
    assert_eq!(page["total"], 1);
    let d = detail(employer, &id).await;
    assert_eq!(d["actions"]["pass"], true);
    assert_eq!(d["actions"]["recommend"], false);
    assert_eq!(d["actions"]["pass_label"], "通过");
    assert_eq!(d["actions"]["default_opinion"], UNIT_DECLARATION);
    assert!(d["view"]["sections"].is_array(), "{}", d["view"]);
    let since_submitted = stage(me, &id).await["since"].clone();

    // 通过 without an opinion: the unit declaration
    let d = pass(employer, &id).await;
    assert_eq!(d["item"]["state"], "passed");
    assert_eq!(d["item"]["opinion"], UNIT_DECLARATION);
    assert_eq!(d["item"]["can_recommend"], false);
    assert!(d["item"]["recommend_blocker"].is_string());
    let s = stage(me, &id).await;
    assert_eq!(s["status"], "passed");
    assert_eq!(s["holder"]["id"], employer.unit_id.as_str());
    assert_eq!(s["since"], since_submitted, "a pass does not move it");

    // not before the publicity
    let out = recommend(employer, &[&id]).await;
    assert_eq!(out["failed"], 1);
    assert_eq!(out["items"][0]["ok"], false);
    assert_eq!(out["items"][0]["code"], "publicity_required");
    assert_eq!(stage(me, &id).await["status"], "passed");

    publicize(employer, &[&id]).await;
    let page = list(employer, "tab=awaiting").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(page["items"][0]["can_recommend"], true, "{page}");
    assert_eq!(page["items"][0]["publicity"]["working_days"], 5);

    // 资格审查推荐 → 宁波市水利局
    let slj = app.staff("nb_slj").await;
    assert_eq!(list(&slj, "tab=pending").await["counts"]["pending"], 0);
    recommend_to(employer, &id, &water).await;
    let s = stage(me, &id).await;
    assert_eq!(s["status"], "in_review");
    assert_eq!(s["holder"]["id"], water.as_str());
    let mut since = s["since"].as_str().unwrap().to_owned();
    assert!(since.as_str() > since_submitted.as_str().unwrap());
    let page = list(employer, "tab=passed").await;
    assert_eq!(page["items"][0]["state"], "recommended");
    assert_eq!(page["counts"]["passed"], 1);
    assert_eq!(page["counts"]["awaiting"], 0);
    assert_eq!(page["counts"]["pending"], 0);

    // each department: 待审查 → 审查通过 → 审核推荐
    for (who, here, next) in [("nb_slj", &water, &city), ("nb_hrss", &city, &committee)] {
        let dept = app.staff(who).await;
        let page = list(&dept, "tab=pending").await;
        assert_eq!(ids(&page), std::slice::from_ref(&id), "{who}");
        assert_eq!(page["counts"]["pending"], 1, "{who}");
        let d = detail(&dept, &id).await;
        assert_eq!(d["actions"]["pass_label"], "审查通过");
        assert_eq!(d["actions"]["default_opinion"], Value::Null);
        let d = pass(&dept, &id).await;
        assert_eq!(d["item"]["state"], "passed");
        assert_eq!(
            d["item"]["can_recommend"], true,
            "no publicity above the employer"
        );
        let s = stage(me, &id).await;
        assert_eq!(
            (s["status"].as_str(), s["holder"]["id"].as_str()),
            (Some("passed"), Some(here.as_str()))
        );
        recommend_to(&dept, &id, next).await;
        let s = stage(me, &id).await;
        assert_eq!(s["status"], "in_review");
        assert_eq!(s["holder"]["id"], next.as_str());
        assert!(s["since"].as_str().unwrap() > since.as_str(), "{who}");
        since = s["since"].as_str().unwrap().to_owned();
        let page = list(&dept, "tab=all").await;
        assert_eq!(page["counts"]["pending"], 0);
        assert_eq!(page["counts"]["passed"], 1);
        assert_eq!(page["items"][0]["state"], "recommended");
    }

    // the committee office: 受理
    let office = app.staff("nb_committee").await;
    let d = detail(&office, &id).await;
    assert_eq!(d["actions"]["pass_label"], "受理");
    let d = pass(&office, &id).await;
    // the last unit's pass is a state of its own: counted in 审查通过, never offered to recommend
    assert_eq!(d["item"]["state"], "accepted");
    assert_eq!(d["actions"]["pass"], false);
    assert_eq!(d["actions"]["recommend"], false);
    let s = stage(me, &id).await;
    assert_eq!(s["status"], "accepted");
    assert_eq!(s["holder"]["id"], committee.as_str());
    let mine = json_of(me.get(&decl(&id)).await, 200).await;
    assert_eq!(mine["open_return"], Value::Null);

    // the 审查日志, from → to at each step
    assert_eq!(
        log_lines(&d),
        [
            line("submitted", Some("draft"), Some("submitted")),
            line("passed", Some("submitted"), Some("passed")),
            line("publicity_recorded", None, None),
            line("recommended", Some("passed"), Some("in_review")),
            line("passed", Some("in_review"), Some("passed")),
            line("recommended", Some("passed"), Some("in_review")),
            line("passed", Some("in_review"), Some("passed")),
            line("recommended", Some("passed"), Some("in_review")),
            line("accepted", Some("in_review"), Some("accepted")),
        ]
    );
    let last = d["log"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["unit"]["id"], committee.as_str());
    assert!(last["actor"].is_string());
    // the applicant's timeline is the same log
    assert_eq!(log_lines(&json!({"log": mine["timeline"]})), log_lines(&d));

    // an in-app notice for every decision and hop; an SMS only for the final pass
    let titles = notification_titles(me).await;
    let n = |t: &str| titles.iter().filter(|x| x.as_str() == t).count();
    assert_eq!(n("申报审查通过"), 3, "{titles:?}");
    assert_eq!(n("申报已推荐上一级"), 3, "{titles:?}");
    assert_eq!(n("申报已受理"), 1, "{titles:?}");
    let sms = app.sms_to(&phone).await;
    assert_eq!(sms.len(), sms_before + 1, "{sms:?}");
    assert!(sms.iter().any(|t| t.contains("受理")), "{sms:?}");

    // everyone on the way can still read it, nobody can act
    for who in ["nb_slj", "nb_hrss", "nb_committee"] {
        let dept = app.staff(who).await;
        let d = detail(&dept, &id).await;
        assert_eq!(d["actions"]["pass"], false, "{who}");
        assert_eq!(d["actions"]["fail"], false, "{who}");
        assert_eq!(d["actions"]["return"], false, "{who}");
    }
    let d = detail(employer, &id).await;
    assert_eq!(d["actions"]["pass"], false);
});

dual!(recognition_ends_with_the_accepting_department, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    let city = app.unit_id(CITY).await;
    let phone = phone_of(&app, me).await;
    let id = submitted(&app, me, RECOGNITION).await;

    // the employer's 认定资格审查, not its 评审资格审查
    assert_eq!(list(employer, "kind=review").await["counts"]["pending"], 0);
    let page = list(employer, "kind=recognition").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(page["items"][0]["acceptor"]["id"], city.as_str());
    let filtered = list(employer, &format!("kind=recognition&acceptor_id={city}")).await;
    assert_eq!(filtered["counts"]["pending"], 1);

    through_employer(&app, employer, &id).await;
    let slj = app.staff("nb_slj").await;
    assert_eq!(detail(&slj, &id).await["actions"]["pass_label"], "审查通过");
    pass(&slj, &id).await;
    recommend_to(&slj, &id, &city).await;

    let hrss = app.staff("nb_hrss").await;
    let page = list(&hrss, "kind=recognition&tab=pending").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(
        detail(&hrss, &id).await["actions"]["pass_label"],
        "认定通过"
    );
    let d = pass(&hrss, &id).await;
    assert_eq!(d["actions"]["recommend"], false);
    let s = stage(me, &id).await;
    assert_eq!(s["status"], "approved");
    assert_eq!(s["holder"]["id"], city.as_str());
    assert_eq!(
        log_lines(&d).last().unwrap(),
        &line("approved", Some("in_review"), Some("approved"))
    );
    let sms = app.sms_to(&phone).await;
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert!(sms[0].contains("认定"), "{sms:?}");
    // nothing is left to do anywhere
    let out = recommend(&hrss, &[&id]).await;
    assert_eq!(out["items"][0]["ok"], false);
});

dual!(
    a_return_goes_back_to_the_applicant_and_starts_again_at_the_employer,
    |app| {
        let team = team::approved(&app, 1).await;
        let me = &team.staff[0].actor;
        let employer = &team.employer;
        let phone = phone_of(&app, me).await;
        let id = submitted(&app, me, REVIEW).await;
        through_employer(&app, employer, &id).await;
        let slj = app.staff("nb_slj").await;

        // every item at once, each naming a section or an attachment of section 18
        let v = seen(&slj, &id).await;
        let d = json_of(
        decide(
            &slj,
            &id,
            json!({"decision": "return", "version": v, "opinion": "请按以下意见修改",
                   "items": [{"section": 1, "comment": "出生日期与身份证不一致"},
                             {"section": 18, "attachment": 0, "comment": "推荐表未盖章，请重新上传"}]}),
        )
        .await,
        200,
    )
    .await;
        assert_eq!(d["item"]["state"], "returned");
        assert_eq!(d["returns"].as_array().unwrap().len(), 1);
        assert_eq!(d["actions"]["pass"], false);
        let s = stage(me, &id).await;
        assert_eq!(s["status"], "returned");
        assert_eq!(s["holder"], Value::Null);

        // the applicant sees what to fix, with titles
        let mine = json_of(me.get(&decl(&id)).await, 200).await;
        let ret = &mine["open_return"];
        assert_eq!(ret["unit"]["name"], WATER, "{mine}");
        assert_eq!(ret["comment"], "请按以下意见修改");
        assert_eq!(ret["items"][0]["title"], "1. 基本信息");
        assert_eq!(ret["items"][0]["comment"], "出生日期与身份证不一致");
        assert_eq!(
            ret["items"][1]["title"],
            "18. 申报材料附件信息 · 单位推荐意见表"
        );
        assert_eq!(mine["actions"]["edit"], true, "{}", mine["actions"]);
        assert_eq!(mine["actions"]["withdraw"], false);
        assert_eq!(mine["actions"]["delete"], false);
        let titles = notification_titles(me).await;
        assert!(titles.iter().any(|t| t == "申报被退回修改"), "{titles:?}");
        let sms = app.sms_to(&phone).await;
        assert_eq!(sms.len(), 1, "{sms:?}");
        assert!(sms[0].contains("退回"));

        // the department's 退回记录
        let page = list(&slj, "tab=returned").await;
        assert_eq!(ids(&page), std::slice::from_ref(&id));
        assert_eq!(page["total"], 1);
        assert_eq!(
            page["items"][0]["return_record"]["items"][1]["attachment"],
            0
        );
        assert_eq!(page["counts"]["returned"], 1);
        assert_eq!(page["counts"]["pending"], 0);
        assert_eq!(page["counts"]["all"], 0);
        // it can read it, not act on it
        let v = seen(&slj, &id).await;
        let res = decide(&slj, &id, json!({"decision": "pass", "version": v})).await;
        assert_eq!(res.status(), 409);

        // edit (a new attachment) and resubmit: pending at the employer again
        json_of(
            me.upload(&attachment_path(&id, 0), "推荐表（盖章）.pdf", PDF.to_vec())
                .await,
            201,
        )
        .await;
        let d = submit_now(me, &id).await;
        assert_eq!(d["stage"]["status"], "submitted");
        assert_eq!(d["stage"]["holder"]["id"], employer.unit_id.as_str());
        assert_eq!(d["open_return"], Value::Null);
        let page = list(employer, "tab=pending").await;
        assert_eq!(ids(&page), std::slice::from_ref(&id));
        assert_eq!(page["counts"]["pending"], 1);
        assert_eq!(page["counts"]["passed"], 0);
        assert_eq!(page["counts"]["all"], 1);
        let d = detail(employer, &id).await;
        assert_eq!(d["actions"]["pass"], true);
        assert_eq!(
            d["item"]["publicity"],
            Value::Null,
            "a new publicity is needed"
        );
        assert_eq!(
            log_lines(&d)[4..],
            [
                line("returned", Some("in_review"), Some("returned")),
                line("submitted", Some("returned"), Some("submitted")),
            ]
        );
        // the returns are kept
        assert_eq!(d["returns"].as_array().unwrap().len(), 1);
        // and the department still lists its return
        let page = list(&slj, "tab=returned").await;
        assert_eq!(page["counts"]["returned"], 1);
        assert_eq!(ids(&page), std::slice::from_ref(&id));

        // the second time round: the employer passes, publicises, recommends; 水利局 has it again
        through_employer(&app, employer, &id).await;
        let page = list(&slj, "tab=pending").await;
        assert_eq!(ids(&page), std::slice::from_ref(&id));
        assert_eq!(page["counts"]["pending"], 1);
        assert_eq!(page["counts"]["returned"], 1);
    }
);

dual!(only_units_on_the_route_see_or_decide, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    let id = submitted(&app, me, REVIEW).await;
    let v = seen(employer, &id).await;
    let pass_body = json!({"decision": "pass", "version": v});

    // roles that do not review
    let admin = app.admin().await;
    let expert = app.staff("nb_expert").await;
    for who in [me, &admin, &expert] {
        problem(who.get("/api/v1/reviews").await, 403, "forbidden").await;
        problem(who.get(&review(&id)).await, 403, "forbidden").await;
        problem(decide(who, &id, pass_body.clone()).await, 403, "forbidden").await;
        problem(
            who.post(
                "/api/v1/reviews/recommend",
                json!({"items": [{"declaration_id": id, "version": v}]}),
            )
            .await,
            403,
            "forbidden",
        )
        .await;
    }
    // the individual still reads it as the applicant
    json_of(me.get(&decl(&id)).await, 200).await;

    // another employer, a department outside the branch, a level the declaration has not reached
    let other = crate::fixtures::employer::fresh_approved(&app, 81, "宁波市水文站设计所").await;
    let city = app.unit_id(CITY).await;
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
    json_of(
        admin
            .post(
                "/api/v1/staff-accounts",
                json!({"username": "jt_li", "name": "李交通", "phone": "13800000031", "role": "competent",
                       "org_unit_id": traffic["id"], "password": PW}),
            )
            .await,
        201,
    )
    .await;
    let outsider = app.log_in(Kind::Staff, "jt_li", PW).await;
    let slj = app.staff("nb_slj").await;
    let hrss = app.staff("nb_hrss").await;
    for who in [&other.actor, &outsider, &slj, &hrss] {
        problem(who.get(&review(&id)).await, 404, "not_found").await;
        problem(decide(who, &id, pass_body.clone()).await, 404, "not_found").await;
        assert_eq!(list(who, "tab=all").await["total"], 0);
        let out = json_of(
            who.post(
                "/api/v1/reviews/recommend",
                json!({"items": [{"declaration_id": id, "version": v}]}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(out["items"][0]["code"], "not_found");
    }
    assert_eq!(stage(me, &id).await["status"], "submitted");

    // once recommended: the employer reads, but no longer decides
    through_employer(&app, employer, &id).await;
    let d = detail(employer, &id).await;
    assert_eq!(d["actions"]["pass"], false);
    assert_eq!(d["actions"]["return"], false);
    // the applicant's own view is not the reviewers'
    problem(employer.get(&decl(&id)).await, 403, "forbidden").await;
    let v = seen(employer, &id).await;
    for decision in [
        json!({"decision": "pass", "version": v}),
        json!({"decision": "fail", "version": v, "opinion": "材料不实"}),
    ] {
        let p = problem(
            decide(employer, &id, decision).await,
            409,
            "version_conflict",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains(WATER), "{p}");
    }
    assert_eq!(
        stage(me, &id).await["holder"]["id"],
        app.unit_id(WATER).await.as_str()
    );
    // and 水利局 now sees it
    json_of(slj.get(&review(&id)).await, 200).await;
});

dual!(bad_decisions_and_publicities_write_nothing, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    let id = submitted(&app, me, REVIEW).await;
    let v = seen(employer, &id).await;
    let before = events(&app).await;

    // 不通过 needs a reason
    for opinion in [json!(null), json!("   ")] {
        let p = problem(
            decide(
                employer,
                &id,
                json!({"decision": "fail", "version": v, "opinion": opinion}),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "opinion");
    }
    // 退回 needs items, each naming a section 1–18 (and an attachment the plan asks for)
    let p = problem(
        decide(
            employer,
            &id,
            json!({"decision": "return", "version": v, "items": []}),
        )
        .await,
        422,
        "return_items_required",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "items");
    for (item, field) in [
        (json!({"section": 19, "comment": "x"}), "items[0].section"),
        (json!({"section": 0, "comment": "x"}), "items[0].section"),
        (
            json!({"section": 18, "attachment": 2, "comment": "x"}),
            "items[0].section",
        ),
        (
            json!({"section": 18, "attachment": -1, "comment": "x"}),
            "items[0].section",
        ),
        (
            json!({"section": 3, "attachment": 0, "comment": "x"}),
            "items[0].section",
        ),
        (json!({"section": 3, "comment": " "}), "items[0].comment"),
    ] {
        let p = problem(
            decide(
                employer,
                &id,
                json!({"decision": "return", "version": v, "items": [item]}),
            )
            .await,
            422,
            "return_items_required",
        )
        .await;
        assert!(
            p["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == field),
            "{p}"
        );
    }
    // items only with a return
    problem(
        decide(
            employer,
            &id,
            json!({"decision": "pass", "version": v, "items": [{"section": 1, "comment": "x"}]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    // unknown decision
    let res = decide(employer, &id, json!({"decision": "approve", "version": v})).await;
    assert!(res.status().is_client_error());
    assert_eq!(events(&app).await, before);
    assert_eq!(app.count("declaration_returns").await, 0);
    assert_eq!(seen(employer, &id).await, v);
    assert_eq!(list(employer, "tab=pending").await["counts"]["pending"], 1);

    // publicity: at least 5 working days on the official calendar
    pass(employer, &id).await;
    let v = seen(employer, &id).await;
    let publicity = |starts: &str, ends: &str| {
        json!({"items": [{"declaration_id": id, "version": v}], "starts_on": starts,
               "ends_on": ends, "method": "单位公告栏"})
    };
    // 2026 National Day: 10-01..10-07 off, Saturday 10-10 worked → 09-30..10-09 has 3
    let p = problem(
        employer
            .post(
                "/api/v1/reviews/publicities",
                publicity("2026-09-30", "2026-10-09"),
            )
            .await,
        422,
        "publicity_too_short",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "ends_on");
    assert!(p["detail"].as_str().unwrap().contains("3 个工作日"), "{p}");
    let p = problem(
        employer
            .post(
                "/api/v1/reviews/publicities",
                publicity("2026-09-30", "2026-10-10"),
            )
            .await,
        422,
        "publicity_too_short",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("4 个工作日"), "{p}");
    // a calendar year not known yet is refused, never guessed
    problem(
        employer
            .post(
                "/api/v1/reviews/publicities",
                publicity("2026-12-28", "2027-01-08"),
            )
            .await,
        422,
        "calendar_unknown",
    )
    .await;
    // ends before it starts; no method
    problem(
        employer
            .post(
                "/api/v1/reviews/publicities",
                publicity("2026-11-10", "2026-11-02"),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    let mut no_method = publicity("2026-11-02", "2026-11-06");
    no_method["method"] = json!(" ");
    problem(
        employer
            .post("/api/v1/reviews/publicities", no_method)
            .await,
        422,
        "validation_failed",
    )
    .await;
    // only other people's declarations: nothing recorded
    assert_eq!(app.count("publicities").await, 0);

    // 09-29..10-10 has 5 (with the Saturday worked); no outcome yet → recommending waits
    let p = json_of(
        employer
            .post(
                "/api/v1/reviews/publicities",
                publicity("2026-09-29", "2026-10-10"),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(p["working_days"], 5);
    assert_eq!(p["outcome"], Value::Null);
    let out = recommend(employer, &[&id]).await;
    assert_eq!(out["items"][0]["code"], "publicity_required", "{out}");
    // an objection blocks it too
    let pid = p["id"].as_str().unwrap();
    json_of(
        employer
            .put(
                &format!("/api/v1/reviews/publicities/{pid}/outcome"),
                json!({"outcome": "objection"}),
            )
            .await,
        200,
    )
    .await;
    let out = recommend(employer, &[&id]).await;
    assert_eq!(out["items"][0]["code"], "publicity_required", "{out}");
    json_of(
        employer
            .put(
                &format!("/api/v1/reviews/publicities/{pid}/outcome"),
                json!({"outcome": "no_objection"}),
            )
            .await,
        200,
    )
    .await;
    let out = recommend(employer, &[&id]).await;
    assert_eq!(out["items"][0]["ok"], true, "{out}");
    // other employers cannot touch it
    let other = crate::fixtures::employer::fresh_approved(&app, 82, "宁波市水文站设计所").await;
    problem(
        other
            .put(
                &format!("/api/v1/reviews/publicities/{pid}/outcome"),
                json!({"outcome": "objection"}),
            )
            .await,
        404,
        "not_found",
    )
    .await;
});

dual!(a_stale_decision_names_who_acted_first, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let first = &team.employer;
    let second = app.employer().await;
    let id = submitted(&app, me, REVIEW).await;
    let v = seen(&second, &id).await;
    pass(first, &id).await;
    let p = problem(
        decide(
            &second,
            &id,
            json!({"decision": "fail", "version": v, "opinion": "不符合条件"}),
        )
        .await,
        409,
        "version_conflict",
    )
    .await;
    let d = detail(&second, &id).await;
    let last = d["log"].as_array().unwrap().last().unwrap().clone();
    let who = last["actor"].as_str().unwrap();
    let detail_text = p["detail"].as_str().unwrap();
    assert!(detail_text.contains(who), "{p} should name {who}");
    assert!(detail_text.contains("通过"), "{p}");
    assert_eq!(d["item"]["state"], "passed");
    // with the fresh version it goes through (a passed declaration may still be failed)
    let v = d["item"]["version"].clone();
    let d = json_of(
        decide(
            &second,
            &id,
            json!({"decision": "fail", "version": v, "opinion": "不符合条件"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(d["item"]["state"], "failed");
    assert_eq!(d["item"]["opinion"], "不符合条件");
    assert_eq!(stage(me, &id).await["status"], "failed");
    let page = list(first, "tab=failed").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(page["counts"]["failed"], 1);
    assert_eq!(page["counts"]["passed"], 0);
    // final: an SMS, and nothing more to do
    let phone = phone_of(&app, me).await;
    let sms = app.sms_to(&phone).await;
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert!(sms[0].contains("未通过"), "{sms:?}");
    let v = seen(first, &id).await;
    problem(
        decide(first, &id, json!({"decision": "pass", "version": v})).await,
        409,
        "version_conflict",
    )
    .await;
});

dual!(a_department_that_charges_nothing_waives_the_fee, |app| {
    let team = team::approved(&app, 2).await;
    let employer = &team.employer;
    let slj = app.staff("nb_slj").await;
    let fees = json_of(slj.get("/api/v1/reviews/fee-settings").await, 200).await;
    let plan = crate::fixtures::declarations::demo_plan(&team.staff[0].actor, REVIEW).await;
    let row = fees["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["plan"]["id"] == plan.as_str())
        .unwrap_or_else(|| panic!("{fees}"))
        .clone();
    assert_eq!(row["charge"], true, "charging is the default");
    // employers and individuals have no fee settings
    problem(
        employer.get("/api/v1/reviews/fee-settings").await,
        403,
        "forbidden",
    )
    .await;
    problem(
        employer
            .put(
                &format!("/api/v1/reviews/fee-settings/{plan}"),
                json!({"charge": false}),
            )
            .await,
        403,
        "forbidden",
    )
    .await;

    // one declaration passed while 水利局 charges, one after it stopped
    let a = submitted(&app, &team.staff[0].actor, REVIEW).await;
    let b = submitted(&app, &team.staff[1].actor, REVIEW).await;
    for id in [&a, &b] {
        through_employer(&app, employer, id).await;
    }
    pass(&slj, &a).await;
    let set = json_of(
        slj.put(
            &format!("/api/v1/reviews/fee-settings/{plan}"),
            json!({"charge": false}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(set["charge"], false);
    let fees = json_of(slj.get("/api/v1/reviews/fee-settings").await, 200).await;
    assert!(
        fees["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["plan"]["id"] == plan.as_str() && f["charge"] == false)
    );
    let d = pass(&slj, &b).await;
    assert_eq!(d["item"]["fee_waived"], true, "{}", d["item"]);
    assert_eq!(detail(&slj, &a).await["item"]["fee_waived"], false);
    // the waiver stays with the declaration up the chain
    let out = recommend(&slj, &[&a, &b]).await;
    assert_eq!(out["succeeded"], 2, "{out}");
    let page = list(&app.staff("nb_hrss").await, "tab=pending").await;
    let waived: Vec<(String, bool)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["declaration_id"].as_str().unwrap().to_owned(),
                i["fee_waived"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(
        waived.contains(&(a.clone(), false)) && waived.contains(&(b.clone(), true)),
        "{waived:?}"
    );
});

dual!(withdrawing_a_resubmission_goes_back_to_returned, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    let id = submitted(&app, me, REVIEW).await;
    let v = seen(employer, &id).await;
    json_of(
        decide(
            employer,
            &id,
            json!({"decision": "return", "version": v, "items": [{"section": 18, "attachment": 0, "comment": "请重新上传"}]}),
        )
        .await,
        200,
    )
    .await;
    submit_now(me, &id).await;

    // withdrawn before the employer looked again: back to returned, not to a deletable draft
    let d = json_of(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        200,
    )
    .await;
    assert_eq!(d["stage"]["status"], "returned", "{}", d["stage"]);
    assert_eq!(d["stage"]["holder"], Value::Null);
    assert_eq!(d["open_return"]["items"][0]["comment"], "请重新上传");
    assert_eq!(d["actions"]["delete"], false);
    assert_eq!(d["actions"]["edit"], true);
    problem(me.delete(&decl(&id)).await, 409, "declaration_locked").await;
    assert_eq!(app.count("declarations").await, 1);
    assert_eq!(
        log_lines(&json!({"log": d["timeline"]})).last().unwrap(),
        &line("withdrawn", Some("submitted"), Some("returned"))
    );

    // the employer keeps its 退回记录 and its counts stay exact
    let page = list(employer, "tab=returned").await;
    assert_eq!(ids(&page), std::slice::from_ref(&id));
    assert_eq!(page["counts"]["returned"], 1);
    assert_eq!(page["counts"]["pending"], 0);
    let before = page["counts"].clone();
    rebuild_review_counters(&app.db).await.unwrap();
    assert_eq!(list(employer, "tab=all").await["counts"], before);

    // and it can be submitted again
    let d = submit_now(me, &id).await;
    assert_eq!(d["stage"]["holder"]["id"], employer.unit_id.as_str());
    assert_eq!(list(employer, "tab=pending").await["counts"]["pending"], 1);

    // a first submission withdrawn is a draft again, off the employer's list
    let team2 = team::with_staff(&app, crate::fixtures::employer::approved(&app).await, 1).await;
    let other = &team2.staff[0].actor;
    let first = submitted(&app, other, REVIEW).await;
    let v = seen(employer, &first).await;
    let d = json_of(
        other
            .post(&format!("{}/withdraw", decl(&first)), json!({}))
            .await,
        200,
    )
    .await;
    assert_eq!(d["stage"]["status"], "draft");
    assert_eq!(list(employer, "tab=pending").await["counts"]["pending"], 1);
    // a reviewer who still had it open is told it was withdrawn
    let p = problem(
        decide(employer, &first, json!({"decision": "pass", "version": v})).await,
        409,
        "version_conflict",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("撤回"), "{p}");
    problem(employer.get(&review(&first)).await, 404, "not_found").await;
    // an employer that never had it still gets a 404
    let elsewhere = crate::fixtures::employer::fresh_approved(&app, 84, "宁波市水利测绘院").await;
    problem(
        decide(
            &elsewhere,
            &first,
            json!({"decision": "pass", "version": v}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
});

dual!(a_county_department_in_between_is_one_more_level, |app| {
    use crate::fixtures::employer::{decide_application, pending_applications, registered};
    // 宁波市水利局 → 奉化区水利局 (new) → a new employer
    let admin = app.admin().await;
    let water = app.unit_id(WATER).await;
    let county = json_of(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "宁波市奉化区水利局", "kind": "competent", "parent_id": water}),
            )
            .await,
        201,
    )
    .await;
    let county_id = county["id"].as_str().unwrap().to_owned();
    json_of(
        admin
            .post(
                "/api/v1/staff-accounts",
                json!({"username": "fh_slj", "name": "奉化审核", "phone": "13800000033", "role": "competent",
                       "org_unit_id": county_id, "password": PW}),
            )
            .await,
        201,
    )
    .await;
    let employer = registered(&app, 83, "宁波市奉化水利设计有限公司").await;
    json_of(
        employer
            .multipart(
                "/api/v1/employer/authorisation",
                &[("affiliation_id", county_id.clone())],
                Some(("委托证明.pdf", PDF.to_vec())),
            )
            .await,
        201,
    )
    .await;
    let hrss = app.staff("nb_hrss").await;
    let pending = pending_applications(&hrss, "authorisation").await;
    let application = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["credit_code"] == employer.credit_code.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        decide_application(&hrss, &application, "approve", None)
            .await
            .status(),
        200
    );
    let team = team::with_staff(&app, employer, 1).await;
    let me = &team.staff[0].actor;
    let id = submitted(&app, me, REVIEW).await;
    let employer = &team.employer;

    pass(employer, &id).await;
    publicize(employer, &[&id]).await;
    recommend_to(employer, &id, &county_id).await;
    // 水利局 does not see it before the county recommends it
    let slj = app.staff("nb_slj").await;
    problem(slj.get(&review(&id)).await, 404, "not_found").await;
    let fh = app.log_in(Kind::Staff, "fh_slj", PW).await;
    assert_eq!(
        ids(&list(&fh, "tab=pending").await),
        std::slice::from_ref(&id)
    );
    pass(&fh, &id).await;
    recommend_to(&fh, &id, &water).await;
    pass(&slj, &id).await;
    recommend_to(&slj, &id, &app.unit_id(CITY).await).await;
    pass(&hrss, &id).await;
    recommend_to(&hrss, &id, &app.unit_id(COMMITTEE).await).await;
    let d = pass(&app.staff("nb_committee").await, &id).await;
    assert_eq!(stage(me, &id).await["status"], "accepted");
    let hops: Vec<Value> = d["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "recommended")
        .map(|e| e["unit"]["name"].clone())
        .collect();
    assert_eq!(
        hops,
        [
            json!("宁波市奉化区水利局"),
            json!(WATER),
            json!(CITY),
            json!(COMMITTEE)
        ]
    );
});

dual!(
    changing_the_acceptor_while_returned_moves_the_declaration_between_filters,
    |app| {
        use crate::fixtures::declarations::draft_for;
        // a 认定 plan accepted by 宁波市人社局 or 宁波市水利局 (变更受理部门)
        let hrss = app.staff("nb_hrss").await;
        let water = app.unit_id(WATER).await;
        let city = app.unit_id(CITY).await;
        let now = chrono::Utc::now();
        let plan = json_of(
            hrss.post(
                "/api/v1/plans",
                json!({
                    "year": 2026,
                    "name": "关于2026年度工程师职称认定通知（受理部门测试）",
                    "plan_type": "recognition",
                    "series": "engineering",
                    "level": "intermediate",
                    "specialties": ["水利工程"],
                    "affiliation_ids": [water],
                    "acceptor_ids": [city, water],
                    "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
                    "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
                    "description": "认定计划说明",
                    "attachments": [{"name": "推荐表", "required": true, "types": ["pdf"]}],
                    "qualification": "具有硕士学位",
                    "rules": {},
                    "fee_fen": 0
                }),
            )
            .await,
            201,
        )
        .await;
        let plan = plan["id"].as_str().unwrap().to_owned();
        json_of(
            hrss.post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
                .await,
            200,
        )
        .await;
        let team = team::approved(&app, 1).await;
        let me = &team.staff[0].actor;
        let employer = &team.employer;
        let id = draft_for(&app, me, &plan, Some(&city)).await;
        submit_now(me, &id).await;
        let by = |a: &str| format!("kind=recognition&tab=all&acceptor_id={a}");
        assert_eq!(
            ids(&list(employer, &by(&city)).await),
            std::slice::from_ref(&id)
        );

        // returned; the applicant chooses 宁波市水利局 instead and resubmits
        let v = seen(employer, &id).await;
        json_of(
        decide(
            employer,
            &id,
            json!({"decision": "return", "version": v, "items": [{"section": 1, "comment": "请核对受理部门"}]}),
        )
        .await,
        200,
    )
    .await;
        json_of(
            me.put(
                &format!("{}/info", decl(&id)),
                crate::declarations::info_body(&water),
            )
            .await,
            200,
        )
        .await;
        submit_now(me, &id).await;
        let page = list(employer, &by(&water)).await;
        assert_eq!(
            ids(&page),
            std::slice::from_ref(&id),
            "filtered by the new acceptor"
        );
        assert_eq!(page["items"][0]["acceptor"]["id"], water.as_str());
        assert_eq!(page["counts"]["pending"], 1);
        assert_eq!(page["counts"]["returned"], 1);
        let old = list(employer, &by(&city)).await;
        assert_eq!(ids(&old), Vec::<String>::new());
        assert_eq!(old["counts"]["pending"], 0);
        assert_eq!(old["counts"]["returned"], 0);
        let before = (
            list(employer, &by(&water)).await["counts"].clone(),
            list(employer, &by(&city)).await["counts"].clone(),
        );
        rebuild_review_counters(&app.db).await.unwrap();
        let after = (
            list(employer, &by(&water)).await["counts"].clone(),
            list(employer, &by(&city)).await["counts"].clone(),
        );
        assert_eq!(before, after);

        // and the chain now ends at 宁波市水利局
        through_employer(&app, employer, &id).await;
        let slj = app.staff("nb_slj").await;
        assert_eq!(detail(&slj, &id).await["actions"]["pass_label"], "认定通过");
        pass(&slj, &id).await;
        assert_eq!(stage(me, &id).await["status"], "approved");
    }
);
