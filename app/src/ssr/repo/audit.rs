//! The audit log: append-only (the database refuses updates and deletes).

use crate::ssr::db::now;
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

/// One page of the log, newest first, and how many entries match in all.
pub async fn search(
    pool: &sqlx::AnyPool,
    query: &crate::domain::audit::ValidAuditQuery,
) -> Result<(Vec<crate::wire::audit::AuditLine>, i64), sqlx::Error> {
    use crate::domain::search::PAGE_SIZE;
    let mut conditions = String::new();
    let mut binds: Vec<String> = Vec::new();
    let mut push = |binds: &mut Vec<String>, sql: &str, value: String| {
        binds.push(value);
        conditions.push_str(&sql.replace("{}", &format!("${}", binds.len())));
    };
    if let Some(actor) = &query.actor {
        push(
            &mut binds,
            " and (lower(u.email) like {} or lower(u.display_name) like {})",
            format!("%{}%", actor.replace(['%', '_'], "")),
        );
    }
    if let Some(entity) = query.entity_type {
        push(&mut binds, " and a.entity_type = {}", entity.to_owned());
    }
    if let Some(id) = &query.entity_id {
        push(&mut binds, " and a.entity_id = {}", id.clone());
    }
    if let Some(from) = &query.from {
        push(&mut binds, " and a.created_at >= {}", from.clone());
    }
    if let Some(to) = &query.to {
        // Timestamps are ISO text: every moment of that day sorts before `YYYY-MM-DDU`.
        push(&mut binds, " and a.created_at < {}", format!("{to}U"));
    }
    let from = "from audit_log a left join app_user u on u.user_id = a.actor_id where 1 = 1";
    let sql = format!(
        "select a.audit_id, a.created_at, coalesce(u.display_name, '') as actor_name, \
                coalesce(u.email, '') as actor_email, a.action, a.entity_type, a.entity_id, a.before_state, \
                a.after_state, a.reason \
         {from}{conditions} order by a.audit_id desc limit ${} offset ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut rows = sqlx::query_as::<_, crate::wire::audit::AuditLine>(&sql);
    for value in &binds {
        rows = rows.bind(value);
    }
    let offset = i64::from(query.page.saturating_sub(1)) * i64::from(PAGE_SIZE);
    let rows = rows.bind(i64::from(PAGE_SIZE)).bind(offset).fetch_all(pool).await?;
    let count_sql = format!("select count(*) {from}{conditions}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(value);
    }
    Ok((rows, count.fetch_one(pool).await?))
}
