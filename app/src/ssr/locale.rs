//! The language of the current request, as the interface chose it (cookie), Indonesian
//! otherwise. Accept-Language is ignored on purpose: Indonesian is the default.

use crate::domain::validation::FieldError;
use crate::i18n::Locale;
use crate::wire::error::{AppError, FieldMessage};
use leptos_i18n::context::{I18nContextOptions, UseLocalesOptions};

pub fn request_locale() -> Locale {
    leptos_i18n::locale::resolve_locale_with_options(
        I18nContextOptions::default()
            .ssr_lang_header_getter(UseLocalesOptions::default().ssr_lang_header_getter(|| None)),
    )
}

/// A validation error with each message in the caller's language.
pub fn validation_error(errors: Vec<FieldError>) -> AppError {
    validation_error_with_input(errors, Vec::new())
}

/// A validation error that also echoes the submitted fields (see [`AppError::Validation`]).
pub fn validation_error_with_input(errors: Vec<FieldError>, input: Vec<(String, String)>) -> AppError {
    let locale = request_locale();
    let errors = errors
        .into_iter()
        .map(|error| FieldMessage { message: crate::wire::text::problem(locale, &error.problem), error })
        .collect();
    super::errors::with_status(AppError::Validation { errors, input })
}
