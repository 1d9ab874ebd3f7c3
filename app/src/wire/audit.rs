//! The audit log on the wire.

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub audit_id: i64,
    pub created_at: String,
    pub actor_name: String,
    pub actor_email: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
    pub reason: Option<String>,
}
