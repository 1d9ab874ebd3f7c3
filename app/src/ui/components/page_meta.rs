use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Title and description of a page, also as OpenGraph tags for link previews.
#[component]
pub fn PageMeta(#[prop(into)] title: Signal<String>, #[prop(into)] description: Signal<String>) -> impl IntoView {
    let full_title = move || format!("{} · Mitra Desa", title.get());
    view! {
        <Title text=full_title/>
        <Meta name="description" content=description/>
        <Meta property="og:title" content=full_title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:site_name" content="Mitra Desa"/>
        <Meta property="og:type" content="website"/>
    }
}
