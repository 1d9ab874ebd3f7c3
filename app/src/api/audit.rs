//! `/audit`: the audit log for province staff, read-only.

use crate::domain::audit::AuditQuery;
use crate::wire::audit::AuditLine;
use crate::wire::error::AppError;
use crate::wire::page::Page;
use leptos::prelude::*;

/// The log filtered by actor, record and dates, newest first. Province staff only.
#[server(endpoint = "audit_log")]
pub async fn audit_log(query: AuditQuery) -> Result<Page<AuditLine>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::audit;
    use crate::ssr::{auth, AppState};

    auth::require(Requirement::ProvinceStaff).await?;
    let query = query.validate().map_err(validation_error)?;
    let state = AppState::current()?;
    let (entries, total) = audit::search(&state.pool, &query).await.or_internal()?;
    Ok(Page::new(entries, total, query.page))
}
