//! The API's integration tests, in one binary: each test starts the real server on port 0
//! over a fresh database (see `helpers`), and most run once on SQLite and once on PostgreSQL.
//!
//! - `helpers`: `spawn_app()`, `dual!`, problem+json assertions, and the only references
//!   to the server's internals;
//! - `actors`: HTTP clients for the people and departments in a test;
//! - `fixtures`: per-domain builders of the state a test starts from;
//! - one module per domain.
mod actors;
mod fixtures;
mod helpers;

mod adapters;
mod archive;
mod archive_races;
mod auth;
mod boundary;
mod calendar;
mod credentials;
mod declarations;
mod declarations_races;
mod demo;
mod onboarding;
mod onboarding_races;
mod openapi;
mod orgs;
mod plans;
mod review_exports;
mod reviews;
mod reviews_races;
