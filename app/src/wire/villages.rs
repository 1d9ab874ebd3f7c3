//! Village profiles on the wire.

use super::postings::PostingLine;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillageProfileView {
    pub description: Option<String>,
    pub sectors: Vec<String>,
    pub development_status: Option<String>,
    pub status_year: Option<i64>,
    pub status_index_kind: Option<String>,
    pub status_index_value: Option<f64>,
    pub population: Option<i64>,
}

/// The private contact person of a village or an organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillagePage {
    pub village_code: String,
    pub name: String,
    /// `desa` or `kelurahan`.
    pub kind: String,
    pub district_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub profile: VillageProfileView,
    /// Only for the village's operators and the staff of its regency.
    pub contact: Option<Contact>,
    /// Published needs, newest first.
    pub needs: Vec<PostingLine>,
    pub can_edit: bool,
}
