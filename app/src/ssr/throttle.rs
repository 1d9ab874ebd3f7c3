//! Throttling of failed sign-ins, per account and per client address. Kept in the
//! database so that several server instances share the count.

use super::db::epoch_seconds;
use sqlx::AnyPool;

/// How long a failure counts.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failures allowed for one e-mail address within the window.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failures allowed from one client address within the window (offices share addresses).
pub const MAX_PER_ADDRESS: i64 = 50;

pub fn account_key(email: &str) -> String {
    format!("email:{email}")
}

pub fn address_key(address: &str) -> String {
    format!("ip:{address}")
}

/// Seconds to wait before the next attempt, or `None` if attempts are allowed.
pub async fn blocked_for(pool: &AnyPool, key: &str, limit: i64) -> Result<Option<u64>, sqlx::Error> {
    let since = epoch_seconds() - WINDOW_SECS;
    let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
        "select count(*), min(failed_at) from sign_in_failure where throttle_key = $1 and failed_at > $2",
    )
    .bind(key)
    .bind(since)
    .fetch_one(pool)
    .await?;
    if count < limit {
        return Ok(None);
    }
    let wait = oldest.unwrap_or(since) + WINDOW_SECS - epoch_seconds();
    Ok(Some(wait.max(1) as u64))
}

pub async fn record_failure(pool: &AnyPool, keys: &[String]) -> Result<(), sqlx::Error> {
    let now = epoch_seconds();
    for key in keys {
        sqlx::query("insert into sign_in_failure (throttle_key, failed_at) values ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// A successful sign-in forgets the account's failures (not the address's).
pub async fn clear(pool: &AnyPool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sign_in_failure where throttle_key = $1").bind(key).execute(pool).await?;
    Ok(())
}

/// Drops failures older than the window; run periodically.
pub async fn prune(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("delete from sign_in_failure where failed_at <= $1")
        .bind(epoch_seconds() - WINDOW_SECS)
        .execute(pool)
        .await?;
    Ok(result.rows_affected())
}
