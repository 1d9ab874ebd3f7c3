//! What is an offer's own: its content columns and lists (in `offer` and, for a proposed
//! change, in `offer_revision`), drafts and revisions. Status changes, queues and access
//! are shared with needs (`postings`).

use super::areas::{self, Lists};
use super::postings::{bind_all, Guard, Posting, Timeline};
use crate::domain::access::{Owner, PostingFacts};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::offer::{OfferInput, ServedArea, ValidOffer};
use crate::domain::organisation::OrganisationStatus;
use crate::domain::posting::PostingKind;
use crate::ssr::db::now;
use crate::wire::offers::{OfferCard, ProposedOffer};
use crate::wire::postings::Revision;
use sqlx::{AnyConnection, AnyPool, Row};

/// An offer in any state, with its organisation and the names of the places it serves.
#[derive(Clone, Debug)]
pub struct OfferRecord {
    pub offer_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub organisation_status: OrganisationStatus,
    pub status: PostingStatus,
    pub status_reason: Option<String>,
    pub content: OfferInput,
    /// The regencies and districts served, by name.
    pub place_names: Vec<String>,
    /// Its publication, or its creation until then.
    pub since: String,
    pub was_published: bool,
    pub updated_at: String,
    pub stale_prompted_at: Option<String>,
    pub stale_answered_at: Option<String>,
}

impl OfferRecord {
    pub fn area(&self) -> ServedArea {
        area_of(&self.content)
    }

    pub fn facts(&self) -> PostingFacts {
        PostingFacts {
            status: self.status,
            owner: Owner::Organisation {
                id: self.organisation_id,
                verified: self.organisation_status == OrganisationStatus::Verified,
                area: self.area(),
            },
            was_published: self.was_published,
        }
    }

    /// The offer as a posting of either kind.
    pub fn posting(&self) -> Posting {
        Posting {
            kind: PostingKind::Offer,
            id: self.offer_id,
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

    /// Visitors see it: published (or later) and its organisation verified.
    pub fn is_public(&self) -> bool {
        self.facts().is_public()
    }

    /// As lists and its page show it.
    pub fn card(&self) -> OfferCard {
        card_of(self, &self.content, self.place_names.clone())
    }
}

/// A card of `content` (the offer's own, or a proposed change) under the record's organisation.
fn card_of(record: &OfferRecord, content: &OfferInput, place_names: Vec<String>) -> OfferCard {
    let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    OfferCard {
        offer_id: record.offer_id,
        title: content.title.clone(),
        description: content.description.clone(),
        organisation_id: record.organisation_id,
        organisation_name: record.organisation_name.clone(),
        organisation_kind: record.organisation_kind.clone(),
        support_type: content.support_type.clone(),
        resource_kind: optional(&content.resource_kind),
        sectors: content.sectors.clone(),
        serves_province: content.whole_province == "1",
        regencies: place_names,
        capacity: content.capacity.parse().unwrap_or(0),
        window_start: optional(&content.window_start),
        window_end: optional(&content.window_end),
        value_idr: content.value_idr.parse().ok(),
        preferred_status: optional(&content.preferred_status),
        cohort: content.cohort == "1",
        group_size: content.group_size.parse().ok(),
        published_at: record.since.clone(),
        status: record.status.as_str().to_owned(),
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

/// The content columns shared by `offer` and `offer_revision`, in this order (the lists
/// are in `offer_sector`/`offer_region` and `offer_revision_sector`/`offer_revision_region`).
const CONTENT: &str = "title, description, support_type, resource_kind, capacity, window_start, window_end, \
     value_idr, preferred_status, serves_province, cohort, group_size";

#[derive(sqlx::FromRow)]
struct ContentRow {
    title: String,
    description: String,
    support_type: String,
    resource_kind: Option<String>,
    capacity: i64,
    window_start: Option<String>,
    window_end: Option<String>,
    value_idr: Option<i64>,
    preferred_status: Option<String>,
    serves_province: i64,
    cohort: i64,
    group_size: Option<i64>,
}

impl ContentRow {
    fn into_input(self, sectors: Vec<String>, area: ServedArea) -> OfferInput {
        OfferInput {
            title: self.title,
            description: self.description,
            support_type: self.support_type,
            resource_kind: self.resource_kind.unwrap_or_default(),
            sectors,
            whole_province: if self.serves_province != 0 { "1".to_owned() } else { String::new() },
            regencies: area.regencies,
            districts: area.districts,
            capacity: self.capacity.to_string(),
            window_start: self.window_start.unwrap_or_default(),
            window_end: self.window_end.unwrap_or_default(),
            value_idr: self.value_idr.map(|v| v.to_string()).unwrap_or_default(),
            preferred_status: self.preferred_status.unwrap_or_default(),
            cohort: if self.cohort != 0 { "1".to_owned() } else { String::new() },
            group_size: self.group_size.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    offer_id: i64,
    organisation_id: i64,
    organisation_name: String,
    organisation_kind: String,
    organisation_status: String,
    status: String,
    status_reason: Option<String>,
    since: String,
    was_published: i64,
    updated_at: String,
    stale_prompted_at: Option<String>,
    stale_answered_at: Option<String>,
    #[sqlx(flatten)]
    content: ContentRow,
}

/// One offer in any state. Access is decided by the caller.
pub async fn find(pool: &AnyPool, offer_id: i64) -> Result<Option<OfferRecord>, sqlx::Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "select o.offer_id, o.organisation_id, g.name as organisation_name, g.kind as organisation_kind, \
                g.status as organisation_status, o.status, o.status_reason, \
                coalesce(o.published_at, o.created_at) as since, o.title, o.description, o.support_type, \
                o.resource_kind, o.capacity, o.window_start, o.window_end, o.value_idr, o.preferred_status, \
                o.serves_province, o.cohort, o.group_size, case when o.published_at is null then 0 else 1 end as was_published, \
                o.updated_at, o.stale_prompted_at, o.stale_answered_at \
         from offer o join organisation g on g.organisation_id = o.organisation_id where o.offer_id = $1",
    )
    .bind(offer_id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let mut conn = pool.acquire().await?;
    let (sectors, area) = lists(&mut conn, areas::OFFER, r.offer_id).await?;
    let place_names =
        areas::names(&mut conn, areas::OFFER, &[r.offer_id]).await?.remove(&r.offer_id).unwrap_or_default();
    Ok(Some(OfferRecord {
        offer_id: r.offer_id,
        organisation_id: r.organisation_id,
        organisation_name: r.organisation_name,
        organisation_kind: r.organisation_kind,
        organisation_status: OrganisationStatus::parse(&r.organisation_status).unwrap_or(OrganisationStatus::Pending),
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Draft),
        status_reason: r.status_reason,
        content: r.content.into_input(sectors, area),
        place_names,
        since: r.since,
        was_published: r.was_published != 0,
        updated_at: r.updated_at,
        stale_prompted_at: r.stale_prompted_at,
        stale_answered_at: r.stale_answered_at,
    }))
}

async fn lists(conn: &mut AnyConnection, lists: Lists, id: i64) -> Result<(Vec<String>, ServedArea), sqlx::Error> {
    Ok(areas::read(conn, lists, &[id]).await?.remove(&id).unwrap_or_default())
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    offer_revision_id: i64,
    created_at: String,
    #[sqlx(flatten)]
    content: ContentRow,
}

/// The change waiting for moderation, if any, as a card and as form text.
pub async fn pending_revision(
    pool: &AnyPool,
    record: &OfferRecord,
) -> Result<Option<Revision<ProposedOffer>>, sqlx::Error> {
    let row: Option<RevisionRow> = sqlx::query_as(&format!(
        "select offer_revision_id, created_at, {CONTENT} from offer_revision where offer_id = $1 \
         and status = 'pending' order by offer_revision_id desc limit 1"
    ))
    .bind(record.offer_id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let mut conn = pool.acquire().await?;
    let id = r.offer_revision_id;
    let (sectors, area) = lists(&mut conn, areas::OFFER_REVISION, id).await?;
    let names = areas::names(&mut conn, areas::OFFER_REVISION, &[id]).await?.remove(&id).unwrap_or_default();
    let content = r.content.into_input(sectors, area);
    let card = card_of(record, &content, names);
    Ok(Some(Revision { revision_id: id, content: ProposedOffer { card, content }, created_at: r.created_at }))
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
        .bind(i64::from(offer.cohort))
        .bind(offer.group_size)
}

/// A new draft of an organisation.
pub async fn insert_draft(
    conn: &mut AnyConnection,
    organisation_id: i64,
    user_id: i64,
    offer: &ValidOffer,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "insert into offer ({CONTENT}, organisation_id, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', $14, $15, $15) returning offer_id"
    );
    let query = sqlx::query(&sql);
    let row = content_binds(query, offer).bind(organisation_id).bind(user_id).bind(now()).fetch_one(&mut *conn).await?;
    let offer_id: i64 = row.try_get(0)?;
    areas::write(conn, areas::OFFER, offer_id, &offer.sectors, &offer.area).await?;
    Ok(offer_id)
}

/// Replaces the content of a draft or returned offer of the guard's; `false` otherwise.
pub async fn update_draft(
    conn: &mut AnyConnection,
    offer_id: i64,
    offer: &ValidOffer,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let (guarded, binds) = guard.sql(PostingKind::Offer, "offer", 15);
    let sql = format!(
        "update offer set title = $1, description = $2, support_type = $3, resource_kind = $4, capacity = $5, \
                window_start = $6, window_end = $7, value_idr = $8, preferred_status = $9, serves_province = $10, \
                cohort = $11, group_size = $12, updated_at = $13 \
         where offer_id = $14 and status in ('draft', 'returned'){guarded}"
    );
    let query = content_binds(sqlx::query(&sql), offer).bind(now()).bind(offer_id);
    let done = bind_all!(query, &binds).execute(&mut *conn).await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    areas::write(conn, areas::OFFER, offer_id, &offer.sectors, &offer.area).await?;
    Ok(true)
}

/// A proposed change to a published offer (the caller withdraws any earlier one first).
pub async fn insert_revision(
    conn: &mut AnyConnection,
    offer_id: i64,
    user_id: i64,
    offer: &ValidOffer,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "insert into offer_revision ({CONTENT}, offer_id, status, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $15) returning offer_revision_id"
    );
    let query = sqlx::query(&sql);
    let row = content_binds(query, offer).bind(offer_id).bind(user_id).bind(now()).fetch_one(&mut *conn).await?;
    let revision_id: i64 = row.try_get(0)?;
    areas::write(conn, areas::OFFER_REVISION, revision_id, &offer.sectors, &offer.area).await?;
    Ok(revision_id)
}

/// Copies an approved revision's content and lists onto its offer, while it is published.
pub async fn apply_revision(conn: &mut AnyConnection, revision_id: i64, offer_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "update offer set ({CONTENT}) = (select {CONTENT} from offer_revision where offer_revision_id = $1), \
                updated_at = $2 \
         where offer_id = $3 and status = 'published'"
    ))
    .bind(revision_id)
    .bind(now())
    .bind(offer_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    areas::copy(conn, areas::OFFER_REVISION, revision_id, areas::OFFER, offer_id).await?;
    Ok(true)
}

/// The published offers of an organisation, as `(id, title)` choices.
pub async fn published_titles(pool: &AnyPool, organisation_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select offer_id, title from offer where organisation_id = $1 and status = 'published' \
         order by published_at desc, offer_id desc",
    )
    .bind(organisation_id)
    .fetch_all(pool)
    .await
}
