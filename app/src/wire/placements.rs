//! A cohort offer's placement board (KKN and the like): its placements filled, proposed
//! and open, and the villages in each.

use crate::domain::lifecycle::MatchStatus;
use serde::{Deserialize, Serialize};

/// A village's placement, or its application or proposal for one: a live match naming the
/// cohort offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub match_id: i64,
    pub village_code: String,
    pub village_name: String,
    pub district_name: String,
    pub regency_name: String,
    pub need_id: i64,
    pub need_title: String,
    pub status: MatchStatus,
    pub since: String,
    /// The village's contact, once its placement is filled (introduced), for the XLSX.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

impl Placement {
    /// Filled: the two sides were introduced (or agreed).
    pub fn is_filled(&self) -> bool {
        matches!(self.status, MatchStatus::Introduced | MatchStatus::Agreed)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementBoard {
    pub offer_id: i64,
    pub title: String,
    pub organisation_name: String,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    /// The placements in all (the offer's capacity).
    pub placements: i64,
    pub group_size: Option<i64>,
    pub filled: i64,
    /// Applications of villages and proposals of staff waiting for an introduction.
    pub proposed: i64,
    /// Placements neither filled nor proposed.
    pub open: i64,
    /// The villages the caller may see: every one for the partner and province staff, a
    /// regency's own for its staff.
    pub rows: Vec<Placement>,
    /// The caller sees only the villages of one regency (its staff).
    pub regency_only: bool,
}
