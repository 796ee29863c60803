//! sea-orm entities, one module a table (the shape `sea-orm-cli generate entity` produces).
pub mod account;
pub mod org_closure;
pub mod org_unit;
pub mod refresh_token;
