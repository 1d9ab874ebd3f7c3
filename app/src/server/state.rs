use super::db::Backend;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::AnyPool;
use std::sync::Arc;

/// Settings the interface needs that come from the server's configuration.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The office's name as written in the deployment's documents (DPMD or DPMPD).
    pub office_label: String,
    /// Whether cookies carry the `Secure` flag (behind HTTPS).
    pub secure_cookies: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig { office_label: "DPMD".into(), secure_cookies: false }
    }
}

/// Everything a request handler or server function needs, shared by all requests.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: AnyPool,
    pub backend: Backend,
    pub site: Arc<SiteConfig>,
}

impl AppState {
    /// The state of the current request, inside a server function or a render.
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| super::errors::internal_msg("AppState missing from the Leptos context"))
    }
}
