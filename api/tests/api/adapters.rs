//! The HTTP implementations of the SMS and scholar adapters, against a local fake gateway.
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::{Value, json};
/// What the fake gateway received: the Authorization header and the JSON body.
type Seen = Arc<Mutex<Vec<(Option<String>, Value)>>>;

use crate::helpers::{ScholarAdapter, SmsAdapter, SmsMessage};

/// A fake gateway on port 0: POST /sms records the body (and answers 500 for phone 10000000000),
/// GET /scholar answers a paper list.
async fn fake_gateway() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let data = web::Data::new(seen.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route(
                "/sms",
                web::post().to(|req: actix_web::HttpRequest, body: web::Json<Value>, seen: web::Data<Seen>| async move {
                    let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
                    let failing = body["phone"] == "10000000000";
                    seen.lock().unwrap().push((auth, body.into_inner()));
                    if failing { HttpResponse::InternalServerError().finish() } else { HttpResponse::Ok().json(json!({"ok": true})) }
                }),
            )
            .route(
                "/scholar",
                web::get().to(|q: web::Query<std::collections::HashMap<String, String>>| async move {
                    HttpResponse::Ok().json(json!([{
                        "title": format!("论文 {}", q.get("scholar_id").cloned().unwrap_or_default()),
                        "journal": "水利学报", "year": 2024, "month": 5, "volume": null, "issue": null, "pages": null,
                        "issn": null, "doi": null, "authors": ["张明"], "warnings": []
                    }]))
                }),
            )
    })
    .listen(listener)
    .unwrap()
    .workers(1)
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}"), seen)
}

#[tokio::test]
async fn sms_http_adapter_posts_json_with_the_token_and_reports_failures() {
    let (base, seen) = fake_gateway().await;
    let sms = SmsAdapter::Http {
        client: reqwest::Client::new(),
        url: format!("{base}/sms"),
        token: Some("t0k".into()),
    };
    let msg = SmsMessage {
        phone: "15712346340".into(),
        text: "【12333】测试".into(),
    };
    sms.send(&msg).await.unwrap();
    let failing = SmsMessage {
        phone: "10000000000".into(),
        text: "x".into(),
    };
    assert!(sms.send(&failing).await.unwrap_err().contains("500"));
    let (auth, body) = seen.lock().unwrap()[0].clone();
    assert_eq!(auth.as_deref(), Some("Bearer t0k"));
    assert_eq!(
        body,
        json!({"phone": "15712346340", "text": "【12333】测试"})
    );
    let down = SmsAdapter::Http {
        client: reqwest::Client::new(),
        url: "http://127.0.0.1:9/sms".into(),
        token: None,
    };
    assert!(down.send(&msg).await.is_err());
}

#[tokio::test]
async fn scholar_http_adapter_reads_the_paper_list() {
    let (base, _) = fake_gateway().await;
    let scholar = ScholarAdapter::Http {
        client: reqwest::Client::new(),
        url: format!("{base}/scholar"),
    };
    let papers = scholar.papers("abc123").await.unwrap();
    assert_eq!(papers[0].title, "论文 abc123");
    assert_eq!(papers[0].authors, ["张明"]);
    let missing = ScholarAdapter::Http {
        client: reqwest::Client::new(),
        url: format!("{base}/nothing"),
    };
    assert!(missing.papers("abc123").await.is_err());
}
