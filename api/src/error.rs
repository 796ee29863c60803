//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

/// One field that failed validation.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq)]
pub struct FieldError {
    /// The request field, e.g. `id_number`.
    #[schema(example = "id_number")]
    pub field: String,
    /// What is wrong, in Chinese.
    #[schema(example = "身份证号码校验位不正确，请核对后重新输入")]
    pub message: String,
}

/// RFC 9457 problem details. `code` is stable and machine-readable; `detail` is for people.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "https://zcps.example/problems/validation_failed",
    "title": "请求数据校验未通过",
    "status": 422,
    "code": "validation_failed",
    "detail": "请求数据校验未通过，请按提示修改后重试",
    "errors": [{"field": "id_number", "message": "身份证号码校验位不正确，请核对后重新输入"}]
}))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub code: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(nullable = false)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
#[error("{code}: {detail}")]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Extra response headers (e.g. `Allow` on 405).
    pub headers: Vec<(&'static str, String)>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: vec![],
            headers: vec![],
        }
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", detail)
    }
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
    }
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "当前账号无权进行此操作")
    }
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "请求的资源不存在或不在您的管辖范围内",
        )
    }
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, detail)
    }
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => one.message.clone(),
            _ => "请求数据校验未通过，请按提示修改后重试".to_owned(),
        };
        Self {
            errors,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                detail,
            )
        }
    }
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "服务器内部错误，请稍后重试",
        )
    }
    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn title(&self) -> &'static str {
        match self.status.as_u16() {
            400 => "请求格式不正确",
            401 => "未登录或登录已失效",
            403 => "无权访问",
            404 => "资源不存在",
            405 => "不支持的请求方法",
            409 => "数据冲突",
            413 => "请求内容过大",
            415 => "不支持的内容类型",
            422 => "请求数据校验未通过",
            423 => "账户已锁定",
            429 => "请求过于频繁",
            _ => "服务器内部错误",
        }
    }

    pub fn to_problem(&self) -> Problem {
        Problem {
            type_: format!("https://zcps.example/problems/{}", self.code),
            title: self.title().to_owned(),
            status: self.status.as_u16(),
            code: self.code.to_owned(),
            detail: self.detail.clone(),
            errors: self.errors.clone(),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status
    }
    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        res.content_type("application/problem+json");
        for (k, v) in &self.headers {
            res.insert_header((*k, v.clone()));
        }
        res.json(self.to_problem())
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
            return AppError::conflict("duplicate", "数据已存在，请勿重复提交");
        }
        tracing::error!(error = %e, "database error");
        AppError::internal()
    }
}

impl<E: Into<AppError> + std::fmt::Display> From<sea_orm::TransactionError<E>> for AppError {
    fn from(e: sea_orm::TransactionError<E>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}

/// Collects field errors while a request is parsed into domain types.
#[derive(Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn from_validator(res: Result<(), validator::ValidationErrors>) -> Self {
        let mut out = Self::default();
        if let Err(errs) = res {
            for (field, list) in errs.field_errors() {
                for e in list {
                    let message = e
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "格式不正确".to_owned());
                    out.push(field.as_ref(), message);
                }
            }
        }
        out
    }
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }
    /// Parses `raw` with `parse`, remembering the error under `field`.
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(m) => {
                if !self.0.iter().any(|e| e.field == field) {
                    self.push(field, m);
                }
                None
            }
        }
    }
    pub fn finish(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::validation(self.0))
        }
    }
}
