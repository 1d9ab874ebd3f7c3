//! Offers (*penawaran*) on the wire.

use super::postings::{PostingState, Revision};
use crate::domain::offer::OfferInput;
use crate::domain::organisation::OrganisationStatus;
use serde::{Deserialize, Serialize};

/// One offer as lists and its page show it. Never a contact person, phone or e-mail.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCard {
    pub offer_id: i64,
    pub title: String,
    pub description: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub support_type: String,
    pub resource_kind: Option<String>,
    pub sectors: Vec<String>,
    /// Whole province, or the regencies it serves (by name).
    pub serves_province: bool,
    pub regencies: Vec<String>,
    /// How many villages it can serve.
    pub capacity: i64,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
    pub preferred_status: Option<String>,
    /// A cohort (KKN, volunteers): `capacity` groups, each placed in one village.
    pub cohort: bool,
    /// People per group of a cohort, if known.
    pub group_size: Option<i64>,
    pub published_at: String,
    /// `published`, or, when closed ones were asked for, `matched`, `fulfilled`, `expired`.
    pub status: String,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferResults {
    pub items: Vec<OfferCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// One offer as the caller may see it. Nothing here is contact data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferDetail {
    pub card: OfferCard,
    /// The stored content as form text (for the edit form).
    pub content: OfferInput,
    pub organisation_status: OrganisationStatus,
    pub state: PostingState,
    pub pending_revision: Option<Revision<ProposedOffer>>,
}

/// A proposed change to an offer, as a card to show and as form text to edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedOffer {
    pub card: OfferCard,
    pub content: OfferInput,
}
