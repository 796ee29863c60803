//! The application state every handler receives: the database, the configuration and the
//! adapters. Domains import it; it imports no domain's routes.
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{
    archive::papers::ScholarAdapter,
    auth::JwtKeys,
    config::{Config, ScholarConfig, SmsConfig, StorageConfig},
    documents::{
        pdf::{PdfFonts, load_cjk_font},
        storage::Storage,
    },
    notify::sms::SmsAdapter,
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
    /// What the accounts domain needs to issue token pairs.
    pub fn sessions(&self) -> crate::accounts::tokens::Sessions<'_> {
        crate::accounts::tokens::Sessions {
            jwt: &self.jwt,
            refresh_ttl_hours: self.config.refresh_ttl_hours,
        }
    }

    /// Builds the state; fails with a message naming the setting that is wrong.
    pub fn new(db: DatabaseConnection, config: Config) -> Result<Self, String> {
        let jwt = JwtKeys::new(config.jwt_secret.expose(), config.access_ttl_seconds);
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
            SmsConfig::Simulator => SmsAdapter::Simulator { demo: config.demo },
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
