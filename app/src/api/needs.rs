//! Published needs (*kebutuhan*), as anyone may browse them.

use crate::domain::search::NeedQuery;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One published need in a result list. Public fields only: no contact data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedCard {
    pub need_id: i64,
    pub title: String,
    /// The start of the description.
    pub summary: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub sector: String,
    pub support_type: String,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
    pub published_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedResults {
    pub items: Vec<NeedCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// A regency or city, for filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegencyOption {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// Published needs matching the query, a page at a time. Public.
#[server(endpoint = "needs")]
pub async fn search_needs(query: NeedQuery) -> Result<NeedResults, AppError> {
    use crate::domain::search::PAGE_SIZE;
    use crate::server::errors::OrInternal;
    use crate::server::locale::validation_error;
    use crate::server::repo::needs;
    use crate::server::AppState;

    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (items, total) = needs::search_published(&state.pool, &query).await.or_internal()?;
    let pages = u32::try_from((total + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE)).unwrap_or(u32::MAX).max(1);
    Ok(NeedResults { items, total, page: query.page, pages })
}

/// The province's regencies and cities. Public.
#[server(endpoint = "regencies")]
pub async fn list_regencies() -> Result<Vec<RegencyOption>, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::AppState;

    let state = AppState::current()?;
    crate::server::repo::regions::regencies(&state.pool).await.or_internal()
}
