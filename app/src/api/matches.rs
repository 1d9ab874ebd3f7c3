//! Matches: a partner expresses interest in a need, a village requests an offer, staff
//! propose one from a suggestion; staff introduce the two sides (only then do they see each
//! other's contact) or decline; either side may decline later. Every step is audited and
//! notified; the match page shows its history and, once introduced, a message thread.

use crate::wire::error::AppError;
use crate::wire::matches::{MatchDetail, MatchLine, MatchOpened};
use leptos::prelude::*;

/// Checks a free-text message (optional, up to 1,000 characters).
#[cfg(feature = "ssr")]
fn checked_message(field: &str, text: &str, required: bool) -> Result<Option<String>, AppError> {
    use crate::domain::validation::{self as v, FieldError};
    use crate::ssr::locale::validation_error;
    let result =
        if required { v::long_text(text, 2, 1000).map(Some) } else { v::optional(text, |t| v::long_text(t, 2, 1000)) };
    result.map_err(|problem| validation_error(vec![FieldError::new(field, problem)]))
}

/// Opens a match (`ssr::matchmaking`) in a transaction of its own, or reports the live one
/// that exists between the need and the organisation.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
async fn open_match(
    user: &crate::domain::account::CurrentUser,
    need: &crate::ssr::repo::needs::NeedRecord,
    organisation_id: i64,
    offer_id: Option<i64>,
    origin: &str,
    status: crate::domain::lifecycle::MatchStatus,
    message: Option<String>,
) -> Result<MatchOpened, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::matchmaking::{self, MatchedNeed, Opened, Opening};
    use crate::ssr::repo::{matches, settings};
    use crate::ssr::AppState;

    let state = AppState::current()?;
    let score = match offer_id {
        Some(offer_id) => {
            let weights = settings::weights(&state.pool).await.or_internal()?;
            state.matcher.fresh_index(&state.pool).await.or_internal()?.pair(need.need_id, offer_id, &weights)
        }
        None => None,
    };
    let opening = Opening {
        need: MatchedNeed {
            need_id: need.need_id,
            title: &need.content.title,
            village_code: &need.village_code,
            regency_code: &need.regency_code,
        },
        organisation_id,
        offer_id,
        origin,
        status,
        score: score.as_ref(),
        message,
        group_id: None,
    };
    let mut tx = state.write().await.or_internal()?;
    match matchmaking::open(&mut tx, user.user_id, &opening).await {
        Ok(Opened::Existing(match_id)) => Ok(MatchOpened { match_id, existing: true }),
        Ok(Opened::New(match_id)) => {
            tx.commit().await.or_internal()?;
            Ok(MatchOpened { match_id, existing: false })
        }
        // Someone opened the same match meanwhile: the unique index refused this one.
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => {
            drop(tx);
            let mut conn = state.pool.acquire().await.or_internal()?;
            let existing = matches::live_between(&mut conn, need.need_id, organisation_id).await.or_internal()?;
            existing
                .map(|match_id| MatchOpened { match_id, existing: true })
                .ok_or_else(|| crate::ssr::errors::with_status(AppError::Conflict))
        }
        Err(err) => Err(err).or_internal(),
    }
}

/// A partner (of a verified organisation) expresses interest in a published need,
/// optionally naming one of its published offers.
#[server(endpoint = "express_interest")]
pub async fn express_interest(need_id: i64, offer_id: String, message: String) -> Result<MatchOpened, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::domain::organisation::OrganisationStatus;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{needs, offers};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id: organisation_id, status, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    // Interest of an unverified partner waits for its verification (PRODUCT.md).
    if *status != OrganisationStatus::Verified {
        return Err(with_status(AppError::Forbidden));
    }
    let message = checked_message("message", &message, false)?;
    let state = AppState::current()?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = need.filter(|n| n.status == crate::domain::lifecycle::PostingStatus::Published);
    let need = need.ok_or_else(|| with_status(AppError::NotFound))?;
    let offer_id = match offer_id.trim() {
        "" => None,
        id => {
            let id: i64 = id.parse().map_err(|_| with_status(AppError::NotFound))?;
            let offer = offers::find(&state.pool, id).await.or_internal()?;
            let offer = offer.filter(|o| o.organisation_id == *organisation_id && o.is_public());
            Some(offer.ok_or_else(|| with_status(AppError::NotFound))?.offer_id)
        }
    };
    let opened = open_match(
        &user,
        &need,
        *organisation_id,
        offer_id,
        "partner_interest",
        crate::domain::lifecycle::MatchStatus::Interested,
        message,
    )
    .await?;
    leptos_axum::redirect(&format!("/kecocokan/{}", opened.match_id));
    Ok(opened)
}

/// A village operator requests a published offer for one of the village's published needs.
#[server(endpoint = "request_offer")]
pub async fn request_offer(offer_id: i64, need_id: i64, message: String) -> Result<MatchOpened, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{needs, offers};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let message = checked_message("message", &message, false)?;
    let state = AppState::current()?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer.filter(|o| o.is_public()).ok_or_else(|| with_status(AppError::NotFound))?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = need
        .filter(|n| crate::domain::access::is_owner(&user, &n.facts().owner))
        .filter(|n| n.status == crate::domain::lifecycle::PostingStatus::Published)
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let opened = open_match(
        &user,
        &need,
        offer.organisation_id,
        Some(offer.offer_id),
        "village_request",
        crate::domain::lifecycle::MatchStatus::Requested,
        message,
    )
    .await?;
    leptos_axum::redirect(&format!("/kecocokan/{}", opened.match_id));
    Ok(opened)
}

/// Staff of the need's regency propose a match from a suggestion.
#[server(endpoint = "propose_match")]
pub async fn propose_match(need_id: i64, offer_id: i64) -> Result<MatchOpened, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{needs, offers};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = need
        .filter(|n| crate::domain::access::may_moderate(Some(&user), &n.facts()))
        .filter(|n| n.status == crate::domain::lifecycle::PostingStatus::Published)
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer.filter(|o| o.is_public()).ok_or_else(|| with_status(AppError::NotFound))?;
    let opened = open_match(
        &user,
        &need,
        offer.organisation_id,
        Some(offer.offer_id),
        "staff",
        crate::domain::lifecycle::MatchStatus::Suggested,
        None,
    )
    .await?;
    leptos_axum::redirect(&format!("/kecocokan/{}", opened.match_id));
    Ok(opened)
}

/// Staff introduce the two sides (contacts become visible to them) or decline, with a reason.
#[server(endpoint = "decide_match")]
pub async fn decide_match(match_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::MatchAction;
    use crate::domain::validation::{self as v, Checker};
    use crate::ssr::auth;
    use crate::ssr::locale::validation_error;

    let user = auth::require(Requirement::Staff).await?;
    let mut checker = Checker::default();
    let action = checker.check(
        "decision",
        v::choice(&decision, |d| match d {
            "introduce" => Some(MatchAction::Introduce),
            "decline" => Some(MatchAction::Decline),
            _ => None,
        }),
    );
    let reason = checker.check(
        "reason",
        match action {
            Some(MatchAction::Decline) => v::long_text(&reason, 5, 1000).map(Some),
            _ => Ok(None),
        },
    );
    checker.finish().map_err(validation_error)?;
    change_match(&user, match_id, action.expect("checked"), reason.flatten(), true).await?;
    leptos_axum::redirect(&format!("/kecocokan/{match_id}"));
    Ok(())
}

/// Either side declines a live match, with a reason.
#[server(endpoint = "decline_match")]
pub async fn decline_match(match_id: i64, reason: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::MatchAction;
    use crate::domain::validation::{self as v, FieldError};
    use crate::ssr::auth;
    use crate::ssr::locale::validation_error;

    let user = auth::require(Requirement::SignedIn).await?;
    let reason = v::long_text(&reason, 5, 1000).map_err(|p| validation_error(vec![FieldError::new("reason", p)]))?;
    change_match(&user, match_id, MatchAction::Decline, Some(reason), false).await?;
    leptos_axum::redirect(&format!("/kecocokan/{match_id}"));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn change_match(
    user: &crate::domain::account::CurrentUser,
    match_id: i64,
    action: crate::domain::lifecycle::MatchAction,
    reason: Option<String>,
    as_staff: bool,
) -> Result<(), AppError> {
    use crate::domain::lifecycle::MatchAction;
    use crate::domain::validation::{FieldError, Problem};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::audit;
    use crate::ssr::repo::matches;
    use crate::ssr::repo::notifications::{notify, Notice};
    use crate::ssr::AppState;

    let state = AppState::current()?;
    let found = matches::find(&state.pool, match_id).await.or_internal()?;
    let record = found.filter(|m| m.facts().may_see(user)).ok_or_else(|| with_status(AppError::NotFound))?;
    let facts = record.facts();
    // The update repeats who may act: staff of the need's regency, or the caller's side.
    let guard = matches::guard_for(user, &facts, as_staff).ok_or_else(|| with_status(AppError::Forbidden))?;
    let from = record.status();
    let to = from.apply(action).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.write().await.or_internal()?;
    // An introduction takes a place of the offer it names: only while the offer is public
    // and has one left (read in the same transaction as the change).
    if let (MatchAction::Introduce, Some(offer_id)) = (action, record.offer_id) {
        let room = matches::offer_room(&mut tx, offer_id).await.or_internal()?;
        let problem = match room {
            Some(room) if !room.public => Some(Problem::OfferNotPublic),
            Some(room) if room.used >= room.capacity => Some(Problem::OfferFull),
            Some(_) => None,
            None => Some(Problem::OfferNotPublic),
        };
        if let Some(problem) = problem {
            return Err(validation_error(vec![FieldError::new("decision", problem)]));
        }
    }
    if !matches::transition(&mut tx, match_id, from, to, reason.as_deref(), user.user_id, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("match.{}", to.as_str()),
        entity_type: "need_match",
        entity_id: match_id.to_string(),
        before: Some(from.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    let (operators, members) =
        matches::sides(&mut tx, &record.village_code, record.organisation_id).await.or_internal()?;
    let staff = matches::staff_of(&mut tx, &record.regency_code).await.or_internal()?;
    let mut told: Vec<i64> =
        operators.into_iter().chain(members).chain(staff).filter(|id| *id != user.user_id).collect();
    told.sort_unstable();
    told.dedup();
    let payload = serde_json::json!({ "title": record.need_title, "reason": reason }).to_string();
    let notice = Notice {
        kind: &format!("match.{}", to.as_str()),
        entity_type: "need_match",
        entity_id: match_id.to_string(),
        payload: Some(payload),
    };
    notify(&mut tx, &told, &notice).await.or_internal()?;
    let mut audience = told.clone();
    audience.push(user.user_id);
    tx.announce(crate::ssr::live::Event::for_users(&audience, "match"));
    tx.announce(crate::ssr::live::Event::for_staff(&record.regency_code, "queue"));
    tx.commit().await.or_internal()?;
    Ok(())
}

/// A match, for its two sides and the staff of the need's regency.
#[server(endpoint = "match")]
pub async fn get_match(match_id: i64) -> Result<MatchDetail, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::matches;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let found = matches::find(&state.pool, match_id).await.or_internal()?;
    let m = found.filter(|m| m.facts().may_see(&user)).ok_or_else(|| with_status(AppError::NotFound))?;
    let facts = m.facts();
    let status = m.status();
    let history = matches::history(&state.pool, match_id).await.or_internal()?;
    let earlier = matches::attempts(&state.pool, m.need_id, m.organisation_id)
        .await
        .or_internal()?
        .into_iter()
        .map(|a| a.need_match_id)
        .filter(|id| *id != match_id)
        .collect();
    let (village_contact, organisation_contact, messages) = if status.shows_contacts() {
        let (village, organisation) =
            matches::contacts(&state.pool, &m.village_code, m.organisation_id).await.or_internal()?;
        let messages = matches::messages(&state.pool, match_id).await.or_internal()?;
        (Some(village), Some(organisation), messages)
    } else {
        (None, None, Vec::new())
    };
    let mut conn = state.pool.acquire().await.or_internal()?;
    let agreement_id = crate::ssr::repo::agreements::of_match(&mut conn, match_id).await.or_internal()?;
    Ok(MatchDetail {
        agreement_id,
        can_start_cooperation: agreement_id.is_none() && status == crate::domain::lifecycle::MatchStatus::Introduced,
        can_introduce: facts.is_staff_of(&user)
            && status.apply(crate::domain::lifecycle::MatchAction::Introduce).is_ok(),
        can_decline: facts.may_see(&user) && status.apply(crate::domain::lifecycle::MatchAction::Decline).is_ok(),
        can_write: status.shows_contacts() && facts.may_see(&user),
        score: m.score_detail.as_deref().and_then(|json| serde_json::from_str(json).ok()),
        history,
        earlier,
        village_contact,
        organisation_contact,
        messages,
        match_id: m.need_match_id,
        need_id: m.need_id,
        need_title: m.need_title,
        village_code: m.village_code,
        village_name: m.village_name,
        regency_name: m.regency_name,
        organisation_id: m.organisation_id,
        organisation_name: m.organisation_name,
        offer_id: m.offer_id,
        offer_title: m.offer_title,
        origin: m.origin,
        status,
        message: m.message,
        decline_reason: m.decline_reason,
    })
}

/// A message in an introduced match's thread, from either side or staff.
#[server(endpoint = "post_match_message")]
pub async fn post_match_message(match_id: i64, body: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::matches;
    use crate::ssr::repo::notifications::{notify, Notice};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let body = checked_message("body", &body, true)?.unwrap_or_default();
    let state = AppState::current()?;
    let found = matches::find(&state.pool, match_id).await.or_internal()?;
    let m = found.filter(|m| m.facts().may_see(&user)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !m.status().shows_contacts() {
        return Err(with_status(AppError::Conflict));
    }
    let mut tx = state.write().await.or_internal()?;
    matches::add_message(&mut tx, match_id, user.user_id, &body).await.or_internal()?;
    let (operators, members) = matches::sides(&mut tx, &m.village_code, m.organisation_id).await.or_internal()?;
    let told: Vec<i64> = operators.into_iter().chain(members).filter(|id| *id != user.user_id).collect();
    let payload = serde_json::json!({ "title": m.need_title }).to_string();
    let notice = Notice {
        kind: "match.message",
        entity_type: "need_match",
        entity_id: match_id.to_string(),
        payload: Some(payload),
    };
    notify(&mut tx, &told, &notice).await.or_internal()?;
    let mut audience = told.clone();
    audience.push(user.user_id);
    tx.announce(crate::ssr::live::Event::for_users(&audience, "match"));
    tx.commit().await.or_internal()?;
    Ok(())
}

/// The matches the caller takes part in (operators: their village's; partners: their
/// organisation's; staff: the first page of their queue of matches waiting for an
/// introduction, which `/moderasi` pages through).
#[server(endpoint = "my_matches")]
pub async fn my_matches() -> Result<Vec<MatchLine>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::matches;
    use crate::ssr::repo::postings::Guard;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    match (&user.scope, Guard::for_staff(&user)) {
        (Scope::Village { code, .. }, _) => matches::of_side(&state.pool, Some(code), None).await.or_internal(),
        (Scope::Organisation { id, .. }, _) => matches::of_side(&state.pool, None, Some(*id)).await.or_internal(),
        (_, Some(guard)) => Ok(matches::pending_queue(&state.pool, &guard, 1).await.or_internal()?.items),
        (_, None) => Ok(Vec::new()),
    }
}

/// Staff introduce together the matches of a partner's grouped interest that wait in their
/// jurisdiction; each is introduced as on its own page (an offer's places are checked), and
/// those that cannot be are left waiting.
#[server(endpoint = "introduce_group")]
pub async fn introduce_group(group_id: i64) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::MatchAction;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{matches, postings::Guard};
    use crate::ssr::{auth, outcome, AppState};
    use crate::wire::clusters::GroupOutcome;
    use crate::wire::outcome::Outcome;

    let user = auth::require(Requirement::Staff).await?;
    let guard = Guard::for_staff(&user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let state = AppState::current()?;
    let waiting = matches::group_waiting(&state.pool, group_id, &guard).await.or_internal()?;
    if waiting.is_empty() {
        return Err(with_status(AppError::NotFound));
    }
    let (mut done, mut skipped) = (0, 0);
    for match_id in waiting {
        match change_match(&user, match_id, MatchAction::Introduce, None, true).await {
            Ok(()) => done += 1,
            Err(AppError::Internal { request_id }) => return Err(with_status(AppError::Internal { request_id })),
            Err(_) => skipped += 1,
        }
    }
    outcome::keep(Outcome::GroupIntroduced(GroupOutcome { done, skipped })).await?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}
