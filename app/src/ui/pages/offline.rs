//! `/luring`: what the service worker shows when a page is asked for without a connection
//! and was not read before. It is kept on the phone when the service worker is installed.

use crate::i18n::*;
use crate::ui::components::page_meta::PageMeta;
use leptos::prelude::*;

#[component]
pub fn Offline() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, offline.title).to_string())
            description=Signal::derive(move || t_string!(i18n, offline.text).to_string())
        />
        <h1>{t!(i18n, offline.title)}</h1>
        <p>{t!(i18n, offline.text)}</p>
        <ul>
            <li>{t!(i18n, offline.read)}</li>
            <li>{t!(i18n, offline.forms)}</li>
            <li>{t!(i18n, offline.retry)}</li>
        </ul>
        <p><a class="button" href="/dasbor">{t!(i18n, offline.dashboard)}</a></p>
    }
}
