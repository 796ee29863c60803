//! The organisation tree (HRSS departments, competent departments, committees,
//! employers) and the one jurisdiction helper every scoped query goes through.
pub mod dto;
pub mod jurisdiction;
pub mod onboarding;
pub mod routes;
pub mod service;
