//! The statistics of `/statistik`, for anyone (staff also see their moderation figures).

use crate::domain::statistics::StatisticsQuery;
use crate::wire::error::AppError;
use crate::wire::stats::{MapOutlines, Statistics};
use leptos::prelude::*;

#[server(endpoint = "statistics")]
pub async fn get_statistics(#[server(default)] query: StatisticsQuery) -> Result<Statistics, AppError> {
    use crate::ssr::{auth, statistics, AppState};
    let caller = auth::caller().await?;
    let state = AppState::current()?;
    statistics::figures(&state, caller.as_ref(), &query).await
}

/// The outlines the map of `/statistik` is drawn with (the same for every view).
#[server(endpoint = "map-outlines")]
pub async fn get_map_outlines() -> Result<MapOutlines, AppError> {
    Ok(crate::ssr::geo::outlines().clone())
}
