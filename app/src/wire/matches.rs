//! Matches between a need and a partner, on the wire.

use super::villages::Contact;
use crate::domain::lifecycle::MatchStatus;
use crate::domain::matching::score::Score;
use serde::{Deserialize, Serialize};

/// A match in a list (queue, dashboard).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchLine {
    pub match_id: i64,
    pub need_title: String,
    pub village_name: String,
    pub regency_name: String,
    pub organisation_name: String,
    pub status: MatchStatus,
    pub score: Option<f64>,
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchMessage {
    pub message_id: i64,
    pub author: String,
    pub body: String,
    pub created_at: String,
}

/// One step of a match's history (from the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchStep {
    pub action: String,
    pub actor: String,
    pub reason: Option<String>,
    pub at: String,
}

/// A match as one of its sides or staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchDetail {
    pub match_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub offer_id: Option<i64>,
    pub offer_title: Option<String>,
    /// `engine`, `partner_interest`, `village_request` or `staff`.
    pub origin: String,
    pub status: MatchStatus,
    pub score: Option<Score>,
    pub message: Option<String>,
    pub decline_reason: Option<String>,
    pub history: Vec<MatchStep>,
    /// Earlier (declined) attempts between the same need and organisation.
    pub earlier: Vec<i64>,
    /// Only once introduced, and only for the two sides and staff.
    pub village_contact: Option<Contact>,
    pub organisation_contact: Option<Contact>,
    pub messages: Vec<MatchMessage>,
    pub can_introduce: bool,
    pub can_decline: bool,
    pub can_write: bool,
    /// The cooperation started from this match, if any.
    pub agreement_id: Option<i64>,
    /// Introduced and without a cooperation yet: its people may start one.
    pub can_start_cooperation: bool,
}

/// What a new match attempt led to: a new match, or the live one that already exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchOpened {
    pub match_id: i64,
    pub existing: bool,
}
