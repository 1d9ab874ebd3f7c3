//! Companies' operation areas (PPM / TJSL): the villages of ring 1 and ring 2 of each
//! company, proposed by the company and confirmed by staff, and what the reports read.
//! Writes take the jurisdiction (`regency`: a regency's staff) in their `where`.

use crate::domain::ppm::{AreaStatus, Ring};
use crate::ssr::db::now;
use crate::wire::ppm::{CompanyCoverage, PendingArea, RingCooperation, RingVillage, VillageOperation};
use sqlx::{AnyConnection, AnyPool};

/// Cooperations that count as serving a village (terminated ones do not).
const SERVING: &str = "('signed', 'active', 'completed')";

/// `and …` limiting the village column `column` to `regency` (`None`: anywhere), as a
/// range on the key, with its two parameters numbered from `next`.
fn within(column: &str, regency: Option<&str>, next: usize) -> (String, Vec<String>) {
    match regency {
        None => (String::new(), Vec::new()),
        Some(code) => {
            let (condition, values) = super::postings::village_in_regency(column, code, next);
            (format!(" and {condition}"), values)
        }
    }
}

/// The regency of a village of the registry, if it is one.
pub async fn regency_of_village(pool: &AnyPool, village_code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select d.regency_code from village v join district d on d.district_code = v.district_code \
         where v.village_code = $1",
    )
    .bind(village_code)
    .fetch_optional(pool)
    .await
}

/// An organisation's name, kind and status.
pub async fn organisation(pool: &AnyPool, id: i64) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("select name, kind, status from organisation where organisation_id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Records a village in a company's operation area (or moves it to the other ring), as
/// proposed or, entered by staff, confirmed. Returns the status it had before, if any.
pub async fn record(
    conn: &mut AnyConnection,
    organisation_id: i64,
    village_code: &str,
    ring: Ring,
    status: AreaStatus,
    user_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let before: Option<String> =
        sqlx::query_scalar("select status from operation_area where organisation_id = $1 and village_code = $2")
            .bind(organisation_id)
            .bind(village_code)
            .fetch_optional(&mut *conn)
            .await?;
    let at = now();
    let confirmed = status == AreaStatus::Confirmed;
    sqlx::query(
        "insert into operation_area (organisation_id, village_code, ring, status, proposed_by, confirmed_by, \
                                     confirmed_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         on conflict (organisation_id, village_code) do update set ring = excluded.ring, status = excluded.status, \
             proposed_by = excluded.proposed_by, confirmed_by = excluded.confirmed_by, \
             confirmed_at = excluded.confirmed_at, updated_at = excluded.updated_at",
    )
    .bind(organisation_id)
    .bind(village_code)
    .bind(ring.as_str())
    .bind(status.as_str())
    .bind(user_id)
    .bind(confirmed.then_some(user_id))
    .bind(confirmed.then(|| at.clone()))
    .bind(at.clone())
    .execute(&mut *conn)
    .await?;
    Ok(before)
}

/// Confirms a proposed village within `regency`; `false` if there was none to confirm.
pub async fn confirm(
    conn: &mut AnyConnection,
    organisation_id: i64,
    village_code: &str,
    regency: Option<&str>,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let (guard, binds) = within("village_code", regency, 5);
    let sql = format!(
        "update operation_area set status = 'confirmed', confirmed_by = $1, confirmed_at = $2, updated_at = $2 \
         where organisation_id = $3 and village_code = $4 and status = 'proposed'{guard}"
    );
    let mut query = sqlx::query(&sql).bind(user_id).bind(now()).bind(organisation_id).bind(village_code);
    for value in binds {
        query = query.bind(value);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// Takes a village out of a company's operation area, within `regency`.
pub async fn remove(
    conn: &mut AnyConnection,
    organisation_id: i64,
    village_code: &str,
    regency: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let (guard, binds) = within("village_code", regency, 3);
    let sql = format!("delete from operation_area where organisation_id = $1 and village_code = $2{guard}");
    let mut query = sqlx::query(&sql).bind(organisation_id).bind(village_code);
    for value in binds {
        query = query.bind(value);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// A company's villages, ring 1 first, with their open needs and its cooperations there.
/// `can_confirm` is left false (the caller decides).
pub async fn villages_of(pool: &AnyPool, organisation_id: i64) -> Result<Vec<RingVillage>, sqlx::Error> {
    type Row = (String, String, String, String, String, String, i64, i64);
    let sql = format!(
        "select o.village_code, v.name, d.name, r.name, o.ring, o.status, \
                (select count(*) from need n where n.village_code = o.village_code and n.status = 'published'), \
                (select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
                 join need n on n.need_id = m.need_id where n.village_code = o.village_code \
                 and m.organisation_id = o.organisation_id and a.status in {SERVING}) \
         from operation_area o join village v on v.village_code = o.village_code \
         join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code \
         where o.organisation_id = $1 order by o.ring, o.village_code"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(organisation_id).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(village_code, village, district, regency, ring, status, open_needs, cooperations)| RingVillage {
            village_code,
            village,
            district,
            regency,
            ring,
            status,
            open_needs,
            cooperations,
            can_confirm: false,
        })
        .collect())
}

/// A company's cooperations in the villages of its operation area (drafts left out).
pub async fn cooperations_of(pool: &AnyPool, organisation_id: i64) -> Result<Vec<RingCooperation>, sqlx::Error> {
    type Row = (i64, String, String, String, String, String, Option<i64>, Option<i64>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "select a.agreement_id, n.title, n.village_code, v.name, o.ring, a.status, a.value_idr, \
                (select p.percent from agreement_progress p where p.agreement_id = a.agreement_id \
                 and p.percent is not null order by p.reported_on desc, p.agreement_progress_id desc limit 1), \
                a.outcome \
         from agreement a join need_match m on m.need_match_id = a.need_match_id \
         join need n on n.need_id = m.need_id join village v on v.village_code = n.village_code \
         join operation_area o on o.organisation_id = m.organisation_id and o.village_code = n.village_code \
         where m.organisation_id = $1 and a.status <> 'draft' order by a.agreement_id",
    )
    .bind(organisation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(agreement_id, title, village_code, village, ring, status, value_idr, progress, outcome)| {
            RingCooperation { agreement_id, title, village_code, village, ring, status, value_idr, progress, outcome }
        })
        .collect())
}

/// The companies whose operation area (confirmed) a village lies in.
pub async fn of_village(pool: &AnyPool, village_code: &str) -> Result<Vec<VillageOperation>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "select o.organisation_id, g.name, o.ring from operation_area o \
         join organisation g on g.organisation_id = o.organisation_id \
         where o.village_code = $1 and o.status = 'confirmed' and g.status = 'verified' order by o.ring, g.name",
    )
    .bind(village_code)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(organisation_id, name, ring)| VillageOperation { organisation_id, name, ring }).collect())
}

/// Confirmed ring villages per company within `regency`, with the ring-1 villages where the
/// company has no signed or active cooperation.
pub async fn coverage(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<CompanyCoverage>, sqlx::Error> {
    let (guard, binds) = within("o.village_code", regency, 1);
    let sql = format!(
        "select o.organisation_id, g.name, o.ring, v.name, \
                (select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
                 join need n on n.need_id = m.need_id where n.village_code = o.village_code \
                 and m.organisation_id = o.organisation_id and a.status in ('signed', 'active')) \
         from operation_area o join organisation g on g.organisation_id = o.organisation_id \
         join village v on v.village_code = o.village_code \
         where o.status = 'confirmed'{guard} order by g.name, o.organisation_id, o.village_code"
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, String, i64)>(&sql);
    for value in binds {
        query = query.bind(value);
    }
    let mut companies: Vec<CompanyCoverage> = Vec::new();
    for (organisation_id, name, ring, village, active) in query.fetch_all(pool).await? {
        if companies.last().is_none_or(|c| c.organisation_id != organisation_id) {
            companies.push(CompanyCoverage {
                organisation_id,
                name,
                ring_1: 0,
                ring_2: 0,
                ring_1_without_programme: Vec::new(),
            });
        }
        let company = companies.last_mut().expect("pushed");
        if ring == Ring::Ring1.as_str() {
            company.ring_1 += 1;
            if active == 0 {
                company.ring_1_without_programme.push(village);
            }
        } else {
            company.ring_2 += 1;
        }
    }
    companies.sort_by_key(|c| std::cmp::Reverse(c.ring_1_without_programme.len()));
    Ok(companies)
}

/// Villages proposed by companies and waiting for staff of `regency` (or the province).
pub async fn pending(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<PendingArea>, sqlx::Error> {
    let (guard, binds) = within("o.village_code", regency, 1);
    let sql = format!(
        "select o.organisation_id, g.name, o.village_code, v.name, r.name, o.ring \
         from operation_area o join organisation g on g.organisation_id = o.organisation_id \
         join village v on v.village_code = o.village_code join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code \
         where o.status = 'proposed'{guard} order by o.created_at, o.organisation_id, o.village_code"
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, String, String, String)>(&sql);
    for value in binds {
        query = query.bind(value);
    }
    Ok(query
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(organisation_id, organisation, village_code, village, regency, ring)| PendingArea {
            organisation_id,
            organisation,
            village_code,
            village,
            regency,
            ring,
        })
        .collect())
}
