//! Organisation tree, jurisdiction, staff allocation, reference data, health and
//! routing — on SQLite and PostgreSQL.
use crate::actors::Kind;
use crate::helpers::*;
use serde_json::{Value, json};

dual!(admin_creates_units_and_the_tree_is_kept, |app| {
    let admin = app.admin().await;
    let nb = app.unit_id("宁波市人力资源和社会保障局").await;
    let res = admin
        .post(
            "/api/v1/org-units",
            json!({"name": "宁波市住房和城乡建设局", "kind": "competent", "parent_id": nb}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let unit: Value = res.json().await.unwrap();
    assert_eq!(unit["level"], 2);
    assert_eq!(unit["parent_id"], nb);
    let id = unit["id"].as_str().unwrap();
    let sub = admin
        .post(
            "/api/v1/org-units",
            json!({"name": "宁波市建设工程质量监督站", "kind": "competent", "parent_id": id}),
        )
        .await;
    assert_eq!(sub.status(), 201);
    // the city HRSS now sees both in its jurisdiction
    let nb_token = app.staff("nb_hrss").await;
    let list: Value = nb_token
        .get("/api/v1/org-units?q=建设&per_page=10")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
    // direct children filter
    let kids: Value = admin
        .get(&format!("/api/v1/org-units?parent_id={id}"))
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
        .unit_id("宁波市水利工程技术人员高级专业技术职务任职资格评审委员会")
        .await;
    let before = app.count("org_units").await;
    let p = problem(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "某评委会下设机构", "kind": "competent", "parent_id": committee}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "parent_id");
    let p = problem(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "某公司", "kind": "employer", "parent_id": slj}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "kind");
    problem(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "孤立主管部门", "kind": "competent"}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    problem(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "某机构", "kind": "competent", "parent_id": uuid::Uuid::now_v7()}),
            )
            .await,
        422,
        "validation_failed",
    )
    .await;
    problem(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "某机构", "kind": "planet", "parent_id": slj}),
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
            t.post(
                "/api/v1/org-units",
                json!({"name": "越权机构", "kind": "competent", "parent_id": slj}),
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
    let list: Value = competent
        .get("/api/v1/org-units")
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
        competent
            .get(&format!("/api/v1/org-units/{employer}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        competent
            .get(&format!("/api/v1/org-units/{slj}"))
            .await
            .status(),
        200
    );
    // above or beside its subtree: 404, never the data
    problem(
        competent.get(&format!("/api/v1/org-units/{nb}")).await,
        404,
        "not_found",
    )
    .await;
    problem(
        competent
            .get(&format!("/api/v1/org-units/{province}"))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        competent
            .get(&format!("/api/v1/org-units/{}", uuid::Uuid::now_v7()))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        competent.get("/api/v1/org-units/not-a-uuid").await,
        404,
        "not_found",
    )
    .await;
    // the province sees everything below it
    let zj: Value = app
        .staff("zj_hrss")
        .await
        .get("/api/v1/org-units?per_page=100")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(zj["total"], 5);
    // individuals and employers may not list the tree
    let individual = app.individual().await;
    problem(individual.get("/api/v1/org-units").await, 403, "forbidden").await;
    let emp = app.employer().await;
    problem(
        emp.get(&format!("/api/v1/org-units/{employer}")).await,
        403,
        "forbidden",
    )
    .await;
});

dual!(
    list_paging_is_bounded_and_lenient_about_integral_floats,
    |app| {
        let admin = app.admin().await;
        let page: Value = admin
            .get("/api/v1/org-units?page=2.0&per_page=2")
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
            admin.get("/api/v1/org-units?per_page=1000").await,
            400,
            "bad_request",
        )
        .await;
        problem(
            admin.get("/api/v1/org-units?page=0").await,
            400,
            "bad_request",
        )
        .await;
        problem(
            admin.get("/api/v1/org-units?page=x").await,
            400,
            "invalid_query",
        )
        .await;
        problem(
            admin.get("/api/v1/org-units?kind=planet").await,
            400,
            "invalid_query",
        )
        .await;
        // LIKE wildcards are literal
        let none: Value = admin
            .get("/api/v1/org-units?q=%25")
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
        .unit_id("宁波市水利工程技术人员高级专业技术职务任职资格评审委员会")
        .await;
    let body = json!({"username": "slj_li", "name": "李审核", "phone": "13800000011", "role": "competent", "org_unit_id": slj, "password": "Passw0rd2026"});
    let res = admin.post("/api/v1/staff-accounts", body.clone()).await;
    assert_eq!(res.status(), 201);
    let view: Value = res.json().await.unwrap();
    assert_eq!(view["org_unit"]["name"], "宁波市水利局");
    assert_eq!(view["phone_masked"], "138****0011");
    app.log_in(Kind::Staff, "slj_li", "Passw0rd2026").await;
    problem(
        admin.post("/api/v1/staff-accounts", body).await,
        409,
        "username_taken",
    )
    .await;
    let before = app.count("accounts").await;
    // role and unit kind must agree; admins and individuals are not allocated here
    let p = problem(admin.post("/api/v1/staff-accounts", json!({"username": "slj_wang", "name": "王", "phone": "13800000012", "role": "hrss", "org_unit_id": slj, "password": "Passw0rd2026"})).await, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "org_unit_id");
    problem(admin.post("/api/v1/staff-accounts", json!({"username": "root2", "name": "王", "phone": "13800000012", "role": "admin", "org_unit_id": committee, "password": "Passw0rd2026"})).await, 422, "validation_failed").await;
    problem(admin.post("/api/v1/staff-accounts", json!({"username": "Bad Name", "name": "王", "phone": "13800000012", "role": "expert", "org_unit_id": committee, "password": "Passw0rd2026"})).await, 422, "validation_failed").await;
    let hrss = app.staff("nb_hrss").await;
    problem(hrss.post("/api/v1/staff-accounts", json!({"username": "slj_zhao", "name": "赵", "phone": "13800000013", "role": "competent", "org_unit_id": slj, "password": "Passw0rd2026"})).await, 403, "forbidden").await;
    problem(hrss.get("/api/v1/staff-accounts").await, 403, "forbidden").await;
    assert_eq!(app.count("accounts").await, before, "nothing written");
    let list: Value = admin
        .get("/api/v1/staff-accounts?q=slj")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2, "{list}");
    let experts: Value = admin
        .get("/api/v1/staff-accounts?role=expert")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(experts["items"][0]["username"], "nb_expert");
});

dual!(reference_health_and_routing, |app| {
    let series: Value = app
        .anon()
        .get("/api/v1/reference/title-series")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(series.as_array().unwrap().len(), 8);
    let eth: Value = app
        .anon()
        .get("/api/v1/reference/ethnicities")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(eth.as_array().unwrap().len(), 56);
    assert_eq!(
        app.anon()
            .get("/api/v1/reference/political-statuses")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.anon()
            .get("/api/v1/reference/education-levels")
            .await
            .status(),
        200
    );
    assert_eq!(app.anon().get("/healthz").await.status(), 200);
    let ready: Value = app.anon().get("/readyz").await.json().await.unwrap();
    assert_eq!(ready["status"], "ok");
    let res = app
        .anon()
        .request(
            reqwest::Method::from_bytes(b"TRACE").unwrap(),
            "/api/v1/org-units",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("allow").unwrap(), "GET, POST, HEAD");
    problem(res, 405, "method_not_allowed").await;
    let res = app.anon().delete("/api/v1/me").await;
    problem(res, 405, "method_not_allowed").await;
    // a literal route beside a `{id}` one: PUT /plans/open is 405, not "no such plan"
    let res = app
        .individual()
        .await
        .put("/api/v1/plans/open", json!({}))
        .await;
    assert_eq!(res.headers().get("allow").unwrap(), "GET, HEAD");
    problem(res, 405, "method_not_allowed").await;
    problem(
        app.anon().get("/api/v1/nothing-here").await,
        404,
        "not_found",
    )
    .await;
    let docs = app.anon().get("/api/docs/").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
});
