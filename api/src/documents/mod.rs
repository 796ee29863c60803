//! Files and documents: the storage layer, uploads with content checks, generated PDFs
//! and citation imports.
pub mod citations;
pub mod files;
pub mod pdf;
pub mod sniff;
pub mod storage;
