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

/// Organisations waiting for verification, oldest first.
pub async fn pending_queue(pool: &AnyPool) -> Result<Vec<crate::api::moderation::OrganisationLine>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select organisation_id, name, kind, created_at from organisation where status = 'pending' \
         order by created_at asc, organisation_id asc limit 200",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(organisation_id, name, kind, created_at)| crate::api::moderation::OrganisationLine {
            organisation_id,
            name,
            kind,
            created_at,
        })
        .collect())
}

pub async fn status_of(pool: &AnyPool, organisation_id: i64) -> Result<Option<OrganisationStatus>, sqlx::Error> {
    let status: Option<String> = sqlx::query_scalar("select status from organisation where organisation_id = $1")
        .bind(organisation_id)
        .fetch_optional(pool)
        .await?;
    Ok(status.and_then(|s| OrganisationStatus::parse(&s)))
}

/// Moves an organisation from `from` to `to`; `false` if it was no longer in `from`.
pub async fn set_status(
    conn: &mut AnyConnection,
    organisation_id: i64,
    from: OrganisationStatus,
    to: OrganisationStatus,
    reason: Option<&str>,
    staff_id: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let verified = to == OrganisationStatus::Verified;
    let done = sqlx::query(
        "update organisation set status = $1, status_reason = $2, updated_at = $3, \
                verified_at = case when $4 = 1 then $3 else verified_at end, \
                verified_by = case when $4 = 1 then $5 else verified_by end \
         where organisation_id = $6 and status = $7",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(&at)
    .bind(i64::from(verified))
    .bind(staff_id)
    .bind(organisation_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn member_ids(conn: &mut AnyConnection, organisation_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("select user_id from organisation_member where organisation_id = $1")
        .bind(organisation_id)
        .fetch_all(conn)
        .await
}
