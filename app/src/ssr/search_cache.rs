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
use std::collections::HashMap;
use std::sync::Mutex;

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

#[derive(Default)]
pub struct SearchCache {
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    stamp: String,
    pages: HashMap<String, Page>,
}

impl SearchCache {
    pub fn new(capacity: usize) -> Self {
        SearchCache { capacity, state: Mutex::default() }
    }

    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    pub fn get(&self, stamp: &str, key: &str) -> Option<Page> {
        let state = self.state.lock().ok()?;
        if state.stamp == stamp {
            state.pages.get(key).cloned()
        } else {
            None
        }
    }

    pub fn put(&self, stamp: &str, key: String, page: Page) {
        if !self.is_enabled() {
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            if state.stamp != stamp || state.pages.len() >= self.capacity {
                state.pages.clear();
                state.stamp = stamp.to_owned();
            }
            state.pages.insert(key, page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: i64) -> Page {
        (Vec::new(), total)
    }

    #[test]
    fn results_last_until_the_stamp_changes() {
        let cache = SearchCache::new(2);
        assert_eq!(cache.get("t1", "a"), None);
        cache.put("t1", "a".into(), page(1));
        assert_eq!(cache.get("t1", "a"), Some(page(1)));
        assert_eq!(cache.get("t2", "a"), None, "the needs changed");
        cache.put("t2", "b".into(), page(2));
        assert_eq!(cache.get("t2", "a"), None, "older results were dropped");
        cache.put("t2", "c".into(), page(3));
        cache.put("t2", "d".into(), page(4));
        assert_eq!(cache.get("t2", "d"), Some(page(4)));
        assert_eq!(cache.get("t2", "b"), None, "full: started afresh");
    }

    #[test]
    fn capacity_zero_keeps_nothing() {
        let cache = SearchCache::new(0);
        cache.put("t", "a".into(), page(1));
        assert_eq!(cache.get("t", "a"), None);
    }
}
