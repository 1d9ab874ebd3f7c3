//! Village profiles: the public part, the private contact, and the operator's edits.

use crate::domain::village::{ValidVillageProfile, VillageProfileInput};
use crate::ssr::db::now;
use crate::wire::villages::{Contact, VillagePage, VillageProfileView};
use sqlx::{AnyConnection, AnyPool};

#[derive(sqlx::FromRow)]
struct PlaceRow {
    village_code: String,
    name: String,
    kind: String,
    district_name: String,
    regency_code: String,
    regency_name: String,
    description: Option<String>,
    development_status: Option<String>,
    status_year: Option<i64>,
    status_index_kind: Option<String>,
    status_index_value: Option<f64>,
    population: Option<i64>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
}

/// A village with its profile (contact included: the caller decides whether to show it).
pub async fn find(pool: &AnyPool, code: &str) -> Result<Option<(VillagePage, Contact)>, sqlx::Error> {
    let row: Option<PlaceRow> = sqlx::query_as(
        "select v.village_code, v.name, v.kind, d.name as district_name, r.regency_code, r.name as regency_name, \
                p.description, p.development_status, p.status_year, p.status_index_kind, p.status_index_value, \
                p.population, p.contact_name, p.contact_phone, p.contact_email \
         from village v join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code \
         left join village_profile p on p.village_code = v.village_code \
         where v.village_code = $1",
    )
    .bind(code)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let mut sectors: Vec<String> = sqlx::query_scalar("select sector from village_sector where village_code = $1")
        .bind(code)
        .fetch_all(pool)
        .await?;
    sectors.sort_by_key(|s| crate::domain::posting::Sector::ALL.iter().position(|v| v.as_str() == s));
    let page = VillagePage {
        village_code: r.village_code,
        name: r.name,
        kind: r.kind,
        district_name: r.district_name,
        regency_code: r.regency_code,
        regency_name: r.regency_name,
        profile: VillageProfileView {
            description: r.description,
            sectors,
            development_status: r.development_status,
            status_year: r.status_year,
            status_index_kind: r.status_index_kind,
            status_index_value: r.status_index_value,
            population: r.population,
        },
        contact: None,
        needs: Vec::new(),
        can_edit: false,
    };
    let contact = Contact { name: r.contact_name, phone: r.contact_phone, email: r.contact_email };
    Ok(Some((page, contact)))
}

/// The stored profile as form text.
pub fn input_of(page: &VillagePage, contact: &Contact) -> VillageProfileInput {
    let p = &page.profile;
    VillageProfileInput {
        description: p.description.clone().unwrap_or_default(),
        sectors: p.sectors.clone(),
        development_status: p.development_status.clone().unwrap_or_default(),
        status_year: p.status_year.map(|y| y.to_string()).unwrap_or_default(),
        status_index_kind: p.status_index_kind.clone().unwrap_or_default(),
        status_index_value: p.status_index_value.map(|v| v.to_string()).unwrap_or_default(),
        population: p.population.map(|n| n.to_string()).unwrap_or_default(),
        contact_name: contact.name.clone().unwrap_or_default(),
        contact_phone: contact.phone.clone().unwrap_or_default(),
        contact_email: contact.email.clone().unwrap_or_default(),
    }
}

/// Creates or replaces a village's profile and its sectors.
pub async fn save(
    conn: &mut AnyConnection,
    code: &str,
    profile: &ValidVillageProfile,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "insert into village_profile (village_code, description, development_status, status_year, \
                status_index_kind, status_index_value, population, contact_name, contact_phone, contact_email, \
                updated_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, nullif($6, 'NaN'), $7, $8, $9, $10, $11, $12, $12) \
         on conflict (village_code) do update set description = excluded.description, \
                development_status = excluded.development_status, status_year = excluded.status_year, \
                status_index_kind = excluded.status_index_kind, status_index_value = excluded.status_index_value, \
                population = excluded.population, contact_name = excluded.contact_name, \
                contact_phone = excluded.contact_phone, contact_email = excluded.contact_email, \
                updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(code)
    .bind(profile.description.as_deref())
    .bind(profile.development_status.map(|s| s.as_str()))
    .bind(profile.status_year)
    .bind(profile.status_index_kind.map(|k| k.as_str()))
    .bind(crate::ssr::db::real(profile.status_index_value))
    .bind(profile.population)
    .bind(profile.contact_name.as_deref())
    .bind(profile.contact_phone.as_deref())
    .bind(profile.contact_email.as_deref())
    .bind(user_id)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from village_sector where village_code = $1").bind(code).execute(&mut *conn).await?;
    for sector in &profile.sectors {
        sqlx::query("insert into village_sector (village_code, sector) values ($1, $2)")
            .bind(code)
            .bind(sector.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
