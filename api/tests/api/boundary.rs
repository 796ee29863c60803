//! The HTTP boundary: control characters refused everywhere with a 422 problem and nothing
//! written, and multipart requests capped before they are read — on SQLite and PostgreSQL.
use serde_json::json;

use crate::fixtures::JPEG;
use crate::helpers::*;

dual!(
    nul_in_json_is_refused_on_public_and_private_endpoints,
    |app| {
        let accounts = app.count("accounts").await;
        let anon = app.anon();
        let p = problem(
            anon.post(
                "/api/v1/auth/login",
                json!({"account_kind": "staff", "username": "nb\u{0}hrss", "password": "x"}),
            )
            .await,
            422,
            "control_characters",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "username");
        let p = problem(
        anon.post(
            "/api/v1/auth/register/individual",
            json!({"name": "张\u{0}三", "id_number": id_number(7), "phone": "15700000777", "password": PW}),
        )
        .await,
        422,
        "control_characters",
    )
    .await;
        assert_eq!(p["errors"][0]["field"], "name");
        assert_eq!(app.count("accounts").await, accounts);
        // nested strings are named by their path; other control characters count too
        let me = app.individual().await;
        let p = problem(
        me.post(
            "/api/v1/archive/records",
            json!({"category": "education", "data": {"start_date": "2008-09-01", "end_date": "2012-06-30", "school": "河海\u{1b}大学", "major": "水利", "education_level": "大学本科"}}),
        )
        .await,
        422,
        "control_characters",
    )
    .await;
        assert_eq!(p["errors"][0]["field"], "data.school");
        assert_eq!(app.count("archive_records").await, 0);
        // line breaks and tabs in long texts are fine
        let employer = app.unit_id("宁波市水利规划设计研究院有限公司").await;
        let res = me
            .put(
                "/api/v1/profile",
                json!({"employer_id": employer, "ethnicity": "汉族", "birthplace": "浙江\t宁波"}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
);

dual!(nul_in_query_and_path_is_refused, |app| {
    let admin = app.admin().await;
    for path in [
        "/api/v1/org-units?q=%00",
        "/api/v1/employers?q=%E5%AE%81%00",
        "/api/v1/public/departments?q=a%1Fb",
        "/api/v1/org-units/%00",
    ] {
        problem(admin.get(path).await, 422, "control_characters").await;
    }
    // percent-encoded Chinese is not mistaken for a control character
    assert_eq!(
        admin
            .get("/api/v1/org-units?q=%E5%AE%81%E6%B3%A2")
            .await
            .status(),
        200
    );
});

dual!(multipart_text_with_nul_writes_no_file, |app| {
    let hrss = app.unit_id("宁波市人力资源和社会保障局").await;
    let files = app.count("files").await;
    let fields = [
        ("unit_name", "某\u{0}筹建处".to_owned()),
        ("operator_name", "陈筹".to_owned()),
        ("phone", "15811119999".to_owned()),
        ("password", PW.to_owned()),
        ("hrss_unit_id", hrss),
        ("agreed", "true".to_owned()),
    ];
    let p = problem(
        app.anon()
            .multipart(
                "/api/v1/auth/register/employer-without-code",
                &fields,
                Some(("证件.jpg", JPEG.to_vec())),
            )
            .await,
        422,
        "control_characters",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "unit_name");
    assert_eq!(app.count("files").await, files);
    assert_eq!(app.count("accounts WHERE phone = '15811119999'").await, 0);
});

dual!(multipart_requests_are_capped_before_they_are_read, |app| {
    let anon = app.anon();
    // many small fields: refused after the first sixteen parts
    let mut form = reqwest::multipart::Form::new();
    for i in 0..40 {
        form = form.text(format!("f{i}"), "x".repeat(1024));
    }
    let res = anon
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/register/employer-without-code",
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    problem(res, 400, "bad_request").await;
    // a declared size over the cap: refused from the header alone
    let res = anon
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/register/employer-without-code",
        )
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", (12 * 1024 * 1024).to_string())
        .body(vec![b'x'; 16])
        .send()
        .await;
    // the server answers without waiting for 12 MB (the client may see the answer or a reset)
    if let Ok(res) = res {
        problem(res, 413, "payload_too_large").await;
    }
    assert_eq!(app.count("files").await, 0);
});
