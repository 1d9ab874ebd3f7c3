//! Cooperation agreements (`ssr::cooperation`): started from an introduced match by one of
//! its sides or its staff, read and changed by them, signed, registered, followed,
//! completed or ended; listed for everyone once signed.

use crate::domain::cooperation::{CompletionInput, CooperationInput};
use crate::domain::cooperation_query::CooperationQuery;
use crate::wire::cooperations::{CooperationResults, CooperationShown, CooperationTask, CooperationView};
use crate::wire::error::AppError;
use leptos::prelude::*;

/// Starts the draft agreement of an introduced match (or finds the one it has): its id.
#[server(endpoint = "start_cooperation")]
pub async fn start_cooperation(need_match_id: i64, initiated_by: String) -> Result<i64, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let id = cooperation::start(&state, &user, need_match_id, &initiated_by).await?;
    leptos_axum::redirect(&format!("/kerja-sama/{id}"));
    Ok(id)
}

/// One agreement, for its sides and staff.
#[server(endpoint = "cooperation")]
pub async fn cooperation(agreement_id: i64) -> Result<CooperationView, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::view(&state, &user, agreement_id).await
}

/// Changes the record of a draft agreement.
#[server(endpoint = "save_cooperation")]
pub async fn save_cooperation(agreement_id: i64, record: CooperationInput) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::save(&state, &user, agreement_id, &record).await
}

/// Records that a draft agreement was signed (when its record holds what signing needs).
#[server(endpoint = "sign_cooperation")]
pub async fn sign_cooperation(agreement_id: i64) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::sign(&state, &user, agreement_id).await
}

/// The regency's staff register a signed cooperation (a complete draft is signed with it).
#[server(endpoint = "register_cooperation")]
pub async fn register_cooperation(agreement_id: i64) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    cooperation::register(&state, &user, agreement_id).await
}

/// A side reports progress on an active cooperation. `client_id`: the phone's id of an
/// update written offline, so that sending it again adds it once.
#[server(endpoint = "add_cooperation_progress")]
pub async fn add_cooperation_progress(
    agreement_id: i64,
    text: String,
    #[server(default)] percent: String,
    #[server(default)] client_id: String,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::add_progress(&state, &user, agreement_id, &text, &percent, &client_id).await
}

/// A side or staff complete an active cooperation with its outcome.
#[server(endpoint = "complete_cooperation")]
pub async fn complete_cooperation(agreement_id: i64, completion: CompletionInput) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::complete(&state, &user, agreement_id, &completion).await
}

/// The village (or staff) dates the report of a completed cooperation.
#[server(endpoint = "report_cooperation")]
pub async fn report_cooperation(
    agreement_id: i64,
    #[server(default)] reported_to_bpd_on: String,
    #[server(default)] copied_to_regent_on: String,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::report(&state, &user, agreement_id, &reported_to_bpd_on, &copied_to_regent_on).await
}

/// A side or staff end a signed or active cooperation early.
#[server(endpoint = "terminate_cooperation")]
pub async fn terminate_cooperation(
    agreement_id: i64,
    terminated_on: String,
    reason: String,
    #[server(default)] dispute: String,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::terminate(&state, &user, agreement_id, &terminated_on, &reason, &dispute).await
}

/// Cooperations for anyone: signed or later, and the caller's own drafts.
#[server(endpoint = "cooperations")]
pub async fn cooperations(query: CooperationQuery) -> Result<CooperationResults, AppError> {
    use crate::ssr::{auth, cooperation, AppState};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    cooperation::list(&state, caller.as_ref(), &query).await
}

/// The cooperations that wait for the caller, and what to do on each.
#[server(endpoint = "cooperation_tasks")]
pub async fn cooperation_tasks() -> Result<Vec<CooperationTask>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::tasks(&state, &user).await
}

/// The page of a cooperation: its whole record for its people, what the public may know
/// (once signed) for everybody else; drafts are `NotFound` to others.
#[server(endpoint = "cooperation_page")]
pub async fn cooperation_page(agreement_id: i64) -> Result<CooperationShown, AppError> {
    use crate::ssr::{auth, cooperation, AppState};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    cooperation::page(&state, caller.as_ref(), agreement_id).await
}

/// Cooperations as the public sees them (signed or later, never a draft, whoever asks):
/// for a village's and a partner's page.
#[server(endpoint = "public_cooperations")]
pub async fn public_cooperations(query: CooperationQuery) -> Result<CooperationResults, AppError> {
    use crate::ssr::{cooperation, AppState};
    let state = AppState::current()?;
    cooperation::list(&state, None, &query).await
}
