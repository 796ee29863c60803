//! Employer onboarding, the authorisation proof, 本单位基本信息, and paper imports —
//! on SQLite and PostgreSQL.
mod common;

use common::*;
use serde_json::{Value, json};

const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

impl TestApp {
    async fn register_no_code(
        &self,
        name: &str,
        phone: &str,
        file: (&str, Vec<u8>),
    ) -> reqwest::Response {
        let hrss = self.unit_id("宁波市人力资源和社会保障局").await;
        let fields = [
            ("unit_name", name.to_owned()),
            ("certificate_no", "甬筹字〔2026〕12号".to_owned()),
            ("operator_name", "陈筹".to_owned()),
            ("phone", phone.to_owned()),
            ("password", "Passw0rd2026".to_owned()),
            ("hrss_unit_id", hrss),
            ("agreed", "true".to_owned()),
        ];
        self.multipart(
            "/api/v1/auth/register/employer-without-code",
            &fields,
            Some(file),
            None,
        )
        .await
    }

    async fn pending(&self, token: &str, kind: &str) -> Value {
        let list: Value = self
            .get(
                &format!("/api/v1/employer-applications?kind={kind}&status=pending"),
                Some(token),
            )
            .await
            .json()
            .await
            .unwrap();
        list
    }

    async fn decide_app(
        &self,
        token: &str,
        id: &str,
        decision: &str,
        opinion: Option<&str>,
    ) -> reqwest::Response {
        self.post(
            &format!("/api/v1/employer-applications/{id}/decision"),
            json!({"decision": decision, "opinion": opinion}),
            Some(token),
        )
        .await
    }

    async fn sms_to(&self, phone: &str) -> Vec<String> {
        let admin = self.admin().await;
        let page: Value = self
            .get(&format!("/api/v1/sms-outbox?phone={phone}"), Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["message"]["text"].as_str().unwrap().to_owned())
            .collect()
    }
}

dual!(registration_without_code_then_authorisation, |app| {
    let res = app
        .register_no_code(
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
    let list = app.pending(&hrss, "registration").await;
    assert_eq!(list["counts"]["pending"], 1);
    let item = &list["items"][0];
    assert_eq!(item["certificate_no"], "甬筹字〔2026〕12号");
    assert_eq!(item["phone_masked"], "158****0001");
    let id = item["id"].as_str().unwrap().to_owned();
    let file = app
        .get(
            &format!("/api/v1/employer-applications/{id}/file"),
            Some(&hrss),
        )
        .await;
    assert_eq!(file.headers().get("content-type").unwrap(), "image/jpeg");
    // the province sees it too; a competent department may not review
    assert_eq!(
        app.pending(&app.staff("zj_hrss").await, "registration")
            .await["total"],
        1
    );
    problem(
        app.get(
            "/api/v1/employer-applications",
            Some(&app.staff("nb_slj").await),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.decide_app(&hrss, &id, "reject", None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        app.decide_app(&hrss, &id, "approve", None).await.status(),
        200
    );
    problem(
        app.decide_app(&hrss, &id, "reject", Some("重复")).await,
        409,
        "already_decided",
    )
    .await;
    // the SMS goes through the outbox to the simulator
    app.wait_for_sms("15811110001", "注册信息已审核通过").await;

    // now it logs in (by phone: it has no credit code) and must submit the authorisation proof
    let emp = app.token("employer", "15811110001", "Passw0rd2026").await;
    let state: Value = app
        .get("/api/v1/employer/authorisation", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["status"], "none");
    assert_eq!(state["phone_masked"], "158****0001");
    problem(
        app.get("/api/v1/archive/review/summary", Some(&emp)).await,
        403,
        "authorisation_required",
    )
    .await;
    let pdf = app
        .get("/api/v1/employer/authorisation/template", Some(&emp))
        .await;
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let slj = app.unit_id("宁波市水利局").await;
    // a JPEG is not a PDF; a missing affiliation is named
    let p = problem(
        app.multipart(
            "/api/v1/employer/authorisation",
            &[],
            Some(("scan.pdf", JPEG.to_vec())),
            Some(&emp),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "affiliation_id");
    problem(
        app.multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("scan.pdf", JPEG.to_vec())),
            Some(&emp),
        )
        .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let res = app
        .multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("委托证明.pdf", PDF.to_vec())),
            Some(&emp),
        )
        .await;
    assert_eq!(res.status(), 201);
    let state: Value = res.json().await.unwrap();
    assert_eq!(state["status"], "pending");
    assert_eq!(state["affiliation"]["name"], "宁波市水利局");
    problem(
        app.multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", slj.clone())],
            Some(("again.pdf", PDF.to_vec())),
            Some(&emp),
        )
        .await,
        409,
        "already_submitted",
    )
    .await;
    // the unit now sits under the water bureau: its staff see it in their tree
    let competent: Value = app
        .get(
            "/api/v1/org-units?q=筹建处",
            Some(&app.staff("nb_slj").await),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(competent["total"], 1);

    let list = app.pending(&hrss, "authorisation").await;
    let id = list["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list["items"][0]["file_type"], "application/pdf");
    assert_eq!(
        app.decide_app(&hrss, &id, "approve", Some("同意"))
            .await
            .status(),
        200
    );
    app.wait_for_sms("15811110001", "授权委托证明已审核通过")
        .await;
    let state: Value = app
        .get("/api/v1/employer/authorisation", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["status"], "approved");
    assert_eq!(
        app.get("/api/v1/archive/review/summary", Some(&emp))
            .await
            .status(),
        200
    );
    // and individuals can now find it
    let me = app
        .token("individual", &zcps::seed::demo_id_number(), DEMO_PW)
        .await;
    let hits: Value = app
        .get("/api/v1/employers?q=筹建处", Some(&me))
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
        app.register_no_code("某单位", "15811110002", ("photo.jpg", png))
            .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let mut big = JPEG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    problem(
        app.register_no_code("某单位", "15811110002", ("big.jpg", big))
            .await,
        413,
        "file_too_large",
    )
    .await;
    let p = problem(
        app.multipart(
            "/api/v1/auth/register/employer-without-code",
            &[("unit_name", "某".into()), ("phone", "123".into())],
            None,
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
        app.register_no_code("某单位", "15811110002", ("证件.jpeg", JPEG.to_vec()))
            .await
            .status(),
        201
    );
    problem(
        app.register_no_code("另一单位", "15811110002", ("证件.jpeg", JPEG.to_vec()))
            .await,
        409,
        "phone_taken",
    )
    .await;
    let hrss = app.staff("nb_hrss").await;
    let id = app.pending(&hrss, "registration").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.decide_app(&hrss, &id, "reject", Some("证件照片不清晰"))
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
    let hz: Value = app
        .post(
            "/api/v1/org-units",
            json!({"name": "杭州市人力资源和社会保障局", "kind": "hrss", "parent_id": zj}),
            Some(&admin),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = app.post("/api/v1/staff-accounts", json!({"username": "hz_hrss", "name": "杭州审核员", "phone": "13800000099", "role": "hrss", "org_unit_id": hz["id"], "password": "Passw0rd2026"}), Some(&admin)).await;
    assert_eq!(res.status(), 201);
    let hz_token = app.token("staff", "hz_hrss", "Passw0rd2026").await;
    let list: Value = app
        .get("/api/v1/employer-applications", Some(&hz_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    problem(
        app.get(
            &format!("/api/v1/employer-applications/{id}"),
            Some(&hz_token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.get(
            &format!("/api/v1/employer-applications/{id}/file"),
            Some(&hz_token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
});

dual!(
    employer_changes_phone_with_an_sms_code_and_operator,
    |app| {
        let emp = app
            .token("employer", &zcps::seed::demo_credit_code(), DEMO_PW)
            .await;
        let info: Value = app
            .get("/api/v1/employer/info", Some(&emp))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(info["phone_masked"], "157****6340");
        assert_eq!(info["operator_name"], "王诚");
        assert_eq!(info["affiliation"]["name"], "宁波市水利局");
        let auth: Value = app
            .get("/api/v1/employer/authorisation", Some(&emp))
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
            app.post("/api/v1/auth/register/employer", other, None)
                .await
                .status(),
            201
        );
        problem(
            app.post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15900009999"}),
                Some(&emp),
            )
            .await,
            409,
            "phone_taken",
        )
        .await;
        let res = app
            .post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15822223333"}),
                Some(&emp),
            )
            .await;
        assert_eq!(res.status(), 202);
        problem(
            app.post(
                "/api/v1/employer/phone/code",
                json!({"phone": "15822223333"}),
                Some(&emp),
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
            app.put_json(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": wrong}),
                &emp,
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "code");
        let res = app
            .put_json(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": code}),
                &emp,
            )
            .await;
        assert_eq!(res.status(), 200);
        let info: Value = res.json().await.unwrap();
        assert_eq!(info["phone_masked"], "158****3333");
        // the code is single-use
        problem(
            app.put_json(
                "/api/v1/employer/phone",
                json!({"phone": "15822223333", "code": code}),
                &emp,
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        let res = app
            .put_json(
                "/api/v1/employer/operator",
                json!({"operator_name": "李新"}),
                &emp,
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
        let me = app
            .token("individual", &zcps::seed::demo_id_number(), DEMO_PW)
            .await;
        problem(
            app.get("/api/v1/employer/info", Some(&me)).await,
            403,
            "forbidden",
        )
        .await;
        problem(
            app.put_json(
                "/api/v1/employer/operator",
                json!({"operator_name": ""}),
                &emp,
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
    }
);

dual!(papers_import_from_bibtex_ris_and_scholar, |app| {
    let me = app
        .token("individual", &zcps::seed::demo_id_number(), DEMO_PW)
        .await;
    let bib = "@article{zhang2024,\n  title = {基于深度学习的大坝变形预测方法研究},\n  author = {张明 and 李华},\n  journal = {水利学报},\n  year = {2024},\n  month = may,\n  volume = {55},\n  number = {3},\n  pages = {301--310},\n  doi = {10.13243/j.cnki.slxb.2024.03.005}\n}\n";
    let res = app
        .multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("papers.bib", bib.as_bytes().to_vec())),
            Some(&me),
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
    let import: Value = app
        .multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("x.ris", ris.as_bytes().to_vec())),
            Some(&me),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(import["source"], "ris");
    assert_eq!(import["items"][0]["pages"], "12-20");
    let p = problem(
        app.multipart(
            "/api/v1/archive/papers/parse",
            &[],
            Some(("junk.txt", b"hello world".to_vec())),
            Some(&me),
        )
        .await,
        422,
        "citation_no_entries",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("BibTeX"));
    let res = app
        .post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "zhangming01"}),
            Some(&me),
        )
        .await;
    let import: Value = res.json().await.unwrap();
    assert_eq!(import["items"].as_array().unwrap().len(), 3);
    problem(
        app.post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "有空格 的"}),
            Some(&me),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let emp = app
        .token("employer", &zcps::seed::demo_credit_code(), DEMO_PW)
        .await;
    problem(
        app.post(
            "/api/v1/archive/papers/scholar",
            json!({"scholar_id": "zhangming01"}),
            Some(&emp),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
});

impl TestApp {
    /// Waits (up to 10 s) until the outbox worker has sent an SMS to `phone` containing `text`.
    async fn wait_for_sms(&self, phone: &str, text: &str) -> Vec<String> {
        let admin = self.admin().await;
        for _ in 0..100 {
            let page: Value = self
                .get(&format!("/api/v1/sms-outbox?phone={phone}"), Some(&admin))
                .await
                .json()
                .await
                .unwrap();
            let sent: Vec<String> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["status"] == "sent")
                .map(|m| m["message"]["text"].as_str().unwrap().to_owned())
                .filter(|t| t.contains(text))
                .collect();
            if !sent.is_empty() {
                assert!(sent[0].starts_with("【12333】"));
                return sent;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no SMS to {phone} containing {text}: {:?}",
            self.sms_to(phone).await
        );
    }
}
