//! Application state, the one place routes are registered, and the HTTP server.
use std::{net::TcpListener, path::PathBuf, sync::Arc};

use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer,
    body::MessageBody,
    dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse},
    error::{JsonPayloadError, QueryPayloadError},
    http::{Method, StatusCode},
    middleware, web,
};
use sea_orm::DatabaseConnection;
use serde_json::Value;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

use crate::{
    accounts, archive,
    archive::papers::ScholarAdapter,
    auth::JwtKeys,
    config::{Config, ScholarConfig, SmsConfig, StorageConfig},
    documents::{
        pdf::{PdfFonts, load_cjk_font},
        storage::Storage,
    },
    error::AppError,
    health, notify,
    notify::sms::SmsAdapter,
    openapi, orgs, reference,
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub jwt: JwtKeys,
    pub storage: Storage,
    pub sms: SmsAdapter,
    pub scholar: ScholarAdapter,
    /// The CJK font for generated PDFs; `None` when the configured font file is missing.
    pub fonts: Option<PdfFonts>,
}

impl AppState {
    /// Builds the state; fails with a message naming the setting that is wrong.
    pub fn new(db: DatabaseConnection, config: Config) -> Result<Self, String> {
        let jwt = JwtKeys::new(&config.jwt_secret, config.access_ttl_seconds);
        let storage = match &config.storage {
            StorageConfig::Local => {
                let dir = config.data_dir.join("files");
                Storage::local(&dir)
                    .map_err(|e| format!("无法使用存储目录 {}: {e}", dir.display()))?
            }
            #[cfg(feature = "s3")]
            StorageConfig::S3 { bucket } => {
                Storage::s3(bucket).map_err(|e| format!("S3 存储配置错误: {e}"))?
            }
            #[cfg(not(feature = "s3"))]
            StorageConfig::S3 { .. } => {
                return Err("ZCPS_STORAGE=s3 需要以 `--features s3` 编译".into());
            }
        };
        let sms = match &config.sms {
            SmsConfig::Simulator => SmsAdapter::Simulator,
            SmsConfig::Http { url, token } => SmsAdapter::Http {
                client: reqwest::Client::new(),
                url: url.clone(),
                token: token.clone(),
            },
        };
        let scholar = match &config.scholar {
            ScholarConfig::Simulator => ScholarAdapter::Simulator,
            ScholarConfig::Http { url } => ScholarAdapter::Http {
                client: reqwest::Client::new(),
                url: url.clone(),
            },
        };
        let fonts = match load_cjk_font(&config.cjk_font, config.cjk_font_index) {
            Ok(f) => Some(f),
            Err(e) => {
                tracing::warn!(font = %config.cjk_font.display(), error = %e.message(), "PDF 中文字体不可用，生成 PDF 的接口将返回 503");
                None
            }
        };
        Ok(Self {
            db,
            config: Arc::new(config),
            jwt,
            storage,
            sms,
            scholar,
            fonts,
        })
    }
}

/// Every API route, registered once: used for serving and for the OpenAPI document.
fn api_v1(cfg: &mut ServiceConfig) {
    cfg.service(accounts::routes::register_individual)
        .service(accounts::routes::register_employer)
        .service(accounts::routes::login)
        .service(accounts::routes::refresh)
        .service(accounts::routes::logout)
        .service(accounts::routes::me)
        .service(accounts::routes::list_staff)
        .service(accounts::routes::create_staff)
        .service(orgs::routes::list)
        .service(orgs::routes::create)
        .service(orgs::routes::get)
        .service(orgs::routes::departments)
        .service(orgs::routes::register_without_code)
        .service(orgs::routes::authorisation)
        .service(orgs::routes::submit_authorisation)
        .service(orgs::routes::applications)
        .service(orgs::routes::application)
        .service(orgs::routes::application_file)
        .service(orgs::routes::decide_application)
        .service(orgs::routes::employer_info)
        .service(orgs::routes::phone_code)
        .service(orgs::routes::change_phone)
        .service(orgs::routes::change_operator)
        .service(reference::routes::title_series)
        .service(reference::routes::ethnicities)
        .service(reference::routes::political_statuses)
        .service(reference::routes::education_levels)
        .service(archive::routes::list_mine)
        .service(archive::routes::my_summary)
        .service(archive::routes::create)
        .service(archive::routes::get)
        .service(archive::routes::update)
        .service(archive::routes::remove)
        .service(archive::routes::logs)
        .service(archive::routes::upload)
        .service(archive::routes::download)
        .service(archive::routes::remove_attachment)
        .service(archive::routes::review_summary)
        .service(archive::routes::review_list)
        .service(archive::routes::decide)
        .service(archive::routes::decide_one)
        .service(archive::papers::parse)
        .service(archive::papers::scholar)
        .service(orgs::routes::authorisation_template)
        .service(accounts::profile::get_profile)
        .service(accounts::profile::update_profile)
        .service(accounts::profile::employment)
        .service(accounts::profile::search_employers)
        .service(notify::routes::list)
        .service(notify::routes::mark_read)
        .service(notify::routes::mark_all_read)
        .service(notify::routes::sms_outbox);
}

fn routes<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(health::healthz)
        .service(health::readyz)
        .service(scope::scope("/api/v1").configure(api_v1))
}

/// The complete OpenAPI document, as served at `/api/openapi.json` and committed in
/// `openapi/openapi.json`.
pub fn openapi_document() -> Value {
    let (_, doc) = routes(
        App::new()
            .into_utoipa_app()
            .openapi(openapi::BaseDoc::openapi()),
    )
    .split_for_parts();
    openapi::finish(doc)
}

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
        let mut allow = methods.clone();
        if allow.iter().any(|m| m == "GET") {
            allow.push("HEAD".into());
        }
        if req.method() == Method::HEAD && methods.iter().any(|m| m == "GET") {
            return Ok(HttpResponse::Ok().finish());
        }
        return Err(AppError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            format!("该地址不支持 {} 请求", req.method()),
        )
        .with_header("Allow", allow.join(", ")));
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
        "not_found",
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
            "unsupported_media_type",
            "请求的 Content-Type 须为 application/json",
        ),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "请求内容过大",
            )
        }
        JsonPayloadError::Deserialize(de) if de.is_data() => AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            format!("请求数据的字段类型或取值不正确：{de}"),
        ),
        _ => AppError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            "请求体不是有效的 JSON",
        ),
    };
    e.into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    AppError::new(
        StatusCode::BAD_REQUEST,
        "invalid_query",
        format!("查询参数不正确：{err}"),
    )
    .into()
}

fn path_error(_err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    AppError::not_found().into()
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
                .limit(256 * 1024)
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
    routes(app.into_utoipa_app())
        .into_app()
        .default_service(web::to(fallback))
}

/// Starts the server on `listener` (port 0 in tests).
pub fn serve(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let doc = Arc::new(openapi_document());
    notify::outbox::spawn_worker(state.clone());
    let server = HttpServer::new(move || {
        build_app(state.clone(), doc.clone()).wrap(middleware::Logger::new("%r %s %Dms"))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
