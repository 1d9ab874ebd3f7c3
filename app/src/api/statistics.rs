//! The statistics of `/statistik`, for anyone (staff also see their moderation figures).

use crate::domain::statistics::StatisticsQuery;
use crate::wire::error::AppError;
use crate::wire::stats::Statistics;
use leptos::prelude::*;

#[server(endpoint = "statistics")]
pub async fn get_statistics(#[server(default)] query: StatisticsQuery) -> Result<Statistics, AppError> {
    use crate::ssr::{auth, statistics, AppState};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    statistics::figures(&state, caller.as_ref(), &query).await
}
