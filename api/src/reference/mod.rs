//! Read-only reference data shipped with the product.
pub mod data;
pub mod routes;
