//! Cooperation agreements (`ssr::cooperation`): started from an introduced match by one of
//! its sides or its staff, read and changed by them.

use crate::domain::cooperation::CooperationInput;
use crate::wire::cooperations::CooperationView;
use crate::wire::error::AppError;
use leptos::prelude::*;

/// Starts the draft agreement of an introduced match (or finds the one it has): its id.
#[server(endpoint = "start_cooperation")]
pub async fn start_cooperation(need_match_id: i64, initiated_by: String) -> Result<i64, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, cooperation, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    cooperation::start(&state, &user, need_match_id, &initiated_by).await
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
