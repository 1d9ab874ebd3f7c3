//! Starting an island's browser-side work once its marker is in the document.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Runs `start` once, with the element of the island's hidden marker, as soon as the island
/// is hydrated (in an effect: the element exists only then).
#[cfg(feature = "hydrate")]
pub fn once_mounted(
    marker: NodeRef<leptos::html::Span>,
    start: impl FnOnce(leptos::web_sys::HtmlSpanElement) + 'static,
) {
    let mut start = Some(start);
    Effect::new(move |_| {
        if let Some(element) = marker.get() {
            if let Some(start) = start.take() {
                start(element);
            }
        }
    });
}
