//! PPM / TJSL reports: a company's operation-area villages with what happened there, and
//! the province's coverage.

use serde::{Deserialize, Serialize};

/// A company's report "Laporan PPM/TJSL".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PpmReport {
    pub organisation_id: i64,
    pub organisation: String,
    /// The caller records this company's villages (a member of it).
    pub can_record: bool,
    /// The caller is staff (confirms the villages of their jurisdiction).
    pub staff: bool,
    pub villages: Vec<RingVillage>,
    pub cooperations: Vec<RingCooperation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingVillage {
    pub village_code: String,
    pub village: String,
    pub district: String,
    pub regency: String,
    /// `ring_1` or `ring_2`.
    pub ring: String,
    /// `proposed` or `confirmed`.
    pub status: String,
    /// Needs of the village open to partners now.
    pub open_needs: i64,
    /// This company's cooperations there, signed or later (terminated ones left out).
    pub cooperations: i64,
    /// The caller may confirm it (staff of its regency or the province, still proposed).
    pub can_confirm: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingCooperation {
    pub agreement_id: i64,
    pub title: String,
    pub village_code: String,
    pub village: String,
    pub ring: String,
    pub status: String,
    pub value_idr: Option<i64>,
    /// The latest progress reported, in percent.
    pub progress: Option<i64>,
    pub outcome: Option<String>,
}

/// Ring-1 coverage per company, within the caller's jurisdiction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PpmCoverage {
    pub companies: Vec<CompanyCoverage>,
    /// Villages proposed by companies, waiting for the caller to confirm them.
    pub pending: Vec<PendingArea>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCoverage {
    pub organisation_id: i64,
    pub name: String,
    pub ring_1: i64,
    pub ring_2: i64,
    /// Ring-1 villages where this company has no signed or active cooperation.
    pub ring_1_without_programme: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingArea {
    pub organisation_id: i64,
    pub organisation: String,
    pub village_code: String,
    pub village: String,
    pub regency: String,
    pub ring: String,
}

/// A company whose operation area a village lies in (confirmed), for the village's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageOperation {
    pub organisation_id: i64,
    pub name: String,
    pub ring: String,
}
