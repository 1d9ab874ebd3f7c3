//! The figures of `/statistik` and `/api/v1/statistics`: aggregates of needs, offers,
//! matches and cooperations for one view (regency, sector, year), grouped in the database;
//! durations come back as pairs of dates with their counts and become medians here.
//!
//! A need counts once sent to moderation (`submitted_at`), in the year it was sent; a
//! cooperation once signed (not a draft), in the year it was signed. The registry's
//! villages count whatever their needs.

use super::postings::bind_all;
use crate::domain::statistics::{self as rules, FunnelStep, Lead, ValidStatisticsQuery, VillageState};
use crate::wire::stats::{
    AreaFigures, Capacity, FunnelCount, KeyFigures, LeadTime, MapFigures, MapVillage, ModerationFigures,
    PartnerFigures, PeriodFigures, Statistics, Totals, VillageStatusFigures,
};
use sqlx::AnyPool;
use std::collections::BTreeMap;

/// Needs with their village's district (`n`, `v`, `d`).
const NEEDS: &str = "from need n join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code";

/// Cooperations with their match, need and district (`a`, `m`, `n`, `v`, `d`).
const COOPERATIONS: &str = "from agreement a join need_match m on m.need_match_id = a.need_match_id \
     join need n on n.need_id = m.need_id join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code";

/// A match that shows a partner's interest (or the village's request, or staff's pairing),
/// not the engine's suggestion alone.
const INTEREST: &str = "(m.origin <> 'engine' or m.status in ('interested', 'requested', 'introduced', 'agreed'))";

/// The profile of the village `v`, and its development status (empty: not recorded).
const PROFILE: &str = "left join village_profile p on p.village_code = v.village_code";
const STATUS: &str = "coalesce(p.development_status, '')";

/// `1` for each need (`n`) for which `condition` finds a row, summed. (Sums of integers are
/// `bigint` on PostgreSQL; sums of `bigint` columns are `numeric` and are cast back.)
fn needs_where_exists(condition: &str) -> String {
    format!("coalesce(sum(case when exists (select 1 {condition}) then 1 else 0 end), 0)")
}

/// The `and …` conditions a view's filters put on a query, with their values for `$1…`.
struct Filter {
    sql: String,
    binds: Vec<String>,
}

impl Filter {
    fn none() -> Filter {
        Filter { sql: String::new(), binds: Vec::new() }
    }

    /// Needs sent to moderation (in the year), of the regency and sector.
    fn needs(query: &ValidStatisticsQuery) -> Filter {
        let mut filter = Filter::of_place(query);
        filter.sql.push_str(" and n.submitted_at is not null");
        if let Some(year) = query.year {
            filter.add("substr(n.submitted_at, 1, 4) = ?", year.to_string());
        }
        filter
    }

    /// Cooperations signed (in the year), of the regency and sector.
    fn cooperations(query: &ValidStatisticsQuery) -> Filter {
        let mut filter = Filter::of_place(query);
        filter.sql.push_str(" and a.status <> 'draft'");
        if let Some(year) = query.year {
            filter.add("substr(a.signed_on, 1, 4) = ?", year.to_string());
        }
        filter
    }

    /// The regency's villages (no other filter applies to the registry).
    fn villages(query: &ValidStatisticsQuery) -> Filter {
        let mut filter = Filter::none();
        if let Some(regency) = &query.regency {
            filter.add("d.regency_code = ?", regency.clone());
        }
        filter
    }

    fn of_place(query: &ValidStatisticsQuery) -> Filter {
        let mut filter = Filter::villages(query);
        if let Some(sector) = query.sector {
            filter.add("n.sector = ?", sector.as_str().to_owned());
        }
        filter
    }

    fn add(&mut self, condition: &str, value: String) {
        self.binds.push(value);
        self.sql.push_str(" and ");
        self.sql.push_str(&condition.replace('?', &format!("${}", self.binds.len())));
    }
}

/// `(key, count)` rows of a grouped query.
async fn counted(pool: &AnyPool, sql: &str, filter: &Filter) -> Result<Vec<(String, i64)>, sqlx::Error> {
    bind_all!(sqlx::query_as(sql), &filter.binds).fetch_all(pool).await
}

fn count_of(rows: &[(String, i64)], key: &str) -> i64 {
    rows.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
}

/// The figures of one view of `/statistik`. `moderation_of`: for staff, the regency of
/// their jurisdiction (`Some(None)`: the province), whose moderation figures they see.
pub async fn statistics(
    pool: &AnyPool,
    query: &ValidStatisticsQuery,
    moderation_of: Option<Option<&str>>,
) -> Result<Statistics, sqlx::Error> {
    let needs = Filter::needs(query);
    let cooperations = Filter::cooperations(query);
    let (funnel, mut totals) = funnel(pool, &needs).await?;
    cooperation_totals(pool, &cooperations, &mut totals).await?;
    let (areas, area_level) = areas(pool, query, &needs, &cooperations).await?;
    let map = map(pool, query, &needs, (query.regency.is_none()).then(|| areas.clone())).await?;
    let sectors = by_key(pool, "n.sector", OFFER_SECTORS, &needs, &cooperations).await?;
    let support_types = by_key(pool, "n.support_type", OFFER_SUPPORT, &needs, &cooperations).await?;
    let (capacity, offers) = capacity(pool).await?;
    totals.offers = offers;
    let moderation = match moderation_of {
        Some(regency) => Some(moderation_figures(pool, regency).await?),
        None => None,
    };
    Ok(Statistics {
        totals,
        funnel,
        leads: leads(pool, &needs, &cooperations).await?,
        areas,
        area_level: area_level.to_owned(),
        sectors,
        support_types,
        village_statuses: village_statuses(pool, query, &needs, &cooperations).await?,
        over_time: over_time(pool, query, &needs, &cooperations).await?,
        partners: partners(pool, &cooperations).await?,
        capacity,
        moderation,
        map,
    })
}

/// The map's figures: every regency's (by the view's sector and year — `regencies` when
/// they were already counted), and the state of each village with needs in the view.
async fn map(
    pool: &AnyPool,
    query: &ValidStatisticsQuery,
    needs: &Filter,
    regencies: Option<Vec<AreaFigures>>,
) -> Result<MapFigures, sqlx::Error> {
    let regencies = match regencies {
        Some(regencies) => regencies,
        None => {
            let province = ValidStatisticsQuery { regency: None, ..query.clone() };
            let (needs, cooperations) = (Filter::needs(&province), Filter::cooperations(&province));
            areas(pool, &province, &needs, &cooperations).await?.0
        }
    };
    let sql = format!(
        "select v.village_code, v.name, max(case when n.status = 'published' then 1 else 0 end), \
                max(case when exists (select 1 from need_match m join agreement a on a.need_match_id = m.need_match_id \
                    where m.need_id = n.need_id and a.status <> 'draft') then 1 else 0 end) \
         {NEEDS} where 1 = 1{} group by v.village_code, v.name order by v.village_code",
        needs.sql
    );
    let rows: Vec<(String, String, i64, i64)> = bind_all!(sqlx::query_as(&sql), &needs.binds).fetch_all(pool).await?;
    let villages = rows
        .into_iter()
        .map(|(code, name, open, cooperation)| {
            let state = match (cooperation > 0, open > 0) {
                (true, _) => VillageState::Cooperation,
                (false, true) => VillageState::Open,
                (false, false) => VillageState::Other,
            };
            MapVillage { code, name, state: state.as_str().to_owned() }
        })
        .collect();
    Ok(MapFigures { regencies, villages })
}

/// How many needs got at least as far as each step, and the needs' totals.
async fn funnel(pool: &AnyPool, needs: &Filter) -> Result<(Vec<FunnelCount>, Totals), sqlx::Error> {
    let matches = "from need_match m where m.need_id = n.need_id";
    let agreements =
        "from need_match m join agreement a on a.need_match_id = m.need_match_id where m.need_id = n.need_id";
    let sql = format!(
        "select count(*), coalesce(sum(case when n.published_at is not null then 1 else 0 end), 0), {}, {}, {}, {}, \
                coalesce(sum(case when n.status = 'published' then 1 else 0 end), 0) {NEEDS} where 1 = 1{}",
        needs_where_exists(&format!("{matches} and {INTEREST}")),
        needs_where_exists(&format!("{matches} and m.introduced_at is not null")),
        needs_where_exists(&format!("{agreements} and a.status <> 'draft'")),
        needs_where_exists(&format!("{agreements} and a.status = 'completed'")),
        needs.sql
    );
    type Row = (i64, i64, i64, i64, i64, i64, i64);
    let (posted, published, interest, introduced, signed, completed, open): Row =
        bind_all!(sqlx::query_as(&sql), &needs.binds).fetch_one(pool).await?;
    let funnel = FunnelStep::ALL
        .iter()
        .zip([posted, published, interest, introduced, signed, completed])
        .map(|(step, needs)| FunnelCount { step: step.as_str().to_owned(), needs })
        .collect();
    let sql = format!(
        "select count(*) from need_match m join need n on n.need_id = m.need_id \
             join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
             where m.introduced_at is not null{}",
        needs.sql
    );
    let introductions: i64 = bind_all!(sqlx::query_scalar(&sql), &needs.binds).fetch_one(pool).await?;
    Ok((funnel, Totals { needs: posted, open_needs: open, introductions, ..Totals::default() }))
}

/// Signed cooperations: how many, completed, their beneficiaries and value.
async fn cooperation_totals(pool: &AnyPool, cooperations: &Filter, totals: &mut Totals) -> Result<(), sqlx::Error> {
    let sql = format!(
        "select count(*), coalesce(sum(case when a.status = 'completed' then 1 else 0 end), 0), \
                cast(coalesce(sum(case when a.status = 'completed' then a.beneficiaries else 0 end), 0) as bigint), \
                cast(coalesce(sum(a.value_idr), 0) as bigint) {COOPERATIONS} where 1 = 1{}",
        cooperations.sql
    );
    let (count, completed, beneficiaries, value_idr): (i64, i64, i64, i64) =
        bind_all!(sqlx::query_as(&sql), &cooperations.binds).fetch_one(pool).await?;
    totals.cooperations = count;
    totals.completed = completed;
    totals.beneficiaries = beneficiaries;
    totals.value_idr = value_idr;
    Ok(())
}

/// By regency, or by the districts of the regency chosen.
async fn areas(
    pool: &AnyPool,
    query: &ValidStatisticsQuery,
    needs: &Filter,
    cooperations: &Filter,
) -> Result<(Vec<AreaFigures>, &'static str), sqlx::Error> {
    let villages = Filter::villages(query);
    let (level, key, names) = match &query.regency {
        None => {
            ("regency", "d.regency_code", "select regency_code, name from regency order by regency_code".to_owned())
        }
        Some(_) => (
            "district",
            "d.district_code",
            format!(
                "select d.district_code, d.name from district d where 1 = 1{} order by d.district_code",
                villages.sql
            ),
        ),
    };
    let names: Vec<(String, String)> = bind_all!(sqlx::query_as(&names), &villages.binds).fetch_all(pool).await?;
    let village_counts = counted(
        pool,
        &format!(
            "select {key}, count(*) from village v join district d on d.district_code = v.district_code \
             where 1 = 1{} group by {key}",
            villages.sql
        ),
        &villages,
    )
    .await?;
    let sql = format!(
        "select {key}, count(*), coalesce(sum(case when n.status = 'published' then 1 else 0 end), 0), {} \
             {NEEDS} where 1 = 1{} group by {key}",
        needs_where_exists("from need_match m where m.need_id = n.need_id and m.introduced_at is not null"),
        needs.sql
    );
    let need_rows: Vec<(String, i64, i64, i64)> = bind_all!(sqlx::query_as(&sql), &needs.binds).fetch_all(pool).await?;
    let sql = format!(
        "select {key}, count(*), count(distinct n.village_code) {COOPERATIONS} where 1 = 1{} group by {key}",
        cooperations.sql
    );
    let cooperation_rows: Vec<(String, i64, i64)> =
        bind_all!(sqlx::query_as(&sql), &cooperations.binds).fetch_all(pool).await?;
    let areas = names
        .into_iter()
        .map(|(code, name)| {
            let need = need_rows.iter().find(|r| r.0 == code);
            let cooperation = cooperation_rows.iter().find(|r| r.0 == code);
            AreaFigures {
                needs: need.map_or(0, |r| r.1),
                open_needs: need.map_or(0, |r| r.2),
                introductions: need.map_or(0, |r| r.3),
                cooperations: cooperation.map_or(0, |r| r.1),
                villages: count_of(&village_counts, &code),
                villages_served: cooperation.map_or(0, |r| r.2),
                code,
                name,
            }
        })
        .collect();
    Ok((areas, level))
}

/// Published offers (open or taken up) by sector and by support type.
const OFFER_SECTORS: &str = "select s.sector, count(*) from offer o join offer_sector s on s.offer_id = o.offer_id \
     where o.status in ('published', 'matched', 'fulfilled') group by s.sector";
const OFFER_SUPPORT: &str =
    "select o.support_type, count(*) from offer o where o.status in ('published', 'matched', 'fulfilled') \
     group by o.support_type";

/// Needs, published offers and cooperations by a need's `column` (sector, support type),
/// the most needed first.
async fn by_key(
    pool: &AnyPool,
    column: &str,
    offers_sql: &str,
    needs: &Filter,
    cooperations: &Filter,
) -> Result<Vec<KeyFigures>, sqlx::Error> {
    let need_counts =
        counted(pool, &format!("select {column}, count(*) {NEEDS} where 1 = 1{} group by {column}", needs.sql), needs)
            .await?;
    let cooperation_counts = counted(
        pool,
        &format!("select {column}, count(*) {COOPERATIONS} where 1 = 1{} group by {column}", cooperations.sql),
        cooperations,
    )
    .await?;
    let offer_counts = counted(pool, offers_sql, &Filter::none()).await?;
    let mut keys: Vec<&String> =
        need_counts.iter().chain(&cooperation_counts).chain(&offer_counts).map(|(k, _)| k).collect();
    keys.sort();
    keys.dedup();
    let mut rows: Vec<KeyFigures> = keys
        .into_iter()
        .map(|key| KeyFigures {
            needs: count_of(&need_counts, key),
            offers: count_of(&offer_counts, key),
            cooperations: count_of(&cooperation_counts, key),
            key: key.clone(),
        })
        .collect();
    rows.sort_by(|a, b| (b.needs, b.cooperations).cmp(&(a.needs, a.cooperations)).then(a.key.cmp(&b.key)));
    Ok(rows)
}

/// The villages by development status: how many, their needs, and those never served.
async fn village_statuses(
    pool: &AnyPool,
    query: &ValidStatisticsQuery,
    needs: &Filter,
    cooperations: &Filter,
) -> Result<Vec<VillageStatusFigures>, sqlx::Error> {
    let villages = Filter::villages(query);
    let village_counts = counted(
        pool,
        &format!(
            "select {STATUS}, count(*) from village v join district d on d.district_code = v.district_code {PROFILE} \
             where 1 = 1{} group by {STATUS}",
            villages.sql
        ),
        &villages,
    )
    .await?;
    let need_counts = counted(
        pool,
        &format!("select {STATUS}, count(*) {NEEDS} {PROFILE} where 1 = 1{} group by {STATUS}", needs.sql),
        needs,
    )
    .await?;
    let served = counted(
        pool,
        &format!(
            "select {STATUS}, count(distinct n.village_code) {COOPERATIONS} {PROFILE} where 1 = 1{} group by {STATUS}",
            cooperations.sql
        ),
        cooperations,
    )
    .await?;
    let order = ["mandiri", "maju", "berkembang", "tertinggal", "sangat_tertinggal", ""];
    Ok(order
        .iter()
        .map(|key| (key, count_of(&village_counts, key)))
        .filter(|(_, villages)| *villages > 0)
        .map(|(key, villages)| VillageStatusFigures {
            key: (*key).to_owned(),
            villages,
            needs: count_of(&need_counts, key),
            never_served: villages - count_of(&served, key),
        })
        .collect())
}

/// Needs posted and cooperations signed per period: by month in the database, regrouped here.
async fn over_time(
    pool: &AnyPool,
    query: &ValidStatisticsQuery,
    needs: &Filter,
    cooperations: &Filter,
) -> Result<Vec<PeriodFigures>, sqlx::Error> {
    let monthly_needs = counted(
        pool,
        &format!(
            "select substr(n.submitted_at, 1, 7), count(*) {NEEDS} where 1 = 1{} group by substr(n.submitted_at, 1, 7)",
            needs.sql
        ),
        needs,
    )
    .await?;
    let monthly_cooperations = counted(
        pool,
        &format!(
            "select substr(a.signed_on, 1, 7), count(*) {COOPERATIONS} where a.signed_on is not null{} \
             group by substr(a.signed_on, 1, 7)",
            cooperations.sql
        ),
        cooperations,
    )
    .await?;
    let mut periods: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (month, n) in &monthly_needs {
        if let Some(period) = query.period.bucket(month) {
            periods.entry(period).or_default().0 += n;
        }
    }
    for (month, n) in &monthly_cooperations {
        if let Some(period) = query.period.bucket(month) {
            periods.entry(period).or_default().1 += n;
        }
    }
    Ok(periods
        .into_iter()
        .map(|(period, (needs, cooperations))| PeriodFigures { period, needs, cooperations })
        .collect())
}

/// How long the steps take, as medians of days.
async fn leads(pool: &AnyPool, needs: &Filter, cooperations: &Filter) -> Result<Vec<LeadTime>, sqlx::Error> {
    let day = |column: &str| format!("substr({column}, 1, 10)");
    let published = format!(
        "select {s}, {p}, count(*) {NEEDS} where n.published_at is not null{} group by {s}, {p}",
        needs.sql,
        s = day("n.submitted_at"),
        p = day("n.published_at")
    );
    let interest = format!(
        "select x.published, x.interest, count(*) from (select {} as published, {} as interest {NEEDS} \
         join need_match m on m.need_id = n.need_id where n.published_at is not null and {INTEREST}{} \
         group by n.need_id, n.published_at) x group by x.published, x.interest",
        day("n.published_at"),
        day("min(m.created_at)"),
        needs.sql
    );
    let signed = format!(
        "select {i}, a.signed_on, count(*) {COOPERATIONS} where a.signed_on is not null and m.introduced_at is not null{} \
         group by {i}, a.signed_on",
        cooperations.sql,
        i = day("m.introduced_at")
    );
    Ok(vec![
        lead(pool, Lead::SubmittedToPublished, &published, needs).await?,
        lead(pool, Lead::PublishedToInterest, &interest, needs).await?,
        lead(pool, Lead::IntroducedToSigned, &signed, cooperations).await?,
    ])
}

/// Pairs of dates with how many went from the first to the second, as a median of days.
async fn lead(pool: &AnyPool, lead: Lead, sql: &str, filter: &Filter) -> Result<LeadTime, sqlx::Error> {
    let pairs: Vec<(Option<String>, Option<String>, i64)> =
        bind_all!(sqlx::query_as(sql), &filter.binds).fetch_all(pool).await?;
    let mut days: Vec<(i64, i64)> =
        pairs.into_iter().filter_map(|(from, to, n)| Some((rules::days_between(&from?, &to?)?, n))).collect();
    let measured = days.iter().map(|(_, n)| n).sum();
    Ok(LeadTime { lead: lead.as_str().to_owned(), median_days: rules::median(&mut days), measured })
}

/// The verified partners that served the most villages, at most ten.
async fn partners(pool: &AnyPool, cooperations: &Filter) -> Result<Vec<PartnerFigures>, sqlx::Error> {
    let sql = format!(
        "select g.organisation_id, g.name, count(distinct n.village_code) as villages, count(*) as cooperations \
             {COOPERATIONS} join organisation g on g.organisation_id = m.organisation_id \
             where g.status = 'verified'{} group by g.organisation_id, g.name \
             order by villages desc, cooperations desc, g.name limit 10",
        cooperations.sql
    );
    let rows: Vec<(i64, String, i64, i64)> =
        bind_all!(sqlx::query_as(&sql), &cooperations.binds).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(organisation_id, name, villages, cooperations)| PartnerFigures {
            organisation_id,
            name,
            villages,
            cooperations,
        })
        .collect())
}

/// The open offers' capacity and how much of it signed cooperations took; and how many
/// offers were published in all (open or taken up).
async fn capacity(pool: &AnyPool) -> Result<(Capacity, i64), sqlx::Error> {
    let open = "o.status in ('published', 'matched')";
    let (offers, capacity, published): (i64, i64, i64) = sqlx::query_as(&format!(
        "select coalesce(sum(case when {open} then 1 else 0 end), 0), \
                cast(coalesce(sum(case when {open} then o.capacity else 0 end), 0) as bigint), \
                coalesce(sum(case when o.status in ('published', 'matched', 'fulfilled') then 1 else 0 end), 0) \
         from offer o"
    ))
    .fetch_one(pool)
    .await?;
    let used: i64 = sqlx::query_scalar(&format!(
        "select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
         join offer o on o.offer_id = m.offer_id where a.status <> 'draft' and {open}"
    ))
    .fetch_one(pool)
    .await?;
    Ok((Capacity { offers, capacity, used }, published))
}

/// The moderation backlog of a jurisdiction (a regency, or the province with its offers)
/// and how many of its needs' decisions returned or rejected them.
async fn moderation_figures(pool: &AnyPool, regency: Option<&str>) -> Result<ModerationFigures, sqlx::Error> {
    let mut filter = Filter::none();
    if let Some(code) = regency {
        filter.add("d.regency_code = ?", code.to_owned());
    }
    let sql = format!("select count(*), min(n.submitted_at) {NEEDS} where n.status = 'submitted'{}", filter.sql);
    let (mut waiting, mut oldest): (i64, Option<String>) =
        bind_all!(sqlx::query_as(&sql), &filter.binds).fetch_one(pool).await?;
    if regency.is_none() {
        let (offers, oldest_offer): (i64, Option<String>) =
            sqlx::query_as("select count(*), min(submitted_at) from offer where status = 'submitted'")
                .fetch_one(pool)
                .await?;
        waiting += offers;
        oldest = match (oldest, oldest_offer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let decisions = |actions: &str| {
        format!(
            "select count(distinct l.entity_id) from audit_log l join need n on cast(n.need_id as text) = l.entity_id \
             join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
             where l.entity_type = 'need' and l.action in ({actions}){}",
            filter.sql
        )
    };
    let mut counts = Vec::new();
    for actions in ["'need.published', 'need.returned', 'need.rejected'", "'need.returned'", "'need.rejected'"] {
        let sql = decisions(actions);
        counts.push(bind_all!(sqlx::query_scalar::<_, i64>(&sql), &filter.binds).fetch_one(pool).await?);
    }
    Ok(ModerationFigures {
        waiting,
        oldest_days: oldest.and_then(|at| rules::days_between(&at, &crate::ssr::db::today())),
        decided: counts[0],
        returned: counts[1],
        rejected: counts[2],
    })
}
