//! Offers as the public sees them: published, and of a verified organisation.

use super::areas;
use crate::domain::search::{NeedSort, ValidOfferQuery, PAGE_SIZE};
use crate::wire::offers::OfferCard;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct Row {
    offer_id: i64,
    title: String,
    description: String,
    organisation_id: i64,
    organisation_name: String,
    organisation_kind: String,
    support_type: String,
    resource_kind: Option<String>,
    serves_province: i64,
    capacity: i64,
    window_start: Option<String>,
    window_end: Option<String>,
    value_idr: Option<i64>,
    preferred_status: Option<String>,
    cohort: i64,
    group_size: Option<i64>,
    published_at: String,
    status: String,
}

const SELECT: &str = "select o.offer_id, o.title, o.description, o.organisation_id, g.name as organisation_name, \
            g.kind as organisation_kind, o.support_type, o.resource_kind, o.serves_province, o.capacity, \
            o.window_start, o.window_end, o.value_idr, o.preferred_status, o.cohort, o.group_size, o.published_at, \
            o.status";

const FROM_PUBLIC: &str = "from offer o join organisation g on g.organisation_id = o.organisation_id \
     where o.status = 'published' and g.status = 'verified'";

/// What a search that includes closed offers finds: every offer visitors may read.
const FROM_RECORDS: &str = "from offer o join organisation g on g.organisation_id = o.organisation_id \
     where (o.status in ('published', 'matched', 'fulfilled') or (o.status = 'expired' and o.published_at is not null)) \
     and g.status = 'verified'";

/// Rows to cards, with their sectors and regencies (two queries for the whole page).
async fn cards(pool: &AnyPool, rows: Vec<Row>) -> Result<Vec<OfferCard>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.offer_id).collect();
    let mut conn = pool.acquire().await?;
    let mut lists = areas::read(&mut conn, areas::OFFER, &ids).await?;
    let mut regencies = areas::names(&mut conn, areas::OFFER, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| OfferCard {
            sectors: lists.remove(&r.offer_id).map(|(sectors, _)| sectors).unwrap_or_default(),
            regencies: regencies.remove(&r.offer_id).unwrap_or_default(),
            offer_id: r.offer_id,
            title: r.title,
            description: r.description,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            organisation_kind: r.organisation_kind,
            support_type: r.support_type,
            resource_kind: r.resource_kind,
            serves_province: r.serves_province != 0,
            capacity: r.capacity,
            window_start: r.window_start,
            window_end: r.window_end,
            value_idr: r.value_idr,
            preferred_status: r.preferred_status,
            cohort: r.cohort != 0,
            group_size: r.group_size,
            published_at: r.published_at,
            status: r.status,
        })
        .collect())
}

/// A page of public offers and how many match in all. Words match title or description
/// (all words, by prefix), through the backend's full-text index.
pub async fn search_published(
    pool: &AnyPool,
    backend: crate::ssr::db::Backend,
    query: &ValidOfferQuery,
) -> Result<(Vec<OfferCard>, i64), sqlx::Error> {
    use crate::ssr::db::Backend;
    let mut conditions = String::new();
    let mut binds: Vec<String> = Vec::new();
    let mut rank = None;
    if !query.terms.is_empty() {
        match backend {
            Backend::Sqlite => {
                binds.push(query.terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" "));
                conditions.push_str(&format!(
                    " and o.offer_id in (select rowid from offer_fts where offer_fts match ${})",
                    binds.len()
                ));
            }
            Backend::Postgres => {
                binds.push(query.terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & "));
                let placeholder = format!("${}", binds.len());
                conditions.push_str(&format!(" and o.search @@ to_tsquery('simple', {placeholder})"));
                rank = Some(format!("ts_rank(o.search, to_tsquery('simple', {placeholder})) desc, o.offer_id desc"));
            }
        }
    }
    if query.open_only {
        binds.push(crate::ssr::db::today());
        conditions.push_str(&format!(" and (o.window_end is null or o.window_end >= ${})", binds.len()));
    }
    if let Some(regency) = &query.regency {
        binds.push(regency.clone());
        conditions.push_str(&format!(
            " and (o.serves_province = 1 or exists (select 1 from offer_region x \
               where x.offer_id = o.offer_id and x.regency_code = ${}))",
            binds.len()
        ));
    }
    if let Some(sector) = query.sector {
        binds.push(sector.as_str().to_owned());
        conditions.push_str(&format!(
            " and exists (select 1 from offer_sector s where s.offer_id = o.offer_id and s.sector = ${})",
            binds.len()
        ));
    }
    if let Some(support) = query.support {
        binds.push(support.as_str().to_owned());
        conditions.push_str(&format!(" and o.support_type = ${}", binds.len()));
    }
    let order = match (query.sort, rank) {
        (NeedSort::ClosingSoon, _) => "coalesce(o.window_end, '9999-12-31') asc, o.offer_id asc".to_owned(),
        (NeedSort::Relevance, Some(rank)) => rank,
        // SQLite: among the matches, newest first (a few hundred at most per word).
        _ => "o.published_at desc, o.offer_id desc".to_owned(),
    };
    let from = if query.include_closed { FROM_RECORDS } else { FROM_PUBLIC };
    let sql =
        format!("{SELECT} {from}{conditions} order by {order} limit ${} offset ${}", binds.len() + 1, binds.len() + 2);
    let mut rows = sqlx::query_as::<_, Row>(&sql);
    for value in &binds {
        rows = rows.bind(value);
    }
    let rows = rows.bind(i64::from(PAGE_SIZE)).bind(query.offset()).fetch_all(pool).await?;
    let count_sql = format!("select count(*) {from}{conditions}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(value);
    }
    let total = count.fetch_one(pool).await?;
    Ok((cards(pool, rows).await?, total))
}

/// One offer visitors may read (published, taken up, or closed after publication).
pub async fn readable(pool: &AnyPool, offer_id: i64) -> Result<Option<OfferCard>, sqlx::Error> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} {FROM_RECORDS} and o.offer_id = $1")).bind(offer_id).fetch_all(pool).await?;
    Ok(cards(pool, rows).await?.pop())
}

/// The public offers of one organisation, newest first.
pub async fn of_organisation(pool: &AnyPool, organisation_id: i64) -> Result<Vec<OfferCard>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} {FROM_PUBLIC} and o.organisation_id = $1 order by o.published_at desc, o.offer_id desc limit 100"
    ))
    .bind(organisation_id)
    .fetch_all(pool)
    .await?;
    cards(pool, rows).await
}
