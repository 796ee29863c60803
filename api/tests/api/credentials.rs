//! Credentials under pressure: the login lockout and one-time SMS codes (修改手机号, 忘记密码)
//! with requests fired concurrently, remaining attempts, and the password reset — on SQLite
//! and PostgreSQL.
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::actors::Kind;
use crate::helpers::*;

async fn statuses(responses: Vec<reqwest::Response>) -> Vec<u16> {
    responses.iter().map(|r| r.status().as_u16()).collect()
}

fn count(of: &[u16], status: u16) -> usize {
    of.iter().filter(|s| **s == status).count()
}

dual!(a_wrong_password_says_how_many_attempts_remain, |app| {
    let p = problem(
        app.login("staff", "nb_slj", "Wrong1234").await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(p["remaining_attempts"], 4, "{p}");
    assert!(
        p["detail"].as_str().unwrap().contains("还可尝试 4 次"),
        "{p}"
    );
    // an unknown user learns nothing about attempts
    let p = problem(
        app.login("staff", "nobody_here", "Wrong1234").await,
        401,
        "invalid_credentials",
    )
    .await;
    assert!(p.get("remaining_attempts").is_none(), "{p}");
});

dual!(parallel_guesses_check_at_most_five_passwords, |app| {
    let wrong = (0..63).map(|_| app.login("staff", "nb_hrss", "Wrong1234"));
    let got = statuses(join_all(wrong).await).await;
    assert_eq!(count(&got, 401), 4, "{got:?}");
    assert_eq!(count(&got, 423), 59, "{got:?}");
    // the right password is refused while the lock holds
    problem(
        app.login("staff", "nb_hrss", DEMO_PW).await,
        423,
        "account_locked",
    )
    .await;
});

dual!(
    the_right_password_racing_wrong_ones_never_lifts_a_lock,
    |app| {
        let mut all: Vec<_> = (0..63)
            .map(|_| app.login("staff", "nb_hrss", "Wrong1234"))
            .collect();
        all.push(app.login("staff", "nb_hrss", DEMO_PW));
        let got = statuses(join_all(all).await).await;
        assert!(got.iter().all(|s| [200, 401, 423].contains(s)), "{got:?}");
        assert!(count(&got, 200) <= 1, "{got:?}");
        if count(&got, 200) == 0 {
            // the right password came too late: at most five were checked, and the lock holds
            assert!(count(&got, 401) <= 4, "{got:?}");
            problem(
                app.login("staff", "nb_hrss", DEMO_PW).await,
                423,
                "account_locked",
            )
            .await;
        } else {
            // it came within the first five tries: it gave those back, no more
            assert!(count(&got, 401) <= 8, "{got:?}");
        }
    }
);

dual!(rounds_of_parallel_guesses_leave_the_account_locked, |app| {
    for _ in 0..5 {
        let round = (0..8).map(|_| app.login("staff", "nb_slj", "Wrong1234"));
        let got = statuses(join_all(round).await).await;
        assert!(got.iter().all(|s| *s == 401 || *s == 423), "{got:?}");
    }
    problem(
        app.login("staff", "nb_slj", DEMO_PW).await,
        423,
        "account_locked",
    )
    .await;
});

/// The six-digit code of the newest SMS to `phone` containing `text`.
async fn code_sent(app: &TestApp, phone: &str, text: &str) -> String {
    let texts = app.wait_for_sms(phone, text).await;
    texts[0]
        .split("验证码 ")
        .nth(1)
        .unwrap()
        .chars()
        .take(6)
        .collect()
}

dual!(parallel_code_requests_send_one_sms, |app| {
    let emp = app.employer().await;
    let sends = (0..20).map(|_| {
        emp.post(
            "/api/v1/employer/phone/code",
            json!({"phone": "15833334444"}),
        )
    });
    let got = statuses(join_all(sends).await).await;
    assert_eq!(count(&got, 202), 1, "{got:?}");
    assert_eq!(count(&got, 429), 19, "{got:?}");
    assert_eq!(app.count("sms_codes").await, 1);
    assert_eq!(app.sms_to("15833334444").await.len(), 1);
});

dual!(parallel_wrong_codes_are_checked_five_times_at_most, |app| {
    let emp = app.employer().await;
    let res = emp
        .post(
            "/api/v1/employer/phone/code",
            json!({"phone": "15833335555"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let code = code_sent(&app, "15833335555", "验证码").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guesses = (0..80).map(|_| {
        emp.put(
            "/api/v1/employer/phone",
            json!({"phone": "15833335555", "code": wrong}),
        )
    });
    let answers = join_all(guesses).await;
    let mut compared = 0;
    for res in answers {
        let p = problem(res, 422, "validation_failed").await;
        let msg = p["errors"][0]["message"].as_str().unwrap().to_owned();
        if msg.contains("不正确") {
            compared += 1;
        }
    }
    assert_eq!(compared, 5);
    // the code is spent: even the right one no longer works
    problem(
        emp.put(
            "/api/v1/employer/phone",
            json!({"phone": "15833335555", "code": code}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let info: Value = emp.get("/api/v1/employer/info").await.json().await.unwrap();
    assert_ne!(info["phone_masked"], "158****5555");
});

dual!(parallel_uses_of_one_code_change_the_phone_once, |app| {
    let emp = app.employer().await;
    emp.post(
        "/api/v1/employer/phone/code",
        json!({"phone": "15833336666"}),
    )
    .await;
    let code = code_sent(&app, "15833336666", "验证码").await;
    let uses = (0..10).map(|_| {
        emp.put(
            "/api/v1/employer/phone",
            json!({"phone": "15833336666", "code": code}),
        )
    });
    let got = statuses(join_all(uses).await).await;
    // one wins; the others find the code used up or spent, or the phone already bound
    assert_eq!(count(&got, 200), 1, "{got:?}");
    assert_eq!(count(&got, 422) + count(&got, 409), 9, "{got:?}");
    assert_eq!(app.count("account_changes").await, 1);
});

dual!(forgotten_password_is_reset_with_an_sms_code, |app| {
    let me = app.individual().await;
    let id = me.login().to_owned();
    let anon = app.anon();
    let res = anon
        .post(
            "/api/v1/auth/password-reset/code",
            json!({"account_kind": "individual", "username": id}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let sent: Value = res.json().await.unwrap();
    assert_eq!(sent["phone_masked"], "139****0001");
    assert_eq!(sent["resend_after_seconds"], 60);
    // a second request within a minute is refused with Retry-After
    let res = anon
        .post(
            "/api/v1/auth/password-reset/code",
            json!({"account_kind": "individual", "username": "13900000001"}),
        )
        .await;
    assert_eq!(res.headers()["retry-after"], "60");
    problem(res, 429, "too_many_codes").await;
    let code = code_sent(&app, "13900000001", "重设").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let reset = |code: &str, pw: &str| json!({"account_kind": "individual", "username": id, "code": code, "new_password": pw});
    let p = problem(
        anon.post("/api/v1/auth/password-reset", reset(wrong, "N3wPassw0rd"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(
        p["detail"].as_str().unwrap().contains("还可尝试 4 次"),
        "{p}"
    );
    // a weak password is refused before the code is spent
    problem(
        anon.post("/api/v1/auth/password-reset", reset(&code, "short"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    let res = anon
        .post("/api/v1/auth/password-reset", reset(&code, "N3wPassw0rd"))
        .await;
    assert_eq!(res.status(), 204);
    // the code is single-use, the old password and the old session are gone
    problem(
        anon.post("/api/v1/auth/password-reset", reset(&code, "Other0ne99"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    problem(
        app.login("individual", &id, DEMO_PW).await,
        401,
        "invalid_credentials",
    )
    .await;
    let res = anon
        .post(
            "/api/v1/auth/refresh",
            json!({"refresh_token": me.refresh_token()}),
        )
        .await;
    assert_eq!(res.status(), 401);
    app.log_in(Kind::Individual, &id, "N3wPassw0rd").await;
});

dual!(password_reset_refuses_staff_and_unknown_accounts, |app| {
    let anon = app.anon();
    let p = problem(
        anon.post(
            "/api/v1/auth/password-reset/code",
            json!({"account_kind": "staff", "username": "nb_hrss"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("管理员"), "{p}");
    problem(
        anon.post(
            "/api/v1/auth/password-reset/code",
            json!({"account_kind": "employer", "username": "13799999999"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.count("sms_codes").await, 0);
});

dual!(a_password_reset_lifts_a_login_lock, |app| {
    let credit = demo_credit_code();
    let phone = "15712346340";
    for _ in 0..5 {
        app.login("employer", &credit, "Wrong1234").await;
    }
    problem(
        app.login("employer", &credit, DEMO_PW).await,
        423,
        "account_locked",
    )
    .await;
    let res = app
        .anon()
        .post(
            "/api/v1/auth/password-reset/code",
            json!({"account_kind": "employer", "username": credit}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let sent: Value = res.json().await.unwrap();
    assert_eq!(sent["phone_masked"], "157****6340");
    let code = code_sent(&app, phone, "重设").await;
    let res = app
        .anon()
        .post(
            "/api/v1/auth/password-reset",
            json!({"account_kind": "employer", "username": credit, "code": code, "new_password": "N3wPassw0rd"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    app.log_in(Kind::Employer, &credit, "N3wPassw0rd").await;
});
