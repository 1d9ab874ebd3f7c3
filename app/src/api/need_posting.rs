//! A village operator's own needs: write, submit, withdraw, list.

use crate::api::needs::NeedLine;
use crate::domain::need::NeedInput;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves a need. Without `need_id` it creates a draft; a draft or returned need is
/// changed in place; a published one gets a revision that waits for moderation while
/// the published text stays visible. Answers with a redirect to the need's page.
#[server(endpoint = "save_need")]
pub async fn save_need(need_id: String, need: NeedInput) -> Result<(), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::domain::lifecycle::PostingStatus;
    use crate::server::db::today;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::locale::validation_error_with_input;
    use crate::server::repo::{audit, needs};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code: village_code, regency_code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let valid = need.validate(&today()).map_err(|errors| validation_error_with_input(errors, need.fields()))?;
    let state = AppState::current()?;
    let existing = match need_id.trim() {
        "" => None,
        id => {
            let id: i64 = id.parse().map_err(|_| with_status(AppError::NotFound))?;
            let found = needs::find(&state.pool, id).await.or_internal()?;
            let found =
                found.filter(|n| needs::may_see(Some(&user), n)).ok_or_else(|| with_status(AppError::NotFound))?;
            if !needs::may_edit(Some(&user), &found) {
                return Err(with_status(AppError::Forbidden));
            }
            Some(found)
        }
    };

    let mut tx = state.pool.begin().await.or_internal()?;
    let (need_id, action, entity_type, entity_id) = match existing {
        None => {
            let id = needs::insert_draft(&mut tx, village_code, user.user_id, &valid).await.or_internal()?;
            (id, "need.created", "need", id)
        }
        Some(found) if found.status == PostingStatus::Published => {
            let revision = needs::propose_revision(&mut tx, found.need_id, user.user_id, &valid).await.or_internal()?;
            (found.need_id, "need.revision_proposed", "need_revision", revision)
        }
        Some(found) => {
            if !needs::update_content(&mut tx, found.need_id, &valid).await.or_internal()? {
                return Err(with_status(AppError::Conflict));
            }
            (found.need_id, "need.edited", "need", found.need_id)
        }
    };
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action,
        entity_type,
        entity_id: entity_id.to_string(),
        before: None,
        after: Some(valid.title.clone()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    if entity_type == "need_revision" {
        state.live.publish(crate::server::live::Event::for_staff(regency_code, "queue"));
    }
    tracing::info!(need_id, action, "need saved");
    leptos_axum::redirect(&format!("/peluang/{need_id}"));
    Ok(())
}

/// The operator sends a draft or returned need to moderation.
#[server(endpoint = "submit_need")]
pub async fn submit_need(need_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    owner_transition(need_id, PostingAction::Submit, "need.submitted").await
}

/// The operator takes a need back (from draft, moderation or publication).
#[server(endpoint = "withdraw_need")]
pub async fn withdraw_need(need_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    owner_transition(need_id, PostingAction::Withdraw, "need.withdrawn").await
}

#[cfg(feature = "ssr")]
async fn owner_transition(
    need_id: i64,
    action: crate::domain::lifecycle::PostingAction,
    audit_action: &str,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, needs};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let state = AppState::current()?;
    let found = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = found.filter(|n| needs::may_see(Some(&user), n)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !needs::is_operator_of(&user, &need.village_code) {
        return Err(with_status(AppError::Forbidden));
    }
    let to = need.status.apply(action).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.pool.begin().await.or_internal()?;
    if !needs::transition(&mut tx, need_id, need.status, to, None).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: audit_action,
        entity_type: "need",
        entity_id: need_id.to_string(),
        before: Some(need.status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    // The staff's queues change when a need enters or leaves moderation.
    state.live.publish(crate::server::live::Event::for_staff(&need.regency_code, "queue"));
    leptos_axum::redirect(&format!("/peluang/{need_id}"));
    Ok(())
}

/// All needs of the operator's village, in every state.
#[server(endpoint = "my_needs")]
pub async fn my_needs() -> Result<Vec<NeedLine>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::needs;
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    needs::of_village(&state.pool, code).await.or_internal()
}
