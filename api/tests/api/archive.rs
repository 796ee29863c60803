//! The achievement archive and the employer's review — on SQLite and PostgreSQL.
use crate::actors::{Actor, Kind};
use crate::fixtures::archive::{
    Category, approved_records, assessment, create, decide, education, work,
};
use crate::fixtures::{employer, staff};
use crate::helpers::*;
use serde_json::{Value, json};

dual!(submit_review_return_fix_and_approve, |app| {
    let me = app.individual().await;
    let emp = app.employer().await;
    let edu = create(&me, education()).await;
    assert_eq!(edu["status"], "pending");
    assert_eq!(edu["status_label"], "待审核");
    assert_eq!(edu["title"], "河海大学 · 大学本科/学士");
    let w = create(&me, work()).await;
    let a = create(&me, assessment(2024)).await;

    // the employer's menu counts and the tab counts
    let summary: Value = emp
        .get("/api/v1/archive/review/summary")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["pending_records"], 3);
    assert_eq!(summary["categories"][0]["label"], "教育经历");
    assert_eq!(summary["categories"][0]["pending"], 1);
    assert_eq!(summary["categories"].as_array().unwrap().len(), 17);
    let list: Value = emp
        .get("/api/v1/archive/review/records?category=education&status=pending")
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
    let by_name: Value = emp
        .get("/api/v1/archive/review/records?q=张")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name["total"], 3);
    let by_id: Value = emp
        .get(&format!(
            "/api/v1/archive/review/records?q={}",
            &demo_id_number()[6..14]
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_id["total"], 3);
    let nobody: Value = emp
        .get("/api/v1/archive/review/records?q=李")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nobody["total"], 0);

    // approve two, return one with what to fix
    assert_eq!(
        decide(&emp, edu["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );
    assert_eq!(
        decide(&emp, a["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );
    let p = problem(
        decide(&emp, w["id"].as_str().unwrap(), "return", None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "comment");
    let res = decide(
        &emp,
        w["id"].as_str().unwrap(),
        "return",
        Some("请补充证明人联系方式"),
    )
    .await;
    assert_eq!(res.status(), 200);

    // the applicant sees the returned comment and a notification
    let mine: Value = me
        .get(&format!(
            "/api/v1/archive/records/{}",
            w["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["status"], "returned");
    assert_eq!(mine["review_comment"], "请补充证明人联系方式");
    let notes: Value = me.get("/api/v1/notifications").await.json().await.unwrap();
    assert_eq!(notes["unread"], 3);
    let marked: Value = me
        .post("/api/v1/notifications/read-all", json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(marked["updated"], 3);
    let notes: Value = me.get("/api/v1/notifications").await.json().await.unwrap();
    assert_eq!(
        (notes["unread"].as_u64(), notes["total"].as_u64()),
        (Some(0), Some(3))
    );

    // fix and resubmit: back to pending at the employer
    let mut fixed = work();
    fixed["data"]["referee"] = json!("王诚 13800000000");
    let res = me
        .put(
            &format!("/api/v1/archive/records/{}", w["id"].as_str().unwrap()),
            json!({"version": mine["version"], "content": fixed}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let resubmitted: Value = res.json().await.unwrap();
    assert_eq!(resubmitted["status"], "pending");
    assert_eq!(
        decide(&emp, w["id"].as_str().unwrap(), "approve", None)
            .await
            .status(),
        200
    );

    let logs: Value = emp
        .get(&format!(
            "/api/v1/archive/records/{}/logs",
            w["id"].as_str().unwrap()
        ))
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

    let list: Value = me
        .get("/api/v1/archive/records")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["counts"]["approved"], 3);
    let summary: Value = me
        .get("/api/v1/archive/summary")
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
    let a = create(&me, assessment(2023)).await;
    let id = a["id"].as_str().unwrap();
    // a pending record can be edited (stays pending) — a stale version is a 409
    assert_eq!(
        me.put(
            &format!("/api/v1/archive/records/{id}"),
            json!({"version": 1, "content": assessment(2022)})
        )
        .await
        .status(),
        200
    );
    problem(
        me.put(
            &format!("/api/v1/archive/records/{id}"),
            json!({"version": 1, "content": assessment(2021)}),
        )
        .await,
        409,
        "version_conflict",
    )
    .await;
    // the category cannot change
    problem(
        me.put(
            &format!("/api/v1/archive/records/{id}"),
            json!({"content": work()}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    // approved: frozen, cannot be deleted
    assert_eq!(decide(&emp, id, "approve", None).await.status(), 200);
    let p = problem(
        me.put(
            &format!("/api/v1/archive/records/{id}"),
            json!({"content": assessment(2020)}),
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    assert_eq!(p["detail"], "已通过审核的业绩已锁定，不能修改");
    problem(
        me.delete(&format!("/api/v1/archive/records/{id}")).await,
        409,
        "record_locked",
    )
    .await;
    // a decided record cannot be decided again
    problem(
        decide(&emp, id, "reject", Some("重复")).await,
        409,
        "already_reviewed",
    )
    .await;
    // rejected: cannot be edited, can be deleted
    let b = create(&me, assessment(2019)).await;
    let bid = b["id"].as_str().unwrap();
    assert_eq!(
        decide(&emp, bid, "reject", Some("考核表与档案不符"))
            .await
            .status(),
        200
    );
    problem(
        me.put(
            &format!("/api/v1/archive/records/{bid}"),
            json!({"content": assessment(2019)}),
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    assert_eq!(
        me.delete(&format!("/api/v1/archive/records/{bid}"))
            .await
            .status(),
        204
    );
    problem(
        me.get(&format!("/api/v1/archive/records/{bid}")).await,
        404,
        "not_found",
    )
    .await;
    // returned: cannot be deleted
    let c = create(&me, assessment(2018)).await;
    let cid = c["id"].as_str().unwrap();
    assert_eq!(
        decide(&emp, cid, "return", Some("请上传考核表"))
            .await
            .status(),
        200
    );
    problem(
        me.delete(&format!("/api/v1/archive/records/{cid}")).await,
        409,
        "record_locked",
    )
    .await;
});

dual!(bad_records_are_refused_and_nothing_is_written, |app| {
    let me = app.individual().await;
    let before = app.count("archive_records").await;
    let p = problem(me.post("/api/v1/archive/records", json!({"category": "education", "data": {"start_date": "2012-09-01", "end_date": "2008-06-30", "school": "", "major": "m", "education_level": "大学本科"}})).await, 422, "validation_failed").await;
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
    problem(me.post("/api/v1/archive/records", json!({"category": "work_history", "data": {"start_date": "2099-01-01", "unit": "u", "post": "p", "work_content": "c"}})).await, 422, "validation_failed").await;
    problem(me.post("/api/v1/archive/records", json!({"category": "training", "data": {"start_date": "2024-01-01", "end_date": "2024-01-02", "course": "c", "organiser": "o", "hours": -2, "kind": "专业科目"}})).await, 422, "validation_failed").await;
    problem(me.post("/api/v1/archive/records", json!({"category": "patent", "data": {"kind": "发明专利", "title": "t", "number": "n", "grant_date": "2024-01-01", "rank": 5, "total": 2}})).await, 422, "validation_failed").await;
    problem(
        me.post(
            "/api/v1/archive/records",
            json!({"category": "assessment", "data": {"year": 2024, "result": "很好"}}),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    problem(
        me.post(
            "/api/v1/archive/records",
            json!({"category": "spaceflight", "data": {}}),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(app.count("archive_records").await, before);
    // an unbound individual is told to bind an employer first
    let t = staff::registered(&app, 40).await;
    problem(
        t.post("/api/v1/archive/records", assessment(2024)).await,
        422,
        "employer_not_bound",
    )
    .await;
    // wrong roles
    let emp = app.employer().await;
    problem(
        emp.post("/api/v1/archive/records", assessment(2024)).await,
        403,
        "forbidden",
    )
    .await;
    problem(
        me.get("/api/v1/archive/review/summary").await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.staff("nb_hrss")
            .await
            .get("/api/v1/archive/review/records")
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        emp.post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": [], "decision": "approve"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
});

dual!(records_are_scoped_to_owner_and_employer, |app| {
    let me = app.individual().await;
    let rec = create(&me, education()).await;
    let id = rec["id"].as_str().unwrap();
    // another individual: 404
    let other = staff::bound(&app, 41).await;
    problem(
        other.get(&format!("/api/v1/archive/records/{id}")).await,
        404,
        "not_found",
    )
    .await;
    problem(
        other
            .put(
                &format!("/api/v1/archive/records/{id}"),
                json!({"content": education()}),
            )
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        other.delete(&format!("/api/v1/archive/records/{id}")).await,
        404,
        "not_found",
    )
    .await;
    // a newly registered employer is not authorised yet: 403 with the reason
    let newcomer = employer::registered(&app, 77, "某新单位").await;
    let code = &newcomer.credit_code;
    problem(
        newcomer.get("/api/v1/archive/review/records").await,
        403,
        "authorisation_required",
    )
    .await;
    // once active, it still sees nothing of another unit: 404 / per-item not_found
    app.db_exec(&format!(
        "UPDATE org_units SET status = 'active' WHERE credit_code = '{code}'"
    ))
    .await;
    let other_emp = app.log_in(Kind::Employer, newcomer.login(), PW).await;
    problem(
        other_emp
            .get(&format!("/api/v1/archive/records/{id}"))
            .await,
        404,
        "not_found",
    )
    .await;
    problem(
        decide(&other_emp, id, "approve", None).await,
        404,
        "not_found",
    )
    .await;
    let res: Value = other_emp
        .post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": [id], "decision": "approve"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(res["items"][0]["code"], "not_found");
    let list: Value = other_emp
        .get("/api/v1/archive/review/records")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
    // and the record is untouched
    let again: Value = me
        .get(&format!("/api/v1/archive/records/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["status"], "pending");
});

dual!(concurrent_reviewers_one_wins_the_other_gets_409, |app| {
    let me = app.individual().await;
    let rec = create(&me, education()).await;
    let id = rec["id"].as_str().unwrap().to_owned();
    let (t1, t2) = (app.employer().await, app.employer().await);
    let (a, b) = tokio::join!(
        decide(&t1, &id, "approve", None),
        decide(&t2, &id, "reject", Some("不符"))
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let logs: Value = me
        .get(&format!("/api/v1/archive/records/{id}/logs"))
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
    let template = create(&me, assessment(2024)).await;
    // clone the record 999 times directly in the database
    app.db_exec(&clone_sql(
        template["id"].as_str().unwrap(),
        999,
        app.backend,
    ))
    .await;
    let list: Value = emp
        .get("/api/v1/archive/review/records?status=pending&per_page=100")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["counts"]["pending"], 1000);
    let ids = all_pending_ids(&emp).await;
    assert_eq!(ids.len(), 1000);
    // one already decided, one foreign id: per-item outcome
    assert_eq!(decide(&emp, &ids[0], "approve", None).await.status(), 200);
    let mut batch = ids.clone();
    batch.push(uuid::Uuid::now_v7().to_string());
    let over: Vec<String> = (0..1001)
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    problem(
        emp.post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": over, "decision": "approve"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    batch.remove(1); // keep the batch at 1000 ids
    let res = emp
        .post(
            "/api/v1/archive/review/decisions",
            json!({"record_ids": batch, "decision": "approve"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res: Value = res.json().await.unwrap();
    assert_eq!(res["succeeded"], 998);
    assert_eq!(res["failed"], 2);
    assert_eq!(res["items"][0]["code"], "already_reviewed");
    assert_eq!(res["items"][999]["code"], "not_found");
    let list: Value = emp
        .get("/api/v1/archive/review/records")
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
    let rec = create(&me, education()).await;
    let id = rec["id"].as_str().unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let res = me
        .upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "毕业证书.pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(res.status(), 201);
    let att: Value = res.json().await.unwrap();
    assert_eq!(att["content_type"], "application/pdf");
    assert_eq!(att["name"], "毕业证书.pdf");
    // a text file named .pdf, and a 10 MB + 1 byte file, are refused; nothing is linked
    problem(
        me.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "fake.pdf",
            b"hello".to_vec(),
        )
        .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    let mut big = b"%PDF-".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b'0');
    problem(
        me.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "big.pdf",
            big,
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
        me.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "证书.jpg",
            png
        )
        .await
        .status(),
        201
    );
    let rec: Value = me
        .get(&format!("/api/v1/archive/records/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rec["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(rec["attachments"][1]["content_type"], "image/png");
    // owner and reviewing employer can download; others get 404
    let att_id = att["id"].as_str().unwrap();
    let path = format!("/api/v1/archive/records/{id}/attachments/{att_id}");
    let body = me.get(&path).await.bytes().await.unwrap();
    assert_eq!(body.as_ref(), pdf.as_slice());
    assert_eq!(emp.get(&path).await.status(), 200);
    let other = staff::bound(&app, 42).await;
    problem(other.get(&path).await, 404, "not_found").await;
    problem(
        other
            .upload(
                &format!("/api/v1/archive/records/{id}/attachments"),
                "x.pdf",
                pdf.clone(),
            )
            .await,
        404,
        "not_found",
    )
    .await;
    // after approval, attachments are frozen too
    assert_eq!(decide(&emp, id, "approve", None).await.status(), 200);
    problem(
        me.upload(
            &format!("/api/v1/archive/records/{id}/attachments"),
            "x.pdf",
            pdf,
        )
        .await,
        409,
        "record_locked",
    )
    .await;
    problem(me.delete(&path).await, 409, "record_locked").await;
});

dual!(changing_employer_moves_open_records_only, |app| {
    let me = staff::bound(&app, 43).await;
    let emp = app.employer().await;
    let approved = approved_records(&emp, &me, &[Category::Education])
        .await
        .remove(0);
    let pending = create(&me, work()).await;
    // a second, authorised employer
    let new_emp = employer::fresh_approved(&app, 88, "宁波市河道管理中心").await;
    let hits: Value = me
        .get("/api/v1/employers?q=河道")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let new_emp_id = hits[0]["id"].as_str().unwrap();
    // unauthorised employers are not found
    let none: Value = me
        .get("/api/v1/employers?q=某新")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none.as_array().unwrap().len(), 0);
    let res = me
        .put("/api/v1/profile", json!({"employer_id": new_emp_id}))
        .await;
    assert_eq!(res.status(), 200);
    let profile: Value = res.json().await.unwrap();
    assert_eq!(profile["employer"]["name"], "宁波市河道管理中心");
    let history: Value = me
        .get("/api/v1/profile/employment-history")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert!(history[1]["unbound_at"].is_string());
    let queue: Value = new_emp
        .get("/api/v1/archive/review/records")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["id"], pending["id"]);
    let still: Value = me
        .get(&format!(
            "/api/v1/archive/records/{}",
            approved["id"].as_str().unwrap()
        ))
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
    let p = problem(me.put("/api/v1/profile", json!({"employer_id": uuid::Uuid::now_v7(), "ethnicity": "火星族", "email": "no-at-sign"})).await, 422, "validation_failed").await;
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

async fn all_pending_ids(employer: &Actor) -> Vec<String> {
    let mut out = vec![];
    for page in 1..=10 {
        let list: Value = employer
            .get(&format!(
                "/api/v1/archive/review/records?status=pending&per_page=100&page={page}"
            ))
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
