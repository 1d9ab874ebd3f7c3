//! Postings that do not go stale (`domain::staleness`): the daily question to the owners of
//! published postings whose window ends soon or that saw no activity, their one-action
//! answers, and the staff's queue of the unanswered.

use super::db::{date_in_days, days_ago, today};
use super::errors::{with_status, OrInternal};
use super::live::Event;
use super::locale::validation_error;
use super::posting;
use super::repo::audit;
use super::repo::postings::{self, Guard, OwnerKey, Posting};
use super::AppState;
use crate::domain::access;
use crate::domain::account::CurrentUser;
use crate::domain::lifecycle::{PostingAction, PostingStatus};
use crate::domain::posting::PostingKind;
use crate::domain::staleness::{self, Answer, ASK_BEFORE_END_DAYS, INACTIVE_DAYS};
use crate::domain::validation::{day_number, FieldError};
use crate::wire::error::AppError;
use crate::wire::postings::{OpenQuestion, StaleLine};

/// How many postings of a kind one run asks about at most (the next run takes the rest).
const BATCH: i64 = 1000;
/// How many unanswered postings of a kind a staff queue lists.
const QUEUE_LIMIT: i64 = 200;

/// The open question of a published posting, for its owners: asked by the daily run, or
/// due already (the page asks before the run does).
pub fn open_question(caller: Option<&CurrentUser>, posting: &Posting) -> Option<OpenQuestion> {
    let owner = caller.is_some_and(|user| access::is_owner(user, &posting.facts.owner));
    if !owner || posting.status() != PostingStatus::Published {
        return None;
    }
    let t = &posting.timeline;
    let today = today();
    let due = || {
        staleness::question(t.window_end.as_deref(), &t.updated_at, t.stale_answered_at.as_deref(), &today).is_some()
    };
    let asked_at = match t.stale_prompted_at.as_deref() {
        Some(at) => at,
        None if due() => today.as_str(),
        None => return None,
    };
    let window_end = posting.timeline.window_end.clone();
    let tomorrow = date_in_days(1);
    let extend_from = match window_end.as_deref() {
        Some(end) if day_number(end) >= day_number(&tomorrow) => next_day(end).unwrap_or(tomorrow),
        _ => tomorrow,
    };
    Some(OpenQuestion { asked_on: crate::ssr::db::local_date(asked_at), window_end, extend_from })
}

fn next_day(date: &str) -> Option<String> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month = time::Month::try_from(date.get(5..7)?.parse::<u8>().ok()?).ok()?;
    let next = time::Date::from_calendar_date(year, month, date.get(8..10)?.parse().ok()?).ok()?.next_day()?;
    Some(format!("{:04}-{:02}-{:02}", next.year(), u8::from(next.month()), next.day()))
}

/// Asks the owners of what is due today; returns how many needs and offers were asked.
/// Each question is a notification, an audit entry without actor, and a mark on the
/// posting (so it is asked once, until answered).
pub async fn ask_due(state: &AppState) -> Result<(usize, usize), sqlx::Error> {
    let today = today();
    let (soon, quiet_since) = (date_in_days(ASK_BEFORE_END_DAYS), days_ago(INACTIVE_DAYS));
    let mut asked = [0usize; 2];
    for (n, kind) in PostingKind::ALL.into_iter().enumerate() {
        let candidates = postings::stale_candidates(&state.pool, kind, &soon, &quiet_since, BATCH).await?;
        let due: Vec<_> = candidates
            .into_iter()
            .filter(|p| {
                let t = &p.timeline;
                staleness::question(t.window_end.as_deref(), &t.updated_at, t.stale_answered_at.as_deref(), &today)
                    .is_some()
            })
            .collect();
        if due.is_empty() {
            continue;
        }
        let mut tx = state.write().await?;
        for posting in &due {
            if !postings::mark_asked(&mut tx, kind, posting.id).await? {
                continue;
            }
            let what = format!("{}.stale_question", kind.table());
            let entry = audit::AuditEntry {
                actor_id: None,
                action: &what,
                entity_type: kind.table(),
                entity_id: posting.id.to_string(),
                before: None,
                after: posting.timeline.window_end.clone(),
                reason: None,
            };
            audit::record(&mut tx, entry).await?;
            let owners = postings::owner_ids(&mut tx, &OwnerKey::of(&posting.facts.owner)).await?;
            posting::notify(&mut tx, &owners, &what, kind, posting.id, &posting.title, None).await?;
            tx.announce(Event::for_moderators(&posting.facts.owner.moderators(), "queue"));
            asked[n] += 1;
        }
        tx.commit().await?;
    }
    let [needs, offers] = asked;
    if needs + offers > 0 {
        tracing::info!(needs, offers, "asked owners whether postings are still current");
    }
    Ok((needs, offers))
}

/// An owner answers the question (or says so unasked): still current, until a later date,
/// fulfilled, or withdrawn. Only for a published posting of the owner's. Returns its status.
pub async fn answer(
    state: &AppState,
    user: &CurrentUser,
    kind: PostingKind,
    id: i64,
    answer: &str,
    window_end: &str,
) -> Result<PostingStatus, AppError> {
    let posting = posting::visible(state, Some(user), kind, id).await?;
    if !access::is_owner(user, &posting.facts.owner) {
        return Err(with_status(AppError::Forbidden));
    }
    let timeline = &posting.timeline;
    let window = (timeline.window_start.as_deref(), timeline.window_end.as_deref());
    let answer = Answer::parse(answer, window_end, window, &today())
        .map_err(|(field, problem)| validation_error(vec![FieldError::new(field, problem)]))?;
    if posting.status() != PostingStatus::Published {
        return Err(with_status(AppError::Conflict));
    }
    let new_end = match answer {
        Answer::Fulfilled => return posting::change_status(state, user, kind, id, PostingAction::Fulfil, None).await,
        Answer::Withdraw => return posting::change_status(state, user, kind, id, PostingAction::Withdraw, None).await,
        Answer::Confirm => None,
        Answer::Extend { window_end } => Some(window_end),
    };
    let owner = OwnerKey::of_user(user, kind).ok_or_else(|| with_status(AppError::Forbidden))?;
    let mut tx = state.write().await.or_internal()?;
    let kept = postings::keep(&mut tx, kind, id, new_end.as_deref(), &Guard::Owner(owner)).await.or_internal()?;
    if !kept {
        return Err(with_status(AppError::Conflict));
    }
    let what = format!("{}.{}", kind.table(), if new_end.is_some() { "extended" } else { "confirmed" });
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &what,
        entity_type: kind.table(),
        entity_id: id.to_string(),
        before: timeline.window_end.clone(),
        after: new_end.clone().or_else(|| timeline.window_end.clone()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    if timeline.stale_prompted_at.is_some() {
        tx.announce(Event::for_moderators(&posting.facts.owner.moderators(), "queue"));
    }
    tx.commit().await.or_internal()?;
    tracing::info!(kind = kind.table(), id, action = what, "posting kept");
    Ok(PostingStatus::Published)
}

/// The staff member's queue: published postings of the jurisdiction whose owners did not
/// answer, needs then offers.
pub async fn queue(state: &AppState, user: &CurrentUser) -> Result<Vec<StaleLine>, AppError> {
    let guard = Guard::for_staff(user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let mut lines = Vec::new();
    for kind in PostingKind::ALL {
        lines.extend(postings::stale(&state.pool, kind, &guard, QUEUE_LIMIT).await.or_internal()?);
    }
    Ok(lines)
}
