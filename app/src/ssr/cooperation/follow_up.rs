//! After signing: activation on the start date, progress updates, completion with its
//! outcome (the need fulfilled), the village head's report, termination, and the reminders
//! of quiet follow-ups and due reports.

use super::record::{need_of, non_empty};
use super::{for_step, record_change};
use crate::domain::account::CurrentUser;
use crate::domain::cooperation::{self as rules, parse_report, CompletionInput, Progress, Step, Termination};
use crate::domain::lifecycle::{AgreementStatus, PostingAction};
use crate::ssr::db::local_date;
use crate::ssr::db::{now, today};
use crate::ssr::errors::{with_status, OrInternal};
use crate::ssr::locale::validation_error;
use crate::ssr::posting;
use crate::ssr::repo::agreements::{self, Set};
use crate::ssr::repo::notifications::{notify, Notice};
use crate::ssr::repo::postings::Guard;
use crate::ssr::AppState;
use crate::wire::error::AppError;

/// A side reports progress on an active cooperation (text, optional percentage). A phone
/// that sends the same update again (`client_id`) adds it once.
pub async fn add_progress(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    text: &str,
    percent: &str,
    client_id: &str,
) -> Result<(), AppError> {
    use crate::domain::validation::{draft_id, FieldError};
    // Every mistake at once, the client id's with the text's and the percentage's.
    let (progress, client_id) = match (Progress::parse(text, percent), draft_id(client_id)) {
        (Ok(progress), Ok(client_id)) => (progress, client_id),
        (parsed, client_id) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(client_id.err().map(|problem| FieldError::new("client_id", problem)));
            return Err(validation_error(errors));
        }
    };
    let (agreement, _, guard) = for_step(state, user, id, Step::Progress).await?;
    let client_id = client_id.map(|c| format!("agreement/{id}/{c}"));
    let mut tx = state.write().await.or_internal()?;
    let added = agreements::add_progress(&mut tx, id, &progress, client_id.as_deref(), user.user_id, &guard)
        .await
        .or_internal()?;
    if !added {
        if client_id.is_some() {
            // The same update sent again: it is there already.
            return Ok(());
        }
        return Err(with_status(AppError::Conflict));
    }
    let after = progress.percent.map(|p| format!("{p}%"));
    record_change(&mut tx, Some(user), &agreement, "agreement.progress", None, after, Some(progress.text))
        .await
        .or_internal()?;
    tx.commit().await.or_internal()
}

/// A side or staff complete an active cooperation with its outcome; its need is fulfilled.
pub async fn complete(state: &AppState, user: &CurrentUser, id: i64, input: &CompletionInput) -> Result<(), AppError> {
    let (agreement, _, guard) = for_step(state, user, id, Step::Complete).await?;
    let started = non_empty(&agreement.record.starts_on);
    let done = input.validate(started, &today()).map_err(validation_error)?;
    let need = need_of(state, &agreement).await?;
    let columns = [
        Set::Text("ended_on", Some(&done.ended_on)),
        Set::Text("outcome", Some(&done.outcome)),
        Set::Number("beneficiaries", Some(done.beneficiaries)),
        Set::Text("status_after", done.status_after.map(|s| s.as_str())),
        Set::Number("status_after_year", done.status_after_year),
        Set::Text("reported_to_bpd_on", done.report.reported_to_bpd_on.as_deref()),
        Set::Text("copied_to_regent_on", done.report.copied_to_regent_on.as_deref()),
    ];
    let mut tx = state.write().await.or_internal()?;
    let to = Some(AgreementStatus::Completed);
    if !agreements::change(&mut tx, id, &[AgreementStatus::Active], to, &columns, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    // A need its village already marked fulfilled stays so.
    posting::apply(&mut tx, Some(user), &need, PostingAction::Fulfil, None, &Guard::Anywhere).await.or_internal()?;
    record_change(
        &mut tx,
        Some(user),
        &agreement,
        "agreement.completed",
        Some("active".into()),
        Some("completed".into()),
        Some(done.outcome),
    )
    .await
    .or_internal()?;
    tx.commit().await.or_internal()
}

/// The village (or staff) dates the report of a completed cooperation: to the BPD, and its
/// copy to the regent through the camat. A date left empty keeps the one recorded.
pub async fn report(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    reported_to_bpd_on: &str,
    copied_to_regent_on: &str,
) -> Result<(), AppError> {
    let (agreement, _, guard) = for_step(state, user, id, Step::Report).await?;
    let ended = agreement.follow_up.ended_on.clone();
    let report =
        parse_report(reported_to_bpd_on, copied_to_regent_on, ended.as_deref(), &today()).map_err(validation_error)?;
    let mut columns = Vec::new();
    if let Some(date) = report.reported_to_bpd_on.as_deref() {
        columns.push(Set::Text("reported_to_bpd_on", Some(date)));
    }
    if let Some(date) = report.copied_to_regent_on.as_deref() {
        columns.push(Set::Text("copied_to_regent_on", Some(date)));
    }
    if columns.is_empty() {
        let missing = ["reported_to_bpd_on", "copied_to_regent_on"]
            .map(|f| crate::domain::validation::FieldError::new(f, crate::domain::validation::Problem::Required));
        return Err(validation_error(missing.to_vec()));
    }
    let mut tx = state.write().await.or_internal()?;
    if !agreements::change(&mut tx, id, &[AgreementStatus::Completed], None, &columns, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let after = [report.reported_to_bpd_on, report.copied_to_regent_on].map(|d| d.unwrap_or_else(|| "—".into()));
    record_change(&mut tx, Some(user), &agreement, "agreement.reported", None, Some(after.join(" / ")), None)
        .await
        .or_internal()?;
    tx.commit().await.or_internal()
}

/// A side or staff end a signed or active cooperation early, with the reason and, in a
/// dispute, how far it went (who settles it follows, `rules::settler`). Its need, unless
/// another cooperation still takes it up, is open to partners again (and expires at the end
/// of its window as any published need).
pub async fn terminate(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    ended_on: &str,
    reason: &str,
    dispute: &str,
) -> Result<(), AppError> {
    let ended = Termination::parse(ended_on, reason, dispute, &today()).map_err(validation_error)?;
    let (agreement, _, guard) = for_step(state, user, id, Step::Terminate).await?;
    let need = need_of(state, &agreement).await?;
    let columns = [
        Set::Text("ended_on", Some(&ended.ended_on)),
        Set::Text("termination_reason", Some(&ended.reason)),
        Set::Text("dispute_stage", ended.dispute.map(|d| d.as_str())),
    ];
    let from = [AgreementStatus::Signed, AgreementStatus::Active];
    let mut tx = state.write().await.or_internal()?;
    let to = Some(AgreementStatus::Terminated);
    if !agreements::change(&mut tx, id, &from, to, &columns, &guard).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    if !agreements::need_taken_up(&mut tx, need.id, id).await.or_internal()? {
        posting::apply(&mut tx, Some(user), &need, PostingAction::Reopen, None, &Guard::Anywhere)
            .await
            .or_internal()?;
    }
    let before = Some(agreement.status.as_str().to_owned());
    record_change(
        &mut tx,
        Some(user),
        &agreement,
        "agreement.terminated",
        before,
        Some("terminated".into()),
        Some(ended.reason),
    )
    .await
    .or_internal()?;
    tx.commit().await.or_internal()
}

/// Registered cooperations whose start date has come become active. Returns how many.
pub async fn activate_due(state: &AppState) -> Result<u64, sqlx::Error> {
    let due: Vec<i64> = sqlx::query_scalar(
        "select agreement_id from agreement where status = 'signed' and registered_at is not null \
         and starts_on is not null and starts_on <= $1",
    )
    .bind(today())
    .fetch_all(&state.pool)
    .await?;
    let mut activated = 0;
    for id in due {
        let Some(agreement) = agreements::find(&state.pool, id).await? else { continue };
        let at = now();
        let mut tx = state.write().await?;
        let columns = [Set::Text("activated_at", Some(&at))];
        let to = Some(AgreementStatus::Active);
        if agreements::change(&mut tx, id, &[AgreementStatus::Signed], to, &columns, &Guard::Anywhere).await? {
            record_change(
                &mut tx,
                None,
                &agreement,
                "agreement.activated",
                Some("signed".into()),
                Some("active".into()),
                None,
            )
            .await?;
            activated += 1;
        }
        tx.commit().await?;
    }
    Ok(activated)
}

/// A cooperation that may need a reminder.
#[derive(sqlx::FromRow)]
struct Quiet {
    agreement_id: i64,
    status: String,
    activated_at: Option<String>,
    progress_reminded_at: Option<String>,
    report_reminded_at: Option<String>,
    last_progress: Option<String>,
}

/// Reminds the people of active cooperations without progress for the configured days
/// (both sides and the regency's staff), and the village of completed ones whose report is
/// due — each at most once per period. Returns how many cooperations were brought up.
pub async fn remind(state: &AppState) -> Result<u64, sqlx::Error> {
    let days = state.site.progress_reminder_days;
    let today = today();
    let rows: Vec<Quiet> = sqlx::query_as(
        "select a.agreement_id, a.status, a.activated_at, a.progress_reminded_at, a.report_reminded_at, \
                (select max(p.reported_on) from agreement_progress p where p.agreement_id = a.agreement_id) \
                  as last_progress \
         from agreement a where a.status = 'active' or (a.status = 'completed' and \
           (a.reported_to_bpd_on is null or a.copied_to_regent_on is null))",
    )
    .fetch_all(&state.pool)
    .await?;
    let mut reminded = 0;
    for Quiet {
        agreement_id: id,
        status,
        activated_at: activated,
        progress_reminded_at: progress_reminded,
        report_reminded_at: report_reminded,
        last_progress,
    } in rows
    {
        let reminded_recently = |at: &Option<String>| {
            at.as_deref().is_some_and(|at| !rules::progress_overdue(None, &local_date(at), &today, days))
        };
        let (kind, column, village_only) = if status == "active" {
            let started = activated.as_deref().map(local_date).unwrap_or_else(|| today.clone());
            let quiet = rules::progress_overdue(last_progress.as_deref(), &started, &today, days);
            if !quiet || reminded_recently(&progress_reminded) {
                continue;
            }
            ("agreement.progress_due", "progress_reminded_at", false)
        } else {
            if reminded_recently(&report_reminded) {
                continue;
            }
            ("agreement.report_due", "report_reminded_at", true)
        };
        let Some(agreement) = agreements::find(&state.pool, id).await? else { continue };
        let mut tx = state.write().await?;
        let mut people = if village_only {
            crate::ssr::repo::needs::village_operators(&mut tx, &agreement.village_code).await?
        } else {
            agreements::people(&mut tx, &agreement).await?
        };
        people.dedup();
        let at = now();
        let status = AgreementStatus::parse(&status).unwrap_or(AgreementStatus::Active);
        let columns = [Set::Text(column, Some(&at))];
        if agreements::change(&mut tx, id, &[status], None, &columns, &Guard::Anywhere).await? {
            let payload = serde_json::json!({ "title": agreement.need_title }).to_string();
            let notice = Notice { kind, entity_type: "agreement", entity_id: id.to_string(), payload: Some(payload) };
            notify(&mut tx, &people, &notice).await?;
            reminded += 1;
        }
        tx.commit().await?;
    }
    Ok(reminded)
}
