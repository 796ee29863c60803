//! Declarations under concurrency — on SQLite and PostgreSQL: every check-then-write of the
//! wizard fired at once. 马上申报 makes one draft; one of many submissions wins; one phone
//! signs with a link; the attachment cap holds; one withdrawal wins; the same
//! `Idempotency-Key` sent twice at once has one effect.
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::declarations::*;
use crate::fixtures::PDF;
use crate::fixtures::team;
use crate::helpers::*;

/// Status, body (`null` when empty) and whether the answer was a replay.
async fn answer(res: reqwest::Response) -> (u16, Value, bool) {
    let status = res.status().as_u16();
    let replayed = res.headers().get("Idempotent-Replayed").is_some();
    let bytes = res.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        replayed,
    )
}

dual!(ten_starts_make_one_draft, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let plan = demo_plan(me).await;
    let answers = join_all((0..10).map(|_| async { answer(start(me, &plan).await).await })).await;
    let created = answers.iter().filter(|a| a.0 == 201).count();
    let resumed = answers.iter().filter(|a| a.0 == 200).count();
    assert_eq!((created, resumed), (1, 9), "{answers:?}");
    let id = &answers.iter().find(|a| a.0 == 201).unwrap().1["id"];
    assert!(answers.iter().all(|a| &a.1["id"] == id));
    assert_eq!(app.count("declarations").await, 1);
    assert_eq!(app.count("declaration_events").await, 1);
});

dual!(ten_submits_one_wins, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let answers = join_all((0..10).map(|i| {
        let id = id.clone();
        async move { answer(submit(me, &id, Some(&format!("race-{i}")), "").await).await }
    }))
    .await;
    let ok = answers.iter().filter(|a| a.0 == 200).count();
    assert_eq!(ok, 1, "{answers:?}");
    for (status, body, _) in &answers {
        if *status != 200 {
            assert_eq!(*status, 409, "{body}");
            assert_eq!(body["code"], "declaration_locked", "{body}");
        }
    }
    assert_eq!(submitted_events(&app).await, 1);
    assert_eq!(pending_declarations(&team.employer).await, 1);
    assert_eq!(app.count("idempotency_keys WHERE state = 'done'").await, 10);
});

dual!(the_same_key_twice_at_once_submits_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let answers = join_all((0..6).map(|_| {
        let id = id.clone();
        async move { answer(submit(me, &id, Some("same"), "{}").await).await }
    }))
    .await;
    let fresh = answers.iter().filter(|a| a.0 == 200 && !a.2).count();
    assert_eq!(fresh, 1, "{answers:?}");
    for (status, body, replayed) in &answers {
        match status {
            200 => assert_eq!(body["stage"]["status"], "submitted"),
            409 => {
                assert!(!replayed);
                assert_eq!(body["code"], "idempotency_in_progress", "{body}");
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(submitted_events(&app).await, 1);
    assert_eq!(app.count("idempotency_keys").await, 1);
    // afterwards, the key answers with the stored response
    let (status, _, replayed) = answer(submit(me, &id, Some("same"), "{}").await).await;
    assert_eq!((status, replayed), (200, true));
});

dual!(two_phones_one_signature, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let plan = demo_plan(me).await;
    let d = start(me, &plan).await.json::<Value>().await.unwrap();
    let id = d["id"].as_str().unwrap().to_owned();
    let token = signing_token(me, &id).await;
    let path = signing_path(&token);
    let phone = app.anon();
    let answers = join_all(
        (0..2)
            .map(|_| async { answer(phone.upload(&path, "签名.png", signature()).await).await }),
    )
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
    statuses.sort();
    assert_eq!(statuses, [204, 404], "{answers:?}");
    let refused = answers.iter().find(|a| a.0 == 404).unwrap();
    assert_eq!(refused.1["code"], "signing_link_invalid");
    assert_eq!(
        app.count("declaration_events WHERE action = 'guarantee_signed'")
            .await,
        1
    );
    assert_eq!(app.count("files WHERE purpose = 'signature'").await, 1);
    assert_eq!(app.stored_objects("signature"), 1);
    assert_eq!(get_decl(me, &id).await["guarantee"]["signed"], true);
});

dual!(eight_uploads_stop_at_five, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let plan = demo_plan(me).await;
    let d = start(me, &plan).await.json::<Value>().await.unwrap();
    let id = d["id"].as_str().unwrap().to_owned();
    let path = attachment_path(&id, 0);
    let answers = join_all((0..8).map(|i| {
        let path = path.clone();
        async move {
            answer(
                me.upload(&path, &format!("材料{i}.pdf"), PDF.to_vec())
                    .await,
            )
            .await
        }
    }))
    .await;
    let ok = answers.iter().filter(|a| a.0 == 201).count();
    assert_eq!(ok, 5, "{answers:?}");
    for (status, body, _) in &answers {
        if *status != 201 {
            assert_eq!(*status, 409, "{body}");
            assert_eq!(body["code"], "too_many_attachments");
        }
    }
    assert_eq!(app.count("declaration_attachments").await, 5);
    assert_eq!(app.count("files WHERE purpose = 'declaration'").await, 5);
    assert_eq!(app.stored_objects("declaration"), 5);
    let d = get_decl(me, &id).await;
    assert_eq!(d["attachments"][0]["files"].as_array().unwrap().len(), 5);
});

dual!(five_withdrawals_one_wins, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    assert_eq!(submit(me, &id, None, "").await.status(), 200);
    let path = format!("{}/withdraw", decl(&id));
    let answers =
        join_all((0..5).map(|_| async { answer(me.post(&path, json!({})).await).await })).await;
    let ok = answers.iter().filter(|a| a.0 == 200).count();
    assert_eq!(ok, 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|a| a.0 == 200 || a.1["code"] == "declaration_locked")
    );
    assert_eq!(
        app.count("declaration_events WHERE action = 'withdrawn'")
            .await,
        1
    );
    assert_eq!(pending_declarations(&team.employer).await, 0);
});

dual!(submit_and_edit_at_once, |app| {
    // an edit racing a submission either lands before it (and the submission still wins or
    // sees the change) or is refused as locked: never an edit of a submitted declaration
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let acceptor = get_decl(me, &id).await["acceptor"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = info_body(&acceptor);
    body["info"]["societies"] = json!("中国水利学会会员");
    let info_path = format!("{}/info", decl(&id));
    let (s, e) = tokio::join!(
        async { answer(submit(me, &id, None, "").await).await },
        async { answer(me.put(&info_path, body.clone()).await).await }
    );
    assert_eq!(s.0, 200, "{s:?}");
    assert!(e.0 == 200 || e.1["code"] == "declaration_locked", "{e:?}");
    let d = get_decl(me, &id).await;
    assert_eq!(d["stage"]["status"], "submitted");
    if e.0 == 200 {
        // the edit came first: the submission includes it
        assert_eq!(d["info"]["societies"], "中国水利学会会员");
    } else {
        assert_eq!(d["info"]["societies"], "宁波市水利学会会员");
    }
});

dual!(submit_and_delete_at_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let path = decl(&id);
    let (s, d) = tokio::join!(
        async { answer(submit(me, &id, None, "").await).await },
        async { answer(me.delete(&path).await).await }
    );
    match (s.0, d.0) {
        // submitted first: the delete is refused
        (200, 409) => {
            assert_eq!(d.1["code"], "declaration_locked");
            assert_eq!(app.count("declarations").await, 1);
            assert_eq!(pending_declarations(&team.employer).await, 1);
        }
        // deleted first: nothing is left to submit
        (404, 204) => {
            assert_eq!(app.count("declarations").await, 0);
            assert_eq!(submitted_events(&app).await, 0);
        }
        other => panic!("unexpected {other:?}: {s:?} {d:?}"),
    }
});

dual!(the_same_records_extracted_at_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let plan = demo_plan(me).await;
    let d = start(me, &plan).await.json::<Value>().await.unwrap();
    let id = d["id"].as_str().unwrap().to_owned();
    let ids: Vec<Value> = team.staff[0]
        .records
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let path = format!("{}/records/extract", decl(&id));
    let answers = join_all(
        (0..6).map(|_| async { answer(me.post(&path, json!({ "record_ids": ids })).await).await }),
    )
    .await;
    assert!(answers.iter().all(|a| a.0 == 200), "{answers:?}");
    assert_eq!(app.count("declaration_records").await, 3);
    assert_eq!(get_decl(me, &id).await["progress"]["records"], 3);
});

dual!(an_abandoned_key_is_taken_over_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let path = format!("{}/submit", decl(&id));
    let hash = request_hash(&path, "");
    exec(
        &app,
        "INSERT INTO idempotency_keys (account_id, key, request_hash, state, created_at) \
         SELECT applicant_id, 'lost', $1, 'running', $2 FROM declarations WHERE id = $3",
        vec![
            hash.into(),
            (chrono::Utc::now() - chrono::Duration::minutes(10)).into(),
            id.parse::<uuid::Uuid>().unwrap().into(),
        ],
    )
    .await;
    let answers = join_all((0..4).map(|_| {
        let id = id.clone();
        async move { answer(submit(me, &id, Some("lost"), "").await).await }
    }))
    .await;
    let fresh = answers.iter().filter(|a| a.0 == 200 && !a.2).count();
    assert_eq!(fresh, 1, "{answers:?}");
    for (status, body, _) in &answers {
        assert!(
            *status == 200 || body["code"] == "idempotency_in_progress",
            "{status} {body}"
        );
    }
    assert_eq!(submitted_events(&app).await, 1);
});

dual!(submit_and_remove_the_required_attachment_at_once, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let id = complete_draft(&app, me).await;
    let file = get_decl(me, &id).await["attachments"][0]["files"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let remove = format!("{}/{file}", attachment_path(&id, 0));
    let (s, r) = tokio::join!(
        async { answer(submit(me, &id, None, "").await).await },
        async { answer(me.delete(&remove).await).await }
    );
    match (s.0, r.0) {
        // submitted with the file; the removal is refused
        (200, 409) => {
            assert_eq!(r.1["code"], "declaration_locked");
            assert_eq!(app.count("declaration_attachments").await, 1);
        }
        // removed first; the submission sees it missing
        (422, 200) => {
            assert_eq!(s.1["code"], "declaration_incomplete");
            assert_eq!(s.1["errors"][0]["field"], "attachments.0", "{}", s.1);
            assert_eq!(app.count("declaration_attachments").await, 0);
            assert_eq!(submitted_events(&app).await, 0);
        }
        other => panic!("unexpected {other:?}: {s:?} {r:?}"),
    }
});

dual!(a_new_qr_code_while_the_phone_signs, |app| {
    let team = team::approved(&app, 1).await;
    let me = &team.staff[0].actor;
    let plan = demo_plan(me).await;
    let d = start(me, &plan).await.json::<Value>().await.unwrap();
    let id = d["id"].as_str().unwrap().to_owned();
    let old = signing_token(me, &id).await;
    let path = signing_path(&old);
    let phone = app.anon();
    let renew = format!("{}/guarantee/signing", decl(&id));
    let (signed, renewed) = tokio::join!(
        async { answer(phone.upload(&path, "签名.png", signature()).await).await },
        async { answer(me.post(&renew, json!({})).await).await }
    );
    assert_eq!(renewed.0, 200, "{renewed:?}");
    let d = get_decl(me, &id).await;
    match signed.0 {
        204 => assert_eq!(d["guarantee"]["signed"], true),
        404 => {
            assert_eq!(signed.1["code"], "signing_link_invalid");
            assert_eq!(d["guarantee"]["signed"], false);
            assert_eq!(app.count("files WHERE purpose = 'signature'").await, 0);
        }
        other => panic!("unexpected {other}: {signed:?}"),
    }
    // the old link is dead either way; the new one works
    let res = phone.upload(&path, "签名.png", signature()).await;
    assert_eq!(res.status(), 404);
    let new = renewed.1["token"].as_str().unwrap();
    let res = phone
        .upload(&signing_path(new), "签名.png", signature())
        .await;
    assert_eq!(res.status(), 204);
});
