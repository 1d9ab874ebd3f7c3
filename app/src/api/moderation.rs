//! Moderation by DPMD staff: the queues and the decisions, each audited and notified. The
//! decisions are the posting workflow's (`ssr::posting`), the same for needs and offers.

use crate::wire::error::AppError;
use crate::wire::moderation::{BulkOutcome, ModerationQueues, QueuePages, Selection};
use leptos::prelude::*;

/// The staff member's queues, a page of each: regency staff see their regency, province
/// staff everything.
#[server(endpoint = "moderation_queue")]
pub async fn moderation_queue(#[server(default)] pages: QueuePages) -> Result<ModerationQueues, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::postings::Guard;
    use crate::ssr::{auth, moderation, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let guard = Guard::for_staff(&user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let state = AppState::current()?;
    moderation::queues(&state, &user, &guard, pages).await.or_internal()
}

/// How many items wait for the caller's decision (for the navigation).
#[server(endpoint = "moderation_count")]
pub async fn moderation_count() -> Result<i64, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::postings::Guard;
    use crate::ssr::{auth, moderation, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let guard = Guard::for_staff(&user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let state = AppState::current()?;
    moderation::count(&state, &user, &guard).await.or_internal()
}

/// Approves, returns or rejects a submitted need of the caller's jurisdiction.
#[server(endpoint = "decide_need")]
pub async fn decide_need(need_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    decide_posting(crate::domain::posting::PostingKind::Need, need_id, &decision, &reason).await
}

/// Approves, returns or rejects a submitted offer the caller moderates.
#[server(endpoint = "decide_offer")]
pub async fn decide_offer(offer_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    decide_posting(crate::domain::posting::PostingKind::Offer, offer_id, &decision, &reason).await
}

/// Approves, returns or rejects a pending change to a published need.
#[server(endpoint = "decide_need_revision")]
pub async fn decide_need_revision(revision_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    decide_revision(crate::domain::posting::PostingKind::Need, revision_id, &decision, &reason).await
}

/// Approves, returns or rejects a pending change to a published offer. Staff must moderate
/// both the offer as published and the area the change proposes.
#[server(endpoint = "decide_offer_revision")]
pub async fn decide_offer_revision(revision_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    decide_revision(crate::domain::posting::PostingKind::Offer, revision_id, &decision, &reason).await
}

#[cfg(feature = "ssr")]
async fn decide_posting(
    kind: crate::domain::posting::PostingKind,
    id: i64,
    decision: &str,
    reason: &str,
) -> Result<(), AppError> {
    use crate::ssr::{posting, AppState};
    let (user, decision, reason) = checked_decision(decision, reason).await?;
    let state = AppState::current()?;
    posting::change_status(&state, &user, kind, id, decision.action(), reason).await?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}

#[cfg(feature = "ssr")]
async fn decide_revision(
    kind: crate::domain::posting::PostingKind,
    revision_id: i64,
    decision: &str,
    reason: &str,
) -> Result<(), AppError> {
    use crate::ssr::{posting, AppState};
    let (user, decision, reason) = checked_decision(decision, reason).await?;
    let state = AppState::current()?;
    posting::decide_revision(&state, &user, kind, revision_id, decision, reason).await?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// Approves every selected submitted need and offer, each as its own audited decision.
#[server(endpoint = "approve_selected")]
pub async fn approve_selected(selection: Selection) -> Result<BulkOutcome, AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::PostingAction;
    use crate::domain::posting::PostingKind;
    use crate::domain::validation::{FieldError, Problem};
    use crate::ssr::locale::validation_error;
    use crate::ssr::{auth, posting, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let total = selection.needs.len() + selection.offers.len();
    if total == 0 {
        return Err(validation_error(vec![FieldError::new("selection", Problem::Required)]));
    }
    if total > 200 {
        return Err(validation_error(vec![FieldError::new("selection", Problem::TooLong { max: 200 })]));
    }
    let state = AppState::current()?;
    let mut outcome = BulkOutcome::default();
    let chosen = selection.needs.iter().map(|id| (PostingKind::Need, *id));
    for (kind, id) in chosen.chain(selection.offers.iter().map(|id| (PostingKind::Offer, *id))) {
        match posting::change_status(&state, &user, kind, id, PostingAction::Approve, None).await {
            Ok(_) => outcome.approved += 1,
            Err(AppError::Internal { request_id }) => return Err(AppError::Internal { request_id }),
            Err(_) => outcome.skipped += 1,
        }
    }
    // Skipped items answered with an error status; the whole request did not fail.
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::OK);
    }
    tracing::info!(approved = outcome.approved, skipped = outcome.skipped, "bulk approval");
    crate::ssr::outcome::keep(crate::wire::outcome::Outcome::BulkApproved(outcome.clone())).await?;
    leptos_axum::redirect("/moderasi");
    Ok(outcome)
}

/// Province staff verify or reject a pending partner organisation, or suspend a verified one.
#[server(endpoint = "decide_organisation")]
pub async fn decide_organisation(organisation_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::organisation::OrganisationDecision;
    use crate::domain::validation::{self as v, Checker};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::{audit, organisations};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::ProvinceStaff).await?;
    let mut checker = Checker::default();
    let decision = checker.check(
        "decision",
        v::choice(&decision, |d| match d {
            "verify" => Some(OrganisationDecision::Verify),
            "reject" => Some(OrganisationDecision::Reject),
            "suspend" => Some(OrganisationDecision::Suspend),
            "reinstate" => Some(OrganisationDecision::Reinstate),
            _ => None,
        }),
    );
    let reason = checker.check(
        "reason",
        match decision {
            Some(OrganisationDecision::Reject | OrganisationDecision::Suspend) => {
                v::long_text(&reason, 5, 1000).map(Some)
            }
            _ if reason.trim().is_empty() => Ok(None),
            _ => v::long_text(&reason, 1, 1000).map(Some),
        },
    );
    checker.finish().map_err(validation_error)?;
    let (decision, reason) = (decision.expect("checked"), reason.expect("checked"));

    let state = AppState::current()?;
    let status = organisations::status_of(&state.pool, organisation_id).await.or_internal()?;
    let status = status.ok_or_else(|| with_status(AppError::NotFound))?;
    let to = status.apply(decision).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.write().await.or_internal()?;
    if !organisations::set_status(&mut tx, organisation_id, status, to, reason.as_deref(), user.user_id)
        .await
        .or_internal()?
    {
        return Err(with_status(AppError::Conflict));
    }
    let what = format!("organisation.{}", to.as_str());
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &what,
        entity_type: "organisation",
        entity_id: organisation_id.to_string(),
        before: Some(status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.clone(),
    };
    let payload = reason.map(|r| serde_json::json!({ "reason": r }).to_string());
    organisation_decided(tx, entry, organisation_id, payload).await
}

/// Province staff approve or reject a verified organisation's change of name or type.
#[server(endpoint = "decide_identity_change")]
pub async fn decide_identity_change(change_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::Decision;
    use crate::domain::validation::{self as v, Checker, Problem};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::{audit, organisations};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::ProvinceStaff).await?;
    let mut checker = Checker::default();
    // A change of name is approved or refused; there is nothing to send back.
    let decision = checker.check(
        "decision",
        v::choice(&decision, Decision::parse).and_then(|d| match d {
            Decision::Return => Err(Problem::InvalidChoice),
            d => Ok(d),
        }),
    );
    let reason = decision.map(|d| checker.check("reason", d.reason(&reason)));
    checker.finish().map_err(validation_error)?;
    let (decision, reason) = (decision.expect("checked"), reason.flatten().flatten());

    let state = AppState::current()?;
    let change = organisations::identity_change(&state.pool, change_id).await.or_internal()?;
    let change = change.ok_or_else(|| with_status(AppError::NotFound))?;
    let approve = decision == Decision::Approve;
    let mut tx = state.write().await.or_internal()?;
    if !organisations::decide_identity(&mut tx, change_id, approve, reason.as_deref(), user.user_id)
        .await
        .or_internal()?
    {
        return Err(with_status(AppError::Conflict));
    }
    let outcome = if approve { "approved" } else { "rejected" };
    let what = format!("organisation_revision.{outcome}");
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &what,
        entity_type: "organisation_revision",
        entity_id: change_id.to_string(),
        before: Some(format!("{} ({})", change.current_name, change.current_kind)),
        after: Some(format!("{} ({})", change.name, change.kind)),
        reason: reason.clone(),
    };
    let payload = Some(serde_json::json!({ "title": change.name, "reason": reason }).to_string());
    organisation_decided(tx, entry, change.organisation_id, payload).await
}

/// The end of a province staff decision about an organisation: the audit entry, its
/// members told (the notice is named like the audit action), the queue announced after
/// the commit, and back to `/moderasi`.
#[cfg(feature = "ssr")]
async fn organisation_decided(
    mut tx: crate::ssr::write::WriteTx,
    entry: crate::ssr::repo::audit::AuditEntry<'_>,
    organisation_id: i64,
    payload: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::live::Event;
    use crate::ssr::repo::notifications::{notify, Notice};
    use crate::ssr::repo::{audit, organisations};

    let kind = entry.action.to_owned();
    audit::record(&mut tx, entry).await.or_internal()?;
    let members = organisations::member_ids(&mut tx, organisation_id).await.or_internal()?;
    let notice = Notice { kind: &kind, entity_type: "organisation", entity_id: organisation_id.to_string(), payload };
    notify(&mut tx, &members, &notice).await.or_internal()?;
    tx.announce(Event::for_province_staff("queue"));
    tx.commit().await.or_internal()?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// The calling staff member and a checked decision with its reason.
#[cfg(feature = "ssr")]
async fn checked_decision(
    decision: &str,
    reason: &str,
) -> Result<(crate::domain::account::CurrentUser, crate::domain::lifecycle::Decision, Option<String>), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::lifecycle::Decision;
    use crate::domain::validation::{self as v, Checker};
    use crate::ssr::auth;
    use crate::ssr::locale::validation_error_with_input;

    let user = auth::require(Requirement::Staff).await?;
    let mut checker = Checker::default();
    let decision_choice = checker.check("decision", v::choice(decision, Decision::parse));
    let checked_reason = decision_choice.map(|d| checker.check("reason", d.reason(reason)));
    // What was chosen and written comes back with the errors, for the form to show again.
    let input = vec![("decision".to_owned(), decision.to_owned()), ("reason".to_owned(), reason.to_owned())];
    checker.finish().map_err(|errors| validation_error_with_input(errors, input))?;
    let (decision, reason) = (decision_choice, checked_reason);
    Ok((user, decision.expect("checked"), reason.flatten().flatten()))
}
