//! Needs (*kebutuhan*) on the wire.

use super::postings::{PostingState, Revision};
use crate::domain::need::NeedInput;
use serde::{Deserialize, Serialize};

/// One published need in a result list. Public fields only: no contact data.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedCard {
    pub need_id: i64,
    pub title: String,
    /// The start of the description.
    pub summary: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub sector: String,
    pub support_type: String,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
    pub published_at: String,
    /// `published`, or, when closed ones were asked for, `matched`, `fulfilled`, `expired`.
    pub status: String,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedResults {
    pub items: Vec<NeedCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// One need in full, as the caller may see it. Nothing here is contact data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDetail {
    pub need_id: i64,
    pub content: NeedInput,
    pub village_code: String,
    pub village_name: String,
    pub district_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub created_at: String,
    pub published_at: Option<String>,
    pub state: PostingState,
    /// A change waiting for moderation (insiders only).
    pub pending_revision: Option<Revision<NeedInput>>,
}
