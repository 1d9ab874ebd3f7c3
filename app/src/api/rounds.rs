//! Matching rounds (staff): the form's starting point for a scope, running a round, the
//! list, one round with its proposal, and the decision — accept all or part, or discard.
//! Regency staff work on their regency only (`ssr::rounds` checks and its SQL repeats it).

use crate::domain::matching::round::RoundInput;
use crate::wire::error::AppError;
use crate::wire::page::Page;
use crate::wire::rounds::{RoundDetail, RoundLine, RoundSetup};
use leptos::prelude::*;

/// What the round form starts from: the scope's needs and offers, the current weights.
#[server(endpoint = "round_setup")]
pub async fn get_round_setup(#[server(default)] scope: RoundInput) -> Result<RoundSetup, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, rounds, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    rounds::setup(&state, &user, &scope).await
}

/// Runs a round over the chosen scope and keeps its proposal; goes to the round's page.
#[server(endpoint = "run_matching_round")]
pub async fn run_matching_round(#[server(default)] round: RoundInput) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, rounds, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let round_id = rounds::run(&state, &user, &round).await?;
    leptos_axum::redirect(&format!("/putaran/{round_id}"));
    Ok(())
}

/// The rounds of the caller's jurisdiction, newest first.
#[server(endpoint = "matching_rounds")]
pub async fn matching_rounds(#[server(default)] page: u32) -> Result<Page<RoundLine>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{postings::Guard, rounds};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let guard = Guard::for_staff(&user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let state = AppState::current()?;
    rounds::list(&state.pool, &guard, page.max(1)).await.or_internal()
}

/// One round with a page of its proposal's pairs.
#[server(endpoint = "matching_round")]
pub async fn matching_round(round_id: i64, #[server(default)] page: u32) -> Result<RoundDetail, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, rounds, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    rounds::detail(&state, &user, round_id, page.max(1)).await
}

/// Accepts a proposed round: every pair (`all` = `1`) or the ticked ones (`pairs[]`).
/// Each accepted pair becomes a staff-proposed match; the round is decided once.
#[server(endpoint = "accept_matching_round")]
pub async fn accept_matching_round(
    round_id: i64,
    #[server(default)] pairs: Vec<String>,
    #[server(default)] all: String,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::validation::{FieldError, Problem};
    use crate::ssr::locale::validation_error;
    use crate::ssr::{auth, outcome, rounds, AppState};
    use crate::wire::outcome::Outcome;

    let user = auth::require(Requirement::Staff).await?;
    let chosen = match all.trim() {
        "1" => None,
        _ => {
            let ids: Result<Vec<i64>, _> = pairs.iter().map(|id| id.trim().parse::<i64>()).collect();
            match ids {
                Ok(ids) if !ids.is_empty() && ids.len() <= 10_000 => Some(ids),
                Ok(ids) if ids.is_empty() => {
                    return Err(validation_error(vec![FieldError::new("pairs", Problem::Required)]))
                }
                _ => return Err(validation_error(vec![FieldError::new("pairs", Problem::InvalidChoice)])),
            }
        }
    };
    let state = AppState::current()?;
    let done = rounds::accept(&state, &user, round_id, chosen).await?;
    outcome::keep(Outcome::RoundAccepted(done)).await?;
    leptos_axum::redirect(&format!("/putaran/{round_id}"));
    Ok(())
}

/// Discards a proposed round (it stays on record, with nothing accepted).
#[server(endpoint = "discard_matching_round")]
pub async fn discard_matching_round(round_id: i64) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, rounds, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    rounds::discard(&state, &user, round_id).await?;
    leptos_axum::redirect(&format!("/putaran/{round_id}"));
    Ok(())
}
