//! Partner organisations and their members.

use crate::domain::organisation::{OrganisationKind, OrganisationStatus};
use crate::server::db::now;
use sqlx::{AnyConnection, AnyPool};

/// Creates an organisation awaiting verification.
pub async fn insert_pending(conn: &mut AnyConnection, name: &str, kind: OrganisationKind) -> Result<i64, sqlx::Error> {
    insert(conn, name, kind, OrganisationStatus::Pending).await
}

pub async fn insert(
    conn: &mut AnyConnection,
    name: &str,
    kind: OrganisationKind,
    status: OrganisationStatus,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query_scalar(
        "insert into organisation (name, kind, status, serves_province, created_at, updated_at) \
         values ($1, $2, $3, 0, $4, $4) returning organisation_id",
    )
    .bind(name)
    .bind(kind.as_str())
    .bind(status.as_str())
    .bind(at)
    .fetch_one(conn)
    .await
}

pub async fn add_member(
    conn: &mut AnyConnection,
    organisation_id: i64,
    user_id: i64,
    owner: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into organisation_member (organisation_id, user_id, member_role, created_at) values ($1, $2, $3, $4)",
    )
    .bind(organisation_id)
    .bind(user_id)
    .bind(if owner { "owner" } else { "member" })
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_by_status(pool: &AnyPool, status: OrganisationStatus) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from organisation where status = $1")
        .bind(status.as_str())
        .fetch_one(pool)
        .await
}
