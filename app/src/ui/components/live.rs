//! Live updates in the browser: one `EventSource` on `/api/live` while someone is signed
//! in. Each topic has a counter that resources read, so a pushed event makes exactly the
//! affected lists fetch again (through their usual, checked server functions). The browser
//! reconnects by itself; the server greets every (re)connection with `ready`, which bumps
//! every counter, so a page that was offline catches up.

use crate::wire::error::AppError;
use crate::wire::session::SessionInfo;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Live {
    pub notifications: RwSignal<u64>,
    pub queue: RwSignal<u64>,
    pub matches: RwSignal<u64>,
}

impl Live {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn bump(&self, topic: &str) {
        let all = matches!(topic, "ready" | "resync");
        if all || topic == "notification" {
            self.notifications.update(|n| *n += 1);
        }
        if all || topic == "queue" {
            self.queue.update(|n| *n += 1);
        }
        if all || topic == "match" {
            self.matches.update(|n| *n += 1);
        }
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// The counts in the navigation: unread notifications and, for staff, the moderation
/// queue. Created once for the whole app, because a resource created inside a reactive
/// branch (the navigation changes with the session) gets another hydration id on the
/// server than in the browser.
#[derive(Clone, Copy)]
pub struct NavCounts {
    pub unread: Resource<i64>,
    pub queue: Resource<i64>,
}

pub fn use_nav_counts() -> NavCounts {
    expect_context::<NavCounts>()
}

fn provide_nav_counts(live: Live, info: Resource<Result<SessionInfo, AppError>>) {
    let user = move || async move { info.await.ok().and_then(|info| info.user) };
    let unread = Resource::new(
        move || live.notifications.get(),
        move |_| async move {
            match user().await {
                Some(_) => crate::api::notifications::unread_notifications().await.unwrap_or(0),
                None => 0,
            }
        },
    );
    let queue = Resource::new(
        move || live.queue.get(),
        move |_| async move {
            match user().await {
                Some(user) if user.role.is_staff() => crate::api::moderation::moderation_count().await.unwrap_or(0),
                _ => 0,
            }
        },
    );
    provide_context(NavCounts { unread, queue });
}

/// Provides the counters and the navigation's counts, and keeps a connection open while
/// someone is signed in.
pub fn provide_live(info: Resource<Result<SessionInfo, AppError>>) {
    let live = Live { notifications: RwSignal::new(0), queue: RwSignal::new(0), matches: RwSignal::new(0) };
    provide_context(live);
    provide_nav_counts(live, info);
    let user_id = move || info.get().and_then(|r| r.ok()).and_then(|i| i.user).map(|u| u.user_id);
    #[cfg(feature = "hydrate")]
    {
        use gloo_net::eventsource::futures::EventSource;
        let connection: StoredValue<Option<(i64, EventSource)>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let wanted = user_id();
            let current = connection.with_value(|c| c.as_ref().map(|(id, _)| *id));
            if wanted == current {
                return;
            }
            // Dropping the old source closes it (a user signed out or another signed in).
            connection.set_value(None);
            let Some(id) = wanted else { return };
            let Ok(mut source) = EventSource::new("/api/live") else { return };
            let streams: Vec<_> = ["ready", "resync", "notification", "queue", "match"]
                .into_iter()
                .filter_map(|topic| source.subscribe(topic).ok())
                .collect();
            connection.set_value(Some((id, source)));
            leptos::task::spawn_local(async move {
                use futures::StreamExt;
                let mut events = futures::stream::select_all(streams);
                while let Some(event) = events.next().await {
                    // Errors are connection drops: the browser reconnects and `ready` follows.
                    if let Ok((topic, _)) = event {
                        live.bump(&topic);
                    }
                }
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = user_id;
}
