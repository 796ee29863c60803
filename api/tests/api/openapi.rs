//! The committed OpenAPI document is exactly what the server serves.
use crate::helpers::*;
use serde_json::Value;

#[test]
fn committed_openapi_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("openapi/openapi.json exists"))
            .expect("openapi/openapi.json is JSON");
    let current = openapi_document();
    assert!(
        committed == current,
        "openapi/openapi.json is out of date: run `make openapi` and commit the result"
    );
}

#[test]
fn every_operation_is_documented_with_problems_and_ids() {
    let doc = openapi_document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(ids.insert(id.to_owned()), "duplicate operationId {id}");
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            if op.get("security").is_some() {
                assert!(
                    op["responses"]["401"].is_object(),
                    "{method} {path} lacks 401"
                );
            }
            if op.get("requestBody").is_some() {
                assert!(op["responses"]["422"].is_object() && op["responses"]["400"].is_object());
            }
        }
    }
}

#[test]
fn enums_carry_the_values_the_server_accepts() {
    let doc = openapi_document();
    let s = &doc["components"]["schemas"];
    assert_eq!(
        s["AssessmentResult"]["enum"],
        serde_json::json!(["优秀", "合格", "基本合格", "不合格"])
    );
    assert_eq!(s["EducationLevel"]["enum"][0], "博士研究生");
    assert_eq!(s["IndexedBy"]["enum"][4], "北大核心");
    assert_eq!(
        s["RecordStatus"]["enum"],
        serde_json::json!(["pending", "approved", "rejected", "returned"])
    );
}

#[test]
fn every_reference_resolves() {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let doc = openapi_document();
    let mut all = vec![];
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "unresolvable reference {r}");
    }
}

#[tokio::test]
async fn served_document_equals_the_generated_one() {
    let app = spawn_app(Backend::Sqlite).await;
    let served: Value = app
        .anon()
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(served, openapi_document());
}
