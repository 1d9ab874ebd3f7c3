//! What needs and offers share on the wire: a line in a list, the caller's standing
//! towards one, and a pending revision.

use crate::domain::lifecycle::PostingStatus;
use crate::domain::posting::PostingKind;
use serde::{Deserialize, Serialize};

/// A need or an offer in a list: its owner's own, or a moderation queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingLine {
    pub kind: PostingKind,
    pub posting_id: i64,
    /// For a revision in a queue, the title as proposed.
    pub title: String,
    pub status: PostingStatus,
    /// Who posted it: "village · regency" for a need, the organisation for an offer.
    pub by: String,
    /// When it entered its current state (submitted, changed, proposed…).
    pub since: String,
    /// Set for a pending revision in a queue.
    pub revision_id: Option<i64>,
}

/// A posting's state as the caller may know it, and what the caller may do with it.
/// Visitors get the status only: never the reason, never a revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingState {
    pub kind: PostingKind,
    pub posting_id: i64,
    pub status: PostingStatus,
    /// Why staff returned or rejected it (insiders only).
    pub status_reason: Option<String>,
    /// Its owners and moderators.
    pub insider: bool,
    /// Its owners, while it can be changed.
    pub can_edit: bool,
    /// Its owners, while a draft or returned.
    pub can_submit: bool,
    /// Its owners, until it is decided for good.
    pub can_withdraw: bool,
    /// Staff of its jurisdiction.
    pub can_moderate: bool,
    /// The day it closed (expired or fulfilled), shown on its greyed page.
    pub closed_on: Option<String>,
    /// Its owners: the open question whether it is still current.
    pub question: Option<OpenQuestion>,
}

/// "Still needed?" / "still offered?", asked of a published posting's owners
/// (`domain::staleness`), with what its answers need to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenQuestion {
    /// The day it was asked.
    pub asked_on: String,
    /// Its window's end, if it has one: the extension must come after it.
    pub window_end: Option<String>,
    /// The earliest end an extension may have (tomorrow, or the day after the window end).
    pub extend_from: String,
}

/// A posting whose owners were asked whether it is still current and did not answer, in a
/// staff member's queue of stale postings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleLine {
    pub kind: PostingKind,
    pub posting_id: i64,
    pub title: String,
    /// The village (needs) or the organisation (offers).
    pub owner_name: String,
    pub asked_on: String,
    /// Its last change.
    pub last_activity: String,
    pub window_end: Option<String>,
}

/// A change to a published posting that waits for moderation; the published version stays
/// visible until it is approved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision<T> {
    pub revision_id: i64,
    pub content: T,
    pub created_at: String,
}
