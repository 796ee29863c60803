//! The HTTP server: middleware, extractor error handlers, the SPA fallback and start-up.
use crate::error::ErrorCode;
use std::{net::TcpListener, path::PathBuf, sync::Arc};

use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer,
    body::MessageBody,
    dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse},
    error::{JsonPayloadError, QueryPayloadError},
    http::{Method, StatusCode},
    middleware, web,
};
use serde_json::Value;
use utoipa_actix_web::AppExt;

use crate::{boundary, error::AppError, notify, router, state::AppState};

/// Path templates and their methods, to answer 405 with `Allow` for a known path.
#[derive(Clone)]
struct RouteTable(Arc<Vec<(Vec<String>, Vec<String>)>>);

impl RouteTable {
    fn from_doc(doc: &Value) -> Self {
        let mut out = vec![];
        if let Some(paths) = doc["paths"].as_object() {
            for (path, item) in paths {
                let segs = path.split('/').map(str::to_owned).collect();
                let methods = item
                    .as_object()
                    .map(|o| o.keys().map(|m| m.to_ascii_uppercase()).collect())
                    .unwrap_or_default();
                out.push((segs, methods));
            }
        }
        Self(Arc::new(out))
    }

    /// The methods of a route template without parameters that is exactly `path`.
    fn allowed_literal(&self, path: &str) -> Option<Vec<String>> {
        let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        self.0.iter().find_map(|(tpl, methods)| {
            let ok = tpl.len() == segs.len()
                && tpl
                    .iter()
                    .zip(&segs)
                    .all(|(t, s)| !t.starts_with('{') && t == s);
            ok.then(|| methods.clone())
        })
    }

    fn allowed(&self, path: &str) -> Option<Vec<String>> {
        let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        self.0.iter().find_map(|(tpl, methods)| {
            let ok = tpl.len() == segs.len()
                && tpl
                    .iter()
                    .zip(&segs)
                    .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()));
            ok.then(|| methods.clone())
        })
    }
}

/// Unmatched requests: 405 + Allow on a known API path, the SPA for other GETs, else a 404 problem.
async fn fallback(
    req: HttpRequest,
    table: web::Data<RouteTable>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let path = req.path();
    if let Some(methods) = table.allowed(path) {
        if req.method() == Method::HEAD && methods.iter().any(|m| m == "GET") {
            return Ok(HttpResponse::Ok().finish());
        }
        return Err(method_not_allowed(&req, methods));
    }
    let is_api = path == "/api" || path.starts_with("/api/");
    if !is_api
        && (req.method() == Method::GET || req.method() == Method::HEAD)
        && let Some(resp) = spa_file(&state.config.static_dir, path, &req)
    {
        return Ok(resp);
    }
    Err(AppError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "请求的地址不存在",
    ))
}

/// A file of the built SPA, or its index.html for client-side routes.
fn spa_file(root: &std::path::Path, path: &str, req: &HttpRequest) -> Option<HttpResponse> {
    let mut rel = PathBuf::new();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg.starts_with('.') || seg.contains('\\') {
            return None;
        }
        rel.push(seg);
    }
    let candidate = root.join(&rel);
    let file = if candidate.is_file() {
        candidate
    } else {
        root.join("index.html")
    };
    let named = actix_files::NamedFile::open(file).ok()?;
    let long_cache = rel.starts_with("assets");
    let mut resp = named.into_response(req);
    let value = if long_cache {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    resp.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static(value),
    );
    Some(resp)
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let e = match &err {
        JsonPayloadError::ContentType => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "请求的 Content-Type 须为 application/json",
        ),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "请求内容过大",
            )
        }
        JsonPayloadError::Deserialize(de) => AppError::json_body(de),
        _ => AppError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedJson,
            "请求体不是有效的 JSON",
        ),
    };
    e.into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    AppError::new(
        StatusCode::BAD_REQUEST,
        ErrorCode::InvalidQuery,
        format!("查询参数不正确：{err}"),
    )
    .into()
}

/// A path parameter that doesn't parse is a 404 — unless the path is one of the literal
/// routes (`/plans/open`) requested with a method only its `{id}` sibling has: then 405.
fn path_error(_err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    if let Some(table) = req.app_data::<web::Data<RouteTable>>()
        && let Some(methods) = table.allowed_literal(req.path())
    {
        return method_not_allowed(req, methods).into();
    }
    AppError::not_found().into()
}

fn method_not_allowed(req: &HttpRequest, methods: Vec<String>) -> AppError {
    let mut allow = methods.clone();
    if allow.iter().any(|m| m == "GET") {
        allow.push("HEAD".into());
    }
    AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        format!("该地址不支持 {} 请求", req.method()),
    )
    .with_header("Allow", allow.join(", "))
}

/// Builds the application; `doc` is the finished OpenAPI document.
pub fn build_app(
    state: AppState,
    doc: Arc<Value>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let table = RouteTable::from_doc(&doc);
    let spec = doc.clone();
    let app = App::new()
        .wrap(middleware::from_fn(boundary::check_request))
        .wrap(middleware::Compress::default())
        .wrap(
            middleware::DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "same-origin")),
        )
        .app_data(web::Data::new(state))
        .app_data(web::Data::new(table))
        .app_data(
            web::JsonConfig::default()
                .limit(boundary::JSON_LIMIT)
                .error_handler(json_error),
        )
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .route(
            "/api/openapi.json",
            web::get().to(move || {
                let spec = spec.clone();
                async move { HttpResponse::Ok().json(spec.as_ref()) }
            }),
        )
        .route(
            "/api/docs",
            web::get().to(|| async {
                HttpResponse::Found()
                    .insert_header(("Location", "/api/docs/"))
                    .finish()
            }),
        )
        .service(
            utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}")
                // No validator badge: it would call validator.swagger.io.
                .config(utoipa_swagger_ui::Config::from("/api/openapi.json").validator_url("none")),
        );
    router::routes(app.into_utoipa_app())
        .into_app()
        .default_service(web::to(fallback))
}

/// Starts the server on `listener` (port 0 in tests).
pub fn serve(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let doc = Arc::new(router::openapi_document());
    notify::outbox::spawn_worker(state.db.clone(), state.sms.clone());
    let server = HttpServer::new(move || {
        build_app(state.clone(), doc.clone()).wrap(middleware::Logger::new("%r %s %Dms"))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
