//! The HTTP application: pages and server functions (Leptos), health check, language
//! switch for browsers without JavaScript, sessions, compression and request logs.

use crate::config::Config;
use app::ssr::db::{self, Backend};
use app::ssr::session_store::AnySessionStore;
use app::ssr::{AppState, SiteConfig};
use app::{shell, App};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "mitra_desa_session";
/// Name of the language cookie (leptos_i18n's default).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The visitor's language, from the language cookie (Indonesian when there is none), for
/// the few responses made outside Leptos.
pub fn locale_of(headers: &axum::http::HeaderMap) -> app::i18n::Locale {
    use app::i18n::Locale;
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .and_then(|(_, value)| match value {
            "en" => Some(Locale::en),
            "id" => Some(Locale::id),
            _ => None,
        })
        .unwrap_or(Locale::id)
}

/// The address of the site's stylesheet, for the few pages made outside Leptos: with the
/// content hash in its name when the build left its list of hashes beside the binary (as
/// Leptos' `HashedStylesheet` finds it).
pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hashes =
            std::env::current_exe().ok().and_then(|exe| std::fs::read_to_string(exe.with_file_name("hash.txt")).ok());
        let hash = hashes.as_deref().and_then(|hashes| {
            hashes
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(file, _)| file.trim() == "css")
                .map(|(_, h)| h.trim().to_owned())
        });
        match hash {
            Some(hash) => format!("/pkg/mitra-desa.{hash}.css"),
            None => "/pkg/mitra-desa.css".to_owned(),
        }
    })
}

/// Connects to the database and migrates it.
pub async fn state(config: &Config, leptos_options: LeptosOptions) -> anyhow::Result<AppState> {
    let (pool, backend) = db::connect(&config.database_url, config.max_connections).await?;
    db::migrate(&pool, backend).await?;
    // Links shared outside the site come from configuration only: a request's Host header
    // could put another host into a page that the page cache then serves to everybody.
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| SiteConfig::default_public_url(leptos_options.site_addr, config.secure_cookies));
    let site = SiteConfig {
        office_label: config.office_label.clone(),
        secure_cookies: config.secure_cookies,
        public_url,
        page_cache_size: config.page_cache_size,
        progress_reminder_days: config.progress_reminder_days,
    };
    let search_cache = Arc::new(app::ssr::search_cache::SearchCache::new(config.search_cache_size));
    let statistics_cache = Arc::new(app::ssr::statistics::StatisticsCache::new(config.statistics_cache_size));
    let live = Arc::new(app::ssr::live::Hub::default());
    if backend == db::Backend::Postgres {
        // Several instances may share this database: live events go through it.
        live.relay_through_postgres(pool.clone(), &config.database_url).await?;
    }
    Ok(AppState {
        leptos_options,
        pool,
        backend,
        site: Arc::new(site),
        search_cache,
        statistics_cache,
        statistics_facts: Arc::default(),
        export_progress: Arc::default(),
        matcher: Arc::default(),
        live,
    })
}

/// The pages' routes, listed once per process.
///
/// Listing them renders the app once, and a listing made while another router of the same
/// process renders pages can leave some of those renders waiting forever. It happens when
/// several apps share a process, as the integration tests do: a test's page stalled while
/// another test started its app. One listing per process, made before any router exists,
/// rules that out.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The largest request body accepted (413 beyond): the longest form is a few pages of text.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// How long a client may take to send its request's body (408 after).
const BODY_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a handler may take before its response starts (503 after); a download or the
/// live events stream for as long as they need once they have started.
const HANDLER_TIMEOUT: Duration = Duration::from_secs(60);

/// The application without `/metrics`.
pub fn router(state: AppState) -> Router {
    router_with(state, None)
}

/// The application; with `metrics`, also `GET /metrics` (see `crate::metrics`).
pub fn router_with(state: AppState, metrics: Option<Arc<crate::metrics::Scrape>>) -> Router {
    let routes = page_routes();
    let sessions = SessionManagerLayer::new(AnySessionStore::new(state.pool.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.site.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let context = {
        let state = state.clone();
        move || {
            provide_context(app::wire::session::PublicUrl(state.site.public_url.clone()));
            provide_context(app::ssr::outcome::Taken::default());
            provide_context(state.clone())
        }
    };
    let page = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let metrics = match metrics {
        Some(scrape) => Router::new().route("/metrics", get(crate::metrics::scrape)).layer(axum::Extension(scrape)),
        None => Router::new(),
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/bahasa", post(switch_language))
        .route("/api/live", get(crate::sse::stream))
        .merge(crate::public_api::routes())
        .merge(crate::export::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), page)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(sessions)
        .merge(metrics)
        // Inside the router, where each request's route (its pattern) is known.
        .layer(axum::middleware::from_fn(crate::metrics::record))
        // Outside the sessions: a visitor's cached page needs no session at all.
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), crate::page_cache::PageCache::new(state.site.page_cache_size)),
            crate::page_cache::serve_cached,
        ))
        .layer(axum::middleware::from_fn(canonical_query))
        .layer(axum::middleware::from_fn(crate::request_text::refuse_nul))
        .layer(axum::middleware::from_fn_with_state(state.leptos_options.hash_files, crate::http_cache::headers))
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES))
        .layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, HANDLER_TIMEOUT))
        .layer(axum::middleware::from_fn_with_state(
            crate::security::Policy::new(&state.site.public_url, state.site.secure_cookies),
            crate::security::guard,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The list pages whose filters live in the URL.
const LIST_PAGES: [&str; 7] = ["/peluang", "/penawaran", "/mitra", "/audit", "/moderasi", "/kerja-sama", "/statistik"];

/// A list page's link carries only what was chosen: a query with empty parameters (a form
/// sent without JavaScript makes them) is redirected to the same query without them, so
/// that the link people share is the same with and without JavaScript.
async fn canonical_query(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let uri = request.uri();
    if request.method() == axum::http::Method::GET && LIST_PAGES.contains(&uri.path()) {
        if let Some(clean) = uri.query().and_then(without_empty_parameters) {
            let location = if clean.is_empty() { uri.path().to_owned() } else { format!("{}?{clean}", uri.path()) };
            if let Ok(location) = HeaderValue::from_str(&location) {
                let mut response = StatusCode::SEE_OTHER.into_response();
                response.headers_mut().insert(header::LOCATION, location);
                return response;
            }
        }
    }
    next.run(request).await
}

/// The query without its empty parameters, or `None` when it has none.
fn without_empty_parameters(query: &str) -> Option<String> {
    let pairs: Vec<&str> = query.split('&').collect();
    let kept: Vec<&str> = pairs
        .iter()
        .copied()
        .filter(|pair| matches!(pair.split_once('='), Some((name, value)) if !name.is_empty() && !value.is_empty()))
        .collect();
    (kept.len() != pairs.len()).then(|| kept.join("&"))
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: Backend,
    version: &'static str,
}

/// `200 {"status":"ok",…}` when the database answers, `503` otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let up = db::ping(&state.pool).await;
    let body = Health {
        status: if up { "ok" } else { "unavailable" },
        database: state.backend,
        version: env!("CARGO_PKG_VERSION"),
    };
    let status = if up { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

#[derive(serde::Deserialize)]
struct LanguageForm {
    lang: String,
    back: Option<String>,
}

/// The language switch without JavaScript: sets the cookie and returns to the page.
async fn switch_language(Form(form): Form<LanguageForm>) -> Response {
    let lang = match form.lang.as_str() {
        "id" | "en" => form.lang.as_str(),
        _ => return (StatusCode::BAD_REQUEST, "lang must be id or en").into_response(),
    };
    let back = form.back.as_deref().filter(|b| is_local_path(b)).unwrap_or("/");
    let cookie = format!("{LOCALE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax");
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(cookie), Ok(location)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(back)) {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    }
    response
}

/// Only same-site paths: `/x`, never `//host` or `/\host` (open redirects).
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\") && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn empty_parameters_are_dropped_from_list_links() {
        use super::without_empty_parameters as clean;
        let sent = "q=air&kabupaten=&kecamatan=&sektor=&dukungan=&status_desa=&urut=&=";
        assert_eq!(clean(sent).as_deref(), Some("q=air"));
        assert_eq!(clean("kabupaten=64.02&halaman=2"), None, "nothing to drop");
        assert_eq!(clean("q=&terbuka=").as_deref(), Some(""));
        assert_eq!(clean("q=air%20bersih&&x").as_deref(), Some("q=air%20bersih"));
    }

    #[test]
    fn language_switch_only_redirects_within_the_site() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/peluang?sektor=wisata"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x=1"));
    }
}
