//! Organisation tree, jurisdiction, staff allocation, reference data, health and
//! routing — on SQLite and PostgreSQL.
mod common;

use common::*;
use serde_json::{Value, json};

dual!(admin_creates_units_and_the_tree_is_kept, |app| {
    let admin = app.admin().await;
    let nb = app.unit_id("宁波市人力资源和社会保障局").await;
    let res = app
        .post(
            "/api/v1/org-units",
            json!({"name": "宁波市住房和城乡建设局", "kind": "competent", "parent_id": nb}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), 201);
    let unit: Value = res.json().await.unwrap();
    assert_eq!(unit["level"], 2);
    assert_eq!(unit["parent_id"], nb);
    let id = unit["id"].as_str().unwrap();
    let sub = app
        .post(
            "/api/v1/org-units",
            json!({"name": "宁波市建设工程质量监督站", "kind": "competent", "parent_id": id}),
            Some(&admin),
        )
        .await;
    assert_eq!(sub.status(), 201);
    // the city HRSS now sees both in its jurisdiction
    let nb_token = app.staff("nb_hrss").await;
    let list: Value = app
        .get("/api/v1/org-units?q=建设&per_page=10", Some(&nb_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
    // direct children filter
    let kids: Value = app
        .get(&format!("/api/v1/org-units?parent_id={id}"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kids["total"], 1);
    assert_eq!(kids["items"][0]["name"], "宁波市建设工程质量监督站");
});

dual!(unit_creation_rules_and_roles, |app| {
    let admin = app.admin().await;
    let slj = app.unit_id("宁波市水利局").await;
    let committee = app
        .unit_id("宁波市水利工程技术人员中级专业技术职务任职资格评审委员会")
        .await;
    let before = app.count("org_units").await;
    let p = problem(
        app.post(
            "/api/v1/org-units",
            json!({"name": "某评委会下设机构", "kind": "competent", "parent_id": committee}),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "parent_id");
    let p = problem(
        app.post(
            "/api/v1/org-units",
            json!({"name": "某公司", "kind": "employer", "parent_id": slj}),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "kind");
    problem(
        app.post(
            "/api/v1/org-units",
            json!({"name": "孤立主管部门", "kind": "competent"}),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    problem(
        app.post(
            "/api/v1/org-units",
            json!({"name": "某机构", "kind": "competent", "parent_id": uuid::Uuid::now_v7()}),
            Some(&admin),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    problem(
        app.post(
            "/api/v1/org-units",
            json!({"name": "某机构", "kind": "planet", "parent_id": slj}),
            Some(&admin),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    // wrong roles
    for user in ["nb_hrss", "nb_slj", "nb_committee", "nb_expert"] {
        let t = app.staff(user).await;
        problem(
            app.post(
                "/api/v1/org-units",
                json!({"name": "越权机构", "kind": "competent", "parent_id": slj}),
                Some(&t),
            )
            .await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_eq!(app.count("org_units").await, before, "nothing written");
});

dual!(jurisdiction_scopes_every_org_query, |app| {
    let province = app.unit_id("浙江省人力资源和社会保障厅").await;
    let nb = app.unit_id("宁波市人力资源和社会保障局").await;
    let slj = app.unit_id("宁波市水利局").await;
    let employer = app.unit_id("宁波市水利规划设计研究院有限公司").await;
    let competent = app.staff("nb_slj").await;
    let list: Value = app
        .get("/api/v1/org-units", Some(&competent))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["宁波市水利局", "宁波市水利规划设计研究院有限公司"]);
    assert_eq!(
        app.get(&format!("/api/v1/org-units/{employer}"), Some(&competent))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&format!("/api/v1/org-units/{slj}"), Some(&competent))
            .await
            .status(),
        200
    );
    // above or beside its subtree: 404, never the data
    problem(
        app.get(&format!("/api/v1/org-units/{nb}"), Some(&competent))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.get(&format!("/api/v1/org-units/{province}"), Some(&competent))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.get(
            &format!("/api/v1/org-units/{}", uuid::Uuid::now_v7()),
            Some(&competent),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.get("/api/v1/org-units/not-a-uuid", Some(&competent))
            .await,
        404,
        "not_found",
    )
    .await;
    // the province sees everything below it
    let zj: Value = app
        .get(
            "/api/v1/org-units?per_page=100",
            Some(&app.staff("zj_hrss").await),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(zj["total"], 5);
    // individuals and employers may not list the tree
    let individual = app
        .token("individual", &zcps::seed::demo_id_number(), DEMO_PW)
        .await;
    problem(
        app.get("/api/v1/org-units", Some(&individual)).await,
        403,
        "forbidden",
    )
    .await;
    let emp = app
        .token("employer", &zcps::seed::demo_credit_code(), DEMO_PW)
        .await;
    problem(
        app.get(&format!("/api/v1/org-units/{employer}"), Some(&emp))
            .await,
        403,
        "forbidden",
    )
    .await;
});

dual!(
    list_paging_is_bounded_and_lenient_about_integral_floats,
    |app| {
        let admin = app.admin().await;
        let page: Value = app
            .get("/api/v1/org-units?page=2.0&per_page=2", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (
                page["page"].as_u64(),
                page["per_page"].as_u64(),
                page["total"].as_u64()
            ),
            (Some(2), Some(2), Some(5))
        );
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        problem(
            app.get("/api/v1/org-units?per_page=1000", Some(&admin))
                .await,
            400,
            "bad_request",
        )
        .await;
        problem(
            app.get("/api/v1/org-units?page=0", Some(&admin)).await,
            400,
            "bad_request",
        )
        .await;
        problem(
            app.get("/api/v1/org-units?page=x", Some(&admin)).await,
            400,
            "invalid_query",
        )
        .await;
        problem(
            app.get("/api/v1/org-units?kind=planet", Some(&admin)).await,
            400,
            "invalid_query",
        )
        .await;
        // LIKE wildcards are literal
        let none: Value = app
            .get("/api/v1/org-units?q=%25", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(none["total"], 0);
    }
);

dual!(admin_allocates_staff_accounts, |app| {
    let admin = app.admin().await;
    let slj = app.unit_id("宁波市水利局").await;
    let committee = app
        .unit_id("宁波市水利工程技术人员中级专业技术职务任职资格评审委员会")
        .await;
    let body = json!({"username": "slj_li", "name": "李审核", "phone": "13800000011", "role": "competent", "org_unit_id": slj, "password": "Passw0rd2026"});
    let res = app
        .post("/api/v1/staff-accounts", body.clone(), Some(&admin))
        .await;
    assert_eq!(res.status(), 201);
    let view: Value = res.json().await.unwrap();
    assert_eq!(view["org_unit"]["name"], "宁波市水利局");
    assert_eq!(view["phone_masked"], "138****0011");
    app.staff_login_ok("slj_li", "Passw0rd2026").await;
    problem(
        app.post("/api/v1/staff-accounts", body, Some(&admin)).await,
        409,
        "username_taken",
    )
    .await;
    let before = app.count("accounts").await;
    // role and unit kind must agree; admins and individuals are not allocated here
    let p = problem(app.post("/api/v1/staff-accounts", json!({"username": "slj_wang", "name": "王", "phone": "13800000012", "role": "hrss", "org_unit_id": slj, "password": "Passw0rd2026"}), Some(&admin)).await, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "org_unit_id");
    problem(app.post("/api/v1/staff-accounts", json!({"username": "root2", "name": "王", "phone": "13800000012", "role": "admin", "org_unit_id": committee, "password": "Passw0rd2026"}), Some(&admin)).await, 422, "validation_failed").await;
    problem(app.post("/api/v1/staff-accounts", json!({"username": "Bad Name", "name": "王", "phone": "13800000012", "role": "expert", "org_unit_id": committee, "password": "Passw0rd2026"}), Some(&admin)).await, 422, "validation_failed").await;
    let hrss = app.staff("nb_hrss").await;
    problem(app.post("/api/v1/staff-accounts", json!({"username": "slj_zhao", "name": "赵", "phone": "13800000013", "role": "competent", "org_unit_id": slj, "password": "Passw0rd2026"}), Some(&hrss)).await, 403, "forbidden").await;
    problem(
        app.get("/api/v1/staff-accounts", Some(&hrss)).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(app.count("accounts").await, before, "nothing written");
    let list: Value = app
        .get("/api/v1/staff-accounts?q=slj", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2, "{list}");
    let experts: Value = app
        .get("/api/v1/staff-accounts?role=expert", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(experts["items"][0]["username"], "nb_expert");
});

dual!(reference_health_and_routing, |app| {
    let series: Value = app
        .get("/api/v1/reference/title-series", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(series.as_array().unwrap().len(), 8);
    let eth: Value = app
        .get("/api/v1/reference/ethnicities", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(eth.as_array().unwrap().len(), 56);
    assert_eq!(
        app.get("/api/v1/reference/political-statuses", None)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get("/api/v1/reference/education-levels", None)
            .await
            .status(),
        200
    );
    assert_eq!(app.get("/healthz", None).await.status(), 200);
    let ready: Value = app.get("/readyz", None).await.json().await.unwrap();
    assert_eq!(ready["status"], "ok");
    let res = app
        .client
        .request(
            reqwest::Method::from_bytes(b"TRACE").unwrap(),
            app.url("/api/v1/org-units"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("allow").unwrap(), "GET, POST, HEAD");
    problem(res, 405, "method_not_allowed").await;
    let res = app
        .client
        .delete(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap();
    problem(res, 405, "method_not_allowed").await;
    problem(
        app.get("/api/v1/nothing-here", None).await,
        404,
        "not_found",
    )
    .await;
    let docs = app.get("/api/docs/", None).await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
});

impl TestApp {
    async fn staff_login_ok(&self, user: &str, pw: &str) {
        self.tokens("staff", user, pw).await;
    }
}
