//! Needs: public search, with each database's full-text engine (SQLite FTS5, PostgreSQL
//! tsvector) for the words.

use crate::domain::search::{NeedSort, ValidNeedQuery, PAGE_SIZE};
use crate::ssr::db::{today, Backend};
use crate::ssr::search_cache::SearchCache;
use crate::wire::needs::NeedCard;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct Row {
    need_id: i64,
    title: String,
    description: String,
    village_code: String,
    village_name: String,
    regency_name: String,
    sector: String,
    support_type: String,
    window_end: Option<String>,
    value_idr: Option<i64>,
    published_at: String,
    status: String,
}

/// What a search that includes closed needs finds: every need visitors may read.
const PUBLIC_RECORD: &str =
    "(n.status in ('published', 'matched', 'fulfilled') or (n.status = 'expired' and n.published_at is not null))";

/// About two lines of a card.
const SUMMARY_CHARS: usize = 180;

fn summary(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut}…")
}

/// The `from … where …` of a search, for the page and for the count, with their
/// parameters in order (all text, the same for both).
struct Filter {
    page_from: String,
    count_from: String,
    binds: Vec<String>,
    /// The relevance expression (ascending), when words are searched.
    rank: Option<&'static str>,
}

/// The codes below a regency or district are exactly those that start with its code and a
/// dot: a range on `village_code` (indexed) instead of joins up the registry.
fn code_range(code: &str) -> (String, String) {
    (format!("{code}."), format!("{code}/"))
}

fn filter(query: &ValidNeedQuery, backend: Backend, today: &str) -> Filter {
    let mut conditions = vec![if query.include_closed { PUBLIC_RECORD } else { "n.status = 'published'" }.to_owned()];
    let mut binds: Vec<String> = Vec::new();
    let bind = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let names = "join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code";
    let mut page_source = "need n".to_owned();
    // A condition the page already has in its source (SQLite's FTS matches).
    let mut count_only = None;
    let mut rank = None;
    if !query.terms.is_empty() {
        match backend {
            Backend::Sqlite => {
                // Each word as a quoted prefix: `"air"* "bersih"*` (all words must occur).
                // The page starts from the FTS matches (scored once); the count only asks
                // whether a need is among them. Joined the other way round, SQLite's planner
                // re-ran the match for every need (seconds at 100,000 needs).
                let phrase = query.terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
                let placeholder = bind(phrase, &mut binds);
                page_source = format!(
                    "(select rowid as fts_id, bm25(need_fts, 4.0, 1.0) as score from need_fts \
                      where need_fts match {placeholder}) f cross join need n on n.need_id = f.fts_id"
                );
                count_only =
                    Some(format!("n.need_id in (select rowid from need_fts where need_fts match {placeholder})"));
                rank = Some("f.score");
            }
            Backend::Postgres => {
                let phrase = query.terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
                let placeholder = bind(phrase, &mut binds);
                conditions.push(format!("n.search @@ to_tsquery('simple', {placeholder})"));
                // Higher is better in PostgreSQL; ordered ascending like bm25.
                rank = Some("-ts_rank(n.search, to_tsquery('simple', $1))");
            }
        }
    }
    for code in [&query.regency, &query.district].into_iter().flatten() {
        let (from, to) = code_range(code);
        let (from, to) = (bind(from, &mut binds), bind(to, &mut binds));
        conditions.push(format!("n.village_code >= {from} and n.village_code < {to}"));
    }
    if let Some(sector) = query.sector {
        conditions.push(format!("n.sector = {}", bind(sector.as_str().to_owned(), &mut binds)));
    }
    if let Some(support) = query.support {
        conditions.push(format!("n.support_type = {}", bind(support.as_str().to_owned(), &mut binds)));
    }
    if let Some(status) = query.village_status {
        conditions.push(format!(
            "n.village_code in (select village_code from village_profile where development_status = {})",
            bind(status.as_str().to_owned(), &mut binds)
        ));
    }
    if query.open_only {
        conditions.push(format!("(n.window_end is null or n.window_end >= {})", bind(today.to_owned(), &mut binds)));
    }
    let page_conditions = conditions.join(" and ");
    conditions.extend(count_only);
    let count_conditions = conditions.join(" and ");
    Filter {
        page_from: format!("from {page_source} {names} where {page_conditions}"),
        count_from: format!("from need n where {count_conditions}"),
        binds,
        rank,
    }
}

/// A page of published needs and how many match in all, from the cache when nothing it
/// depends on changed since it was computed.
pub async fn search_published_cached(
    pool: &AnyPool,
    backend: Backend,
    cache: &SearchCache,
    query: &ValidNeedQuery,
) -> Result<(Vec<NeedCard>, i64), sqlx::Error> {
    if !cache.is_enabled() {
        return search_published(pool, backend, query).await;
    }
    let stamp = crate::ssr::search_cache::stamp(pool).await?;
    let key = format!("{query:?}");
    if let Some(page) = cache.get(&stamp, &key) {
        return Ok(page);
    }
    let page = search_published(pool, backend, query).await?;
    cache.put(&stamp, key, page.clone());
    Ok(page)
}

/// A page of published needs and how many match in all.
pub async fn search_published(
    pool: &AnyPool,
    backend: Backend,
    query: &ValidNeedQuery,
) -> Result<(Vec<NeedCard>, i64), sqlx::Error> {
    let Filter { page_from, count_from, binds, rank } = filter(query, backend, &today());
    let order = match (query.sort, rank) {
        (NeedSort::Relevance, Some(rank)) => format!("{rank} asc, n.published_at desc, n.need_id desc"),
        (NeedSort::ClosingSoon, _) => "coalesce(n.window_end, '9999-12-31') asc, n.need_id asc".to_owned(),
        _ => "n.published_at desc, n.need_id desc".to_owned(),
    };
    let (limit, offset) = (binds.len() + 1, binds.len() + 2);
    let sql = format!(
        "select n.need_id, n.title, n.description, n.village_code, v.name as village_name, \
                r.name as regency_name, n.sector, n.support_type, n.window_end, n.value_idr, n.published_at, n.status \
         {page_from} order by {order} limit ${limit} offset ${offset}"
    );
    let mut rows = sqlx::query_as::<_, Row>(&sql);
    for value in &binds {
        rows = rows.bind(value);
    }
    let rows: Vec<Row> = rows.bind(i64::from(PAGE_SIZE)).bind(query.offset()).fetch_all(pool).await?;
    let count_sql = format!("select count(*) {count_from}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(value);
    }
    let total = count.fetch_one(pool).await?;
    let items = rows
        .into_iter()
        .map(|r| NeedCard {
            need_id: r.need_id,
            title: r.title,
            summary: summary(&r.description),
            village_code: r.village_code,
            village_name: r.village_name,
            regency_name: r.regency_name,
            sector: r.sector,
            support_type: r.support_type,
            window_end: r.window_end,
            value_idr: r.value_idr,
            published_at: r.published_at,
            status: r.status,
        })
        .collect();
    Ok((items, total))
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summaries_cut_at_a_word() {
        assert_eq!(summary("pendek"), "pendek");
        let long = "kata ".repeat(60);
        let cut = summary(&long);
        assert!(cut.ends_with("kata…"), "{cut}");
        assert!(cut.chars().count() <= 181);
    }
}
