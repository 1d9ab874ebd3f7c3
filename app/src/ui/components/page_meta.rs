use crate::wire::session::PublicUrl;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

/// Title and description of a page, also as OpenGraph and Twitter tags for link previews
/// (WhatsApp reads `og:*`). `url` is the page's canonical absolute address, when known.
/// Each page renders exactly one, also when it failed to load ([`super::status::PageError`]).
/// The site's public address (configuration, provided to every render by the server), for
/// links shared outside the site.
pub fn public_url() -> String {
    use_context::<PublicUrl>().map(|url| url.0).unwrap_or_default()
}

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
    // Every page has the same tags (the islands router patches the head node by node, and
    // one tag more would shift the page after it): without a canonical address, the site's
    // address and the page's path.
    let fallback = format!("{}{}", public_url(), use_location().pathname.get_untracked());
    let url = url.map(lasting);
    let url = move || url.as_ref().map(|url| url()).unwrap_or_else(|| fallback.clone());
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
        <Meta property="og:url" content=url/>
    }
}
