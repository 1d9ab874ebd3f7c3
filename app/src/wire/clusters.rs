//! Clustered opportunities on the wire: a cluster's card (lists), its needs (its page),
//! and a partner's grouped interest as staff see it.

use serde::{Deserialize, Serialize};

/// "14 villages in Kutai Barat need training · nature tourism", with one of the needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterCard {
    /// The cluster's first need: its name in links (`/peluang/klaster/{seed}`).
    pub seed: i64,
    pub support_type: String,
    pub sector: String,
    pub regency_code: String,
    pub regency_name: String,
    pub villages: i64,
    pub needs: i64,
    /// The seed's title, as an example.
    pub example: String,
}

/// A need of a cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterNeed {
    pub need_id: i64,
    pub title: String,
    pub village_code: String,
    pub village_name: String,
    /// The caller's organisation already has a live match with it.
    pub matched: bool,
}

/// A cluster's page: its needs and, for a verified partner, what its interest may name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterDetail {
    pub card: ClusterCard,
    pub needs: Vec<ClusterNeed>,
    /// A verified partner's published offers, to name one (`None`: the caller cannot
    /// express interest).
    pub offers: Option<Vec<(i64, String)>>,
}

/// A partner's interest in (part of) a cluster, waiting for staff in their jurisdiction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub group_id: i64,
    pub organisation_name: String,
    pub example: String,
    pub regency_name: String,
    /// Its matches waiting for an introduction.
    pub waiting: i64,
    pub created_at: String,
}

/// What one grouped action did: matches opened (or introduced), and those left as they were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOutcome {
    pub done: i64,
    pub skipped: i64,
}
