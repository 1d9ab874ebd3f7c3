//! Cohort offers (KKN and the like): the placement board. Villages apply for a placement
//! with `matches::request_offer` and staff approve it by introducing the two sides
//! (`matches::decide_match`); a village gets one placement of a cohort.

use crate::wire::error::AppError;
use crate::wire::placements::PlacementBoard;
use leptos::prelude::*;

/// A cohort offer's placement board: its members and province staff see every village, a
/// regency's staff their regency's; anyone else gets not found.
#[server(endpoint = "placement_board")]
pub async fn get_placement_board(offer_id: i64) -> Result<PlacementBoard, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, placements, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    placements::board(&state, &user, offer_id).await
}
