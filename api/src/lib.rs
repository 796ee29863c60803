//! zcps — 职称申报与评审管理服务平台: the API server.
pub mod accounts;
pub mod app;
pub mod archive;
pub mod auth;
pub mod config;
pub mod db;
pub mod documents;
pub mod domain;
pub mod entities;
pub mod error;
pub mod health;
pub mod notify;
pub mod openapi;
pub mod orgs;
pub mod pagination;
pub mod reference;
pub mod seed;
