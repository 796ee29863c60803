//! 论文导入: BibTeX / RIS files, and a scholar profile through the scholar adapter
//! (百度学术 ScholarID in the original platform). Nothing is saved here: the applicant
//! previews the papers, completes what the import lacks and saves the chosen ones as records.
use crate::error::ErrorCode;
use actix_multipart::Multipart;
use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    auth::{AuthUser, Role},
    documents::{
        citations::{self, CitationFormat, ParsedPaper},
        files,
    },
    error::{AppError, AppResult, FieldErrors},
    state::AppState,
};

pub const IMPORT_MAX: usize = 2 * files::MB;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PaperImport {
    /// bibtex, ris, or scholar
    #[schema(example = "bibtex")]
    pub source: String,
    pub items: Vec<ParsedPaper>,
    /// Entries that could not be read, with the reason in Chinese.
    pub skipped: Vec<String>,
}

/// BibTeX / RIS file (multipart field `file`, at most 2 MB, UTF-8 or UTF-16).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct CitationFile {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"scholar_id": "a1b2c3d4e5f6"}))]
pub struct ScholarRequest {
    /// 百度学术 ScholarID
    #[schema(min_length = 4, max_length = 64, pattern = "^[A-Za-z0-9_-]{4,64}$")]
    pub scholar_id: String,
}

/// The scholar-profile adapter.
#[derive(Clone)]
pub enum ScholarAdapter {
    /// 模拟百度学术: a deterministic sample profile for any well-formed ScholarID.
    Simulator,
    /// GET `{url}?scholar_id=…` answering a JSON array of papers in the `ParsedPaper` shape.
    Http {
        client: reqwest::Client,
        url: String,
    },
}

impl ScholarAdapter {
    pub async fn papers(&self, scholar_id: &str) -> Result<Vec<ParsedPaper>, String> {
        match self {
            ScholarAdapter::Simulator => Ok(simulated(scholar_id)),
            ScholarAdapter::Http { client, url } => {
                let res = client
                    .get(url)
                    .query(&[("scholar_id", scholar_id)])
                    .timeout(std::time::Duration::from_secs(15))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !res.status().is_success() {
                    return Err(format!("学术服务返回 {}", res.status()));
                }
                res.json().await.map_err(|e| e.to_string())
            }
        }
    }
}

fn simulated(scholar_id: &str) -> Vec<ParsedPaper> {
    let seed: u32 = scholar_id.bytes().map(u32::from).sum();
    let paper = |i: u32, title: &str, journal: &str| ParsedPaper {
        title: format!("{title}（模拟数据 {scholar_id}）"),
        journal: Some(journal.to_owned()),
        year: Some(2018 + ((seed + i) % 7) as i32),
        month: Some(1 + (seed + i) % 12),
        volume: Some(format!("{}", 30 + (seed + i) % 20)),
        issue: Some(format!("{}", 1 + (seed + i) % 12)),
        pages: Some(format!("{}-{}", 10 + i * 7, 18 + i * 7)),
        issn: None,
        doi: None,
        authors: vec!["本人".into(), "合作者".into()],
        warnings: vec!["模拟百度学术数据，请核对后导入".into()],
    };
    vec![
        paper(0, "基于深度学习的大坝变形预测方法研究", "水利学报"),
        paper(1, "平原河网水动力数值模拟与调度优化", "水科学进展"),
        paper(2, "海塘工程安全监测数据分析", "浙江水利科技"),
    ]
}

/// 导入论文：解析 BibTeX / RIS 文件，供预览与勾选
#[utoipa::path(tag = "archive", security(("bearer" = [])),
    request_body(content = CitationFile, content_type = "multipart/form-data"),
    responses((status = 200, description = "解析出的论文（未保存）", body = PaperImport)))]
#[post("/archive/papers/parse")]
pub async fn parse_citations(
    user: AuthUser,
    payload: Multipart,
) -> AppResult<web::Json<PaperImport>> {
    user.require(&[Role::Individual])?;
    let form = files::read_form(payload, IMPORT_MAX).await?;
    let Some((name, bytes)) = form.file else {
        let mut e = FieldErrors::default();
        e.push("file", "请选择 BibTeX（.bib）或 RIS（.ris）文件");
        return Err(e.finish().unwrap_err());
    };
    let unreadable = |e: citations::CitationError| {
        AppError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            e.code(),
            e.message(),
        )
    };
    let text = citations::decode_text(&bytes).map_err(unreadable)?;
    let (format, import) = citations::import_auto(Some(&name), &text).map_err(unreadable)?;
    Ok(web::Json(PaperImport {
        source: match format {
            CitationFormat::Bibtex => "bibtex",
            CitationFormat::Ris => "ris",
        }
        .into(),
        items: import.papers,
        skipped: import.skipped,
    }))
}

/// 导入论文：从百度学术 ScholarID 获取论文列表（默认为模拟学术服务）
#[utoipa::path(tag = "archive", security(("bearer" = [])), request_body = ScholarRequest,
    responses((status = 200, description = "该学者的论文（未保存）", body = PaperImport),
              (status = 502, description = "学术服务不可用", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/archive/papers/scholar")]
pub async fn import_scholar_papers(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<ScholarRequest>,
) -> AppResult<web::Json<PaperImport>> {
    Ok(web::Json(
        scholar_papers(&state.scholar, &user, &body.scholar_id).await?,
    ))
}

/// The papers of the scholar profile `scholar_id`, through `scholar`.
pub async fn scholar_papers(
    scholar: &ScholarAdapter,
    user: &AuthUser,
    scholar_id: &str,
) -> AppResult<PaperImport> {
    user.require(&[Role::Individual])?;
    let id = scholar_id.trim();
    if !(4..=64).contains(&id.len())
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        let mut e = FieldErrors::default();
        e.push(
            "scholar_id",
            "ScholarID 应为4到64位字母、数字、下划线或短横线",
        );
        return Err(e.finish().unwrap_err());
    }
    let items = scholar.papers(id).await.map_err(|e| {
        tracing::warn!(error = %e, "scholar adapter failed");
        AppError::new(
            actix_web::http::StatusCode::BAD_GATEWAY,
            ErrorCode::ScholarUnavailable,
            "学术服务暂时不可用，请稍后重试或改用文件导入",
        )
    })?;
    Ok(PaperImport {
        source: "scholar".into(),
        items,
        skipped: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulator_is_deterministic_and_labelled() {
        let a = simulated("abc123");
        assert_eq!(a, simulated("abc123"));
        assert_eq!(a.len(), 3);
        assert!(a.iter().all(|p| p.title.contains("模拟数据")));
    }
}
