//! Checks at the HTTP boundary, before any handler runs: no control characters in the path,
//! the query string or any JSON string (NUL and friends are refused with a 422 problem, the
//! same on SQLite and PostgreSQL), and a cap on a multipart request's declared size.
//! Multipart text fields get the same character check in `documents::files::read_form`.
use actix_web::mime;
use actix_web::{
    Error, HttpMessage,
    body::MessageBody,
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::{StatusCode, header},
    middleware::Next,
    web,
};
use serde_json::Value;

use crate::error::{AppError, ErrorCode};

/// Largest JSON body accepted (also the `JsonConfig` limit).
pub const JSON_LIMIT: usize = 256 * 1024;
/// Largest multipart request accepted: the largest file (10 MB) plus room for the text fields.
pub const MULTIPART_LIMIT: usize = 10 * 1024 * 1024 + 256 * 1024;

/// Characters no text field may hold: C0 and C1 controls and DEL, except tab, line feed and
/// carriage return (multi-line texts keep their line breaks).
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

pub fn has_forbidden(s: &str) -> bool {
    s.chars().any(is_forbidden)
}

/// The path (`data.school`, `items[2]`) of the first JSON string — key or value — holding a
/// forbidden character.
pub fn find_in_json(v: &Value) -> Option<String> {
    fn walk(v: &Value, path: &mut String) -> Option<String> {
        match v {
            Value::String(s) if has_forbidden(s) => Some(path.clone()),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                path.truncate(len);
                found
            }),
            Value::Object(map) => map.iter().find_map(|(k, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let found = if has_forbidden(k) {
                    Some(path.clone())
                } else {
                    walk(item, path)
                };
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    walk(v, &mut String::new())
}

/// `%xx`-decodes `s` (and `+` as a space when `form`), lossily as UTF-8.
fn percent_decode(s: &str, form: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if form => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn control_characters(field: &str) -> AppError {
    let mut e = AppError::field(field, "不能包含控制字符（如 NUL），请删除后重新提交");
    e.code = ErrorCode::ControlCharacters;
    e
}

/// The middleware: see the module documentation.
pub async fn check_request(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if has_forbidden(&percent_decode(req.path(), false)) {
        return Err(control_characters("path").into());
    }
    for pair in req.query_string().split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if has_forbidden(&percent_decode(v, true)) || has_forbidden(&percent_decode(k, true)) {
            return Err(control_characters(&percent_decode(k, true)).into());
        }
    }
    let mime = req.mime_type().ok().flatten();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match mime {
        Some(m)
            if m.type_() == mime::MULTIPART && declared.is_some_and(|n| n > MULTIPART_LIMIT) =>
        {
            return Err(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                format!(
                    "上传内容不能超过 {} MB",
                    MULTIPART_LIMIT / crate::documents::files::MB
                ),
            )
            .into());
        }
        Some(m) if m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON) => {
            if declared.is_some_and(|n| n > JSON_LIMIT) {
                return Err(too_large().into());
            }
            let body = req.extract::<web::Bytes>().await.map_err(|_| too_large())?;
            if let Ok(v) = serde_json::from_slice::<Value>(&body)
                && let Some(field) = find_in_json(&v)
            {
                return Err(control_characters(&field).into());
            }
            req.set_payload(Payload::from(body));
        }
        _ => {}
    }
    next.call(req).await
}

fn too_large() -> AppError {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
        "请求内容过大",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_are_found_with_their_path() {
        assert_eq!(
            find_in_json(&json!({"a": "ok", "b": "x\u{0}y"})).as_deref(),
            Some("b")
        );
        assert_eq!(
            find_in_json(&json!({"data": {"list": ["ok", "\u{1b}[31m"]}})).as_deref(),
            Some("data.list[1]")
        );
        assert_eq!(
            find_in_json(&json!({"k\u{7f}": 1})).as_deref(),
            Some("k\u{7f}")
        );
        assert_eq!(
            find_in_json(&json!({"text": "第一行\n第二行\t缩进\r\n"})),
            None
        );
        assert_eq!(find_in_json(&json!([1, true, null, "中文"])), None);
        assert!(has_forbidden("\u{85}"), "C1 control");
        assert!(!has_forbidden("正常文本 ABC 123"));
    }

    #[test]
    fn percent_decoding_reveals_encoded_controls() {
        assert!(has_forbidden(&percent_decode("a%00b", false)));
        assert!(has_forbidden(&percent_decode("q=%1B", true)));
        assert_eq!(percent_decode("%E5%BC%A0+%E6%98%8E", true), "张 明");
        assert_eq!(percent_decode("100%", false), "100%");
        assert_eq!(percent_decode("%zz%4", false), "%zz%4");
        assert_eq!(percent_decode("%张%", false), "%张%");
    }
}

/// `deserialize_with` for a nested struct that must be a JSON object: serde would otherwise also
/// accept an array of its fields in order (`[null, null]`), which the OpenAPI document does not
/// allow.
pub fn object_only<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::{Deserialize, de::Error};
    let v = Value::deserialize(d)?;
    if !v.is_object() {
        return Err(D::Error::custom("应为对象（JSON object）"));
    }
    serde_json::from_value(v).map_err(D::Error::custom)
}

#[cfg(test)]
mod object_only_tests {
    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        a: Option<i32>,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Outer {
        #[serde(deserialize_with = "super::object_only")]
        #[allow(dead_code)]
        inner: Inner,
    }

    #[test]
    fn an_array_is_not_an_object() {
        assert!(serde_json::from_str::<Outer>(r#"{"inner": {"a": 1}}"#).is_ok());
        assert!(serde_json::from_str::<Outer>(r#"{"inner": [1]}"#).is_err());
        assert!(serde_json::from_str::<Outer>(r#"{"inner": null}"#).is_err());
    }
}
