//! tower-sessions store over the `sqlx::any` pool, so sessions live in the same
//! database (SQLite or PostgreSQL) as everything else.

use super::db::epoch_seconds;
use async_trait::async_trait;
use sqlx::AnyPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

#[derive(Clone, Debug)]
pub struct AnySessionStore {
    pool: AnyPool,
}

impl AnySessionStore {
    pub fn new(pool: AnyPool) -> Self {
        AnySessionStore { pool }
    }

    /// Removes expired sessions; run periodically.
    pub async fn delete_expired(&self) -> std::result::Result<u64, sqlx::Error> {
        let done =
            sqlx::query("delete from session where expires_at < $1").bind(epoch_seconds()).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}

fn backend(err: sqlx::Error) -> Error {
    Error::Backend(err.to_string())
}

#[async_trait]
impl SessionStore for AnySessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        // Ids are random 128-bit values; on the unlikely collision pick another one.
        loop {
            let inserted = sqlx::query(
                "insert into session (session_id, data, expires_at) values ($1, $2, $3) \
                 on conflict (session_id) do nothing",
            )
            .bind(record.id.to_string())
            .bind(&data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        sqlx::query(
            "insert into session (session_id, data, expires_at) values ($1, $2, $3) \
             on conflict (session_id) do update set data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(record.id.to_string())
        .bind(data)
        .bind(record.expiry_date.unix_timestamp())
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let row: Option<(String, i64)> =
            sqlx::query_as("select data, expires_at from session where session_id = $1 and expires_at >= $2")
                .bind(session_id.to_string())
                .bind(epoch_seconds())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some((data, expires_at)) = row else { return Ok(None) };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp(expires_at).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *session_id, data, expiry_date }))
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        sqlx::query("delete from session where session_id = $1")
            .bind(session_id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
