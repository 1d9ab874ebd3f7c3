//! Live updates: a hub that fans events out to the server-sent-event streams of the users
//! they concern. An event names its audience and a topic (`notification`, `queue`,
//! `match`); it carries no data, so a stream only tells the browser what to fetch again,
//! through the same checked server functions.
//!
//! With SQLite (one instance) the hub is an in-process broadcast channel. With PostgreSQL
//! several instances may serve the same database, so every event is sent through
//! `NOTIFY mitra_live` and each instance's `LISTEN` feeds its own hub: a user connected to
//! one instance hears what happened on another. The audience check stays at the stream.

use crate::domain::access::Moderators;
use crate::domain::account::CurrentUser;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};
use tokio::sync::{broadcast, mpsc};

/// The PostgreSQL channel that carries events between instances.
pub const CHANNEL: &str = "mitra_live";

/// PostgreSQL refuses a `NOTIFY` payload of 8,000 bytes or more.
const MAX_PAYLOAD: usize = 7_999;

/// Who may hear of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Audience {
    /// These users.
    Users { ids: Vec<i64> },
    /// Staff whose jurisdiction covers this regency (province staff always).
    StaffOf { regency: String },
    /// Province staff (what only they moderate: organisations, offers beyond a regency).
    ProvinceStaff,
    /// Every open stream: events were lost and every page should catch up.
    Everyone,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub audience: Audience,
    pub topic: String,
}

impl Event {
    pub fn for_users(users: &[i64], topic: &str) -> Event {
        Event { audience: Audience::Users { ids: users.to_vec() }, topic: topic.to_owned() }
    }

    pub fn for_staff(regency_code: &str, topic: &str) -> Event {
        Event { audience: Audience::StaffOf { regency: regency_code.to_owned() }, topic: topic.to_owned() }
    }

    pub fn for_province_staff(topic: &str) -> Event {
        Event { audience: Audience::ProvinceStaff, topic: topic.to_owned() }
    }

    /// For the staff who moderate something (see [`Moderators`]).
    pub fn for_moderators(moderators: &Moderators, topic: &str) -> Event {
        match moderators {
            Moderators::Regency(code) => Event::for_staff(code, topic),
            Moderators::Province => Event::for_province_staff(topic),
        }
    }

    /// Is this user entitled to hear of it?
    pub fn reaches(&self, user: &CurrentUser) -> bool {
        match &self.audience {
            Audience::Users { ids } => ids.contains(&user.user_id),
            Audience::StaffOf { regency } => user.role.is_staff() && user.scope.covers_regency(regency),
            Audience::ProvinceStaff => user.role.is_province_staff(),
            Audience::Everyone => true,
        }
    }

    fn is_for_nobody(&self) -> bool {
        matches!(&self.audience, Audience::Users { ids } if ids.is_empty())
    }

    /// The event as `NOTIFY` payloads, each under PostgreSQL's limit: an event for more
    /// users than one payload holds travels as several, each for a share of them.
    pub fn payloads(&self) -> Vec<String> {
        let Ok(json) = serde_json::to_string(self) else { return Vec::new() };
        match &self.audience {
            Audience::Users { ids } if json.len() > MAX_PAYLOAD && ids.len() > 1 => {
                let (first, second) = ids.split_at(ids.len() / 2);
                [first, second].into_iter().flat_map(|ids| Event::for_users(ids, &self.topic).payloads()).collect()
            }
            _ => vec![json],
        }
    }
}

pub struct Hub {
    local: broadcast::Sender<Event>,
    /// Set when events travel through PostgreSQL; otherwise they are delivered here only.
    relay: OnceLock<mpsc::UnboundedSender<Event>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { local: broadcast::channel(1024).0, relay: OnceLock::new() }
    }
}

impl Hub {
    /// Sends an event to whoever listens now, on every instance (nobody listening is fine).
    pub fn publish(&self, event: Event) {
        if event.is_for_nobody() {
            return;
        }
        match self.relay.get() {
            Some(relay) => {
                if let Err(lost) = relay.send(event) {
                    self.deliver(lost.0);
                }
            }
            None => self.deliver(event),
        }
    }

    /// Hands an event to this instance's streams.
    fn deliver(&self, event: Event) {
        let _ = self.local.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    /// How many live-event streams this instance has open.
    pub fn listeners(&self) -> usize {
        self.local.receiver_count()
    }

    /// From now on, events go out through `NOTIFY` on `pool` and come back, from every
    /// instance, through a `LISTEN` connection to `database_url`. When that connection
    /// drops, events may have been missed: every stream is told to resync, and the browser
    /// fetches what it shows again.
    pub async fn relay_through_postgres(
        self: &Arc<Self>,
        pool: sqlx::AnyPool,
        database_url: &str,
    ) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
        listener.listen(CHANNEL).await?;
        let (relay, mut outgoing) = mpsc::unbounded_channel::<Event>();
        let hub = Arc::downgrade(self);
        tokio::spawn(async move {
            while let Some(event) = outgoing.recv().await {
                for payload in event.payloads() {
                    let sent =
                        sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(&payload).execute(&pool).await;
                    if let Err(err) = sent {
                        // The database is unreachable: at least this instance's users hear of it.
                        tracing::warn!(error = %err, "could not relay a live event through PostgreSQL");
                        if let (Some(hub), Ok(part)) = (hub.upgrade(), serde_json::from_str::<Event>(&payload)) {
                            hub.deliver(part);
                        }
                    }
                }
            }
        });
        let hub = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let received = listener.try_recv().await;
                let Some(hub) = hub.upgrade() else { return };
                match received {
                    Ok(Some(notification)) => match serde_json::from_str::<Event>(notification.payload()) {
                        Ok(event) => hub.deliver(event),
                        Err(err) => tracing::warn!(error = %err, "ignored a malformed live event"),
                    },
                    // The connection was lost (and is re-established on the next call).
                    Ok(None) => hub.deliver(Event { audience: Audience::Everyone, topic: "resync".into() }),
                    Err(err) => {
                        tracing::warn!(error = %err, "live events: the PostgreSQL listener failed; retrying");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        let _ = self.relay.set(relay);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Role, Scope};

    fn user(id: i64, role: Role, scope: Scope) -> CurrentUser {
        CurrentUser { user_id: id, email: String::new(), display_name: String::new(), role, scope }
    }

    #[test]
    fn events_reach_only_their_audience() {
        let kukar = user(1, Role::RegencyStaff, Scope::Regency { code: "64.02".into(), name: String::new() });
        let berau = user(2, Role::RegencyStaff, Scope::Regency { code: "64.03".into(), name: String::new() });
        let province = user(3, Role::ProvinceStaff, Scope::Province);
        let partner = user(4, Role::PartnerMember, Scope::Province);
        let queue = Event::for_staff("64.02", "queue");
        assert!(queue.reaches(&kukar) && queue.reaches(&province));
        assert!(!queue.reaches(&berau) && !queue.reaches(&partner));
        let personal = Event::for_users(&[4], "notification");
        assert!(personal.reaches(&partner) && !personal.reaches(&province));
        let province_only = Event::for_province_staff("queue");
        assert!(province_only.reaches(&province) && !province_only.reaches(&kukar) && !province_only.reaches(&partner));
        let everyone = Event { audience: Audience::Everyone, topic: "resync".into() };
        assert!([&kukar, &berau, &province, &partner].iter().all(|u| everyone.reaches(u)));
    }

    #[test]
    fn events_travel_as_json_between_instances() {
        for event in
            [Event::for_users(&[1, 2], "match"), Event::for_staff("64.02", "queue"), Event::for_province_staff("queue")]
        {
            let json = serde_json::to_string(&event).unwrap();
            assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
        }
    }

    #[test]
    fn large_audiences_travel_in_payloads_postgresql_accepts() {
        let ids: Vec<i64> = (1_000_000..1_005_000).collect();
        let event = Event::for_users(&ids, "notification");
        let payloads = event.payloads();
        assert!(payloads.len() > 1, "5,000 ids do not fit one payload");
        let mut received = Vec::new();
        for payload in &payloads {
            assert!(payload.len() <= MAX_PAYLOAD, "{} bytes", payload.len());
            let part: Event = serde_json::from_str(payload).unwrap();
            assert_eq!(part.topic, "notification");
            let Audience::Users { ids } = part.audience else { panic!("a share of the users") };
            received.extend(ids);
        }
        assert_eq!(received, ids, "every user, once, in order");
        assert_eq!(Event::for_staff("64.02", "queue").payloads().len(), 1);
    }

    #[tokio::test]
    async fn subscribers_receive_what_is_published() {
        let hub = Hub::default();
        let mut rx = hub.subscribe();
        hub.publish(Event::for_users(&[7], "match"));
        hub.publish(Event::for_users(&[], "ignored"));
        assert_eq!(rx.recv().await.unwrap().topic, "match");
        assert!(rx.try_recv().is_err(), "an event for nobody is not sent");
    }
}
