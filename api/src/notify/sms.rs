//! The SMS adapter. The simulator (default) only logs: every message stays inspectable in
//! the outbox (`GET /api/v1/sms-outbox`). The HTTP adapter posts JSON to a gateway.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One SMS as queued in the outbox.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct SmsMessage {
    #[schema(example = "15712346340")]
    pub phone: String,
    /// The full text, signed 【12333】.
    #[schema(example = "【12333】您单位提交的授权委托证明已审核通过。")]
    pub text: String,
}

#[derive(Clone)]
pub enum SmsAdapter {
    /// 模拟短信网关：写日志，不真正发送。
    Simulator,
    Http {
        client: reqwest::Client,
        url: String,
        token: Option<String>,
    },
}

impl SmsAdapter {
    pub fn name(&self) -> &'static str {
        match self {
            SmsAdapter::Simulator => "simulator",
            SmsAdapter::Http { .. } => "http",
        }
    }

    pub async fn send(&self, msg: &SmsMessage) -> Result<(), String> {
        match self {
            SmsAdapter::Simulator => {
                tracing::info!(phone = %crate::domain::mask_phone(&msg.phone), text = %msg.text, "[模拟短信] sent");
                Ok(())
            }
            SmsAdapter::Http { client, url, token } => {
                let mut req = client.post(url).json(msg);
                if let Some(t) = token {
                    req = req.bearer_auth(t);
                }
                let res = req.send().await.map_err(|e| e.to_string())?;
                if res.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("gateway answered {}", res.status()))
                }
            }
        }
    }
}
