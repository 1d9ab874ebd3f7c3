//! The one error type that crosses the wire between server functions and the interface.

use crate::domain::validation::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Wrong e-mail or password: deliberately the same for both.
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    /// One or more fields are invalid; `message` is already in the caller's language.
    /// `input` echoes what was submitted, so that a form posted without JavaScript can be
    /// shown again as the user typed it.
    #[error("invalid input")]
    Validation {
        errors: Vec<FieldMessage>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        input: Vec<(String, String)>,
    },
    /// The item changed state meanwhile (someone else acted first); reload and retry.
    #[error("changed meanwhile")]
    Conflict,
    /// Something unexpected; details are in the server log under `request_id`.
    #[error("internal error (reference {request_id})")]
    Internal { request_id: String },
    /// The request did not reach the server function or its answer could not be read.
    #[error("request failed: {message}")]
    Request { message: String },
}

/// A field problem with its message in the caller's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    #[serde(flatten)]
    pub error: FieldError,
    pub message: String,
}

impl AppError {
    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict => 409,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Validation { .. } | AppError::Request { .. } => 400,
            AppError::Internal { .. } => 500,
        }
    }

    /// The message for one field, if it has a problem.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { errors, .. } => {
                errors.iter().find(|e| e.error.field == field).map(|e| e.message.clone())
            }
            _ => None,
        }
    }

    /// What was submitted in `field`, when a validation error echoes it.
    pub fn submitted(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { input, .. } => input.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = AppError::Request { message: value.to_string() };
        // On the server this is a malformed request (missing or mistyped arguments): 400.
        #[cfg(feature = "ssr")]
        let err = with_status(err);
        err
    }
}

/// Sets the HTTP status of the current server-function response to match the error.
/// Not for a form posted without JavaScript (it accepts HTML): that one is answered with
/// a redirect back to the form, carrying the error in the URL, and must stay a redirect.
#[cfg(feature = "ssr")]
pub fn with_status(err: AppError) -> AppError {
    use leptos::prelude::use_context;
    let plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    });
    if plain_form_post {
        return err;
    }
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            options.set_status(status);
        }
    }
    err
}
