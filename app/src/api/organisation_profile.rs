//! A partner member keeps the organisation's profile (including its private contact).

use crate::domain::organisation::{OrganisationInput, OrganisationStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The caller's own organisation, contact included (members only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    pub organisation_id: i64,
    pub status: OrganisationStatus,
    pub status_reason: Option<String>,
    pub content: OrganisationInput,
}

#[server(endpoint = "my_organisation")]
pub async fn my_organisation() -> Result<OrganisationProfile, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::organisations;
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let found = organisations::profile(&state.pool, *id).await.or_internal()?;
    let (content, status, status_reason) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    Ok(OrganisationProfile { organisation_id: *id, status, status_reason, content })
}

/// Saves the caller's organisation profile. Verification is not affected: staff verify who
/// the organisation is, and every change is in the audit log.
#[server(endpoint = "save_organisation")]
pub async fn save_organisation(organisation: OrganisationInput) -> Result<(), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::locale::validation_error_with_input;
    use crate::server::repo::{audit, organisations, regions};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, name, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let known = regions::area_codes(&state.pool).await.or_internal()?;
    let valid = organisation
        .validate(&|code| known.contains(code))
        .map_err(|errors| validation_error_with_input(errors, organisation.fields()))?;
    let mut tx = state.pool.begin().await.or_internal()?;
    organisations::update_profile(&mut tx, *id, &valid).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "organisation.edited",
        entity_type: "organisation",
        entity_id: id.to_string(),
        before: Some(name.clone()),
        after: Some(valid.name.clone()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    leptos_axum::redirect("/dasbor");
    Ok(())
}
