//! A cooperation agreement as its sides and staff read it.

use crate::domain::cooperation::CooperationInput;
use crate::domain::lifecycle::AgreementStatus;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooperationView {
    pub agreement_id: i64,
    pub need_match_id: i64,
    pub need_title: String,
    pub village_name: String,
    pub organisation_name: String,
    pub status: AgreementStatus,
    /// The record as its form shows it.
    pub record: CooperationInput,
    /// The clauses written so far (the checklist), by name.
    pub complete_clauses: Vec<String>,
    /// The fields signing still needs.
    pub sign_blockers: Vec<String>,
    /// The caller may change the record (a side or its staff, while a draft).
    pub can_edit: bool,
}
