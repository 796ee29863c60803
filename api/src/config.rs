//! All configuration is read from the environment here, and only here.
use std::{net::SocketAddr, path::PathBuf};

/// A value that must never reach a log: `Debug` prints `***`; [`Secret::expose`] is the only way
/// to read it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Hides the password of a database URL (`postgres://user:***@host/db`), for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub static_dir: PathBuf,
    pub jwt_secret: Secret,
    pub demo: bool,
    pub admin_password: Option<Secret>,
    pub access_ttl_seconds: i64,
    pub refresh_ttl_hours: i64,
    pub storage: StorageConfig,
    pub sms: SmsConfig,
    /// A CJK font (TTC/OTF/TTF) embedded in generated PDFs, and its index in a collection.
    pub cjk_font: PathBuf,
    pub cjk_font_index: u32,
    /// The platform name printed on, and watermarked into, generated documents.
    pub platform_name: String,
    /// The address people open the platform at (links in QR codes); when unset, the
    /// scheme and host of the request are used.
    pub public_url: Option<String>,
    pub scholar: ScholarConfig,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ScholarConfig {
    /// 模拟百度学术
    Simulator,
    Http {
        url: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum StorageConfig {
    /// Files under `<data dir>/files`.
    Local,
    /// S3-compatible bucket (needs the `s3` cargo feature and the standard `AWS_*` variables).
    S3 { bucket: String },
}

#[derive(Clone, Debug, PartialEq)]
pub enum SmsConfig {
    /// 模拟短信网关: messages are logged and kept in the outbox, nothing is sent.
    Simulator,
    Http {
        url: String,
        token: Option<Secret>,
    },
}

/// A configuration problem that stops start-up, with a message naming the variable.
#[derive(Debug, thiserror::Error)]
#[error("配置错误 {var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

fn err(var: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        message: message.into(),
    }
}

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

fn flag(env: Env, var: &'static str) -> Result<bool, ConfigError> {
    match env(var).as_deref().map(str::trim) {
        None | Some("") | Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(err(var, format!("应为 0 或 1，实际为 \"{other}\""))),
    }
}

fn number(
    env: Env,
    var: &'static str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    match env(var) {
        None => Ok(default),
        Some(v) => match v.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(err(
                var,
                format!("应为 {min} 到 {max} 之间的整数，实际为 \"{v}\""),
            )),
        },
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(&|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `env`, so tests can pass their own values.
    pub fn from_lookup(env: Env) -> Result<Self, ConfigError> {
        let data_dir = PathBuf::from(env("ZCPS_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = env("ZCPS_DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}/zcps.db?mode=rwc", data_dir.display()));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(err(
                "ZCPS_DATABASE_URL",
                "只支持 sqlite:// 或 postgres:// 开头的连接串",
            ));
        }
        let bind_raw = env("ZCPS_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind = bind_raw.parse().map_err(|_| {
            err(
                "ZCPS_BIND",
                format!("\"{bind_raw}\" 不是 地址:端口 形式，例如 127.0.0.1:8080"),
            )
        })?;
        let demo = flag(env, "ZCPS_DEMO")?;
        let jwt_secret = match env("ZCPS_JWT_SECRET") {
            Some(s) if s.len() >= 32 => Secret(s),
            Some(_) => return Err(err("ZCPS_JWT_SECRET", "长度至少 32 个字符")),
            None if demo => Secret::default(), // generated and kept under the data dir, see `ensure_demo_secret`
            None => {
                return Err(err(
                    "ZCPS_JWT_SECRET",
                    "未设置；生产环境必须提供至少 32 个字符的随机密钥（演示模式 ZCPS_DEMO=1 会自动生成）",
                ));
            }
        };
        let admin_password = env("ZCPS_ADMIN_PASSWORD").map(Secret);
        if let Some(p) = &admin_password {
            crate::domain::Password::parse(p.expose())
                .map_err(|m| err("ZCPS_ADMIN_PASSWORD", m))?;
        }
        Ok(Self {
            database_url,
            bind,
            static_dir: PathBuf::from(
                env("ZCPS_STATIC_DIR").unwrap_or_else(|| "frontend/dist".into()),
            ),
            data_dir,
            jwt_secret,
            demo,
            admin_password,
            storage: match env("ZCPS_STORAGE").as_deref().unwrap_or("local") {
                "local" => StorageConfig::Local,
                "s3" => StorageConfig::S3 {
                    bucket: env("ZCPS_S3_BUCKET").ok_or_else(|| {
                        err("ZCPS_S3_BUCKET", "ZCPS_STORAGE=s3 时必须设置存储桶名称")
                    })?,
                },
                other => {
                    return Err(err(
                        "ZCPS_STORAGE",
                        format!("应为 local 或 s3，实际为 \"{other}\""),
                    ));
                }
            },
            sms: match env("ZCPS_SMS").as_deref().unwrap_or("simulator") {
                "simulator" => SmsConfig::Simulator,
                "http" => SmsConfig::Http {
                    url: env("ZCPS_SMS_URL")
                        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                        .ok_or_else(|| {
                            err(
                                "ZCPS_SMS_URL",
                                "ZCPS_SMS=http 时必须设置短信网关地址（http:// 或 https://）",
                            )
                        })?,
                    token: env("ZCPS_SMS_TOKEN").map(Secret),
                },
                other => {
                    return Err(err(
                        "ZCPS_SMS",
                        format!("应为 simulator 或 http，实际为 \"{other}\""),
                    ));
                }
            },
            cjk_font: PathBuf::from(env("ZCPS_CJK_FONT").unwrap_or_else(|| {
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc".into()
            })),
            cjk_font_index: number(env, "ZCPS_CJK_FONT_INDEX", 2, 0, 64)? as u32,
            platform_name: env("ZCPS_PLATFORM_NAME")
                .unwrap_or_else(|| "职称申报与评审管理服务平台".into()),
            scholar: match env("ZCPS_SCHOLAR").as_deref().unwrap_or("simulator") {
                "simulator" => ScholarConfig::Simulator,
                "http" => ScholarConfig::Http {
                    url: env("ZCPS_SCHOLAR_URL")
                        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                        .ok_or_else(|| {
                            err(
                                "ZCPS_SCHOLAR_URL",
                                "ZCPS_SCHOLAR=http 时必须设置学术服务地址（http:// 或 https://）",
                            )
                        })?,
                },
                other => {
                    return Err(err(
                        "ZCPS_SCHOLAR",
                        format!("应为 simulator 或 http，实际为 \"{other}\""),
                    ));
                }
            },
            public_url: match env("ZCPS_PUBLIC_URL") {
                Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                    Some(u.trim_end_matches('/').to_owned())
                }
                Some(_) => {
                    return Err(err(
                        "ZCPS_PUBLIC_URL",
                        "应为 http:// 或 https:// 开头的地址，例如 https://zcps.example.gov.cn",
                    ));
                }
                None => None,
            },
            access_ttl_seconds: number(env, "ZCPS_ACCESS_TTL_SECONDS", 900, 60, 3600)?,
            refresh_ttl_hours: number(env, "ZCPS_REFRESH_TTL_HOURS", 12, 1, 24 * 30)?,
        })
    }

    /// In demo mode without a configured secret, a random one is generated once and kept
    /// in the data directory so that tokens survive a restart.
    pub fn ensure_demo_secret(&mut self) -> std::io::Result<()> {
        if !self.jwt_secret.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join(".jwt-secret");
        let secret = match std::fs::read_to_string(&path) {
            Ok(s) if s.trim().len() >= 32 => s.trim().to_owned(),
            _ => {
                let s = format!(
                    "{}{}",
                    uuid::Uuid::new_v4().simple(),
                    uuid::Uuid::new_v4().simple()
                );
                write_private(&path, &s)?;
                s
            }
        };
        self.jwt_secret = Secret(secret);
        Ok(())
    }
}

/// Writes `contents` to a new file readable by its owner only (0600 on Unix).
fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?.write_all(contents.as_bytes())
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("static_dir", &self.static_dir)
            .field("jwt_secret", &self.jwt_secret)
            .field("demo", &self.demo)
            .field("admin_password", &self.admin_password)
            .field("access_ttl_seconds", &self.access_ttl_seconds)
            .field("refresh_ttl_hours", &self.refresh_ttl_hours)
            .field("storage", &self.storage)
            .field("sms", &self.sms)
            .field("cjk_font", &self.cjk_font)
            .field("cjk_font_index", &self.cjk_font_index)
            .field("platform_name", &self.platform_name)
            .field("scholar", &self.scholar)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(&move |k| map.get(k).cloned())
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let c = cfg(&[
            (
                "ZCPS_DATABASE_URL",
                "postgres://zcps:db-pass-1234@db:5432/zcps",
            ),
            ("ZCPS_JWT_SECRET", "jwt-secret-0123456789abcdef0123456789"),
            ("ZCPS_ADMIN_PASSWORD", "Adm1nSecret99"),
            ("ZCPS_SMS", "http"),
            ("ZCPS_SMS_URL", "http://sms.example/send"),
            ("ZCPS_SMS_TOKEN", "sms-token-xyz"),
        ])
        .unwrap();
        let shown = format!("{c:?} {c:#?}");
        for secret in [
            "db-pass-1234",
            "jwt-secret-0123",
            "Adm1nSecret99",
            "sms-token-xyz",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
        assert!(
            shown.contains("postgres://zcps:***@db:5432/zcps"),
            "{shown}"
        );
        assert_eq!(
            c.jwt_secret.expose(),
            "jwt-secret-0123456789abcdef0123456789"
        );
    }

    #[test]
    fn defaults_need_a_secret_outside_demo() {
        let e = cfg(&[]).unwrap_err();
        assert_eq!(e.var, "ZCPS_JWT_SECRET");
        let c = cfg(&[("ZCPS_DEMO", "1")]).unwrap();
        assert_eq!(c.database_url, "sqlite://data/zcps.db?mode=rwc");
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.access_ttl_seconds, 900);
    }

    #[test]
    fn bad_values_name_the_variable() {
        assert_eq!(cfg(&[("ZCPS_DEMO", "yes")]).unwrap_err().var, "ZCPS_DEMO");
        assert_eq!(
            cfg(&[("ZCPS_DEMO", "1"), ("ZCPS_BIND", "localhost")])
                .unwrap_err()
                .var,
            "ZCPS_BIND"
        );
        assert_eq!(
            cfg(&[("ZCPS_DEMO", "1"), ("ZCPS_DATABASE_URL", "mysql://x")])
                .unwrap_err()
                .var,
            "ZCPS_DATABASE_URL"
        );
        assert_eq!(
            cfg(&[("ZCPS_JWT_SECRET", "short")]).unwrap_err().var,
            "ZCPS_JWT_SECRET"
        );
        assert_eq!(
            cfg(&[("ZCPS_DEMO", "1"), ("ZCPS_ACCESS_TTL_SECONDS", "5")])
                .unwrap_err()
                .var,
            "ZCPS_ACCESS_TTL_SECONDS"
        );
        assert_eq!(
            cfg(&[("ZCPS_DEMO", "1"), ("ZCPS_ADMIN_PASSWORD", "weak")])
                .unwrap_err()
                .var,
            "ZCPS_ADMIN_PASSWORD"
        );
    }
}
