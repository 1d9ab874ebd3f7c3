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

/// An organisation's profile as form text, with its status and the reason for it.
pub async fn profile(
    pool: &AnyPool,
    organisation_id: i64,
) -> Result<Option<(crate::domain::organisation::OrganisationInput, OrganisationStatus, Option<String>)>, sqlx::Error> {
    use crate::domain::organisation::OrganisationInput;
    use crate::server::repo::offer_search::grouped;
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
    let ids = [organisation_id];
    let list = |sql: &'static str| grouped(pool, sql, &ids);
    let sectors =
        list("select organisation_id, sector from organisation_sector where organisation_id in ({ids})").await?;
    let regencies = list(
        "select organisation_id, regency_code from organisation_region \
         where organisation_id in ({ids}) and district_code is null",
    )
    .await?;
    let districts = list(
        "select organisation_id, district_code from organisation_region \
         where organisation_id in ({ids}) and district_code is not null",
    )
    .await?;
    let input = OrganisationInput {
        name,
        kind,
        description: description.unwrap_or_default(),
        website: website.unwrap_or_default(),
        sectors: sectors.into_values().next().unwrap_or_default(),
        whole_province: if province != 0 { "1".to_owned() } else { String::new() },
        regencies: regencies.into_values().next().unwrap_or_default(),
        districts: districts.into_values().next().unwrap_or_default(),
        contact_name: contact_name.unwrap_or_default(),
        contact_phone: contact_phone.unwrap_or_default(),
        contact_email: contact_email.unwrap_or_default(),
    };
    Ok(Some((input, OrganisationStatus::parse(&status).unwrap_or(OrganisationStatus::Pending), reason)))
}

/// Replaces an organisation's profile, its sectors and its regions.
pub async fn update_profile(
    conn: &mut AnyConnection,
    organisation_id: i64,
    profile: &crate::domain::organisation::ValidOrganisation,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update organisation set name = $1, kind = $2, description = $3, website = $4, serves_province = $5, \
                contact_name = $6, contact_phone = $7, contact_email = $8, updated_at = $9 \
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
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from organisation_sector where organisation_id = $1")
        .bind(organisation_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("delete from organisation_region where organisation_id = $1")
        .bind(organisation_id)
        .execute(&mut *conn)
        .await?;
    for sector in &profile.sectors {
        sqlx::query("insert into organisation_sector (organisation_id, sector) values ($1, $2)")
            .bind(organisation_id)
            .bind(sector.as_str())
            .execute(&mut *conn)
            .await?;
    }
    let regions = profile.area.regencies.iter().map(|r| (r.clone(), None)).chain(
        profile
            .area
            .districts
            .iter()
            .map(|d| (d.rsplit_once('.').map(|(r, _)| r.to_owned()).unwrap_or_default(), Some(d.clone()))),
    );
    for (regency, district) in regions {
        sqlx::query(
            "insert into organisation_region (organisation_id, regency_code, district_code) values ($1, $2, $3)",
        )
        .bind(organisation_id)
        .bind(regency)
        .bind(district)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
