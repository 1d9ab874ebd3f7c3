//! Turning server-side failures into [`AppError`]: unexpected ones are logged once, here,
//! with their cause chain, and reach the browser only as an opaque reference.

use crate::error::AppError;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

fn request_id() -> String {
    use rand::Rng;
    let n: u64 = rand::rng().random();
    format!("{n:016x}")
}

/// Logs an unexpected error and hides it behind a request id.
pub fn internal(err: impl std::error::Error) -> AppError {
    let request_id = request_id();
    let mut chain = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    tracing::error!(%request_id, error = %chain, "internal error");
    AppError::Internal { request_id }
}

pub fn internal_msg(message: &str) -> AppError {
    let request_id = request_id();
    tracing::error!(%request_id, error = message, "internal error");
    AppError::Internal { request_id }
}

/// Sets the HTTP status of the current server-function response to match the error.
/// Not for a form posted without JavaScript (it accepts HTML): that one is answered with
/// a redirect back to the form, carrying the error in the URL, and must stay a redirect.
pub fn with_status(err: AppError) -> AppError {
    let plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    });
    if plain_form_post {
        return err;
    }
    if let Some(options) = use_context::<ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            options.set_status(status);
        }
    }
    err
}

/// Is this a unique-constraint violation (e.g. an e-mail already registered)?
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error().is_some_and(|e| e.is_unique_violation())
}

pub trait OrInternal<T> {
    /// Maps any error to an opaque, logged internal error.
    fn or_internal(self) -> Result<T, AppError>;
}

impl<T, E: std::error::Error> OrInternal<T> for Result<T, E> {
    fn or_internal(self) -> Result<T, AppError> {
        self.map_err(internal)
    }
}
