//! A partner member keeps the organisation's profile (including its private contact).

use crate::domain::organisation::OrganisationInput;
use crate::wire::error::AppError;
use crate::wire::organisations::OrganisationProfile;
use leptos::prelude::*;

#[server(endpoint = "my_organisation")]
pub async fn my_organisation() -> Result<OrganisationProfile, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::organisations;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let found = organisations::profile(&state.pool, *id).await.or_internal()?;
    let (content, status, status_reason) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let pending_change = organisations::pending_identity(&state.pool, *id).await.or_internal()?;
    Ok(OrganisationProfile { organisation_id: *id, status, status_reason, content, pending_change })
}

/// Saves the caller's organisation profile. Staff verified who the organisation is: once it
/// is verified, a new name or type waits for province staff (the rest changes at once);
/// every change is in the audit log.
#[server(endpoint = "save_organisation")]
pub async fn save_organisation(organisation: OrganisationInput) -> Result<(), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::domain::organisation::OrganisationStatus;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::live::Event;
    use crate::ssr::locale::validation_error_with_input;
    use crate::ssr::repo::{audit, organisations, regions};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let known = regions::area_codes(&state.pool).await.or_internal()?;
    let valid = organisation
        .validate(&|code| known.contains(code))
        .map_err(|errors| validation_error_with_input(errors, organisation.fields()))?;
    let found = organisations::profile(&state.pool, *id).await.or_internal()?;
    let (current, status, _) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let identity_changed = current.name != valid.name || current.kind != valid.kind.as_str();
    let checked = matches!(status, OrganisationStatus::Verified | OrganisationStatus::Suspended);
    let mut tx = state.write().await.or_internal()?;
    organisations::update_profile(&mut tx, *id, &valid, !checked).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "organisation.edited",
        entity_type: "organisation",
        entity_id: id.to_string(),
        before: Some(current.name.clone()),
        after: Some(if checked { current.name.clone() } else { valid.name.clone() }),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    if checked && identity_changed {
        let change =
            organisations::propose_identity(&mut tx, *id, &valid.name, valid.kind, user.user_id).await.or_internal()?;
        let entry = audit::AuditEntry {
            actor_id: Some(user.user_id),
            action: "organisation_revision.proposed",
            entity_type: "organisation_revision",
            entity_id: change.to_string(),
            before: Some(format!("{} ({})", current.name, current.kind)),
            after: Some(format!("{} ({})", valid.name, valid.kind.as_str())),
            reason: None,
        };
        audit::record(&mut tx, entry).await.or_internal()?;
        tx.announce(Event::for_province_staff("queue"));
    }
    tx.commit().await.or_internal()?;
    leptos_axum::redirect("/dasbor");
    Ok(())
}
