//! Recent answers kept while what they were computed from is unchanged: a map from a key
//! (the view asked for) to its answer, valid for one stamp of the data. A different stamp
//! empties it; so does reaching its capacity (it starts afresh rather than tracking use).
//! With capacity 0 nothing is kept. The stamps are read from the database, so this holds
//! across several server instances on one database.

use std::collections::HashMap;
use std::sync::Mutex;

pub struct StampedCache<V> {
    capacity: usize,
    state: Mutex<State<V>>,
}

struct State<V> {
    stamp: String,
    entries: HashMap<String, V>,
}

impl<V: Clone> StampedCache<V> {
    pub fn new(capacity: usize) -> Self {
        StampedCache { capacity, state: Mutex::new(State { stamp: String::new(), entries: HashMap::new() }) }
    }

    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    pub fn get(&self, stamp: &str, key: &str) -> Option<V> {
        let state = self.state.lock().ok()?;
        if state.stamp == stamp {
            state.entries.get(key).cloned()
        } else {
            None
        }
    }

    pub fn put(&self, stamp: &str, key: String, value: V) {
        if !self.is_enabled() {
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            if state.stamp != stamp || state.entries.len() >= self.capacity {
                state.entries.clear();
                state.stamp = stamp.to_owned();
            }
            state.entries.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_last_until_the_stamp_changes() {
        let cache = StampedCache::new(2);
        assert_eq!(cache.get("t1", "a"), None);
        cache.put("t1", "a".into(), 1);
        assert_eq!(cache.get("t1", "a"), Some(1));
        assert_eq!(cache.get("t2", "a"), None, "the data changed");
        cache.put("t2", "b".into(), 2);
        assert_eq!(cache.get("t2", "a"), None, "older answers were dropped");
        cache.put("t2", "c".into(), 3);
        cache.put("t2", "d".into(), 4);
        assert_eq!(cache.get("t2", "d"), Some(4));
        assert_eq!(cache.get("t2", "b"), None, "full: started afresh");
    }

    #[test]
    fn capacity_zero_keeps_nothing() {
        let cache = StampedCache::new(0);
        cache.put("t", "a".into(), 1);
        assert_eq!(cache.get("t", "a"), None);
    }
}
