//! Turning server-side failures into [`AppError`]: unexpected ones are logged once, here,
//! with their cause chain, and reach the browser only as an opaque reference.

use crate::wire::error::AppError;

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

pub use crate::wire::error::with_status;

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
