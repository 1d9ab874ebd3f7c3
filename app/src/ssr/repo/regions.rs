//! The region registry: regencies/cities, districts and villages of the province.

use crate::domain::region::{RegencyKind, VillageKind};
use sqlx::{AnyConnection, AnyPool};

pub async fn upsert_regency(
    conn: &mut AnyConnection,
    code: &str,
    name: &str,
    kind: RegencyKind,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into regency (regency_code, name, kind) values ($1, $2, $3) \
         on conflict (regency_code) do update set name = excluded.name, kind = excluded.kind",
    )
    .bind(code)
    .bind(name)
    .bind(kind.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn upsert_district(
    conn: &mut AnyConnection,
    code: &str,
    regency_code: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into district (district_code, regency_code, name) values ($1, $2, $3) \
         on conflict (district_code) do update set regency_code = excluded.regency_code, name = excluded.name",
    )
    .bind(code)
    .bind(regency_code)
    .bind(name)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn upsert_village(
    conn: &mut AnyConnection,
    code: &str,
    district_code: &str,
    name: &str,
    kind: VillageKind,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into village (village_code, district_code, name, kind) values ($1, $2, $3, $4) \
         on conflict (village_code) do update set district_code = excluded.district_code, \
         name = excluded.name, kind = excluded.kind",
    )
    .bind(code)
    .bind(district_code)
    .bind(name)
    .bind(kind.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// How many entries of each level the registry holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RegionCounts {
    pub regencies: i64,
    pub districts: i64,
    pub desa: i64,
    pub kelurahan: i64,
}

pub async fn counts(pool: &AnyPool) -> Result<RegionCounts, sqlx::Error> {
    let (regencies, districts, desa, kelurahan): (i64, i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from regency), (select count(*) from district), \
                (select count(*) from village where kind = 'desa'), \
                (select count(*) from village where kind = 'kelurahan')",
    )
    .fetch_one(pool)
    .await?;
    Ok(RegionCounts { regencies, districts, desa, kelurahan })
}

pub async fn regency_exists(pool: &AnyPool, code: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("select count(*) from regency where regency_code = $1").bind(code).fetch_one(pool).await?;
    Ok(n > 0)
}

pub async fn village_exists(pool: &AnyPool, code: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("select count(*) from village where village_code = $1").bind(code).fetch_one(pool).await?;
    Ok(n > 0)
}

pub async fn regencies(pool: &AnyPool) -> Result<Vec<crate::wire::regions::RegencyOption>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("select regency_code, name, kind from regency order by regency_code").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(code, name, kind)| crate::wire::regions::RegencyOption { code, name, kind }).collect())
}

/// The districts of a regency, by name.
pub async fn districts(
    pool: &AnyPool,
    regency_code: &str,
) -> Result<Vec<crate::wire::regions::RegencyOption>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select district_code, name from district where regency_code = $1 order by name")
            .bind(regency_code)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name)| crate::wire::regions::RegencyOption { code, name, kind: "kecamatan".to_owned() })
        .collect())
}

/// One entry of the registry, flat: its level is known from the code's shape.
#[derive(sqlx::FromRow)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    /// `kabupaten`/`kota`, `kecamatan`, or `desa`/`kelurahan`.
    pub kind: String,
    /// The regency of a district, the district of a village; empty for a regency.
    pub parent_code: String,
}

/// Every regency, district or village of the province, by code.
pub async fn all_at(pool: &AnyPool, level: crate::domain::region::RegionLevel) -> Result<Vec<RegionRow>, sqlx::Error> {
    use crate::domain::region::RegionLevel;
    let sql = match level {
        RegionLevel::Regency => "select regency_code as code, name, kind, '' as parent_code from regency order by 1",
        RegionLevel::District => {
            "select district_code as code, name, 'kecamatan' as kind, regency_code as parent_code from district order by 1"
        }
        RegionLevel::Village => "select village_code as code, name, kind, district_code as parent_code from village order by 1",
    };
    sqlx::query_as(sql).fetch_all(pool).await
}

/// The villages of a regency and/or a district (all of the province when both are empty).
pub async fn villages(pool: &AnyPool, regency: &str, district: &str) -> Result<Vec<RegionRow>, sqlx::Error> {
    sqlx::query_as(
        "select v.village_code as code, v.name, v.kind, v.district_code as parent_code \
         from village v join district d on d.district_code = v.district_code \
         where ($1 = '' or d.regency_code = $1) and ($2 = '' or v.district_code = $2) order by 1",
    )
    .bind(regency)
    .bind(district)
    .fetch_all(pool)
    .await
}

/// Every regency and district code, to check an area against the registry.
pub async fn area_codes(pool: &AnyPool) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    let codes: Vec<String> =
        sqlx::query_scalar("select regency_code from regency union all select district_code from district")
            .fetch_all(pool)
            .await?;
    Ok(codes.into_iter().collect())
}
