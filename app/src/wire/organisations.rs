//! A partner organisation's own profile on the wire.

use crate::domain::organisation::{OrganisationInput, OrganisationStatus};
use serde::{Deserialize, Serialize};

/// The caller's own organisation, contact included (members only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    pub organisation_id: i64,
    pub status: OrganisationStatus,
    pub status_reason: Option<String>,
    pub content: OrganisationInput,
    /// A change of name or type that waits for province staff (a verified organisation's
    /// identity is what staff verified).
    pub pending_change: Option<IdentityChange>,
}

/// A proposed name and type of a verified organisation.
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityChange {
    pub change_id: i64,
    pub organisation_id: i64,
    /// As verified.
    pub current_name: String,
    pub current_kind: String,
    /// As proposed.
    pub name: String,
    pub kind: String,
    pub created_at: String,
}
