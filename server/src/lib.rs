//! The Mitra Desa server: configuration, router, CLI commands. Thin on purpose: pages,
//! server functions and all SQL live in the `app` crate.

pub mod accounts;
pub mod api_constraints;
pub mod backup;
pub mod config;
pub mod export;
pub mod http_cache;
pub mod mail;
pub mod metrics;
pub mod page_cache;
pub mod public_api;
pub mod region_import;
pub mod request_text;
pub mod security;
pub mod seed;
pub mod seed_cooperations;
pub mod serve;
pub mod sse;
pub mod web;
