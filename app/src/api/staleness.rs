//! "Still needed?" / "still offered?": owners answer for a published posting of theirs;
//! staff see the postings whose owners did not answer (`ssr::staleness`).

use crate::wire::error::AppError;
use crate::wire::postings::StaleLine;
use leptos::prelude::*;

/// The owner answers: `confirm`, `extend` (with the new `window_end`), `fulfilled` or
/// `withdraw`. Goes back to the posting's page.
#[server(endpoint = "answer_question")]
pub async fn answer_question(
    kind: String,
    posting_id: i64,
    answer: String,
    #[server(default)] window_end: String,
) -> Result<(), AppError> {
    use crate::domain::posting::PostingKind;
    use crate::ssr::errors::with_status;
    use crate::ssr::{auth, staleness, AppState};

    let kind = PostingKind::parse(&kind).ok_or_else(|| with_status(AppError::NotFound))?;
    let user = auth::require(super::owners_of(kind)).await?;
    let state = AppState::current()?;
    staleness::answer(&state, &user, kind, posting_id, &answer, &window_end).await?;
    leptos_axum::redirect(&kind.path(posting_id));
    Ok(())
}

/// Postings asked about and not answered: for staff, those of their jurisdiction; for an
/// operator or a partner member, their own.
#[server(endpoint = "stale_postings")]
pub async fn stale_postings() -> Result<Vec<StaleLine>, AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::posting::PostingKind;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::postings::{self, Guard, OwnerKey};
    use crate::ssr::{auth, staleness, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    if user.role.is_staff() {
        return staleness::queue(&state, &user).await;
    }
    let mut lines = Vec::new();
    for kind in PostingKind::ALL {
        if let Some(owner) = OwnerKey::of_user(&user, kind) {
            lines.extend(postings::stale(&state.pool, kind, &Guard::Owner(owner), 50).await.or_internal()?);
        }
    }
    Ok(lines)
}
