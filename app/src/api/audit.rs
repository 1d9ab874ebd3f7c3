//! `/audit`: the audit log for province staff, read-only.

use crate::domain::audit::AuditQuery;
use crate::error::AppError;
use leptos::prelude::*;
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditLine>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// The log filtered by actor, record and dates, newest first. Province staff only.
#[server(endpoint = "audit_log")]
pub async fn audit_log(query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::domain::account::Requirement;
    use crate::server::errors::OrInternal;
    use crate::server::locale::validation_error;
    use crate::server::repo::audit;
    use crate::server::{auth, AppState};

    auth::require(Requirement::ProvinceStaff).await?;
    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (entries, total) = audit::search(&state.pool, &query).await.or_internal()?;
    Ok(AuditPage { entries, total, page: query.page, pages: crate::domain::search::page_count(total) })
}
