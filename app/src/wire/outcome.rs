//! What an action did, shown once on the page it returns to.
//!
//! Forms post to their server function, which answers with a redirect back to the page
//! (with and without JavaScript: the islands router follows it too). What the action
//! returned would be lost on the way, so the server keeps it in the caller's session and
//! the next page that shows it takes it (`api::outcome::last_outcome`).

use super::clusters::GroupOutcome;
use super::invitations::InviteLink;
use super::moderation::BulkOutcome;
use super::rounds::RoundAccepted;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The link to pass on to an invited operator (shown once, to the staff member).
    InvitationCreated(InviteLink),
    BulkApproved(BulkOutcome),
    WeightsSaved,
    /// A matching round's proposal accepted: the matches proposed and the pairs skipped.
    RoundAccepted(RoundAccepted),
    /// A partner's interest in needs of a cluster: the matches opened, those that existed.
    ClusterInterest(GroupOutcome),
    /// Staff introduced a group's matches: those introduced, those refused (an offer full).
    GroupIntroduced(GroupOutcome),
}
