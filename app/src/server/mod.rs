//! Server-only code: state, database access, authentication. Compiled with `ssr` only.

pub mod auth;
pub mod db;
pub mod errors;
pub mod expiry;
pub mod live;
pub mod locale;
pub mod matching;
pub mod repo;
pub mod search_cache;
pub mod session_store;
pub mod state;
pub mod throttle;

pub use state::{AppState, SiteConfig};
