//! Server functions, one module per area, each with a fixed endpoint under `/api/`. Every
//! one that is not public starts with `auth::require(…)`; the work is done by the
//! repositories and services of `ssr`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod clusters;
pub mod cooperations;
pub mod home;
pub mod invitations;
pub mod matches;
pub mod moderation;
pub mod need_posting;
pub mod needs;
pub mod notifications;
pub mod offer_posting;
pub mod offers;
pub mod organisation_profile;
pub mod outcome;
pub mod placements;
pub mod ppm;
pub mod rounds;
pub mod staleness;
pub mod statistics;
pub mod suggestions;
pub mod villages;

/// An id posted as text that may be empty (a new posting): `None`, the id, or `NotFound`.
#[cfg(feature = "ssr")]
fn optional_id(text: &str) -> Result<Option<i64>, crate::wire::error::AppError> {
    use crate::wire::error::{with_status, AppError};
    match text.trim() {
        "" => Ok(None),
        id => id.parse().map(Some).map_err(|_| with_status(AppError::NotFound)),
    }
}

/// Who owns postings of a kind: village operators needs, partner members offers.
#[cfg(feature = "ssr")]
fn owners_of(kind: crate::domain::posting::PostingKind) -> crate::domain::account::Requirement {
    use crate::domain::account::Requirement;
    match kind {
        crate::domain::posting::PostingKind::Need => Requirement::VillageOperator,
        crate::domain::posting::PostingKind::Offer => Requirement::PartnerMember,
    }
}

/// An owner submits or withdraws a posting of theirs, then goes back to its page.
#[cfg(feature = "ssr")]
async fn owner_action(
    kind: crate::domain::posting::PostingKind,
    id: i64,
    action: crate::domain::lifecycle::PostingAction,
) -> Result<(), crate::wire::error::AppError> {
    use crate::ssr::{auth, posting, AppState};

    let user = auth::require(owners_of(kind)).await?;
    let state = AppState::current()?;
    posting::change_status(&state, &user, kind, id, action, None).await?;
    leptos_axum::redirect(&kind.path(id));
    Ok(())
}

/// Every posting of a kind that the caller's village or organisation owns.
#[cfg(feature = "ssr")]
async fn my_postings(
    kind: crate::domain::posting::PostingKind,
) -> Result<Vec<crate::wire::postings::PostingLine>, crate::wire::error::AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::postings::{self, OwnerKey};
    use crate::ssr::{auth, AppState};
    use crate::wire::error::AppError;

    let user = auth::require(owners_of(kind)).await?;
    let owner = OwnerKey::of_user(&user, kind).ok_or_else(|| with_status(AppError::Forbidden))?;
    let state = AppState::current()?;
    postings::of_owner(&state.pool, kind, &owner).await.or_internal()
}
