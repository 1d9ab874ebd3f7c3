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
    // The head outlives the page: when a page is replaced (a refetch after an action, a
    // navigation), leptos_meta may still read the old page's values after that page, and
    // the signals it owned, are gone. So every read is a plain closure that falls back to
    // the value first shown instead of panicking.
    let lasting = |signal: Signal<String>| {
        let first = signal.get_untracked();
        move || signal.try_get().unwrap_or_else(|| first.clone())
    };
    let title = lasting(title);
    let full_title = move || format!("{} · Mitra Desa", title());
    let description = lasting(description);
    let url = url.map(lasting);
    view! {
        <Title text=full_title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=full_title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:site_name" content="Mitra Desa"/>
        <Meta property="og:type" content="website"/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=full_title/>
        <Meta name="twitter:description" content=description/>
        {url.map(|url| view! { <Meta property="og:url" content=url/> })}
    }
}
