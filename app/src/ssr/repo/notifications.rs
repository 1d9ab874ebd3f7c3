//! In-app notifications: what a user must know or act on.

use crate::ssr::db::now;
use crate::ssr::live::Event;
use crate::ssr::write::WriteTx;
use sqlx::AnyPool;

pub struct Notice<'a> {
    /// What happened, e.g. `need.returned`; the interface turns it into a sentence.
    pub kind: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    /// Parameters of the sentence (a title, a reason), as JSON.
    pub payload: Option<String>,
}

/// Writes a notification for each user, inside the caller's transaction; their open pages
/// hear of it once the transaction has committed.
pub async fn notify(tx: &mut WriteTx, user_ids: &[i64], notice: &Notice<'_>) -> Result<(), sqlx::Error> {
    let at = now();
    for user_id in user_ids {
        sqlx::query(
            "insert into notification (user_id, kind, entity_type, entity_id, payload, created_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user_id)
        .bind(notice.kind)
        .bind(notice.entity_type)
        .bind(&notice.entity_id)
        .bind(notice.payload.as_deref())
        .bind(&at)
        .execute(&mut **tx)
        .await?;
    }
    tx.announce(Event::for_users(user_ids, "notification"));
    Ok(())
}

/// How many notifications the user has not read.
pub async fn unread(pool: &AnyPool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from notification where user_id = $1 and read_at is null")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

pub async fn mark_all_read(pool: &AnyPool, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update notification set read_at = $1 where user_id = $2 and read_at is null")
        .bind(now())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct NotificationRow {
    pub notification_id: i64,
    pub kind: String,
    pub entity_type: String,
    pub entity_id: String,
    pub payload: Option<String>,
    pub read_at: Option<String>,
    pub created_at: String,
}

/// A user's latest notifications, newest first.
pub async fn latest(pool: &AnyPool, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query_as(
        "select notification_id, kind, entity_type, entity_id, payload, read_at, created_at from notification \
         where user_id = $1 order by created_at desc, notification_id desc limit $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}
