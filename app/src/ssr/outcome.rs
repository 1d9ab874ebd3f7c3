//! The last action's outcome in the caller's session (see `wire::outcome`).

use super::auth;
use super::errors::internal;
use crate::wire::error::AppError;
use crate::wire::outcome::Outcome;
use leptos::prelude::use_context;
use std::sync::Arc;

const KEY: &str = "outcome";

/// What this request took from the session. A page may be built more than once while it is
/// rendered (a branch the server runs again), and each build asks: all of them get the
/// outcome, which leaves the session once. Provided per request by the server.
#[derive(Clone, Default)]
pub struct Taken(Arc<tokio::sync::Mutex<Option<Option<Outcome>>>>);

/// Keeps what an action did for the next page the caller sees.
pub async fn keep(outcome: Outcome) -> Result<(), AppError> {
    auth::session().await?.insert(KEY, outcome).await.map_err(internal)
}

/// Takes the kept outcome, if any: it is shown once (by every build of the page that
/// renders now, see [`Taken`]).
pub async fn take() -> Result<Option<Outcome>, AppError> {
    let session = auth::session().await?;
    let Some(taken) = use_context::<Taken>() else {
        return session.remove::<Outcome>(KEY).await.map_err(internal);
    };
    let mut slot = taken.0.lock().await;
    if let Some(outcome) = slot.as_ref() {
        return Ok(outcome.clone());
    }
    let outcome = session.remove::<Outcome>(KEY).await.map_err(internal)?;
    *slot = Some(outcome.clone());
    Ok(outcome)
}
