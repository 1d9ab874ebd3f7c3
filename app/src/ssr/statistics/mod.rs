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
    /// the refreshes of those before it (seconds, measured with bench/mixed.sh). The
    /// second value says whether the figures are those of `latest` (only those are kept).
    async fn figures(
        &self,
        pool: &AnyPool,
        latest: repo::Latest,
        query: &ValidStatisticsQuery,
        moderation_of: Option<Option<&str>>,
    ) -> Result<(Statistics, bool), sqlx::Error> {
        let today = super::db::today();
        {
            let facts = self.facts.read().await;
            if facts.is_at(&latest) {
                return Ok((counted(&facts, query, moderation_of, &today), true));
            }
        }
        let _refreshing = match self.refreshing.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                let facts = self.facts.read().await;
                if facts.is_read() {
                    return Ok((counted(&facts, query, moderation_of, &today), facts.is_at(&latest)));
                }
                drop(facts);
                // Never read yet (the start): nothing to count from but what is being read.
                self.refreshing.lock().await
            }
        };
        self.bring_up_to(pool, latest.clone()).await?;
        let facts = self.facts.read().await;
        Ok((counted(&facts, query, moderation_of, &today), facts.is_at(&latest)))
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

/// The figures of a view counted from the facts, timed for the debug log.
fn counted(
    facts: &facts::Facts,
    query: &ValidStatisticsQuery,
    moderation_of: Option<Option<&str>>,
    today: &str,
) -> Statistics {
    let started = std::time::Instant::now();
    let figures = figures::statistics(facts, query, moderation_of, today);
    tracing::debug!(millis = started.elapsed().as_secs_f64() * 1000.0, "statistics counted");
    figures
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
    let cache = &state.statistics_cache;
    let stamp = format!("{}|{}", latest.key(), super::db::today());
    // The map's figure changes only what is shaded, not what is counted.
    let counted = ValidStatisticsQuery { map_figure: MapFigure::OpenNeeds, ..query.clone() };
    let key = format!("{counted:?}|{moderation_of:?}");
    if let Some(kept) = cache.get(&stamp, &key) {
        return Ok(kept);
    }
    let (figures, current) = state.statistics_facts.figures(&state.pool, latest, query, moderation_of).await?;
    if current {
        cache.put(&stamp, key, figures.clone());
    }
    Ok(figures)
}
