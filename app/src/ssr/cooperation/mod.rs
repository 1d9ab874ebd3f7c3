//! Cooperation agreements (*kerja sama*): from the draft of an introduced match to a signed,
//! registered, followed and reported cooperation. Access is the match's
//! (`MatchFacts::may_see`: its two sides, the staff of the need's regency, province staff);
//! others learn nothing (404). What each may do is `domain::cooperation::may`; every update
//! repeats the caller's side or jurisdiction in its SQL. Every change is audited and told to
//! the other people of the cooperation.

mod follow_up;
mod lists;
mod record;

pub use follow_up::{activate_due, add_progress, complete, remind, report, terminate};
pub use lists::{list, public, tasks};
pub use record::{page, register, save, sign, start, view};

use super::errors::{with_status, OrInternal};
use super::repo::agreements::{self, AgreementRecord};
use super::repo::notifications::{notify, Notice};
use super::repo::postings::Guard;
use super::repo::{audit, matches};
use super::write::WriteTx;
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::cooperation::{may, Party, Step};
use crate::wire::error::AppError;

/// An agreement the caller may see, or `NotFound`.
async fn visible(state: &AppState, user: &CurrentUser, id: i64) -> Result<AgreementRecord, AppError> {
    let found = agreements::find(&state.pool, id).await.or_internal()?;
    found.filter(|a| a.facts().may_see(user)).ok_or_else(|| with_status(AppError::NotFound))
}

/// Which party the caller is to an agreement they may see.
fn party(user: &CurrentUser, agreement: &AgreementRecord) -> Party {
    let facts = agreement.facts();
    if facts.is_village_side(user) {
        Party::Village
    } else if facts.is_partner_side(user) {
        Party::Partner
    } else {
        Party::Staff
    }
}

/// An agreement the caller may take `step` on now, with the guard their update repeats
/// (their side, or their jurisdiction as staff): `NotFound` if they may not see it,
/// `Forbidden` if the step is not theirs, `Conflict` if not in this state.
async fn for_step(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    step: Step,
) -> Result<(AgreementRecord, Party, Guard), AppError> {
    let agreement = visible(state, user, id).await?;
    let party = party(user, &agreement);
    let registered = agreement.follow_up.registered_at.is_some();
    if !may(party, step, agreement.status, registered) {
        let anywhere = crate::domain::lifecycle::AgreementStatus::ALL.iter().any(|s| may(party, step, *s, false));
        return Err(with_status(if anywhere { AppError::Conflict } else { AppError::Forbidden }));
    }
    let guard = matches::guard_for(user, &agreement.facts(), party == Party::Staff)
        .ok_or_else(|| with_status(AppError::Forbidden))?;
    Ok((agreement, party, guard))
}

/// Audits a change of an agreement and tells its other people (both sides and the
/// regency's staff, not the one who acted); their open pages refresh.
async fn record_change(
    tx: &mut WriteTx,
    actor: Option<&CurrentUser>,
    agreement: &AgreementRecord,
    action: &str,
    before: Option<String>,
    after: Option<String>,
    reason: Option<String>,
) -> Result<(), sqlx::Error> {
    let entry = audit::AuditEntry {
        actor_id: actor.map(|a| a.user_id),
        action,
        entity_type: "agreement",
        entity_id: agreement.agreement_id.to_string(),
        before,
        after,
        reason,
    };
    audit::record(tx, entry).await?;
    let mut people = agreements::people(tx, agreement).await?;
    people.retain(|id| Some(*id) != actor.map(|a| a.user_id));
    let payload = serde_json::json!({ "title": agreement.need_title }).to_string();
    let notice = Notice {
        kind: action,
        entity_type: "agreement",
        entity_id: agreement.agreement_id.to_string(),
        payload: Some(payload),
    };
    notify(tx, &people, &notice).await?;
    Ok(())
}
