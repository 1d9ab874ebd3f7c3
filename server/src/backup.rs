//! `mitra-desa backup FILE`: a consistent copy of the SQLite database taken while the
//! server runs (`VACUUM INTO`: one read transaction, so writers go on and the copy is the
//! database as of one moment, compacted). The copy is checked before it is reported.
//! PostgreSQL is backed up with its own tools (`pg_dump`, README).

use anyhow::{bail, Context};
use app::ssr::db::Backend;
use sqlx::AnyPool;
use std::path::Path;

#[derive(Debug, PartialEq, Eq)]
pub struct BackupReport {
    pub bytes: u64,
    pub needs: i64,
}

pub async fn backup(pool: &AnyPool, backend: Backend, file: &Path) -> anyhow::Result<BackupReport> {
    if backend != Backend::Sqlite {
        bail!("`backup` copies a SQLite database; back PostgreSQL up with pg_dump (see the README)");
    }
    if file.exists() {
        bail!("{} exists already; name a new file", file.display());
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let target = file.to_str().context("the backup file's name must be valid UTF-8")?;
    sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await.context("the copy failed")?;
    check(file).await
}

/// Opens the copy on its own and checks it: its integrity, and that it holds the schema.
async fn check(file: &Path) -> anyhow::Result<BackupReport> {
    let url = format!("sqlite://{}?mode=rw", file.display());
    let (copy, _) = app::ssr::db::connect(&url, 1).await.with_context(|| format!("cannot open the copy {url}"))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&copy).await?;
    if integrity != "ok" {
        bail!("the copy failed its integrity check: {integrity}");
    }
    let needs: i64 = sqlx::query_scalar("select count(*) from need").fetch_one(&copy).await?;
    copy.close().await;
    Ok(BackupReport { bytes: std::fs::metadata(file)?.len(), needs })
}
