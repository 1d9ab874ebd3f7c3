//! Live updates in the browser: one `EventSource` on `/api/live` while someone is signed
//! in. Each topic has a counter that resources read, so a pushed event makes exactly the
//! affected lists fetch again (through their usual, checked server functions). The browser
//! reconnects by itself; the server greets every (re)connection with `ready`, which bumps
//! every counter, so a page that was offline catches up.

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

/// Provides the counters and keeps a connection open while `user_id` is `Some`.
pub fn provide_live(user_id: Signal<Option<i64>>) {
    let live = Live { notifications: RwSignal::new(0), queue: RwSignal::new(0), matches: RwSignal::new(0) };
    provide_context(live);
    #[cfg(feature = "hydrate")]
    {
        use gloo_net::eventsource::futures::EventSource;
        let connection: StoredValue<Option<(i64, EventSource)>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let wanted = user_id.get();
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
