//! Prometheus metrics at `GET /metrics`: requests per route (count by status, latency
//! histogram), the database pool, open live-event streams, matching-index rebuilds and
//! e-mails sent. Not public: without `METRICS_TOKEN` the route does not exist (404); with
//! it, a scrape must send `Authorization: Bearer <token>` (401 otherwise).

use app::ssr::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

pub const REQUESTS: &str = "mitra_desa_http_requests_total";
pub const LATENCY: &str = "mitra_desa_http_request_duration_seconds";
pub const EMAILS_SENT: &str = "mitra_desa_emails_sent_total";

/// The process's recorder (one per process: several apps in one test process share it).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [0.002, 0.005, 0.01, 0.02, 0.04, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
            let installed =
                PrometheusBuilder::new().set_buckets(&buckets).and_then(|builder| builder.install_recorder());
            match installed {
                Ok(handle) => {
                    let upkeep = handle.clone();
                    std::thread::spawn(move || loop {
                        std::thread::sleep(std::time::Duration::from_secs(5));
                        upkeep.run_upkeep();
                    });
                    Some(handle)
                }
                Err(err) => {
                    tracing::warn!(error = %err, "metrics are off: could not install the recorder");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts and times every request by its route (the router's pattern, never the address
/// itself, so that the series stay few).
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!(LATENCY, "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    response
}

pub struct Scrape {
    token: String,
}

impl Scrape {
    /// `None` (no `/metrics`) without a token, or when the recorder could not be installed.
    pub fn new(token: Option<&str>) -> Option<Arc<Scrape>> {
        let token = token.filter(|t| !t.is_empty())?;
        handle()?;
        Some(Arc::new(Scrape { token: token.to_owned() }))
    }

    fn allowed(&self, headers: &HeaderMap) -> bool {
        let sent =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        // Compared whole, byte by byte, without stopping at the first difference.
        sent.is_some_and(|sent| {
            sent.len() == self.token.len()
                && sent.bytes().zip(self.token.bytes()).fold(0, |acc, (a, b)| acc | (a ^ b)) == 0
        })
    }
}

pub async fn scrape(
    State(state): State<AppState>,
    Extension(scrape): Extension<Arc<Scrape>>,
    headers: HeaderMap,
) -> Response {
    if !scrape.allowed(&headers) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "a metrics token is needed\n")
            .into_response();
    }
    let Some(handle) = handle() else { return StatusCode::NOT_FOUND.into_response() };
    metrics::gauge!("mitra_desa_db_pool_connections").set(state.pool.size() as f64);
    metrics::gauge!("mitra_desa_db_pool_idle_connections").set(state.pool.num_idle() as f64);
    metrics::gauge!("mitra_desa_live_streams").set(state.live.listeners() as f64);
    metrics::counter!("mitra_desa_matching_index_rebuilds_total").absolute(state.matcher.rebuilds());
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        handle.render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_token_opens_the_metrics() {
        let scrape = Scrape { token: "s3cret".into() };
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
            headers
        };
        assert!(scrape.allowed(&with("Bearer s3cret")));
        assert!(!scrape.allowed(&with("Bearer s3cre")));
        assert!(!scrape.allowed(&with("Bearer s3cret!")));
        assert!(!scrape.allowed(&with("s3cret")));
        assert!(!scrape.allowed(&HeaderMap::new()));
    }
}
