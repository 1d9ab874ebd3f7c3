//! Server-only code (`ssr` feature): state, repositories (all SQL), the services that
//! several server functions share, authentication and live updates. Imports `domain` and
//! `wire`, never `api` or `ui`.

pub mod auth;
pub mod clusters;
pub mod cooperation;
pub mod db;
pub mod errors;
pub mod expiry;
pub mod export;
pub mod export_progress;
pub mod geo;
pub mod live;
pub mod locale;
pub mod mail;
pub mod matching;
pub mod matchmaking;
pub mod moderation;
pub mod outcome;
pub mod placements;
pub mod posting;
pub mod ppm;
pub mod ppm_xlsx;
pub mod repo;
pub mod rounds;
pub mod search_cache;
pub mod session_store;
pub mod staleness;
pub mod stamped_cache;
pub mod state;
pub mod statistics;
pub mod throttle;
pub mod write;
pub mod xlsx;

pub use state::{AppState, SiteConfig};
