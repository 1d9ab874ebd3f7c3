//! What a page shows while it waits for data, or when the data could not be had.

use crate::i18n::*;
use crate::ui::components::form::error_text;
use crate::ui::components::page_meta::PageMeta;
use crate::wire::error::AppError;
use leptos::prelude::*;

/// The placeholder of a `<Suspense>` or `<Transition>`.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" aria-busy="true">{t!(i18n, common.loading)}</p> }
}

/// A page that failed to load: its head says so too (every page has one `PageMeta`).
#[component]
pub fn PageError(err: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let description = error_text(i18n.get_locale_untracked(), &err);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, errors.page_title).to_string())
            description=Signal::derive(move || description.clone())
        />
        <ErrorNotice err/>
    }
}

/// A failed load, in the reader's language, saying what to do.
#[component]
pub fn ErrorNotice(err: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="alert alert-error">{move || error_text(i18n.get_locale(), &err)}</p> }
}
