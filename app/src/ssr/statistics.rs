//! The statistics of the programme for one view: checked filters, the public aggregates,
//! and for staff the moderation figures of their jurisdiction. Figures are aggregates only
//! (counts, sums, medians, the names of partners that are public anyway): nothing private.
//!
//! A view is kept (see [`StatisticsCache`]) until what it is computed from changes: every
//! write to needs, offers, matches, cooperations, organisations and village profiles sets
//! their `updated_at`, so the greatest of each (indexed) and today's date make its stamp.

use super::errors::OrInternal;
use super::locale::validation_error;
use super::repo::postings::Guard;
use super::repo::statistics;
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::statistics::StatisticsQuery;
use crate::wire::error::AppError;
use crate::wire::stats::Statistics;

/// Views of `/statistik` by their filters and the moderation figures they include.
pub type StatisticsCache = super::stamped_cache::StampedCache<Statistics>;

/// The stamp of everything the figures are made of.
async fn stamp(pool: &sqlx::AnyPool) -> Result<String, sqlx::Error> {
    let tables = ["need", "offer", "need_match", "agreement", "organisation", "village_profile"];
    let latest: Vec<String> =
        tables.iter().map(|table| format!("coalesce((select max(updated_at) from {table}), '')")).collect();
    let data: String = sqlx::query_scalar(&format!("select {}", latest.join(" || '|' || "))).fetch_one(pool).await?;
    Ok(format!("{data}|{}", super::db::today()))
}

/// The figures of a view. Staff also get the moderation backlog of their jurisdiction
/// (a regency's staff their regency's, province staff the province's).
pub async fn figures(
    state: &AppState,
    caller: Option<&CurrentUser>,
    query: &StatisticsQuery,
) -> Result<Statistics, AppError> {
    let valid = query.validate().map_err(validation_error)?;
    let jurisdiction = caller.and_then(Guard::for_staff);
    let moderation_of = jurisdiction.as_ref().map(|guard| match guard {
        Guard::Regency(code) => Some(code.as_str()),
        _ => None,
    });
    public_or_staff(state, &valid, moderation_of).await.or_internal()
}

/// The figures of a checked view, from the cache when the data has not changed since.
pub async fn public_or_staff(
    state: &AppState,
    query: &crate::domain::statistics::ValidStatisticsQuery,
    moderation_of: Option<Option<&str>>,
) -> Result<Statistics, sqlx::Error> {
    let cache = &state.statistics_cache;
    if !cache.is_enabled() {
        return statistics::statistics(&state.pool, query, moderation_of).await;
    }
    let stamp = stamp(&state.pool).await?;
    // The map's figure changes only what is shaded, not what is counted.
    let counted = crate::domain::statistics::ValidStatisticsQuery {
        map_figure: crate::domain::statistics::MapFigure::OpenNeeds,
        ..query.clone()
    };
    let key = format!("{counted:?}|{moderation_of:?}");
    if let Some(kept) = cache.get(&stamp, &key) {
        return Ok(kept);
    }
    let figures = statistics::statistics(&state.pool, query, moderation_of).await?;
    cache.put(&stamp, key, figures.clone());
    Ok(figures)
}
