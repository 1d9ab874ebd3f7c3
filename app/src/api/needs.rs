//! Published needs (*kebutuhan*), as anyone may browse them.

use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::NeedInput;
use crate::domain::search::NeedQuery;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One published need in a result list. Public fields only: no contact data.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedResults {
    pub items: Vec<NeedCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// One need in full, as the caller may see it. Visitors see published needs only and
/// never `status_reason` or the pending revision; nothing here is contact data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDetail {
    pub need_id: i64,
    pub content: NeedInput,
    pub status: PostingStatus,
    /// Why staff returned or rejected it (owner and staff only).
    pub status_reason: Option<String>,
    pub village_code: String,
    pub village_name: String,
    pub district_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub created_at: String,
    pub published_at: Option<String>,
    /// A change waiting for moderation (owner and staff only).
    pub pending_revision: Option<NeedRevision>,
    /// What the caller may do with it.
    pub can_edit: bool,
    pub can_moderate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedRevision {
    pub revision_id: i64,
    pub content: NeedInput,
    pub created_at: String,
}

/// A need in a list (the operator's own, or a moderation queue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedLine {
    pub need_id: i64,
    pub title: String,
    pub status: PostingStatus,
    pub village_name: String,
    pub regency_name: String,
    /// When it entered its current state (submitted, updated…).
    pub since: String,
    /// For revisions in a queue.
    pub revision_id: Option<i64>,
}

/// A need by id: published ones for everybody, others for their village and its staff.
#[server(endpoint = "need")]
pub async fn get_need(need_id: i64) -> Result<NeedDetail, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::repo::needs;
    use crate::server::{auth, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let found = needs::find(&state.pool, need_id).await.or_internal()?;
    let Some(mut need) = found.filter(|n| needs::may_see(caller.as_ref(), n)) else {
        return Err(crate::server::errors::with_status(AppError::NotFound));
    };
    let insider = needs::is_insider(caller.as_ref(), &need);
    need.can_edit = needs::may_edit(caller.as_ref(), &need);
    need.can_moderate = needs::may_moderate(caller.as_ref(), &need);
    if insider {
        need.pending_revision = needs::pending_revision(&state.pool, need_id).await.or_internal()?;
    } else {
        need.status_reason = None;
    }
    Ok(need)
}

/// A regency, city or district, for filters.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegencyOption {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// Published needs matching the query, a page at a time. Public.
#[server(endpoint = "needs")]
pub async fn search_needs(query: NeedQuery) -> Result<NeedResults, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::locale::validation_error;
    use crate::server::repo::need_search;
    use crate::server::AppState;

    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (items, total) = need_search::search_published_cached(&state.pool, state.backend, &state.search_cache, &query)
        .await
        .or_internal()?;
    Ok(NeedResults { items, total, page: query.page, pages: crate::domain::search::page_count(total) })
}

/// The province's regencies and cities. Public.
#[server(endpoint = "regencies")]
pub async fn list_regencies() -> Result<Vec<RegencyOption>, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::AppState;

    let state = AppState::current()?;
    crate::server::repo::regions::regencies(&state.pool).await.or_internal()
}

/// The districts of a regency (empty for an unknown code). Public.
#[server(endpoint = "districts")]
pub async fn list_districts(regency: String) -> Result<Vec<RegencyOption>, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::AppState;

    if regency.is_empty() || regency.len() > 5 {
        return Ok(Vec::new());
    }
    let state = AppState::current()?;
    crate::server::repo::regions::districts(&state.pool, &regency).await.or_internal()
}
