//! The audit log: append-only (the database refuses updates and deletes).

use crate::server::db::now;
use sqlx::AnyConnection;

pub struct AuditEntry<'a> {
    pub actor_id: Option<i64>,
    /// What happened, e.g. `user.created`, `organisation.verified`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
}

pub async fn record(conn: &mut AnyConnection, entry: AuditEntry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_log (actor_id, action, entity_type, entity_id, before_state, after_state, reason, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.actor_id)
    .bind(entry.action)
    .bind(entry.entity_type)
    .bind(entry.entity_id)
    .bind(entry.before)
    .bind(entry.after)
    .bind(entry.reason)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}
