//! A cohort offer's placements: the live matches naming it, with their villages.

use super::postings::{bind_all, village_in_regency};
use crate::domain::lifecycle::MatchStatus;
use crate::wire::placements::Placement;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct Row {
    need_match_id: i64,
    village_code: String,
    village_name: String,
    district_name: String,
    regency_name: String,
    need_id: i64,
    need_title: String,
    status: String,
    since: String,
    contact_name: Option<String>,
    contact_phone: Option<String>,
}

/// The offer's live matches (placements filled or asked for), filled first, by regency and
/// village; only those of `regency` when one is given. Contacts only of filled ones.
pub async fn of_offer(pool: &AnyPool, offer_id: i64, regency: Option<&str>) -> Result<Vec<Placement>, sqlx::Error> {
    let (within, binds) = match regency {
        Some(code) => {
            let (condition, values) = village_in_regency("n.village_code", code, 2);
            (format!(" and {condition}"), values)
        }
        None => (String::new(), Vec::new()),
    };
    let sql = format!(
        "select m.need_match_id, v.village_code, v.name as village_name, d.name as district_name, \
                r.name as regency_name, n.need_id, n.title as need_title, m.status, m.updated_at as since, \
                case when m.status in ('introduced', 'agreed') then p.contact_name end as contact_name, \
                case when m.status in ('introduced', 'agreed') then p.contact_phone end as contact_phone \
         from need_match m join need n on n.need_id = m.need_id \
         join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code left join village_profile p on p.village_code = v.village_code \
         where m.offer_id = $1 and m.status in ('suggested', 'interested', 'requested', 'introduced', 'agreed'){within} \
         order by case when m.status in ('introduced', 'agreed') then 0 else 1 end, r.name, v.name, m.need_match_id"
    );
    let rows: Vec<Row> = bind_all!(sqlx::query_as(&sql).bind(offer_id), &binds).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| Placement {
            match_id: r.need_match_id,
            village_code: r.village_code,
            village_name: r.village_name,
            district_name: r.district_name,
            regency_name: r.regency_name,
            need_id: r.need_id,
            need_title: r.need_title,
            status: MatchStatus::parse(&r.status).unwrap_or(MatchStatus::Suggested),
            since: r.since,
            contact_name: r.contact_name,
            contact_phone: r.contact_phone,
        })
        .collect())
}

/// How many of the offer's live matches are filled (introduced or agreed) and proposed.
pub async fn counts(pool: &AnyPool, offer_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "select cast(coalesce(sum(case when status in ('introduced', 'agreed') then 1 else 0 end), 0) as bigint), \
                cast(coalesce(sum(case when status in ('suggested', 'interested', 'requested') then 1 else 0 end), 0) as bigint) \
         from need_match where offer_id = $1",
    )
    .bind(offer_id)
    .fetch_one(pool)
    .await
}
