//! Live updates: a hub that fans events out to the server-sent-event streams of the users
//! they concern. An event names its audience (users, or the staff of a regency) and a
//! topic (`notification`, `queue`, `match`); it carries no data, so a stream only tells
//! the browser what to fetch again, through the same checked server functions.
//!
//! With one instance (SQLite) the hub is an in-process broadcast channel. Several instances
//! on PostgreSQL would forward each published event through `NOTIFY` and feed the hub from
//! `LISTEN` on every instance; the audience check stays where it is, at the stream.

use crate::domain::account::CurrentUser;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Users it concerns.
    pub users: Vec<i64>,
    /// Staff whose jurisdiction covers this regency (province staff always) are concerned too.
    pub staff_of_regency: Option<String>,
    pub topic: String,
}

impl Event {
    pub fn for_users(users: &[i64], topic: &str) -> Event {
        Event { users: users.to_vec(), staff_of_regency: None, topic: topic.to_owned() }
    }

    pub fn for_staff(regency_code: &str, topic: &str) -> Event {
        Event { users: Vec::new(), staff_of_regency: Some(regency_code.to_owned()), topic: topic.to_owned() }
    }

    /// Is this user entitled to hear of it?
    pub fn reaches(&self, user: &CurrentUser) -> bool {
        self.users.contains(&user.user_id)
            || self.staff_of_regency.as_deref().is_some_and(|r| user.role.is_staff() && user.scope.covers_regency(r))
    }
}

pub struct Hub {
    sender: broadcast::Sender<Event>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { sender: broadcast::channel(1024).0 }
    }
}

impl Hub {
    /// Sends an event to whoever listens now (nobody listening is fine).
    pub fn publish(&self, event: Event) {
        if !event.users.is_empty() || event.staff_of_regency.is_some() {
            let _ = self.sender.send(event);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
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
