//! 职称申报 — on SQLite and PostgreSQL: the wizard end to end (马上申报 → 证件照 → 真实性保证书
//! signed on the phone → 申报信息 → 提取/忽略业绩 → 附件 → 预览 → 提交 → 撤回 → 提交), wrong roles and
//! other people's declarations, bad input that writes nothing, the state machine, the plan's
//! window, the one-time signing link, snapshot isolation and `Idempotency-Key`.
//!
//! The builders at the top are shared with `declarations_races`.
use chrono::{DateTime, Duration, Utc};
use reqwest::{Method, Response};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::actors::Actor;
use crate::fixtures::archive::{assessment, create as create_record};
use crate::fixtures::team::{self, Team};
use crate::fixtures::{JPEG, PDF};
use crate::helpers::*;

const WATER: &str = "宁波市水利局";
const COMMITTEE: &str = "宁波市水利工程技术人员高级专业技术职务任职资格评审委员会";

// ---- images ----

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend(crc32(&body).to_be_bytes());
}

/// A complete, decodable 8-bit greyscale PNG of `width`×`height` pixels (zlib with stored
/// blocks, so no compressor is needed).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        raw.extend((0..width).map(|x| ((x ^ y) & 0xFF) as u8));
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        z.extend(len.to_le_bytes());
        z.extend((!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend(adler32(&raw).to_be_bytes());
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &z);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A 1-inch ID photo's proportions.
pub fn portrait() -> Vec<u8> {
    png(300, 400)
}

/// A drawn signature.
pub fn signature() -> Vec<u8> {
    png(240, 80)
}

// ---- requests ----

pub fn decl(id: &str) -> String {
    format!("/api/v1/declarations/{id}")
}

/// Asserts the status (showing the body when it differs); returns the JSON body (`null` when
/// empty).
pub async fn json_of(res: Response, status: u16) -> Value {
    let code = res.status().as_u16();
    let bytes = res.bytes().await.unwrap();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert_eq!(code, status, "{body}");
    body
}

/// The id of the demo 评审 plan (高级工程师, open to 宁波市水利局's subtree).
pub async fn demo_plan(me: &Actor) -> String {
    let page = json_of(me.get("/api/v1/plans/open?plan_type=review").await, 200).await;
    assert_eq!(page["total"], 1, "{page}");
    page["items"][0]["id"].as_str().unwrap().to_owned()
}

pub async fn start(me: &Actor, plan: &str) -> Response {
    me.post("/api/v1/declarations", json!({ "plan_id": plan }))
        .await
}

/// `PUT /declarations/{id}/photo` with one file.
pub async fn put_photo(me: &Actor, id: &str, name: &str, bytes: Vec<u8>) -> Response {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    me.request(Method::PUT, &format!("{}/photo", decl(id)))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A fresh one-time signing token for `id`.
pub async fn signing_token(me: &Actor, id: &str) -> String {
    let s = json_of(
        me.post(&format!("{}/guarantee/signing", decl(id)), json!({}))
            .await,
        200,
    )
    .await;
    let token = s["token"].as_str().unwrap().to_owned();
    assert!(
        s["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/sign/{token}")),
        "{s}"
    );
    token
}

pub fn signing_path(token: &str) -> String {
    format!("/api/v1/signing/{token}")
}

/// Signs the guarantee on "the phone" (anonymous).
pub async fn sign(app: &TestApp, me: &Actor, id: &str) {
    let token = signing_token(me, id).await;
    let res = app
        .anon()
        .upload(&signing_path(&token), "签名.png", signature())
        .await;
    assert_eq!(res.status(), 204);
}

/// The applicant's info for the demo plan, with the plan's acceptor.
pub fn info_body(acceptor: &str) -> Value {
    json!({
        "info": {
            "specialty": "水利工程",
            "current_specialty": "水利水电工程设计",
            "years_in_specialty": 12,
            "archive_location": "宁波市人才服务中心",
            "foreign_language": "英语 大学英语六级",
            "achievements": "主持完成多项水库除险加固设计",
            "specialities": "水工结构",
            "societies": "宁波市水利学会会员"
        },
        "acceptor_id": acceptor
    })
}

/// Every approved record of the applicant, extracted.
pub async fn extract_all(me: &Actor, id: &str) -> Value {
    let choices = json_of(me.get(&format!("{}/records", decl(id))).await, 200).await;
    let ids: Vec<Value> = choices["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["record_id"].clone())
        .collect();
    json_of(
        me.post(
            &format!("{}/records/extract", decl(id)),
            json!({ "record_ids": ids }),
        )
        .await,
        200,
    )
    .await
}

pub fn attachment_path(id: &str, item: i32) -> String {
    format!("{}/attachments/{item}", decl(id))
}

/// A declaration for the demo plan with everything submission needs; returns its id.
pub async fn complete_draft(app: &TestApp, me: &Actor) -> String {
    let plan = demo_plan(me).await;
    complete_draft_for(app, me, &plan).await
}

/// A declaration for `plan` (one 推荐表 PDF attachment) with everything submission needs.
pub async fn complete_draft_for(app: &TestApp, me: &Actor, plan: &str) -> String {
    let d = json_of(start(me, plan).await, 201).await;
    let id = d["id"].as_str().unwrap().to_owned();
    let acceptor = d["acceptor_choices"][0]["id"].as_str().unwrap().to_owned();
    json_of(put_photo(me, &id, "照片.png", portrait()).await, 200).await;
    sign(app, me, &id).await;
    json_of(
        me.put(&format!("{}/info", decl(&id)), info_body(&acceptor))
            .await,
        200,
    )
    .await;
    extract_all(me, &id).await;
    json_of(
        me.upload(&attachment_path(&id, 0), "推荐表.pdf", PDF.to_vec())
            .await,
        201,
    )
    .await;
    id
}

/// `POST /declarations/{id}/submit` with an optional `Idempotency-Key` and a raw JSON body.
pub async fn submit(me: &Actor, id: &str, key: Option<&str>, body: &str) -> Response {
    let mut req = me
        .request(Method::POST, &format!("{}/submit", decl(id)))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.unwrap()
}

pub async fn get_decl(me: &Actor, id: &str) -> Value {
    json_of(me.get(&decl(id)).await, 200).await
}

pub async fn version(me: &Actor, id: &str) -> i64 {
    get_decl(me, id).await["version"].as_i64().unwrap()
}

pub async fn pending_declarations(employer: &Actor) -> i64 {
    json_of(employer.get("/api/v1/archive/review/summary").await, 200).await["pending_declarations"]
        .as_i64()
        .unwrap()
}

/// Runs `sql` (with `$1`, `$2`, … placeholders, used in order) with bound values.
pub async fn exec(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) {
    let sql = match app.backend {
        Backend::Postgres => sql.to_owned(),
        Backend::Sqlite => {
            let mut s = sql.to_owned();
            for n in (1..=values.len()).rev() {
                s = s.replace(&format!("${n}"), "?");
            }
            s
        }
    };
    app.db
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            app.db.get_database_backend(),
            sql,
            values,
        ))
        .await
        .unwrap();
}

fn uuid(id: &str) -> sea_orm::Value {
    id.parse::<uuid::Uuid>().unwrap().into()
}

/// Sets a timestamp column of declaration `id` (bound, so each backend stores its own format).
pub async fn set_decl_time(app: &TestApp, id: &str, column: &str, at: DateTime<Utc>) {
    exec(
        app,
        &format!("UPDATE declarations SET {column} = $1 WHERE id = $2"),
        vec![at.into(), uuid(id)],
    )
    .await;
}

pub async fn submitted_events(app: &TestApp) -> i64 {
    app.count("declaration_events WHERE action = 'submitted'")
        .await
}

fn plan_at(days: i64) -> String {
    (Utc::now() + Duration::days(days)).to_rfc3339()
}

/// Creates (and publishes, unless `publish` is false) a 评审 plan of nb_hrss open to
/// 宁波市水利局's subtree, with the window `opens`..`closes` days from now.
pub async fn own_plan(app: &TestApp, opens: i64, closes: i64, publish: bool) -> String {
    let hrss = app.staff("nb_hrss").await;
    let body = json!({
        "year": 2026,
        "name": "关于2026年度高级工程师申报通知（申报测试）",
        "plan_type": "review",
        "series": "engineering",
        "level": "associate_senior",
        "specialties": ["水利工程"],
        "affiliation_ids": [app.unit_id(WATER).await],
        "acceptor_ids": [app.unit_id(COMMITTEE).await],
        "opens_at": plan_at(opens),
        "closes_at": plan_at(closes),
        "description": "评审计划说明",
        "attachments": [{"name": "推荐表", "required": true, "types": ["pdf"]}],
        "qualification": "具有工程师职称满5年",
        "rules": {"min_years_in_profession": 10},
        "fee_fen": 45000
    });
    let plan = json_of(hrss.post("/api/v1/plans", body).await, 201).await;
    let id = plan["id"].as_str().unwrap().to_owned();
    if publish {
        json_of(
            hrss.post(&format!("/api/v1/plans/{id}/publish"), json!({}))
                .await,
            200,
        )
        .await;
    }
    id
}

fn member(team: &Team, i: usize) -> &Actor {
    &team.staff[i].actor
}

// ---- tests ----

dual!(wizard_end_to_end, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let employer = &team.employer;
    let plan = demo_plan(me).await;

    // eligibility can be checked before starting
    let rules = json_of(
        me.get(&format!("/api/v1/plans/{plan}/eligibility")).await,
        200,
    )
    .await;
    assert!(!rules.as_array().unwrap().is_empty(), "{rules}");

    // 1. 马上申报: a draft; pressing again resumes it
    let d = json_of(start(me, &plan).await, 201).await;
    let id = d["id"].as_str().unwrap().to_owned();
    assert_eq!(d["stage"]["status"], "draft");
    assert_eq!(d["progress"]["last_step"], 1);
    assert_eq!(d["plan"]["id"], plan.as_str());
    assert_eq!(d["employer"]["id"], employer.unit_id.as_str());
    assert_eq!(d["acceptor"]["name"], COMMITTEE, "the plan's only acceptor");
    assert_eq!(d["actions"]["delete"], true);
    assert_eq!(d["actions"]["withdraw"], false);
    assert_eq!(d["timeline"][0]["action"], "created");
    let again = json_of(start(me, &plan).await, 200).await;
    assert_eq!(again["id"], id.as_str());
    assert_eq!(app.count("declarations").await, 1);
    let acceptor = d["acceptor_choices"][0]["id"].as_str().unwrap().to_owned();

    // 2. 证件照
    let photo = portrait();
    let d = json_of(put_photo(me, &id, "证件照.png", photo.clone()).await, 200).await;
    assert_eq!(d["progress"]["photo"], true);
    assert_eq!(d["progress"]["last_step"], 2);
    let res = me.get(&format!("{}/photo", decl(&id))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().to_vec(), photo);

    // 3. 真实性保证书: QR link → phone page → drawn signature
    let s = json_of(
        me.post(&format!("{}/guarantee/signing", decl(&id)), json!({}))
            .await,
        200,
    )
    .await;
    assert!(s["qr_svg"].as_str().unwrap().contains("<svg"));
    let expires: DateTime<Utc> = s["expires_at"].as_str().unwrap().parse().unwrap();
    let ttl = expires - Utc::now();
    assert!(
        ttl > Duration::minutes(9) && ttl <= Duration::minutes(10),
        "{ttl}"
    );
    let token = s["token"].as_str().unwrap().to_owned();
    assert!(
        s["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/sign/{token}"))
    );
    let page = json_of(app.anon().get(&signing_path(&token)).await, 200).await;
    assert!(page["applicant"].as_str().unwrap().contains('*'), "{page}");
    assert_eq!(
        page["guarantee"]["title"],
        "专业技术资格申报材料真实性保证书"
    );
    assert_eq!(page["guarantee"]["signed"], false);
    assert!(page["plan_name"].as_str().unwrap().contains("高级工程师"));
    let res = app
        .anon()
        .upload(&signing_path(&token), "签名.png", signature())
        .await;
    assert_eq!(res.status(), 204);
    let d = get_decl(me, &id).await;
    assert_eq!(d["guarantee"]["signed"], true);
    assert_eq!(d["guarantee"]["expired"], false);
    assert_eq!(d["progress"]["guarantee_signed"], true);
    assert_eq!(d["progress"]["last_step"], 3);
    assert!(
        d["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "guarantee_signed")
    );
    let res = me.get(&format!("{}/guarantee/signature", decl(&id))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");

    // 4. 申报信息
    let d = json_of(
        me.put(&format!("{}/info", decl(&id)), info_body(&acceptor))
            .await,
        200,
    )
    .await;
    assert_eq!(d["info"]["specialty"], "水利工程");
    assert_eq!(d["info"]["years_in_specialty"], 12);
    assert_eq!(d["progress"]["info"], true);
    assert_eq!(d["progress"]["last_step"], 4);

    // 5. 业绩: the three approved records; extract, ignore one, extract it again
    let choices = json_of(me.get(&format!("{}/records", decl(&id))).await, 200).await;
    let items = choices["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{choices}");
    assert!(items.iter().all(|c| c["extracted"] == false));
    let choices = extract_all(me, &id).await;
    assert!(
        choices["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["extracted"] == true && c["changed_since"] == false)
    );
    let assessment_id = team.staff[0].records[2]["id"].clone();
    let choices = json_of(
        me.post(
            &format!("{}/records/ignore", decl(&id)),
            json!({ "record_ids": [assessment_id] }),
        )
        .await,
        200,
    )
    .await;
    let extracted: Vec<&Value> = choices["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["extracted"] == true)
        .collect();
    assert_eq!(extracted.len(), 2);
    assert_eq!(get_decl(me, &id).await["progress"]["records"], 2);
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    let unmet: Vec<&Value> = preview["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["met"] == false)
        .collect();
    assert!(
        unmet.iter().any(|c| c["field"] == "records.assessment"),
        "{unmet:?}"
    );
    extract_all(me, &id).await;
    assert_eq!(get_decl(me, &id).await["progress"]["records"], 3);

    // 6. 附件: the required pdf; an optional image added and removed again
    let item = json_of(
        me.upload(&attachment_path(&id, 0), "推荐表.pdf", PDF.to_vec())
            .await,
        201,
    )
    .await;
    assert_eq!(item["item"], 0);
    assert_eq!(item["files"].as_array().unwrap().len(), 1);
    let file = item["files"][0]["id"].as_str().unwrap().to_owned();
    let res = me.get(&format!("{}/{file}", attachment_path(&id, 0))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.bytes().await.unwrap().to_vec(), PDF.to_vec());
    let extra = json_of(
        me.upload(&attachment_path(&id, 1), "证明.png", png(120, 160))
            .await,
        201,
    )
    .await;
    let extra_id = extra["files"][0]["id"].as_str().unwrap().to_owned();
    let left = json_of(
        me.delete(&format!("{}/{extra_id}", attachment_path(&id, 1)))
            .await,
        200,
    )
    .await;
    assert_eq!(left["files"], json!([]));
    let d = get_decl(me, &id).await;
    assert_eq!(d["progress"]["attachments_complete"], true);
    assert_eq!(d["progress"]["last_step"], 6);

    // 7. 预览: everything met, sections 2–17, eligibility for every rule, attachments list
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    let checks = preview["checks"].as_array().unwrap();
    assert!(!checks.is_empty());
    assert!(checks.iter().all(|c| c["met"] == true), "{checks:?}");
    let sections = preview["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 16);
    let numbers: Vec<u64> = sections.iter().map(|s| s["no"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (2..=17).collect::<Vec<u64>>());
    assert_eq!(sections[0]["title"], "教育经历");
    assert_eq!(sections[0]["records"].as_array().unwrap().len(), 1);
    assert_eq!(
        sections[0]["records"][0]["content"]["data"]["school"],
        "河海大学"
    );
    assert_eq!(sections[13]["title"], "资格与资质证书");
    assert_eq!(
        sections
            .iter()
            .map(|s| s["records"].as_array().unwrap().len())
            .sum::<usize>(),
        3
    );
    assert!(!preview["eligibility"].as_array().unwrap().is_empty());
    assert_eq!(preview["attachments"][0]["no"], 1);
    assert_eq!(preview["attachments"][0]["required"], true);
    assert_eq!(
        preview["attachments"][0]["files"].as_array().unwrap().len(),
        1
    );
    assert_eq!(preview["basic"]["info"]["specialty"], "水利工程");
    assert_eq!(preview["basic"]["declaration_type"], "职称评审");
    assert_eq!(preview["basic"]["acceptor"]["name"], COMMITTEE);
    let v = preview["version"].as_i64().unwrap();
    assert_eq!(v, version(me, &id).await);

    // 提交 with an Idempotency-Key: to the employer's queue
    assert_eq!(pending_declarations(employer).await, 0);
    let body = json!({ "version": v }).to_string();
    let d = json_of(submit(me, &id, Some("submit-1"), &body).await, 200).await;
    assert_eq!(d["stage"]["status"], "submitted");
    assert_eq!(d["stage"]["holder"]["id"], employer.unit_id.as_str());
    assert!(d["submitted_at"].is_string());
    assert_eq!(d["progress"]["last_step"], 7);
    assert_eq!(d["actions"]["withdraw"], true);
    assert_eq!(d["actions"]["edit"], false);
    assert_eq!(d["actions"]["delete"], false);
    assert_eq!(pending_declarations(employer).await, 1);
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(preview["checks"], json!([]));
    assert_eq!(preview["stage"]["status"], "submitted");
    assert!(!preview["eligibility"].as_array().unwrap().is_empty());

    // 我的申报记录
    let page = json_of(me.get("/api/v1/declarations").await, 200).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], id.as_str());
    assert_eq!(page["items"][0]["stage"]["status"], "submitted");
    assert_eq!(
        page["items"][0]["stage"]["holder"]["id"],
        employer.unit_id.as_str()
    );
    let page = json_of(me.get("/api/v1/declarations?status=draft").await, 200).await;
    assert_eq!(page["total"], 0);

    // 撤回: a draft again, out of the employer's queue, everything kept
    let d = json_of(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        200,
    )
    .await;
    assert_eq!(d["stage"]["status"], "draft");
    assert!(d["stage"]["holder"].is_null());
    assert_eq!(d["progress"]["records"], 3);
    assert_eq!(d["progress"]["attachments_complete"], true);
    assert!(
        d["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "withdrawn")
    );
    assert_eq!(pending_declarations(employer).await, 0);

    // and submitted again
    let d = json_of(submit(me, &id, Some("submit-2"), "").await, 200).await;
    assert_eq!(d["stage"]["status"], "submitted");
    assert_eq!(pending_declarations(employer).await, 1);
    assert_eq!(submitted_events(&app).await, 2);
});

dual!(wrong_roles_and_other_peoples_declarations, |app| {
    let team = team::approved(&app, 2).await;
    let (me, other) = (member(&team, 0), member(&team, 1));
    let plan = demo_plan(me).await;

    // only individuals declare
    for who in [
        app.employer().await,
        app.staff("nb_hrss").await,
        app.staff("nb_slj").await,
        app.admin().await,
    ] {
        problem(start(&who, &plan).await, 403, "forbidden").await;
        problem(who.get("/api/v1/declarations").await, 403, "forbidden").await;
    }
    assert_eq!(app.count("declarations").await, 0);

    let id = complete_draft(&app, me).await;
    let before = version(me, &id).await;
    let file = get_decl(me, &id).await["attachments"][0]["files"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let record = team.staff[0].records[0]["id"].clone();
    let d = decl(&id);

    // someone else's declaration does not exist for them
    let mut answers = vec![
        other.get(&d).await,
        other.get(&format!("{d}/preview")).await,
        other.get(&format!("{d}/photo")).await,
        other.get(&format!("{d}/guarantee/signature")).await,
        other.get(&format!("{d}/records")).await,
        other
            .get(&format!("{}/{file}", attachment_path(&id, 0)))
            .await,
        put_photo(other, &id, "照片.png", portrait()).await,
        other
            .post(&format!("{d}/guarantee/signing"), json!({}))
            .await,
        other.put(&format!("{d}/info"), info_body(&id)).await,
        other
            .post(
                &format!("{d}/records/extract"),
                json!({ "record_ids": [record] }),
            )
            .await,
        other
            .post(
                &format!("{d}/records/ignore"),
                json!({ "record_ids": [record] }),
            )
            .await,
        other
            .upload(&attachment_path(&id, 0), "a.pdf", PDF.to_vec())
            .await,
        other
            .delete(&format!("{}/{file}", attachment_path(&id, 0)))
            .await,
        submit(other, &id, None, "").await,
        submit(other, &id, Some("other-key"), "").await,
        other.post(&format!("{d}/withdraw"), json!({})).await,
        other.delete(&d).await,
    ];
    for (i, res) in answers.drain(..).enumerate() {
        assert_eq!(res.status(), 404, "request {i}");
        problem(res, 404, "not_found").await;
    }
    // nor for an employer or a department (403: they have no declarations of their own)
    let employer = app.employer().await;
    problem(employer.get(&d).await, 403, "forbidden").await;
    problem(submit(&employer, &id, None, "").await, 403, "forbidden").await;

    // nothing changed
    assert_eq!(version(me, &id).await, before);
    assert_eq!(get_decl(me, &id).await["stage"]["status"], "draft");
    assert_eq!(app.count("declaration_attachments").await, 1);
    assert_eq!(app.count("declaration_records").await, 3);
    let page = json_of(other.get("/api/v1/declarations").await, 200).await;
    assert_eq!(page["total"], 0);
    // and the owner still submits
    json_of(submit(me, &id, None, "").await, 200).await;
});

dual!(bad_input_writes_nothing, |app| {
    let team = team::approved(&app, 2).await;
    let me = member(&team, 0);
    let plan = demo_plan(me).await;

    // unknown plan, malformed body
    let p = problem(
        start(me, &uuid::Uuid::new_v4().to_string()).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "plan_id");
    let res = me
        .post("/api/v1/declarations", json!({ "plan_id": "nope" }))
        .await;
    assert!(res.status().is_client_error());
    let res = me
        .post("/api/v1/declarations", json!({ "plan_id": plan, "x": 1 }))
        .await;
    assert!(res.status().is_client_error());
    assert_eq!(app.count("declarations").await, 0);
    assert_eq!(app.count("declaration_events").await, 0);

    let d = json_of(start(me, &plan).await, 201).await;
    let id = d["id"].as_str().unwrap().to_owned();
    let acceptor = d["acceptor_choices"][0]["id"].as_str().unwrap().to_owned();
    let v0 = d["version"].as_i64().unwrap();

    // records: a pending one, someone else's, none at all
    let pending = create_record(me, assessment(2023)).await;
    problem(
        me.post(
            &format!("{}/records/extract", decl(&id)),
            json!({ "record_ids": [pending["id"]] }),
        )
        .await,
        422,
        "record_not_approved",
    )
    .await;
    let mixed = json!({ "record_ids": [team.staff[0].records[0]["id"], pending["id"]] });
    problem(
        me.post(&format!("{}/records/extract", decl(&id)), mixed)
            .await,
        422,
        "record_not_approved",
    )
    .await;
    let foreign = team.staff[1].records[0]["id"].clone();
    let p = problem(
        me.post(
            &format!("{}/records/extract", decl(&id)),
            json!({ "record_ids": [foreign] }),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "record_ids");
    problem(
        me.post(
            &format!("{}/records/extract", decl(&id)),
            json!({ "record_ids": [] }),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(app.count("declaration_records").await, 0);
    // the pending record is not offered either
    let choices = json_of(me.get(&format!("{}/records", decl(&id))).await, 200).await;
    assert_eq!(choices["items"].as_array().unwrap().len(), 3);

    // info: a specialty the plan doesn't review, an acceptor it doesn't have, bad years, too
    // long texts — all reported, nothing saved
    let mut bad = info_body(&acceptor);
    bad["info"]["specialty"] = json!("天文学");
    let p = problem(
        me.put(&format!("{}/info", decl(&id)), bad).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "info.specialty");
    let committee_elsewhere = app.unit_id(WATER).await;
    let p = problem(
        me.put(
            &format!("{}/info", decl(&id)),
            info_body(&committee_elsewhere),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "acceptor_id");
    let mut bad = info_body(&acceptor);
    bad["info"]["years_in_specialty"] = json!(61);
    bad["info"]["archive_location"] = json!("档".repeat(101));
    bad["info"]["recognition_kind"] = json!("transfer_in");
    let p = problem(
        me.put(&format!("{}/info", decl(&id)), bad).await,
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
        "info.years_in_specialty",
        "info.archive_location",
        "info.recognition_kind",
    ] {
        assert!(fields.contains(&f), "{f}: {p}");
    }
    let mut bad = info_body(&acceptor);
    bad["info"]["hobby"] = json!("钓鱼");
    assert!(
        me.put(&format!("{}/info", decl(&id)), bad)
            .await
            .status()
            .is_client_error()
    );
    let d = get_decl(me, &id).await;
    assert_eq!(d["info"]["specialty"], Value::Null);
    assert_eq!(d["acceptor"]["id"], acceptor.as_str());

    // photo: landscape, tiny, a pdf, a lying file name, no file
    for (name, bytes, status, code) in [
        ("横版.png", png(400, 300), 422, "photo_unsuitable"),
        ("小.png", png(60, 80), 422, "photo_unsuitable"),
        ("细长.png", png(100, 400), 422, "photo_unsuitable"),
        ("照片.pdf", PDF.to_vec(), 422, "file_type_not_allowed"),
        ("照片.png", PDF.to_vec(), 422, "file_type_not_allowed"),
        ("照片.jpg", JPEG.to_vec(), 422, "photo_unsuitable"),
    ] {
        let res = put_photo(me, &id, name, bytes).await;
        assert_eq!(res.status().as_u16(), status, "{name}");
        problem(res, status, code).await;
    }
    let res = me
        .request(Method::PUT, &format!("{}/photo", decl(&id)))
        .multipart(reqwest::multipart::Form::new().text("note", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(app.stored_objects("photo"), 0);
    assert_eq!(get_decl(me, &id).await["progress"]["photo"], false);

    // attachments: the wrong type for the item, items that don't exist
    problem(
        me.upload(&attachment_path(&id, 0), "推荐表.png", portrait())
            .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    for item in [2, 99, -1] {
        problem(
            me.upload(&attachment_path(&id, item), "推荐表.pdf", PDF.to_vec())
                .await,
            404,
            "not_found",
        )
        .await;
    }
    problem(
        me.delete(&format!(
            "{}/{}",
            attachment_path(&id, 0),
            uuid::Uuid::new_v4()
        ))
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.count("declaration_attachments").await, 0);
    assert_eq!(app.stored_objects("declaration"), 0);

    // the signing page: a bad token, a signature that is not a png
    problem(
        app.anon().get(&signing_path("nonsense")).await,
        404,
        "signing_link_invalid",
    )
    .await;
    problem(
        app.anon().get(&signing_path(&"x".repeat(300))).await,
        404,
        "signing_link_invalid",
    )
    .await;
    let token = signing_token(me, &id).await;
    problem(
        app.anon()
            .upload(&signing_path(&token), "签名.pdf", PDF.to_vec())
            .await,
        422,
        "file_type_not_allowed",
    )
    .await;
    assert_eq!(app.stored_objects("signature"), 0);
    assert_eq!(get_decl(me, &id).await["guarantee"]["signed"], false);

    // an incomplete submission lists what is missing and changes nothing
    let p = problem(
        submit(me, &id, None, "").await,
        422,
        "declaration_incomplete",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in [
        "photo",
        "guarantee",
        "info",
        "records.education",
        "records.work_history",
        "records.assessment",
        "attachments.0",
    ] {
        assert!(fields.contains(&f), "{f}: {p}");
    }
    assert!(!fields.contains(&"plan"), "{p}");
    // a body that is not JSON, a body with unknown fields
    assert_eq!(submit(me, &id, None, "{not json").await.status(), 400);
    assert!(
        submit(me, &id, None, r#"{"later": true}"#)
            .await
            .status()
            .is_client_error()
    );

    // the signing link above (still unused) added no version; nothing else did either
    assert_eq!(version(me, &id).await, v0);
    assert_eq!(get_decl(me, &id).await["stage"]["status"], "draft");
    assert_eq!(submitted_events(&app).await, 0);
});

dual!(submitted_declarations_are_locked, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let plan = demo_plan(me).await;

    // withdrawing a draft
    let id = complete_draft(&app, me).await;
    problem(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        409,
        "declaration_locked",
    )
    .await;

    json_of(submit(me, &id, None, "").await, 200).await;
    let v = version(me, &id).await;
    let d = get_decl(me, &id).await;
    let acceptor = d["acceptor"]["id"].as_str().unwrap().to_owned();
    let file = d["attachments"][0]["files"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let record = team.staff[0].records[0]["id"].clone();

    // every edit is refused
    let answers = vec![
        me.put(&format!("{}/info", decl(&id)), info_body(&acceptor))
            .await,
        put_photo(me, &id, "照片.png", portrait()).await,
        me.post(&format!("{}/guarantee/signing", decl(&id)), json!({}))
            .await,
        me.post(
            &format!("{}/records/extract", decl(&id)),
            json!({ "record_ids": [record] }),
        )
        .await,
        me.post(
            &format!("{}/records/ignore", decl(&id)),
            json!({ "record_ids": [record] }),
        )
        .await,
        me.upload(&attachment_path(&id, 0), "推荐表.pdf", PDF.to_vec())
            .await,
        me.delete(&format!("{}/{file}", attachment_path(&id, 0)))
            .await,
        submit(me, &id, None, "").await,
        me.delete(&decl(&id)).await,
    ];
    for (i, res) in answers.into_iter().enumerate() {
        assert_eq!(res.status(), 409, "request {i}");
        problem(res, 409, "declaration_locked").await;
    }
    // 马上申报 on the same plan again
    problem(start(me, &plan).await, 409, "declaration_exists").await;
    assert_eq!(app.count("declarations").await, 1);
    assert_eq!(version(me, &id).await, v);
    assert_eq!(app.count("declaration_attachments").await, 1);
    assert_eq!(app.count("declaration_records").await, 3);
    assert_eq!(app.stored_objects("photo"), 1);

    // withdrawn: editable again, and a draft may be deleted with everything in it
    json_of(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        200,
    )
    .await;
    problem(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        409,
        "declaration_locked",
    )
    .await;
    let again = json_of(start(me, &plan).await, 200).await;
    assert_eq!(again["id"], id.as_str());
    let res = me.delete(&decl(&id)).await;
    assert_eq!(res.status(), 204);
    problem(me.get(&decl(&id)).await, 404, "not_found").await;
    problem(me.delete(&decl(&id)).await, 404, "not_found").await;
    for table in [
        "declarations",
        "declaration_records",
        "declaration_attachments",
        "declaration_events",
    ] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    let page = json_of(me.get("/api/v1/declarations").await, 200).await;
    assert_eq!(page["total"], 0);
    // and a new one can be started
    json_of(start(me, &plan).await, 201).await;
});

dual!(the_plan_window, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let hrss = app.staff("nb_hrss").await;

    // not open yet
    let future = own_plan(&app, 5, 30, true).await;
    problem(start(me, &future).await, 422, "plan_not_open").await;
    // a draft plan is not visible at all
    let draft = own_plan(&app, -1, 30, false).await;
    problem(start(me, &draft).await, 422, "validation_failed").await;
    // closed
    let closed = own_plan(&app, -1, 30, true).await;
    json_of(start(me, &closed).await, 201).await;
    json_of(
        hrss.post(&format!("/api/v1/plans/{closed}/close"), json!({}))
            .await,
        200,
    )
    .await;
    problem(start(me, &closed).await, 422, "plan_not_open").await;
    assert_eq!(app.count("declarations").await, 1);

    // open when the draft was made, closed by the time it is submitted
    let id = complete_draft(&app, me).await;
    let plan = demo_plan(me).await;
    exec(
        &app,
        "UPDATE plans SET closes_at = $1 WHERE id = $2",
        vec![(Utc::now() - Duration::minutes(1)).into(), uuid(&plan)],
    )
    .await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    let window = preview["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "window")
        .unwrap()
        .clone();
    assert_eq!(window["met"], false);
    let p = problem(
        submit(me, &id, Some("late"), "").await,
        422,
        "declaration_incomplete",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["plan"], "{p}");
    assert_eq!(get_decl(me, &id).await["stage"]["status"], "draft");
    assert_eq!(submitted_events(&app).await, 0);
    assert_eq!(pending_declarations(&team.employer).await, 0);
});

dual!(the_signing_link, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let plan = demo_plan(me).await;
    let d = json_of(start(me, &plan).await, 201).await;
    let id = d["id"].as_str().unwrap().to_owned();
    let phone = app.anon();

    // a new QR code replaces the old one
    let first = signing_token(me, &id).await;
    let second = signing_token(me, &id).await;
    problem(
        phone.get(&signing_path(&first)).await,
        404,
        "signing_link_invalid",
    )
    .await;
    problem(
        phone
            .upload(&signing_path(&first), "签名.png", signature())
            .await,
        404,
        "signing_link_invalid",
    )
    .await;
    json_of(phone.get(&signing_path(&second)).await, 200).await;

    // an expired link
    set_decl_time(
        &app,
        &id,
        "signing_token_expires_at",
        Utc::now() - Duration::seconds(1),
    )
    .await;
    problem(
        phone.get(&signing_path(&second)).await,
        404,
        "signing_link_invalid",
    )
    .await;
    problem(
        phone
            .upload(&signing_path(&second), "签名.png", signature())
            .await,
        404,
        "signing_link_invalid",
    )
    .await;
    assert_eq!(get_decl(me, &id).await["guarantee"]["signed"], false);
    assert_eq!(app.stored_objects("signature"), 0);

    // a link is used once
    let third = signing_token(me, &id).await;
    let res = phone
        .upload(&signing_path(&third), "签名.png", signature())
        .await;
    assert_eq!(res.status(), 204);
    problem(
        phone
            .upload(&signing_path(&third), "签名.png", signature())
            .await,
        404,
        "signing_link_invalid",
    )
    .await;
    problem(
        phone.get(&signing_path(&third)).await,
        404,
        "signing_link_invalid",
    )
    .await;
    assert_eq!(app.stored_objects("signature"), 1);
    assert_eq!(
        app.count("declaration_events WHERE action = 'guarantee_signed'")
            .await,
        1
    );
});

dual!(an_old_signature_is_signed_again, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let id = complete_draft(&app, me).await;
    set_decl_time(
        &app,
        &id,
        "guarantee_signed_at",
        Utc::now() - Duration::days(31),
    )
    .await;
    let d = get_decl(me, &id).await;
    assert_eq!(d["guarantee"]["signed"], true);
    assert_eq!(d["guarantee"]["expired"], true);
    assert_eq!(d["progress"]["guarantee_signed"], false);
    let p = problem(
        submit(me, &id, None, "").await,
        422,
        "declaration_incomplete",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["guarantee"], "{p}");
    sign(&app, me, &id).await;
    let d = get_decl(me, &id).await;
    assert_eq!(d["guarantee"]["expired"], false);
    json_of(submit(me, &id, None, "").await, 200).await;
});

dual!(a_submitted_declaration_keeps_its_snapshot, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let id = complete_draft(&app, me).await;
    json_of(submit(me, &id, None, "").await, 200).await;
    let before = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    let education = team.staff[0].records[0]["id"].as_str().unwrap().to_owned();
    let old_title = before["sections"][0]["records"][0]["title"].clone();
    assert!(old_title.is_string());

    // the archive record changes behind the declaration's back
    let mut data = team.staff[0].records[0]["content"]["data"].clone();
    data["school"] = json!("清华大学");
    exec(
        &app,
        "UPDATE archive_records SET title = $1, data = $2, updated_at = $3 WHERE id = $4",
        vec![
            "清华大学 改过的标题".into(),
            sea_orm::Value::Json(Some(Box::new(data))),
            (Utc::now() + Duration::seconds(1)).into(),
            uuid(&education),
        ],
    )
    .await;
    let after = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(after["sections"], before["sections"]);
    assert_eq!(after["sections"][0]["records"][0]["title"], old_title);
    assert_eq!(
        after["sections"][0]["records"][0]["content"]["data"]["school"],
        "河海大学"
    );
    assert_eq!(after["eligibility"], before["eligibility"]);

    // withdrawn, it still holds the snapshot until the applicant extracts again
    json_of(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        200,
    )
    .await;
    let choices = json_of(me.get(&format!("{}/records", decl(&id))).await, 200).await;
    let changed = choices["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["record_id"] == education.as_str())
        .unwrap()
        .clone();
    assert_eq!(changed["changed_since"], true, "{changed}");
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(
        preview["sections"][0]["records"][0]["content"]["data"]["school"],
        "河海大学"
    );
    json_of(
        me.post(
            &format!("{}/records/extract", decl(&id)),
            json!({ "record_ids": [education] }),
        )
        .await,
        200,
    )
    .await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(
        preview["sections"][0]["records"][0]["content"]["data"]["school"],
        "清华大学"
    );
});

dual!(the_basic_information_is_copied_at_submission, |app| {
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let id = complete_draft(&app, me).await;
    let profile = |title: &str| json!({"employer_id": team.employer.unit_id, "ethnicity": "汉族", "current_title": title});
    json_of(me.put("/api/v1/profile", profile("工程师")).await, 200).await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(preview["basic"]["person"]["current_title"], "工程师");
    json_of(submit(me, &id, None, "").await, 200).await;

    // a later change of the person's basic information leaves the submitted declaration alone
    json_of(me.put("/api/v1/profile", profile("高级工程师")).await, 200).await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(preview["basic"]["person"]["current_title"], "工程师");

    // withdrawn, the draft shows the person as they are now, and the new submission copies it
    json_of(
        me.post(&format!("{}/withdraw", decl(&id)), json!({})).await,
        200,
    )
    .await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(preview["basic"]["person"]["current_title"], "高级工程师");
    json_of(submit(me, &id, None, "").await, 200).await;
    let preview = json_of(me.get(&format!("{}/preview", decl(&id))).await, 200).await;
    assert_eq!(preview["basic"]["person"]["current_title"], "高级工程师");
});

/// `sha256(method \0 path \0 body)`, as the server identifies a request.
pub fn request_hash(path: &str, body: &str) -> String {
    let mut h = Sha256::new();
    h.update("POST");
    h.update([0]);
    h.update(path);
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

dual!(submit_honours_idempotency_keys, |app| {
    let team = team::approved(&app, 2).await;
    let me = member(&team, 0);
    let id = complete_draft(&app, me).await;
    let v = version(me, &id).await;
    let body = json!({ "version": v }).to_string();

    // malformed keys are refused before anything happens
    for key in ["k".repeat(101), " ".to_owned()] {
        let p = problem(
            submit(me, &id, Some(&key), &body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "Idempotency-Key");
    }
    assert_eq!(app.count("idempotency_keys").await, 0);

    // the first answer, then the same answer again
    let first = submit(me, &id, Some("key-A"), &body).await;
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("Idempotent-Replayed").is_none());
    let first_body = first.text().await.unwrap();
    for _ in 0..2 {
        let again = submit(me, &id, Some("key-A"), &body).await;
        assert_eq!(again.status(), 200);
        assert_eq!(again.headers()["Idempotent-Replayed"], "true");
        assert_eq!(again.headers()["content-type"], "application/json");
        assert_eq!(again.text().await.unwrap(), first_body);
    }
    let shown: Value = serde_json::from_str(&first_body).unwrap();
    assert_eq!(shown["stage"]["status"], "submitted");
    assert_eq!(submitted_events(&app).await, 1);
    assert_eq!(pending_declarations(&team.employer).await, 1);

    // the same key for another request
    problem(
        submit(me, &id, Some("key-A"), r#"{"version": 999}"#).await,
        422,
        "idempotency_key_reused",
    )
    .await;
    // without a key, a second submit is simply refused
    problem(
        submit(me, &id, None, &body).await,
        409,
        "declaration_locked",
    )
    .await;
    // a new key gets its own answer (the declaration is already submitted)
    problem(
        submit(me, &id, Some("key-B"), &body).await,
        409,
        "declaration_locked",
    )
    .await;
    problem(
        submit(me, &id, Some("key-B"), &body).await,
        409,
        "declaration_locked",
    )
    .await;
    assert_eq!(submitted_events(&app).await, 1);

    // a request with the key still running
    let path = format!("{}/submit", decl(&id));
    exec(
        &app,
        "INSERT INTO idempotency_keys (account_id, key, request_hash, state, created_at) \
         SELECT applicant_id, 'key-C', $1, 'running', created_at FROM declarations WHERE id = $2",
        vec![request_hash(&path, &body).into(), uuid(&id)],
    )
    .await;
    problem(
        submit(me, &id, Some("key-C"), &body).await,
        409,
        "idempotency_in_progress",
    )
    .await;
    problem(
        submit(me, &id, Some("key-C"), r#"{"version": 1}"#).await,
        422,
        "idempotency_key_reused",
    )
    .await;

    // a key whose request died long ago (the server stopped mid-request) is taken over once
    let other = member(&team, 1);
    let other_id = complete_draft(&app, other).await;
    let other_path = format!("{}/submit", decl(&other_id));
    exec(
        &app,
        "INSERT INTO idempotency_keys (account_id, key, request_hash, state, created_at) \
         SELECT applicant_id, 'key-E', $1, 'running', $2 FROM declarations WHERE id = $3",
        vec![
            request_hash(&other_path, "").into(),
            (Utc::now() - Duration::minutes(10)).into(),
            uuid(&other_id),
        ],
    )
    .await;
    let res = submit(other, &other_id, Some("key-E"), "").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("Idempotent-Replayed").is_none());
    let res = submit(other, &other_id, Some("key-E"), "").await;
    assert_eq!(res.headers()["Idempotent-Replayed"], "true");
    assert_eq!(submitted_events(&app).await, 2);
    json_of(
        other
            .post(&format!("{}/withdraw", decl(&other_id)), json!({}))
            .await,
        200,
    )
    .await;

    // keys belong to one account: another applicant's key-A is a fresh request
    let res = submit(other, &other_id, Some("key-A"), "").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("Idempotent-Replayed").is_none());
    let d: Value = res.json().await.unwrap();
    assert_eq!(d["id"], other_id.as_str());
    assert_eq!(submitted_events(&app).await, 3);

    // a stale version
    json_of(
        other
            .post(&format!("{}/withdraw", decl(&other_id)), json!({}))
            .await,
        200,
    )
    .await;
    problem(
        submit(other, &other_id, Some("key-D"), r#"{"version": 1}"#).await,
        409,
        "version_conflict",
    )
    .await;
    assert_eq!(get_decl(other, &other_id).await["stage"]["status"], "draft");
});

dual!(moving_to_a_unit_the_plan_is_not_open_to, |app| {
    use crate::fixtures::employer::{decide_application, pending_applications, registered};
    let team = team::approved(&app, 1).await;
    let me = member(&team, 0);
    let id = complete_draft(&app, me).await;

    // an employer under another competent department of the city
    let admin = app.admin().await;
    let city = app.unit_id("宁波市人力资源和社会保障局").await;
    let traffic = json_of(
        admin
            .post(
                "/api/v1/org-units",
                json!({"name": "宁波市交通运输局", "kind": "competent", "parent_id": city}),
            )
            .await,
        201,
    )
    .await;
    let elsewhere = registered(&app, 41, "宁波市交通规划设计研究院有限公司").await;
    let res = elsewhere
        .multipart(
            "/api/v1/employer/authorisation",
            &[("affiliation_id", traffic["id"].as_str().unwrap().to_owned())],
            Some(("委托证明.pdf", PDF.to_vec())),
        )
        .await;
    assert_eq!(res.status(), 201);
    let hrss = app.staff("nb_hrss").await;
    let pending = pending_applications(&hrss, "authorisation").await;
    let application = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["credit_code"] == elsewhere.credit_code.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        decide_application(&hrss, &application, "approve", None)
            .await
            .status(),
        200
    );

    // the applicant moves there: the demo plan is not open to that unit
    json_of(
        me.put(
            "/api/v1/profile",
            json!({"employer_id": elsewhere.unit_id, "ethnicity": "汉族"}),
        )
        .await,
        200,
    )
    .await;
    let plan = get_decl(me, &id).await["plan"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    problem(start(me, &plan).await, 422, "validation_failed").await;
    let p = problem(
        submit(me, &id, None, "").await,
        422,
        "declaration_incomplete",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["plan"], "{p}");
    assert_eq!(pending_declarations(&elsewhere).await, 0);
    assert_eq!(get_decl(me, &id).await["stage"]["status"], "draft");
});
