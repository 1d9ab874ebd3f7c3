//! The partner directory: verified organisations and what they publicly do.

use super::grouped;
use crate::domain::search::PAGE_SIZE;
use crate::wire::partners::PartnerCard;
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

/// A page of verified organisations by name, and how many there are. No contact data is read.
pub async fn verified(pool: &AnyPool, page: u32) -> Result<(Vec<PartnerCard>, i64), sqlx::Error> {
    let offset = i64::from(page.max(1) - 1) * i64::from(PAGE_SIZE);
    let rows = cards(
        pool,
        "g.status = 'verified' order by g.name, g.organisation_id limit $1 offset $2",
        &[i64::from(PAGE_SIZE), offset],
    )
    .await?;
    let total =
        sqlx::query_scalar("select count(*) from organisation where status = 'verified'").fetch_one(pool).await?;
    Ok((rows, total))
}

/// One verified organisation.
pub async fn one(pool: &AnyPool, organisation_id: i64) -> Result<Option<PartnerCard>, sqlx::Error> {
    Ok(cards(pool, "g.status = 'verified' and g.organisation_id = $1", &[organisation_id]).await?.pop())
}

/// Organisations that meet `condition` (over alias `g`, integer parameters from `$1`) as cards.
async fn cards(pool: &AnyPool, condition: &str, binds: &[i64]) -> Result<Vec<PartnerCard>, sqlx::Error> {
    let sql = format!(
        "select g.organisation_id, g.name, g.kind, g.description, g.website, g.serves_province, \
                (select count(*) from offer o where o.organisation_id = g.organisation_id \
                   and o.status = 'published') as published_offers \
         from organisation g where {condition}"
    );
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for value in binds {
        query = query.bind(value);
    }
    let rows: Vec<Row> = query.fetch_all(pool).await?;
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
