//! Rendered pages of the public need search (`/peluang`, `/peluang/:id`) for visitors who
//! are not signed in, kept while the needs are unchanged.
//!
//! A visitor's page depends only on its address, the language cookie, whether the islands
//! router fetched it (see `http_cache`) and the data the
//! search cache stamps (needs, village profiles, the date: `search_cache::stamp`), which
//! tells when any of it changed, also through another server instance. The page's links
//! come from configuration, never from the request, so a kept page is right for everyone. Requests with any other cookie (a
//! session), and responses that set a cookie or are not 200, are never stored.
//! `PAGE_CACHE_SIZE=0` turns it off.

use app::ssr::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Pages larger than this are not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

#[derive(Default)]
pub struct PageCache {
    capacity: usize,
    state: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    stamp: String,
    pages: HashMap<String, Page>,
}

/// A rendered page and the Content-Security-Policy it was sent with.
#[derive(Clone, Debug, PartialEq)]
struct Page {
    body: Bytes,
    policy: Option<String>,
}

impl Page {
    /// The page with a new nonce, so that no two responses carry the same one: the old
    /// nonce is a random word that appears in the page only where the shell put it.
    fn with_new_nonce(&self) -> (Bytes, Option<String>) {
        use rand::distr::{Alphanumeric, SampleString};
        let (Some(policy), Ok(body)) = (&self.policy, std::str::from_utf8(&self.body)) else {
            return (self.body.clone(), self.policy.clone());
        };
        let Some(old) = app::wire::content_policy::nonce_of(policy) else {
            return (self.body.clone(), self.policy.clone());
        };
        let new = Alphanumeric.sample_string(&mut rand::rng(), 24);
        (Bytes::from(body.replace(old, &new)), Some(app::wire::content_policy::page(&new)))
    }
}

impl PageCache {
    pub fn new(capacity: usize) -> Arc<Self> {
        Arc::new(PageCache { capacity, state: Mutex::default() })
    }

    fn get(&self, stamp: &str, key: &str) -> Option<Page> {
        let entries = self.state.lock().ok()?;
        (entries.stamp == stamp).then(|| entries.pages.get(key).cloned()).flatten()
    }

    fn put(&self, stamp: &str, key: String, page: Page) {
        if let Ok(mut entries) = self.state.lock() {
            if entries.stamp != stamp || entries.pages.len() >= self.capacity {
                entries.pages.clear();
                entries.stamp = stamp.to_owned();
            }
            entries.pages.insert(key, page);
        }
    }
}

/// Is this page the same for every visitor who is not signed in?
fn cacheable(path: &str) -> bool {
    path == "/peluang"
        || path.strip_prefix("/peluang/").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The language cookie's value, or `None` when the request carries any other cookie.
fn visitor_language(request: &Request) -> Option<String> {
    let mut language = String::new();
    for value in request.headers().get_all(header::COOKIE) {
        for pair in value.to_str().ok()?.split(';') {
            let (name, value) = pair.trim().split_once('=')?;
            if name == crate::web::LOCALE_COOKIE {
                language = value.to_owned();
            } else {
                return None;
            }
        }
    }
    Some(language)
}

pub async fn serve_cached(
    State((state, cache)): State<(AppState, Arc<PageCache>)>,
    request: Request,
    next: Next,
) -> Response {
    if cache.capacity == 0 || request.method() != Method::GET || !cacheable(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(language) = visitor_language(&request) else {
        return next.run(request).await;
    };
    let Ok(stamp) = app::ssr::search_cache::stamp(&state.pool).await else {
        return next.run(request).await;
    };
    // The islands router's navigations are kept apart (see `http_cache`).
    let navigation = request.headers().contains_key(crate::http_cache::ISLANDS_ROUTER);
    let key = format!("{language}|{navigation}|{}", request.uri());
    if let Some(page) = cache.get(&stamp, &key) {
        let (body, policy) = page.with_new_nonce();
        return html(body, policy, "hit");
    }
    let response = next.run(request).await;
    // leptos_i18n repeats the language cookie the request already carries; any other cookie
    // makes the page someone's own.
    let only_language_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .all(|value| value.to_str().is_ok_and(|v| v.starts_with(&format!("{}=", crate::web::LOCALE_COOKIE))));
    if response.status() != StatusCode::OK || !only_language_cookie {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(page) => {
            if page.len() <= MAX_PAGE_BYTES {
                let policy = parts.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok());
                cache.put(&stamp, key, Page { body: page.clone(), policy: policy.map(str::to_owned) });
            }
            let mut response = Response::from_parts(parts, Body::from(page));
            response.headers_mut().insert("x-page-cache", HeaderValue::from_static("miss"));
            response
        }
        Err(err) => {
            tracing::error!(error = %err, "could not read a rendered page");
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

fn html(page: Bytes, policy: Option<String>, outcome: &'static str) -> Response {
    let mut response = Response::new(Body::from(page));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Some(policy) = policy.and_then(|policy| HeaderValue::from_str(&policy).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert("x-page-cache", HeaderValue::from_static(outcome));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_need_pages_are_kept() {
        assert!(cacheable("/peluang"));
        assert!(cacheable("/peluang/42"));
        assert!(!cacheable("/peluang/"));
        assert!(!cacheable("/peluang/42/ubah"));
        assert!(!cacheable("/dasbor"));
        assert!(!cacheable("/api/v1/needs"));
    }

    #[test]
    fn entries_last_until_the_stamp_changes() {
        let cache = PageCache::new(2);
        let page = Page { body: Bytes::from_static(b"A"), policy: None };
        cache.put("t1", "a".into(), page.clone());
        assert_eq!(cache.get("t1", "a"), Some(page));
        assert_eq!(cache.get("t2", "a"), None);
    }

    #[test]
    fn a_kept_page_is_sent_with_a_new_nonce() {
        let policy = app::wire::content_policy::page("OLDNONCE");
        let page = Page { body: Bytes::from_static(br#"<script nonce="OLDNONCE">x</script>"#), policy: Some(policy) };
        let (body, policy) = page.with_new_nonce();
        let policy = policy.unwrap();
        let nonce = app::wire::content_policy::nonce_of(&policy).unwrap();
        assert_ne!(nonce, "OLDNONCE");
        assert_eq!(body, format!(r#"<script nonce="{nonce}">x</script>"#).as_bytes());
    }
}
