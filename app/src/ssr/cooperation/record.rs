//! The record of a cooperation: starting its draft from an introduced match, reading and
//! changing it, signing it (a side) and registering it (the regency's staff).

use super::{for_step, party, record_change, visible};
use crate::domain::account::CurrentUser;
use crate::domain::cooperation::{self as rules, CooperationInput, Initiative, Party, Step};
use crate::domain::lifecycle::{AgreementAction, AgreementStatus, MatchStatus, PostingAction, PostingStatus};
use crate::domain::posting::PostingKind;
use crate::domain::validation::{self as v, FieldError};
use crate::ssr::errors::{with_status, OrInternal};
use crate::ssr::locale::{validation_error, validation_error_with_input};
use crate::ssr::posting;
use crate::ssr::repo::agreements::{self, AgreementRecord, Set};
use crate::ssr::repo::postings::{self, Guard, Posting};
use crate::ssr::repo::{audit, matches};
use crate::ssr::write::WriteTx;
use crate::ssr::AppState;
use crate::wire::cooperations::{CooperationFollowUp, CooperationShown, CooperationView, ProgressUpdate};
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

/// The agreement as the caller may read it, with what they may do now.
pub async fn view(state: &AppState, user: &CurrentUser, id: i64) -> Result<CooperationView, AppError> {
    let agreement = visible(state, user, id).await?;
    view_of(state, user, agreement).await
}

/// The page of a cooperation: the whole record for its people, the public part (once
/// signed) for everybody else, or `NotFound`.
pub async fn page(state: &AppState, caller: Option<&CurrentUser>, id: i64) -> Result<CooperationShown, AppError> {
    let found = agreements::find(&state.pool, id).await.or_internal()?;
    if let (Some(user), Some(agreement)) = (caller, found) {
        if agreement.facts().may_see(user) {
            return Ok(CooperationShown::Insider(Box::new(view_of(state, user, agreement).await?)));
        }
    }
    let public = super::public(state, id).await?;
    public.map(|line| CooperationShown::Public(Box::new(line))).ok_or_else(|| with_status(AppError::NotFound))
}

async fn view_of(
    state: &AppState,
    user: &CurrentUser,
    agreement: AgreementRecord,
) -> Result<CooperationView, AppError> {
    let id = agreement.agreement_id;
    let progress = agreements::progress(&state.pool, id).await.or_internal()?;
    let valid = agreement.record.validate().unwrap_or_default();
    let today = crate::ssr::db::today();
    let party = party(user, &agreement);
    let f = &agreement.follow_up;
    let registered = f.registered_at.is_some();
    let steps = rules::steps(party, agreement.status, registered);
    let settler = f
        .dispute_stage
        .as_deref()
        .and_then(rules::DisputeStage::parse)
        .map(|stage| rules::settler(stage, f.partner_in_district).as_str().to_owned());
    let started = f.activated_at.as_deref().map(crate::ssr::db::local_date);
    let progress_overdue = agreement.status == AgreementStatus::Active
        && rules::progress_overdue(
            f.last_progress_on.as_deref(),
            started.as_deref().unwrap_or(&today),
            &today,
            state.site.progress_reminder_days,
        );
    let follow_up = CooperationFollowUp {
        regency_name: f.regency_name.clone(),
        registered_on: f.registered_at.as_deref().map(crate::ssr::db::local_date),
        status_at_signing: f.status_at_signing.clone(),
        status_at_signing_year: f.status_at_signing_year.clone(),
        status_at_signing_index: f.status_at_signing_index.clone(),
        ended_on: f.ended_on.clone(),
        outcome: f.outcome.clone(),
        beneficiaries: f.beneficiaries.clone(),
        status_after: f.status_after.clone(),
        status_after_year: f.status_after_year.clone(),
        reported_to_bpd_on: f.reported_to_bpd_on.clone(),
        copied_to_regent_on: f.copied_to_regent_on.clone(),
        report_due: agreement.status == AgreementStatus::Completed
            && rules::report_due(f.reported_to_bpd_on.as_deref(), f.copied_to_regent_on.as_deref()),
        progress_overdue,
        termination_reason: f.termination_reason.clone(),
        dispute_stage: f.dispute_stage.clone(),
        settler,
        progress: progress
            .into_iter()
            .map(|p| ProgressUpdate { reported_on: p.reported_on, text: p.body, percent: p.percent, author: p.author })
            .collect(),
    };
    Ok(CooperationView {
        agreement_id: agreement.agreement_id,
        need_match_id: agreement.need_match_id,
        need_title: agreement.need_title,
        village_name: agreement.village_name,
        organisation_name: agreement.organisation_name,
        status: agreement.status,
        complete_clauses: valid.complete_clauses().iter().map(|c| c.as_str().to_owned()).collect(),
        sign_blockers: valid.sign_blockers(&today).into_iter().map(|e| e.field).collect(),
        can_edit: steps.contains(&Step::Edit),
        steps,
        is_village_side: party == Party::Village,
        follow_up,
        record: agreement.record,
    })
}

/// A side or its staff changes the record of a draft agreement: every field checked (all
/// problems at once, nothing written), the update guarded, the change audited.
pub async fn save(state: &AppState, user: &CurrentUser, id: i64, input: &CooperationInput) -> Result<(), AppError> {
    let (agreement, _, guard) = for_step(state, user, id, Step::Edit).await?;
    let valid = input.validate().map_err(|errors| validation_error_with_input(errors, input.fields()))?;
    let mut tx = state.write().await.or_internal()?;
    if !agreements::save_draft(&mut tx, id, &valid, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let before = agreement.record.validate().unwrap_or_default().complete_clauses().len();
    let after = valid.complete_clauses().len();
    let (before, after) = (Some(format!("{before} clauses")), Some(format!("{after} clauses")));
    record_change(&mut tx, Some(user), &agreement, "agreement.edited", before, after, None).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// A side records that the agreement was signed, once the record holds what signing needs
/// (else the missing fields, as a validation error). In the same transaction the match
/// becomes `agreed` and the need `matched` (the offer's capacity counts it from now on); if
/// either changed meanwhile, nothing is signed. The regency's staff register it next.
pub async fn sign(state: &AppState, user: &CurrentUser, id: i64) -> Result<(), AppError> {
    let (agreement, _, guard) = for_step(state, user, id, Step::Sign).await?;
    let need = need_of(state, &agreement).await?;
    let mut tx = state.write().await.or_internal()?;
    sign_within(&mut tx, user, &agreement, &guard, &need).await?;
    record_change(
        &mut tx,
        Some(user),
        &agreement,
        "agreement.signed",
        Some("draft".into()),
        Some("signed".into()),
        None,
    )
    .await
    .or_internal()?;
    tx.commit().await.or_internal()
}

/// The regency's staff register a signed agreement (a complete draft is signed and
/// registered at once). Registered, it is active from its start date: at once if that has
/// come, else when it comes (`activate_due`).
pub async fn register(state: &AppState, user: &CurrentUser, id: i64) -> Result<(), AppError> {
    let (agreement, _, guard) = for_step(state, user, id, Step::Register).await?;
    let need = need_of(state, &agreement).await?;
    let mut tx = state.write().await.or_internal()?;
    if agreement.status == AgreementStatus::Draft {
        sign_within(&mut tx, user, &agreement, &guard, &need).await?;
    }
    let today = crate::ssr::db::today();
    let at = crate::ssr::db::now();
    let starts = rules::has_started(non_empty(&agreement.record.starts_on), &today);
    let to = if starts { AgreementStatus::Active } else { AgreementStatus::Signed };
    let mut columns = vec![Set::Text("registered_at", Some(&at)), Set::Number("registered_by", Some(user.user_id))];
    if starts {
        columns.push(Set::Text("activated_at", Some(&at)));
    }
    let moved =
        agreements::change(&mut tx, id, &[AgreementStatus::Signed], Some(to), &columns, &guard).await.or_internal()?;
    if !moved {
        return Err(with_status(AppError::Conflict));
    }
    let before = Some(agreement.status.as_str().to_owned());
    record_change(&mut tx, Some(user), &agreement, "agreement.registered", before, Some(to.as_str().to_owned()), None)
        .await
        .or_internal()?;
    tx.commit().await.or_internal()
}

/// The need an agreement answers (gone: the agreement cannot move).
pub(super) async fn need_of(state: &AppState, agreement: &AgreementRecord) -> Result<Posting, AppError> {
    let need = postings::find(&state.pool, PostingKind::Need, agreement.need_id).await.or_internal()?;
    need.ok_or_else(|| with_status(AppError::Conflict))
}

pub(super) fn non_empty(value: &str) -> Option<&str> {
    (!value.trim().is_empty()).then_some(value)
}

/// Signs a draft within the caller's transaction: the record's conditions, the village's
/// development status at signing (from its profile), the match agreed and the need matched
/// (a need that another cooperation matched already stays so).
async fn sign_within(
    tx: &mut WriteTx,
    user: &CurrentUser,
    agreement: &AgreementRecord,
    guard: &Guard,
    need: &Posting,
) -> Result<(), AppError> {
    let Ok(signed) = agreement.status.apply(AgreementAction::Sign) else {
        return Err(with_status(AppError::Conflict));
    };
    let valid = agreement.record.validate().map_err(validation_error)?;
    let blockers = valid.sign_blockers(&crate::ssr::db::today());
    if !blockers.is_empty() {
        return Err(validation_error(blockers));
    }
    let (status, year, index) = agreements::village_status(tx, &agreement.village_code).await.or_internal()?;
    let columns = [
        Set::Text("status_at_signing", status.as_deref()),
        Set::Number("status_at_signing_year", year),
        Set::Text("status_at_signing_index", index.as_deref()),
    ];
    let id = agreement.agreement_id;
    let moved = agreements::change(tx, id, &[agreement.status], Some(signed), &columns, guard).await.or_internal()?;
    let agreed = moved
        && matches::transition(
            tx,
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
        && (need.status() == PostingStatus::Matched
            || posting::apply(tx, Some(user), need, PostingAction::Match, None, &Guard::Anywhere)
                .await
                .or_internal()?
                .is_some());
    if !matched {
        return Err(with_status(AppError::Conflict));
    }
    Ok(())
}
