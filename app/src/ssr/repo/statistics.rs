//! The rows `/statistik`'s figures are counted from (see `ssr::statistics::facts`): every
//! need sent to moderation with its matches and signed cooperations, the offers, the
//! organisations, the villages' development status and the moderation decisions — all of
//! them, or only what changed since a [`Since`].
//!
//! What changed is found by `updated_at` (indexed on every table read here; every write
//! sets it) and, for the audit log, which is never edited, by `created_at`.

use sqlx::AnyPool;

/// The latest change to each table the figures are made of: the stamp of the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Latest {
    pub need: String,
    pub need_match: String,
    pub agreement: String,
    pub offer: String,
    pub organisation: String,
    pub village_profile: String,
    pub audit: String,
}

impl Latest {
    /// The stamp of the figures' data as one string, for caches of finished views.
    pub fn key(&self) -> String {
        [&self.need, &self.need_match, &self.agreement, &self.offer, &self.organisation, &self.village_profile]
            .map(String::as_str)
            .join("|")
    }
}

pub async fn latest(pool: &AnyPool) -> Result<Latest, sqlx::Error> {
    let max = |table: &str, column: &str| format!("coalesce((select max({column}) from {table}), '')");
    let sql = format!(
        "select {}, {}, {}, {}, {}, {}, {}",
        max("need", "updated_at"),
        max("need_match", "updated_at"),
        max("agreement", "updated_at"),
        max("offer", "updated_at"),
        max("organisation", "updated_at"),
        max("village_profile", "updated_at"),
        max("audit_log", "created_at"),
    );
    type Row = (String, String, String, String, String, String, String);
    let (need, need_match, agreement, offer, organisation, village_profile, audit): Row =
        sqlx::query_as(&sql).fetch_one(pool).await?;
    Ok(Latest { need, need_match, agreement, offer, organisation, village_profile, audit })
}

/// Rows changed at or after these times (empty: every row).
pub type Since = Latest;

impl Since {
    pub fn is_everything(&self) -> bool {
        self.need.is_empty() && self.need_match.is_empty() && self.agreement.is_empty()
    }
}

/// The needs whose own row, one of whose matches or one of whose cooperations changed,
/// with the three times bound as `$1`, `$2`, `$3`.
const CHANGED_NEEDS: &str =
    "select need_id, 'n' as kind, need_id as row_id, updated_at from need where updated_at >= $1 \
     union all select need_id, 'm', need_match_id, updated_at from need_match where updated_at >= $2 \
     union all select m.need_id, 'a', a.agreement_id, a.updated_at from agreement a \
         join need_match m on m.need_match_id = a.need_match_id where a.updated_at >= $3";

/// How many ids one query binds when it reads changed needs again.
const CHUNK: usize = 500;

/// Runs `sql` (with `{ids}` where a list of need ids goes) for every need (`None`: the
/// `{ids}` condition dropped) or for these needs, a chunk of ids at a time: the changed
/// needs are looked up by key, never scanned for.
async fn for_needs<T>(pool: &AnyPool, sql: &str, column: &str, needs: Option<&[i64]>) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let Some(needs) = needs else {
        return sqlx::query_as(&sql.replace("{ids}", "")).fetch_all(pool).await;
    };
    let mut out = Vec::new();
    for chunk in needs.chunks(CHUNK) {
        let sql = sql.replace("{ids}", &format!(" and {column} in ({})", super::placeholders(1, chunk.len())));
        let mut query = sqlx::query_as(&sql);
        for id in chunk {
            query = query.bind(id);
        }
        out.extend(query.fetch_all(pool).await?);
    }
    Ok(out)
}

/// A row changed since: a need (`n`), one of its matches (`m`) or cooperations (`a`).
#[derive(sqlx::FromRow)]
pub struct ChangedRow {
    pub need_id: i64,
    pub kind: String,
    pub row_id: i64,
    pub updated_at: String,
}

/// The rows changed since that touch a need's facts (whatever the need's state).
pub async fn changed_rows(pool: &AnyPool, since: &Since) -> Result<Vec<ChangedRow>, sqlx::Error> {
    sqlx::query_as(CHANGED_NEEDS).bind(&since.need).bind(&since.need_match).bind(&since.agreement).fetch_all(pool).await
}

#[derive(sqlx::FromRow)]
pub struct NeedRow {
    pub need_id: i64,
    pub village_code: String,
    pub sector: String,
    pub support_type: String,
    pub status: String,
    pub submitted_at: String,
    pub published_at: Option<String>,
}

/// Needs sent to moderation (drafts never sent are not counted): all, or these.
pub async fn needs(pool: &AnyPool, needs: Option<&[i64]>) -> Result<Vec<NeedRow>, sqlx::Error> {
    let sql = "select need_id, village_code, sector, support_type, status, submitted_at, published_at from need \
               where submitted_at is not null{ids}";
    for_needs(pool, sql, "need_id", needs).await
}

#[derive(sqlx::FromRow)]
pub struct MatchRow {
    pub need_id: i64,
    pub origin: String,
    pub status: String,
    pub introduced_at: Option<String>,
    pub created_at: String,
}

/// The matches of every need, or of these.
pub async fn matches(pool: &AnyPool, needs: Option<&[i64]>) -> Result<Vec<MatchRow>, sqlx::Error> {
    let sql = "select need_id, origin, status, introduced_at, created_at from need_match where 1 = 1{ids}";
    for_needs(pool, sql, "need_id", needs).await
}

#[derive(sqlx::FromRow)]
pub struct CooperationRow {
    pub need_id: i64,
    pub organisation_id: i64,
    pub offer_id: Option<i64>,
    pub status: String,
    pub signed_on: Option<String>,
    pub beneficiaries: Option<i64>,
    pub value_idr: Option<i64>,
    pub introduced_at: Option<String>,
}

/// Cooperations signed (or later) of every need, or of these: drafts are not counted.
pub async fn cooperations(pool: &AnyPool, needs: Option<&[i64]>) -> Result<Vec<CooperationRow>, sqlx::Error> {
    let sql = "select m.need_id, m.organisation_id, m.offer_id, a.status, a.signed_on, a.beneficiaries, a.value_idr, \
                      m.introduced_at \
               from agreement a join need_match m on m.need_match_id = a.need_match_id where a.status <> 'draft'{ids}";
    for_needs(pool, sql, "m.need_id", needs).await
}

#[derive(sqlx::FromRow)]
pub struct OfferRow {
    pub offer_id: i64,
    pub status: String,
    pub support_type: String,
    pub capacity: i64,
    pub serves_province: i64,
    pub submitted_at: Option<String>,
    pub published_at: Option<String>,
}

/// Offers changed since, with the sectors and the regencies (named, or through one of their
/// districts) of each: the changed offers are found by `updated_at`, their rows by key.
pub struct OfferRows {
    pub offers: Vec<OfferRow>,
    pub sectors: Vec<(i64, String)>,
    pub regencies: Vec<(i64, String)>,
}

pub async fn offers(pool: &AnyPool, since: &str) -> Result<OfferRows, sqlx::Error> {
    let offers = sqlx::query_as(
        "select offer_id, status, support_type, capacity, serves_province, submitted_at, published_at from offer \
         where updated_at >= $1",
    )
    .bind(since)
    .fetch_all(pool)
    .await?;
    let of_changed = |table: &str, column: &str| {
        format!(
            "select distinct x.offer_id, x.{column} from {table} x \
             where x.offer_id in (select offer_id from offer where updated_at >= $1)"
        )
    };
    let sectors = sqlx::query_as(&of_changed("offer_sector", "sector")).bind(since).fetch_all(pool).await?;
    let regencies = sqlx::query_as(&of_changed("offer_region", "regency_code")).bind(since).fetch_all(pool).await?;
    Ok(OfferRows { offers, sectors, regencies })
}

/// Organisations changed since: id, name, status.
pub async fn organisations(pool: &AnyPool, since: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("select organisation_id, name, status from organisation where updated_at >= $1")
        .bind(since)
        .fetch_all(pool)
        .await
}

/// Village profiles changed since: the village and its development status.
pub async fn development_statuses(pool: &AnyPool, since: &str) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as("select village_code, development_status from village_profile where updated_at >= $1")
        .bind(since)
        .fetch_all(pool)
        .await
}

/// Moderation decisions on needs recorded since: the need's id (as text) and the action.
pub async fn decisions(pool: &AnyPool, since: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select entity_id, action from audit_log where created_at >= $1 and entity_type = 'need' \
         and action in ('need.published', 'need.returned', 'need.rejected')",
    )
    .bind(since)
    .fetch_all(pool)
    .await
}

/// The region registry, each level in code order: regencies (code, name), districts
/// (code, name, regency), villages (code, name, district).
pub struct RegistryRows {
    pub regencies: Vec<(String, String)>,
    pub districts: Vec<(String, String, String)>,
    pub villages: Vec<(String, String, String)>,
}

pub async fn registry(pool: &AnyPool) -> Result<RegistryRows, sqlx::Error> {
    Ok(RegistryRows {
        regencies: sqlx::query_as("select regency_code, name from regency order by regency_code")
            .fetch_all(pool)
            .await?,
        districts: sqlx::query_as("select district_code, name, regency_code from district order by district_code")
            .fetch_all(pool)
            .await?,
        villages: sqlx::query_as("select village_code, name, district_code from village order by village_code")
            .fetch_all(pool)
            .await?,
    })
}

/// How many villages the registry holds: a different number means it was imported again.
pub async fn village_count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from village").fetch_one(pool).await
}
