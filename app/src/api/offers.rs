//! Published offers (*penawaran*) of verified partners, and the partner directory, as anyone
//! may read them. Public fields only: never a contact person, phone or e-mail.

use crate::domain::search::OfferQuery;
use crate::wire::error::AppError;
use crate::wire::offers::{OfferCard, OfferResults};
use crate::wire::partners::{PartnerCard, PartnerResults};
use leptos::prelude::*;

/// Published offers matching the query, a page at a time. Public.
#[server(endpoint = "offers")]
pub async fn search_offers(query: OfferQuery) -> Result<OfferResults, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::offer_search;
    use crate::ssr::AppState;

    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (items, total) = offer_search::search_published(&state.pool, state.backend, &query).await.or_internal()?;
    Ok(OfferResults { items, total, page: query.page, pages: crate::domain::search::page_count(total) })
}

/// Verified partners by name, a page at a time (`halaman`, 1-based). Public.
#[server(endpoint = "partners")]
pub async fn list_partners(#[server(default)] halaman: String) -> Result<PartnerResults, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::partners;
    use crate::ssr::AppState;

    let page = crate::domain::search::page_number(&halaman).map_err(validation_error)?;
    let state = AppState::current()?;
    let (items, total) = partners::verified(&state.pool, page).await.or_internal()?;
    Ok(PartnerResults { items, total, page, pages: crate::domain::search::page_count(total) })
}

/// One verified partner with its published offers. Public.
#[server(endpoint = "partner")]
pub async fn get_partner(organisation_id: i64) -> Result<(PartnerCard, Vec<OfferCard>), AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{offer_search, partners};
    use crate::ssr::AppState;

    let state = AppState::current()?;
    let partner = partners::one(&state.pool, organisation_id).await.or_internal()?;
    let partner = partner.ok_or_else(|| with_status(AppError::NotFound))?;
    let offers = offer_search::of_organisation(&state.pool, organisation_id).await.or_internal()?;
    Ok((partner, offers))
}
