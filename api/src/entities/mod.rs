//! sea-orm entities, one module a table (the shape `sea-orm-cli generate entity` produces).
pub mod account;
pub mod account_change;
pub mod archive_attachment;
pub mod archive_record;
pub mod archive_review_log;
pub mod employer_application;
pub mod employment_history;
pub mod file;
pub mod notification;
pub mod org_closure;
pub mod org_unit;
pub mod outbox;
pub mod plan;
pub mod plan_affiliation;
pub mod profile;
pub mod refresh_token;
pub mod sms_code;
