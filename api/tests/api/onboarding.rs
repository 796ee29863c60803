//! Employer onboarding, the authorisation proof, 本单位基本信息, and paper imports —
//! on SQLite and PostgreSQL.
use crate::actors::Kind;
use crate::fixtures::employer::{decide_application, pending_applications};
use crate::fixtures::{JPEG, PDF};
use crate::helpers::*;
use serde_json::{Value, json};

/// Registers a unit without a credit code (单位尚在筹建中) under 宁波市人社局.
async fn register_no_code(
    app: &TestApp,
    name: &str,
    phone: &str,
    file: (&str, Vec<u8>),
) -> reqwest::Response {
    let hrss = app.unit_id("宁波市人力资源和社会保障局").await;
    let fields = [
        ("unit_name", name.to_owned()),
        ("certificate_no", "甬筹字〔2026〕12号".to_owned()),
        ("operator_name", "陈筹".to_owned()),
        ("phone", phone.to_owned()),
        ("password", "Passw0rd2026".to_owned()),
        ("hrss_unit_id", hrss),
        ("agreed", "true".to_owned()),
    ];
    app.anon()
        .multipart(
            "/api/v1/auth/register/employer-without-code",
            &fields,
            Some(file),
        )
        .await
}

dual!(registration_without_code_then_authorisation, |app| {
    let res = register_no_code(
        &app,
        "宁波市某水利工程筹建处",
        "15811110001",
        ("证件.jpg", JPEG.to_vec()),
    )
    .await;
    assert_eq!(res.status(), 201);
    let view: Value = res.json().await.unwrap();
    assert_eq!(view["org_unit"]["name"], "宁波市某水利工程筹建处");
    // no login before the manual approval
    let p = problem(
        app.login("employer", "15811110001", "Passw0rd2026").await,
        403,
        "registration_pending",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("人工审核"));

    let hrss = app.staff("nb_hrss").await;
    let list = pending_applications(&hrss, "registration").await;
    assert_eq!(list["counts"]["pending"], 1);
    let item = &list["items"][0];
    assert_eq!(item["certificate_no"], "甬筹字〔2026〕12号");
    assert_eq!(item["phone_masked"], "158****0001");
    let id = item["id"].as_str().unwrap().to_owned();
    let file = hrss
        .get(&format!("/api/v1/employer-applications/{id}/file"))
        .await;
    assert_eq!(file.headers().get("content-type").unwrap(), "image/jpeg");
    // the province sees it too; a competent department may not review
    assert_eq!(
        pending_applications(&app.staff("zj_hrss").await, "registration").await["total"],
        1
    );
    problem(
        app.staff("nb_slj")
            .await
            .get("/api/v1/employer-applications")
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        decide_application(&hrss, &id, "reject", None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        decide_application(&hrss, &id, "approve", None)
            .await
            .status(),
        200
    );
    problem(
        decide_application(&hrss, &id, "reject", Some("重复")).await,
        409,
        "already_decided",
    )
    .await;
    // the SMS goes through the outbox to the simulator
    app.wait_for_sms("15811110001", "注册信息已审核通过").await;

    // now it logs in (by phone: it has no credit code) and must submit the authorisation proof
    let emp = app
        .log_in(Kind::Employer, "15811110001", "Passw0rd2026")
        .await;
    let state: Value = emp
        .get("/api/v1/employer/authorisation")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["status"], "none");
    assert_eq!(state["phone_masked"], "158****0001");
    problem(
        emp.get("/api/v1/archive/review/summary").await,
        403,
        "authorisation_required",
    )
    .await;
    let pdf = emp.get("/api/v1/employer/authorisation/template").await;
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let slj = app.unit_id("宁波市水利局").await;
    // a JPEG is not a PDF; a missing affiliation is named
    let p = problem(
        emp.multipart(
            "/api/v1/employer/authorisation",
            &[],
            Some(("scan.pdf", JPEG.to_vec())),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "affiliation_id");
    problem(
        emp.multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("scan.pdf", JPEG.to_vec())),
        )
        .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let res = emp
        .multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("委托证明.pdf", PDF.to_vec())),
        )
        .await;
    assert_eq!(res.status(), 201);
    let state: Value = res.json().await.unwrap();
    assert_eq!(state["status"], "pending");
    assert_eq!(state["affiliation"]["name"], "宁波市水利局");
    problem(
        emp.multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("again.pdf", PDF.to_vec())),
        )
        .await,
        409,
        "already_submitted",
    )
    .await;
    // the unit now sits under the water bureau: its staff see it in their tree
    let competent: Value = app
        .staff("nb_slj")
        .await
        .get("/api/v1/org-units?q=筹建处")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(competent["total"], 1);

    let list = pending_applications(&hrss, "authorisation").await;
    let id = list["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list["items"][0]["file_type"], "application/pdf");
    assert_eq!(
        decide_application(&hrss, &id, "approve", Some("同意"))
            .await
            .status(),
        200
    );
    app.wait_for_sms("15811110001", "授权委托证明已审核通过")
        .await;
    let state: Value = emp
        .get("/api/v1/employer/authorisation")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["status"], "approved");
    assert_eq!(
        emp.get("/api/v1/archive/review/summary").await.status(),
        200
    );
    // and individuals can now find it
    let me = app.individual().await;
    let hits: Value = me
        .get("/api/v1/employers?q=筹建处")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits[0]["affiliation"], "宁波市水利局");
});

dual!(rejected_registration_and_bad_uploads, |app| {
    let before = (
        app.count("accounts").await,
        app.count("org_units").await,
        app.count("employer_applications").await,
    );
    let png = [
        &[0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        b"x",
    ]
    .concat();
    problem(
        register_no_code(&app, "某单位", "15811110002", ("photo.jpg", png)).await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let mut big = JPEG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    problem(
        register_no_code(&app, "某单位", "15811110002", ("big.jpg", big)).await,
        413,
        "file_too_large",
    )
    .await;
    let p = problem(
        app.anon()
            .multipart(
                "/api/v1/auth/register/employer-without-code",
                &[("unit_name", "某".into()), ("phone", "123".into())],
                None,
            )
            .await,
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
    for f in [
        "unit_name",
        "operator_name",
        "phone",
        "password",
        "agreed",
        "hrss_unit_id",
        "file",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    assert_eq!(
        before,
        (
            app.count("accounts").await,
            app.count("org_units").await,
            app.count("employer_applications").await
        )
    );

    assert_eq!(
        register_no_code(&app, "某单位", "15811110002", ("证件.jpeg", JPEG.to_vec()))
            .await
            .status(),
        201
    );
    problem(
        register_no_code(
            &app,
            "另一单位",
            "15811110002",
            ("证件.jpeg", JPEG.to_vec()),
        )
        .await,
        409,
        "phone_taken",
    )
    .await;
    let hrss = app.staff("nb_hrss").await;
    let id = pending_applications(&hrss, "registration").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        decide_application(&hrss, &id, "reject", Some("证件照片不清晰"))
            .await
            .status(),
        200
    );
    problem(
        app.login("employer", "15811110002", "Passw0rd2026").await,
        403,
        "registration_rejected",
    )
    .await;
    app.wait_for_sms("15811110002", "证件照片不清晰").await;

    // another city's HRSS sees nothing of Ningbo's applications
    let admin = app.admin().await;
    let zj = app.unit_id("浙江省人力资源和社会保障厅").await;
    let hz: Value = admin
        .post(
            "/api/v1/org-units",
            json!({"name": "杭州市人力资源和社会保障局", "kind": "hrss", "parent_id": zj}),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = admin.post("/api/v1/staff-accounts", json!({"username": "hz_hrss", "name": "杭州审核员", "phone": "13800000099", "role": "hrss", "org_unit_id": hz["id"], "password": "Passw0rd2026"})).await;
    assert_eq!(res.status(), 201);
    let hz_hrss = app.log_in(Kind::Staff, "hz_hrss", "Passw0rd2026").await;
    let list: Value = hz_hrss
        .get("/api/v1/employer-applications")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    problem(
        hz_hrss
            .get(&format!("/api/v1/employer-applications/{id}"))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        hz_hrss
            .get(&format!("/api/v1/employer-applications/{id}/file"))
            .await,
        404,
        "not_found",
    )
    .await;
});

dual!(
    employer_changes_phone_with_an_sms_code_and_operator,
    |app| {
        let emp = app.employer().await;
        let info: Value = emp.get("/api/v1/employer/info").await.json().await.unwrap();
        assert_eq!(info["phone_masked"], "157****6340");
        assert_eq!(info["operator_name"], "王诚");
        assert_eq!(info["affiliation"]["name"], "宁波市水利局");
        let auth: Value = emp
            .get("/api/v1/employer/authorisation")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (
                auth["status"].as_str(),
                auth["affiliation"]["name"].as_str()
            ),
            (Some("approved"), Some("宁波市水利局"))
        );
        // another employer's phone cannot be taken over (units without a code log in with it)
        let other = json!({"unit_name": "另一单位", "credit_code": credit_code(5), "operator_name": "丙", "phone": "15900009999", "password": "Passw0rd2026"});
        assert_eq!(
            app.anon()
                .post("/api/v1/auth/register/employer", other)
                .await
                .status(),
            201
        );
        problem(
            emp.post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15900009999"}),
            )
            .await,
            409,
            "phone_taken",
        )
        .await;
        let res = emp
            .post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15822223333"}),
            )
            .await;
        assert_eq!(res.status(), 202);
        problem(
            emp.post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15822223333"}),
            )
            .await,
            429,
            "too_many_codes",
        )
        .await;
        let texts = app.wait_for_sms("15822223333", "验证码").await;
        let code: String = texts[0]
            .split("验证码 ")
            .nth(1)
            .unwrap()
            .chars()
            .take(6)
            .collect();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let p = problem(
            emp.put(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": wrong}),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "code");
        let res = emp
            .put(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": code}),
            )
            .await;
        assert_eq!(res.status(), 200);
        let info: Value = res.json().await.unwrap();
        assert_eq!(info["phone_masked"], "158****3333");
        // the code is single-use
        problem(
            emp.put(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": code}),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        let res = emp
            .put(
                "/api/v1/employer/operator",
                json!({"operator_name": "李新"}),
            )
            .await;
        let info: Value = res.json().await.unwrap();
        assert_eq!(info["operator_name"], "李新");
        let changes: Vec<(&str, &str, &str)> = info["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["field"].as_str().unwrap(),
                    c["old_value"].as_str().unwrap(),
                    c["new_value"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            changes,
            [
                ("operator", "王诚", "李新"),
                ("phone", "157****6340", "158****3333")
            ]
        );
        // wrong roles
        let me = app.individual().await;
        problem(me.get("/api/v1/employer/info").await, 403, "forbidden").await;
        problem(
            emp.put("/api/v1/employer/operator", json!({"operator_name": ""}))
                .await,
            422,
            "validation_failed",
        )
        .await;
    }
);

dual!(papers_import_from_bibtex_ris_and_scholar, |app| {
    let me = app.individual().await;
    let bib = "@article{zhang2024,\n  title = {基于深度学习的大坝变形预测方法研究},\n  author = {张明 and 李华},\n  journal = {水利学报},\n  year = {2024},\n  month = may,\n  volume = {55},\n  number = {3},\n  pages = {301--310},\n  doi = {10.13243/j.cnki.slxb.2024.03.005}\n}\n";
    let res = me
        .multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("papers.bib", bib.as_bytes().to_vec())),
        )
        .await;
    assert_eq!(res.status(), 200);
    let import: Value = res.json().await.unwrap();
    assert_eq!(import["source"], "bibtex");
    assert_eq!(
        import["items"][0]["title"],
        "基于深度学习的大坝变形预测方法研究"
    );
    assert_eq!(import["items"][0]["journal"], "水利学报");
    assert_eq!(import["items"][0]["authors"], json!(["张明", "李华"]));
    let ris = "TY  - JOUR\r\nTI  - 平原河网水动力数值模拟\r\nAU  - 张明\r\nJO  - 水科学进展\r\nPY  - 2023/04/01/\r\nVL  - 34\r\nSP  - 12\r\nEP  - 20\r\nER  - \r\n";
    let import: Value = me
        .multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("x.ris", ris.as_bytes().to_vec())),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(import["source"], "ris");
    assert_eq!(import["items"][0]["pages"], "12-20");
    let p = problem(
        me.multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("junk.txt", b"hello world".to_vec())),
        )
        .await,
        422,
        "citation_no_entries",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("BibTeX"));
    let res = me
        .post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "zhangming01"}),
        )
        .await;
    let import: Value = res.json().await.unwrap();
    assert_eq!(import["items"].as_array().unwrap().len(), 3);
    problem(
        me.post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "有空格 的"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let emp = app.employer().await;
    problem(
        emp.post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "zhangming01"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
});
