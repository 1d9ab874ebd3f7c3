//! The partner directory: verified organisations and what they publicly do.

use super::offer_search::grouped;
use crate::api::offers::PartnerCard;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct Row {
    organisation_id: i64,
    name: String,
    kind: String,
    description: Option<String>,
    website: Option<String>,
    serves_province: i64,
    published_offers: i64,
}

/// Verified organisations by name (one of them with `only`). No contact data is read.
pub async fn verified(pool: &AnyPool, only: Option<i64>) -> Result<Vec<PartnerCard>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "select g.organisation_id, g.name, g.kind, g.description, g.website, g.serves_province, \
                (select count(*) from offer o where o.organisation_id = g.organisation_id \
                   and o.status = 'published') as published_offers \
         from organisation g where g.status = 'verified' and ($1 = 0 or g.organisation_id = $1) \
         order by g.name, g.organisation_id",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.organisation_id).collect();
    let mut sectors = grouped(
        pool,
        "select organisation_id, sector from organisation_sector where organisation_id in ({ids}) \
         union select o.organisation_id, s.sector from offer_sector s join offer o on o.offer_id = s.offer_id \
         where o.status = 'published' and o.organisation_id in ({ids}) order by 2",
        &ids,
    )
    .await?;
    let mut regencies = grouped(
        pool,
        "select x.organisation_id, r.name from organisation_region x join regency r on r.regency_code = x.regency_code \
         where x.organisation_id in ({ids}) order by r.name",
        &ids,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PartnerCard {
            sectors: sectors.remove(&r.organisation_id).unwrap_or_default(),
            regencies: regencies.remove(&r.organisation_id).unwrap_or_default(),
            organisation_id: r.organisation_id,
            name: r.name,
            kind: r.kind,
            description: r.description,
            website: r.website,
            serves_province: r.serves_province != 0,
            published_offers: r.published_offers,
        })
        .collect())
}
