//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::{Deserialize, Serialize};
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

/// Declares [`ErrorCode`]: each variant with its wire value and its meaning, in one place.
macro_rules! error_codes {
    ($($variant:ident = $wire:tt, $doc:tt;)*) => {
        /// The stable, machine-readable `code` of every problem the API returns. Integrators and
        /// the SPA switch on these values; the OpenAPI document lists them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        pub enum ErrorCode {
            $(#[doc = $doc] #[serde(rename = $wire)] $variant,)*
        }

        impl ErrorCode {
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                }
            }
        }
    };
}

error_codes! {
    BadRequest = "bad_request", "请求格式不正确";
    MalformedJson = "malformed_json", "请求体不是有效的 JSON";
    InvalidField = "invalid_field", "字段类型或取值不正确";
    InvalidQuery = "invalid_query", "查询参数不正确";
    ControlCharacters = "control_characters", "文本含控制字符（如 NUL），已拒绝";
    ValidationFailed = "validation_failed", "请求数据校验未通过，errors 列出每个字段";
    UnsupportedMediaType = "unsupported_media_type", "Content-Type 不受支持";
    PayloadTooLarge = "payload_too_large", "请求内容过大";
    MethodNotAllowed = "method_not_allowed", "该地址不支持此请求方法";
    NotFound = "not_found", "资源不存在或不在管辖范围内";
    Unauthorized = "unauthorized", "未登录或登录已失效";
    Forbidden = "forbidden", "当前角色无权进行此操作";
    Duplicate = "duplicate", "数据已存在";
    InternalError = "internal_error", "服务器内部错误";
    DatabaseUnavailable = "database_unavailable", "数据库暂不可用";
    InvalidCredentials = "invalid_credentials", "用户名或密码错误";
    AccountLocked = "account_locked", "连续登录失败，账户已临时锁定";
    AccountDisabled = "account_disabled", "账户已停用";
    RegistrationPending = "registration_pending", "单位注册信息待人工审核";
    RegistrationRejected = "registration_rejected", "单位注册信息未通过审核";
    InvalidToken = "invalid_token", "登录凭证无效";
    TokenExpired = "token_expired", "登录凭证已过期";
    InvalidRefreshToken = "invalid_refresh_token", "刷新凭证无效或已失效";
    RefreshTokenReused = "refresh_token_reused", "刷新凭证被重复使用，已注销该登录";
    IdNumberTaken = "id_number_taken", "身份证号码已注册";
    CreditCodeTaken = "credit_code_taken", "统一社会信用代码已注册";
    UsernameTaken = "username_taken", "登录名已被使用";
    PhoneTaken = "phone_taken", "手机号已被使用";
    AuthorisationRequired = "authorisation_required", "须先提交授权委托证明并通过审核";
    AlreadySubmitted = "already_submitted", "已提交，待审核";
    AlreadyApproved = "already_approved", "已审核通过";
    AlreadyDecided = "already_decided", "已处理，不能重复处理";
    TooManyCodes = "too_many_codes", "验证码发送过于频繁";
    EmployerNotBound = "employer_not_bound", "尚未绑定工作单位";
    AlreadyReviewed = "already_reviewed", "已审核，不能重复审核";
    RecordLocked = "record_locked", "记录当前状态不允许此操作";
    VersionConflict = "version_conflict", "数据已被他人修改，请刷新后重试";
    OwnDeclaration = "own_declaration", "不能审查本人的申报";
    ReturnItemsRequired = "return_items_required", "退回须逐项写明需修改的内容";
    PublicityRequired = "publicity_required", "须先录入不少于5个工作日且已结束、无异议的公示";
    PublicityTooShort = "publicity_too_short", "公示期不足5个工作日";
    TooManyAttachments = "too_many_attachments", "附件数量已达上限";
    ScholarUnavailable = "scholar_unavailable", "学术平台暂不可用";
    FileEmpty = "file_empty", "文件为空";
    FileTooLarge = "file_too_large", "文件过大";
    FileTypeNotAllowed = "file_type_not_allowed", "文件类型不允许";
    CitationNoEntries = "citation_no_entries", "文献文件中没有可识别的条目";
    CitationBadEncoding = "citation_bad_encoding", "文献文件编码无法识别";
    FontUnavailable = "font_unavailable", "服务器缺少中文字体";
    PdfFontUnreadable = "pdf_font_unreadable", "PDF 字体无法读取";
    PdfFontInvalid = "pdf_font_invalid", "PDF 字体无效";
    PdfFontLacksChinese = "pdf_font_lacks_chinese", "PDF 字体缺少中文字形";
    PdfUnsupportedCharacters = "pdf_unsupported_characters", "文本含字体不支持的字符";
    PdfTextTooLong = "pdf_text_too_long", "文本过长，无法排入一页";
    PdfRenderFailed = "pdf_render_failed", "PDF 生成失败";
    PlanLocked = "plan_locked", "申报计划当前状态不允许此操作";
    PlanChangeNotAllowed = "plan_change_not_allowed", "已发布的申报计划只能修改说明、延后截止时间和附件名称";
    PlanNotOpen = "plan_not_open", "申报计划未发布或不在申报时间内";
    DeclarationExists = "declaration_exists", "已申报该计划，不能重复申报";
    DeclarationLocked = "declaration_locked", "申报当前状态不允许此操作";
    DeclarationIncomplete = "declaration_incomplete", "申报材料不完整，errors 列出每一项";
    RecordNotApproved = "record_not_approved", "只能提取审核通过的业绩";
    PhotoUnsuitable = "photo_unsuitable", "证件照尺寸不符合要求";
    SigningLinkInvalid = "signing_link_invalid", "签署链接无效、已使用或已过期";
    IdempotencyKeyReused = "idempotency_key_reused", "该 Idempotency-Key 已用于另一请求";
    IdempotencyInProgress = "idempotency_in_progress", "同一 Idempotency-Key 的请求仍在处理中";
    CalendarUnknown = "calendar_unknown", "日期超出已知的节假日安排";
    ExportNotReady = "export_not_ready", "导出尚未完成或已失败";
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    pub code: ErrorCode,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(nullable = false)]
    pub errors: Vec<FieldError>,
    /// After a wrong password (401 `invalid_credentials`): how many more wrong passwords lock
    /// the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, minimum = 0)]
    pub remaining_attempts: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
#[error("{code}: {detail}")]
pub struct AppError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Extra response headers (e.g. `Allow` on 405).
    pub headers: Vec<(&'static str, String)>,
    /// See [`Problem::remaining_attempts`].
    pub remaining_attempts: Option<u32>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: vec![],
            headers: vec![],
            remaining_attempts: None,
        }
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, detail)
    }
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, detail)
    }
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "当前账号无权进行此操作",
        )
    }
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "请求的资源不存在或不在您的管辖范围内",
        )
    }
    pub fn conflict(code: ErrorCode, detail: impl Into<String>) -> Self {
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
                ErrorCode::ValidationFailed,
                detail,
            )
        }
    }
    /// A 422 `validation_failed` naming one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
    /// A JSON body that does not parse: wrong field types or values → 422 `invalid_field`,
    /// anything else → 400 `malformed_json`.
    pub fn json_body(e: &serde_json::Error) -> Self {
        if e.is_data() {
            Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::InvalidField,
                format!("请求数据的字段类型或取值不正确：{e}"),
            )
        } else {
            Self::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::MalformedJson,
                "请求体不是有效的 JSON",
            )
        }
    }
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::InternalError,
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
            type_: format!("https://zcps.example/problems/{}", self.code.as_str()),
            title: self.title().to_owned(),
            status: self.status.as_u16(),
            code: self.code,
            detail: self.detail.clone(),
            errors: self.errors.clone(),
            remaining_attempts: self.remaining_attempts,
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
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(msg)) = e.sql_err() {
            return unique_violation(&msg);
        }
        tracing::error!(error = %e, "database error");
        AppError::internal()
    }
}

/// The conflict a unique index reports, named by the index (PostgreSQL) or its columns
/// (SQLite), so a race that only the database catches answers like the check before it.
fn unique_violation(msg: &str) -> AppError {
    if msg.contains("idx_accounts_employer_phone") || msg.contains("accounts.phone") {
        return AppError::conflict(
            ErrorCode::PhoneTaken,
            "该手机号已绑定其他单位账号，请更换手机号",
        );
    }
    AppError::conflict(ErrorCode::Duplicate, "数据已存在，请勿重复提交")
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
    /// The value of `parsed`, or `None` with its error remembered under `field` (the first
    /// error of a field wins).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_serialise_as_their_wire_value() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
            );
        }
    }
}
