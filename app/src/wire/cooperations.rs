//! Cooperation agreements as their sides and staff read them, and as the public sees them
//! once signed (never contacts, never drafts).

use crate::domain::cooperation::{CooperationInput, Step};
use crate::domain::lifecycle::AgreementStatus;
use crate::wire::page::Page;
use serde::{Deserialize, Serialize};

/// A cooperation in a list: what the public may know of it (its people see their drafts
/// in the same shape).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooperationLine {
    pub agreement_id: i64,
    /// The title of the village's need the cooperation answers.
    pub title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub sector: String,
    /// `draft` (seen only by its people), `signed`, `active`, `completed` or `terminated`.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: AgreementStatus,
    pub signed_on: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// What the cooperation achieved (once completed).
    pub outcome: Option<String>,
    pub beneficiaries: Option<i64>,
}

/// A page of cooperations.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooperationResults {
    pub items: Vec<CooperationLine>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

impl From<Page<CooperationLine>> for CooperationResults {
    fn from(page: Page<CooperationLine>) -> Self {
        CooperationResults { items: page.items, total: page.total, page: page.page, pages: page.pages }
    }
}

/// A cooperation that waits for the caller, and what they must do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooperationTask {
    pub line: CooperationLine,
    pub step: Step,
}

/// A dated progress update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub reported_on: String,
    pub text: String,
    pub percent: Option<i64>,
    pub author: String,
}

/// What happened after the draft, as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooperationFollowUp {
    pub regency_name: String,
    pub registered_on: Option<String>,
    /// The village's development status at signing, its year and index (from the profile).
    pub status_at_signing: Option<String>,
    pub status_at_signing_year: Option<String>,
    pub status_at_signing_index: Option<String>,
    pub ended_on: Option<String>,
    pub outcome: Option<String>,
    pub beneficiaries: Option<String>,
    pub status_after: Option<String>,
    pub status_after_year: Option<String>,
    pub reported_to_bpd_on: Option<String>,
    pub copied_to_regent_on: Option<String>,
    /// A completed cooperation whose report (to the BPD and the regent) is not yet dated.
    pub report_due: bool,
    /// An active cooperation without a progress update for `PROGRESS_REMINDER_DAYS`.
    pub progress_overdue: bool,
    pub termination_reason: Option<String>,
    pub dispute_stage: Option<String>,
    /// Who settles the dispute now: `deliberation`, `camat` or `regent`.
    pub settler: Option<String>,
    pub progress: Vec<ProgressUpdate>,
}

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
    /// What the caller may do now, in order.
    pub steps: Vec<Step>,
    /// The caller is the village's side (its operator).
    pub is_village_side: bool,
    pub follow_up: CooperationFollowUp,
}

/// What `/kerja-sama/:id` shows: the whole record for its people, the public part for others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CooperationShown {
    Insider(Box<CooperationView>),
    Public(Box<CooperationLine>),
}
