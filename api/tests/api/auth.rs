//! Registration, login, lockout, token rotation and logout — on SQLite and PostgreSQL.
use crate::actors::Kind;
use crate::helpers::*;
use serde_json::{Value, json};

dual!(individual_registration_derives_birth_and_gender, |app| {
    let id = id_number(1);
    let res = app.anon().post("/api/v1/auth/register/individual", json!({"name": "徐晓丽", "id_number": id, "phone": "15712346340", "password": "Passw0rd2026"}))
        .await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["role"], "individual");
    assert_eq!(body["phone_masked"], "157****6340");
    assert_eq!(
        body["birth_date"],
        format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14])
    );
    let expected_gender = if (id.as_bytes()[16] - b'0') % 2 == 1 {
        "男"
    } else {
        "女"
    };
    assert_eq!(body["gender"], expected_gender);
    assert!(
        body["id_number_masked"]
            .as_str()
            .unwrap()
            .contains("********")
    );
    // it can log in by ID number and by phone
    app.log_in(Kind::Individual, &id, "Passw0rd2026").await;
    app.log_in(Kind::Individual, "15712346340", "Passw0rd2026")
        .await;
});

dual!(
    individual_registration_rejects_bad_input_and_writes_nothing,
    |app| {
        let before = app.count("accounts").await;
        let bad_check = format!(
            "{}{}",
            &id_number(2)[..17],
            if id_number(2).ends_with('1') {
                '2'
            } else {
                '1'
            }
        );
        let res = app.anon().post("/api/v1/auth/register/individual", json!({"name": "张三", "id_number": bad_check, "phone": "157", "password": "abcdefgh"}))
        .await;
        let body = problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["id_number", "phone", "password"]);
        assert_eq!(
            body["errors"][0]["message"],
            "身份证号码校验位不正确，请核对后重新输入"
        );
        assert_eq!(body["errors"][2]["message"], "密码须同时包含字母和数字");
        // short password alone
        let res = app.anon().post("/api/v1/auth/register/individual", json!({"name": "张三", "id_number": id_number(2), "phone": "15700000002", "password": "a1"}))
        .await;
        let body = problem(res, 422, "validation_failed").await;
        assert_eq!(body["detail"], "密码长度应为8到64位");
        // malformed JSON, wrong types, missing fields, wrong content type
        let res = app
            .anon()
            .request(reqwest::Method::POST, "/api/v1/auth/register/individual")
            .header("content-type", "application/json")
            .body("{\"name\":")
            .send()
            .await
            .unwrap();
        problem(res, 400, "malformed_json").await;
        let res = app
            .anon()
            .post(
                "/api/v1/auth/register/individual",
                json!({"name": 1, "id_number": [], "phone": null, "password": true}),
            )
            .await;
        problem(res, 422, "invalid_field").await;
        let res = app
            .anon()
            .post("/api/v1/auth/register/individual", json!({}))
            .await;
        problem(res, 422, "invalid_field").await;
        let res = app
            .anon()
            .request(reqwest::Method::POST, "/api/v1/auth/register/individual")
            .body("x")
            .send()
            .await
            .unwrap();
        problem(res, 415, "unsupported_media_type").await;
        assert_eq!(app.count("accounts").await, before, "nothing written");
    }
);

dual!(duplicate_id_number_and_phone_conflict, |app| {
    let id = id_number(3);
    let body = json!({"name": "李四", "id_number": id, "phone": "15700000003", "password": "Passw0rd2026"});
    assert_eq!(
        app.anon()
            .post("/api/v1/auth/register/individual", body.clone())
            .await
            .status(),
        201
    );
    problem(
        app.anon()
            .post("/api/v1/auth/register/individual", body)
            .await,
        409,
        "id_number_taken",
    )
    .await;
    let same_phone = json!({"name": "王五", "id_number": id_number(4), "phone": "15700000003", "password": "Passw0rd2026"});
    problem(
        app.anon()
            .post("/api/v1/auth/register/individual", same_phone)
            .await,
        409,
        "phone_taken",
    )
    .await;
    // lower-case x is the same number
    let x_id = "11010519491231002x";
    let b = json!({"name": "赵六", "id_number": x_id, "phone": "15700000005", "password": "Passw0rd2026"});
    assert_eq!(
        app.anon()
            .post("/api/v1/auth/register/individual", b)
            .await
            .status(),
        201
    );
    let b = json!({"name": "赵六", "id_number": "11010519491231002X", "phone": "15700000006", "password": "Passw0rd2026"});
    problem(
        app.anon().post("/api/v1/auth/register/individual", b).await,
        409,
        "id_number_taken",
    )
    .await;
});

dual!(employer_registration_creates_a_pending_unit, |app| {
    let code = credit_code(1);
    let body = json!({"unit_name": "杭州博恩天成软件技术有限公司", "credit_code": code, "operator_name": "王诚", "phone": "15712346399", "password": "Passw0rd2026"});
    let res = app
        .anon()
        .post("/api/v1/auth/register/employer", body.clone())
        .await;
    assert_eq!(res.status(), 201);
    let view: Value = res.json().await.unwrap();
    assert_eq!(view["role"], "employer");
    assert_eq!(view["username"], code);
    assert_eq!(view["name"], "王诚");
    assert_eq!(view["org_unit"]["name"], "杭州博恩天成软件技术有限公司");
    assert_eq!(view["org_unit"]["kind"], "employer");
    problem(
        app.anon()
            .post("/api/v1/auth/register/employer", body)
            .await,
        409,
        "credit_code_taken",
    )
    .await;
    // the demo employer's code is taken too
    let dup = json!({"unit_name": "另一家单位", "credit_code": demo_credit_code(), "operator_name": "甲", "phone": "15712346341", "password": "Passw0rd2026"});
    problem(
        app.anon().post("/api/v1/auth/register/employer", dup).await,
        409,
        "credit_code_taken",
    )
    .await;
    let before = (app.count("accounts").await, app.count("org_units").await);
    let mut bad = code.clone();
    bad.replace_range(17..18, if code.ends_with('0') { "1" } else { "0" });
    let res = app.anon().post("/api/v1/auth/register/employer", json!({"unit_name": "某单位", "credit_code": bad, "operator_name": "甲", "phone": "15712346342", "password": "Passw0rd2026"}))
        .await;
    let p = problem(res, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "credit_code");
    assert_eq!(
        before,
        (app.count("accounts").await, app.count("org_units").await)
    );
    let employer = app
        .log_in(Kind::Employer, &code.to_lowercase(), "Passw0rd2026")
        .await;
    let me: Value = employer.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["phone_masked"], "157****6399");
    // an employer phone is unique (units without a credit code log in with it)
    let same_phone = json!({"unit_name": "第三家单位", "credit_code": credit_code(2), "operator_name": "丁", "phone": "15712346340", "password": "Passw0rd2026"});
    problem(
        app.anon()
            .post("/api/v1/auth/register/employer", same_phone)
            .await,
        409,
        "phone_taken",
    )
    .await;
    assert_eq!(me["org_unit"]["name"], "杭州博恩天成软件技术有限公司");
});

dual!(login_kinds_do_not_mix, |app| {
    let code = demo_credit_code();
    app.log_in(Kind::Employer, &code, DEMO_PW).await;
    problem(
        app.login("individual", &code, DEMO_PW).await,
        401,
        "invalid_credentials",
    )
    .await;
    problem(
        app.login("staff", &code, DEMO_PW).await,
        401,
        "invalid_credentials",
    )
    .await;
    problem(
        app.login("employer", "admin", "Admin12345").await,
        401,
        "invalid_credentials",
    )
    .await;
    problem(
        app.login("staff", "nobody", DEMO_PW).await,
        401,
        "invalid_credentials",
    )
    .await;
    let me: Value = app
        .staff("nb_slj")
        .await
        .get("/api/v1/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "competent");
    assert_eq!(me["org_unit"]["name"], "宁波市水利局");
});

dual!(five_failed_logins_lock_for_fifteen_minutes, |app| {
    for _ in 0..4 {
        problem(
            app.login("staff", "nb_hrss", "Wrong1234").await,
            401,
            "invalid_credentials",
        )
        .await;
    }
    let p = problem(
        app.login("staff", "nb_hrss", "Wrong1234").await,
        423,
        "account_locked",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("15 分钟"), "{p}");
    // even the right password is refused while locked, with the minutes left
    let p = problem(
        app.login("staff", "nb_hrss", DEMO_PW).await,
        423,
        "account_locked",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("分钟后重试"));
    // other accounts are unaffected
    app.staff("nb_slj").await;
    // after the lock has passed, the right password works and resets the counter
    app.db_exec("UPDATE accounts SET locked_until = NULL WHERE username = 'nb_hrss'")
        .await;
    app.staff("nb_hrss").await;
});

dual!(a_successful_login_resets_the_failure_count, |app| {
    for _ in 0..4 {
        problem(
            app.login("staff", "nb_slj", "Wrong1234").await,
            401,
            "invalid_credentials",
        )
        .await;
    }
    app.staff("nb_slj").await;
    for _ in 0..4 {
        problem(
            app.login("staff", "nb_slj", "Wrong1234").await,
            401,
            "invalid_credentials",
        )
        .await;
    }
    app.staff("nb_slj").await;
});

dual!(refresh_rotates_and_reuse_revokes_the_family, |app| {
    let first = app.staff("nb_slj").await;
    let r1 = first.refresh_token();
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", json!({"refresh_token": r1}))
        .await;
    assert_eq!(res.status(), 200);
    let second: Value = res.json().await.unwrap();
    let r2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2);
    assert_eq!(
        app.bearer(second["access_token"].as_str().unwrap())
            .get("/api/v1/me")
            .await
            .status(),
        200
    );
    // replaying the rotated token revokes the family: r2 stops working too
    problem(
        app.anon()
            .post("/api/v1/auth/refresh", json!({"refresh_token": r1}))
            .await,
        401,
        "refresh_token_reused",
    )
    .await;
    problem(
        app.anon()
            .post("/api/v1/auth/refresh", json!({"refresh_token": r2}))
            .await,
        401,
        "invalid_refresh_token",
    )
    .await;
    problem(
        app.anon()
            .post("/api/v1/auth/refresh", json!({"refresh_token": "nonsense"}))
            .await,
        401,
        "invalid_refresh_token",
    )
    .await;
});

dual!(concurrent_refreshes_of_one_token_one_wins, |app| {
    let pair = app.staff("nb_slj").await;
    let r = pair.refresh_token().to_owned();
    let anon = app.anon();
    let (a, b) = tokio::join!(
        anon.post("/api/v1/auth/refresh", json!({"refresh_token": r})),
        anon.post("/api/v1/auth/refresh", json!({"refresh_token": r}))
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 401]);
});

dual!(logout_revokes_the_refresh_token, |app| {
    let pair = app.individual().await;
    let r = pair.refresh_token();
    assert_eq!(
        app.anon()
            .post("/api/v1/auth/logout", json!({"refresh_token": r}))
            .await
            .status(),
        204
    );
    problem(
        app.anon()
            .post("/api/v1/auth/refresh", json!({"refresh_token": r}))
            .await,
        401,
        "invalid_refresh_token",
    )
    .await;
    // logging out twice, or with an unknown token, is harmless
    assert_eq!(
        app.anon()
            .post("/api/v1/auth/logout", json!({"refresh_token": r}))
            .await
            .status(),
        204
    );
});

dual!(missing_forged_and_expired_tokens_get_401, |app| {
    problem(app.anon().get("/api/v1/me").await, 401, "unauthorized").await;
    problem(
        app.bearer("not.a.jwt").get("/api/v1/me").await,
        401,
        "invalid_token",
    )
    .await;
    let forged = JwtKeys::new("ffffffffffffffffffffffffffffffffffff", 900).issue(
        uuid::Uuid::now_v7(),
        Role::Admin,
        None,
    );
    problem(
        app.bearer(&forged).get("/api/v1/org-units").await,
        401,
        "invalid_token",
    )
    .await;
    let res = app
        .anon()
        .request(reqwest::Method::GET, "/api/v1/me")
        .header("authorization", "Basic YWRtaW46YWRtaW4=")
        .send()
        .await
        .unwrap();
    problem(res, 401, "unauthorized").await;
});
