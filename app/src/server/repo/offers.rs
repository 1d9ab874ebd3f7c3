//! Offers as records: who may see and change one, drafts, revisions and status changes.

use crate::api::offer_posting::OfferLine;
use crate::domain::account::{CurrentUser, Scope};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::offer::{OfferInput, ServedArea, ValidOffer};
use crate::domain::organisation::OrganisationStatus;
use crate::server::db::now;
use crate::server::repo::offer_search::grouped;
use sqlx::{AnyConnection, AnyPool, Row};

/// An offer in any state, with what access decisions need.
#[derive(Clone, Debug)]
pub struct OfferRecord {
    pub offer_id: i64,
    pub organisation_id: i64,
    pub organisation_status: OrganisationStatus,
    pub status: PostingStatus,
    pub status_reason: Option<String>,
    pub content: OfferInput,
}

impl OfferRecord {
    pub fn area(&self) -> ServedArea {
        area_of(&self.content)
    }

    /// Visitors see it: published (or later) and its organisation verified.
    pub fn is_public(&self) -> bool {
        self.status.is_public() && self.organisation_status == OrganisationStatus::Verified
    }
}

/// The area an (already stored, hence valid) offer input describes.
pub fn area_of(content: &OfferInput) -> ServedArea {
    ServedArea {
        whole_province: content.whole_province == "1",
        regencies: content.regencies.clone(),
        districts: content.districts.clone(),
    }
}

pub fn is_member(user: &CurrentUser, organisation_id: i64) -> bool {
    matches!(&user.scope, Scope::Organisation { id, .. } if *id == organisation_id)
}

/// Province staff moderate every offer; regency staff those that serve only their regency.
pub fn may_moderate_area(user: &CurrentUser, area: &ServedArea) -> bool {
    if !user.role.is_staff() {
        return false;
    }
    match &user.scope {
        Scope::Province => true,
        Scope::Regency { code, .. } => {
            let touched = area.regencies_touched();
            !area.whole_province && !touched.is_empty() && touched.iter().all(|r| r == code)
        }
        _ => false,
    }
}

/// The staff whose moderation queue holds an offer serving `area` (see `may_moderate_area`).
pub fn moderators_event(area: &ServedArea, topic: &str) -> crate::server::live::Event {
    use crate::server::live::Event;
    let touched = area.regencies_touched();
    match touched.iter().next() {
        Some(regency) if !area.whole_province && touched.len() == 1 => Event::for_staff(regency, topic),
        _ => Event::for_province_staff(topic),
    }
}

pub fn may_moderate(caller: Option<&CurrentUser>, offer: &OfferRecord) -> bool {
    caller.is_some_and(|user| may_moderate_area(user, &offer.area()))
}

pub fn is_insider(caller: Option<&CurrentUser>, offer: &OfferRecord) -> bool {
    caller.is_some_and(|user| is_member(user, offer.organisation_id)) || may_moderate(caller, offer)
}

pub fn may_see(caller: Option<&CurrentUser>, offer: &OfferRecord) -> bool {
    offer.is_public() || is_insider(caller, offer)
}

/// Members edit drafts and returned offers in place, and published ones through a revision.
pub fn may_edit(caller: Option<&CurrentUser>, offer: &OfferRecord) -> bool {
    caller.is_some_and(|user| is_member(user, offer.organisation_id))
        && matches!(offer.status, PostingStatus::Draft | PostingStatus::Returned | PostingStatus::Published)
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    offer_id: i64,
    organisation_id: i64,
    organisation_status: String,
    status: String,
    status_reason: Option<String>,
    title: String,
    description: String,
    support_type: String,
    resource_kind: Option<String>,
    serves_province: i64,
    capacity: i64,
    window_start: Option<String>,
    window_end: Option<String>,
    value_idr: Option<i64>,
    preferred_status: Option<String>,
}

pub async fn find(pool: &AnyPool, offer_id: i64) -> Result<Option<OfferRecord>, sqlx::Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "select o.offer_id, o.organisation_id, g.status as organisation_status, o.status, o.status_reason, o.title, \
                o.description, o.support_type, o.resource_kind, o.serves_province, o.capacity, o.window_start, \
                o.window_end, o.value_idr, o.preferred_status \
         from offer o join organisation g on g.organisation_id = o.organisation_id where o.offer_id = $1",
    )
    .bind(offer_id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let ids = [r.offer_id];
    let sectors = grouped(pool, "select offer_id, sector from offer_sector where offer_id in ({ids})", &ids).await?;
    let regencies = grouped(
        pool,
        "select offer_id, regency_code from offer_region where offer_id in ({ids}) and district_code is null",
        &ids,
    )
    .await?;
    let districts = grouped(
        pool,
        "select offer_id, district_code from offer_region where offer_id in ({ids}) and district_code is not null",
        &ids,
    )
    .await?;
    let mut sectors = sectors.into_values().next().unwrap_or_default();
    // Stored in any order; shown in vocabulary order.
    sectors.sort_by_key(|s| crate::domain::posting::Sector::ALL.iter().position(|v| v.as_str() == s));
    let content = OfferInput {
        title: r.title,
        description: r.description,
        support_type: r.support_type,
        resource_kind: r.resource_kind.unwrap_or_default(),
        sectors,
        whole_province: if r.serves_province != 0 { "1".to_owned() } else { String::new() },
        regencies: regencies.into_values().next().unwrap_or_default(),
        districts: districts.into_values().next().unwrap_or_default(),
        capacity: r.capacity.to_string(),
        window_start: r.window_start.unwrap_or_default(),
        window_end: r.window_end.unwrap_or_default(),
        value_idr: r.value_idr.map(|v| v.to_string()).unwrap_or_default(),
        preferred_status: r.preferred_status.unwrap_or_default(),
    };
    Ok(Some(OfferRecord {
        offer_id: r.offer_id,
        organisation_id: r.organisation_id,
        organisation_status: OrganisationStatus::parse(&r.organisation_status).unwrap_or(OrganisationStatus::Pending),
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        status_reason: r.status_reason,
        content,
    }))
}

/// Writes the sector and region rows of an offer (replacing any).
async fn write_lists(conn: &mut AnyConnection, offer_id: i64, offer: &ValidOffer) -> Result<(), sqlx::Error> {
    sqlx::query("delete from offer_sector where offer_id = $1").bind(offer_id).execute(&mut *conn).await?;
    sqlx::query("delete from offer_region where offer_id = $1").bind(offer_id).execute(&mut *conn).await?;
    for sector in &offer.sectors {
        sqlx::query("insert into offer_sector (offer_id, sector) values ($1, $2)")
            .bind(offer_id)
            .bind(sector.as_str())
            .execute(&mut *conn)
            .await?;
    }
    let regions = offer.area.regencies.iter().map(|r| (r.clone(), None)).chain(
        offer
            .area
            .districts
            .iter()
            .map(|d| (d.rsplit_once('.').map(|(r, _)| r.to_owned()).unwrap_or_default(), Some(d.clone()))),
    );
    for (regency, district) in regions {
        sqlx::query("insert into offer_region (offer_id, regency_code, district_code) values ($1, $2, $3)")
            .bind(offer_id)
            .bind(regency)
            .bind(district)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn content_binds<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    offer: &'q ValidOffer,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&offer.title)
        .bind(&offer.description)
        .bind(offer.support_type.as_str())
        .bind(offer.resource_kind.map(|k| k.as_str()))
        .bind(offer.capacity)
        .bind(offer.window_start.as_deref())
        .bind(offer.window_end.as_deref())
        .bind(offer.value_idr)
        .bind(offer.preferred_status.map(|s| s.as_str()))
        .bind(i64::from(offer.area.whole_province))
}

/// A new draft of an organisation.
pub async fn insert_draft(
    conn: &mut AnyConnection,
    organisation_id: i64,
    user_id: i64,
    offer: &ValidOffer,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "insert into offer (title, description, support_type, resource_kind, capacity, window_start, window_end, \
                            value_idr, preferred_status, serves_province, organisation_id, status, created_by, \
                            created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13) returning offer_id",
    );
    let row = content_binds(query, offer).bind(organisation_id).bind(user_id).bind(now()).fetch_one(&mut *conn).await?;
    let offer_id: i64 = row.try_get(0)?;
    write_lists(conn, offer_id, offer).await?;
    Ok(offer_id)
}

/// Replaces the content of a draft or returned offer (only in that state).
pub async fn update_content(conn: &mut AnyConnection, offer_id: i64, offer: &ValidOffer) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "update offer set title = $1, description = $2, support_type = $3, resource_kind = $4, capacity = $5, \
                window_start = $6, window_end = $7, value_idr = $8, preferred_status = $9, serves_province = $10, \
                updated_at = $11 \
         where offer_id = $12 and status in ('draft', 'returned')",
    );
    let done = content_binds(query, offer).bind(now()).bind(offer_id).execute(&mut *conn).await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    write_lists(conn, offer_id, offer).await?;
    Ok(true)
}

/// Proposes a change to a published offer, replacing a pending one. The content is kept as JSON.
pub async fn propose_revision(
    conn: &mut AnyConnection,
    offer_id: i64,
    user_id: i64,
    offer: &ValidOffer,
) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query(
        "update offer_revision set status = 'rejected', status_reason = 'superseded', decided_at = $1 \
         where offer_id = $2 and status = 'pending'",
    )
    .bind(&at)
    .bind(offer_id)
    .execute(&mut *conn)
    .await?;
    let content = serde_json::to_string(offer).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query_scalar(
        "insert into offer_revision (offer_id, content, status, created_by, created_at) \
         values ($1, $2, 'pending', $3, $4) returning offer_revision_id",
    )
    .bind(offer_id)
    .bind(content)
    .bind(user_id)
    .bind(&at)
    .fetch_one(conn)
    .await
}

/// A pending revision: its id, offer, proposed content and date.
pub async fn pending_revision(
    pool: &AnyPool,
    offer_id: Option<i64>,
    revision_id: Option<i64>,
) -> Result<Option<(i64, i64, ValidOffer, String)>, sqlx::Error> {
    let row: Option<(i64, i64, String, String)> = sqlx::query_as(
        "select offer_revision_id, offer_id, content, created_at from offer_revision \
         where status = 'pending' and ($1 = 0 or offer_id = $1) and ($2 = 0 or offer_revision_id = $2) \
         order by offer_revision_id desc limit 1",
    )
    .bind(offer_id.unwrap_or(0))
    .bind(revision_id.unwrap_or(0))
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, offer_id, content, at)| {
        serde_json::from_str(&content).ok().map(|valid| (id, offer_id, valid, at))
    }))
}

/// Moves an offer from one status to another; `false` if it was no longer in `from`.
pub async fn transition(
    conn: &mut AnyConnection,
    offer_id: i64,
    from: PostingStatus,
    to: PostingStatus,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let done = sqlx::query(
        "update offer set status = $1, status_reason = $2, updated_at = $3, \
                submitted_at = case when $1 = 'submitted' then $3 else submitted_at end, \
                published_at = case when $1 = 'published' then coalesce(published_at, $3) else published_at end \
         where offer_id = $4 and status = $5",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(&at)
    .bind(offer_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides a pending revision; on approval its content replaces the published one.
pub async fn decide_revision(
    conn: &mut AnyConnection,
    revision_id: i64,
    offer_id: i64,
    content: &ValidOffer,
    approve: bool,
    reason: Option<&str>,
    staff_id: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let done = sqlx::query(
        "update offer_revision set status = $1, status_reason = $2, decided_by = $3, decided_at = $4 \
         where offer_revision_id = $5 and status = 'pending'",
    )
    .bind(if approve { "approved" } else { "returned" })
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
        let query = sqlx::query(
            "update offer set title = $1, description = $2, support_type = $3, resource_kind = $4, capacity = $5, \
                    window_start = $6, window_end = $7, value_idr = $8, preferred_status = $9, \
                    serves_province = $10, updated_at = $11 \
             where offer_id = $12",
        );
        content_binds(query, content).bind(&at).bind(offer_id).execute(&mut *conn).await?;
        write_lists(conn, offer_id, content).await?;
    }
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct LineRow {
    offer_id: i64,
    title: String,
    status: String,
    organisation_name: String,
    since: String,
    revision_id: Option<i64>,
}

fn line_of(r: LineRow) -> OfferLine {
    OfferLine {
        offer_id: r.offer_id,
        title: r.title,
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        organisation_name: r.organisation_name,
        since: r.since,
        revision_id: r.revision_id,
    }
}

/// All offers of an organisation, most recently changed first.
pub async fn of_organisation(pool: &AnyPool, organisation_id: i64) -> Result<Vec<OfferLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "select o.offer_id, o.title, o.status, g.name as organisation_name, o.updated_at as since, \
                cast(null as bigint) as revision_id \
         from offer o join organisation g on g.organisation_id = o.organisation_id \
         where o.organisation_id = $1 order by o.updated_at desc, o.offer_id desc",
    )
    .bind(organisation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line_of).collect())
}

/// Offers a regency's staff moderate: those that serve that regency and nothing outside it.
const ONLY_REGENCY: &str = "($1 = '' or (o.serves_province = 0 \
       and exists (select 1 from offer_region x where x.offer_id = o.offer_id and x.regency_code = $1) \
       and not exists (select 1 from offer_region x where x.offer_id = o.offer_id and x.regency_code <> $1)))";

/// Submitted offers awaiting a decision, oldest first.
pub async fn submitted_queue(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<OfferLine>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "select o.offer_id, o.title, o.status, g.name as organisation_name, \
                coalesce(o.submitted_at, o.updated_at) as since, cast(null as bigint) as revision_id \
         from offer o join organisation g on g.organisation_id = o.organisation_id \
         where o.status = 'submitted' and {ONLY_REGENCY} order by since asc, o.offer_id asc limit 200"
    ))
    .bind(regency.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(line_of).collect())
}

/// Pending revisions of published offers, oldest first (titles as proposed).
pub async fn revision_queue(pool: &AnyPool, regency: Option<&str>) -> Result<Vec<OfferLine>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, i64, String)> = sqlx::query_as(&format!(
        "select o.offer_id, o.status, g.name as organisation_name, x.created_at, x.offer_revision_id, x.content \
         from offer_revision x join offer o on o.offer_id = x.offer_id \
         join organisation g on g.organisation_id = o.organisation_id \
         where x.status = 'pending' and {ONLY_REGENCY} order by x.created_at asc, x.offer_revision_id asc limit 200"
    ))
    .bind(regency.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(offer_id, status, organisation_name, since, revision_id, content)| {
            let content: ValidOffer = serde_json::from_str(&content).ok()?;
            // A change that reaches beyond the regency is for province staff.
            if let Some(code) = regency {
                let touched = content.area.regencies_touched();
                if content.area.whole_province || touched.iter().any(|r| r != code) {
                    return None;
                }
            }
            Some(line_of(LineRow {
                offer_id,
                title: content.title,
                status,
                organisation_name,
                since,
                revision_id: Some(revision_id),
            }))
        })
        .collect())
}
