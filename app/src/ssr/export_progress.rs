//! How far the exports being prepared have got, so that the page that asked for one can
//! say so (`GET /ekspor/kemajuan/{token}`): the page names each download with a token of
//! its own (`?kemajuan=…`), and the export counts its rows against it. Kept per process
//! and per user (nobody reads another's), for [`KEEP`] at most; a page whose poll reaches
//! another instance behind a load balancer finds nothing and says only that the file is
//! being prepared.

use crate::domain::export::ExportProgress;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a finished or abandoned export's progress is kept.
pub const KEEP: Duration = Duration::from_secs(15 * 60);
/// At most this many exports are followed at once; the oldest make room.
const MOST: usize = 256;

#[derive(Default)]
pub struct ExportProgressBoard {
    entries: Mutex<HashMap<(i64, String), (Instant, ExportProgress)>>,
}

/// Counts one export's rows; the export is complete when it is dropped, unless it
/// [failed](Tracker::failed).
pub struct Tracker {
    board: Arc<ExportProgressBoard>,
    key: (i64, String),
}

impl ExportProgressBoard {
    /// Starts following an export of `total` rows for `user` under `token`.
    pub fn start(self: &Arc<Self>, user: i64, token: &str, total: u64) -> Tracker {
        let key = (user, token.to_owned());
        if let Ok(mut entries) = self.entries.lock() {
            let now = Instant::now();
            entries.retain(|_, (at, _)| now.duration_since(*at) < KEEP);
            if entries.len() >= MOST {
                if let Some(oldest) = entries.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                    entries.remove(&oldest);
                }
            }
            entries.insert(key.clone(), (now, ExportProgress { rows: 0, total, ..ExportProgress::default() }));
        }
        Tracker { board: Arc::clone(self), key }
    }

    pub fn get(&self, user: i64, token: &str) -> Option<ExportProgress> {
        let entries = self.entries.lock().ok()?;
        entries.get(&(user, token.to_owned())).map(|(_, progress)| *progress)
    }

    fn update(&self, key: &(i64, String), change: impl FnOnce(&mut ExportProgress)) {
        if let Ok(mut entries) = self.entries.lock() {
            if let Some((_, progress)) = entries.get_mut(key) {
                change(progress);
            }
        }
    }
}

impl Tracker {
    /// How often rows are counted on the board (the lock is not taken for every row).
    pub const EVERY: u64 = 1_000;

    pub fn rows(&self, rows: u64) {
        self.board.update(&self.key, |progress| progress.rows = rows);
    }

    /// The export could not be written: the page says so.
    pub fn failed(self) {
        self.board.update(&self.key, |progress| progress.failed = true);
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        self.board.update(&self.key, |progress| {
            if !progress.failed {
                progress.rows = progress.rows.max(progress.total);
                progress.done = true;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_user_reads_only_their_own_exports() {
        let board = Arc::new(ExportProgressBoard::default());
        let tracker = board.start(1, "token-of-user-one", 5_000);
        tracker.rows(2_000);
        let running = ExportProgress { rows: 2_000, total: 5_000, done: false, failed: false };
        assert_eq!(board.get(1, "token-of-user-one"), Some(running));
        assert_eq!(board.get(2, "token-of-user-one"), None, "another user");
        drop(tracker);
        assert_eq!(board.get(1, "token-of-user-one"), Some(ExportProgress { rows: 5_000, done: true, ..running }));
        board.start(1, "token-that-failed-here", 5_000).failed();
        assert!(board.get(1, "token-that-failed-here").is_some_and(|p| p.failed && !p.done));
    }

    #[test]
    fn the_board_never_grows_past_its_size() {
        let board = Arc::new(ExportProgressBoard::default());
        let trackers: Vec<Tracker> = (0..MOST + 10).map(|i| board.start(1, &format!("token-{i:012}"), 1)).collect();
        assert_eq!(board.entries.lock().unwrap().len(), MOST);
        drop(trackers);
    }
}
