//! Connection, migrations and the few places where SQLite and PostgreSQL differ.
//! Everything goes through `sqlx::any` so one binary serves both, chosen by the URL.

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres: (got {0:?})")]
    UnknownScheme(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens a pool. SQLite runs in WAL mode with foreign keys on and `synchronous = NORMAL`
/// (safe with WAL: a power cut may lose the last commits but never corrupts the file).
/// Each connection keeps 16 MB of pages and reads the file through a shared 256 MB memory
/// map: searches touch many rows of `need`, and the default 2 MB cache thrashed at 100,000.
pub async fn connect(url: &str, max_connections: u32) -> Result<(AnyPool, Backend), DbError> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url).ok_or_else(|| DbError::UnknownScheme(url.to_owned()))?;
    if backend == Backend::Sqlite {
        create_sqlite_parent_dir(url);
    }
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(
                        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                         PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; \
                         PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok((pool, backend))
}

/// A connection for one long read of many rows (an export): on SQLite it reads without the
/// memory map and with a 2 MB page cache, so that streaming 100,000 rows does not leave the
/// pages of the whole file resident in the server. Close it after use
/// ([`PoolConnection::close`](sqlx::pool::PoolConnection::close)): the pool opens an ordinary
/// one in its place.
pub async fn scan_connection(pool: &AnyPool) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    if conn.backend_name() == "SQLite" {
        conn.execute("PRAGMA mmap_size = 0; PRAGMA cache_size = -2048;").await?;
    }
    Ok(conn)
}

fn create_sqlite_parent_dir(url: &str) {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Brings the schema up to date. The two backends have their own migration folders
/// (identity columns, triggers and full-text search differ); the tables are the same.
pub async fn migrate(pool: &AnyPool, backend: Backend) -> Result<(), DbError> {
    match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
        Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(pool).await?,
    }
    Ok(())
}

/// Is the database answering?
pub async fn ping(pool: &AnyPool) -> bool {
    sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(pool).await.is_ok()
}

/// An optional real number, ready to bind as `nullif($n, 'NaN')`.
///
/// sqlx 0.8.6's Any driver declares a NULL `f64` to PostgreSQL as `float4` (its `Real`
/// and `Double` cases are swapped), and a statement prepared with that declaration then
/// refuses a real `f64` on the same connection ("incorrect binary data format"). So a
/// missing number travels as NaN, always a `float8`, and SQL turns it back into NULL
/// (SQLite stores a bound NaN as NULL already).
pub fn real(value: Option<f64>) -> f64 {
    value.filter(|v| !v.is_nan()).unwrap_or(f64::NAN)
}

/// Current time as stored in `*_at` columns: UTC ISO-8601 with milliseconds, which sorts
/// as text and reads the same on both backends.
pub fn now() -> String {
    timestamp(time::OffsetDateTime::now_utc())
}

pub fn timestamp(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// Today's date (`YYYY-MM-DD`) in Kalimantan Timur (WITA, UTC+8), where windows end.
pub fn today() -> String {
    date_in_days(0)
}

/// The date `days` from today (WITA; negative: before).
pub fn date_in_days(days: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::hours(8) + time::Duration::days(days);
    format!("{:04}-{:02}-{:02}", at.year(), u8::from(at.month()), at.day())
}

/// The date (`YYYY-MM-DD`) in Kalimantan Timur (WITA, UTC+8) of a stored UTC timestamp:
/// from 16:00 UTC it is already the next day there. Anything unreadable is left as it is.
pub fn local_date(timestamp: &str) -> String {
    let parsed = (|| {
        let year: i32 = timestamp.get(0..4)?.parse().ok()?;
        let month: u8 = timestamp.get(5..7)?.parse().ok()?;
        let day: u8 = timestamp.get(8..10)?.parse().ok()?;
        let hour: u8 = timestamp.get(11..13).and_then(|h| h.parse().ok()).unwrap_or(0);
        let date = time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
        let local = if hour >= 16 { date.next_day()? } else { date };
        Some(format!("{:04}-{:02}-{:02}", local.year(), u8::from(local.month()), local.day()))
    })();
    parsed.unwrap_or_else(|| timestamp.get(..10).unwrap_or(timestamp).to_owned())
}

/// The stored timestamp of this moment `days` ago.
pub fn days_ago(days: i64) -> String {
    timestamp(time::OffsetDateTime::now_utc() - time::Duration::days(days))
}

/// Seconds since the epoch, for expiries and throttling windows.
pub fn epoch_seconds() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_is_dated_as_in_kalimantan_timur() {
        assert_eq!(local_date("2026-12-02T15:59:59.999Z"), "2026-12-02");
        assert_eq!(local_date("2026-12-02T16:00:00.000Z"), "2026-12-03");
        assert_eq!(local_date("2026-12-31T23:00:00.000Z"), "2027-01-01");
        assert_eq!(local_date("2026-12-02"), "2026-12-02", "a date stays itself");
        assert_eq!(local_date("kemarin"), "kemarin");
    }

    #[test]
    fn backend_from_url() {
        assert_eq!(Backend::from_url("sqlite://data/x.db?mode=rwc"), Some(Backend::Sqlite));
        assert_eq!(Backend::from_url("postgres://u@127.0.0.1/db"), Some(Backend::Postgres));
        assert_eq!(Backend::from_url("postgresql://u@h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::from_url("mysql://x"), None);
    }

    #[test]
    fn timestamps_have_a_fixed_format() {
        let at = time::OffsetDateTime::from_unix_timestamp_nanos(1_764_345_205_123_000_000).unwrap();
        assert_eq!(timestamp(at), "2025-11-28T15:53:25.123Z");
    }
}
