//! The last action's outcome in the caller's session (see `wire::outcome`).

use super::auth;
use super::errors::internal;
use crate::wire::error::AppError;
use crate::wire::outcome::Outcome;
use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

const KEY: &str = "outcome";
/// How long the page an action led to keeps showing its outcome. The action's own live
/// event makes the page render again moments later (the caller's other pages must hear of
/// the change); within this time that render shows the outcome too, instead of losing it.
const SHOWN_FOR_SECS: i64 = 10;

/// The outcome as the session keeps it: when it was first shown.
#[derive(Serialize, Deserialize)]
struct Kept {
    outcome: Outcome,
    first_shown: Option<i64>,
}

/// What this request took from the session. A page may be built more than once while it is
/// rendered (a branch the server runs again), and each build asks: all of them get the
/// outcome, which leaves the session once. Provided per request by the server.
#[derive(Clone, Default)]
pub struct Taken(Arc<tokio::sync::Mutex<Option<Option<Outcome>>>>);

/// Keeps what an action did for the next page the caller sees.
pub async fn keep(outcome: Outcome) -> Result<(), AppError> {
    auth::session().await?.insert(KEY, Kept { outcome, first_shown: None }).await.map_err(internal)
}

/// Takes the kept outcome, if any: shown by the pages rendered within
/// [`SHOWN_FOR_SECS`] of its first showing (every build of each, see [`Taken`]), then gone.
pub async fn take() -> Result<Option<Outcome>, AppError> {
    let taken = use_context::<Taken>();
    let mut slot = match &taken {
        Some(taken) => Some(taken.0.lock().await),
        None => None,
    };
    if let Some(Some(outcome)) = slot.as_deref() {
        return Ok(outcome.clone());
    }
    let outcome = take_from_session().await?;
    if let Some(slot) = slot.as_deref_mut() {
        *slot = Some(outcome.clone());
    }
    Ok(outcome)
}

async fn take_from_session() -> Result<Option<Outcome>, AppError> {
    let session = auth::session().await?;
    let Some(kept) = session.get::<Kept>(KEY).await.map_err(internal)? else { return Ok(None) };
    let now = super::db::epoch_seconds();
    match kept.first_shown {
        None => {
            let outcome = kept.outcome.clone();
            session.insert(KEY, Kept { first_shown: Some(now), ..kept }).await.map_err(internal)?;
            Ok(Some(outcome))
        }
        Some(at) if now - at <= SHOWN_FOR_SECS => Ok(Some(kept.outcome)),
        Some(_) => {
            session.remove::<Kept>(KEY).await.map_err(internal)?;
            Ok(None)
        }
    }
}
