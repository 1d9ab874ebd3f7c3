//! Accounts as staff see them.

use crate::domain::account::{Role, Scope};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    pub active: bool,
    pub created_at: String,
}

/// Accounts within the caller's jurisdiction: regency staff see their regency's staff and
/// village operators, province staff see everyone. Staff only.
#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountSummary>, AppError> {
    use crate::domain::account::Requirement;
    use crate::server::errors::OrInternal;
    use crate::server::repo::users;
    use crate::server::{auth, AppState};

    let caller = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let regency = match &caller.scope {
        Scope::Province => None,
        Scope::Regency { code, .. } => Some(code.as_str()),
        _ => return Err(crate::server::errors::with_status(AppError::Forbidden)),
    };
    users::list_in_scope(&state.pool, regency, 500).await.or_internal()
}
