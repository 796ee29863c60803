use crate::error::ErrorCode;
use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Role;
use crate::{
    error::{AppError, AppResult},
    state::AppState,
};

/// Claims of a short-lived access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub role: Role,
    /// The account's own org unit (employer unit, department, committee), if any.
    pub org: Option<Uuid>,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl_seconds: i64,
}

impl JwtKeys {
    pub fn new(secret: &str, access_ttl_seconds: i64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            access_ttl_seconds,
        }
    }

    pub fn issue(&self, sub: Uuid, role: Role, org: Option<Uuid>) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub,
            role,
            org,
            iat: now,
            exp: now + self.access_ttl_seconds,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 encoding cannot fail")
    }

    pub fn verify(&self, token: &str) -> AppResult<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        decode::<Claims>(token, &self.decoding, &validation)
            .map(|d| d.claims)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => AppError::new(
                    actix_web::http::StatusCode::UNAUTHORIZED,
                    ErrorCode::TokenExpired,
                    "登录已过期，请重新登录",
                ),
                _ => AppError::new(
                    actix_web::http::StatusCode::UNAUTHORIZED,
                    ErrorCode::InvalidToken,
                    "登录凭证无效，请重新登录",
                ),
            })
    }
}

/// The authenticated caller, taken from `Authorization: Bearer <access token>`.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub role: Role,
    pub org: Option<Uuid>,
}

impl AuthUser {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready((|| {
            let state = req
                .app_data::<web::Data<AppState>>()
                .expect("AppState is registered");
            let header = req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .ok_or_else(|| AppError::unauthorized("请先登录"))?;
            let token = header
                .strip_prefix("Bearer ")
                .or_else(|| header.strip_prefix("bearer "))
                .ok_or_else(|| AppError::unauthorized("请先登录"))?;
            let claims = state.jwt.verify(token.trim())?;
            Ok(AuthUser {
                id: claims.sub,
                role: claims.role,
                org: claims.org,
            })
        })())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let keys = JwtKeys::new("0123456789abcdef0123456789abcdef", 900);
        let id = Uuid::new_v4();
        let t = keys.issue(id, Role::Hrss, None);
        let c = keys.verify(&t).unwrap();
        assert_eq!((c.sub, c.role), (id, Role::Hrss));
        let other = JwtKeys::new("ffffffffffffffffffffffffffffffff", 900);
        assert_eq!(other.verify(&t).unwrap_err().code.as_str(), "invalid_token");
        let expired = JwtKeys::new("0123456789abcdef0123456789abcdef", -60);
        assert_eq!(
            keys.verify(&expired.issue(id, Role::Hrss, None))
                .unwrap_err()
                .code
                .as_str(),
            "token_expired"
        );
    }
}
