//! Notifications on the wire.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub notification_id: i64,
    /// What happened, e.g. `need.returned`.
    pub kind: String,
    /// Where it leads, e.g. `/peluang/12`.
    pub link: Option<String>,
    pub title: String,
    pub reason: String,
    pub unread: bool,
    pub created_at: String,
}
