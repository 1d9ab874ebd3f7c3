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
    /// The address people reach the site at (`https://mitradesa.kaltimprov.go.id`), for
    /// links shared outside it; when unset it is taken from the request's Host header.
    pub public_url: Option<String>,
    /// How many rendered public need pages to keep for visitors (0: none).
    pub page_cache_size: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig { office_label: "DPMD".into(), secure_cookies: false, public_url: None, page_cache_size: 0 }
    }
}

/// Everything a request handler or server function needs, shared by all requests.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: AnyPool,
    pub backend: Backend,
    pub site: Arc<SiteConfig>,
    pub search_cache: Arc<super::search_cache::SearchCache>,
    /// The matchmaking index (rebuilt when the data changes).
    pub matcher: Arc<super::matching::Matcher>,
    /// Live updates to the browsers of the users concerned.
    pub live: Arc<super::live::Hub>,
}

impl SiteConfig {
    /// The site's address without a trailing slash.
    pub fn base_url(&self, host: Option<&str>) -> String {
        if let Some(url) = &self.public_url {
            return url.trim_end_matches('/').to_owned();
        }
        let scheme = if self.secure_cookies { "https" } else { "http" };
        // Only a plausible host name is echoed back into links.
        let host = host
            .filter(|h| !h.is_empty() && h.len() <= 255)
            .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')))
            .unwrap_or("localhost");
        format!("{scheme}://{host}")
    }
}

impl AppState {
    /// The state of the current request, inside a server function or a render.
    pub fn current() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| super::errors::internal_msg("AppState missing from the Leptos context"))
    }
}
