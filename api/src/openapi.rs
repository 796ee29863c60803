//! The OpenAPI 3.1 document: utoipa collects every handler the domains register through
//! `crate::router`;
//! this module adds the shared parts (info, bearer scheme, problem responses, links).
use serde_json::{Value, json};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zcps 职称申报与评审管理服务平台 API",
        version = "1.0.0",
        description = "职称申报、审核、评审全流程开放接口。错误统一为 RFC 9457 application/problem+json，含稳定的 code 与中文 detail。",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(Problem, FieldError, crate::error::ErrorCode, crate::orgs::dto::DepartmentKind)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "注册、登录与登录凭证"),
        (name = "accounts", description = "账号分配"),
        (name = "orgs", description = "组织机构"),
        (name = "reference", description = "基础数据"),
        (name = "employer", description = "用人单位：授权委托证明与本单位基本信息"),
        (name = "employer-review", description = "人社部门：单位注册与授权委托证明审核"),
        (name = "profile", description = "个人基本信息与工作单位"),
        (name = "archive", description = "我的业绩档案库（17类业绩）"),
        (name = "archive-review", description = "用人单位业绩档案审核"),
        (name = "plans", description = "申报计划"),
        (name = "declarations", description = "职称申报：申报向导、我的申报记录、申报信息预览"),
        (name = "reviews", description = "资格审查：用人单位评审/认定资格审查、公示与推荐，主管部门与人社部门逐级审查、收费设定，评委会办公室受理"),
        (name = "signing", description = "手机签署真实性保证书（凭一次性链接，无需登录）"),
        (name = "calendar", description = "工作日日历：法定节假日与调休（公示期按工作日计算）"),
        (name = "notify", description = "站内消息与短信"),
        (name = "health", description = "运行状态"),
    )
)]
pub struct BaseDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("POST /api/v1/auth/login 返回的 access_token"))
                    .build(),
            ),
        );
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// Adds the problem responses each operation can produce, judged from its shape, and
/// the links schemathesis and integrators follow from a created resource.
pub fn finish(doc: utoipa::openapi::OpenApi) -> Value {
    let mut v = serde_json::to_value(doc).expect("OpenAPI serialises");
    if let Some(paths) = v.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let has_path_params = path.contains('{');
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (_method, op) in item.iter_mut() {
                let Some(op) = op.as_object_mut() else {
                    continue;
                };
                let has_body = op.contains_key("requestBody");
                let has_query = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
                let secured = op
                    .get("security")
                    .and_then(Value::as_array)
                    .is_some_and(|s| !s.is_empty());
                let responses = op.entry("responses").or_insert_with(|| json!({}));
                let responses = responses.as_object_mut().expect("responses is an object");
                let mut add = |code: &str, text: &str| {
                    responses
                        .entry(code.to_owned())
                        .or_insert_with(|| problem(text));
                };
                if has_body || has_query || has_path_params {
                    add("400", "请求格式不正确（JSON 语法、参数类型或范围）");
                }
                if has_body {
                    add("413", "请求内容过大");
                    add("415", "Content-Type 须为 application/json");
                    add("422", "请求数据校验未通过，errors 列出每个字段的问题");
                }
                if secured {
                    add("401", "未登录、凭证无效或已过期");
                    add("403", "当前角色无权进行此操作");
                }
                if has_path_params {
                    add("404", "资源不存在或不在管辖范围内");
                }
                if has_path_params || has_query {
                    add(
                        "422",
                        "路径或查询参数含控制字符（code 为 control_characters），或请求数据校验未通过",
                    );
                }
            }
        }
    }
    if let Some(created) = v.pointer_mut("/paths/~1api~1v1~1org-units/post/responses/201") {
        created["links"] = json!({
            "GetCreatedOrgUnit": {"operationId": "get_org_unit", "parameters": {"id": "$response.body#/id"}}
        });
    }
    if let Some(created) = v.pointer_mut("/paths/~1api~1v1~1reviews~1exports/post/responses/202") {
        created["links"] = json!({
            "GetExportJob": {"operationId": "get_export_job", "parameters": {"id": "$response.body#/id"}},
            "DownloadExport": {"operationId": "download_export", "parameters": {"id": "$response.body#/id"}}
        });
    }
    v
}
