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
    /// links shared outside it: `PUBLIC_URL`, or else the listening address. Never a
    /// request's Host header: a rendered page may be kept and served to other visitors.
    pub public_url: String,
    /// How many rendered public need pages to keep for visitors (0: none).
    pub page_cache_size: usize,
    /// Days without a progress update after which an active cooperation's people are
    /// reminded (`PROGRESS_REMINDER_DAYS`).
    pub progress_reminder_days: i64,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            office_label: "DPMD".into(),
            secure_cookies: false,
            public_url: "http://localhost:3000".into(),
            page_cache_size: 0,
            progress_reminder_days: crate::domain::cooperation::PROGRESS_REMINDER_DAYS,
        }
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
    /// Recent views of `/statistik`, while the data is unchanged.
    pub statistics_cache: Arc<super::statistics::StatisticsCache>,
    /// What the statistics are counted from, kept up to date with the data.
    pub statistics_facts: Arc<super::statistics::FactStore>,
    /// The matchmaking index (rebuilt when the data changes).
    pub matcher: Arc<super::matching::Matcher>,
    /// How far the exports being prepared have got.
    pub export_progress: Arc<super::export_progress::ExportProgressBoard>,
    /// Live updates to the browsers of the users concerned.
    pub live: Arc<super::live::Hub>,
}

impl SiteConfig {
    /// The site's address without a trailing slash.
    pub fn base_url(&self) -> String {
        self.public_url.trim_end_matches('/').to_owned()
    }

    /// The address links point to when `PUBLIC_URL` is not set: the listening address, with
    /// `localhost` for an unspecified (`0.0.0.0`) or loopback one.
    pub fn default_public_url(listening: std::net::SocketAddr, secure: bool) -> String {
        let scheme = if secure { "https" } else { "http" };
        let ip = listening.ip();
        let host = if ip.is_unspecified() || ip.is_loopback() { "localhost".to_owned() } else { ip.to_string() };
        let host = if host.contains(':') { format!("[{host}]") } else { host };
        match (scheme, listening.port()) {
            ("http", 80) | ("https", 443) => format!("{scheme}://{host}"),
            (_, port) => format!("{scheme}://{host}:{port}"),
        }
    }
}

impl AppState {
    /// A write transaction (see [`WriteTx`](super::write::WriteTx)).
    pub async fn write(&self) -> Result<super::write::WriteTx, sqlx::Error> {
        super::write::WriteTx::begin(&self.pool, self.backend, self.live.clone()).await
    }

    /// The state of the current request, inside a server function or a render.
    pub fn current() -> Result<AppState, crate::wire::error::AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| super::errors::internal_msg("AppState missing from the Leptos context"))
    }
}

#[cfg(test)]
mod tests {
    use super::SiteConfig;

    #[test]
    fn links_default_to_the_listening_address() {
        let at = |addr: &str| addr.parse().unwrap();
        assert_eq!(SiteConfig::default_public_url(at("127.0.0.1:3000"), false), "http://localhost:3000");
        assert_eq!(SiteConfig::default_public_url(at("0.0.0.0:80"), false), "http://localhost");
        assert_eq!(SiteConfig::default_public_url(at("10.1.2.3:8443"), true), "https://10.1.2.3:8443");
        assert_eq!(SiteConfig::default_public_url(at("[fd00::1]:3000"), false), "http://[fd00::1]:3000");
        let site = SiteConfig { public_url: "https://mitradesa.example/".into(), ..SiteConfig::default() };
        assert_eq!(site.base_url(), "https://mitradesa.example");
    }
}
