//! Headline figures for the home page.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineFigures {
    pub regencies: i64,
    pub districts: i64,
    pub desa: i64,
    pub kelurahan: i64,
    pub verified_partners: i64,
    pub published_needs: i64,
    pub published_offers: i64,
}

#[server(endpoint = "home_figures")]
pub async fn home_figures() -> Result<HeadlineFigures, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::AppState;

    let state = AppState::current()?;
    crate::server::repo::stats::home_figures(&state.pool).await.or_internal()
}
