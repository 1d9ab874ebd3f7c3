//! The workflows of a posting, need or offer alike. One status change serves owner actions
//! (submit, withdraw), moderation decisions, bulk approval and expiry:
//!
//! access check → transition (the update repeats the expected status and the owner or the
//! jurisdiction in its `where`) → audit → notify → live events after the commit.
//!
//! Saving (a draft, an edit in place, a revision of a published posting) and deciding a
//! revision follow the same order.

use super::errors::{with_status, OrInternal};
use super::live::Event;
use super::repo::postings::{self, Guard, OwnerKey, Posting};
use super::repo::{audit, needs, offers};
use super::write::WriteTx;
use super::AppState;
use crate::domain::access::{self, Moderators};
use crate::domain::account::CurrentUser;
use crate::domain::lifecycle::{Decision, PostingAction, PostingStatus, RevisionStatus};
use crate::domain::need::ValidNeed;
use crate::domain::offer::ValidOffer;
use crate::domain::posting::PostingKind;
use crate::wire::error::AppError;
use crate::wire::postings::PostingState;

/// A posting the caller may see, or `NotFound` (which hides whether it exists).
pub async fn visible(
    state: &AppState,
    caller: Option<&CurrentUser>,
    kind: PostingKind,
    id: i64,
) -> Result<Posting, AppError> {
    let found = postings::find(&state.pool, kind, id).await.or_internal()?;
    found.filter(|p| access::may_see(caller, &p.facts)).ok_or_else(|| with_status(AppError::NotFound))
}

/// What the caller may know of a posting's state and do with it.
pub fn state_for(caller: Option<&CurrentUser>, posting: &Posting) -> PostingState {
    let facts = &posting.facts;
    let insider = access::is_insider(caller, facts);
    let can_edit = access::may_edit(caller, facts);
    let may = |action: PostingAction| access::may_take(caller, facts, action) && facts.status.apply(action).is_ok();
    PostingState {
        kind: posting.kind,
        posting_id: posting.id,
        status: facts.status,
        status_reason: if insider { posting.status_reason.clone() } else { None },
        insider,
        can_edit,
        can_submit: may(PostingAction::Submit),
        can_withdraw: may(PostingAction::Withdraw),
        can_moderate: access::may_moderate(caller, facts),
        closed_on: facts.status.is_closed().then(|| crate::ssr::db::local_date(&posting.timeline.updated_at)),
        question: super::staleness::open_question(caller, posting),
    }
}

/// The guard of an action taken by `user`: its owners' postings, or its moderator's
/// jurisdiction.
fn guard_for(user: &CurrentUser, posting: &Posting, action: PostingAction) -> Option<Guard> {
    match action {
        PostingAction::Submit | PostingAction::Withdraw | PostingAction::Fulfil => {
            OwnerKey::of_user(user, posting.kind).map(Guard::Owner)
        }
        _ => Guard::for_staff(user),
    }
}

/// A user changes a posting's status: checked, guarded, audited, notified, announced.
pub async fn change_status(
    state: &AppState,
    user: &CurrentUser,
    kind: PostingKind,
    id: i64,
    action: PostingAction,
    reason: Option<String>,
) -> Result<PostingStatus, AppError> {
    let posting = visible(state, Some(user), kind, id).await?;
    if !access::may_take(Some(user), &posting.facts, action) {
        return Err(with_status(AppError::Forbidden));
    }
    let guard = guard_for(user, &posting, action).ok_or_else(|| with_status(AppError::Forbidden))?;
    let mut tx = state.write().await.or_internal()?;
    let changed = apply(&mut tx, Some(user), &posting, action, reason.as_deref(), &guard).await.or_internal()?;
    let to = changed.ok_or_else(|| with_status(AppError::Conflict))?;
    tx.commit().await.or_internal()?;
    tracing::info!(kind = kind.table(), id, to = to.as_str(), "posting status changed");
    Ok(to)
}

/// The status change inside `tx`, for a posting whose access was checked (or for the
/// system, `actor` `None`). `None` when the lifecycle refuses the action or the posting
/// changed meanwhile (the guarded update touched nothing).
pub async fn apply(
    tx: &mut WriteTx,
    actor: Option<&CurrentUser>,
    posting: &Posting,
    action: PostingAction,
    reason: Option<&str>,
    guard: &Guard,
) -> Result<Option<PostingStatus>, sqlx::Error> {
    let from = posting.status();
    let Ok(to) = from.apply(action) else { return Ok(None) };
    let kind = posting.kind;
    if !postings::transition(tx, kind, posting.id, from, to, reason, guard).await? {
        return Ok(None);
    }
    let what = format!("{}.{}", kind.table(), to.as_str());
    let entry = audit::AuditEntry {
        actor_id: actor.map(|a| a.user_id),
        action: &what,
        entity_type: kind.table(),
        entity_id: posting.id.to_string(),
        before: Some(from.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.map(str::to_owned),
    };
    audit::record(tx, entry).await?;
    // Owners hear of what others did to their posting.
    let owner = OwnerKey::of(&posting.facts.owner);
    let by_owner = actor.is_some_and(|a| access::is_owner(a, &posting.facts.owner));
    if !by_owner {
        let owners = postings::owner_ids(tx, &owner).await?;
        notify(tx, &owners, &what, kind, posting.id, &posting.title, reason).await?;
    }
    // The moderators' queues change when a posting enters or leaves moderation.
    if from == PostingStatus::Submitted || to == PostingStatus::Submitted {
        tx.announce(Event::for_moderators(&posting.facts.owner.moderators(), "queue"));
    }
    Ok(Some(to))
}

pub(super) async fn notify(
    tx: &mut WriteTx,
    users: &[i64],
    what: &str,
    kind: PostingKind,
    id: i64,
    title: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    use super::repo::notifications::{notify, Notice};
    let payload = serde_json::json!({ "title": title, "reason": reason }).to_string();
    let notice = Notice { kind: what, entity_type: kind.table(), entity_id: id.to_string(), payload: Some(payload) };
    notify(tx, users, &notice).await
}

/// The checked content of a posting being saved.
#[derive(Clone, Copy)]
pub enum Content<'a> {
    Need(&'a ValidNeed),
    Offer(&'a ValidOffer),
}

impl Content<'_> {
    pub fn kind(self) -> PostingKind {
        match self {
            Content::Need(_) => PostingKind::Need,
            Content::Offer(_) => PostingKind::Offer,
        }
    }

    fn heading(&self) -> String {
        match self {
            Content::Need(need) => need.title.clone(),
            Content::Offer(offer) => offer.title.clone(),
        }
    }
}

/// Saves a posting: without `id` a new draft of the user's village or organisation; a
/// draft or returned posting is changed in place; a published one gets a revision that
/// waits for moderation while the published version stays visible. A new need written
/// offline carries its device's `client_id`: sent again, it answers with the need it
/// created and changes nothing. Returns its id.
pub async fn save(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    content: Content<'_>,
    client_id: Option<&str>,
) -> Result<i64, AppError> {
    let kind = content.kind();
    let owner = OwnerKey::of_user(user, kind).ok_or_else(|| with_status(AppError::Forbidden))?;
    let existing = match id {
        None => None,
        Some(id) => {
            let posting = visible(state, Some(user), kind, id).await?;
            if !access::may_edit(Some(user), &posting.facts) {
                return Err(with_status(AppError::Forbidden));
            }
            Some(posting)
        }
    };
    let mut tx = state.write().await.or_internal()?;
    let (id, what, entity_type, entity_id) = match existing {
        None => {
            let (id, created) = match (content, &owner) {
                (Content::Need(need), OwnerKey::Village(code)) => {
                    needs::insert_draft(&mut tx, code, user.user_id, need, client_id).await
                }
                (Content::Offer(offer), OwnerKey::Organisation(organisation)) => {
                    offers::insert_draft(&mut tx, *organisation, user.user_id, offer).await.map(|id| (id, true))
                }
                _ => return Err(with_status(AppError::Forbidden)),
            }
            .or_internal()?;
            if !created {
                return Ok(id); // a repeated send of an offline draft: nothing to write
            }
            (id, "created", kind.table(), id)
        }
        Some(posting) if posting.status() == PostingStatus::Published => {
            postings::withdraw_pending_revisions(&mut tx, kind, posting.id).await.or_internal()?;
            let revision = match content {
                Content::Need(need) => needs::insert_revision(&mut tx, posting.id, user.user_id, need).await,
                Content::Offer(offer) => offers::insert_revision(&mut tx, posting.id, user.user_id, offer).await,
            }
            .or_internal()?;
            // Staff must moderate both the posting as published and the change proposed.
            let moderators = match content {
                Content::Need(_) => posting.facts.owner.moderators(),
                Content::Offer(offer) => posting.facts.owner.moderators().and(Moderators::of_area(&offer.area)),
            };
            tx.announce(Event::for_moderators(&moderators, "queue"));
            (posting.id, "revision_proposed", kind.revision_table(), revision)
        }
        Some(posting) => {
            let guard = Guard::Owner(owner.clone());
            let updated = match content {
                Content::Need(need) => needs::update_draft(&mut tx, posting.id, need, &guard).await,
                Content::Offer(offer) => offers::update_draft(&mut tx, posting.id, offer, &guard).await,
            }
            .or_internal()?;
            if !updated {
                return Err(with_status(AppError::Conflict));
            }
            (posting.id, "edited", kind.table(), posting.id)
        }
    };
    let action = format!("{}.{what}", kind.table());
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &action,
        entity_type,
        entity_id: entity_id.to_string(),
        before: None,
        after: Some(content.heading()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    tracing::info!(kind = kind.table(), id, action, "posting saved");
    Ok(id)
}

/// Staff decide a pending revision: approved (its content replaces the published one),
/// returned to the owner for changes, or rejected. Only while the posting is published:
/// a revision of a withdrawn or expired posting cannot rewrite it.
pub async fn decide_revision(
    state: &AppState,
    user: &CurrentUser,
    kind: PostingKind,
    revision_id: i64,
    decision: Decision,
    reason: Option<String>,
) -> Result<(), AppError> {
    let posting_id = postings::revision_posting(&state.pool, kind, revision_id).await.or_internal()?;
    let posting_id = posting_id.ok_or_else(|| with_status(AppError::NotFound))?;
    let posting = visible(state, Some(user), kind, posting_id).await?;
    if !access::may_moderate(Some(user), &posting.facts) {
        return Err(with_status(AppError::Forbidden));
    }
    let mut tx = state.write().await.or_internal()?;
    let mut moderators = posting.facts.owner.moderators();
    if kind == PostingKind::Offer {
        let proposed = postings::proposed_area(&mut tx, revision_id).await.or_internal()?;
        moderators = moderators.and(Moderators::of_area(&proposed));
        if !moderators.include(user) {
            return Err(with_status(AppError::Forbidden));
        }
    }
    if posting.status() != PostingStatus::Published {
        return Err(with_status(AppError::Conflict));
    }
    let guard = Guard::for_staff(user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let outcome = decision.revision_outcome();
    let decided =
        postings::decide_revision(&mut tx, kind, revision_id, outcome, reason.as_deref(), user.user_id, &guard)
            .await
            .or_internal()?;
    if !decided {
        return Err(with_status(AppError::Conflict));
    }
    if outcome == RevisionStatus::Approved {
        let applied = match kind {
            PostingKind::Need => needs::apply_revision(&mut tx, revision_id, posting.id).await,
            PostingKind::Offer => offers::apply_revision(&mut tx, revision_id, posting.id).await,
        }
        .or_internal()?;
        if !applied {
            return Err(with_status(AppError::Conflict));
        }
    }
    let what = format!("{}.{}", kind.revision_table(), outcome.as_str());
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &what,
        entity_type: kind.revision_table(),
        entity_id: revision_id.to_string(),
        before: Some(RevisionStatus::Pending.as_str().to_owned()),
        after: Some(outcome.as_str().to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    let owners = postings::owner_ids(&mut tx, &OwnerKey::of(&posting.facts.owner)).await.or_internal()?;
    notify(&mut tx, &owners, &what, kind, posting.id, &posting.title, reason.as_deref()).await.or_internal()?;
    tx.announce(Event::for_moderators(&moderators, "queue"));
    tx.commit().await.or_internal()?;
    Ok(())
}
