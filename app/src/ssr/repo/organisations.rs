//! Partner organisations and their members.

use super::areas;
use crate::domain::organisation::{OrganisationKind, OrganisationStatus, ValidOrganisation};
use crate::domain::search::PAGE_SIZE;
use crate::ssr::db::now;
use crate::wire::moderation::OrganisationLine;
use crate::wire::organisations::IdentityChange;
use crate::wire::page::Page;
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

/// How many organisations wait for verification, and changes of name or type for a decision.
pub async fn pending_count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select (select count(*) from organisation where status = 'pending') \
              + (select count(*) from organisation_revision where status = 'pending')",
    )
    .fetch_one(pool)
    .await
}

/// Organisations waiting for verification, oldest first, a page at a time.
pub async fn pending_queue(pool: &AnyPool, page: u32) -> Result<Page<OrganisationLine>, sqlx::Error> {
    let page = page.max(1);
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select organisation_id, name, kind, created_at from organisation where status = 'pending' \
         order by created_at asc, organisation_id asc limit $1 offset $2",
    )
    .bind(i64::from(PAGE_SIZE))
    .bind(i64::from(page - 1) * i64::from(PAGE_SIZE))
    .fetch_all(pool)
    .await?;
    let total: i64 =
        sqlx::query_scalar("select count(*) from organisation where status = 'pending'").fetch_one(pool).await?;
    let items = rows
        .into_iter()
        .map(|(organisation_id, name, kind, created_at)| OrganisationLine { organisation_id, name, kind, created_at })
        .collect();
    Ok(Page::new(items, total, page))
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

/// An organisation's profile as form text, with its status and the reason for it.
pub async fn profile(
    pool: &AnyPool,
    organisation_id: i64,
) -> Result<Option<(crate::domain::organisation::OrganisationInput, OrganisationStatus, Option<String>)>, sqlx::Error> {
    use crate::domain::organisation::OrganisationInput;
    type ProfileRow = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<ProfileRow> = sqlx::query_as(
        "select name, kind, status, status_reason, description, website, serves_province, contact_name, \
                contact_phone, contact_email from organisation where organisation_id = $1",
    )
    .bind(organisation_id)
    .fetch_optional(pool)
    .await?;
    let Some((name, kind, status, reason, description, website, province, contact_name, contact_phone, contact_email)) =
        row
    else {
        return Ok(None);
    };
    let mut conn = pool.acquire().await?;
    let (sectors, area) = areas::read(&mut conn, areas::ORGANISATION, &[organisation_id])
        .await?
        .remove(&organisation_id)
        .unwrap_or_default();
    let input = OrganisationInput {
        name,
        kind,
        description: description.unwrap_or_default(),
        website: website.unwrap_or_default(),
        sectors,
        whole_province: if province != 0 { "1".to_owned() } else { String::new() },
        regencies: area.regencies,
        districts: area.districts,
        contact_name: contact_name.unwrap_or_default(),
        contact_phone: contact_phone.unwrap_or_default(),
        contact_email: contact_email.unwrap_or_default(),
    };
    Ok(Some((input, OrganisationStatus::parse(&status).unwrap_or(OrganisationStatus::Pending), reason)))
}

/// Replaces an organisation's profile, its sectors and its regions. Its name and type
/// change too only with `identity` (not for a verified organisation: see [`propose_identity`]).
pub async fn update_profile(
    conn: &mut AnyConnection,
    organisation_id: i64,
    profile: &ValidOrganisation,
    identity: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update organisation set name = case when $11 = 1 then $1 else name end, \
                kind = case when $11 = 1 then $2 else kind end, description = $3, website = $4, \
                serves_province = $5, contact_name = $6, contact_phone = $7, contact_email = $8, updated_at = $9 \
         where organisation_id = $10",
    )
    .bind(&profile.name)
    .bind(profile.kind.as_str())
    .bind(profile.description.as_deref())
    .bind(profile.website.as_deref())
    .bind(i64::from(profile.area.whole_province))
    .bind(profile.contact_name.as_deref())
    .bind(profile.contact_phone.as_deref())
    .bind(profile.contact_email.as_deref())
    .bind(now())
    .bind(organisation_id)
    .bind(i64::from(identity))
    .execute(&mut *conn)
    .await?;
    areas::write(conn, areas::ORGANISATION, organisation_id, &profile.sectors, &profile.area).await
}

/// Proposes a new name and type for a verified organisation, replacing a pending proposal.
pub async fn propose_identity(
    conn: &mut AnyConnection,
    organisation_id: i64,
    name: &str,
    kind: OrganisationKind,
    user_id: i64,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query(
        "update organisation_revision set status = 'withdrawn', decided_at = $1 \
         where organisation_id = $2 and status = 'pending'",
    )
    .bind(&at)
    .bind(organisation_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "insert into organisation_revision (organisation_id, name, kind, status, created_by, created_at) \
         values ($1, $2, $3, 'pending', $4, $5) returning organisation_revision_id",
    )
    .bind(organisation_id)
    .bind(name)
    .bind(kind.as_str())
    .bind(user_id)
    .bind(&at)
    .fetch_one(conn)
    .await
}

const IDENTITY: &str = "select x.organisation_revision_id as change_id, x.organisation_id, g.name as current_name, \
            g.kind as current_kind, x.name, x.kind, x.created_at \
     from organisation_revision x join organisation g on g.organisation_id = x.organisation_id";

/// The pending change of name or type of an organisation, if any.
pub async fn pending_identity(pool: &AnyPool, organisation_id: i64) -> Result<Option<IdentityChange>, sqlx::Error> {
    sqlx::query_as(&format!("{IDENTITY} where x.organisation_id = $1 and x.status = 'pending'"))
        .bind(organisation_id)
        .fetch_optional(pool)
        .await
}

/// A pending change of name or type, by its id.
pub async fn identity_change(pool: &AnyPool, change_id: i64) -> Result<Option<IdentityChange>, sqlx::Error> {
    sqlx::query_as(&format!("{IDENTITY} where x.organisation_revision_id = $1 and x.status = 'pending'"))
        .bind(change_id)
        .fetch_optional(pool)
        .await
}

/// Pending changes of name or type, oldest first, a page at a time.
pub async fn identity_queue(pool: &AnyPool, page: u32) -> Result<Page<IdentityChange>, sqlx::Error> {
    let page = page.max(1);
    let items: Vec<IdentityChange> = sqlx::query_as(&format!(
        "{IDENTITY} where x.status = 'pending' order by x.created_at asc, x.organisation_revision_id asc \
         limit $1 offset $2"
    ))
    .bind(i64::from(PAGE_SIZE))
    .bind(i64::from(page - 1) * i64::from(PAGE_SIZE))
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar("select count(*) from organisation_revision where status = 'pending'")
        .fetch_one(pool)
        .await?;
    Ok(Page::new(items, total, page))
}

/// Decides a pending change of name or type; on approval the organisation takes them.
/// `false` if it was decided meanwhile.
pub async fn decide_identity(
    conn: &mut AnyConnection,
    change_id: i64,
    approve: bool,
    reason: Option<&str>,
    staff_id: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let done = sqlx::query(
        "update organisation_revision set status = $1, status_reason = $2, decided_by = $3, decided_at = $4 \
         where organisation_revision_id = $5 and status = 'pending'",
    )
    .bind(if approve { "approved" } else { "rejected" })
    .bind(reason)
    .bind(staff_id)
    .bind(&at)
    .bind(change_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if approve {
        sqlx::query(
            "update organisation set (name, kind) = \
                 (select name, kind from organisation_revision where organisation_revision_id = $1), updated_at = $2 \
             where organisation_id = (select organisation_id from organisation_revision where organisation_revision_id = $1)",
        )
        .bind(change_id)
        .bind(&at)
        .execute(conn)
        .await?;
    }
    Ok(true)
}
