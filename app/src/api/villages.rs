//! `/desa/:kode`: a village's public profile with its published needs, and the operator's
//! profile editor. The contact person is private to the village's operators and the staff
//! of its regency.

use crate::domain::village::VillageProfileInput;
use crate::wire::error::AppError;
use crate::wire::villages::VillagePage;
use leptos::prelude::*;

/// A village by its Kemendagri code. Public; the contact only for insiders.
#[server(endpoint = "village")]
pub async fn get_village(code: String) -> Result<VillagePage, AppError> {
    use crate::domain::access::{Moderators, Owner};
    use crate::domain::posting::PostingKind;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::postings::{self, OwnerKey};
    use crate::ssr::repo::villages;
    use crate::ssr::{auth, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let code = crate::domain::region::RegionCode::parse(&code)
        .filter(|c| c.level() == crate::domain::region::RegionLevel::Village)
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let found = villages::find(&state.pool, code.as_str()).await.or_internal()?;
    let (mut page, contact) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let owner = Owner::Village { code: page.village_code.clone(), regency_code: page.regency_code.clone() };
    let operator = caller.as_ref().is_some_and(|u| crate::domain::access::is_owner(u, &owner));
    let staff = caller.as_ref().is_some_and(|u| Moderators::Regency(page.regency_code.clone()).include(u));
    page.can_edit = operator;
    if operator || staff {
        page.contact = Some(contact);
    }
    let key = OwnerKey::Village(page.village_code.clone());
    let mut lines = postings::of_owner(&state.pool, PostingKind::Need, &key).await.or_internal()?;
    lines.retain(|n| n.status.is_public());
    page.needs = lines;
    Ok(page)
}

/// The operator's own village profile as form text (contact included).
#[server(endpoint = "my_village_profile")]
pub async fn my_village_profile() -> Result<(VillagePage, VillageProfileInput), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::villages;
    use crate::ssr::{auth, AppState};

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
    use crate::ssr::db::today;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error_with_input;
    use crate::ssr::repo::{audit, villages};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let this_year: i64 = today()[..4].parse().unwrap_or(2026);
    let valid = profile.validate(this_year).map_err(|errors| validation_error_with_input(errors, profile.fields()))?;
    let state = AppState::current()?;
    let mut tx = state.write().await.or_internal()?;
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
