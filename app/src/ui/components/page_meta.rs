use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Title and description of a page, also as OpenGraph and Twitter tags for link previews
/// (WhatsApp reads `og:*`). `url` is the page's canonical absolute address, when known.
#[component]
pub fn PageMeta(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] description: Signal<String>,
    #[prop(optional, into)] url: Option<Signal<String>>,
) -> impl IntoView {
    let full_title = move || format!("{} · Mitra Desa", title.get());
    view! {
        <Title text=full_title/>
        <Meta name="description" content=description/>
        <Meta property="og:title" content=full_title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:site_name" content="Mitra Desa"/>
        <Meta property="og:type" content="website"/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=full_title/>
        <Meta name="twitter:description" content=description/>
        {url.map(|url| view! { <Meta property="og:url" content=url/> })}
    }
}
