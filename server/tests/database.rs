//! The database layer itself, on SQLite and PostgreSQL.

mod common;

use app::ssr::db;
use common::Backend;

on_both_databases!(optional_reals_bind_missing_then_present_on_one_connection,);

/// A missing real number, then a present one, through the same prepared statement on the
/// same connection (see `db::real`: a plain `Option<f64>` fails here on PostgreSQL).
async fn optional_reals_bind_missing_then_present_on_one_connection(backend: Backend) {
    let (url, _dir) = common::fresh_database(backend).await;
    let (pool, _) = db::connect(&url, 1).await.unwrap();
    let sql = "select nullif($1, 'NaN')";
    for value in [None, Some(0.25), None, Some(0.75)] {
        let read: Option<f64> = sqlx::query_scalar(sql).bind(db::real(value)).fetch_one(&pool).await.unwrap();
        assert_eq!(read, value);
    }
}
