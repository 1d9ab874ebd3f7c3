//! Live updates and the navigation's counts.
//!
//! Pages are rendered on the server (islands): a signed-in page stays current through one
//! `EventSource` on `/api/live` in the [`LiveUpdates`] island. Whatever the server pushes
//! (a notification, a queue change, a match's news) makes the islands router fetch the
//! current page again and patch in what changed — the counts in the navigation, the lists
//! of the dashboard, the moderation queues, a match's messages — through the same checked
//! rendering as any visit. The browser reconnects by itself; the server greets every
//! (re)connection with `ready`, and a page that was offline catches up on it.

use crate::wire::error::AppError;
use crate::wire::session::SessionInfo;
use leptos::prelude::*;

/// The counts in the navigation: unread notifications and, for staff, the moderation
/// queue. Created once for the whole app, next to the session they depend on.
#[derive(Clone, Copy)]
pub struct NavCounts {
    pub unread: Resource<i64>,
    pub queue: Resource<i64>,
}

pub fn use_nav_counts() -> NavCounts {
    expect_context::<NavCounts>()
}

pub fn provide_nav_counts(info: Resource<Result<SessionInfo, AppError>>) {
    let user = move || async move { info.await.ok().and_then(|info| info.user) };
    let unread = Resource::new(
        || (),
        move |_| async move {
            match user().await {
                Some(_) => crate::api::notifications::unread_notifications().await.unwrap_or(0),
                None => 0,
            }
        },
    );
    let queue = Resource::new(
        || (),
        move |_| async move {
            match user().await {
                Some(user) if user.role.is_staff() => crate::api::moderation::moderation_count().await.unwrap_or(0),
                _ => 0,
            }
        },
    );
    provide_context(NavCounts { unread, queue });
}

/// Marks `<html data-hydrated>` once the browser runs the islands (tests wait for it).
/// It stays through client-side navigations: the islands router only adds attributes.
#[island]
pub fn ClientReady() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        let _ = gloo_utils::document_element().set_attribute("data-hydrated", "true");
    });
}

/// Keeps a signed-in page current (see the module), unless something was typed on it. Rendered inside the signed-in
/// navigation: when the visitor signs out, the islands router replaces that branch, and
/// the connection closes at its next event because its marker left the document.
#[island]
pub fn LiveUpdates() -> impl IntoView {
    let marker = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(client::listen(marker));
    view! { <span node_ref=marker hidden></span> }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use gloo_events::EventListener;
    use gloo_timers::future::TimeoutFuture;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    const TOPICS: [&str; 5] = ["ready", "resync", "notification", "queue", "match"];
    /// Events that come together (an introduction notifies and changes the queue) make one
    /// refresh.
    const GATHER_MS: u32 = 300;
    /// How often a pending refresh looks again whether the visitor is still typing.
    const TYPING_POLL_MS: u32 = 1_000;

    pub async fn listen(marker: NodeRef<leptos::html::Span>) {
        use futures::StreamExt;
        use gloo_net::eventsource::futures::EventSource;
        let Ok(mut source) = EventSource::new("/api/live") else { return };
        let streams: Vec<_> = TOPICS.into_iter().filter_map(|topic| source.subscribe(topic).ok()).collect();
        let mut events = futures::stream::select_all(streams);
        let pending = Rc::new(Cell::new(false));
        // The page is replaced whole on a refresh: once something was typed on it, it is
        // left alone (a later navigation brings the news).
        let typed_on: Rc<RefCell<Option<String>>> = Rc::default();
        let _typing = {
            let typed_on = typed_on.clone();
            EventListener::new(&gloo_utils::document(), "input", move |_| *typed_on.borrow_mut() = Some(address()))
        };
        let mut greeted = false;
        while let Some(event) = events.next().await {
            if !marker.get_untracked().is_some_and(|m| m.is_connected()) {
                break; // signed out: dropping `source` closes the connection
            }
            // Errors are connection drops: the browser reconnects and `ready` follows.
            let Ok((topic, _)) = event else { continue };
            // The first greeting comes with the page just rendered; later ones follow a
            // reconnection, after which the page may be behind.
            if topic == "ready" && !std::mem::replace(&mut greeted, true) {
                continue;
            }
            if !pending.replace(true) {
                leptos::task::spawn_local(refresh(pending.clone(), typed_on.clone()));
            }
        }
    }

    /// Asks the islands router for the current page again (it answers `popstate` by
    /// fetching the address and patching the document), once the visitor is not typing.
    async fn refresh(pending: Rc<Cell<bool>>, typed_on: Rc<RefCell<Option<String>>>) {
        TimeoutFuture::new(GATHER_MS).await;
        while typing() {
            TimeoutFuture::new(TYPING_POLL_MS).await;
        }
        pending.set(false);
        if typed_on.borrow().as_deref() == Some(address().as_str()) {
            return;
        }
        if let Ok(event) = leptos::web_sys::Event::new("popstate") {
            let _ = gloo_utils::window().dispatch_event(&event);
        }
    }

    fn address() -> String {
        gloo_utils::window().location().href().unwrap_or_default()
    }

    /// Is the focus in a text field, where a patched page could disturb what is typed?
    fn typing() -> bool {
        gloo_utils::document()
            .active_element()
            .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
    }
}
