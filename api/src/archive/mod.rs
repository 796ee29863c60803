//! 业绩档案库: the seventeen categories of an individual's achievement archive, and the
//! employer's review of them (业绩档案审核).
pub mod categories;
pub mod dto;
pub mod papers;
pub mod routes;
pub mod service;
pub mod status;
