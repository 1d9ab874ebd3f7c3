//! PPM / TJSL: companies record the villages of their operation areas (ring 1, ring 2),
//! the staff of the village's regency (or the province) confirm them or record them
//! directly; a company's report shows its ring villages, their open needs, its cooperations
//! there and the villages not yet served; staff see ring-1 coverage in their jurisdiction.
//!
//! Who may: a verified member of a company (or state enterprise) for their own
//! organisation; staff for the villages of their jurisdiction. Every write repeats the
//! jurisdiction in its SQL, is audited, and answers a mistake with a named field.

use super::errors::{with_status, OrInternal};
use super::locale::validation_error_with_input;
use super::repo::notifications::{notify, Notice};
use super::repo::operation_areas as areas;
use super::repo::{audit, postings::Guard};
use super::AppState;
use crate::domain::access::Moderators;
use crate::domain::account::CurrentUser;
use crate::domain::organisation::OrganisationKind;
use crate::domain::ppm::{has_obligations, own_organisation, AreaStatus, OperationAreaInput};
use crate::domain::validation::{FieldError, Problem};
use crate::wire::error::AppError;
use crate::wire::ppm::{PpmCoverage, PpmReport};

/// The regency a staff member's writes are held to (`None`: the province).
fn jurisdiction(user: &CurrentUser) -> Result<Option<String>, AppError> {
    match Guard::for_staff(user) {
        Some(Guard::Regency(code)) => Ok(Some(code)),
        Some(_) => Ok(None),
        None => Err(with_status(AppError::Forbidden)),
    }
}

/// A company (or state enterprise) that has PPM obligations: its name, or `NotFound`.
async fn company(state: &AppState, organisation_id: i64) -> Result<String, AppError> {
    let found = areas::organisation(&state.pool, organisation_id).await.or_internal()?;
    match found {
        Some((name, kind, _)) if OrganisationKind::parse(&kind).is_some_and(has_obligations) => Ok(name),
        _ => Err(with_status(AppError::NotFound)),
    }
}

/// The report of a company: a member's own (`organisation_id` ignored), or any company's
/// for staff. Everyone else: forbidden.
pub async fn report(state: &AppState, user: &CurrentUser, organisation_id: Option<i64>) -> Result<PpmReport, AppError> {
    let (id, can_record) = match (own_organisation(user), organisation_id) {
        (Some(own), _) => (own, true),
        (None, Some(id)) if user.role.is_staff() => (id, false),
        _ => return Err(with_status(AppError::Forbidden)),
    };
    let organisation = company(state, id).await?;
    let mut villages = areas::villages_of(&state.pool, id).await.or_internal()?;
    if user.role.is_staff() {
        for village in &mut villages {
            let regency = crate::domain::region::RegionCode::parse(&village.village_code)
                .map(|code| code.regency().to_owned())
                .unwrap_or_default();
            village.can_confirm =
                village.status == AreaStatus::Proposed.as_str() && Moderators::Regency(regency).include(user);
        }
    }
    let cooperations = areas::cooperations_of(&state.pool, id).await.or_internal()?;
    Ok(PpmReport { organisation_id: id, organisation, can_record, staff: user.role.is_staff(), villages, cooperations })
}

/// Records a village of an operation area: a member for their own company (proposed), or
/// staff for any company within their jurisdiction (confirmed at once).
pub async fn record(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: Option<i64>,
    input: &OperationAreaInput,
) -> Result<i64, AppError> {
    let refuse = |errors: Vec<FieldError>| {
        validation_error_with_input(
            errors,
            vec![("desa".into(), input.desa.clone()), ("ring".into(), input.ring.clone())],
        )
    };
    let (id, status) = match own_organisation(user) {
        Some(own) => (own, AreaStatus::Proposed),
        None if user.role.is_staff() => {
            (organisation_id.ok_or_else(|| with_status(AppError::NotFound))?, AreaStatus::Confirmed)
        }
        None => return Err(with_status(AppError::Forbidden)),
    };
    let name = company(state, id).await?;
    let (village, ring) = input.validate().map_err(refuse)?;
    let Some(regency) = areas::regency_of_village(&state.pool, village.as_str()).await.or_internal()? else {
        return Err(refuse(vec![FieldError::new("desa", Problem::InvalidChoice)]));
    };
    if status == AreaStatus::Confirmed && !Moderators::Regency(regency.clone()).include(user) {
        return Err(with_status(AppError::Forbidden));
    }
    let mut tx = state.write().await.or_internal()?;
    let before = areas::record(&mut tx, id, village.as_str(), ring, status, user.user_id).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "operation_area.recorded",
        entity_type: "operation_area",
        entity_id: format!("{id}/{}", village.as_str()),
        before,
        after: Some(format!("{} {}", ring.as_str(), status.as_str())),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    if status == AreaStatus::Proposed {
        // The staff who confirm it hear of it (and see it on /laporan-ppm).
        let staff = crate::ssr::repo::matches::staff_of(&mut tx, &regency).await.or_internal()?;
        let title = format!("{name}: {}", village.as_str());
        let notice = Notice {
            kind: "operation_area.proposed",
            entity_type: "operation_area",
            entity_id: format!("{id}/{}", village.as_str()),
            payload: Some(serde_json::json!({ "title": title }).to_string()),
        };
        notify(&mut tx, &staff, &notice).await.or_internal()?;
    }
    tx.commit().await.or_internal()?;
    Ok(id)
}

/// Staff confirm a village a company proposed, within their jurisdiction.
pub async fn confirm(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    village: &str,
) -> Result<(), AppError> {
    let regency = jurisdiction(user)?;
    let mut tx = state.write().await.or_internal()?;
    let done =
        areas::confirm(&mut tx, organisation_id, village, regency.as_deref(), user.user_id).await.or_internal()?;
    if !done {
        return Err(with_status(AppError::NotFound));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "operation_area.confirmed",
        entity_type: "operation_area",
        entity_id: format!("{organisation_id}/{village}"),
        before: Some(AreaStatus::Proposed.as_str().to_owned()),
        after: Some(AreaStatus::Confirmed.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// Takes a village out of an operation area: a member from their own company's, staff
/// within their jurisdiction.
pub async fn remove(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: Option<i64>,
    village: &str,
) -> Result<i64, AppError> {
    let (id, regency) = match own_organisation(user) {
        Some(own) => (own, None),
        None => (organisation_id.ok_or_else(|| with_status(AppError::NotFound))?, jurisdiction(user)?),
    };
    let mut tx = state.write().await.or_internal()?;
    if !areas::remove(&mut tx, id, village, regency.as_deref()).await.or_internal()? {
        return Err(with_status(AppError::NotFound));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "operation_area.removed",
        entity_type: "operation_area",
        entity_id: format!("{id}/{village}"),
        before: None,
        after: None,
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    Ok(id)
}

/// Ring-1 coverage and the proposals waiting, in the staff member's jurisdiction.
pub async fn coverage(state: &AppState, user: &CurrentUser) -> Result<PpmCoverage, AppError> {
    let regency = jurisdiction(user)?;
    Ok(PpmCoverage {
        companies: areas::coverage(&state.pool, regency.as_deref()).await.or_internal()?,
        pending: areas::pending(&state.pool, regency.as_deref()).await.or_internal()?,
    })
}
