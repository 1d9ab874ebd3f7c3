//! Form pieces: a labelled field with its error, and the message of a failed action.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// A labelled input whose error (if any) is announced and linked with `aria-describedby`.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// The outcome of the last submission of a form's action (`None` before the first).
pub type ActionResult = Signal<Option<Result<(), AppError>>>;

/// The outcome of an action as a plain signal.
pub fn action_result<A>(action: ServerAction<A>) -> ActionResult
where
    A: leptos::server_fn::ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get())
}

/// The error of a failed action, as a field error for `field`.
pub fn field_error(value: ActionResult, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field_message(field)))
    })
}

/// A message for errors that are not about one field (wrong password, too many attempts, …).
#[component]
pub fn FormAlert(value: ActionResult) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        let locale = i18n.get_locale();
        value.with(|v| match v {
            Some(Err(err)) => general_message(locale, err),
            _ => None,
        })
    };
    view! {
        <div role="alert" aria-live="assertive">
            {move || message().map(|m| view! { <p class="alert alert-error">{m}</p> })}
        </div>
    }
}

fn general_message(locale: Locale, err: &AppError) -> Option<String> {
    Some(match err {
        AppError::Validation { .. } => td_string!(locale, errors.check_fields).to_string(),
        AppError::InvalidCredentials => td_string!(locale, errors.invalid_credentials).to_string(),
        AppError::TooManyAttempts { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            td_string!(locale, errors.too_many_attempts, minutes = minutes)
        }
        AppError::Unauthenticated => td_string!(locale, errors.unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, errors.forbidden).to_string(),
        AppError::NotFound => td_string!(locale, errors.not_found).to_string(),
        AppError::Internal { request_id } => td_string!(locale, errors.internal, reference = request_id),
        AppError::Request { .. } => td_string!(locale, errors.network).to_string(),
    })
}

/// The message for any error shown outside a form (page load failures).
pub fn error_text(locale: Locale, err: &AppError) -> String {
    general_message(locale, err).unwrap_or_default()
}
