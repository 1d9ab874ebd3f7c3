//! What waits for a staff member: every queue of their jurisdiction, a page at a time,
//! and how many items wait in all (counted, never the length of a page).

use super::repo::postings::{Guard, Queue as PostingQueue};
use super::repo::{matches, organisations};
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::posting::PostingKind;
use crate::wire::moderation::{ModerationQueues, Queue, QueuePages};
use crate::wire::page::Page;

fn posting_queue(queue: Queue, guard: &Guard) -> Option<PostingQueue> {
    Some(match queue {
        Queue::Needs => PostingQueue::submitted(PostingKind::Need, guard),
        Queue::Offers => PostingQueue::submitted(PostingKind::Offer, guard),
        Queue::NeedRevisions => PostingQueue::revisions(PostingKind::Need, guard),
        Queue::OfferRevisions => PostingQueue::revisions(PostingKind::Offer, guard),
        Queue::Matches | Queue::Organisations | Queue::IdentityChanges => return None,
    })
}

/// The queues of a staff member (`guard` is their jurisdiction); organisations are the
/// province's alone.
pub async fn queues(
    state: &AppState,
    user: &CurrentUser,
    guard: &Guard,
    pages: QueuePages,
) -> Result<ModerationQueues, sqlx::Error> {
    let pool = &state.pool;
    let postings = |queue: Queue| async move {
        match posting_queue(queue, guard) {
            Some(q) => q.page(pool, pages.page(queue)).await,
            None => Ok(Page::empty()),
        }
    };
    let province = user.role.is_province_staff();
    Ok(ModerationQueues {
        needs: postings(Queue::Needs).await?,
        need_revisions: postings(Queue::NeedRevisions).await?,
        offers: postings(Queue::Offers).await?,
        offer_revisions: postings(Queue::OfferRevisions).await?,
        matches: matches::pending_queue(pool, guard, pages.page(Queue::Matches)).await?,
        organisations: match province {
            true => organisations::pending_queue(pool, pages.page(Queue::Organisations)).await?,
            false => Page::empty(),
        },
        identity_changes: match province {
            true => organisations::identity_queue(pool, pages.page(Queue::IdentityChanges)).await?,
            false => Page::empty(),
        },
        groups: matches::waiting_groups(pool, guard).await?,
    })
}

/// How many items wait in all of a staff member's queues.
pub async fn count(state: &AppState, user: &CurrentUser, guard: &Guard) -> Result<i64, sqlx::Error> {
    let pool = &state.pool;
    let mut total = matches::pending_count(pool, guard).await?;
    for queue in [Queue::Needs, Queue::NeedRevisions, Queue::Offers, Queue::OfferRevisions] {
        if let Some(q) = posting_queue(queue, guard) {
            total += q.count(pool).await?;
        }
    }
    if user.role.is_province_staff() {
        total += organisations::pending_count(pool).await?;
    }
    Ok(total)
}
