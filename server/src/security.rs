//! What every response tells the browser, and which requests are refused before any
//! handler runs.
//!
//! - Headers: a Content-Security-Policy on everything (a page's, with its nonce, comes from
//!   the shell; see `content_policy` for the others), `nosniff`, no framing, referrers only to the
//!   site itself in full, and HSTS when cookies are secure (the site is served over HTTPS).
//! - Requests that change something (any method but GET, HEAD and OPTIONS) sent by another
//!   site are refused with 403: the browser's `Origin` must be the site's own (the public
//!   address or the request's host); without `Origin`, `Sec-Fetch-Site` must not say
//!   `cross-site`. Clients that are not browsers send neither and pass.

use app::wire::content_policy;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub struct Policy {
    /// `scheme://host[:port]` of `PUBLIC_URL`.
    public_origin: String,
    hsts: bool,
}

impl Policy {
    pub fn new(public_url: &str, secure_cookies: bool) -> Arc<Policy> {
        Arc::new(Policy { public_origin: origin_of(public_url), hsts: secure_cookies })
    }

    fn sent_by_this_site(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(header::ORIGIN) else {
            return headers.get("sec-fetch-site").is_none_or(|site| site.as_bytes() != b"cross-site");
        };
        let Ok(origin) = origin.to_str() else { return false };
        if origin.eq_ignore_ascii_case(&self.public_origin) {
            return true;
        }
        let host = headers.get(header::HOST).and_then(|host| host.to_str().ok());
        let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
        matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
    }
}

/// `https://example.org:8443/x?y` → `https://example.org:8443`.
fn origin_of(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    format!("{}{}", &url[..scheme_end + 3], &rest[..host_end]).to_ascii_lowercase()
}

/// The policy of a page made outside the shell (the API's index): the site's styles and
/// images, no script at all.
pub const SCRIPTLESS_PAGE: &str =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a script file. Only a worker is bound by it (the service worker, which
/// fetches and keeps the site's pages and files); a page's scripts follow the page's.
pub const SCRIPT: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The policy for a response of `content_type` that the shell did not give one.
fn for_content_type(content_type: &str) -> &'static str {
    if content_type.starts_with("text/html") {
        SCRIPTLESS_PAGE
    } else if content_type.starts_with("text/javascript") || content_type.starts_with("application/javascript") {
        SCRIPT
    } else {
        content_policy::OTHER
    }
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn guard(State(policy): State<Arc<Policy>>, request: Request, next: Next) -> Response {
    let mut response = if changes_state(request.method()) && !policy.sent_by_this_site(request.headers()) {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "refused a request from another site");
        let message = match crate::web::locale_of(request.headers()) {
            app::i18n::Locale::en => {
                "Refused: this request was sent by another website. Open Mitra Desa itself and try again."
            }
            app::i18n::Locale::id => {
                "Ditolak: permintaan ini dikirim oleh situs lain. Buka Mitra Desa langsung lalu coba lagi."
            }
        };
        (StatusCode::FORBIDDEN, message).into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let policy = for_content_type(content_type);
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    if policy.hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (header::HeaderName::from_static(name), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn only_this_site_may_change_state() {
        let policy = Policy::new("https://mitradesa.example/", true);
        assert!(policy.sent_by_this_site(&headers(&[("origin", "https://mitradesa.example")])));
        assert!(policy.sent_by_this_site(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(policy.sent_by_this_site(&headers(&[("host", "x")])), "no Origin: not a browser");
        assert!(policy.sent_by_this_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(
            !policy.sent_by_this_site(&headers(&[("origin", "https://evil.example"), ("host", "mitradesa.example")]))
        );
        assert!(!policy.sent_by_this_site(&headers(&[("origin", "null"), ("host", "mitradesa.example")])));
        assert!(!policy.sent_by_this_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(changes_state(&Method::POST) && !changes_state(&Method::GET));
        assert_eq!(origin_of("http://Localhost:3000/peluang?q=1"), "http://localhost:3000");
    }

    #[test]
    fn what_the_shell_did_not_cover_gets_the_policy_of_its_kind() {
        assert_eq!(for_content_type("text/html; charset=utf-8"), SCRIPTLESS_PAGE);
        assert_eq!(for_content_type("text/javascript"), SCRIPT);
        assert_eq!(for_content_type("application/json"), content_policy::OTHER);
        assert!(!SCRIPTLESS_PAGE.contains("script-src"));
    }
}
