//! `/desa/:kode`: a village's public profile with its published needs, and the operator's
//! profile editor. The contact person is private to the village's operators and the staff
//! of its regency.

use crate::api::needs::NeedLine;
use crate::domain::village::VillageProfileInput;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillageProfileView {
    pub description: Option<String>,
    pub sectors: Vec<String>,
    pub development_status: Option<String>,
    pub status_year: Option<i64>,
    pub status_index_kind: Option<String>,
    pub status_index_value: Option<f64>,
    pub population: Option<i64>,
}

/// The private contact person of a village.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageContact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillagePage {
    pub village_code: String,
    pub name: String,
    /// `desa` or `kelurahan`.
    pub kind: String,
    pub district_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub profile: VillageProfileView,
    /// Only for the village's operators and the staff of its regency.
    pub contact: Option<VillageContact>,
    /// Published needs, newest first.
    pub needs: Vec<NeedLine>,
    pub can_edit: bool,
}

/// A village by its Kemendagri code. Public; the contact only for insiders.
#[server(endpoint = "village")]
pub async fn get_village(code: String) -> Result<VillagePage, AppError> {
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{needs, villages};
    use crate::server::{auth, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let code = crate::domain::region::RegionCode::parse(&code)
        .filter(|c| c.level() == crate::domain::region::RegionLevel::Village)
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let found = villages::find(&state.pool, code.as_str()).await.or_internal()?;
    let (mut page, contact) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let operator = caller.as_ref().is_some_and(|u| needs::is_operator_of(u, &page.village_code));
    let staff = caller.as_ref().is_some_and(|u| u.role.is_staff() && u.scope.covers_regency(&page.regency_code));
    page.can_edit = operator;
    if operator || staff {
        page.contact = Some(contact);
    }
    let mut lines = needs::of_village(&state.pool, &page.village_code).await.or_internal()?;
    lines.retain(|n| n.status.is_public());
    page.needs = lines;
    Ok(page)
}

/// The operator's own village profile as form text (contact included).
#[server(endpoint = "my_village_profile")]
pub async fn my_village_profile() -> Result<(VillagePage, VillageProfileInput), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::villages;
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let found = villages::find(&state.pool, code).await.or_internal()?;
    let (page, contact) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let input = villages::input_of(&page, &contact);
    Ok((page, input))
}

/// Saves the operator's village profile; audited.
#[server(endpoint = "save_village_profile")]
pub async fn save_village_profile(profile: VillageProfileInput) -> Result<(), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::db::today;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::locale::validation_error_with_input;
    use crate::server::repo::{audit, villages};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let this_year: i64 = today()[..4].parse().unwrap_or(2026);
    let valid = profile.validate(this_year).map_err(|errors| validation_error_with_input(errors, profile.fields()))?;
    let state = AppState::current()?;
    let mut tx = state.pool.begin().await.or_internal()?;
    villages::save(&mut tx, code, &valid, user.user_id).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "village_profile.edited",
        entity_type: "village",
        entity_id: code.clone(),
        before: None,
        after: valid.development_status.map(|s| s.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    leptos_axum::redirect(&format!("/desa/{code}"));
    Ok(())
}
