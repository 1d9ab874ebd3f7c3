//! Needs (*kebutuhan*) as anyone may browse them, and the registry's places for filters.

use crate::domain::search::NeedQuery;
use crate::wire::error::AppError;
use crate::wire::needs::{NeedDetail, NeedResults};
use crate::wire::regions::RegencyOption;
use leptos::prelude::*;

/// A need by id: published ones for everybody, others for their village and its staff.
#[server(endpoint = "need")]
pub async fn get_need(need_id: i64) -> Result<NeedDetail, AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::needs;
    use crate::ssr::{auth, posting, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let found = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = found
        .filter(|n| crate::domain::access::may_see(caller.as_ref(), &n.facts()))
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let state_of = posting::state_for(caller.as_ref(), &need.posting());
    let pending_revision = match state_of.insider {
        true => needs::pending_revision(&state.pool, need_id).await.or_internal()?,
        false => None,
    };
    Ok(NeedDetail {
        need_id: need.need_id,
        content: need.content,
        village_code: need.village_code,
        village_name: need.village_name,
        district_name: need.district_name,
        regency_code: need.regency_code,
        regency_name: need.regency_name,
        created_at: need.created_at,
        published_at: need.published_at,
        state: state_of,
        pending_revision,
    })
}

/// Published needs matching the query, a page at a time. Public.
#[server(endpoint = "needs")]
pub async fn search_needs(query: NeedQuery) -> Result<NeedResults, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::need_search;
    use crate::ssr::AppState;

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
    use crate::ssr::errors::OrInternal;
    use crate::ssr::AppState;

    let state = AppState::current()?;
    crate::ssr::repo::regions::regencies(&state.pool).await.or_internal()
}

/// The districts of a regency (empty for an unknown code). Public.
#[server(endpoint = "districts")]
pub async fn list_districts(regency: String) -> Result<Vec<RegencyOption>, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::AppState;

    if regency.is_empty() || regency.len() > 5 {
        return Ok(Vec::new());
    }
    let state = AppState::current()?;
    crate::ssr::repo::regions::districts(&state.pool, &regency).await.or_internal()
}
