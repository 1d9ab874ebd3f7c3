//! The sectors and the served area of an offer, of a proposed change to one, and of an
//! organisation: one list of sectors and one of regions (a whole regency, or a district
//! with its regency) per owner row, written the same way for all three.

use crate::domain::offer::ServedArea;
use crate::domain::posting::Sector;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// Where one owner's lists live.
#[derive(Clone, Copy, Debug)]
pub struct Lists {
    /// The key column, in both list tables.
    pub key: &'static str,
    pub sectors: &'static str,
    pub regions: &'static str,
}

pub const OFFER: Lists = Lists { key: "offer_id", sectors: "offer_sector", regions: "offer_region" };
pub const OFFER_REVISION: Lists =
    Lists { key: "offer_revision_id", sectors: "offer_revision_sector", regions: "offer_revision_region" };
pub const ORGANISATION: Lists =
    Lists { key: "organisation_id", sectors: "organisation_sector", regions: "organisation_region" };

/// The rows of an area: `(regency, None)` for a whole regency, `(regency, Some(district))`.
pub fn region_rows(area: &ServedArea) -> Vec<(String, Option<String>)> {
    let whole = area.regencies.iter().map(|r| (r.clone(), None));
    let districts = area
        .districts
        .iter()
        .map(|d| (d.rsplit_once('.').map(|(r, _)| r.to_owned()).unwrap_or_default(), Some(d.clone())));
    whole.chain(districts).collect()
}

/// Replaces the sectors and regions of one owner row.
pub async fn write(
    conn: &mut AnyConnection,
    lists: Lists,
    id: i64,
    sectors: &[Sector],
    area: &ServedArea,
) -> Result<(), sqlx::Error> {
    let Lists { key, sectors: sector_table, regions: region_table } = lists;
    sqlx::query(&format!("delete from {sector_table} where {key} = $1")).bind(id).execute(&mut *conn).await?;
    sqlx::query(&format!("delete from {region_table} where {key} = $1")).bind(id).execute(&mut *conn).await?;
    for sector in sectors {
        sqlx::query(&format!("insert into {sector_table} ({key}, sector) values ($1, $2)"))
            .bind(id)
            .bind(sector.as_str())
            .execute(&mut *conn)
            .await?;
    }
    for (regency, district) in region_rows(area) {
        sqlx::query(&format!("insert into {region_table} ({key}, regency_code, district_code) values ($1, $2, $3)"))
            .bind(id)
            .bind(regency)
            .bind(district)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Copies the lists of one owner row to another (an approved revision onto its offer).
pub async fn copy(
    conn: &mut AnyConnection,
    from: Lists,
    from_id: i64,
    to: Lists,
    to_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("delete from {} where {} = $1", to.sectors, to.key)).bind(to_id).execute(&mut *conn).await?;
    sqlx::query(&format!("delete from {} where {} = $1", to.regions, to.key)).bind(to_id).execute(&mut *conn).await?;
    sqlx::query(&format!(
        "insert into {} ({}, sector) select $1, sector from {} where {} = $2",
        to.sectors, to.key, from.sectors, from.key
    ))
    .bind(to_id)
    .bind(from_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "insert into {} ({}, regency_code, district_code) select $1, regency_code, district_code from {} where {} = $2",
        to.regions, to.key, from.regions, from.key
    ))
    .bind(to_id)
    .bind(from_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The sectors and areas of several owner rows, by id (sectors in vocabulary order).
pub async fn read(
    conn: &mut AnyConnection,
    lists: Lists,
    ids: &[i64],
) -> Result<BTreeMap<i64, (Vec<String>, ServedArea)>, sqlx::Error> {
    let mut out: BTreeMap<i64, (Vec<String>, ServedArea)> = ids.iter().map(|id| (*id, Default::default())).collect();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = super::placeholders(1, ids.len());
    let sql =
        format!("select {key}, sector from {table} where {key} in ({list})", key = lists.key, table = lists.sectors);
    let mut sectors = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        sectors = sectors.bind(id);
    }
    for (id, sector) in sectors.fetch_all(&mut *conn).await? {
        out.entry(id).or_default().0.push(sector);
    }
    let sql = format!(
        "select {key}, regency_code, district_code from {table} where {key} in ({list}) \
         order by regency_code, district_code",
        key = lists.key,
        table = lists.regions
    );
    let mut regions = sqlx::query_as::<_, (i64, String, Option<String>)>(&sql);
    for id in ids {
        regions = regions.bind(id);
    }
    for (id, regency, district) in regions.fetch_all(conn).await? {
        let area = &mut out.entry(id).or_default().1;
        match district {
            Some(district) => area.districts.push(district),
            None => area.regencies.push(regency),
        }
    }
    for (sectors, _) in out.values_mut() {
        sectors.sort_by_key(|s| Sector::ALL.iter().position(|v| v.as_str() == s));
    }
    Ok(out)
}

/// The names of the places several owner rows serve, by id: a regency by its name, a
/// district as "district (regency)", in code order.
pub async fn names(
    conn: &mut AnyConnection,
    lists: Lists,
    ids: &[i64],
) -> Result<BTreeMap<i64, Vec<String>>, sqlx::Error> {
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "select x.{key}, coalesce(d.name || ' (' || r.name || ')', r.name) from {table} x \
         join regency r on r.regency_code = x.regency_code left join district d on d.district_code = x.district_code \
         where x.{key} in ({list}) order by r.regency_code, coalesce(x.district_code, '')",
        key = lists.key,
        table = lists.regions,
        list = super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    for (id, name) in query.fetch_all(conn).await? {
        out.entry(id).or_default().push(name);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_carry_their_regency() {
        let area =
            ServedArea { whole_province: false, regencies: vec!["64.02".into()], districts: vec!["64.03.05".into()] };
        assert_eq!(region_rows(&area), [("64.02".to_owned(), None), ("64.03".to_owned(), Some("64.03.05".to_owned()))]);
    }
}
