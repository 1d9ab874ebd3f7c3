//! What browsers and shared caches may keep.
//!
//! - The build's outputs under `/pkg/` carry a hash of their content in their names when
//!   the build hashes them (`hash-files`): kept for a year and never asked again, so a
//!   second visit downloads nothing but the page.
//! - Pages are someone's (their session, their language): private, asked again each time.
//!   They vary with the islands router's header too: Leptos marks those requests as
//!   client-side navigations, whose pages need not carry the scripts again.
//! - Other files of the site (icons, the manifest) are kept for a day; the service worker
//!   is always asked again, so that a new one is found at once.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The header the islands router adds to the pages it fetches.
pub const ISLANDS_ROUTER: &str = "islands-router";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const PAGE: &str = "private, no-cache";
const SITE_FILE: &str = "public, max-age=86400";
const REVALIDATE: &str = "no-cache";

/// `State`: whether the files under `/pkg/` have hashed names.
pub async fn headers(State(hashed): State<bool>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    if html {
        headers.append(header::VARY, HeaderValue::from_static("cookie, islands-router"));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        let policy = policy(&path, html, hashed);
        if let Some(policy) = policy {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    response
}

fn policy(path: &str, html: bool, hashed: bool) -> Option<&'static str> {
    if html {
        Some(PAGE)
    } else if path.starts_with("/pkg/") {
        Some(if hashed { IMMUTABLE } else { REVALIDATE })
    } else if path == "/sw.js" {
        Some(REVALIDATE)
    } else if path.starts_with("/api/") || path == "/healthz" {
        None // the handlers say (or nothing is kept)
    } else {
        Some(SITE_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_build_outputs_are_kept_for_good() {
        assert_eq!(policy("/pkg/mitra-desa.3f2a.wasm", false, true), Some(IMMUTABLE));
        assert_eq!(policy("/pkg/mitra-desa.wasm", false, false), Some(REVALIDATE));
        assert_eq!(policy("/peluang", true, true), Some(PAGE));
        assert_eq!(policy("/favicon.svg", false, true), Some(SITE_FILE));
        assert_eq!(policy("/sw.js", false, true), Some(REVALIDATE));
        assert_eq!(policy("/api/v1/needs", false, true), None);
    }
}
