//! The Content-Security-Policy a page is sent with (the shell sets it; the server gives the
//! other responses theirs). Scripts come from the site only, and
//! the page's own inline scripts (the hydration script, the service worker's registration)
//! carry the request's nonce, so a script injected into a page never runs; no inline style,
//! no framing by another site, forms post to the site only.

/// The policy of a page rendered with `nonce`.
pub fn page(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of everything that is not a page (JSON, files, errors): nothing may run.
pub const OTHER: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The nonce a page's policy names.
pub fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|nonce| !nonce.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_policy_names_its_nonce_and_allows_no_inline_code() {
        let policy = page("abc123");
        assert_eq!(nonce_of(&policy), Some("abc123"));
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"));
        assert_eq!(nonce_of(OTHER), None);
    }
}
