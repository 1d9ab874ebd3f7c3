//! Suggestions of the matchmaking engine, and the matchmaking panels of the posting pages.

use super::postings::PostingLine;
use crate::domain::matching::score::Score;
use serde::{Deserialize, Serialize};

/// One suggested partner posting and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub need_id: i64,
    pub offer_id: i64,
    /// The suggested side: the offer's title (for a need) or the need's title (for an offer).
    pub title: String,
    /// Who is on the suggested side: the organisation, or "village, regency".
    pub by: String,
    pub score: Score,
    /// A live match between this need and this organisation, if there is one.
    pub match_id: Option<i64>,
}

/// How many suggestions a page shows.
pub const TOP: usize = 10;

/// What the matchmaking part of a published need's page holds for the caller. One call
/// decides it on the server, so the page creates its resource once, outside any
/// reactive branch (a resource created in a branch would not hydrate reliably).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NeedPanel {
    /// Its village's operators and the staff of its regency: the suggested offers. Staff
    /// may propose one.
    Suggestions { list: Vec<Suggestion>, can_propose: bool },
    /// A partner of a verified organisation: the interest form, with the organisation's
    /// published offers to name.
    Interest { offers: Vec<(i64, String)> },
    /// A partner whose organisation is not verified yet.
    Unverified,
    /// Everyone else (and anonymous visitors).
    Nothing,
}

/// What the matchmaking part of a public offer's page holds for the caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OfferPanel {
    /// Its organisation's members and staff: the suggested needs.
    Suggestions { list: Vec<Suggestion> },
    /// A village operator: the request form, with the village's published needs.
    Request { needs: Vec<(i64, String)> },
    /// Everyone else (and anonymous visitors).
    Nothing,
}

/// A published need of the caller's village and its best partners (the operator's dashboard).
pub type NeedSuggestions = (PostingLine, Vec<Suggestion>);
