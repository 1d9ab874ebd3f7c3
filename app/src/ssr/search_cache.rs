//! Recent results of the public need search, kept while what they were computed from is
//! unchanged.
//!
//! A result depends on the needs, on the village profiles (the village-status filter) and
//! on the date ("still open"); the registry's names do not change while the server runs.
//! Every write to `need` and `village_profile` sets its `updated_at`, so the greatest of
//! each (indexed lookups) and today's date make the [`stamp`] of the data; a different
//! stamp empties the cache. This holds across several server instances on one database.
//! The rendered-page cache of the server uses the same stamp. With capacity 0 nothing is
//! kept (`SEARCH_CACHE_SIZE=0`, e.g. to measure the queries themselves).

use crate::wire::needs::NeedCard;

/// The stamp of everything a public need search or a visitor's need page is made of.
pub async fn stamp(pool: &sqlx::AnyPool) -> Result<String, sqlx::Error> {
    let (needs, profiles): (Option<String>, Option<String>) =
        sqlx::query_as("select (select max(updated_at) from need), (select max(updated_at) from village_profile)")
            .fetch_one(pool)
            .await?;
    Ok(format!("{}|{}|{}", needs.unwrap_or_default(), profiles.unwrap_or_default(), super::db::today()))
}

/// A page of results and the total.
pub type Page = (Vec<NeedCard>, i64);

/// Pages of need-search results by their query.
pub type SearchCache = super::stamped_cache::StampedCache<Page>;
