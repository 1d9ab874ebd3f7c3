//! Matching rounds on the wire: the form's starting point, the list, and one round with its
//! proposal beside the greedy pairing, per offer and per village, and its pairs.

use super::page::Page;
use super::regions::RegencyOption;
use crate::domain::matching::round::{RoundInput, RoundSettings, RoundStatus};
use crate::domain::matching::score::Score;
use serde::{Deserialize, Serialize};

/// How many of the scope's offers the form lists to choose among (a larger scope is
/// narrowed by its filters instead).
pub const SCOPE_OFFERS: usize = 100;

/// An offer that would take part in a round of the chosen scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScopeOffer {
    pub offer_id: i64,
    pub title: String,
    pub organisation_name: String,
    /// Places left (capacity less live introductions and agreements).
    pub places_left: i64,
    pub cohort: bool,
}

/// What the round form starts from, for a scope chosen in the address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundSetup {
    pub defaults: RoundInput,
    /// Regency staff: their regency, the only one their rounds may cover.
    pub own_regency: Option<RegencyOption>,
    /// The regencies a round of this staff member may cover.
    pub regencies: Vec<RegencyOption>,
    /// Published needs in the scope.
    pub needs: i64,
    /// The offers in the scope (the first [`SCOPE_OFFERS`], to choose among).
    pub offers: Vec<ScopeOffer>,
    pub offers_total: i64,
}

/// The totals of one assignment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundTotals {
    pub pairs: i64,
    pub villages: i64,
    /// Villages never served before that get a pair.
    pub first_time_villages: i64,
    /// The pairs' scores, without the bonuses.
    pub total_score: f64,
    /// What the solver maximised: the scores plus the equity bonuses.
    pub objective: f64,
}

/// A round in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundLine {
    pub round_id: i64,
    pub created_at: String,
    pub created_by: String,
    /// The regency of a regency's round (none: province-wide).
    pub regency_name: Option<String>,
    pub status: RoundStatus,
    pub needs: i64,
    pub offers: i64,
    pub proposal: RoundTotals,
    pub greedy: RoundTotals,
    pub accepted_pairs: Option<i64>,
    pub skipped_pairs: Option<i64>,
}

/// How many pairs an offer (or a village) gets in the proposal and in the greedy pairing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// The offer's id or the village's code.
    pub key: String,
    pub name: String,
    /// The offer's organisation, or the village's regency.
    pub detail: String,
    pub proposal: i64,
    pub greedy: i64,
}

/// One pair of the proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundPair {
    pub pair_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub offer_id: i64,
    pub offer_title: String,
    pub organisation_name: String,
    pub score: f64,
    pub bonus: f64,
    /// The village had never been served.
    pub first_time: bool,
    pub factors: Option<Score>,
    /// `accepted` or `skipped`, once staff decided.
    pub outcome: Option<String>,
    pub match_id: Option<i64>,
}

/// One round, as staff of its jurisdiction see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundDetail {
    pub line: RoundLine,
    pub settings: RoundSettings,
    /// No assignment of the round's needs and offers is worth more than this.
    pub upper_bound: f64,
    pub candidate_pairs: i64,
    pub solve_ms: i64,
    /// The offers (and villages) with pairs in either assignment, those that differ most first.
    pub by_offer: Vec<Comparison>,
    pub offers_compared: i64,
    pub by_village: Vec<Comparison>,
    pub villages_compared: i64,
    pub pairs: Page<RoundPair>,
}

/// What accepting a round did: the matches proposed, and the pairs no longer possible
/// (the need or the offer changed since the round ran, or the two already have a match).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAccepted {
    pub accepted: i64,
    pub skipped: i64,
}
