//! Places of the region registry, as choices.

use serde::{Deserialize, Serialize};

/// A regency, city or district, for filters.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegencyOption {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// A regency with its districts, for the area checkboxes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionGroup {
    pub code: String,
    pub name: String,
    pub districts: Vec<(String, String)>,
}
