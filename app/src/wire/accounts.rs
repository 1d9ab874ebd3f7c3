//! Accounts as staff see them.

use crate::domain::account::{Role, Scope};
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
