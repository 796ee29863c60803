//! The review chain under concurrency — on SQLite and PostgreSQL: two reviewers of one unit
//! decide at once (one 200, one 409); overlapping batch recommendations recommend each item
//! once; after a random mix of concurrent transitions every unit's tab counts equal a recount.
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::actors::{Actor, Kind};
use crate::declarations::json_of;
use crate::fixtures::declarations::{REVIEW, submit_now, submitted};
use crate::fixtures::team;
use crate::helpers::*;
use crate::reviews::*;

async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let bytes = res.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Exactly one 200; the others 409 `version_conflict` naming who acted.
fn one_wins(answers: &[(u16, Value)]) {
    assert_eq!(
        answers.iter().filter(|a| a.0 == 200).count(),
        1,
        "{answers:?}"
    );
    for (status, body) in answers.iter().filter(|a| a.0 != 200) {
        assert_eq!(*status, 409, "{body}");
        assert_eq!(body["code"], "version_conflict", "{body}");
        assert!(body["detail"].as_str().unwrap().contains("于"), "{body}");
    }
}

dual!(two_reviewers_of_one_unit_decide_at_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = submitted(&app, me, REVIEW).await;

    // two sessions of the employer, both pass at the version they saw
    let a = app.employer().await;
    let b = app.employer().await;
    let v = seen(&a, &id).await;
    let body = json!({"decision": "pass", "version": v});
    let (x, y) = tokio::join!(decide(&a, &id, body.clone()), decide(&b, &id, body.clone()));
    one_wins(&[answer(x).await, answer(y).await]);
    assert_eq!(
        app.count("declaration_events WHERE action = 'passed'")
            .await,
        1
    );
    let page = list(&a, "tab=all").await;
    assert_eq!(page["counts"]["pending"], 0);
    assert_eq!(page["counts"]["passed"], 1);

    // two reviewers of 水利局 (a second account allocated by the administrator): pass and return
    // at once
    through_employer_after_pass(&app, &a, &id).await;
    let admin = app.admin().await;
    json_of(
        admin
            .post(
                "/api/v1/staff-accounts",
                json!({"username": "slj_li", "name": "李审核", "phone": "13800000011", "role": "competent",
                       "org_unit_id": app.unit_id(WATER).await, "password": PW}),
            )
            .await,
        201,
    )
    .await;
    let first = app.staff("nb_slj").await;
    let second = app.log_in(Kind::Staff, "slj_li", PW).await;
    let v = seen(&first, &id).await;
    let (x, y) = tokio::join!(
        decide(&first, &id, json!({"decision": "pass", "version": v})),
        decide(
            &second,
            &id,
            json!({"decision": "return", "version": v, "items": [{"section": 1, "comment": "出生日期有误"}]})
        )
    );
    let answers = [answer(x).await, answer(y).await];
    one_wins(&answers);
    let page = list(&first, "tab=all").await;
    let returned = answers[1].0 == 200;
    assert_eq!(page["counts"]["pending"], 0);
    assert_eq!(page["counts"]["passed"], i64::from(!returned));
    assert_eq!(page["counts"]["returned"], i64::from(returned));
    assert_eq!(app.count("declaration_returns").await, i64::from(returned));
    assert_eq!(
        stage(me, &id).await["status"],
        if returned { "returned" } else { "passed" }
    );
});

/// The employer (which has passed `id`) publicises and recommends it.
async fn through_employer_after_pass(app: &TestApp, employer: &Actor, id: &str) {
    publicize(employer, &[id]).await;
    recommend_to(employer, id, &app.unit_id(WATER).await).await;
}

dual!(
    overlapping_batch_recommendations_recommend_each_once,
    |app| {
        let team = team::approved(&app, 3).await;
        let employer = &team.employer;
        let mut ids = Vec::new();
        for m in &team.staff {
            ids.push(submitted(&app, &m.actor, REVIEW).await);
        }
        for id in &ids {
            pass(employer, id).await;
        }
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        publicize(employer, &refs).await;
        let mut versions = Vec::new();
        for id in &ids {
            versions.push(seen(employer, id).await);
        }
        let item = |i: usize| json!({"declaration_id": ids[i], "version": versions[i]});
        let other = app.employer().await;
        let (x, y) = tokio::join!(
            employer.post(
                "/api/v1/reviews/recommend",
                json!({"items": [item(0), item(1)]})
            ),
            other.post(
                "/api/v1/reviews/recommend",
                json!({"items": [item(2), item(1)]})
            )
        );
        let (x, y) = (json_of(x, 200).await, json_of(y, 200).await);
        let ok = |out: &Value, id: &str| {
            out["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["declaration_id"] == id)
                .unwrap()["ok"]
                .as_bool()
                .unwrap()
        };
        assert!(ok(&x, &ids[0]) && ok(&y, &ids[2]), "{x} {y}");
        assert!(ok(&x, &ids[1]) ^ ok(&y, &ids[1]), "{x} {y}");
        let loser = if ok(&x, &ids[1]) { &y } else { &x };
        let lost = loser["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["declaration_id"] == ids[1].as_str())
            .unwrap();
        assert_eq!(lost["code"], "version_conflict", "{loser}");
        assert_eq!(
            x["succeeded"].as_u64().unwrap() + y["succeeded"].as_u64().unwrap(),
            3
        );
        assert_eq!(
            app.count("declaration_events WHERE action = 'recommended'")
                .await,
            3
        );
        let page = list(employer, "tab=passed").await;
        assert_eq!(page["counts"]["awaiting"], 0);
        assert_eq!(page["counts"]["passed"], 3);
        let slj = app.staff("nb_slj").await;
        let page = list(&slj, "tab=pending").await;
        assert_eq!(page["counts"]["pending"], 3);
        assert_eq!(page["total"], 3);
        assert_eq!(app.count("declaration_reviews").await, 6);
    }
);

/// A small deterministic generator (xorshift), seeded per run and printed on failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What happens to one declaration.
#[derive(Debug, Clone, Copy)]
enum Script {
    EmployerFails,
    EmployerReturns,
    EmployerReturnsThenResubmitted,
    EmployerPasses,
    WaterPending,
    WaterPasses,
    WaterFails,
    WaterReturns,
    HrssPending,
}

const SCRIPTS: [Script; 9] = [
    Script::EmployerFails,
    Script::EmployerReturns,
    Script::EmployerReturnsThenResubmitted,
    Script::EmployerPasses,
    Script::WaterPending,
    Script::WaterPasses,
    Script::WaterFails,
    Script::WaterReturns,
    Script::HrssPending,
];

async fn fail(me: &Actor, id: &str) {
    let v = seen(me, id).await;
    json_of(
        decide(
            me,
            id,
            json!({"decision": "fail", "version": v, "opinion": "不符合申报条件"}),
        )
        .await,
        200,
    )
    .await;
}

async fn send_back(me: &Actor, id: &str) {
    let v = seen(me, id).await;
    json_of(
        decide(
            me,
            id,
            json!({"decision": "return", "version": v, "items": [{"section": 18, "attachment": 0, "comment": "请重新上传"}]}),
        )
        .await,
        200,
    )
    .await;
}

/// The units of the random mix, each logged in once.
struct Units {
    employer: Actor,
    slj: Actor,
    water: String,
    city: String,
}

async fn run(units: &Units, applicant: &Actor, id: &str, script: Script) {
    let employer = &units.employer;
    match script {
        Script::EmployerFails => fail(employer, id).await,
        Script::EmployerReturns => send_back(employer, id).await,
        Script::EmployerReturnsThenResubmitted => {
            send_back(employer, id).await;
            submit_now(applicant, id).await;
        }
        Script::EmployerPasses => {
            pass(employer, id).await;
        }
        _ => {
            pass(employer, id).await;
            publicize(employer, &[id]).await;
            recommend_to(employer, id, &units.water).await;
            let slj = &units.slj;
            match script {
                Script::WaterPending => {}
                Script::WaterPasses => {
                    pass(slj, id).await;
                }
                Script::WaterFails => fail(slj, id).await,
                Script::WaterReturns => send_back(slj, id).await,
                _ => {
                    pass(slj, id).await;
                    recommend_to(slj, id, &units.city).await;
                }
            }
        }
    }
}

/// A unit's counts under `query`, and the same counts recounted from the rows (the `q` search
/// counts rows instead of reading the counters; every test individual is called 测试n).
async fn counts_and_recount(me: &Actor) -> (Value, Value) {
    let counts = list(me, "tab=all").await["counts"].clone();
    let mut recount = json!({});
    for tab in ["pending", "passed", "awaiting", "failed", "returned", "all"] {
        recount[tab] = list(me, &format!("tab={tab}&q=测试")).await["total"].clone();
    }
    (counts, recount)
}

dual!(counters_equal_a_recount_after_a_random_mix, |app| {
    let seed = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) | 1;
    let mut rng = Rng(seed);
    let team = team::approved(&app, 6).await;
    let mut ids = Vec::new();
    for m in &team.staff {
        ids.push(submitted(&app, &m.actor, REVIEW).await);
    }
    let scripts: Vec<Script> = ids
        .iter()
        .map(|_| SCRIPTS[rng.next(SCRIPTS.len() as u64) as usize])
        .collect();
    let u = Units {
        employer: team.employer.actor.clone(),
        slj: app.staff("nb_slj").await,
        water: app.unit_id(WATER).await,
        city: app.unit_id(CITY).await,
    };
    // every declaration's script at once
    join_all(
        ids.iter()
            .zip(&team.staff)
            .zip(&scripts)
            .map(|((id, m), s)| run(&u, &m.actor, id, *s)),
    )
    .await;

    let units = [
        team.employer.actor.clone(),
        app.staff("nb_slj").await,
        app.staff("nb_hrss").await,
    ];
    let mut seen_counts = Vec::new();
    for u in &units {
        let (counts, recount) = counts_and_recount(u).await;
        assert_eq!(
            counts, recount,
            "seed {seed}, scripts {scripts:?}: maintained counts differ from the rows"
        );
        seen_counts.push(counts);
    }
    // and the counters rebuilt from scratch (`zcps counters rebuild`) are the same
    rebuild_review_counters(&app.db).await.unwrap();
    for (u, before) in units.iter().zip(&seen_counts) {
        let after = list(u, "tab=all").await["counts"].clone();
        assert_eq!(
            &after, before,
            "seed {seed}, scripts {scripts:?}: the maintained counts differ from a rebuild"
        );
    }
});

dual!(a_withdrawal_and_a_decision_at_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let employer = &team.employer;
    for round in 0..3 {
        let id = if round == 0 {
            submitted(&app, me, REVIEW).await
        } else {
            // withdrawn last round: submit the draft again
            let id = json_of(me.get("/api/v1/declarations").await, 200).await["items"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            if stage(me, &id).await["status"] != "draft" {
                break;
            }
            submit_now(me, &id).await;
            id
        };
        let v = seen(employer, &id).await;
        let withdraw = format!("/api/v1/declarations/{id}/withdraw");
        let (w, p) = tokio::join!(
            me.post(&withdraw, json!({})),
            decide(employer, &id, json!({"decision": "pass", "version": v}))
        );
        let (w, p) = (answer(w).await, answer(p).await);
        assert_eq!(
            u8::from(w.0 == 200) + u8::from(p.0 == 200),
            1,
            "round {round}: {w:?} {p:?}"
        );
        let status = stage(me, &id).await["status"].clone();
        let counts = list(employer, "tab=all").await["counts"].clone();
        if w.0 == 200 {
            // the reviewer is told the applicant withdrew it
            assert_eq!(p.0, 409, "{p:?}");
            assert_eq!(p.1["code"], "version_conflict", "{p:?}");
            assert!(p.1["detail"].as_str().unwrap().contains("撤回"), "{p:?}");
            assert_eq!(status, "draft");
            assert_eq!(counts["pending"], 0);
            assert_eq!(counts["passed"], 0);
        } else {
            assert_eq!(w.0, 409, "{w:?}");
            assert_eq!(status, "passed");
            assert_eq!(counts["passed"], 1);
            assert_eq!(counts["pending"], 0);
        }
        rebuild_review_counters(&app.db).await.unwrap();
        assert_eq!(list(employer, "tab=all").await["counts"], counts);
        if w.0 != 200 {
            break;
        }
    }
});
