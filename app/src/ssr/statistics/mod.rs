//! The statistics of the programme for one view: checked filters, the public aggregates,
//! and for staff the moderation figures of their jurisdiction. Figures are aggregates only
//! (counts, sums, medians, the names of partners that are public anyway): nothing private.
//!
//! Figures are counted in memory from [`facts::Facts`], which a request first brings up to
//! the data's stamp (see `facts` for how); while one does, the others count from the facts
//! as they are, without waiting ([`FactStore`]). A finished view is also kept (see
//! [`StatisticsCache`]) until that stamp or the date changes.

pub mod facts;
mod figures;

use super::errors::OrInternal;
use super::locale::validation_error;
use super::repo::postings::Guard;
use super::repo::statistics as repo;
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::statistics::{MapFigure, StatisticsQuery, ValidStatisticsQuery};
use crate::wire::error::AppError;
use crate::wire::stats::Statistics;
use sqlx::AnyPool;
use tokio::sync::{Mutex, RwLock};

/// Views of `/statistik` by their filters and the moderation figures they include.
pub type StatisticsCache = super::stamped_cache::StampedCache<Statistics>;

/// The facts of this process, shared by all requests, and the right to refresh them (one
/// refresh at a time).
#[derive(Default)]
pub struct FactStore {
    facts: RwLock<facts::Facts>,
    refreshing: Mutex<()>,
}

impl FactStore {
    /// The figures of a view as of `latest`, bringing the facts up to it first — unless
    /// another request is doing so already: then the view is counted from the facts as
    /// they are (at most one refresh behind) rather than waiting in line behind it. Under a
    /// steady stream of writes every request found the data changed, and each waited for
    /// the refreshes of those before it (seconds, measured with bench/mixed.sh). Finished
    /// views are kept in `cache` by the stamp of the facts they were counted from.
    async fn figures(
        &self,
        pool: &AnyPool,
        latest: repo::Latest,
        view: View<'_>,
        cache: &StatisticsCache,
    ) -> Result<Statistics, sqlx::Error> {
        {
            let facts = self.facts.read().await;
            if facts.is_at(&latest) {
                return Ok(view.counted(&facts, cache));
            }
        }
        let _refreshing = match self.refreshing.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                let facts = self.facts.read().await;
                if facts.is_read() {
                    return Ok(view.counted(&facts, cache));
                }
                drop(facts);
                // Never read yet (the start): nothing to count from but what is being read.
                self.refreshing.lock().await
            }
        };
        self.bring_up_to(pool, latest).await?;
        Ok(view.counted(&*self.facts.read().await, cache))
    }

    /// Reads the changes up to `latest` while requests go on counting, then replaces them
    /// (the only moment requests wait). Call holding `refreshing`.
    async fn bring_up_to(&self, pool: &AnyPool, latest: repo::Latest) -> Result<(), sqlx::Error> {
        let changes = {
            let facts = self.facts.read().await;
            if facts.is_at(&latest) {
                return Ok(());
            }
            facts.changes(pool, latest).await?
        };
        self.facts.write().await.apply(changes);
        Ok(())
    }

    /// Reads the facts once, so that the first visitor does not wait for it (at start-up).
    pub async fn warm_up(&self, pool: &AnyPool) -> Result<(), sqlx::Error> {
        let latest = repo::latest(pool).await?;
        let _refreshing = self.refreshing.lock().await;
        self.bring_up_to(pool, latest).await
    }
}

/// A checked view of `/statistik`, and for staff the regency whose moderation figures
/// they see (`Some(None)`: the province's).
struct View<'a> {
    query: &'a ValidStatisticsQuery,
    moderation_of: Option<Option<&'a str>>,
}

impl View<'_> {
    /// The view's figures counted from `facts` (timed for the debug log), or as kept.
    fn counted(&self, facts: &facts::Facts, cache: &StatisticsCache) -> Statistics {
        let today = super::db::today();
        let stamp = format!("{}|{today}", facts.stamp_key());
        // The map's figure changes only what is shaded, not what is counted.
        let counted = ValidStatisticsQuery { map_figure: MapFigure::OpenNeeds, ..self.query.clone() };
        let key = format!("{counted:?}|{:?}", self.moderation_of);
        if let Some(kept) = cache.get(&stamp, &key) {
            return kept;
        }
        let started = std::time::Instant::now();
        let figures = figures::statistics(facts, self.query, self.moderation_of, &today);
        tracing::debug!(millis = started.elapsed().as_secs_f64() * 1000.0, "statistics counted");
        cache.put(&stamp, key, figures.clone());
        figures
    }
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
    query: &ValidStatisticsQuery,
    moderation_of: Option<Option<&str>>,
) -> Result<Statistics, sqlx::Error> {
    let latest = repo::latest(&state.pool).await?;
    let view = View { query, moderation_of };
    state.statistics_facts.figures(&state.pool, latest, view, &state.statistics_cache).await
}
