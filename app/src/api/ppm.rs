//! PPM / TJSL (`ssr::ppm`): companies' operation-area villages, their reports, and the
//! staff's coverage view. Forms post without JavaScript and come back to the report.

use crate::domain::ppm::OperationAreaInput;
use crate::wire::error::AppError;
use crate::wire::ppm::{PpmCoverage, PpmReport, VillageOperation};
use leptos::prelude::*;

/// Where a company's report lives: its members' `/laporan-ppm`, staff's `/laporan-ppm/{id}`.
#[cfg(feature = "ssr")]
fn report_path(user: &crate::domain::account::CurrentUser, organisation_id: i64) -> String {
    if user.role.is_staff() {
        format!("/laporan-ppm/{organisation_id}")
    } else {
        "/laporan-ppm".to_owned()
    }
}

/// A company's report: a member's own (`mitra` ignored), any company's for staff.
#[server(endpoint = "ppm_report")]
pub async fn get_ppm_report(#[server(default)] mitra: Option<i64>) -> Result<PpmReport, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, ppm, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    ppm::report(&AppState::current()?, &user, mitra).await
}

/// Records a village of an operation area (a member: proposed; staff: confirmed).
#[server(endpoint = "record_operation_area")]
pub async fn record_operation_area(
    #[server(default)] mitra: Option<i64>,
    area: OperationAreaInput,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, ppm, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let id = ppm::record(&AppState::current()?, &user, mitra, &area).await?;
    leptos_axum::redirect(&report_path(&user, id));
    Ok(())
}

/// Staff confirm a proposed village.
#[server(endpoint = "confirm_operation_area")]
pub async fn confirm_operation_area(mitra: i64, desa: String, #[server(default)] back: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, ppm, AppState};
    let user = auth::require(Requirement::Staff).await?;
    ppm::confirm(&AppState::current()?, &user, mitra, &desa).await?;
    let back = if back == "cakupan" { "/laporan-ppm".to_owned() } else { report_path(&user, mitra) };
    leptos_axum::redirect(&back);
    Ok(())
}

/// Takes a village out of an operation area.
#[server(endpoint = "remove_operation_area")]
pub async fn remove_operation_area(#[server(default)] mitra: Option<i64>, desa: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, ppm, AppState};
    let user = auth::require(Requirement::SignedIn).await?;
    let id = ppm::remove(&AppState::current()?, &user, mitra, &desa).await?;
    leptos_axum::redirect(&report_path(&user, id));
    Ok(())
}

/// Ring-1 coverage per company and the proposals waiting, for staff.
#[server(endpoint = "ppm_coverage")]
pub async fn get_ppm_coverage() -> Result<PpmCoverage, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::{auth, ppm, AppState};
    let user = auth::require(Requirement::Staff).await?;
    ppm::coverage(&AppState::current()?, &user).await
}

/// The companies whose operation area (confirmed) a village lies in. Public.
#[server(endpoint = "village_operations")]
pub async fn get_village_operations(desa: String) -> Result<Vec<VillageOperation>, AppError> {
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::operation_areas;
    use crate::ssr::AppState;
    operation_areas::of_village(&AppState::current()?.pool, &desa).await.or_internal()
}
