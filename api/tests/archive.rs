//! The achievement archive and the employer's review — on SQLite and PostgreSQL.
mod common;

use common::*;
use serde_json::{Value, json};

fn education() -> Value {
    json!({"category": "education", "data": {"start_date": "2008-09-01", "end_date": "2012-06-30", "school": "河海大学", "major": "水利水电工程", "education_level": "大学本科", "degree": "学士", "highest": true}})
}
fn work() -> Value {
    json!({"category": "work_history", "data": {"start_date": "2012-07-01", "end_date": null, "unit": "宁波市水利规划设计研究院有限公司", "post": "工程师", "work_content": "水工结构设计与审查", "referee": "王诚"}})
}
fn assessment(year: i32) -> Value {
    json!({"category": "assessment", "data": {"year": year, "result": "优秀", "assessing_unit": "宁波市水利规划设计研究院有限公司"}})
}

impl TestApp {
    async fn create(&self, token: &str, body: Value) -> Value {
        let res = self
            .post("/api/v1/archive/records", body, Some(token))
            .await;
        assert_eq!(res.status(), 201);
        res.json().await.unwrap()
    }
    async fn decide(
        &self,
        token: &str,
        id: &str,
        decision: &str,
        comment: Option<&str>,
    ) -> reqwest::Response {
        self.post(
            &format!("/api/v1/archive/review/records/{id}/decision"),
            json!({"decision": decision, "comment": comment}),
            Some(token),
        )
        .await
    }
    /// Registers an individual and binds them to the demo employer; returns their token.
    async fn bound_individual(&self, n: u32) -> String {
        let id = id_number(n);
        let phone = format!("1590000{:04}", n);
        let res = self.post("/api/v1/auth/register/individual", json!({"name": format!("测试{n}"), "id_number": id, "phone": phone, "password": "Passw0rd2026"}), None).await;
        assert_eq!(res.status(), 201);
        let token = self.token("individual", &id, "Passw0rd2026").await;
        let emp = self.unit_id("宁波市水利规划设计研究院有限公司").await;
        let res = self
            .put_json(
                "/api/v1/profile",
                json!({"employer_id": emp, "ethnicity": "汉族"}),
                &token,
            )
            .await;
        assert_eq!(res.status(), 200);
        token
    }
}

dual!(submit_review_return_fix_and_approve, |app| {
    let me = app.individual().await;
    let emp = app.employer().await;
    let edu = app.create(&me, education()).await;
    assert_eq!(edu["status"], "pending");
    assert_eq!(edu["status_label"], "待审核");
    assert_eq!(edu["title"], "河海大学 · 大学本科/学士");
    let w = app.create(&me, work()).await;
    let a = app.create(&me, assessment(2024)).await;

    // the employer's menu counts and the tab counts
    let summary: Value = app
        .get("/api/v1/archive/review/summary", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["pending_records"], 3);
    assert_eq!(summary["categories"][0]["label"], "教育经历");
    assert_eq!(summary["categories"][0]["pending"], 1);
    assert_eq!(summary["categories"].as_array().unwrap().len(), 17);
    let list: Value = app
        .get(
            "/api/v1/archive/review/records?category=education&status=pending",
            Some(&emp),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["counts"],
        json!({"pending": 1, "approved": 0, "rejected": 0, "returned": 0, "all": 1})
    );
    assert_eq!(list["items"][0]["owner"]["name"], "张明");
    assert!(
        list["items"][0]["owner"]["id_number_masked"]
            .as_str()
            .unwrap()
            .contains("****")
    );
    // fuzzy search by name and by ID-number fragment
    let by_name: Value = app
        .get("/api/v1/archive/review/records?q=张", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name["total"], 3);
    let by_id: Value = app
        .get(
            &format!(
                "/api/v1/archive/review/records?q={}",
                &zcps::seed::demo_id_number()[6..14]
            ),
            Some(&emp),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_id["total"], 3);
    let nobody: Value = app
        .get("/api/v1/archive/review/records?q=李", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nobody["total"], 0);

    // approve two, return one with what to fix
    assert_eq!(
        app.decide(&emp, edu["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.decide(&emp, a["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );
    let p = problem(
        app.decide(&emp, w["id"].as_str().unwrap(), "return", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "comment");
    let res = app
        .decide(
            &emp,
            w["id"].as_str().unwrap(),
            "return",
            Some("请补充证明人联系方式"),
        )
        .await;
    assert_eq!(res.status(), 200);

    // the applicant sees the returned comment and a notification
    let mine: Value = app
        .get(
            &format!("/api/v1/archive/records/{}", w["id"].as_str().unwrap()),
            Some(&me),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["status"], "returned");
    assert_eq!(mine["review_comment"], "请补充证明人联系方式");
    let notes: Value = app
        .get("/api/v1/notifications", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(notes["unread"], 3);
    let marked: Value = app
        .post("/api/v1/notifications/read-all", json!({}), Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(marked["updated"], 3);
    let notes: Value = app
        .get("/api/v1/notifications", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (notes["unread"].as_u64(), notes["total"].as_u64()),
        (Some(0), Some(3))
    );

    // fix and resubmit: back to pending at the employer
    let mut fixed = work();
    fixed["data"]["referee"] = json!("王诚 13800000000");
    let res = app
        .put_json(
            &format!("/api/v1/archive/records/{}", w["id"].as_str().unwrap()),
            json!({"version": mine["version"], "content": fixed}),
            &me,
        )
        .await;
    assert_eq!(res.status(), 200);
    let resubmitted: Value = res.json().await.unwrap();
    assert_eq!(resubmitted["status"], "pending");
    assert_eq!(
        app.decide(&emp, w["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );

    let logs: Value = app
        .get(
            &format!("/api/v1/archive/records/{}/logs", w["id"].as_str().unwrap()),
            Some(&emp),
        )
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = logs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["submit", "return", "resubmit", "approve"]);
    assert_eq!(logs[1]["comment"], "请补充证明人联系方式");
    assert!(
        logs[1]["actor"]
            .as_str()
            .unwrap()
            .starts_with("宁波市水利规划设计研究院有限公司")
    );

    let list: Value = app
        .get("/api/v1/archive/records", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["counts"]["approved"], 3);
    let summary: Value = app
        .get("/api/v1/archive/summary", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary.as_array().unwrap().len(), 17);
    assert_eq!(summary[1]["label"], "工作经历");
    assert_eq!(
        summary[1]["counts"],
        json!({"pending": 0, "approved": 1, "rejected": 0, "returned": 0, "all": 1})
    );
    assert_eq!(summary[8]["counts"]["all"], 0);
});

dual!(owner_rules_for_edit_and_delete, |app| {
    let me = app.individual().await;
    let emp = app.employer().await;
    let a = app.create(&me, assessment(2023)).await;
    let id = a["id"].as_str().unwrap();
    // a pending record can be edited (stays pending) — a stale version is a 409
    assert_eq!(
        app.put_json(
            &format!("/api/v1/archive/records/{id}"),
            json!({"version": 1, "content": assessment(2022)}),
            &me
        )
        .await
        .status(),
        200
    );
    problem(
        app.put_json(
            &format!("/api/v1/archive/records/{id}"),
            json!({"version": 1, "content": assessment(2021)}),
            &me,
        )
        .await,
        409,
        "version_conflict",
    )
    .await;
    // the category cannot change
    problem(
        app.put_json(
            &format!("/api/v1/archive/records/{id}"),
            json!({"content": work()}),
            &me,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    // approved: frozen, cannot be deleted
    assert_eq!(app.decide(&emp, id, "approve", None).await.status(), 200);
    let p = problem(
        app.put_json(
            &format!("/api/v1/archive/records/{id}"),
            json!({"content": assessment(2020)}),
            &me,
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    assert_eq!(p["detail"], "已通过审核的业绩已锁定，不能修改");
    problem(
        app.delete(&format!("/api/v1/archive/records/{id}"), &me)
            .await,
        409,
        "record_locked",
    )
    .await;
    // a decided record cannot be decided again
    problem(
        app.decide(&emp, id, "reject", Some("重复")).await,
        409,
        "already_reviewed",
    )
    .await;
    // rejected: cannot be edited, can be deleted
    let b = app.create(&me, assessment(2019)).await;
    let bid = b["id"].as_str().unwrap();
    assert_eq!(
        app.decide(&emp, bid, "reject", Some("考核表与档案不符"))
            .await
            .status(),
        200
    );
    problem(
        app.put_json(
            &format!("/api/v1/archive/records/{bid}"),
            json!({"content": assessment(2019)}),
            &me,
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    assert_eq!(
        app.delete(&format!("/api/v1/archive/records/{bid}"), &me)
            .await
            .status(),
        204
    );
    problem(
        app.get(&format!("/api/v1/archive/records/{bid}"), Some(&me))
            .await,
        404,
        "not_found",
    )
    .await;
    // returned: cannot be deleted
    let c = app.create(&me, assessment(2018)).await;
    let cid = c["id"].as_str().unwrap();
    assert_eq!(
        app.decide(&emp, cid, "return", Some("请上传考核表"))
            .await
            .status(),
        200
    );
    problem(
        app.delete(&format!("/api/v1/archive/records/{cid}"), &me)
            .await,
        409,
        "record_locked",
    )
    .await;
});

dual!(bad_records_are_refused_and_nothing_is_written, |app| {
    let me = app.individual().await;
    let before = app.count("archive_records").await;
    let p = problem(app.post("/api/v1/archive/records", json!({"category": "education", "data": {"start_date": "2012-09-01", "end_date": "2008-06-30", "school": "", "major": "m", "education_level": "大学本科"}}), Some(&me)).await, 422, "validation_failed").await;
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
    problem(app.post("/api/v1/archive/records", json!({"category": "work_history", "data": {"start_date": "2099-01-01", "unit": "u", "post": "p", "work_content": "c"}}), Some(&me)).await, 422, "validation_failed").await;
    problem(app.post("/api/v1/archive/records", json!({"category": "training", "data": {"start_date": "2024-01-01", "end_date": "2024-01-02", "course": "c", "organiser": "o", "hours": -2, "kind": "专业科目"}}), Some(&me)).await, 422, "validation_failed").await;
    problem(app.post("/api/v1/archive/records", json!({"category": "patent", "data": {"kind": "发明专利", "title": "t", "number": "n", "grant_date": "2024-01-01", "rank": 5, "total": 2}}), Some(&me)).await, 422, "validation_failed").await;
    problem(
        app.post(
            "/api/v1/archive/records",
            json!({"category": "assessment", "data": {"year": 2024, "result": "很好"}}),
            Some(&me),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    problem(
        app.post(
            "/api/v1/archive/records",
            json!({"category": "spaceflight", "data": {}}),
            Some(&me),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(app.count("archive_records").await, before);
    // an unbound individual is told to bind an employer first
    let id = id_number(40);
    assert_eq!(app.post("/api/v1/auth/register/individual", json!({"name": "未绑定", "id_number": id, "phone": "15900000040", "password": "Passw0rd2026"}), None).await.status(), 201);
    let t = app.token("individual", &id, "Passw0rd2026").await;
    problem(
        app.post("/api/v1/archive/records", assessment(2024), Some(&t))
            .await,
        422,
        "employer_not_bound",
    )
    .await;
    // wrong roles
    let emp = app.employer().await;
    problem(
        app.post("/api/v1/archive/records", assessment(2024), Some(&emp))
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.get("/api/v1/archive/review/summary", Some(&me)).await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.get(
            "/api/v1/archive/review/records",
            Some(&app.staff("nb_hrss").await),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": [], "decision": "approve"}),
            Some(&emp),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
});

dual!(records_are_scoped_to_owner_and_employer, |app| {
    let me = app.individual().await;
    let rec = app.create(&me, education()).await;
    let id = rec["id"].as_str().unwrap();
    // another individual: 404
    let other = app.bound_individual(41).await;
    problem(
        app.get(&format!("/api/v1/archive/records/{id}"), Some(&other))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.put_json(
            &format!("/api/v1/archive/records/{id}"),
            json!({"content": education()}),
            &other,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.delete(&format!("/api/v1/archive/records/{id}"), &other)
            .await,
        404,
        "not_found",
    )
    .await;
    // a newly registered employer is not authorised yet: 403 with the reason
    let code = credit_code(77);
    assert_eq!(app.post("/api/v1/auth/register/employer", json!({"unit_name": "某新单位", "credit_code": code, "operator_name": "甲", "phone": "15700000077", "password": "Passw0rd2026"}), None).await.status(), 201);
    let newcomer = app.token("employer", &code, "Passw0rd2026").await;
    problem(
        app.get("/api/v1/archive/review/records", Some(&newcomer))
            .await,
        403,
        "authorisation_required",
    )
    .await;
    // once active, it still sees nothing of another unit: 404 / per-item not_found
    app.db_exec(&format!(
        "UPDATE org_units SET status = 'active' WHERE credit_code = '{code}'"
    ))
    .await;
    let other_emp = app.token("employer", &code, "Passw0rd2026").await;
    problem(
        app.get(&format!("/api/v1/archive/records/{id}"), Some(&other_emp))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.decide(&other_emp, id, "approve", None).await,
        404,
        "not_found",
    )
    .await;
    let res: Value = app
        .post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": [id], "decision": "approve"}),
            Some(&other_emp),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(res["items"][0]["code"], "not_found");
    let list: Value = app
        .get("/api/v1/archive/review/records", Some(&other_emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    // and the record is untouched
    let again: Value = app
        .get(&format!("/api/v1/archive/records/{id}"), Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["status"], "pending");
});

dual!(concurrent_reviewers_one_wins_the_other_gets_409, |app| {
    let me = app.individual().await;
    let rec = app.create(&me, education()).await;
    let id = rec["id"].as_str().unwrap().to_owned();
    let (t1, t2) = (app.employer().await, app.employer().await);
    let (a, b) = tokio::join!(
        app.decide(&t1, &id, "approve", None),
        app.decide(&t2, &id, "reject", Some("不符"))
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let logs: Value = app
        .get(&format!("/api/v1/archive/records/{id}/logs"), Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        logs.as_array().unwrap().len(),
        2,
        "exactly one decision logged"
    );
});

dual!(batch_of_a_thousand_in_one_request, |app| {
    let me = app.individual().await;
    let emp = app.employer().await;
    let template = app.create(&me, assessment(2024)).await;
    // clone the record 999 times directly in the database
    app.db_exec(&clone_sql(
        template["id"].as_str().unwrap(),
        999,
        app.backend,
    ))
    .await;
    let list: Value = app
        .get(
            "/api/v1/archive/review/records?status=pending&per_page=100",
            Some(&emp),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["counts"]["pending"], 1000);
    let ids = app.all_pending_ids(&emp).await;
    assert_eq!(ids.len(), 1000);
    // one already decided, one foreign id: per-item outcome
    assert_eq!(
        app.decide(&emp, &ids[0], "approve", None).await.status(),
        200
    );
    let mut batch = ids.clone();
    batch.push(uuid::Uuid::now_v7().to_string());
    let over: Vec<String> = (0..1001)
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    problem(
        app.post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": over, "decision": "approve"}),
            Some(&emp),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    batch.remove(1); // keep the batch at 1000 ids
    let res = app
        .post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": batch, "decision": "approve"}),
            Some(&emp),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res: Value = res.json().await.unwrap();
    assert_eq!(res["succeeded"], 998);
    assert_eq!(res["failed"], 2);
    assert_eq!(res["items"][0]["code"], "already_reviewed");
    assert_eq!(res["items"][999]["code"], "not_found");
    let list: Value = app
        .get("/api/v1/archive/review/records", Some(&emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["counts"],
        json!({"pending": 1, "approved": 999, "rejected": 0, "returned": 0, "all": 1000})
    );
    // the template's submit, the single approval, and the batch
    assert_eq!(app.count("archive_review_logs").await, 1 + 1 + 998);
});

dual!(attachments_are_checked_by_content_and_scoped, |app| {
    let me = app.individual().await;
    let emp = app.employer().await;
    let rec = app.create(&me, education()).await;
    let id = rec["id"].as_str().unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let res = app
        .upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "毕业证书.pdf",
            pdf.clone(),
            &me,
        )
        .await;
    assert_eq!(res.status(), 201);
    let att: Value = res.json().await.unwrap();
    assert_eq!(att["content_type"], "application/pdf");
    assert_eq!(att["name"], "毕业证书.pdf");
    // a text file named .pdf, and a 10 MB + 1 byte file, are refused; nothing is linked
    problem(
        app.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "fake.pdf",
            b"hello".to_vec(),
            &me,
        )
        .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let mut big = b"%PDF-".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b'0');
    problem(
        app.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "big.pdf",
            big,
            &me,
        )
        .await,
        413,
        "file_too_large",
    )
    .await;
    let png = [
        &[0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        b"rest",
    ]
    .concat();
    assert_eq!(
        app.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "证书.jpg",
            png,
            &me
        )
        .await
        .status(),
        201
    );
    let rec: Value = app
        .get(&format!("/api/v1/archive/records/{id}"), Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rec["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(rec["attachments"][1]["content_type"], "image/png");
    // owner and reviewing employer can download; others get 404
    let att_id = att["id"].as_str().unwrap();
    let path = format!("/api/v1/archive/records/{id}/attachments/{att_id}");
    let body = app.get(&path, Some(&me)).await.bytes().await.unwrap();
    assert_eq!(body.as_ref(), pdf.as_slice());
    assert_eq!(app.get(&path, Some(&emp)).await.status(), 200);
    let other = app.bound_individual(42).await;
    problem(app.get(&path, Some(&other)).await, 404, "not_found").await;
    problem(
        app.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "x.pdf",
            pdf.clone(),
            &other,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    // after approval, attachments are frozen too
    assert_eq!(app.decide(&emp, id, "approve", None).await.status(), 200);
    problem(
        app.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "x.pdf",
            pdf,
            &me,
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    problem(app.delete(&path, &me).await, 409, "record_locked").await;
});

dual!(changing_employer_moves_open_records_only, |app| {
    let me = app.bound_individual(43).await;
    let emp = app.employer().await;
    let approved = app.create(&me, education()).await;
    assert_eq!(
        app.decide(&emp, approved["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );
    let pending = app.create(&me, work()).await;
    // a second, authorised employer
    let code = credit_code(88);
    assert_eq!(app.post("/api/v1/auth/register/employer", json!({"unit_name": "宁波市河道管理中心", "credit_code": code, "operator_name": "乙", "phone": "15700000088", "password": "Passw0rd2026"}), None).await.status(), 201);
    app.db_exec(&format!(
        "UPDATE org_units SET status = 'active' WHERE credit_code = '{code}'"
    ))
    .await;
    let hits: Value = app
        .get("/api/v1/employers?q=河道", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let new_emp_id = hits[0]["id"].as_str().unwrap();
    // unauthorised employers are not found
    let none: Value = app
        .get("/api/v1/employers?q=某新", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none.as_array().unwrap().len(), 0);
    let res = app
        .put_json("/api/v1/profile", json!({"employer_id": new_emp_id}), &me)
        .await;
    assert_eq!(res.status(), 200);
    let profile: Value = res.json().await.unwrap();
    assert_eq!(profile["employer"]["name"], "宁波市河道管理中心");
    let history: Value = app
        .get("/api/v1/profile/employment-history", Some(&me))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert!(history[1]["unbound_at"].is_string());
    let new_emp = app.token("employer", &code, "Passw0rd2026").await;
    let queue: Value = app
        .get("/api/v1/archive/review/records", Some(&new_emp))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["id"], pending["id"]);
    let still: Value = app
        .get(
            &format!(
                "/api/v1/archive/records/{}",
                approved["id"].as_str().unwrap()
            ),
            Some(&me),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still["status"], "approved");
    assert_eq!(
        still["employer"]["name"],
        "宁波市水利规划设计研究院有限公司"
    );
    // bad profile input
    let p = problem(app.put_json("/api/v1/profile", json!({"employer_id": uuid::Uuid::now_v7(), "ethnicity": "火星族", "email": "no-at-sign"}), &me).await, 422, "validation_failed").await;
    assert_eq!(p["errors"].as_array().unwrap().len(), 3);
});

fn clone_sql(id: &str, n: u32, backend: Backend) -> String {
    let ids: Vec<String> = (0..n).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let values = match backend {
        Backend::Postgres => ids
            .iter()
            .map(|i| format!("('{i}'::uuid)"))
            .collect::<Vec<_>>()
            .join(","),
        Backend::Sqlite => ids
            .iter()
            .map(|i| format!("(x'{}')", i.replace('-', "")))
            .collect::<Vec<_>>()
            .join(","),
    };
    let src = match backend {
        Backend::Postgres => format!("'{id}'::uuid"),
        Backend::Sqlite => format!("x'{}'", id.replace('-', "")),
    };
    format!(
        "WITH v(id) AS (VALUES {values}) \
         INSERT INTO archive_records (id, owner_id, employer_id, category, status, data, title, record_date, review_comment, version, submitted_at, reviewed_at, created_at, updated_at) \
         SELECT v.id, owner_id, employer_id, category, status, data, title, record_date, review_comment, version, submitted_at, reviewed_at, created_at, updated_at \
         FROM archive_records, v WHERE archive_records.id = {src}"
    )
}

impl TestApp {
    async fn all_pending_ids(&self, emp: &str) -> Vec<String> {
        let mut out = vec![];
        for page in 1..=10 {
            let list: Value = self
                .get(
                    &format!(
                        "/api/v1/archive/review/records?status=pending&per_page=100&page={page}"
                    ),
                    Some(emp),
                )
                .await
                .json()
                .await
                .unwrap();
            out.extend(
                list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["id"].as_str().unwrap().to_owned()),
            );
        }
        out
    }
    async fn upload(
        &self,
        path: &str,
        name: &str,
        bytes: Vec<u8>,
        token: &str,
    ) -> reqwest::Response {
        self.multipart(path, &[], Some((name, bytes)), Some(token))
            .await
    }
}
