//! What is a need's own: its content columns (in `need` and in `need_revision`), its
//! place in the registry, drafts and revisions. Status changes, queues and access are
//! shared with offers (`postings`).

use super::postings::{bind_all, Guard, Posting, Timeline};
use crate::domain::access::{Owner, PostingFacts};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::{NeedInput, ValidNeed};
use crate::domain::posting::PostingKind;
use crate::ssr::db::now;
use crate::wire::postings::Revision;
use sqlx::{AnyConnection, AnyPool, Row};

/// A need in any state with its place. Access is decided by the caller.
#[derive(Clone, Debug)]
pub struct NeedRecord {
    pub need_id: i64,
    pub content: NeedInput,
    pub status: PostingStatus,
    pub status_reason: Option<String>,
    pub village_code: String,
    pub village_name: String,
    pub district_name: String,
    pub regency_code: String,
    pub regency_name: String,
    pub created_at: String,
    pub published_at: Option<String>,
    pub updated_at: String,
    pub stale_prompted_at: Option<String>,
    pub stale_answered_at: Option<String>,
}

impl NeedRecord {
    pub fn facts(&self) -> PostingFacts {
        PostingFacts {
            status: self.status,
            owner: Owner::Village { code: self.village_code.clone(), regency_code: self.regency_code.clone() },
            was_published: self.published_at.is_some(),
        }
    }

    /// The need as a posting of either kind.
    pub fn posting(&self) -> Posting {
        Posting {
            kind: PostingKind::Need,
            id: self.need_id,
            title: self.content.title.clone(),
            status_reason: self.status_reason.clone(),
            facts: self.facts(),
            timeline: Timeline::of_record(
                (&self.content.window_start, &self.content.window_end),
                &self.updated_at,
                &self.stale_prompted_at,
                &self.stale_answered_at,
            ),
        }
    }
}

/// The content columns shared by `need` and `need_revision`, in this order.
const CONTENT: &str =
    "title, description, support_type, resource_kind, sector, beneficiaries, window_start, window_end, value_idr";

#[derive(sqlx::FromRow)]
struct ContentRow {
    title: String,
    description: String,
    support_type: String,
    resource_kind: Option<String>,
    sector: String,
    beneficiaries: Option<String>,
    window_start: Option<String>,
    window_end: Option<String>,
    value_idr: Option<i64>,
}

impl From<ContentRow> for NeedInput {
    fn from(r: ContentRow) -> NeedInput {
        NeedInput {
            title: r.title,
            description: r.description,
            support_type: r.support_type,
            resource_kind: r.resource_kind.unwrap_or_default(),
            sector: r.sector,
            beneficiaries: r.beneficiaries.unwrap_or_default(),
            window_start: r.window_start.unwrap_or_default(),
            window_end: r.window_end.unwrap_or_default(),
            value_idr: r.value_idr.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    need_id: i64,
    #[sqlx(flatten)]
    content: ContentRow,
    status: String,
    status_reason: Option<String>,
    village_code: String,
    village_name: String,
    district_name: String,
    regency_code: String,
    regency_name: String,
    created_at: String,
    published_at: Option<String>,
    updated_at: String,
    stale_prompted_at: Option<String>,
    stale_answered_at: Option<String>,
}

pub async fn find(pool: &AnyPool, need_id: i64) -> Result<Option<NeedRecord>, sqlx::Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "select n.need_id, n.title, n.description, n.support_type, n.resource_kind, n.sector, n.beneficiaries, \
                n.window_start, n.window_end, n.value_idr, n.status, n.status_reason, n.village_code, \
                v.name as village_name, d.name as district_name, r.regency_code, r.name as regency_name, \
                n.created_at, n.published_at, n.updated_at, n.stale_prompted_at, n.stale_answered_at \
         from need n join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code \
         where n.need_id = $1",
    )
    .bind(need_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| NeedRecord {
        need_id: r.need_id,
        content: r.content.into(),
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        status_reason: r.status_reason,
        village_code: r.village_code,
        village_name: r.village_name,
        district_name: r.district_name,
        regency_code: r.regency_code,
        regency_name: r.regency_name,
        created_at: r.created_at,
        published_at: r.published_at,
        updated_at: r.updated_at,
        stale_prompted_at: r.stale_prompted_at,
        stale_answered_at: r.stale_answered_at,
    }))
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    need_revision_id: i64,
    #[sqlx(flatten)]
    content: ContentRow,
    created_at: String,
}

/// The change waiting for moderation, if any.
pub async fn pending_revision(pool: &AnyPool, need_id: i64) -> Result<Option<Revision<NeedInput>>, sqlx::Error> {
    let row: Option<RevisionRow> = sqlx::query_as(&format!(
        "select need_revision_id, {CONTENT}, created_at from need_revision where need_id = $1 and status = 'pending' \
         order by need_revision_id desc limit 1"
    ))
    .bind(need_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Revision { revision_id: r.need_revision_id, content: r.content.into(), created_at: r.created_at }))
}

fn content_binds<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    need: &'q ValidNeed,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&need.title)
        .bind(&need.description)
        .bind(need.support_type.as_str())
        .bind(need.resource_kind.map(|k| k.as_str()))
        .bind(need.sector.as_str())
        .bind(need.beneficiaries.as_deref())
        .bind(need.window_start.as_deref())
        .bind(need.window_end.as_deref())
        .bind(need.value_idr)
}

/// A new draft of a village. With the id the device gave a draft written offline
/// (`client_id`), a draft sent again finds the need it created: `(need_id, created)`. The
/// column is unique across villages, so the stored key is scoped by the village: another
/// village's id can neither collide with nor reveal this one's.
pub async fn insert_draft(
    conn: &mut AnyConnection,
    village_code: &str,
    user_id: i64,
    need: &ValidNeed,
    client_id: Option<&str>,
) -> Result<(i64, bool), sqlx::Error> {
    let key = client_id.map(|id| format!("{village_code}/{id}"));
    if let Some(key) = &key {
        if let Some(id) = sent_before(&mut *conn, village_code, key).await? {
            return Ok((id, false));
        }
    }
    // `do nothing` covers a concurrent send of the same draft (PostgreSQL: the other
    // transaction committed while this one waited for the key).
    let sql = format!(
        "insert into need ({CONTENT}, village_code, client_id, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13) \
         on conflict (client_id) do nothing returning need_id"
    );
    let query = content_binds(sqlx::query(&sql), need).bind(village_code).bind(key.as_deref());
    let row = query.bind(user_id).bind(now()).fetch_optional(&mut *conn).await?;
    match (row, &key) {
        (Some(row), _) => Ok((row.try_get(0)?, true)),
        (None, Some(key)) => {
            let id = sent_before(conn, village_code, key).await?;
            id.map(|id| (id, false)).ok_or(sqlx::Error::RowNotFound)
        }
        (None, None) => Err(sqlx::Error::RowNotFound),
    }
}

/// The need a village's device already sent under `key`.
async fn sent_before(conn: &mut AnyConnection, village_code: &str, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select need_id from need where client_id = $1 and village_code = $2")
        .bind(key)
        .bind(village_code)
        .fetch_optional(conn)
        .await
}

/// Replaces the content of a draft or returned need of the guard's; `false` otherwise.
pub async fn update_draft(
    conn: &mut AnyConnection,
    need_id: i64,
    need: &ValidNeed,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let (guarded, binds) = guard.sql(PostingKind::Need, "need", 12);
    let sql = format!(
        "update need set title = $1, description = $2, support_type = $3, resource_kind = $4, sector = $5, \
                beneficiaries = $6, window_start = $7, window_end = $8, value_idr = $9, updated_at = $10 \
         where need_id = $11 and status in ('draft', 'returned'){guarded}"
    );
    let query = content_binds(sqlx::query(&sql), need).bind(now()).bind(need_id);
    let done = bind_all!(query, &binds).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// A proposed change to a published need (the caller withdraws any earlier one first).
pub async fn insert_revision(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
    need: &ValidNeed,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "insert into need_revision ({CONTENT}, need_id, status, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12) returning need_revision_id"
    );
    let query = sqlx::query(&sql);
    let row = content_binds(query, need).bind(need_id).bind(user_id).bind(now()).fetch_one(conn).await?;
    row.try_get(0)
}

/// Copies an approved revision's content onto its need, while the need is published.
pub async fn apply_revision(conn: &mut AnyConnection, revision_id: i64, need_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "update need set ({CONTENT}) = (select {CONTENT} from need_revision where need_revision_id = $1), \
                updated_at = $2 \
         where need_id = $3 and status = 'published'"
    ))
    .bind(revision_id)
    .bind(now())
    .bind(need_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The active operators of a village, to notify them.
pub async fn village_operators(conn: &mut AnyConnection, village_code: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select user_id from app_user where role = 'village_operator' and status = 'active' and village_code = $1",
    )
    .bind(village_code)
    .fetch_all(conn)
    .await
}
