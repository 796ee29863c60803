//! Accounts and authentication: registration, login with lockout, rotating refresh
//! tokens, the current user, and staff allocation by administrators.
pub mod dto;
pub mod profile;
pub mod routes;
pub mod service;
pub mod tokens;
