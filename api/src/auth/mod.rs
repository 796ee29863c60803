//! Authentication: roles, password hashing, JWT access tokens and the request extractor.
mod jwt;
mod password;
mod role;

pub use jwt::{AuthUser, Claims, JwtKeys};
pub use password::{hash_password, verify_password};
pub use role::Role;
