//! Employer onboarding under concurrent requests — one phone, one employer account; a refused
//! registration leaves no stored certificate behind — on SQLite and PostgreSQL.
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::actors::{Actor, Kind};
use crate::fixtures::JPEG;
use crate::fixtures::employer::{decide_application, pending_applications};
use crate::helpers::*;

/// Concurrent requests a race test fires.
const N: u32 = 10;

/// Registers the n-th racing unit with a credit code (`credit_code(700 + n)`) and `phone`.
async fn register_with_code(app: &TestApp, n: u32, phone: &str) -> reqwest::Response {
    app.anon()
        .post(
            "/api/v1/auth/register/employer",
            json!({"unit_name": format!("并发注册单位{n}"), "credit_code": credit_code(700 + n),
                   "operator_name": "赵并", "phone": phone, "password": PW}),
        )
        .await
}

/// Registers the n-th racing unit without a credit code under the HRSS unit `hrss`.
async fn register_without_code(
    app: &TestApp,
    n: u32,
    phone: &str,
    hrss: &str,
    certificate: &[u8],
) -> reqwest::Response {
    let fields = [
        ("unit_name", format!("并发筹建处{n}")),
        ("operator_name", "钱筹".to_owned()),
        ("phone", phone.to_owned()),
        ("password", PW.to_owned()),
        ("hrss_unit_id", hrss.to_owned()),
        ("agreed", "true".to_owned()),
    ];
    app.anon()
        .multipart(
            "/api/v1/auth/register/employer-without-code",
            &fields,
            Some(("证件.jpg", certificate.to_vec())),
        )
        .await
}

async fn employer_accounts_with_phone(app: &TestApp, phone: &str) -> i64 {
    app.count(&format!(
        "accounts WHERE role = 'employer' AND phone = '{phone}'"
    ))
    .await
}

/// The latest SMS code sent to `phone` (from the administrator's outbox view, newest first).
async fn sms_code_sent_to(app: &TestApp, phone: &str) -> String {
    app.sms_to(phone).await[0]
        .split("验证码 ")
        .nth(1)
        .unwrap()
        .chars()
        .take(6)
        .collect()
}

/// The storage keys of the registration certificates the `files` table records.
async fn registration_file_keys(app: &TestApp) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    app.db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT storage_key FROM files WHERE purpose = 'registration'",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "storage_key").unwrap())
        .collect()
}

/// Counts the 201s (or `ok` statuses); asserts every other answer is 409 `phone_taken`.
async fn succeeded_else_phone_taken(responses: Vec<reqwest::Response>, ok: u16) -> usize {
    let mut succeeded = 0;
    for res in responses {
        if res.status().as_u16() == ok {
            succeeded += 1;
        } else {
            problem(res, 409, "phone_taken").await;
        }
    }
    succeeded
}

dual!(
    concurrent_registrations_with_a_credit_code_and_one_phone,
    |app| {
        let phone = "15866660001";
        let responses = join_all((0..N).map(|n| register_with_code(&app, n, phone))).await;
        assert_eq!(succeeded_else_phone_taken(responses, 201).await, 1);
        assert_eq!(employer_accounts_with_phone(&app, phone).await, 1);
        // the one account logs in by its phone
        app.log_in(Kind::Employer, phone, PW).await;
    }
);

dual!(
    concurrent_registrations_without_a_code_and_one_phone_leave_one_file,
    |app| {
        let phone = "15866660002";
        let hrss = app.unit_id("宁波市人力资源和社会保障局").await;
        let responses =
            join_all((0..N).map(|n| register_without_code(&app, n, phone, &hrss, JPEG))).await;
        assert_eq!(succeeded_else_phone_taken(responses, 201).await, 1);
        assert_eq!(employer_accounts_with_phone(&app, phone).await, 1);
        // the refused registrations left neither a files row nor a stored object
        let keys = registration_file_keys(&app).await;
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert_eq!(app.stored_objects("registration"), 1);
        // once approved, the unit logs in by its phone
        problem(
            app.login("employer", phone, PW).await,
            403,
            "registration_pending",
        )
        .await;
        let nb_hrss = app.staff("nb_hrss").await;
        let pending = pending_applications(&nb_hrss, "registration").await;
        assert_eq!(pending["total"], 1);
        let id = pending["items"][0]["id"].as_str().unwrap();
        assert_eq!(
            decide_application(&nb_hrss, id, "approve", None)
                .await
                .status(),
            200
        );
        app.log_in(Kind::Employer, phone, PW).await;
    }
);

dual!(
    concurrent_registrations_by_both_paths_and_one_phone,
    |app| {
        let phone = "15866660003";
        let hrss = app.unit_id("宁波市人力资源和社会保障局").await;
        let with_code = join_all((0..N / 2).map(|n| register_with_code(&app, n, phone)));
        let without =
            join_all((0..N / 2).map(|n| register_without_code(&app, n, phone, &hrss, JPEG)));
        let (a, b) = futures_util::future::join(with_code, without).await;
        let created =
            succeeded_else_phone_taken(a, 201).await + succeeded_else_phone_taken(b, 201).await;
        assert_eq!(created, 1);
        assert_eq!(employer_accounts_with_phone(&app, phone).await, 1);
        let keys = registration_file_keys(&app).await;
        assert!(keys.len() <= 1, "{keys:?}");
        assert_eq!(app.stored_objects("registration"), keys.len());
    }
);

dual!(
    a_refused_registration_without_a_code_stores_nothing,
    |app| {
        let hrss = app.unit_id("宁波市人力资源和社会保障局").await;
        let res = register_without_code(&app, 1, "15866660004", &hrss, JPEG).await;
        assert_eq!(res.status(), 201);
        // the demo employer's phone and the phone just registered are refused
        for phone in ["15712346340", "15866660004"] {
            problem(
                register_without_code(&app, 2, phone, &hrss, JPEG).await,
                409,
                "phone_taken",
            )
            .await;
        }
        // so is a certificate that is not a JPEG
        problem(
            register_without_code(&app, 3, "15866660005", &hrss, b"%PDF-1.4\n%%EOF\n").await,
            422,
            "file_type_not_allowed",
        )
        .await;
        assert_eq!(registration_file_keys(&app).await.len(), 1);
        assert_eq!(app.stored_objects("registration"), 1);
        assert_eq!(app.count("employer_applications").await, 1);
    }
);

/// Asks for a phone-change code to `phone` as `employer` and returns it.
async fn phone_code(app: &TestApp, employer: &Actor, phone: &str) -> String {
    let res = employer
        .post("/api/v1/employer/phone/code", json!({"phone": phone}))
        .await;
    assert_eq!(res.status(), 202);
    sms_code_sent_to(app, phone).await
}

dual!(
    a_phone_change_to_another_employers_phone_is_refused,
    |app| {
        let emp = app.employer().await;
        let phone = "15866660006";
        let code = phone_code(&app, &emp, phone).await;
        // another employer takes the phone between the code and the change
        assert_eq!(register_with_code(&app, 1, phone).await.status(), 201);
        problem(
            emp.put(
                "/api/v1/employer/phone",
                json!({"phone": phone, "code": code}),
            )
            .await,
            409,
            "phone_taken",
        )
        .await;
        let info: Value = emp.get("/api/v1/employer/info").await.json().await.unwrap();
        assert_eq!(info["phone_masked"], "157****6340");
        assert_eq!(info["changes"].as_array().unwrap().len(), 0);
        assert_eq!(employer_accounts_with_phone(&app, phone).await, 1);
    }
);

dual!(concurrent_phone_changes_to_one_phone, |app| {
    // several employers, each with a valid code for the same new phone
    let phone = "15866660007";
    let mut changes = vec![];
    for n in 0..4u32 {
        assert_eq!(
            register_with_code(&app, n, &format!("1586666100{n}"))
                .await
                .status(),
            201
        );
        let employer = app.log_in(Kind::Employer, &credit_code(700 + n), PW).await;
        let code = phone_code(&app, &employer, phone).await;
        changes.push((employer, code));
    }
    let responses = join_all(changes.iter().map(|(employer, code)| {
        employer.put(
            "/api/v1/employer/phone",
            json!({"phone": phone, "code": code}),
        )
    }))
    .await;
    assert_eq!(succeeded_else_phone_taken(responses, 200).await, 1);
    assert_eq!(employer_accounts_with_phone(&app, phone).await, 1);
    assert_eq!(app.count("account_changes").await, 1);
    app.log_in(Kind::Employer, phone, PW).await;
});
