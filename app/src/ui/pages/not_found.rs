use crate::i18n::*;
use crate::ui::components::page_meta::PageMeta;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, not_found.title).to_string())
            description=Signal::derive(move || t_string!(i18n, not_found.text).to_string())
        />
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.text)}</p>
        <p><a class="button" href="/">{t!(i18n, not_found.home)}</a></p>
    }
}
