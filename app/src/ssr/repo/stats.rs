//! Figures for the home page and statistics.

use crate::wire::stats::HeadlineFigures;
use sqlx::AnyPool;

pub async fn home_figures(pool: &AnyPool) -> Result<HeadlineFigures, sqlx::Error> {
    type Row = (i64, i64, i64, i64, i64, i64, i64);
    let (regencies, districts, desa, kelurahan, verified_partners, published_needs, published_offers): Row =
        sqlx::query_as(
            "select (select count(*) from regency), (select count(*) from district), \
                    (select count(*) from village where kind = 'desa'), \
                    (select count(*) from village where kind = 'kelurahan'), \
                    (select count(*) from organisation where status = 'verified'), \
                    (select count(*) from need where status = 'published'), \
                    (select count(*) from offer where status = 'published')",
        )
        .fetch_one(pool)
        .await?;
    Ok(HeadlineFigures { regencies, districts, desa, kelurahan, verified_partners, published_needs, published_offers })
}
