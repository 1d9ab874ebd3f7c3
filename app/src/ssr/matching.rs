//! The live matchmaking index: every published need and every published offer of a
//! verified organisation, with the facts the scoring needs and their text vectors.
//!
//! Suggestions are computed on request from this index (a top-k scan: about a millisecond
//! per thousand candidates, see `bench/`), and the index is rebuilt when the data it was
//! built from changed: a stamp of the latest change to needs, offers, organisations and
//! village profiles is checked on every request (indexed lookups), so changes made through
//! another server instance are seen too.
//!
//! Matches change far more often (every step, every message) and only move the offers'
//! used capacity. A second stamp follows them: when only it moved, the offers get their
//! new counts and the needs, with their text vectors, are kept (a rebuild at the target
//! scale takes over a second; this takes milliseconds).

use crate::domain::matching::cluster::{self, Cluster};
use crate::domain::matching::rank::{top_needs, top_offers};
use crate::domain::matching::score::{NeedFacts, OfferFacts, Score, Weights};
use crate::domain::matching::text::{Corpus, SparseVector};
use crate::domain::offer::ServedArea;
use crate::domain::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use crate::domain::ppm::Ring;
use crate::ssr::db::today;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub struct IndexedNeed {
    pub need_id: i64,
    pub title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_name: String,
    pub facts: NeedFacts,
    pub vector: SparseVector,
}

#[derive(Clone)]
pub struct IndexedOffer {
    pub offer_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub title: String,
    pub facts: OfferFacts,
    pub vector: SparseVector,
}

pub struct MatchIndex {
    stamp: String,
    usage_stamp: String,
    pub vocabulary_size: usize,
    /// Shared with the next index when only the offers' usage changes.
    pub needs: Arc<Vec<IndexedNeed>>,
    pub offers: Vec<IndexedOffer>,
    need_position: Arc<HashMap<i64, usize>>,
    offer_position: HashMap<i64, usize>,
    /// The clusters of alike needs of several villages (they change with the needs only).
    pub clusters: Arc<Vec<Cluster>>,
}

/// Live introductions and agreements per offer.
type Usage = HashMap<i64, i64>;

impl MatchIndex {
    /// Builds the index from loaded rows (also used by the benchmark and tests).
    pub fn build(needs: Vec<(IndexedNeed, String)>, offers: Vec<(IndexedOffer, String)>) -> MatchIndex {
        let mut corpus = Corpus::default();
        for (_, text) in &needs {
            corpus.add(text);
        }
        for (_, text) in &offers {
            corpus.add(text);
        }
        let needs: Vec<IndexedNeed> = needs
            .into_iter()
            .map(|(mut need, text)| {
                need.vector = corpus.vector(&text);
                need
            })
            .collect();
        let offers: Vec<IndexedOffer> = offers
            .into_iter()
            .map(|(mut offer, text)| {
                offer.vector = corpus.vector(&text);
                offer
            })
            .collect();
        let items: Vec<cluster::Item> = needs
            .iter()
            .map(|n| cluster::Item {
                need_id: n.need_id,
                support_type: n.facts.support_type,
                sector: n.facts.sector,
                regency_code: &n.facts.regency_code,
                village_code: &n.village_code,
                vector: &n.vector,
            })
            .collect();
        let clusters = Arc::new(cluster::clusters(&items));
        drop(items);
        MatchIndex {
            clusters,
            stamp: String::new(),
            usage_stamp: String::new(),
            vocabulary_size: corpus.vocabulary_size(),
            need_position: Arc::new(needs.iter().enumerate().map(|(i, n)| (n.need_id, i)).collect()),
            offer_position: offers.iter().enumerate().map(|(i, o)| (o.offer_id, i)).collect(),
            needs: Arc::new(needs),
            offers,
        }
    }

    /// The same index with the offers' used capacity replaced; the needs are shared.
    fn with_usage(&self, used: &Usage) -> MatchIndex {
        let offers = self
            .offers
            .iter()
            .map(|offer| {
                let mut offer = offer.clone();
                offer.facts.used = used.get(&offer.offer_id).copied().unwrap_or(0);
                offer
            })
            .collect();
        MatchIndex {
            stamp: self.stamp.clone(),
            usage_stamp: self.usage_stamp.clone(),
            vocabulary_size: self.vocabulary_size,
            needs: Arc::clone(&self.needs),
            offers,
            need_position: Arc::clone(&self.need_position),
            offer_position: self.offer_position.clone(),
            clusters: Arc::clone(&self.clusters),
        }
    }

    /// The cluster named by its seed need.
    pub fn cluster(&self, seed: i64) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.seed == seed)
    }

    pub fn need(&self, need_id: i64) -> Option<&IndexedNeed> {
        self.need_position.get(&need_id).map(|i| &self.needs[*i])
    }

    pub fn offer(&self, offer_id: i64) -> Option<&IndexedOffer> {
        self.offer_position.get(&offer_id).map(|i| &self.offers[*i])
    }

    /// The best offers for a published need.
    pub fn offers_for(&self, need_id: i64, weights: &Weights, k: usize) -> Vec<(&IndexedOffer, Score)> {
        let Some(need) = self.need(need_id) else { return Vec::new() };
        let candidates = self.offers.iter().map(|o| (o.offer_id, &o.facts, &o.vector));
        top_offers(&need.facts, &need.vector, candidates, self.vocabulary_size, weights, &today(), k)
            .into_iter()
            .filter_map(|(id, score)| self.offer(id).map(|o| (o, score)))
            .collect()
    }

    /// The best needs for a published offer.
    pub fn needs_for(&self, offer_id: i64, weights: &Weights, k: usize) -> Vec<(&IndexedNeed, Score)> {
        let Some(offer) = self.offer(offer_id) else { return Vec::new() };
        let candidates = self.needs.iter().map(|n| (n.need_id, &n.facts, &n.vector));
        top_needs(&offer.facts, &offer.vector, candidates, self.vocabulary_size, weights, &today(), k)
            .into_iter()
            .filter_map(|(id, score)| self.need(id).map(|n| (n, score)))
            .collect()
    }

    /// The score of one pair, if compatible.
    pub fn pair(&self, need_id: i64, offer_id: i64, weights: &Weights) -> Option<Score> {
        let (need, offer) = (self.need(need_id)?, self.offer(offer_id)?);
        let text = crate::domain::matching::text::cosine(&need.vector, &offer.vector);
        crate::domain::matching::score::score(&need.facts, &offer.facts, text, weights, &today()).ok()
    }
}

/// The current index, rebuilt when its stamp changes.
#[derive(Default)]
pub struct Matcher {
    current: RwLock<Option<Arc<MatchIndex>>>,
    /// One rebuild at a time.
    rebuilding: tokio::sync::Mutex<()>,
    /// Rebuilds (and usage updates) so far, for the metrics.
    rebuilds: std::sync::atomic::AtomicU64,
    /// How long the last full rebuild took, in milliseconds.
    last_rebuild_millis: std::sync::atomic::AtomicU64,
}

/// The stamp of the data the index is built from, and the stamp of the matches. Confirmed
/// operation areas (the ring bonus) are counted as well as dated: a removal changes the count.
async fn stamps(pool: &AnyPool) -> Result<(String, String), sqlx::Error> {
    type Latest = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, String);
    let parts: Latest = sqlx::query_as(
        "select (select max(updated_at) from need), (select max(updated_at) from offer), \
                (select max(updated_at) from organisation), (select max(updated_at) from village_profile), \
                (select max(updated_at) from need_match), \
                (select cast(count(*) as text) || '/' || coalesce(max(updated_at), '') from operation_area \
                 where status = 'confirmed')",
    )
    .fetch_one(pool)
    .await?;
    let content = format!(
        "{}|{}|{}|{}|{}|{}",
        parts.0.unwrap_or_default(),
        parts.1.unwrap_or_default(),
        parts.2.unwrap_or_default(),
        parts.3.unwrap_or_default(),
        parts.5,
        today()
    );
    Ok((content, parts.4.unwrap_or_default()))
}

/// How long a request waits for a rebuild before it is answered from the index that the
/// rebuild will replace (a rebuild at 100,000 needs takes over a second).
const REBUILD_WAIT: std::time::Duration = std::time::Duration::from_millis(10);
/// A rebuild as quick as this is simply waited for: a small database always answers from
/// the data as it is now.
const QUICK_REBUILD_MILLIS: u64 = 50;

impl Matcher {
    /// The index, at most one rebuild behind: when the data changed, the rebuild starts in
    /// the background and the request waits for it [`REBUILD_WAIT`] at most (all of it when
    /// the last rebuild took under [`QUICK_REBUILD_MILLIS`]); a slower
    /// rebuild finishes on its own while the index it replaces keeps answering (and a
    /// request that finds a rebuild under way does not wait at all). So suggestions never
    /// wait for a rebuild, and show a change as soon as its rebuild is done. Only the very
    /// first index (the server builds it as it starts) is waited for.
    pub async fn index(self: &Arc<Self>, pool: &AnyPool) -> Result<Arc<MatchIndex>, sqlx::Error> {
        let stamps = stamps(pool).await?;
        let Some(current) = self.current() else {
            return self.refresh(pool, stamps).await;
        };
        if current.stamp == stamps.0 && current.usage_stamp == stamps.1 {
            return Ok(current);
        }
        if self.last_rebuild_millis.load(std::sync::atomic::Ordering::Relaxed) < QUICK_REBUILD_MILLIS {
            return self.refresh(pool, stamps).await;
        }
        if self.rebuilding.try_lock().is_err() {
            return Ok(current);
        }
        let (matcher, pool) = (self.clone(), pool.clone());
        let rebuild = tokio::spawn(async move { matcher.refresh(&pool, stamps).await });
        match tokio::time::timeout(REBUILD_WAIT, rebuild).await {
            Ok(Ok(Ok(fresh))) => Ok(fresh),
            Ok(Ok(Err(err))) => {
                tracing::warn!(error = %err, "matching index: rebuild failed, the previous one answers");
                Ok(current)
            }
            Ok(Err(_)) | Err(_) => Ok(current),
        }
    }

    /// The index of the data as it is now, waiting for a rebuild if one is needed: for the
    /// decisions that must see the latest needs and offers (a match's score, a round).
    pub async fn fresh_index(&self, pool: &AnyPool) -> Result<Arc<MatchIndex>, sqlx::Error> {
        self.refresh(pool, stamps(pool).await?).await
    }

    async fn refresh(
        &self,
        pool: &AnyPool,
        (stamp, usage_stamp): (String, String),
    ) -> Result<Arc<MatchIndex>, sqlx::Error> {
        let fresh = |index: &Arc<MatchIndex>| index.stamp == stamp && index.usage_stamp == usage_stamp;
        if let Some(index) = self.current().filter(fresh) {
            return Ok(index);
        }
        let _guard = self.rebuilding.lock().await;
        let current = self.current();
        if let Some(index) = current.clone().filter(fresh) {
            return Ok(index);
        }
        let started = std::time::Instant::now();
        let (mut index, what) = match current.filter(|index| index.stamp == stamp) {
            Some(index) => (index.with_usage(&load_usage(pool).await?), "matching index: usage updated"),
            None => {
                let index = load(pool).await?;
                let millis = started.elapsed().as_millis() as u64;
                self.last_rebuild_millis.store(millis, std::sync::atomic::Ordering::Relaxed);
                (index, "matching index rebuilt")
            }
        };
        index.stamp = stamp;
        index.usage_stamp = usage_stamp;
        let index = Arc::new(index);
        if let Ok(mut current) = self.current.write() {
            *current = Some(index.clone());
        }
        self.rebuilds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::info!(
            needs = index.needs.len(),
            offers = index.offers.len(),
            millis = started.elapsed().as_millis() as u64,
            "{what}"
        );
        Ok(index)
    }

    /// How many times the index was rebuilt or its usage updated since the start.
    pub fn rebuilds(&self) -> u64 {
        self.rebuilds.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn current(&self) -> Option<Arc<MatchIndex>> {
        self.current.read().ok()?.clone()
    }
}

#[derive(sqlx::FromRow)]
struct NeedRow {
    need_id: i64,
    title: String,
    description: String,
    support_type: String,
    resource_kind: Option<String>,
    sector: String,
    window_start: Option<String>,
    window_end: Option<String>,
    village_code: String,
    village_name: String,
    district_code: String,
    regency_code: String,
    regency_name: String,
    development_status: Option<String>,
}

#[derive(sqlx::FromRow)]
struct OfferRow {
    offer_id: i64,
    organisation_id: i64,
    organisation_name: String,
    title: String,
    description: String,
    support_type: String,
    resource_kind: Option<String>,
    serves_province: i64,
    capacity: i64,
    window_start: Option<String>,
    window_end: Option<String>,
    preferred_status: Option<String>,
    cohort: i64,
}

async fn load(pool: &AnyPool) -> Result<MatchIndex, sqlx::Error> {
    let need_rows: Vec<NeedRow> = sqlx::query_as(
        "select n.need_id, n.title, n.description, n.support_type, n.resource_kind, n.sector, n.window_start, \
                n.window_end, v.village_code, v.name as village_name, v.district_code, d.regency_code, \
                r.name as regency_name, p.development_status \
         from need n join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code \
         left join village_profile p on p.village_code = v.village_code \
         where n.status = 'published'",
    )
    .fetch_all(pool)
    .await?;
    let offer_rows: Vec<OfferRow> = sqlx::query_as(
        "select o.offer_id, o.organisation_id, g.name as organisation_name, o.title, o.description, o.support_type, \
                o.resource_kind, o.serves_province, o.capacity, o.window_start, o.window_end, o.preferred_status, o.cohort \
         from offer o join organisation g on g.organisation_id = o.organisation_id \
         where o.status = 'published' and g.status = 'verified'",
    )
    .fetch_all(pool)
    .await?;
    const PUBLIC: &str =
        "join offer o on o.offer_id = x.offer_id join organisation g on g.organisation_id = o.organisation_id \
         where o.status = 'published' and g.status = 'verified'";
    let mut sectors: HashMap<i64, Vec<Sector>> = HashMap::new();
    let rows: Vec<(i64, String)> =
        sqlx::query_as(&format!("select x.offer_id, x.sector from offer_sector x {PUBLIC}")).fetch_all(pool).await?;
    for (id, sector) in rows {
        sectors.entry(id).or_default().extend(Sector::parse(&sector));
    }
    let mut areas: HashMap<i64, ServedArea> = HashMap::new();
    let rows: Vec<(i64, String, Option<String>)> =
        sqlx::query_as(&format!("select x.offer_id, x.regency_code, x.district_code from offer_region x {PUBLIC}"))
            .fetch_all(pool)
            .await?;
    for (id, regency, district) in rows {
        let area = areas.entry(id).or_default();
        match district {
            Some(district) => area.districts.push(district),
            None => area.regencies.push(regency),
        }
    }
    let used = load_usage(pool).await?;
    // The companies whose confirmed operation area holds each village (the ring bonus).
    let mut rings: HashMap<String, Vec<(i64, Ring)>> = HashMap::new();
    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("select village_code, organisation_id, ring from operation_area where status = 'confirmed'")
            .fetch_all(pool)
            .await?;
    for (village, organisation, ring) in rows {
        rings.entry(village).or_default().extend(Ring::parse(&ring).map(|ring| (organisation, ring)));
    }

    let status = |s: &Option<String>| s.as_deref().and_then(DevelopmentStatus::parse);
    let needs = need_rows
        .into_iter()
        .filter_map(|r| {
            let facts = NeedFacts {
                support_type: SupportType::parse(&r.support_type)?,
                resource_kind: r.resource_kind.as_deref().and_then(ResourceKind::parse),
                sector: Sector::parse(&r.sector)?,
                regency_code: r.regency_code,
                district_code: r.district_code,
                window_start: r.window_start,
                window_end: r.window_end,
                village_status: status(&r.development_status),
                rings: rings.get(&r.village_code).cloned().unwrap_or_default(),
            };
            let text = format!("{} {}", r.title, r.description);
            Some((
                IndexedNeed {
                    need_id: r.need_id,
                    title: r.title,
                    village_code: r.village_code,
                    village_name: r.village_name,
                    regency_name: r.regency_name,
                    facts,
                    vector: Vec::new(),
                },
                text,
            ))
        })
        .collect();
    let offers = offer_rows
        .into_iter()
        .filter_map(|r| {
            let mut area = areas.remove(&r.offer_id).unwrap_or_default();
            area.whole_province = r.serves_province != 0;
            let facts = OfferFacts {
                organisation_id: r.organisation_id,
                support_type: SupportType::parse(&r.support_type)?,
                resource_kind: r.resource_kind.as_deref().and_then(ResourceKind::parse),
                sectors: sectors.remove(&r.offer_id).unwrap_or_default(),
                area,
                window_start: r.window_start,
                window_end: r.window_end,
                capacity: r.capacity,
                used: used.get(&r.offer_id).copied().unwrap_or(0),
                preferred_status: status(&r.preferred_status),
                cohort: r.cohort != 0,
            };
            let text = format!("{} {}", r.title, r.description);
            Some((
                IndexedOffer {
                    offer_id: r.offer_id,
                    organisation_id: r.organisation_id,
                    organisation_name: r.organisation_name,
                    title: r.title,
                    facts,
                    vector: Vec::new(),
                },
                text,
            ))
        })
        .collect();
    Ok(MatchIndex::build(needs, offers))
}

async fn load_usage(pool: &AnyPool) -> Result<Usage, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select offer_id, count(*) from need_match where offer_id is not null \
         and status in ('introduced', 'agreed') group by offer_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}
