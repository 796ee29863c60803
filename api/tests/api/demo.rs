//! The demo content `make run` adds on top of the demo accounts (`seed_demo_content`): it runs
//! once, fills the demo employer's review queue, and 张明's approved archive meets every rule
//! of the demo 评审 plan — on SQLite and PostgreSQL.
use crate::actors::Kind;
use crate::helpers::*;
use serde_json::Value;

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "accounts",
        "plans",
        "plan_affiliations",
        "archive_records",
        "archive_review_logs",
        "notifications",
    ] {
        out.push(app.count(table).await);
    }
    out
}

dual!(
    demo_content_runs_once_and_makes_zhang_ming_eligible,
    |app| {
        let before = counts(&app).await;
        seed_demo_content(&app.db).await.expect("demo content");
        let after = counts(&app).await;
        assert_eq!(after[0], before[0] + 4, "four more staff");
        assert_eq!(after[1], before[1] + 1, "the 初定 plan");
        assert!(after[3] > before[3] + 20, "{before:?} → {after:?}");
        // idempotent
        seed_demo_content(&app.db)
            .await
            .expect("demo content again");
        assert_eq!(counts(&app).await, after);

        // ── the employer's review screens are not empty ─────────────────────────────────────
        let emp = app.employer().await;
        let summary: Value = emp
            .get("/api/v1/archive/review/summary")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            summary["pending_records"].as_u64().unwrap() >= 8,
            "{summary}"
        );
        let categories_waiting = summary["categories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["pending"].as_u64().unwrap() > 0)
            .count();
        assert!(categories_waiting >= 5, "{summary}");
        let all: Value = emp
            .get("/api/v1/archive/review/records?per_page=100")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(all["counts"]["returned"], 1, "{}", all["counts"]);
        assert_eq!(all["counts"]["rejected"], 0);
        assert!(all["counts"]["approved"].as_u64().unwrap() >= 20);
        let returned = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["status"] == "returned")
            .unwrap();
        assert_eq!(returned["owner"]["name"], "陈浩");
        assert!(
            returned["review_comment"]
                .as_str()
                .unwrap()
                .contains("验收")
        );
        // its review log: submitted by the applicant, returned by the employer
        let logs: Value = emp
            .get(&format!(
                "/api/v1/archive/records/{}/logs",
                returned["id"].as_str().unwrap()
            ))
            .await
            .json()
            .await
            .unwrap();
        let lines: Vec<(&str, &str)> = logs
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["action"].as_str().unwrap(), l["actor"].as_str().unwrap()))
            .collect();
        assert_eq!(
            lines,
            [
                ("submit", "陈浩"),
                ("return", "宁波市水利规划设计研究院有限公司（王诚）")
            ],
            "{logs}"
        );

        // the staff can sign in, by ID number or phone
        let staff = app.log_in(Kind::Individual, "13900000003", DEMO_PW).await;
        let mine: Value = staff
            .get("/api/v1/archive/records")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine["counts"]["pending"], 2, "{}", mine["counts"]);
        assert_eq!(mine["counts"]["returned"], 1);

        // ── 张明: profile completed, everything approved, eligible for the demo 评审 plan ───
        let me = app.individual().await;
        let profile: Value = me.get("/api/v1/profile").await.json().await.unwrap();
        assert_eq!(profile["completed"], true, "{profile}");
        assert_eq!(
            profile["employer"]["name"],
            "宁波市水利规划设计研究院有限公司"
        );
        let history: Value = me
            .get("/api/v1/profile/employment-history")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(history.as_array().map(Vec::len), Some(1), "{history}");
        let mine: Value = me
            .get("/api/v1/archive/records?per_page=100")
            .await
            .json()
            .await
            .unwrap();
        let total = mine["counts"]["all"].as_u64().unwrap();
        assert_eq!(mine["counts"]["approved"].as_u64(), Some(total));
        assert_eq!(mine["items"].as_array().unwrap().len() as u64, total);
        let records: Vec<ArchiveData> = mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| serde_json::from_value(r["content"].clone()).unwrap())
            .collect();
        for category in [
            "education",
            "work_history",
            "training",
            "engineering_project",
            "paper",
            "qualification",
            "assessment",
        ] {
            assert!(
                mine["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["category"] == category),
                "no approved {category}"
            );
        }
        let review: Value = me
            .get("/api/v1/plans/open?plan_type=review")
            .await
            .json()
            .await
            .unwrap();
        let plan = review["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["name"]
                    .as_str()
                    .unwrap()
                    .ends_with("年度高级工程师申报通知")
            })
            .expect("the demo 评审 plan");
        let rules: EligibilityRules = serde_json::from_value(plan["rules"].clone()).unwrap();
        let today = chrono::Utc::now().date_naive();
        let outcomes = evaluate(&rules, &summary_from_archive(&records, today), today);
        assert_eq!(outcomes.len(), 5, "every kind of rule is set: {outcomes:?}");
        assert!(all_met(&outcomes), "{outcomes:#?}");

        // ── plans: 认定 and 初定 each accepted by the city HRSS or 宁波市水利局 ────────────────────
        let open: Value = me.get("/api/v1/plans/open").await.json().await.unwrap();
        assert_eq!(open["total"], 3);
        for plan_type in ["recognition", "initial"] {
            let plan = open["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["plan_type"] == plan_type)
                .unwrap_or_else(|| panic!("no open {plan_type} plan"));
            let acceptors: Vec<&str> = plan["acceptors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["name"].as_str().unwrap())
                .collect();
            assert_eq!(
                acceptors,
                ["宁波市人力资源和社会保障局", "宁波市水利局"],
                "{plan_type}"
            );
        }
    }
);
