//! The outcome of the caller's last action (`wire::outcome`), taken by the page it returns to.

use crate::wire::error::AppError;
use crate::wire::outcome::Outcome;
use leptos::prelude::*;

/// Takes what the caller's last action did, once; `None` when there is nothing to show.
#[server(endpoint = "last_outcome")]
pub async fn last_outcome() -> Result<Option<Outcome>, AppError> {
    crate::ssr::outcome::take().await
}
