//! Lists of cooperations: `/kerja-sama` and the public API (signed or later, plus the
//! caller's own drafts), one public cooperation, and the dashboard's tasks.

use crate::domain::account::{CurrentUser, Scope};
use crate::domain::cooperation::{self as rules, Party};
use crate::domain::cooperation_query::CooperationQuery;
use crate::domain::lifecycle::AgreementStatus;
use crate::ssr::errors::OrInternal;
use crate::ssr::locale::validation_error;
use crate::ssr::repo::agreement_lists;
use crate::ssr::repo::postings::{Guard, OwnerKey};
use crate::ssr::AppState;
use crate::wire::cooperations::{CooperationLine, CooperationResults, CooperationTask};
use crate::wire::error::AppError;

/// The side or jurisdiction whose drafts a caller sees in lists, and which party they
/// are to what it reaches (`None`: the public's list only).
fn reach(caller: Option<&CurrentUser>) -> Option<(Guard, Party)> {
    let user = caller?;
    if let Some(staff) = Guard::for_staff(user) {
        return Some((staff, Party::Staff));
    }
    match &user.scope {
        Scope::Village { code, .. } => Some((Guard::Owner(OwnerKey::Village(code.clone())), Party::Village)),
        Scope::Organisation { id, .. } => Some((Guard::Owner(OwnerKey::Organisation(*id)), Party::Partner)),
        _ => None,
    }
}

/// A page of cooperations for the caller: the public ones and the drafts they reach.
pub async fn list(
    state: &AppState,
    caller: Option<&CurrentUser>,
    query: &CooperationQuery,
) -> Result<CooperationResults, AppError> {
    let valid = query.validate().map_err(validation_error)?;
    let page = agreement_lists::list(&state.pool, &valid, reach(caller).map(|(guard, _)| guard).as_ref())
        .await
        .or_internal()?;
    Ok(page.into())
}

/// One cooperation as the public sees it (signed or later), or `None`.
pub async fn public(state: &AppState, id: i64) -> Result<Option<CooperationLine>, AppError> {
    agreement_lists::public(&state.pool, id).await.or_internal()
}

/// What waits for the caller among the cooperations they reach, and what to do.
pub async fn tasks(state: &AppState, user: &CurrentUser) -> Result<Vec<CooperationTask>, AppError> {
    let Some((guard, party)) = reach(Some(user)) else { return Ok(Vec::new()) };
    let open = agreement_lists::open_within(&state.pool, &guard).await.or_internal()?;
    let today = crate::ssr::db::today();
    let days = state.site.progress_reminder_days;
    let mut tasks = Vec::new();
    for standing in open {
        let started = standing.line.starts_on.clone().unwrap_or_else(|| today.clone());
        let overdue = standing.line.status == AgreementStatus::Active
            && rules::progress_overdue(standing.last_progress_on.as_deref(), &started, &today, days);
        let due = standing.line.status == AgreementStatus::Completed && standing.report_due;
        if let Some(step) = rules::next_step(party, standing.line.status, standing.registered, overdue, due) {
            tasks.push(CooperationTask { line: standing.line, step });
        }
    }
    Ok(tasks)
}
