//! Headline figures for the home page.

use crate::wire::error::AppError;
use crate::wire::stats::HeadlineFigures;
use leptos::prelude::*;

#[server(endpoint = "home_figures")]
pub async fn home_figures() -> Result<HeadlineFigures, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::AppState;

    let state = AppState::current()?;
    crate::ssr::repo::stats::home_figures(&state.pool).await.or_internal()
}
