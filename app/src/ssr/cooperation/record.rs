//! Cooperation agreements: starting one from an introduced match, reading and changing its
//! record. Access is the match's (`MatchFacts::may_see`: its two sides, the staff of the
//! need's regency, province staff); others learn nothing (404). Every change is audited.

use super::errors::{with_status, OrInternal};
use super::locale::validation_error;
use super::repo::agreements::{self, AgreementRecord};
use super::repo::postings::Guard;
use super::repo::{audit, matches};
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::cooperation::{CooperationInput, Initiative};
use crate::domain::lifecycle::{AgreementStatus, MatchStatus};
use crate::domain::validation::{self as v, FieldError};
use crate::wire::cooperations::CooperationView;
use crate::wire::error::AppError;

/// A side of an introduced match, or its staff, starts the draft of its agreement; a match
/// that has one answers with it. Returns the agreement's id.
pub async fn start(state: &AppState, user: &CurrentUser, match_id: i64, initiated_by: &str) -> Result<i64, AppError> {
    let found = matches::find(&state.pool, match_id).await.or_internal()?;
    let record = found.filter(|m| m.facts().may_see(user)).ok_or_else(|| with_status(AppError::NotFound))?;
    let initiative = v::choice(initiated_by, Initiative::parse)
        .map_err(|problem| validation_error(vec![FieldError::new("initiated_by", problem)]))?;
    let mut tx = state.write().await.or_internal()?;
    if let Some(existing) = agreements::of_match(&mut tx, match_id).await.or_internal()? {
        return Ok(existing);
    }
    if record.status() != MatchStatus::Introduced {
        return Err(with_status(AppError::Conflict));
    }
    let (id, created) = agreements::start(&mut tx, match_id, initiative, user.user_id).await.or_internal()?;
    if created {
        let entry = audit::AuditEntry {
            actor_id: Some(user.user_id),
            action: "agreement.created",
            entity_type: "agreement",
            entity_id: id.to_string(),
            before: None,
            after: Some(AgreementStatus::Draft.as_str().to_owned()),
            reason: None,
        };
        audit::record(&mut tx, entry).await.or_internal()?;
    }
    tx.commit().await.or_internal()?;
    Ok(id)
}

/// An agreement the caller may see, or `NotFound`.
async fn visible(state: &AppState, user: &CurrentUser, id: i64) -> Result<AgreementRecord, AppError> {
    let found = agreements::find(&state.pool, id).await.or_internal()?;
    found.filter(|a| a.facts().may_see(user)).ok_or_else(|| with_status(AppError::NotFound))
}

/// What the caller's update of an agreement repeats: their side of its match, or their
/// jurisdiction when they are its staff.
fn caller_guard(user: &CurrentUser, agreement: &AgreementRecord) -> Result<Guard, AppError> {
    let facts = agreement.facts();
    matches::guard_for(user, &facts, !facts.is_side(user)).ok_or_else(|| with_status(AppError::Forbidden))
}

/// The agreement as the caller may read it.
pub async fn view(state: &AppState, user: &CurrentUser, id: i64) -> Result<CooperationView, AppError> {
    let agreement = visible(state, user, id).await?;
    let valid = agreement.record.validate().unwrap_or_default();
    let today = super::db::today();
    Ok(CooperationView {
        agreement_id: agreement.agreement_id,
        need_match_id: agreement.need_match_id,
        need_title: agreement.need_title,
        village_name: agreement.village_name,
        organisation_name: agreement.organisation_name,
        status: agreement.status,
        complete_clauses: valid.complete_clauses().iter().map(|c| c.as_str().to_owned()).collect(),
        sign_blockers: valid.sign_blockers(&today).into_iter().map(|e| e.field).collect(),
        can_edit: agreement.status == AgreementStatus::Draft,
        record: agreement.record,
    })
}

/// A side or its staff changes the record of a draft agreement: every field checked (all
/// problems at once, nothing written), the update guarded, the change audited.
pub async fn save(state: &AppState, user: &CurrentUser, id: i64, input: &CooperationInput) -> Result<(), AppError> {
    let agreement = visible(state, user, id).await?;
    let valid = input.validate().map_err(validation_error)?;
    if agreement.status != AgreementStatus::Draft {
        return Err(with_status(AppError::Conflict));
    }
    let guard = caller_guard(user, &agreement)?;
    let mut tx = state.write().await.or_internal()?;
    if !agreements::save_draft(&mut tx, id, &valid, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let clauses = valid.complete_clauses().len();
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "agreement.edited",
        entity_type: "agreement",
        entity_id: id.to_string(),
        before: Some(format!("{} clauses", agreement.record.validate().unwrap_or_default().complete_clauses().len())),
        after: Some(format!("{clauses} clauses")),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// A side of the match or its staff records that the agreement was signed, once the
/// record holds what signing needs (else the missing fields, as a validation error). In
/// the same transaction the match becomes `agreed` and the need `matched` (the offer's
/// capacity counts it from now on); if either changed meanwhile, nothing is signed.
pub async fn sign(state: &AppState, user: &CurrentUser, id: i64) -> Result<(), AppError> {
    use super::posting;
    use super::repo::postings;
    use crate::domain::lifecycle::{AgreementAction, PostingAction};
    use crate::domain::posting::PostingKind;

    let agreement = visible(state, user, id).await?;
    let Ok(signed) = agreement.status.apply(AgreementAction::Sign) else {
        return Err(with_status(AppError::Conflict));
    };
    let valid = agreement.record.validate().map_err(validation_error)?;
    let blockers = valid.sign_blockers(&super::db::today());
    if !blockers.is_empty() {
        return Err(validation_error(blockers));
    }
    let guard = caller_guard(user, &agreement)?;
    let need = postings::find(&state.pool, PostingKind::Need, agreement.need_id).await.or_internal()?;
    let need = need.ok_or_else(|| with_status(AppError::Conflict))?;
    let mut tx = state.write().await.or_internal()?;
    let moved = agreements::transition(&mut tx, id, agreement.status, signed, &guard).await.or_internal()?;
    let agreed = moved
        && matches::transition(
            &mut tx,
            agreement.need_match_id,
            MatchStatus::Introduced,
            MatchStatus::Agreed,
            None,
            user.user_id,
            &Guard::Anywhere,
        )
        .await
        .or_internal()?;
    let matched = agreed
        && posting::apply(&mut tx, Some(user), &need, PostingAction::Match, None, &Guard::Anywhere)
            .await
            .or_internal()?
            .is_some();
    if !matched {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "agreement.signed",
        entity_type: "agreement",
        entity_id: id.to_string(),
        before: Some(agreement.status.as_str().to_owned()),
        after: Some(signed.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()
}
