//! Needs as records: who may see and change one, drafts, revisions and status changes.

use crate::api::needs::{NeedDetail, NeedLine, NeedRevision};
use crate::domain::account::{CurrentUser, Scope};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::{NeedInput, ValidNeed};
use crate::server::db::now;
use sqlx::{AnyConnection, AnyPool, Row};

/// The village's own operators and the staff whose jurisdiction covers it.
pub fn is_insider(caller: Option<&CurrentUser>, need: &NeedDetail) -> bool {
    caller.is_some_and(|user| is_operator_of(user, &need.village_code) || may_moderate(Some(user), need))
}

pub fn is_operator_of(user: &CurrentUser, village_code: &str) -> bool {
    matches!(&user.scope, Scope::Village { code, .. } if code == village_code)
}

pub fn may_see(caller: Option<&CurrentUser>, need: &NeedDetail) -> bool {
    need.status.is_public() || is_insider(caller, need)
}

/// Drafts and returned needs change in place; a published one gets a revision.
pub fn may_edit(caller: Option<&CurrentUser>, need: &NeedDetail) -> bool {
    caller.is_some_and(|user| is_operator_of(user, &need.village_code))
        && matches!(need.status, PostingStatus::Draft | PostingStatus::Returned | PostingStatus::Published)
}

pub fn may_moderate(caller: Option<&CurrentUser>, need: &NeedDetail) -> bool {
    caller.is_some_and(|user| user.role.is_staff() && user.scope.covers_regency(&need.regency_code))
}

/// The content columns shared by `need` and `need_revision`.
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
struct DetailRow {
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
}

/// A need with its place in the registry. Access is decided by the caller of this function.
pub async fn find(pool: &AnyPool, need_id: i64) -> Result<Option<NeedDetail>, sqlx::Error> {
    let row: Option<DetailRow> = sqlx::query_as(
        "select n.need_id, n.title, n.description, n.support_type, n.resource_kind, n.sector, n.beneficiaries, \
                n.window_start, n.window_end, n.value_idr, n.status, n.status_reason, n.village_code, \
                v.name as village_name, d.name as district_name, r.regency_code, r.name as regency_name, \
                n.created_at, n.published_at \
         from need n join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code \
         join regency r on r.regency_code = d.regency_code \
         where n.need_id = $1",
    )
    .bind(need_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| NeedDetail {
        need_id: r.need_id,
        content: r.content.into(),
        // The column's check constraint admits only known statuses.
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        status_reason: r.status_reason,
        village_code: r.village_code,
        village_name: r.village_name,
        district_name: r.district_name,
        regency_code: r.regency_code,
        regency_name: r.regency_name,
        created_at: r.created_at,
        published_at: r.published_at,
        pending_revision: None,
        can_edit: false,
        can_moderate: false,
    }))
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    need_revision_id: i64,
    #[sqlx(flatten)]
    content: ContentRow,
    created_at: String,
}

const REVISION_COLUMNS: &str = "need_revision_id, title, description, support_type, resource_kind, sector, \
     beneficiaries, window_start, window_end, value_idr, created_at";

fn revision_of(r: RevisionRow) -> NeedRevision {
    NeedRevision { revision_id: r.need_revision_id, content: r.content.into(), created_at: r.created_at }
}

pub async fn pending_revision(pool: &AnyPool, need_id: i64) -> Result<Option<NeedRevision>, sqlx::Error> {
    let row: Option<RevisionRow> = sqlx::query_as(&format!(
        "select {REVISION_COLUMNS} from need_revision where need_id = $1 and status = 'pending' \
         order by need_revision_id desc limit 1"
    ))
    .bind(need_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(revision_of))
}

/// The need a pending revision belongs to.
pub async fn revision_need(pool: &AnyPool, revision_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select need_id from need_revision where need_revision_id = $1 and status = 'pending'")
        .bind(revision_id)
        .fetch_optional(pool)
        .await
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

/// A new draft of a village. `client_id` makes a retried submission a no-op.
pub async fn insert_draft(
    conn: &mut AnyConnection,
    village_code: &str,
    user_id: i64,
    need: &ValidNeed,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "insert into need (title, description, support_type, resource_kind, sector, beneficiaries, window_start, \
                           window_end, value_idr, village_code, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $12) returning need_id",
    );
    let row = content_binds(query, need).bind(village_code).bind(user_id).bind(now()).fetch_one(conn).await?;
    row.try_get(0)
}

/// Replaces the content of a draft or returned need (only in that state).
pub async fn update_content(conn: &mut AnyConnection, need_id: i64, need: &ValidNeed) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "update need set title = $1, description = $2, support_type = $3, resource_kind = $4, sector = $5, \
                beneficiaries = $6, window_start = $7, window_end = $8, value_idr = $9, updated_at = $10 \
         where need_id = $11 and status in ('draft', 'returned')",
    );
    let done = content_binds(query, need).bind(now()).bind(need_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Proposes a change to a published need: replaces the pending revision if there is one.
pub async fn propose_revision(
    conn: &mut AnyConnection,
    need_id: i64,
    user_id: i64,
    need: &ValidNeed,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "update need_revision set status = 'rejected', status_reason = 'superseded', decided_at = $1 \
         where need_id = $2 and status = 'pending'",
    )
    .bind(now())
    .bind(need_id)
    .execute(&mut *conn)
    .await?;
    let query = sqlx::query(
        "insert into need_revision (title, description, support_type, resource_kind, sector, beneficiaries, \
                                    window_start, window_end, value_idr, need_id, status, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12) returning need_revision_id",
    );
    let row = content_binds(query, need).bind(need_id).bind(user_id).bind(now()).fetch_one(conn).await?;
    row.try_get(0)
}

/// Moves a need from one status to another; `false` if it was no longer in `from`
/// (someone else acted first), in which case nothing changed.
pub async fn transition(
    conn: &mut AnyConnection,
    need_id: i64,
    from: PostingStatus,
    to: PostingStatus,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let done = sqlx::query(
        "update need set status = $1, status_reason = $2, updated_at = $3, \
                submitted_at = case when $1 = 'submitted' then $3 else submitted_at end, \
                published_at = case when $1 = 'published' then coalesce(published_at, $3) else published_at end \
         where need_id = $4 and status = $5",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(&at)
    .bind(need_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides a pending revision; on approval its content replaces the published one.
pub async fn decide_revision(
    conn: &mut AnyConnection,
    revision_id: i64,
    approve: bool,
    reason: Option<&str>,
    staff_id: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let status = if approve { "approved" } else { "returned" };
    let done = sqlx::query(
        "update need_revision set status = $1, status_reason = $2, decided_by = $3, decided_at = $4 \
         where need_revision_id = $5 and status = 'pending'",
    )
    .bind(status)
    .bind(reason)
    .bind(staff_id)
    .bind(&at)
    .bind(revision_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if approve {
        sqlx::query(
            "update need set (title, description, support_type, resource_kind, sector, beneficiaries, window_start, \
                              window_end, value_idr) = \
                 (select title, description, support_type, resource_kind, sector, beneficiaries, window_start, \
                         window_end, value_idr from need_revision where need_revision_id = $1), \
                 updated_at = $2 \
             where need_id = (select need_id from need_revision where need_revision_id = $1)",
        )
        .bind(revision_id)
        .bind(&at)
        .execute(conn)
        .await?;
    }
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct LineRow {
    need_id: i64,
    title: String,
    status: String,
    village_name: String,
    regency_name: String,
    since: String,
    revision_id: Option<i64>,
}

fn line_of(r: LineRow) -> NeedLine {
    NeedLine {
        need_id: r.need_id,
        title: r.title,
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        village_name: r.village_name,
        regency_name: r.regency_name,
        since: r.since,
        revision_id: r.revision_id,
    }
}

const PLACE: &str = "join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code \
     join regency r on r.regency_code = d.regency_code";

/// All needs of a village, most recently changed first.
pub async fn of_village(pool: &AnyPool, village_code: &str) -> Result<Vec<NeedLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "select n.need_id, n.title, n.status, v.name as village_name, r.name as regency_name, \
                n.updated_at as since, cast(null as bigint) as revision_id \
         from need n {PLACE} where n.village_code = $1 order by n.updated_at desc, n.need_id desc"
    ))
    .bind(village_code)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line_of).collect())
}

/// Submitted needs awaiting a decision, oldest first; `regency` limits them to one regency.
pub async fn submitted_queue(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<NeedLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "select n.need_id, n.title, n.status, v.name as village_name, r.name as regency_name, \
                coalesce(n.submitted_at, n.updated_at) as since, cast(null as bigint) as revision_id \
         from need n {PLACE} where n.status = 'submitted' and ($1 = '' or r.regency_code = $1) \
         order by since asc, n.need_id asc limit 200"
    ))
    .bind(regency.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line_of).collect())
}

/// Pending revisions of published needs, oldest first.
pub async fn revision_queue(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<NeedLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "select n.need_id, x.title, n.status, v.name as village_name, r.name as regency_name, \
                x.created_at as since, x.need_revision_id as revision_id \
         from need_revision x join need n on n.need_id = x.need_id {PLACE} \
         where x.status = 'pending' and ($1 = '' or r.regency_code = $1) \
         order by x.created_at asc, x.need_revision_id asc limit 200"
    ))
    .bind(regency.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line_of).collect())
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
