//! Settings kept in the database, as JSON values: the matching weights.

use crate::domain::matching::score::Weights;
use crate::ssr::db::now;
use sqlx::{AnyConnection, AnyPool};

pub const WEIGHTS_KEY: &str = "matching.weights";

/// The matching weights: the stored ones, or the documented defaults.
pub async fn weights(pool: &AnyPool) -> Result<Weights, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("select value from setting where setting_key = $1")
        .bind(WEIGHTS_KEY)
        .fetch_optional(pool)
        .await?;
    Ok(stored
        .and_then(|json| serde_json::from_str::<Weights>(&json).ok())
        .filter(Weights::is_valid)
        .unwrap_or_default())
}

pub async fn save_weights(conn: &mut AnyConnection, weights: &Weights, user_id: i64) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(weights).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "insert into setting (setting_key, value, updated_by, updated_at) values ($1, $2, $3, $4) \
         on conflict (setting_key) do update set value = excluded.value, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(WEIGHTS_KEY)
    .bind(json)
    .bind(user_id)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}
