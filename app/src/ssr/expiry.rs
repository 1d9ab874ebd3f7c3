//! Needs and offers whose time window is over expire (PRODUCT.md lifecycle): each one goes
//! through the posting workflow as the system's action — `expired`, an audit entry with no
//! actor, its owners notified — one transaction per batch.

use super::db::today;
use super::posting;
use super::repo::postings::{self, Guard};
use super::AppState;
use crate::domain::lifecycle::PostingAction;
use crate::domain::posting::PostingKind;

/// How many postings of a kind one run expires at most (the next run takes the rest).
const BATCH: i64 = 1000;

/// Expires what is due today (WITA); returns how many needs and offers it expired. The
/// owners' open pages hear of it once the batch is committed.
pub async fn expire_due(state: &AppState) -> Result<(usize, usize), sqlx::Error> {
    let today = today();
    let mut expired = [0usize; 2];
    for (n, kind) in PostingKind::ALL.into_iter().enumerate() {
        let due = postings::due_for_expiry(&state.pool, kind, &today, BATCH).await?;
        if due.is_empty() {
            continue;
        }
        let mut tx = state.write().await?;
        for posting in &due {
            if posting::apply(&mut tx, None, posting, PostingAction::Expire, None, &Guard::Anywhere).await?.is_some() {
                expired[n] += 1;
            }
        }
        tx.commit().await?;
    }
    let [needs, offers] = expired;
    if needs + offers > 0 {
        tracing::info!(needs, offers, "expired postings past their window");
    }
    Ok((needs, offers))
}
