//! Matching rounds: kept with their settings, totals and pairs (the proposal's and the
//! greedy pairing's), listed and read within a staff member's jurisdiction, and decided
//! once. Regency staff reach only their regency's rounds: every read and the decision
//! repeat it in the `where`.

use super::postings::{bind_all, Guard};
use crate::domain::matching::round::RoundStatus;
use crate::domain::search::PAGE_SIZE;
use crate::ssr::db::now;
use crate::wire::page::Page;
use crate::wire::rounds::{Comparison, RoundLine, RoundPair, RoundTotals};
use sqlx::{AnyConnection, AnyPool};
use std::collections::HashSet;

/// `and <alias>.regency_code = $next` for regency staff; nothing for province staff.
fn jurisdiction(guard: &Guard, alias: &str, next: usize) -> (String, Vec<String>) {
    match guard {
        Guard::Regency(code) => (format!(" and {alias}.regency_code = ${next}"), vec![code.clone()]),
        Guard::Anywhere => (String::new(), Vec::new()),
        Guard::Owner(_) => (" and 1 = 0".to_owned(), Vec::new()),
    }
}

pub struct NewRound<'a> {
    pub regency_code: Option<&'a str>,
    pub settings: String,
    pub needs: i64,
    pub offers: i64,
    pub candidate_pairs: i64,
    pub proposal: &'a RoundTotals,
    pub greedy: &'a RoundTotals,
    pub upper_bound: f64,
    pub solve_ms: i64,
    pub created_by: i64,
}

pub async fn insert(conn: &mut AnyConnection, round: &NewRound<'_>) -> Result<i64, sqlx::Error> {
    let at = now();
    let (p, g) = (round.proposal, round.greedy);
    sqlx::query_scalar(
        "insert into matching_round (regency_code, settings, status, needs, offers, candidate_pairs, pairs, villages, \
             first_time_villages, total_score, objective, upper_bound, greedy_pairs, greedy_villages, \
             greedy_first_time_villages, greedy_total_score, greedy_objective, solve_ms, created_by, created_at, \
             updated_at) \
         values ($1, $2, 'proposed', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) \
         returning matching_round_id",
    )
    .bind(round.regency_code)
    .bind(&round.settings)
    .bind(round.needs)
    .bind(round.offers)
    .bind(round.candidate_pairs)
    .bind(p.pairs)
    .bind(p.villages)
    .bind(p.first_time_villages)
    .bind(p.total_score)
    .bind(p.objective)
    .bind(round.upper_bound)
    .bind(g.pairs)
    .bind(g.villages)
    .bind(g.first_time_villages)
    .bind(g.total_score)
    .bind(g.objective)
    .bind(round.solve_ms)
    .bind(round.created_by)
    .bind(&at)
    .fetch_one(conn)
    .await
}

/// A pair of one of a round's assignments.
pub struct NewPair {
    /// `optimal` or `greedy`.
    pub solution: &'static str,
    pub need_id: i64,
    pub offer_id: i64,
    pub village_code: String,
    pub score: f64,
    pub bonus: f64,
    pub score_detail: String,
    pub first_time: bool,
}

/// Rows per insert statement (nine parameters each).
const BATCH: usize = 100;

pub async fn insert_pairs(conn: &mut AnyConnection, round_id: i64, pairs: &[NewPair]) -> Result<(), sqlx::Error> {
    for chunk in pairs.chunks(BATCH) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 8 + 2;
                format!(
                    "($1, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    n,
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6,
                    n + 7
                )
            })
            .collect();
        let sql = format!(
            "insert into matching_round_pair (matching_round_id, solution, need_id, offer_id, village_code, score, \
                 bonus, score_detail, first_time) values {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(round_id);
        for pair in chunk {
            query = query
                .bind(pair.solution)
                .bind(pair.need_id)
                .bind(pair.offer_id)
                .bind(&pair.village_code)
                .bind(pair.score)
                .bind(pair.bonus)
                .bind(&pair.score_detail)
                .bind(i64::from(pair.first_time));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct RoundRow {
    pub matching_round_id: i64,
    pub regency_code: Option<String>,
    pub regency_name: Option<String>,
    pub settings: String,
    pub status: String,
    pub needs: i64,
    pub offers: i64,
    pub candidate_pairs: i64,
    pub pairs: i64,
    pub villages: i64,
    pub first_time_villages: i64,
    pub total_score: f64,
    pub objective: f64,
    pub upper_bound: f64,
    pub greedy_pairs: i64,
    pub greedy_villages: i64,
    pub greedy_first_time_villages: i64,
    pub greedy_total_score: f64,
    pub greedy_objective: f64,
    pub solve_ms: i64,
    pub created_by: String,
    pub created_at: String,
    pub accepted_pairs: Option<i64>,
    pub skipped_pairs: Option<i64>,
}

impl RoundRow {
    pub fn line(&self) -> RoundLine {
        RoundLine {
            round_id: self.matching_round_id,
            created_at: self.created_at.clone(),
            created_by: self.created_by.clone(),
            regency_name: self.regency_name.clone(),
            status: RoundStatus::parse(&self.status).unwrap_or(RoundStatus::Discarded),
            needs: self.needs,
            offers: self.offers,
            proposal: RoundTotals {
                pairs: self.pairs,
                villages: self.villages,
                first_time_villages: self.first_time_villages,
                total_score: self.total_score,
                objective: self.objective,
            },
            greedy: RoundTotals {
                pairs: self.greedy_pairs,
                villages: self.greedy_villages,
                first_time_villages: self.greedy_first_time_villages,
                total_score: self.greedy_total_score,
                objective: self.greedy_objective,
            },
            accepted_pairs: self.accepted_pairs,
            skipped_pairs: self.skipped_pairs,
        }
    }
}

const ROUND: &str =
    "select r.matching_round_id, r.regency_code, g.name as regency_name, r.settings, r.status, r.needs, \
            r.offers, r.candidate_pairs, r.pairs, r.villages, r.first_time_villages, r.total_score, r.objective, \
            r.upper_bound, r.greedy_pairs, r.greedy_villages, r.greedy_first_time_villages, r.greedy_total_score, \
            r.greedy_objective, r.solve_ms, u.display_name as created_by, r.created_at, r.accepted_pairs, \
            r.skipped_pairs \
     from matching_round r join app_user u on u.user_id = r.created_by \
     left join regency g on g.regency_code = r.regency_code";

/// The rounds of the jurisdiction, newest first.
pub async fn list(pool: &AnyPool, guard: &Guard, page: u32) -> Result<Page<RoundLine>, sqlx::Error> {
    let (condition, binds) = jurisdiction(guard, "r", 1);
    let count = format!("select count(*) from matching_round r where 1 = 1{condition}");
    let total: i64 = bind_all!(sqlx::query_scalar(&count), &binds).fetch_one(pool).await?;
    let offset = i64::from(page.max(1) - 1) * i64::from(PAGE_SIZE);
    let sql =
        format!("{ROUND} where 1 = 1{condition} order by r.matching_round_id desc limit {PAGE_SIZE} offset {offset}");
    let rows: Vec<RoundRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(Page::new(rows.iter().map(RoundRow::line).collect(), total, page.max(1)))
}

pub async fn find(pool: &AnyPool, guard: &Guard, round_id: i64) -> Result<Option<RoundRow>, sqlx::Error> {
    let (condition, binds) = jurisdiction(guard, "r", 2);
    let sql = format!("{ROUND} where r.matching_round_id = $1{condition}");
    bind_all!(sqlx::query_as(&sql).bind(round_id), &binds).fetch_optional(pool).await
}

#[derive(sqlx::FromRow)]
struct PairRow {
    matching_round_pair_id: i64,
    need_id: i64,
    need_title: String,
    village_code: String,
    village_name: String,
    regency_name: String,
    offer_id: i64,
    offer_title: String,
    organisation_name: String,
    score: f64,
    bonus: f64,
    score_detail: String,
    first_time: i64,
    outcome: Option<String>,
    need_match_id: Option<i64>,
}

/// A page of the proposal's pairs, by offer then need (one offer's pairs together).
pub async fn pairs(pool: &AnyPool, round_id: i64, page: u32) -> Result<Page<RoundPair>, sqlx::Error> {
    let total: i64 = sqlx::query_scalar(
        "select count(*) from matching_round_pair where matching_round_id = $1 and solution = 'optimal'",
    )
    .bind(round_id)
    .fetch_one(pool)
    .await?;
    let offset = i64::from(page.max(1) - 1) * i64::from(PAGE_SIZE);
    let rows: Vec<PairRow> = sqlx::query_as(&format!(
        "select p.matching_round_pair_id, p.need_id, n.title as need_title, p.village_code, v.name as village_name, \
                g.name as regency_name, p.offer_id, o.title as offer_title, org.name as organisation_name, p.score, \
                p.bonus, p.score_detail, p.first_time, p.outcome, p.need_match_id \
         from matching_round_pair p join need n on n.need_id = p.need_id \
         join village v on v.village_code = p.village_code join district d on d.district_code = v.district_code \
         join regency g on g.regency_code = d.regency_code join offer o on o.offer_id = p.offer_id \
         join organisation org on org.organisation_id = o.organisation_id \
         where p.matching_round_id = $1 and p.solution = 'optimal' \
         order by p.offer_id, p.need_id limit {PAGE_SIZE} offset {offset}"
    ))
    .bind(round_id)
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|r| RoundPair {
            pair_id: r.matching_round_pair_id,
            need_id: r.need_id,
            need_title: r.need_title,
            village_code: r.village_code,
            village_name: r.village_name,
            regency_name: r.regency_name,
            offer_id: r.offer_id,
            offer_title: r.offer_title,
            organisation_name: r.organisation_name,
            score: r.score,
            bonus: r.bonus,
            first_time: r.first_time != 0,
            factors: serde_json::from_str(&r.score_detail).ok(),
            outcome: r.outcome,
            match_id: r.need_match_id,
        })
        .collect();
    Ok(Page::new(items, total, page.max(1)))
}

/// How many rows a comparison table shows.
pub const COMPARED: i64 = 50;

/// Pairs per offer (or per village) in the proposal and in the greedy pairing, those that
/// differ most first, with how many offers (villages) have pairs in either.
pub async fn comparison(pool: &AnyPool, round_id: i64, by_offer: bool) -> Result<(Vec<Comparison>, i64), sqlx::Error> {
    let (key, name, detail, joins) = if by_offer {
        (
            "cast(p.offer_id as text)",
            "o.title",
            "org.name",
            "join offer o on o.offer_id = p.offer_id join organisation org on org.organisation_id = o.organisation_id",
        )
    } else {
        (
            "p.village_code",
            "v.name",
            "g.name",
            "join village v on v.village_code = p.village_code join district d on d.district_code = v.district_code \
             join regency g on g.regency_code = d.regency_code",
        )
    };
    let sql = format!(
        "select item_key, item_name, item_detail, proposal, greedy from ( \
             select {key} as item_key, {name} as item_name, {detail} as item_detail, \
                    cast(sum(case when p.solution = 'optimal' then 1 else 0 end) as bigint) as proposal, \
                    cast(sum(case when p.solution = 'greedy' then 1 else 0 end) as bigint) as greedy \
             from matching_round_pair p {joins} where p.matching_round_id = $1 group by {key}, {name}, {detail}) c \
         order by abs(proposal - greedy) desc, proposal desc, item_key limit {COMPARED}"
    );
    type Row = (String, String, String, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(round_id).fetch_all(pool).await?;
    let column = if by_offer { "offer_id" } else { "village_code" };
    let total: i64 = sqlx::query_scalar(&format!(
        "select count(distinct {column}) from matching_round_pair where matching_round_id = $1"
    ))
    .bind(round_id)
    .fetch_one(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|(key, name, detail, proposal, greedy)| Comparison { key, name, detail, proposal, greedy })
        .collect();
    Ok((items, total))
}

/// Decides a proposed round of the jurisdiction (once): `false` if it is not (or no
/// longer) proposed or not the caller's.
pub async fn decide(
    conn: &mut AnyConnection,
    guard: &Guard,
    round_id: i64,
    status: RoundStatus,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let (condition, binds) = jurisdiction(guard, "matching_round", 5);
    let sql = format!(
        "update matching_round set status = $1, decided_by = $2, decided_at = $3, updated_at = $3 \
         where matching_round_id = $4 and status = 'proposed'{condition}"
    );
    let query = sqlx::query(&sql).bind(status.as_str()).bind(user_id).bind(now()).bind(round_id);
    Ok(bind_all!(query, &binds).execute(conn).await?.rows_affected() == 1)
}

/// A proposed pair with what accepting it must check again.
#[derive(sqlx::FromRow)]
pub struct Acceptable {
    pub matching_round_pair_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub need_status: String,
    pub village_code: String,
    pub regency_code: String,
    pub offer_id: i64,
    pub organisation_id: i64,
    pub offer_status: String,
    pub organisation_status: String,
    pub capacity: i64,
    /// Live introductions and agreements naming the offer.
    pub used: i64,
    pub score_detail: String,
}

/// The proposal's pairs not yet decided (all, or those chosen), read in the transaction
/// that accepts them.
pub async fn undecided(
    conn: &mut AnyConnection,
    round_id: i64,
    chosen: Option<&[i64]>,
) -> Result<Vec<Acceptable>, sqlx::Error> {
    let listed = match chosen {
        Some(ids) => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(
                " and p.matching_round_pair_id in ({})",
                if ids.is_empty() { "0".to_owned() } else { ids.join(", ") }
            )
        }
        None => String::new(),
    };
    sqlx::query_as(&format!(
        "select p.matching_round_pair_id, p.need_id, n.title as need_title, n.status as need_status, p.village_code, \
                d.regency_code, p.offer_id, o.organisation_id, o.status as offer_status, \
                org.status as organisation_status, o.capacity, \
                (select count(*) from need_match m where m.offer_id = o.offer_id \
                 and m.status in ('introduced', 'agreed')) as used, p.score_detail \
         from matching_round_pair p join need n on n.need_id = p.need_id \
         join village v on v.village_code = p.village_code join district d on d.district_code = v.district_code \
         join offer o on o.offer_id = p.offer_id join organisation org on org.organisation_id = o.organisation_id \
         where p.matching_round_id = $1 and p.solution = 'optimal' and p.outcome is null{listed} \
         order by p.matching_round_pair_id"
    ))
    .bind(round_id)
    .fetch_all(conn)
    .await
}

pub async fn set_outcome(
    conn: &mut AnyConnection,
    pair_id: i64,
    outcome: &str,
    match_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update matching_round_pair set outcome = $1, need_match_id = $2 where matching_round_pair_id = $3")
        .bind(outcome)
        .bind(match_id)
        .bind(pair_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_counts(
    conn: &mut AnyConnection,
    round_id: i64,
    accepted: i64,
    skipped: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update matching_round set accepted_pairs = $1, skipped_pairs = $2 where matching_round_id = $3")
        .bind(accepted)
        .bind(skipped)
        .bind(round_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The villages that were ever served: one of their matches was introduced.
pub async fn served_villages(pool: &AnyPool) -> Result<HashSet<String>, sqlx::Error> {
    let rows: Vec<String> = sqlx::query_scalar(
        "select distinct n.village_code from need_match m join need n on n.need_id = m.need_id \
         where m.introduced_at is not null",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Every live match, as (need, organisation): such pairs never take part in a round.
pub async fn live_pairs(pool: &AnyPool) -> Result<HashSet<(i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select need_id, organisation_id from need_match \
         where status in ('suggested', 'interested', 'requested', 'introduced')",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}
