//! Needs and offers alike: the facts access decisions need, status changes, revisions,
//! owners' lists and moderation queues. What differs between the kinds — their content
//! columns and lists — lives in `needs` and `offers`.

use super::areas;
use crate::domain::access::{Owner, PostingFacts};
use crate::domain::account::{CurrentUser, Role, Scope};
use crate::domain::lifecycle::{PostingStatus, RevisionStatus};
use crate::domain::offer::ServedArea;
use crate::domain::posting::PostingKind;
use crate::domain::search::PAGE_SIZE;
use crate::ssr::db::now;
use crate::wire::page::Page;
use crate::wire::postings::{PostingLine, StaleLine};
use sqlx::{AnyConnection, AnyPool};

/// A posting of either kind, as the workflow needs it.
#[derive(Clone, Debug)]
pub struct Posting {
    pub kind: PostingKind,
    pub id: i64,
    pub title: String,
    pub status_reason: Option<String>,
    pub facts: PostingFacts,
    pub timeline: Timeline,
}

/// When things happen to a posting: its window, its last change, the open question
/// whether it is still current (`domain::staleness`).
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    /// Its last change: a status, its content, a confirmation.
    pub updated_at: String,
    pub stale_prompted_at: Option<String>,
    /// The owners' last "still current".
    pub stale_answered_at: Option<String>,
}

impl Timeline {
    /// From a stored record: its window as the form shows it (empty: none) and its marks.
    pub fn of_record(
        window: (&str, &str),
        updated_at: &str,
        stale_prompted_at: &Option<String>,
        stale_answered_at: &Option<String>,
    ) -> Timeline {
        let date = |d: &str| Some(d.to_owned()).filter(|d| !d.is_empty());
        Timeline {
            window_start: date(window.0),
            window_end: date(window.1),
            updated_at: updated_at.to_owned(),
            stale_prompted_at: stale_prompted_at.clone(),
            stale_answered_at: stale_answered_at.clone(),
        }
    }
}

impl Posting {
    pub fn status(&self) -> PostingStatus {
        self.facts.status
    }
}

/// The owner as stored: the need's village or the offer's organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerKey {
    Village(String),
    Organisation(i64),
}

impl OwnerKey {
    /// The owner a user posts as, for a kind: operators post needs, partner members offers.
    pub fn of_user(user: &CurrentUser, kind: PostingKind) -> Option<OwnerKey> {
        match (kind, user.role, &user.scope) {
            (PostingKind::Need, Role::VillageOperator, Scope::Village { code, .. }) => {
                Some(OwnerKey::Village(code.clone()))
            }
            (PostingKind::Offer, Role::PartnerMember, Scope::Organisation { id, .. }) => {
                Some(OwnerKey::Organisation(*id))
            }
            _ => None,
        }
    }

    pub fn of(owner: &Owner) -> OwnerKey {
        match owner {
            Owner::Village { code, .. } => OwnerKey::Village(code.clone()),
            Owner::Organisation { id, .. } => OwnerKey::Organisation(*id),
        }
    }
}

/// The condition an update or a queue repeats in its `where` clause, so that the SQL
/// itself only touches what its actor may: the owner's postings, or those of a
/// jurisdiction. (The access rules are decided first, in `domain::access`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Guard {
    /// The need's village or the offer's organisation.
    Owner(OwnerKey),
    /// Regency staff: the needs of its villages, the offers that serve it alone.
    Regency(String),
    /// Province staff, and the system (expiry).
    Anywhere,
}

impl Guard {
    /// The jurisdiction of a staff member; `None` for anyone else.
    pub fn for_staff(user: &CurrentUser) -> Option<Guard> {
        match &user.scope {
            Scope::Regency { code, .. } if user.role == Role::RegencyStaff => Some(Guard::Regency(code.clone())),
            Scope::Province if user.role.is_province_staff() => Some(Guard::Anywhere),
            _ => None,
        }
    }

    /// `and …` over the posting aliased `alias`, with its parameters (text) numbered from
    /// `next`.
    pub fn sql(&self, kind: PostingKind, alias: &str, next: usize) -> (String, Vec<String>) {
        match (self, kind) {
            (Guard::Anywhere, _) => (String::new(), Vec::new()),
            (Guard::Owner(OwnerKey::Village(code)), PostingKind::Need) => {
                (format!(" and {alias}.village_code = ${next}"), vec![code.clone()])
            }
            (Guard::Owner(OwnerKey::Organisation(id)), PostingKind::Offer) => {
                (format!(" and {alias}.organisation_id = cast(${next} as bigint)"), vec![id.to_string()])
            }
            // An owner of the other kind owns nothing of this one.
            (Guard::Owner(_), _) => (" and 1 = 0".to_owned(), Vec::new()),
            (Guard::Regency(code), PostingKind::Need) => {
                let (condition, values) = village_in_regency(&format!("{alias}.village_code"), code, next);
                (format!(" and {condition}"), values)
            }
            (Guard::Regency(code), PostingKind::Offer) => {
                (offer_area_within(alias, "offer_id", "offer_region", next), vec![code.clone()])
            }
        }
    }
}

/// The village code in `column` lies in regency `code`: the codes below a regency start
/// with its code and a dot, so this is a range on the key. The condition, with its two
/// parameters numbered from `next`, and their values.
pub fn village_in_regency(column: &str, code: &str, next: usize) -> (String, Vec<String>) {
    (format!("{column} >= ${next} and {column} < ${}", next + 1), vec![format!("{code}."), format!("{code}/")])
}

/// `and …`: the area of the offer (or revision) `alias` lies within regency `$next`.
fn offer_area_within(alias: &str, key: &str, regions: &str, next: usize) -> String {
    format!(
        " and {alias}.serves_province = 0 \
         and exists (select 1 from {regions} a where a.{key} = {alias}.{key} and a.regency_code = ${next}) \
         and not exists (select 1 from {regions} a where a.{key} = {alias}.{key} and a.regency_code <> ${next})"
    )
}

/// Binds text parameters in order.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for value in $binds {
            query = query.bind(value);
        }
        query
    }};
}
pub(crate) use bind_all;

#[derive(sqlx::FromRow)]
struct FactsRow {
    id: i64,
    title: String,
    status: String,
    status_reason: Option<String>,
    /// The village (needs) or the organisation id as text (offers).
    owner: String,
    /// The village's regency (needs) or the organisation's status (offers).
    owner_detail: String,
    serves_province: i64,
    was_published: i64,
    window_start: Option<String>,
    window_end: Option<String>,
    updated_at: String,
    stale_prompted_at: Option<String>,
    stale_answered_at: Option<String>,
}

fn status_of(stored: &str) -> PostingStatus {
    // The column's check constraint admits only known statuses.
    PostingStatus::parse(stored).unwrap_or(PostingStatus::Draft)
}

/// Postings of a kind that meet `condition` (over alias `p`, parameters from `$1`).
async fn load(
    pool: &AnyPool,
    kind: PostingKind,
    condition: &str,
    binds: &[String],
) -> Result<Vec<Posting>, sqlx::Error> {
    let sql = match kind {
        PostingKind::Need => format!(
            "select p.need_id as id, p.title, p.status, p.status_reason, p.village_code as owner, \
                    d.regency_code as owner_detail, 0 as serves_province, \
                    case when p.published_at is null then 0 else 1 end as was_published, \
                    p.window_start, p.window_end, p.updated_at, p.stale_prompted_at, p.stale_answered_at \
             from need p join village v on v.village_code = p.village_code \
             join district d on d.district_code = v.district_code where {condition}"
        ),
        PostingKind::Offer => format!(
            "select p.offer_id as id, p.title, p.status, p.status_reason, cast(p.organisation_id as text) as owner, \
                    g.status as owner_detail, p.serves_province, \
                    case when p.published_at is null then 0 else 1 end as was_published, \
                    p.window_start, p.window_end, p.updated_at, p.stale_prompted_at, p.stale_answered_at \
             from offer p join organisation g on g.organisation_id = p.organisation_id where {condition}"
        ),
    };
    let rows: Vec<FactsRow> = bind_all!(sqlx::query_as(&sql), binds).fetch_all(pool).await?;
    let mut areas = match kind {
        PostingKind::Offer => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            areas::read(&mut *pool.acquire().await?, areas::OFFER, &ids).await?
        }
        PostingKind::Need => Default::default(),
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let owner = match kind {
                PostingKind::Need => Owner::Village { code: r.owner, regency_code: r.owner_detail },
                PostingKind::Offer => {
                    let (_, mut area) = areas.remove(&r.id).unwrap_or_default();
                    area.whole_province = r.serves_province != 0;
                    Owner::Organisation {
                        id: r.owner.parse().unwrap_or(0),
                        verified: r.owner_detail == "verified",
                        area,
                    }
                }
            };
            Posting {
                kind,
                id: r.id,
                title: r.title,
                status_reason: r.status_reason,
                facts: PostingFacts { status: status_of(&r.status), owner, was_published: r.was_published != 0 },
                timeline: Timeline {
                    window_start: r.window_start,
                    window_end: r.window_end,
                    updated_at: r.updated_at,
                    stale_prompted_at: r.stale_prompted_at,
                    stale_answered_at: r.stale_answered_at,
                },
            }
        })
        .collect())
}

/// A posting by kind and id. Access is decided by the caller of this function.
pub async fn find(pool: &AnyPool, kind: PostingKind, id: i64) -> Result<Option<Posting>, sqlx::Error> {
    let condition = format!("p.{} = cast($1 as bigint)", kind.id_column());
    Ok(load(pool, kind, &condition, &[id.to_string()]).await?.pop())
}

/// Postings whose window ended before `today` and that may still expire, oldest first.
pub async fn due_for_expiry(
    pool: &AnyPool,
    kind: PostingKind,
    today: &str,
    limit: i64,
) -> Result<Vec<Posting>, sqlx::Error> {
    let condition = format!(
        "p.window_end < $1 and p.status in ('draft', 'submitted', 'returned', 'published') \
         order by p.{} limit {limit}",
        kind.id_column()
    );
    load(pool, kind, &condition, &[today.to_owned()]).await
}

/// The people who own a posting: the village's active operators, the organisation's members.
pub async fn owner_ids(conn: &mut AnyConnection, owner: &OwnerKey) -> Result<Vec<i64>, sqlx::Error> {
    match owner {
        OwnerKey::Village(code) => super::needs::village_operators(conn, code).await,
        OwnerKey::Organisation(id) => super::organisations::member_ids(conn, *id).await,
    }
}

/// Moves a posting from `from` to `to`; `false` if it was no longer in `from` or is not
/// the guard's (someone else acted first, or the caller may not touch it): nothing changed.
/// A posting that leaves publication closes its pending revision.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    conn: &mut AnyConnection,
    kind: PostingKind,
    id: i64,
    from: PostingStatus,
    to: PostingStatus,
    reason: Option<&str>,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let (table, key) = (kind.table(), kind.id_column());
    let (guarded, binds) = guard.sql(kind, table, 6);
    let sql = format!(
        "update {table} set status = $1, status_reason = $2, updated_at = $3, \
                submitted_at = case when $1 = 'submitted' then $3 else submitted_at end, \
                published_at = case when $1 = 'published' then coalesce(published_at, $3) else published_at end \
         where {key} = $4 and status = $5{guarded}"
    );
    let at = now();
    let query = sqlx::query(&sql).bind(to.as_str()).bind(reason).bind(&at).bind(id).bind(from.as_str());
    let done = bind_all!(query, &binds).execute(&mut *conn).await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if from == PostingStatus::Published && to != PostingStatus::Published {
        withdraw_pending_revisions(conn, kind, id).await?;
    }
    Ok(true)
}

/// Closes the pending revision of a posting without a decision (a newer one replaces it,
/// or the posting left publication).
pub async fn withdraw_pending_revisions(
    conn: &mut AnyConnection,
    kind: PostingKind,
    posting_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "update {} set status = 'withdrawn', decided_at = $1 where {} = $2 and status = 'pending'",
        kind.revision_table(),
        kind.id_column()
    ))
    .bind(now())
    .bind(posting_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The posting a pending revision belongs to.
pub async fn revision_posting(pool: &AnyPool, kind: PostingKind, revision_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "select {} from {} where {} = $1 and status = 'pending'",
        kind.id_column(),
        kind.revision_table(),
        kind.revision_id_column()
    ))
    .bind(revision_id)
    .fetch_optional(pool)
    .await
}

/// Decides a pending revision of a posting that is still published and the guard's;
/// `false` if either is no longer so (nothing changed). Copying the approved content onto
/// the posting is its kind's (`needs::apply_revision`, `offers::apply_revision`).
pub async fn decide_revision(
    conn: &mut AnyConnection,
    kind: PostingKind,
    revision_id: i64,
    outcome: RevisionStatus,
    reason: Option<&str>,
    staff_id: i64,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let (table, key) = (kind.table(), kind.id_column());
    let (revisions, revision_key) = (kind.revision_table(), kind.revision_id_column());
    let (guarded, binds) = guard.sql(kind, "p", 6);
    let sql = format!(
        "update {revisions} set status = $1, status_reason = $2, decided_by = $3, decided_at = $4 \
         where {revision_key} = $5 and status = 'pending' \
           and exists (select 1 from {table} p where p.{key} = {revisions}.{key} and p.status = 'published'{guarded})"
    );
    let query = sqlx::query(&sql).bind(outcome.as_str()).bind(reason).bind(staff_id).bind(now()).bind(revision_id);
    let done = bind_all!(query, &binds).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The joins that name the owner of a kind's posting `p`, and how it is named.
fn owner_joins(kind: PostingKind) -> (&'static str, &'static str) {
    match kind {
        PostingKind::Need => (
            "join village v on v.village_code = p.village_code \
             join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code",
            "v.name || ' · ' || r.name",
        ),
        PostingKind::Offer => ("join organisation g on g.organisation_id = p.organisation_id", "g.name"),
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    posting_id: i64,
    title: String,
    status: String,
    by_name: String,
    since: String,
    revision_id: Option<i64>,
}

fn line(kind: PostingKind, r: LineRow) -> PostingLine {
    PostingLine {
        kind,
        posting_id: r.posting_id,
        title: r.title,
        status: status_of(&r.status),
        by: r.by_name,
        since: r.since,
        revision_id: r.revision_id,
    }
}

/// Every posting of an owner, most recently changed first.
pub async fn of_owner(pool: &AnyPool, kind: PostingKind, owner: &OwnerKey) -> Result<Vec<PostingLine>, sqlx::Error> {
    let (joins, by) = owner_joins(kind);
    let (guarded, binds) = Guard::Owner(owner.clone()).sql(kind, "p", 1);
    let (table, key) = (kind.table(), kind.id_column());
    let sql = format!(
        "select p.{key} as posting_id, p.title, p.status, {by} as by_name, p.updated_at as since, \
                cast(null as bigint) as revision_id \
         from {table} p {joins} where 1 = 1{guarded} order by p.updated_at desc, p.{key} desc"
    );
    let rows: Vec<LineRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|r| line(kind, r)).collect())
}

/// A moderation queue of one kind within a jurisdiction: its query, read a page at a time
/// or counted (`count(*)`, never the length of a page).
pub struct Queue {
    kind: PostingKind,
    select: String,
    /// `from … where …` over alias `p` (and `x` for revisions).
    from: String,
    order: String,
    binds: Vec<String>,
}

impl Queue {
    /// Submitted postings awaiting a decision, oldest first.
    pub fn submitted(kind: PostingKind, guard: &Guard) -> Queue {
        let (joins, by) = owner_joins(kind);
        let (guarded, binds) = guard.sql(kind, "p", 1);
        let (table, key) = (kind.table(), kind.id_column());
        Queue {
            kind,
            select: format!(
                "select p.{key} as posting_id, p.title, p.status, {by} as by_name, \
                        coalesce(p.submitted_at, p.updated_at) as since, cast(null as bigint) as revision_id"
            ),
            from: format!("from {table} p {joins} where p.status = 'submitted'{guarded}"),
            order: format!("coalesce(p.submitted_at, p.updated_at) asc, p.{key} asc"),
            binds,
        }
    }

    /// Pending revisions of published postings, oldest first, with their titles as
    /// proposed. A revision of an offer is a regency's only when both the offer and the
    /// proposed area lie within it.
    pub fn revisions(kind: PostingKind, guard: &Guard) -> Queue {
        let (joins, by) = owner_joins(kind);
        let (mut guarded, binds) = guard.sql(kind, "p", 1);
        if let (Guard::Regency(_), PostingKind::Offer) = (guard, kind) {
            guarded.push_str(&offer_area_within("x", "offer_revision_id", "offer_revision_region", 1));
        }
        let (table, key) = (kind.table(), kind.id_column());
        let (revisions, revision_key) = (kind.revision_table(), kind.revision_id_column());
        Queue {
            kind,
            select: format!(
                "select p.{key} as posting_id, x.title, p.status, {by} as by_name, x.created_at as since, \
                        x.{revision_key} as revision_id"
            ),
            from: format!(
                "from {revisions} x join {table} p on p.{key} = x.{key} {joins} \
                 where x.status = 'pending' and p.status = 'published'{guarded}"
            ),
            order: format!("x.created_at asc, x.{revision_key} asc"),
            binds,
        }
    }

    pub async fn page(&self, pool: &AnyPool, page: u32) -> Result<Page<PostingLine>, sqlx::Error> {
        let page = page.max(1);
        let offset = i64::from(page - 1) * i64::from(PAGE_SIZE);
        let sql = format!("{} {} order by {} limit {PAGE_SIZE} offset {offset}", self.select, self.from, self.order);
        let rows: Vec<LineRow> = bind_all!(sqlx::query_as(&sql), &self.binds).fetch_all(pool).await?;
        let kind = self.kind;
        Ok(Page::new(rows.into_iter().map(|r| line(kind, r)).collect(), self.count(pool).await?, page))
    }

    pub async fn count(&self, pool: &AnyPool) -> Result<i64, sqlx::Error> {
        let sql = format!("select count(*) {}", self.from);
        bind_all!(sqlx::query_scalar(&sql), &self.binds).fetch_one(pool).await
    }
}

/// The area a pending (or decided) revision of an offer proposes.
pub async fn proposed_area(conn: &mut AnyConnection, revision_id: i64) -> Result<ServedArea, sqlx::Error> {
    let province: Option<i64> =
        sqlx::query_scalar("select serves_province from offer_revision where offer_revision_id = $1")
            .bind(revision_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (_, mut area) =
        areas::read(conn, areas::OFFER_REVISION, &[revision_id]).await?.remove(&revision_id).unwrap_or_default();
    area.whole_province = province.unwrap_or(0) != 0;
    Ok(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_repeat_the_owner_or_the_jurisdiction() {
        let (sql, binds) = Guard::Owner(OwnerKey::Village("64.02.07.2001".into())).sql(PostingKind::Need, "p", 3);
        assert_eq!((sql.as_str(), binds), (" and p.village_code = $3", vec!["64.02.07.2001".to_owned()]));
        let (sql, binds) = Guard::Regency("64.02".into()).sql(PostingKind::Need, "need", 6);
        assert_eq!(sql, " and need.village_code >= $6 and need.village_code < $7");
        assert_eq!(binds, ["64.02.", "64.02/"]);
        let (sql, binds) = Guard::Regency("64.02".into()).sql(PostingKind::Offer, "p", 1);
        assert!(sql.contains("p.serves_province = 0") && sql.contains("a.regency_code <> $1"), "{sql}");
        assert_eq!(binds, ["64.02"]);
        let (sql, _) = Guard::Owner(OwnerKey::Village("x".into())).sql(PostingKind::Offer, "p", 1);
        assert_eq!(sql, " and 1 = 0", "an operator owns no offer");
        assert_eq!(Guard::Anywhere.sql(PostingKind::Offer, "p", 1), (String::new(), Vec::new()));
    }
}

/// Published postings that may be due for the question whether they are still current
/// (no question open; a window ending by `soon`, or no window and no change since
/// `quiet_since`). `domain::staleness` decides on each.
pub async fn stale_candidates(
    pool: &AnyPool,
    kind: PostingKind,
    soon: &str,
    quiet_since: &str,
    limit: i64,
) -> Result<Vec<Posting>, sqlx::Error> {
    let condition = format!(
        "p.status = 'published' and p.stale_prompted_at is null \
         and (p.window_end <= $1 or (p.window_end is null and p.updated_at < $2)) \
         order by p.{} limit {limit}",
        kind.id_column()
    );
    load(pool, kind, &condition, &[soon.to_owned(), quiet_since.to_owned()]).await
}

/// Records that a posting's owners were asked; `false` if it is no longer published or
/// was asked meanwhile.
pub async fn mark_asked(conn: &mut AnyConnection, kind: PostingKind, id: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "update {} set stale_prompted_at = $1 where {} = $2 and status = 'published' and stale_prompted_at is null",
        kind.table(),
        kind.id_column()
    );
    let done = sqlx::query(&sql).bind(now()).bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The owners say a published posting of theirs is still current, perhaps until a later
/// `window_end`: the question closes and the change counts as activity. `false` if it is
/// no longer published or not the guard's.
pub async fn keep(
    conn: &mut AnyConnection,
    kind: PostingKind,
    id: i64,
    window_end: Option<&str>,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let table = kind.table();
    let (guarded, binds) = guard.sql(kind, table, 4);
    let sql = format!(
        "update {table} set stale_prompted_at = null, stale_answered_at = $1, updated_at = $1, \
                window_end = coalesce($2, window_end) \
         where {} = $3 and status = 'published'{guarded}",
        kind.id_column()
    );
    let query = sqlx::query(&sql).bind(now()).bind(window_end).bind(id);
    let done = bind_all!(query, &binds).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct StaleRow {
    id: i64,
    title: String,
    owner_name: String,
    asked_at: String,
    updated_at: String,
    window_end: Option<String>,
}

/// Published postings of the guard's whose owners did not answer the question, longest
/// asked first.
pub async fn stale(
    pool: &AnyPool,
    kind: PostingKind,
    guard: &Guard,
    limit: i64,
) -> Result<Vec<StaleLine>, sqlx::Error> {
    let (guarded, binds) = guard.sql(kind, "p", 1);
    let (key, owner) = match kind {
        PostingKind::Need => ("need_id", "need p join village v on v.village_code = p.village_code"),
        PostingKind::Offer => ("offer_id", "offer p join organisation v on v.organisation_id = p.organisation_id"),
    };
    let sql = format!(
        "select p.{key} as id, p.title, v.name as owner_name, p.stale_prompted_at as asked_at, p.updated_at, \
                p.window_end \
         from {owner} where p.status = 'published' and p.stale_prompted_at is not null{guarded} \
         order by p.stale_prompted_at, p.{key} limit {limit}"
    );
    let rows: Vec<StaleRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| StaleLine {
            kind,
            posting_id: r.id,
            title: r.title,
            owner_name: r.owner_name,
            asked_on: crate::ssr::db::local_date(&r.asked_at),
            last_activity: crate::ssr::db::local_date(&r.updated_at),
            window_end: r.window_end,
        })
        .collect())
}
