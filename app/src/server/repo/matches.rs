//! Matches between a need and a partner organisation (optionally one of its offers): their
//! creation, status changes, messages and the contacts revealed by an introduction.

use crate::api::matches::{MatchLine, MatchMessage};
use crate::domain::lifecycle::MatchStatus;
use crate::server::db::now;
use sqlx::{AnyConnection, AnyPool};
use std::collections::HashMap;

const LIVE: &str = "('suggested', 'interested', 'requested', 'introduced')";

/// Live matches of a need, by organisation.
pub async fn live_by_need(pool: &AnyPool, need_id: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "select organisation_id, need_match_id from need_match where need_id = $1 and status in {LIVE}"
    ))
    .bind(need_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Live matches of an organisation, by need.
pub async fn live_by_organisation(pool: &AnyPool, organisation_id: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "select need_id, need_match_id from need_match where organisation_id = $1 and status in {LIVE}"
    ))
    .bind(organisation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

pub async fn live_between(
    conn: &mut AnyConnection,
    need_id: i64,
    organisation_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "select need_match_id from need_match where need_id = $1 and organisation_id = $2 and status in {LIVE}"
    ))
    .bind(need_id)
    .bind(organisation_id)
    .fetch_optional(conn)
    .await
}

pub struct NewMatch<'a> {
    pub need_id: i64,
    pub organisation_id: i64,
    pub offer_id: Option<i64>,
    pub origin: &'a str,
    pub status: MatchStatus,
    pub score: Option<f64>,
    pub score_detail: Option<String>,
    pub message: Option<String>,
    pub created_by: i64,
}

/// Inserts a match. The database refuses a second live match for the same need and
/// organisation (a unique index), which the caller reports as the existing one.
pub async fn insert(conn: &mut AnyConnection, m: &NewMatch<'_>) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query_scalar(
        "insert into need_match (need_id, organisation_id, offer_id, origin, status, score, score_detail, message, \
                                 created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, nullif($6, 'NaN'), $7, $8, $9, $10, $10) returning need_match_id",
    )
    .bind(m.need_id)
    .bind(m.organisation_id)
    .bind(m.offer_id)
    .bind(m.origin)
    .bind(m.status.as_str())
    .bind(crate::server::db::real(m.score))
    .bind(m.score_detail.as_deref())
    .bind(m.message.as_deref())
    .bind(m.created_by)
    .bind(&at)
    .fetch_one(conn)
    .await
}

/// A match with what access decisions and its page need.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MatchRecord {
    pub need_match_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub offer_id: Option<i64>,
    pub offer_title: Option<String>,
    pub origin: String,
    pub status: String,
    pub score: Option<f64>,
    pub score_detail: Option<String>,
    pub message: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl MatchRecord {
    pub fn status(&self) -> MatchStatus {
        MatchStatus::parse(&self.status).unwrap_or(MatchStatus::Declined)
    }
}

const RECORD: &str =
    "select m.need_match_id, m.need_id, n.title as need_title, v.village_code, v.name as village_name, \
            r.regency_code, r.name as regency_name, m.organisation_id, g.name as organisation_name, m.offer_id, \
            o.title as offer_title, m.origin, m.status, m.score, m.score_detail, m.message, m.decline_reason, \
            m.created_at, m.updated_at \
     from need_match m join need n on n.need_id = m.need_id join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code \
     join organisation g on g.organisation_id = m.organisation_id left join offer o on o.offer_id = m.offer_id";

pub async fn find(pool: &AnyPool, match_id: i64) -> Result<Option<MatchRecord>, sqlx::Error> {
    sqlx::query_as(&format!("{RECORD} where m.need_match_id = $1")).bind(match_id).fetch_optional(pool).await
}

/// Other matches of the same need and organisation (earlier attempts), newest first.
pub async fn attempts(pool: &AnyPool, need_id: i64, organisation_id: i64) -> Result<Vec<MatchRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{RECORD} where m.need_id = $1 and m.organisation_id = $2 order by m.need_match_id desc limit 20"
    ))
    .bind(need_id)
    .bind(organisation_id)
    .fetch_all(pool)
    .await
}

/// Moves a match from `from` to `to`; `false` if it was no longer in `from`.
pub async fn transition(
    conn: &mut AnyConnection,
    match_id: i64,
    from: MatchStatus,
    to: MatchStatus,
    reason: Option<&str>,
    by: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let done = sqlx::query(
        "update need_match set status = $1, updated_at = $2, \
                decline_reason = case when $1 = 'declined' then $3 else decline_reason end, \
                declined_by = case when $1 = 'declined' then $4 else declined_by end, \
                introduced_by = case when $1 = 'introduced' then $4 else introduced_by end, \
                introduced_at = case when $1 = 'introduced' then $2 else introduced_at end \
         where need_match_id = $5 and status = $6",
    )
    .bind(to.as_str())
    .bind(&at)
    .bind(reason)
    .bind(by)
    .bind(match_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct LineRow {
    need_match_id: i64,
    need_title: String,
    village_name: String,
    regency_name: String,
    organisation_name: String,
    status: String,
    score: Option<f64>,
    created_at: String,
}

fn line(r: LineRow) -> MatchLine {
    MatchLine {
        match_id: r.need_match_id,
        need_title: r.need_title,
        village_name: r.village_name,
        regency_name: r.regency_name,
        organisation_name: r.organisation_name,
        status: MatchStatus::parse(&r.status).unwrap_or(MatchStatus::Declined),
        score: r.score,
        since: r.created_at,
    }
}

const LINE: &str = "select m.need_match_id, n.title as need_title, v.name as village_name, r.name as regency_name, \
            g.name as organisation_name, m.status, m.score, m.created_at \
     from need_match m join need n on n.need_id = m.need_id join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code \
     join organisation g on g.organisation_id = m.organisation_id";

/// Matches waiting for staff to introduce the sides, oldest first; `regency` limits them.
pub async fn pending_queue(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<MatchLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "{LINE} where m.status in ('suggested', 'interested', 'requested') and ($1 = '' or r.regency_code = $1) \
         order by m.created_at asc, m.need_match_id asc limit 200"
    ))
    .bind(regency.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line).collect())
}

/// The matches a village or an organisation takes part in, newest first.
pub async fn of_side(
    pool: &AnyPool,
    village_code: Option<&str>,
    organisation_id: Option<i64>,
) -> Result<Vec<MatchLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "{LINE} where ($1 = '' or n.village_code = $1) and ($2 = 0 or m.organisation_id = $2) \
         order by m.updated_at desc, m.need_match_id desc limit 100"
    ))
    .bind(village_code.unwrap_or(""))
    .bind(organisation_id.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line).collect())
}

pub async fn messages(pool: &AnyPool, match_id: i64) -> Result<Vec<MatchMessage>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select x.match_message_id, u.display_name, x.body, x.created_at from match_message x \
         join app_user u on u.user_id = x.author_id where x.need_match_id = $1 order by x.created_at, x.match_message_id",
    )
    .bind(match_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(message_id, author, body, created_at)| MatchMessage { message_id, author, body, created_at })
        .collect())
}

pub async fn add_message(
    conn: &mut AnyConnection,
    match_id: i64,
    author_id: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query("insert into match_message (need_match_id, author_id, body, created_at) values ($1, $2, $3, $4)")
        .bind(match_id)
        .bind(author_id)
        .bind(body)
        .bind(&at)
        .execute(&mut *conn)
        .await?;
    sqlx::query("update need_match set updated_at = $1 where need_match_id = $2")
        .bind(&at)
        .bind(match_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The contact person of a village and of an organisation (only for an introduced match).
pub async fn contacts(
    pool: &AnyPool,
    village_code: &str,
    organisation_id: i64,
) -> Result<(crate::api::villages::VillageContact, crate::api::villages::VillageContact), sqlx::Error> {
    use crate::api::villages::VillageContact;
    let village: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "select contact_name, contact_phone, contact_email from village_profile where village_code = $1",
    )
    .bind(village_code)
    .fetch_optional(pool)
    .await?;
    let organisation: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "select contact_name, contact_phone, contact_email from organisation where organisation_id = $1",
    )
    .bind(organisation_id)
    .fetch_optional(pool)
    .await?;
    let contact = |c: Option<(Option<String>, Option<String>, Option<String>)>| {
        let (name, phone, email) = c.unwrap_or_default();
        VillageContact { name, phone, email }
    };
    Ok((contact(village), contact(organisation)))
}

/// The people on each side, to notify them: the village's operators, the organisation's members.
pub async fn sides(
    conn: &mut AnyConnection,
    village_code: &str,
    organisation_id: i64,
) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    let operators = crate::server::repo::needs::village_operators(&mut *conn, village_code).await?;
    let members = crate::server::repo::organisations::member_ids(conn, organisation_id).await?;
    Ok((operators, members))
}

/// Active staff whose jurisdiction covers a regency (its regency staff and province staff).
pub async fn staff_of(conn: &mut AnyConnection, regency_code: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select user_id from app_user where status = 'active' and \
         (role in ('province_staff', 'admin') or (role = 'regency_staff' and regency_code = $1))",
    )
    .bind(regency_code)
    .fetch_all(conn)
    .await
}
