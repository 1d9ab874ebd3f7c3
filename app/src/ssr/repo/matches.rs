//! Matches between a need and a partner organisation (optionally one of its offers): their
//! creation, status changes, messages and the contacts revealed by an introduction.

use super::postings::{bind_all, Guard, OwnerKey};
use crate::domain::access::MatchFacts;
use crate::domain::account::CurrentUser;
use crate::domain::lifecycle::MatchStatus;
use crate::domain::posting::PostingKind;
use crate::domain::search::PAGE_SIZE;
use crate::ssr::db::now;
use crate::wire::matches::{MatchLine, MatchMessage, MatchStep};
use crate::wire::page::Page;
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

/// A live match that gives (or asks for) a cohort offer's placement to another need of
/// the same village: a village gets one placement of a cohort.
pub async fn live_placement(
    conn: &mut AnyConnection,
    offer_id: i64,
    village_code: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "select m.need_match_id from need_match m join need n on n.need_id = m.need_id \
         join offer o on o.offer_id = m.offer_id \
         where m.offer_id = $1 and o.cohort = 1 and n.village_code = $2 and m.status in {LIVE} limit 1"
    ))
    .bind(offer_id)
    .bind(village_code)
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
    /// The group of a partner's interest in a cluster of needs.
    pub group_id: Option<i64>,
}

/// Inserts a match. The database refuses a second live match for the same need and
/// organisation (a unique index), which the caller reports as the existing one.
pub async fn insert(conn: &mut AnyConnection, m: &NewMatch<'_>) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query_scalar(
        "insert into need_match (need_id, organisation_id, offer_id, origin, status, score, score_detail, message, \
                                 created_by, created_at, updated_at, match_group_id) \
         values ($1, $2, $3, $4, $5, nullif($6, 'NaN'), $7, $8, $9, $10, $10, $11) returning need_match_id",
    )
    .bind(m.need_id)
    .bind(m.organisation_id)
    .bind(m.offer_id)
    .bind(m.origin)
    .bind(m.status.as_str())
    .bind(crate::ssr::db::real(m.score))
    .bind(m.score_detail.as_deref())
    .bind(m.message.as_deref())
    .bind(m.created_by)
    .bind(&at)
    .bind(m.group_id)
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

    pub fn facts(&self) -> crate::domain::access::MatchFacts {
        crate::domain::access::MatchFacts {
            village_code: self.village_code.clone(),
            regency_code: self.regency_code.clone(),
            organisation_id: self.organisation_id,
        }
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

/// `and …` over the match aliased `alias`: only the matches of the guard's side (a
/// village's needs, an organisation) or jurisdiction (needs of a regency's villages).
/// The guard an update of a match (or of what hangs on it, its agreement) repeats: staff
/// of the need's regency when `as_staff`, else the caller's side of it; `None` if the caller
/// is neither.
pub fn guard_for(user: &CurrentUser, facts: &MatchFacts, as_staff: bool) -> Option<Guard> {
    if as_staff {
        facts.is_staff_of(user).then(|| Guard::for_staff(user)).flatten()
    } else if facts.is_village_side(user) {
        Some(Guard::Owner(OwnerKey::Village(facts.village_code.clone())))
    } else if facts.is_partner_side(user) {
        Some(Guard::Owner(OwnerKey::Organisation(facts.organisation_id)))
    } else {
        None
    }
}

/// `and …` over the match aliased `alias`: the guard's side or jurisdiction.
pub fn guarded(guard: &Guard, alias: &str, next: usize) -> (String, Vec<String>) {
    match guard {
        Guard::Owner(OwnerKey::Organisation(id)) => {
            (format!(" and {alias}.organisation_id = cast(${next} as bigint)"), vec![id.to_string()])
        }
        Guard::Owner(OwnerKey::Village(_)) | Guard::Regency(_) => {
            let (need, binds) = guard.sql(PostingKind::Need, "gn", next);
            (format!(" and exists (select 1 from need gn where gn.need_id = {alias}.need_id{need})"), binds)
        }
        Guard::Anywhere => (String::new(), Vec::new()),
    }
}

/// Moves a match from `from` to `to`; `false` if it was no longer in `from` or is not
/// the guard's (nothing changed then).
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    conn: &mut AnyConnection,
    match_id: i64,
    from: MatchStatus,
    to: MatchStatus,
    reason: Option<&str>,
    by: i64,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let (guard_sql, binds) = guarded(guard, "need_match", 7);
    let sql = format!(
        "update need_match set status = $1, updated_at = $2, \
                decline_reason = case when $1 = 'declined' then $3 else decline_reason end, \
                declined_by = case when $1 = 'declined' then $4 else declined_by end, \
                introduced_by = case when $1 = 'introduced' then $4 else introduced_by end, \
                introduced_at = case when $1 = 'introduced' then $2 else introduced_at end \
         where need_match_id = $5 and status = $6{guard_sql}"
    );
    let query = sqlx::query(&sql).bind(to.as_str()).bind(&at).bind(reason).bind(by).bind(match_id).bind(from.as_str());
    let done = bind_all!(query, &binds).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// What an introduction needs to know of the offer a match names.
pub struct OfferRoom {
    /// Published, of a verified organisation.
    pub public: bool,
    pub capacity: i64,
    /// Introduced and agreed matches that already use it.
    pub used: i64,
}

/// The offer's state and used capacity, read inside the transaction that introduces.
pub async fn offer_room(conn: &mut AnyConnection, offer_id: i64) -> Result<Option<OfferRoom>, sqlx::Error> {
    let row: Option<(String, String, i64, i64)> = sqlx::query_as(
        "select o.status, g.status, o.capacity, \
                (select count(*) from need_match m where m.offer_id = o.offer_id \
                   and m.status in ('introduced', 'agreed')) \
         from offer o join organisation g on g.organisation_id = o.organisation_id where o.offer_id = $1",
    )
    .bind(offer_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(status, organisation, capacity, used)| OfferRoom {
        public: crate::domain::lifecycle::PostingStatus::parse(&status).is_some_and(|s| s.is_public())
            && organisation == "verified",
        capacity,
        used,
    }))
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

/// Matches waiting for staff to introduce the sides within the guard's jurisdiction,
/// oldest first, a page at a time.
pub async fn pending_queue(pool: &AnyPool, guard: &Guard, page: u32) -> Result<Page<MatchLine>, sqlx::Error> {
    let page = page.max(1);
    let (guard_sql, binds) = guarded(guard, "m", 1);
    let condition = format!("m.status in ('suggested', 'interested', 'requested'){guard_sql}");
    let offset = i64::from(page - 1) * i64::from(PAGE_SIZE);
    let sql = format!(
        "{LINE} where {condition} order by m.created_at asc, m.need_match_id asc limit {PAGE_SIZE} offset {offset}"
    );
    let rows: Vec<LineRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(Page::new(rows.into_iter().map(line).collect(), pending_count(pool, guard).await?, page))
}

/// How many matches wait for an introduction within the guard's jurisdiction.
pub async fn pending_count(pool: &AnyPool, guard: &Guard) -> Result<i64, sqlx::Error> {
    let (guard_sql, binds) = guarded(guard, "m", 1);
    let sql = format!(
        "select count(*) from need_match m where m.status in ('suggested', 'interested', 'requested'){guard_sql}"
    );
    bind_all!(sqlx::query_scalar(&sql), &binds).fetch_one(pool).await
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

/// The steps of a match, from the audit log, oldest first.
pub async fn history(pool: &AnyPool, match_id: i64) -> Result<Vec<MatchStep>, sqlx::Error> {
    let rows: Vec<(String, Option<String>, Option<String>, String)> = sqlx::query_as(
        "select a.action, u.display_name, a.reason, a.created_at from audit_log a \
         left join app_user u on u.user_id = a.actor_id \
         where a.entity_type = 'need_match' and a.entity_id = $1 order by a.audit_id",
    )
    .bind(match_id.to_string())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(action, actor, reason, at)| MatchStep { action, actor: actor.unwrap_or_default(), reason, at })
        .collect())
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
) -> Result<(crate::wire::villages::Contact, crate::wire::villages::Contact), sqlx::Error> {
    use crate::wire::villages::Contact;
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
        Contact { name, phone, email }
    };
    Ok((contact(village), contact(organisation)))
}

/// The people on each side, to notify them: the village's operators, the organisation's members.
pub async fn sides(
    conn: &mut AnyConnection,
    village_code: &str,
    organisation_id: i64,
) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    let operators = crate::ssr::repo::needs::village_operators(&mut *conn, village_code).await?;
    let members = crate::ssr::repo::organisations::member_ids(conn, organisation_id).await?;
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

/// A partner's interest in a cluster of needs: the group its matches share.
pub async fn insert_group(
    conn: &mut AnyConnection,
    organisation_id: i64,
    cluster_seed: i64,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into match_group (organisation_id, cluster_seed, created_by, created_at) values ($1, $2, $3, $4) \
         returning match_group_id",
    )
    .bind(organisation_id)
    .bind(cluster_seed)
    .bind(created_by)
    .bind(now())
    .fetch_one(conn)
    .await
}

/// Of these needs, those still published.
pub async fn published_among(conn: &mut AnyConnection, need_ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if need_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "select need_id from need where status = 'published' and need_id in ({})",
        super::placeholders(1, need_ids.len())
    );
    let mut query = sqlx::query_scalar(&sql);
    for id in need_ids {
        query = query.bind(id);
    }
    query.fetch_all(conn).await
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    match_group_id: i64,
    organisation_name: String,
    example: String,
    regency_name: String,
    waiting: i64,
    created_at: String,
}

/// Groups of a partner's interest whose matches wait for an introduction within the
/// guard's jurisdiction (counting only those), oldest first.
pub async fn waiting_groups(
    pool: &AnyPool,
    guard: &Guard,
) -> Result<Vec<crate::wire::clusters::GroupLine>, sqlx::Error> {
    let (guard_sql, binds) = guarded(guard, "m", 1);
    let sql = format!(
        "select g.match_group_id, o.name as organisation_name, s.title as example, r.name as regency_name, \
                count(*) as waiting, g.created_at \
         from match_group g join need_match m on m.match_group_id = g.match_group_id \
         join organisation o on o.organisation_id = g.organisation_id join need s on s.need_id = g.cluster_seed \
         join village v on v.village_code = s.village_code join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code \
         where m.status in ('suggested', 'interested', 'requested'){guard_sql} \
         group by g.match_group_id, o.name, s.title, r.name, g.created_at \
         order by g.created_at, g.match_group_id limit 50"
    );
    let rows: Vec<GroupRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::wire::clusters::GroupLine {
            group_id: r.match_group_id,
            organisation_name: r.organisation_name,
            example: r.example,
            regency_name: r.regency_name,
            waiting: r.waiting,
            created_at: r.created_at,
        })
        .collect())
}

/// A group's matches waiting for an introduction within the guard's jurisdiction.
pub async fn group_waiting(pool: &AnyPool, group_id: i64, guard: &Guard) -> Result<Vec<i64>, sqlx::Error> {
    let (guard_sql, binds) = guarded(guard, "m", 2);
    let sql = format!(
        "select m.need_match_id from need_match m where m.match_group_id = $1 \
         and m.status in ('suggested', 'interested', 'requested'){guard_sql} order by m.need_match_id"
    );
    bind_all!(sqlx::query_scalar(&sql).bind(group_id), &binds).fetch_all(pool).await
}
