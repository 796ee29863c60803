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
    /// 模拟短信网关：写日志，不真正发送。Verification codes appear in the log only in demo mode.
    Simulator { demo: bool },
    Http {
        client: reqwest::Client,
        url: String,
        token: Option<crate::config::Secret>,
    },
}

impl SmsAdapter {
    pub fn name(&self) -> &'static str {
        match self {
            SmsAdapter::Simulator { .. } => "simulator",
            SmsAdapter::Http { .. } => "http",
        }
    }

    pub async fn send(&self, msg: &SmsMessage) -> Result<(), String> {
        match self {
            SmsAdapter::Simulator { demo } => {
                let text = if *demo {
                    msg.text.clone()
                } else {
                    mask_codes(&msg.text)
                };
                tracing::info!(phone = %crate::domain::mask_phone(&msg.phone), text = %text, "[模拟短信] sent");
                Ok(())
            }
            SmsAdapter::Http { client, url, token } => {
                let mut req = client.post(url).json(msg);
                if let Some(t) = token {
                    req = req.bearer_auth(t.expose());
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

/// The text with every verification code (the digits after "验证码") replaced by `*`, for
/// logs and for the administrator's view of the outbox outside demo mode.
pub fn mask_codes(text: &str) -> String {
    const MARK: &str = "验证码";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (head, tail) = rest.split_at(at + MARK.len());
        out.push_str(head);
        let spaces = tail.len() - tail.trim_start().len();
        out.push_str(&tail[..spaces]);
        let tail = &tail[spaces..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        out.push_str(&"*".repeat(digits));
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::mask_codes;

    #[test]
    fn codes_are_masked_and_the_rest_kept() {
        assert_eq!(
            mask_codes("【12333】您正在修改手机号，验证码 123456，10分钟内有效。"),
            "【12333】您正在修改手机号，验证码 ******，10分钟内有效。"
        );
        assert_eq!(mask_codes("验证码987654"), "验证码******");
        assert_eq!(
            mask_codes("审核通过，请登录 13900000001"),
            "审核通过，请登录 13900000001"
        );
        assert_eq!(mask_codes("验证码：见短信"), "验证码：见短信");
    }
}
