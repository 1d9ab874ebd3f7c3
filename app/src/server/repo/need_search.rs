//! Needs: public search.

use crate::api::needs::NeedCard;
use crate::domain::search::{NeedSort, ValidNeedQuery, PAGE_SIZE};
use sqlx::AnyPool;

const FROM_PUBLISHED: &str = "from need n \
     join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code \
     join regency r on r.regency_code = d.regency_code \
     where n.status = 'published' \
       and ($1 = '' or d.regency_code = $1) \
       and ($2 = '' or n.sector = $2) \
       and ($3 = '' or n.support_type = $3)";

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

/// A page of published needs and how many match in all.
pub async fn search_published(pool: &AnyPool, query: &ValidNeedQuery) -> Result<(Vec<NeedCard>, i64), sqlx::Error> {
    let regency = query.regency.clone().unwrap_or_default();
    let sector = query.sector.map(|s| s.as_str()).unwrap_or("");
    let support = query.support.map(|s| s.as_str()).unwrap_or("");
    let order = match query.sort {
        NeedSort::Newest => "n.published_at desc, n.need_id desc",
        NeedSort::ClosingSoon => "coalesce(n.window_end, '9999-12-31') asc, n.need_id asc",
    };
    let sql = format!(
        "select n.need_id, n.title, n.description, n.village_code, v.name as village_name, \
                r.name as regency_name, n.sector, n.support_type, n.window_end, n.value_idr, n.published_at \
         {FROM_PUBLISHED} order by {order} limit $4 offset $5"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(&regency)
        .bind(sector)
        .bind(support)
        .bind(i64::from(PAGE_SIZE))
        .bind(query.offset())
        .fetch_all(pool)
        .await?;
    let total: i64 = sqlx::query_scalar(&format!("select count(*) {FROM_PUBLISHED}"))
        .bind(&regency)
        .bind(sector)
        .bind(support)
        .fetch_one(pool)
        .await?;
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
