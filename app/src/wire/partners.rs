//! The partner directory on the wire.

use serde::{Deserialize, Serialize};

/// A verified partner organisation, as the directory shows it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerCard {
    pub organisation_id: i64,
    pub name: String,
    pub kind: String,
    pub description: Option<String>,
    pub website: Option<String>,
    pub serves_province: bool,
    pub regencies: Vec<String>,
    /// Sectors of interest and of its published offers.
    pub sectors: Vec<String>,
    pub published_offers: i64,
}

/// A page of the directory.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerResults {
    pub items: Vec<PartnerCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}
