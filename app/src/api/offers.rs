//! Published offers (*penawaran*) of verified partners, and the partner directory, as anyone
//! may read them. Public fields only: never a contact person, phone or e-mail.

use crate::domain::search::OfferQuery;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One published offer, as lists and the offer page show it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCard {
    pub offer_id: i64,
    pub title: String,
    pub description: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub support_type: String,
    pub resource_kind: Option<String>,
    pub sectors: Vec<String>,
    /// Whole province, or the regencies it serves (by name).
    pub serves_province: bool,
    pub regencies: Vec<String>,
    /// How many villages it can serve.
    pub capacity: i64,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
    pub preferred_status: Option<String>,
    pub published_at: String,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferResults {
    pub items: Vec<OfferCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// A verified partner organisation, as the directory shows it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerCard {
    pub organisation_id: i64,
    pub name: String,
    pub kind: String,
    pub description: Option<String>,
    pub website: Option<String>,
    pub serves_province: bool,
    pub regencies: Vec<String>,
    /// Sectors of interest and of its published offers.
    pub sectors: Vec<String>,
    pub published_offers: i64,
}

/// Published offers matching the query, a page at a time. Public.
#[server(endpoint = "offers")]
pub async fn search_offers(query: OfferQuery) -> Result<OfferResults, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::locale::validation_error;
    use crate::server::repo::offer_search;
    use crate::server::AppState;

    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (items, total) = offer_search::search_published(&state.pool, state.backend, &query).await.or_internal()?;
    Ok(OfferResults { items, total, page: query.page, pages: crate::domain::search::page_count(total) })
}

/// One published offer of a verified partner. Public.
#[server(endpoint = "offer")]
pub async fn get_offer(offer_id: i64) -> Result<OfferCard, AppError> {
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::offer_search;
    use crate::server::AppState;

    let state = AppState::current()?;
    offer_search::published(&state.pool, offer_id).await.or_internal()?.ok_or_else(|| with_status(AppError::NotFound))
}

/// Verified partners, by name. Public.
#[server(endpoint = "partners")]
pub async fn list_partners() -> Result<Vec<PartnerCard>, AppError> {
    use crate::server::errors::OrInternal;
    use crate::server::repo::partners;
    use crate::server::AppState;

    let state = AppState::current()?;
    partners::verified(&state.pool, None).await.or_internal()
}

/// One verified partner with its published offers. Public.
#[server(endpoint = "partner")]
pub async fn get_partner(organisation_id: i64) -> Result<(PartnerCard, Vec<OfferCard>), AppError> {
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{offer_search, partners};
    use crate::server::AppState;

    let state = AppState::current()?;
    let found = partners::verified(&state.pool, Some(organisation_id)).await.or_internal()?.pop();
    let partner = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let offers = offer_search::of_organisation(&state.pool, organisation_id).await.or_internal()?;
    Ok((partner, offers))
}
