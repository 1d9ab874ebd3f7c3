//! Form pieces: a labelled field with its error, and the message of a failed action.

use crate::i18n::*;
use crate::wire::error::AppError;
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
    /// The value shown initially (an edited record, or what was typed before an error).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// The name the browser posts, when it differs from the field's name (`need[title]`).
    #[prop(optional, into)]
    post_as: Option<String>,
) -> impl IntoView {
    let described = described_by(name, hint.is_some(), error);
    view! {
        <FieldFrame name label hint error>
            <input
                id=format!("f-{name}")
                name=post_as.unwrap_or_else(|| name.to_owned())
                type=kind
                value=move || value.map(|v| v.get())
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
        </FieldFrame>
    }
}

/// What every field shares around its control: the label, an optional hint and the error.
#[component]
fn FieldFrame(
    name: &'static str,
    label: Signal<String>,
    hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=format!("f-{name}")>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("f-{name}-hint")>{hint}</p> })}
            {children()}
            {move || error.get().map(|message| view! { <p class="field-error" id=format!("f-{name}-error")>{message}</p> })}
        </div>
    }
}

/// The `aria-describedby` of a field: its hint (if any) and its error (when shown).
fn described_by(
    name: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync {
    let (hint_id, error_id) = (format!("f-{name}-hint"), format!("f-{name}-error"));
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextArea(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    #[prop(into)] post_as: String,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(default = 6)] rows: u32,
    /// Optional text areas are not marked `required` (screen readers announce it).
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let described = described_by(name, hint.is_some(), error);
    view! {
        <FieldFrame name label hint error>
            <textarea
                id=format!("f-{name}")
                name=post_as
                rows=rows
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            >{move || value.get()}</textarea>
        </FieldFrame>
    }
}

/// A labelled choice among a vocabulary's stored names, each shown translated.
#[component]
pub fn SelectField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    #[prop(into)] post_as: String,
    options: Vec<&'static str>,
    name_of: fn(Locale, &str) -> String,
    /// The text of the empty first option.
    #[prop(into)]
    placeholder: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let described = described_by(name, hint.is_some(), error);
    view! {
        <FieldFrame name label hint error>
            <select
                id=format!("f-{name}")
                name=post_as
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            >
                <option value="">{placeholder}</option>
                {options.into_iter().map(|option| view! {
                    <option value=option selected=move || value.get() == option>
                        {move || name_of(i18n.get_locale(), option)}
                    </option>
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// The value a field shows: what was submitted if the last submission failed, else `initial`.
pub fn form_value(
    value: ActionResult,
    field: &'static str,
    initial: impl Fn() -> String + Send + Sync + 'static,
) -> Signal<String> {
    Signal::derive(move || {
        value
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.submitted(field)))
            .unwrap_or_else(&initial)
    })
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
        AppError::Conflict => td_string!(locale, errors.conflict).to_string(),
        AppError::Internal { request_id } => td_string!(locale, errors.internal, reference = request_id),
        AppError::Request { .. } => td_string!(locale, errors.network).to_string(),
    })
}

/// The message for any error shown outside a form (page load failures).
pub fn error_text(locale: Locale, err: &AppError) -> String {
    general_message(locale, err).unwrap_or_default()
}
