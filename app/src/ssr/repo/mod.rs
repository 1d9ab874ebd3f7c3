//! All SQL lives here. Functions take a pool for reads and a connection (usually a
//! transaction) for writes that must commit together. They return records (server-side
//! types, such as `needs::NeedRecord`) or wire types, and never import `api`.

pub mod agreement_lists;
pub mod agreements;
pub mod areas;
pub mod audit;
pub mod export;
pub mod invitations;
pub mod matches;
pub mod need_search;
pub mod needs;
pub mod notifications;
pub mod offer_search;
pub mod offers;
pub mod operation_areas;
pub mod organisations;
pub mod partners;
pub mod placements;
pub mod postings;
pub mod regions;
pub mod rounds;
pub mod settings;
pub mod statistics;
pub mod stats;
pub mod users;
pub mod villages;

/// `$start, $start+1, …` for `count` values.
pub fn placeholders(start: usize, count: usize) -> String {
    (start..start + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `(id, text)` pairs for the given ids, by a query with one `{ids}` list; grouped by id.
pub async fn grouped(
    pool: &sqlx::AnyPool,
    sql: &str,
    ids: &[i64],
) -> Result<std::collections::BTreeMap<i64, Vec<String>>, sqlx::Error> {
    let mut out: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = sql.replace("{ids}", &placeholders(1, ids.len()));
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    for (id, text) in query.fetch_all(pool).await? {
        let list = out.entry(id).or_default();
        if !list.contains(&text) {
            list.push(text);
        }
    }
    Ok(out)
}
