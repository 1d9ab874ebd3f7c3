//! Text no column can hold: a NUL character. PostgreSQL refuses it in `text` ("invalid
//! byte sequence"), which would surface as a 500 from wherever such a value reached a
//! query, and no one types it. So a request carrying one — raw or as `%00`, in its path,
//! its query or a form body — is refused with 400 before any handler reads it, on both
//! databases alike: a server function's form with the usual validation error naming the
//! field, the public API with its JSON error, anything else with a translated text.

use app::domain::validation::{FieldError, Problem};
use app::wire::error::{AppError, FieldMessage};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn carries_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

fn is_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn refusal(path: &str, request_headers: &axum::http::HeaderMap) -> Response {
    if path.starts_with("/api/v1/") {
        // The public API answers in its documented error format.
        let problem = FieldError::new("query", Problem::InvalidCharacters);
        return crate::public_api::ApiFailure::Invalid(vec![problem]).into_response();
    }
    let message = match crate::web::locale_of(request_headers) {
        app::i18n::Locale::en => {
            "Refused: the request contains a NUL character, which cannot be stored. Remove it and send again."
        }
        app::i18n::Locale::id => {
            "Ditolak: permintaan ini memuat karakter NUL yang tidak dapat disimpan. Hapus karakter itu lalu kirim lagi."
        }
    };
    (StatusCode::BAD_REQUEST, message).into_response()
}

/// A server function's answer to a form with a NUL: the usual validation error, naming each
/// field that has one (`need[title]` → `title`) and echoing what was sent, so that a form
/// shows the message beside the field as for any other invalid character.
fn field_refusal(body: &[u8], headers: &axum::http::HeaderMap) -> Response {
    let locale = crate::web::locale_of(headers);
    let field_of = |key: &str| key.rsplit('[').next().unwrap_or(key).trim_end_matches(']').to_owned();
    let input: Vec<(String, String)> =
        form_urlencoded::parse(body).map(|(key, value)| (field_of(&key), value.into_owned())).collect();
    let errors = input
        .iter()
        .filter(|(_, value)| value.contains('\0'))
        .map(|(field, _)| {
            let error = FieldError::new(field, Problem::InvalidCharacters);
            FieldMessage { message: app::wire::text::problem(locale, &error.problem), error }
        })
        .collect();
    let answer = AppError::Validation { errors, input };
    (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response()
}

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if carries_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| carries_nul(q.as_bytes())) {
        return refusal(uri.path(), request.headers());
    }
    if !is_form(&request) {
        return next.run(request).await;
    }
    // A form body is at most `MAX_REQUEST_BYTES` (the limit is enforced around this).
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::debug!(error = %err, "unreadable form body");
            let status = if std::error::Error::source(&err).is_some_and(|e| e.is::<http_body_util::LengthLimitError>())
            {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            };
            return status.into_response();
        }
    };
    if carries_nul(&bytes) {
        if path.starts_with("/api/") && !path.starts_with("/api/v1/") {
            return field_refusal(&bytes, &parts.headers);
        }
        return refusal(&path, &parts.headers);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_raw_or_encoded() {
        assert!(carries_nul(b"name=a%00b"));
        assert!(carries_nul(b"name=a\0b"));
        assert!(!carries_nul(b"name=a%2500b&x=%0A"), "an encoded percent sign followed by 00 is text");
        assert!(!carries_nul(b""));
    }
}
