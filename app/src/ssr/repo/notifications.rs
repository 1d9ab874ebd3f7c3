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

impl NotificationRow {
    /// The notification as the interface shows it (its sentence's parameters unpacked).
    pub fn item(self) -> crate::wire::notifications::NotificationItem {
        let payload: serde_json::Value =
            self.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
        let text = |key: &str| payload.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        crate::wire::notifications::NotificationItem {
            link: crate::wire::format::entity_link(&self.entity_type, &self.entity_id),
            notification_id: self.notification_id,
            kind: self.kind,
            title: text("title"),
            reason: text("reason"),
            unread: self.read_at.is_none(),
            created_at: self.created_at,
        }
    }
}

/// The columns of a [`NotificationRow`].
const ROW: &str =
    "select notification_id, kind, entity_type, entity_id, payload, read_at, created_at from notification";

/// A user's latest notifications, newest first.
pub async fn latest(pool: &AnyPool, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW} where user_id = $1 order by created_at desc, notification_id desc limit $2"))
        .bind(user_id)
        .bind(limit)
        .fetch_all(pool)
        .await
}

/// How often a user wants e-mail (`daily` unless they chose).
pub async fn email_frequency(pool: &AnyPool, user_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select email_frequency from app_user where user_id = $1").bind(user_id).fetch_one(pool).await
}

/// Sets how often a user wants e-mail (a stored name of `EmailFrequency`).
pub async fn set_email_frequency(pool: &AnyPool, user_id: i64, frequency: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update app_user set email_frequency = $1, updated_at = $2 where user_id = $3")
        .bind(frequency)
        .bind(now())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// An active user with notifications not yet e-mailed (and unread), and how often they
/// want e-mail.
#[derive(sqlx::FromRow)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub email_frequency: String,
    pub digest_sent_at: Option<String>,
}

/// The users something waits for by e-mail (not those who chose never).
pub async fn recipients(pool: &AnyPool) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "select u.user_id, u.email, u.display_name, u.email_frequency, u.digest_sent_at from app_user u \
         where u.status = 'active' and u.email_frequency <> 'never' and exists \
           (select 1 from notification n where n.user_id = u.user_id and n.emailed_at is null and n.read_at is null)",
    )
    .fetch_all(pool)
    .await
}

/// A user's notifications not yet e-mailed and unread, oldest first.
pub async fn unsent(pool: &AnyPool, user_id: i64) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ROW} where user_id = $1 and emailed_at is null and read_at is null order by created_at, notification_id limit 200"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Claims notifications for an e-mail about to go: marks them e-mailed, and the user's last
/// e-mail as sent now, only if none of them was claimed already — so that of several
/// instances sending from one database, one sends each letter. `false`: someone else did.
pub async fn claim_for_email(pool: &AnyPool, user_id: i64, ids: &[i64]) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = pool.begin().await?;
    let mut claimed = 0;
    for id in ids {
        claimed += sqlx::query(
            "update notification set emailed_at = $1 where notification_id = $2 and user_id = $3 and emailed_at is null",
        )
        .bind(&at)
        .bind(id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    if claimed != ids.len() as u64 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query("update app_user set digest_sent_at = $1 where user_id = $2")
        .bind(&at)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives back what [`claim_for_email`] took when the e-mail could not go: the notifications
/// wait for the next attempt and the user's last e-mail is `last_sent` again.
pub async fn release_for_email(
    pool: &AnyPool,
    user_id: i64,
    ids: &[i64],
    last_sent: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for id in ids {
        sqlx::query("update notification set emailed_at = null where notification_id = $1 and user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("update app_user set digest_sent_at = $1 where user_id = $2")
        .bind(last_sent)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
