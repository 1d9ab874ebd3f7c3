//! Needs: public search, with each database's full-text engine (SQLite FTS5, PostgreSQL
//! tsvector) for the words.

use crate::api::needs::NeedCard;
use crate::domain::search::{NeedSort, ValidNeedQuery, PAGE_SIZE};
use crate::server::db::{today, Backend};
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
}

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

/// The `from … where …` of a search, with its parameters in order (all text).
struct Filter {
    sql: String,
    binds: Vec<String>,
    /// The relevance expression, when words are searched.
    rank: Option<&'static str>,
}

fn filter(query: &ValidNeedQuery, backend: Backend, today: &str) -> Filter {
    let mut sql = String::from(
        "from need n \
         join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code",
    );
    let mut conditions = vec!["n.status = 'published'".to_owned()];
    let mut binds: Vec<String> = Vec::new();
    let bind = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let mut rank = None;
    if !query.terms.is_empty() {
        match backend {
            Backend::Sqlite => {
                // Each word as a quoted prefix: `"air"* "bersih"*` (all words must occur).
                let phrase = query.terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
                sql.push_str(" join need_fts on need_fts.rowid = n.need_id");
                conditions.push(format!("need_fts match {}", bind(phrase, &mut binds)));
                rank = Some("bm25(need_fts, 4.0, 1.0)");
            }
            Backend::Postgres => {
                let phrase = query.terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
                let placeholder = bind(phrase, &mut binds);
                conditions.push(format!("n.search @@ to_tsquery('simple', {placeholder})"));
                // Higher is better in PostgreSQL; ordered ascending like bm25 below.
                rank = Some("-ts_rank(n.search, to_tsquery('simple', $1))");
            }
        }
    }
    if let Some(regency) = &query.regency {
        conditions.push(format!("d.regency_code = {}", bind(regency.clone(), &mut binds)));
    }
    if let Some(district) = &query.district {
        conditions.push(format!("v.district_code = {}", bind(district.clone(), &mut binds)));
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
    sql.push_str(" where ");
    sql.push_str(&conditions.join(" and "));
    Filter { sql, binds, rank }
}

/// A page of published needs and how many match in all.
pub async fn search_published(
    pool: &AnyPool,
    backend: Backend,
    query: &ValidNeedQuery,
) -> Result<(Vec<NeedCard>, i64), sqlx::Error> {
    let Filter { sql: from, binds, rank } = filter(query, backend, &today());
    let order = match (query.sort, rank) {
        (NeedSort::Relevance, Some(rank)) => format!("{rank} asc, n.published_at desc, n.need_id desc"),
        (NeedSort::ClosingSoon, _) => "coalesce(n.window_end, '9999-12-31') asc, n.need_id asc".to_owned(),
        _ => "n.published_at desc, n.need_id desc".to_owned(),
    };
    let (limit, offset) = (binds.len() + 1, binds.len() + 2);
    let sql = format!(
        "select n.need_id, n.title, n.description, n.village_code, v.name as village_name, \
                r.name as regency_name, n.sector, n.support_type, n.window_end, n.value_idr, n.published_at \
         {from} order by {order} limit ${limit} offset ${offset}"
    );
    let mut rows = sqlx::query_as::<_, Row>(&sql);
    for value in &binds {
        rows = rows.bind(value);
    }
    let rows: Vec<Row> = rows.bind(i64::from(PAGE_SIZE)).bind(query.offset()).fetch_all(pool).await?;
    let count_sql = format!("select count(*) {from}");
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
