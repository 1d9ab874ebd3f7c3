//! Accounts as staff see them.

use crate::wire::accounts::AccountSummary;
use crate::wire::error::AppError;
use leptos::prelude::*;

/// Accounts within the caller's jurisdiction: regency staff see their regency's staff and
/// village operators, province staff see everyone. Staff only.
#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountSummary>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::users;
    use crate::ssr::{auth, AppState};

    let caller = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let regency = match &caller.scope {
        Scope::Province => None,
        Scope::Regency { code, .. } => Some(code.as_str()),
        _ => return Err(crate::ssr::errors::with_status(AppError::Forbidden)),
    };
    users::list_in_scope(&state.pool, regency, 500).await.or_internal()
}
