//! Moderation by DPMD staff: the queues and the decisions, each audited and notified.

use crate::api::needs::NeedLine;
use crate::api::offer_posting::OfferLine;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A partner organisation waiting for verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationLine {
    pub organisation_id: i64,
    pub name: String,
    pub kind: String,
    pub created_at: String,
}

/// What waits for the caller's decision, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueues {
    pub needs: Vec<NeedLine>,
    pub revisions: Vec<NeedLine>,
    pub offers: Vec<OfferLine>,
    pub offer_revisions: Vec<OfferLine>,
    /// Province staff only; empty for regency staff.
    pub organisations: Vec<OrganisationLine>,
}

impl ModerationQueues {
    pub fn total(&self) -> usize {
        self.needs.len()
            + self.revisions.len()
            + self.offers.len()
            + self.offer_revisions.len()
            + self.organisations.len()
    }
}

/// The staff member's queues: regency staff see their regency, province staff everything.
#[server(endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<ModerationQueues, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::OrInternal;
    use crate::server::repo::{needs, offers, organisations};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let regency = match &user.scope {
        Scope::Regency { code, .. } => Some(code.as_str()),
        _ => None,
    };
    let needs_queue = needs::submitted_queue(&state.pool, regency).await.or_internal()?;
    let revisions = needs::revision_queue(&state.pool, regency).await.or_internal()?;
    let offers_queue = offers::submitted_queue(&state.pool, regency).await.or_internal()?;
    let offer_revisions = offers::revision_queue(&state.pool, regency).await.or_internal()?;
    let organisations = if user.role.is_province_staff() {
        organisations::pending_queue(&state.pool).await.or_internal()?
    } else {
        Vec::new()
    };
    Ok(ModerationQueues { needs: needs_queue, revisions, offers: offers_queue, offer_revisions, organisations })
}

/// Approves, returns or rejects a submitted need of the caller's jurisdiction.
#[server(endpoint = "decide_need")]
pub async fn decide_need(need_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let (user, decision, reason) = checked_decision(&decision, &reason).await?;
    decide_need_as(&user, need_id, decision, reason).await?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// One staff decision about a need, in its own transaction: status, audit, notification.
#[cfg(feature = "ssr")]
async fn decide_need_as(
    user: &crate::domain::account::CurrentUser,
    need_id: i64,
    decision: crate::domain::need::Decision,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    use crate::domain::need::Decision;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, needs};
    use crate::server::AppState;

    let state = AppState::current()?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = need.filter(|n| needs::may_see(Some(user), n)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !needs::may_moderate(Some(user), &need) {
        return Err(with_status(AppError::Forbidden));
    }
    let action = match decision {
        Decision::Approve => PostingAction::Approve,
        Decision::Return => PostingAction::Return,
        Decision::Reject => PostingAction::Reject,
    };
    let to = need.status.apply(action).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.pool.begin().await.or_internal()?;
    if !needs::transition(&mut tx, need_id, need.status, to, reason.as_deref()).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("need.{}", to.as_str()),
        entity_type: "need",
        entity_id: need_id.to_string(),
        before: Some(need.status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    notify_village(&mut tx, &need, &format!("need.{}", to.as_str()), reason.as_deref()).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.live.publish(crate::server::live::Event::for_staff(&need.regency_code, "queue"));
    Ok(())
}

/// Submitted needs and offers chosen on `/moderasi` for approval at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// Always sent (a hidden field), so that an empty selection still parses.
    #[serde(default)]
    pub confirm: String,
    #[serde(default)]
    pub needs: Vec<i64>,
    #[serde(default)]
    pub offers: Vec<i64>,
}

/// What a bulk approval did: items already decided by someone else, or outside the
/// caller's jurisdiction, are skipped rather than failing the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub approved: usize,
    pub skipped: usize,
}

/// Approves every selected submitted need and offer, each as its own audited decision.
#[server(endpoint = "approve_selected")]
pub async fn approve_selected(selection: Selection) -> Result<BulkOutcome, AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::need::Decision;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::auth;
    use crate::server::locale::validation_error;

    let user = auth::require(Requirement::Staff).await?;
    let total = selection.needs.len() + selection.offers.len();
    if total == 0 {
        return Err(validation_error(vec![FieldError::new("selection", Problem::Required)]));
    }
    if total > 200 {
        return Err(validation_error(vec![FieldError::new("selection", Problem::TooLong { max: 200 })]));
    }
    let mut outcome = BulkOutcome::default();
    for need_id in &selection.needs {
        match decide_need_as(&user, *need_id, Decision::Approve, None).await {
            Ok(()) => outcome.approved += 1,
            Err(AppError::Internal { request_id }) => return Err(AppError::Internal { request_id }),
            Err(_) => outcome.skipped += 1,
        }
    }
    for offer_id in &selection.offers {
        match decide_offer_as(&user, *offer_id, Decision::Approve, None).await {
            Ok(()) => outcome.approved += 1,
            Err(AppError::Internal { request_id }) => return Err(AppError::Internal { request_id }),
            Err(_) => outcome.skipped += 1,
        }
    }
    // Skipped items answered with an error status; the whole request did not fail.
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::OK);
    }
    tracing::info!(approved = outcome.approved, skipped = outcome.skipped, "bulk approval");
    leptos_axum::redirect("/moderasi");
    Ok(outcome)
}

/// How many items wait for the caller's decision (for the navigation).
#[server(endpoint = "moderation_count")]
pub async fn moderation_count() -> Result<usize, AppError> {
    use crate::domain::account::Scope;
    use crate::server::errors::OrInternal;
    let queues = moderation_queue().await?;
    let user = crate::server::auth::require(crate::domain::account::Requirement::Staff).await?;
    let regency = match &user.scope {
        Scope::Regency { code, .. } => Some(code.as_str()),
        _ => None,
    };
    let state = crate::server::AppState::current()?;
    let matches = crate::server::repo::matches::pending_queue(&state.pool, regency).await.or_internal()?;
    Ok(queues.total() + matches.len())
}

/// Approves (publishes) or returns a pending change to a published need.
#[server(endpoint = "decide_need_revision")]
pub async fn decide_need_revision(revision_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::need::Decision;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, needs};
    use crate::server::AppState;

    let (user, decision, reason) = checked_decision(&decision, &reason).await?;
    let state = AppState::current()?;
    let need_id = needs::revision_need(&state.pool, revision_id).await.or_internal()?;
    let need = match need_id {
        Some(id) => needs::find(&state.pool, id).await.or_internal()?,
        None => None,
    };
    let need = need.filter(|n| needs::may_see(Some(&user), n)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !needs::may_moderate(Some(&user), &need) {
        return Err(with_status(AppError::Forbidden));
    }
    let approve = decision == Decision::Approve;
    let mut tx = state.pool.begin().await.or_internal()?;
    if !needs::decide_revision(&mut tx, revision_id, approve, reason.as_deref(), user.user_id).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let outcome = if approve { "approved" } else { "returned" };
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("need_revision.{outcome}"),
        entity_type: "need_revision",
        entity_id: revision_id.to_string(),
        before: Some("pending".to_owned()),
        after: Some(outcome.to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    notify_village(&mut tx, &need, &format!("need_revision.{outcome}"), reason.as_deref()).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.live.publish(crate::server::live::Event::for_staff(&need.regency_code, "queue"));
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// Approves, returns or rejects a submitted offer the caller moderates.
#[server(endpoint = "decide_offer")]
pub async fn decide_offer(offer_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let (user, decision, reason) = checked_decision(&decision, &reason).await?;
    decide_offer_as(&user, offer_id, decision, reason).await?;
    leptos_axum::redirect("/moderasi");
    Ok(())
}

#[cfg(feature = "ssr")]
async fn decide_offer_as(
    user: &crate::domain::account::CurrentUser,
    offer_id: i64,
    decision: crate::domain::need::Decision,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    use crate::domain::need::Decision;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, offers};
    use crate::server::AppState;

    let state = AppState::current()?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer.filter(|o| offers::may_see(Some(user), o)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !offers::may_moderate(Some(user), &offer) {
        return Err(with_status(AppError::Forbidden));
    }
    let action = match decision {
        Decision::Approve => PostingAction::Approve,
        Decision::Return => PostingAction::Return,
        Decision::Reject => PostingAction::Reject,
    };
    let to = offer.status.apply(action).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.pool.begin().await.or_internal()?;
    if !offers::transition(&mut tx, offer_id, offer.status, to, reason.as_deref()).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("offer.{}", to.as_str()),
        entity_type: "offer",
        entity_id: offer_id.to_string(),
        before: Some(offer.status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    notify_organisation(&mut tx, &offer, &format!("offer.{}", to.as_str()), &offer.content.title, reason.as_deref())
        .await
        .or_internal()?;
    tx.commit().await.or_internal()?;
    state.live.publish(offers::moderators_event(&offer.area(), "queue"));
    Ok(())
}

/// Approves or returns a pending change to a published offer. Staff must moderate both the
/// offer as published and the area the change proposes.
#[server(endpoint = "decide_offer_revision")]
pub async fn decide_offer_revision(revision_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::need::Decision;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, offers};
    use crate::server::AppState;

    let (user, decision, reason) = checked_decision(&decision, &reason).await?;
    let state = AppState::current()?;
    let pending = offers::pending_revision(&state.pool, None, Some(revision_id)).await.or_internal()?;
    let (_, offer_id, content, _) = pending.ok_or_else(|| with_status(AppError::NotFound))?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer.filter(|o| offers::may_see(Some(&user), o)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !offers::may_moderate(Some(&user), &offer) || !offers::may_moderate_area(&user, &content.area) {
        return Err(with_status(AppError::Forbidden));
    }
    let approve = decision == Decision::Approve;
    let mut tx = state.pool.begin().await.or_internal()?;
    let decided =
        offers::decide_revision(&mut tx, revision_id, offer_id, &content, approve, reason.as_deref(), user.user_id)
            .await
            .or_internal()?;
    if !decided {
        return Err(with_status(AppError::Conflict));
    }
    let outcome = if approve { "approved" } else { "returned" };
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("offer_revision.{outcome}"),
        entity_type: "offer_revision",
        entity_id: revision_id.to_string(),
        before: Some("pending".to_owned()),
        after: Some(outcome.to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    notify_organisation(&mut tx, &offer, &format!("offer_revision.{outcome}"), &content.title, reason.as_deref())
        .await
        .or_internal()?;
    tx.commit().await.or_internal()?;
    state.live.publish(offers::moderators_event(&offer.area(), "queue"));
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// Province staff verify or reject a pending partner organisation, or suspend a verified one.
#[server(endpoint = "decide_organisation")]
pub async fn decide_organisation(organisation_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::organisation::OrganisationDecision;
    use crate::domain::validation::{self as v, Checker};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::locale::validation_error;
    use crate::server::repo::notifications::{notify, Notice};
    use crate::server::repo::{audit, organisations};
    use crate::server::{auth, AppState};

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
    let mut tx = state.pool.begin().await.or_internal()?;
    if !organisations::set_status(&mut tx, organisation_id, status, to, reason.as_deref(), user.user_id)
        .await
        .or_internal()?
    {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: &format!("organisation.{}", to.as_str()),
        entity_type: "organisation",
        entity_id: organisation_id.to_string(),
        before: Some(status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: reason.clone(),
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    let members = organisations::member_ids(&mut tx, organisation_id).await.or_internal()?;
    let notice = Notice {
        kind: &format!("organisation.{}", to.as_str()),
        entity_type: "organisation",
        entity_id: organisation_id.to_string(),
        payload: reason.map(|r| serde_json::json!({ "reason": r }).to_string()),
    };
    notify(&mut tx, &members, &notice).await.or_internal()?;
    tx.commit().await.or_internal()?;
    state.live.publish(crate::server::live::Event::for_province_staff("queue"));
    leptos_axum::redirect("/moderasi");
    Ok(())
}

/// The calling staff member and a checked decision with its reason.
#[cfg(feature = "ssr")]
async fn checked_decision(
    decision: &str,
    reason: &str,
) -> Result<(crate::domain::account::CurrentUser, crate::domain::need::Decision, Option<String>), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::need::Decision;
    use crate::domain::validation::{self as v, Checker};
    use crate::server::auth;
    use crate::server::locale::validation_error;

    let user = auth::require(Requirement::Staff).await?;
    let mut checker = Checker::default();
    let decision = checker.check("decision", v::choice(decision, Decision::parse));
    let reason = decision.map(|d| checker.check("reason", d.reason(reason)));
    checker.finish().map_err(validation_error)?;
    Ok((user, decision.expect("checked"), reason.flatten().flatten()))
}

/// Tells the village's operators what happened to their need.
#[cfg(feature = "ssr")]
async fn notify_village(
    conn: &mut sqlx::AnyConnection,
    need: &crate::api::needs::NeedDetail,
    kind: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    use crate::server::repo::needs;
    use crate::server::repo::notifications::{notify, Notice};

    let operators = needs::village_operators(&mut *conn, &need.village_code).await?;
    let payload = serde_json::json!({ "title": need.content.title, "reason": reason }).to_string();
    let notice = Notice { kind, entity_type: "need", entity_id: need.need_id.to_string(), payload: Some(payload) };
    notify(conn, &operators, &notice).await
}

/// Tells an organisation's members what happened to their offer.
#[cfg(feature = "ssr")]
async fn notify_organisation(
    conn: &mut sqlx::AnyConnection,
    offer: &crate::server::repo::offers::OfferRecord,
    kind: &str,
    title: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    use crate::server::repo::notifications::{notify, Notice};
    use crate::server::repo::organisations;

    let members = organisations::member_ids(&mut *conn, offer.organisation_id).await?;
    let payload = serde_json::json!({ "title": title, "reason": reason }).to_string();
    let notice = Notice { kind, entity_type: "offer", entity_id: offer.offer_id.to_string(), payload: Some(payload) };
    notify(conn, &members, &notice).await
}
