//! Clustered opportunities: the clusters of a `/peluang` view and of a partner's offers, a
//! cluster's page, and a partner's interest in all or part of a cluster in one action.
//! Staff introduce a group's matches together (`matches::introduce_group`).

use crate::domain::search::NeedQuery;
use crate::wire::clusters::{ClusterCard, ClusterDetail};
use crate::wire::error::AppError;
use leptos::prelude::*;

/// The clusters of a view of `/peluang` (its regency, district, sector, support type), on
/// its first page and when no words are searched. Public.
#[server(endpoint = "opportunity_clusters")]
pub async fn opportunity_clusters(query: NeedQuery) -> Result<Vec<ClusterCard>, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::{clusters, AppState};

    let query = query.validate().map_err(validation_error)?;
    if !query.terms.is_empty() || query.page > 1 || query.include_closed {
        return Ok(Vec::new());
    }
    let state = AppState::current()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    Ok(clusters::for_view(&index, &query))
}

/// A cluster's needs. Public; a verified partner also gets what its interest may name.
#[server(endpoint = "opportunity_cluster")]
pub async fn opportunity_cluster(seed: i64) -> Result<ClusterDetail, AppError> {
    use crate::ssr::{auth, clusters, AppState};

    let caller = auth::caller().await?;
    let state = AppState::current()?;
    clusters::detail(&state, caller.as_ref(), seed).await
}

/// A verified partner expresses interest in the ticked needs of a cluster (`needs[]`),
/// optionally naming one of its published offers: one match per need, grouped for staff.
#[server(endpoint = "express_cluster_interest")]
pub async fn express_cluster_interest(
    cluster: i64,
    #[server(default)] needs: Vec<String>,
    #[server(default)] offer_id: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::validation::{self as v, FieldError, Problem};
    use crate::ssr::locale::validation_error;
    use crate::ssr::{auth, clusters, outcome, AppState};
    use crate::wire::outcome::Outcome;

    let user = auth::require(Requirement::PartnerMember).await?;
    let chosen: Vec<i64> = match needs.iter().map(|id| id.trim().parse::<i64>()).collect::<Result<Vec<_>, _>>() {
        Ok(ids) if ids.len() <= 1_000 => ids,
        _ => return Err(validation_error(vec![FieldError::new("needs", Problem::InvalidChoice)])),
    };
    let message = v::optional(&message, |t| v::long_text(t, 2, 1000))
        .map_err(|problem| validation_error(vec![FieldError::new("message", problem)]))?;
    let offer_id = super::optional_id(&offer_id)?;
    let state = AppState::current()?;
    let done = clusters::express(&state, &user, cluster, &chosen, offer_id, message).await?;
    outcome::keep(Outcome::ClusterInterest(done)).await?;
    leptos_axum::redirect(&format!("/peluang/klaster/{cluster}"));
    Ok(())
}

/// The clusters a partner's published offers could take up (its dashboard).
#[server(endpoint = "my_clusters")]
pub async fn my_clusters() -> Result<Vec<ClusterCard>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::{auth, clusters, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Some(organisation) = clusters::verified_organisation(&user) else { return Ok(Vec::new()) };
    let state = AppState::current()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    Ok(clusters::for_partner(&index, organisation))
}
