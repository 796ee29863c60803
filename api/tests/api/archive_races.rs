//! Attachments under concurrency — on SQLite and PostgreSQL: the cap of 20 holds when many
//! uploads arrive at once, and the employer's approval never interleaves with an upload or a
//! removal (after an approval no attachment is added or removed); a refused upload leaves
//! neither a row nor stored bytes behind.
use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use sea_orm::ConnectionTrait;
use serde_json::Value;

use crate::actors::Actor;
use crate::fixtures::PDF;
use crate::fixtures::archive::{create, decide, education};
use crate::helpers::*;

fn attachments_path(record: &str) -> String {
    format!("/api/v1/archive/records/{record}/attachments")
}

/// Status and body of a response (the body is `null` when empty).
async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let bytes = res.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

/// The attachment ids of `record` as stored, with their creation times.
async fn stored_attachments(app: &TestApp, record: &str) -> Vec<(String, DateTime<Utc>)> {
    let placeholder = match app.backend {
        Backend::Postgres => "$1",
        Backend::Sqlite => "?",
    };
    let record: uuid::Uuid = record.parse().unwrap();
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_sql_and_values(
            app.db.get_database_backend(),
            format!(
                "SELECT id, created_at FROM archive_attachments WHERE record_id = {placeholder}"
            ),
            [record.into()],
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let id: uuid::Uuid = r.try_get("", "id").unwrap();
            let at: DateTime<Utc> = r.try_get("", "created_at").unwrap();
            (id.to_string(), at)
        })
        .collect()
}

async fn files_for(app: &TestApp, purpose: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM files WHERE purpose = '{purpose}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

dual!(sixty_concurrent_uploads_stop_at_twenty, |app| {
    let me = app.individual().await;
    let record = create(&me, education()).await;
    let id = record["id"].as_str().unwrap().to_owned();
    let path = attachments_path(&id);
    let (me_ref, path_ref) = (&me, &path);
    let answers = join_all((0..60).map(|i| async move {
        answer(
            me_ref
                .upload(path_ref, &format!("证明{i}.pdf"), PDF.to_vec())
                .await,
        )
        .await
    }))
    .await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    let codes: Vec<(u16, &Value)> = answers.iter().map(|(s, b)| (*s, &b["code"])).collect();
    assert_eq!(created, 20, "{codes:?}");
    for (status, body) in answers.iter().filter(|(s, _)| *s != 201) {
        assert_eq!(*status, 409, "{body}");
        assert_eq!(body["code"], "too_many_attachments", "{body}");
    }
    assert_eq!(stored_attachments(&app, &id).await.len(), 20);
    let record: Value = me
        .get(&format!("/api/v1/archive/records/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(record["attachments"].as_array().unwrap().len(), 20);
    // the refused uploads left nothing behind: no file rows, no stored bytes
    assert_eq!(files_for(&app, "archive").await, 20);
    assert_eq!(app.stored_objects("archive"), 20);
    // and the 21st, alone, is refused the same way
    problem(
        me.upload(&path, "再来一个.pdf", PDF.to_vec()).await,
        409,
        "too_many_attachments",
    )
    .await;
});

enum Outcome {
    Upload(u16, Value),
    Remove(String, u16, Value),
    Approve(u16, Value),
}

/// One round: a pending record with `initial` attachments; then `uploads` uploads, the
/// removal of every initial attachment and the employer's approval, all at once (the approval
/// after `delay`). Checks what must hold whatever the interleaving; returns how many files the
/// record's uploads stored in total (rows of `files`).
async fn approve_amid_changes(
    app: &TestApp,
    me: &Actor,
    emp: &Actor,
    initial: usize,
    uploads: usize,
    delay: Duration,
) -> usize {
    let record = create(me, education()).await;
    let id = record["id"].as_str().unwrap().to_owned();
    let path = attachments_path(&id);
    let mut before = BTreeSet::new();
    for i in 0..initial {
        let res = me
            .upload(&path, &format!("原有{i}.pdf"), PDF.to_vec())
            .await;
        assert_eq!(res.status(), 201);
        let att: Value = res.json().await.unwrap();
        before.insert(att["id"].as_str().unwrap().to_owned());
    }

    let mut work: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + Send + '_>>> =
        Vec::new();
    for i in 0..uploads {
        let path = path.clone();
        work.push(Box::pin(async move {
            let (s, b) = answer(
                me.upload(&path, &format!("新增{i}.pdf"), PDF.to_vec())
                    .await,
            )
            .await;
            Outcome::Upload(s, b)
        }));
        if i == uploads / 2 {
            let id = id.clone();
            work.push(Box::pin(async move {
                tokio::time::sleep(delay).await;
                let (s, b) = answer(decide(emp, &id, "approve", None).await).await;
                Outcome::Approve(s, b)
            }));
        }
    }
    for att in &before {
        let target = format!("{path}/{att}");
        let att = att.clone();
        work.push(Box::pin(async move {
            let (s, b) = answer(me.delete(&target).await).await;
            Outcome::Remove(att, s, b)
        }));
    }
    let outcomes = join_all(work).await;

    let mut uploaded = BTreeSet::new();
    let mut removed = BTreeSet::new();
    let mut approved: Option<Value> = None;
    for o in outcomes {
        match o {
            Outcome::Upload(201, body) => {
                uploaded.insert(body["id"].as_str().unwrap().to_owned());
            }
            Outcome::Upload(status, body) => {
                assert_eq!(
                    (status, &body["code"]),
                    (409, &Value::from("record_locked")),
                    "{body}"
                );
            }
            Outcome::Remove(att, 204, _) => {
                removed.insert(att);
            }
            Outcome::Remove(_, status, body) => {
                assert_eq!(
                    (status, &body["code"]),
                    (409, &Value::from("record_locked")),
                    "{body}"
                );
            }
            Outcome::Approve(status, body) => {
                assert_eq!(status, 200, "{body}");
                approved = Some(body);
            }
        }
    }
    let approved = approved.expect("the approval ran");
    assert_eq!(approved["status"], "approved");

    // The rows are exactly: the initial ones whose removal did not answer 204, plus the
    // uploads that answered 201 — and the count of new rows equals the count of 201s.
    let rows = stored_attachments(app, &id).await;
    let now: BTreeSet<String> = rows.iter().map(|(id, _)| id.clone()).collect();
    let expected: BTreeSet<String> = before
        .difference(&removed)
        .cloned()
        .chain(uploaded.iter().cloned())
        .collect();
    assert_eq!(now, expected, "uploaded {uploaded:?}, removed {removed:?}");
    assert_eq!(rows.len(), initial - removed.len() + uploaded.len());

    // Nothing changed after the approval: the approval's own answer (read after it committed)
    // lists what the record has now, and every row is older than the approval's log entry.
    let at_approval: BTreeSet<String> = approved["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(at_approval, now);
    let logs: Value = me
        .get(&format!("/api/v1/archive/records/{id}/logs"))
        .await
        .json()
        .await
        .unwrap();
    let approval = logs
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["action"] == "approve")
        .expect("an approval in the log");
    let approved_at: DateTime<Utc> = approval["created_at"].as_str().unwrap().parse().unwrap();
    for (att, created_at) in &rows {
        assert!(
            *created_at <= approved_at,
            "attachment {att} created {created_at}, approved {approved_at}"
        );
    }

    // And from now on the record is frozen.
    problem(
        me.upload(&path, "晚到.pdf", PDF.to_vec()).await,
        409,
        "record_locked",
    )
    .await;
    if let Some((att, _)) = rows.first() {
        problem(
            me.delete(&format!("{path}/{att}")).await,
            409,
            "record_locked",
        )
        .await;
    }
    initial + uploaded.len()
}

dual!(
    approval_amid_uploads_and_removals_freezes_the_record,
    |app| {
        let me = app.individual().await;
        let emp = app.employer().await;
        let mut files = 0;
        for delay_ms in [0, 5, 20] {
            files +=
                approve_amid_changes(&app, &me, &emp, 6, 12, Duration::from_millis(delay_ms)).await;
        }
        // A refused upload leaves nothing behind: one file row and one stored object per upload
        // that answered 201 (removing an attachment unlinks it; the file stays).
        assert_eq!(files_for(&app, "archive").await, files as i64);
        assert_eq!(app.stored_objects("archive"), files);
    }
);
