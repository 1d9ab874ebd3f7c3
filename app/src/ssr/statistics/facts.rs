//! What `/statistik`'s figures are counted from, kept in memory: one fact per need sent to
//! moderation (its village, sector, support type, dates, how far it got and its signed
//! cooperations), the offers, the organisations, the region registry with each village's
//! development status, and the moderation decisions. Any view — any regency, sector, year
//! and period — is counted from these in a few milliseconds (`figures`), without a query.
//!
//! **How it stays fresh.** Every request first reads the stamp of the data (the latest
//! `updated_at` of each table, indexed: [`repo::latest`]). When it differs from the one the
//! facts were read at, the facts are brought up to date before counting: the needs whose
//! row, matches or cooperations changed since, and the offers, organisations, profiles and
//! decisions changed since, are read again and replace their old facts. "Since" reaches
//! back [`OVERLAP_SECONDS`] before the stamp, so that a write whose clock ran a little
//! behind (another instance, a transaction that committed late: writers wait at most 5 s
//! for the lock) is still read. The need, match and cooperation rows of those seconds are
//! listed each time, but a need is read again only when one of its rows has a version
//! (`updated_at`) not read yet: after a burst of writes (the expiry job's thousands) the
//! next refreshes do not read the burst again. Only the first request (or the start-up
//! warm-up) reads everything. Several instances on one
//! database each keep their own facts, by the same stamps.

use super::super::repo::statistics::{self as repo, Latest, Since};
use crate::domain::posting::DevelopmentStatus;
use crate::domain::validation::day_number;
use sqlx::AnyPool;
use std::collections::HashMap;

/// How far before the last stamp a refresh reads again.
pub const OVERLAP_SECONDS: i64 = 15;

/// A date as the figures use it: its day number (for durations) and its month
/// (`year * 12 + month - 1`, for periods and years).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub day: i64,
    pub month: i64,
}

impl Date {
    /// The date of an ISO date or timestamp (`2026-03-15…`), as written (UTC).
    pub fn parse(value: &str) -> Option<Date> {
        let year: i64 = value.get(0..4)?.parse().ok()?;
        let month: i64 = value.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Date { day: day_number(value)?, month: year * 12 + month - 1 })
    }

    pub fn year(self) -> i64 {
        self.month.div_euclid(12)
    }

    /// `2026-03`, as [`Period::bucket`](crate::domain::statistics::Period::bucket) reads it.
    pub fn month_text(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month.rem_euclid(12) + 1)
    }
}

/// Small closed vocabularies (sectors, support types) stored as numbers.
#[derive(Default)]
pub struct Keys {
    names: Vec<String>,
    index: HashMap<String, u16>,
}

impl Keys {
    fn id(&mut self, name: &str) -> u16 {
        if let Some(id) = self.index.get(name) {
            return *id;
        }
        let id = self.names.len() as u16;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), id);
        id
    }

    pub fn find(&self, name: &str) -> Option<u16> {
        self.index.get(name).copied()
    }

    pub fn name(&self, id: u16) -> &str {
        &self.names[usize::from(id)]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

pub struct Regency {
    pub code: String,
    pub name: String,
}

pub struct District {
    pub code: String,
    pub name: String,
    pub regency: usize,
}

pub struct Village {
    pub code: String,
    pub name: String,
    pub district: usize,
    pub status: Option<DevelopmentStatus>,
}

/// The region registry, each level in code order.
#[derive(Default)]
pub struct Registry {
    pub regencies: Vec<Regency>,
    pub districts: Vec<District>,
    pub villages: Vec<Village>,
    village_index: HashMap<String, usize>,
}

impl Registry {
    fn from_rows(rows: repo::RegistryRows) -> Registry {
        let regencies: Vec<Regency> = rows.regencies.into_iter().map(|(code, name)| Regency { code, name }).collect();
        let regency_index: HashMap<&str, usize> =
            regencies.iter().enumerate().map(|(i, r)| (r.code.as_str(), i)).collect();
        let districts: Vec<District> = rows
            .districts
            .into_iter()
            .filter_map(|(code, name, regency)| {
                Some(District { regency: *regency_index.get(regency.as_str())?, code, name })
            })
            .collect();
        let district_index: HashMap<&str, usize> =
            districts.iter().enumerate().map(|(i, d)| (d.code.as_str(), i)).collect();
        let villages: Vec<Village> = rows
            .villages
            .into_iter()
            .filter_map(|(code, name, district)| {
                Some(Village { district: *district_index.get(district.as_str())?, code, name, status: None })
            })
            .collect();
        let village_index = villages.iter().enumerate().map(|(i, v)| (v.code.clone(), i)).collect();
        Registry { regencies, districts, villages, village_index }
    }

    pub fn regency_of(&self, village: usize) -> usize {
        self.districts[self.villages[village].district].regency
    }

    pub fn regency_index(&self, code: &str) -> Option<usize> {
        self.regencies.iter().position(|r| r.code == code)
    }
}

/// A need sent to moderation, and how far it got.
pub struct NeedFact {
    pub village: usize,
    pub sector: u16,
    pub support_type: u16,
    /// Published and open to partners now.
    pub open: bool,
    /// Waiting for a moderation decision now.
    pub waiting: bool,
    pub submitted: Date,
    pub published: Option<Date>,
    /// A partner showed interest (or the village asked, or staff paired it).
    pub interest: bool,
    /// The day of the first such match.
    pub first_interest: Option<Date>,
    /// Its matches in which staff introduced the two sides.
    pub introductions: i64,
    /// Its cooperations signed (or later).
    pub cooperations: Vec<CooperationFact>,
}

pub struct CooperationFact {
    pub organisation_id: i64,
    pub offer_id: Option<i64>,
    pub completed: bool,
    pub signed: Option<Date>,
    pub introduced: Option<Date>,
    pub beneficiaries: i64,
    pub value_idr: i64,
}

pub struct OfferFact {
    pub status: String,
    pub support_type: u16,
    pub sectors: Vec<u16>,
    /// The whole province, or the regencies it names (or one of whose districts it names).
    pub serves_province: bool,
    pub regencies: Vec<usize>,
    pub capacity: i64,
    pub submitted: Option<Date>,
    pub published: Option<Date>,
}

pub struct Organisation {
    pub name: String,
    pub verified: bool,
}

/// The moderation decisions a need received (any number of times).
#[derive(Clone, Copy, Default)]
pub struct Decisions {
    pub published: bool,
    pub returned: bool,
    pub rejected: bool,
}

/// What a refresh read, to replace in the facts ([`Facts::apply`]).
pub struct Changes {
    latest: Latest,
    village_count: i64,
    registry: Option<repo::RegistryRows>,
    rows: Option<Vec<repo::ChangedRow>>,
    /// The needs read again (`None`: all of them).
    changed: Option<Vec<i64>>,
    needs: Vec<repo::NeedRow>,
    matches: Vec<repo::MatchRow>,
    cooperations: Vec<repo::CooperationRow>,
    offers: repo::OfferRows,
    organisations: Vec<(i64, String, String)>,
    statuses: Vec<(String, Option<String>)>,
    decisions: Vec<(String, String)>,
    steps: Steps,
}

/// Everything the figures are counted from, as of `stamp`.
#[derive(Default)]
pub struct Facts {
    /// The stamp of the data these facts hold (none yet: `None`).
    stamp: Option<Latest>,
    village_count: i64,
    pub registry: Registry,
    pub keys: Keys,
    pub needs: HashMap<i64, NeedFact>,
    pub offers: HashMap<i64, OfferFact>,
    pub organisations: HashMap<i64, Organisation>,
    pub decisions: HashMap<i64, Decisions>,
    /// The versions already read of the need, match (`m`) and cooperation (`a`) rows
    /// changed within the overlap: `(kind, row id)` → `updated_at`.
    seen: HashMap<(u8, i64), String>,
}

/// The same matches the funnel's "interest" step counts: a partner's interest, a village's
/// request, staff's pairing — not the engine's suggestion alone.
fn shows_interest(origin: &str, status: &str) -> bool {
    origin != "engine" || matches!(status, "interested" | "requested" | "introduced" | "agreed")
}

/// A changed row's key among the versions read: its kind and id.
fn version_key(row: &repo::ChangedRow) -> (u8, i64) {
    (row.kind.bytes().next().unwrap_or(b'?'), row.row_id)
}

/// A stamp's time, [`OVERLAP_SECONDS`] earlier (unreadable or empty: everything).
fn earlier(at: &str) -> String {
    let read = || -> Option<time::OffsetDateTime> {
        let number = |range: std::ops::Range<usize>| at.get(range)?.parse::<u8>().ok();
        let date = time::Date::from_calendar_date(
            at.get(0..4)?.parse().ok()?,
            time::Month::try_from(number(5..7)?).ok()?,
            number(8..10)?,
        )
        .ok()?;
        let clock = time::Time::from_hms(number(11..13)?, number(14..16)?, number(17..19)?).ok()?;
        Some(time::PrimitiveDateTime::new(date, clock).assume_utc())
    };
    read().map_or_else(String::new, |at| super::super::db::timestamp(at - time::Duration::seconds(OVERLAP_SECONDS)))
}

/// How long each step of a refresh took, for the debug log (`RUST_LOG=app::ssr::statistics=debug`).
struct Steps {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Steps {
    fn start() -> Steps {
        Steps { last: std::time::Instant::now(), laps: Vec::new() }
    }

    fn lap(&mut self, step: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((step, now - self.last));
        self.last = now;
    }
}

impl std::fmt::Display for Steps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: std::time::Duration = self.laps.iter().map(|(_, d)| *d).sum();
        write!(f, "total {:.2} ms", total.as_secs_f64() * 1000.0)?;
        self.laps.iter().try_for_each(|(step, d)| write!(f, "; {step} {:.2} ms", d.as_secs_f64() * 1000.0))
    }
}

impl Facts {
    /// Whether these facts hold the data of `latest`.
    pub fn is_at(&self, latest: &Latest) -> bool {
        self.stamp.as_ref() == Some(latest)
    }

    /// Whether these facts were ever read (else they count nothing).
    pub fn is_read(&self) -> bool {
        self.stamp.is_some()
    }

    /// The stamp of the data these facts hold, as one string (for the views counted from them).
    pub fn stamp_key(&self) -> String {
        self.stamp.as_ref().map(Latest::key).unwrap_or_default()
    }

    /// Reads what changed since these facts' stamp, up to `latest` (read before calling, so
    /// that what is written meanwhile is read again next time), without changing them:
    /// requests go on counting from them meanwhile.
    pub async fn changes(&self, pool: &AnyPool, latest: Latest) -> Result<Changes, sqlx::Error> {
        let mut steps = Steps::start();
        let village_count = repo::village_count(pool).await?;
        let registry = if self.stamp.is_none() || village_count != self.village_count {
            Some(repo::registry(pool).await?)
        } else {
            None
        };
        let since = match (&self.stamp, &registry) {
            (Some(stamp), None) => Since {
                need: earlier(&stamp.need),
                need_match: earlier(&stamp.need_match),
                agreement: earlier(&stamp.agreement),
                offer: earlier(&stamp.offer),
                organisation: earlier(&stamp.organisation),
                village_profile: earlier(&stamp.village_profile),
                audit: earlier(&stamp.audit),
            },
            _ => Since::default(),
        };
        steps.lap("registry");
        let rows = if since.is_everything() { None } else { Some(repo::changed_rows(pool, &since).await?) };
        let changed = rows.as_deref().map(|rows| self.unread(rows));
        steps.lap("changed");
        let needs = repo::needs(pool, changed.as_deref()).await?;
        steps.lap("needs");
        let matches = repo::matches(pool, changed.as_deref()).await?;
        steps.lap("matches");
        let cooperations = repo::cooperations(pool, changed.as_deref()).await?;
        steps.lap("cooperations");
        let offers = repo::offers(pool, &since.offer).await?;
        steps.lap("offers");
        let organisations = repo::organisations(pool, &since.organisation).await?;
        let statuses = repo::development_statuses(pool, &since.village_profile).await?;
        let decisions = repo::decisions(pool, &since.audit).await?;
        steps.lap("organisations, profiles, decisions");
        Ok(Changes {
            latest,
            village_count,
            registry,
            rows,
            changed,
            needs,
            matches,
            cooperations,
            offers,
            organisations,
            statuses,
            decisions,
            steps,
        })
    }

    /// Replaces the facts that `changes` read again. A failed read changes nothing.
    pub fn apply(&mut self, changes: Changes) {
        let Changes { latest, village_count, registry, rows, changed, mut steps, .. } = changes;
        if let Some(rows) = registry {
            self.registry = Registry::from_rows(rows);
            self.village_count = village_count;
        }
        match &changed {
            None => self.needs.clear(),
            Some(ids) => ids.iter().for_each(|id| drop(self.needs.remove(id))),
        }
        self.put_needs(changes.needs, changes.matches, changes.cooperations);
        self.put_offers(changes.offers);
        for (id, name, status) in changes.organisations {
            self.organisations.insert(id, Organisation { name, verified: status == "verified" });
        }
        for (code, status) in changes.statuses {
            if let Some(&village) = self.registry.village_index.get(&code) {
                self.registry.villages[village].status = status.as_deref().and_then(DevelopmentStatus::parse);
            }
        }
        for (need, action) in changes.decisions {
            let Ok(need) = need.parse::<i64>() else { continue };
            let decided = self.decisions.entry(need).or_default();
            match action.as_str() {
                "need.published" => decided.published = true,
                "need.returned" => decided.returned = true,
                _ => decided.rejected = true,
            }
        }
        self.remember(rows.unwrap_or_default(), &latest);
        self.stamp = Some(latest);
        steps.lap("replace");
        tracing::debug!(changed_needs = changed.as_ref().map_or(-1, |c| c.len() as i64), steps = %steps, "statistics facts refreshed");
    }

    /// The needs with a row among `rows` whose version was not read yet.
    fn unread(&self, rows: &[repo::ChangedRow]) -> Vec<i64> {
        let mut ids: Vec<i64> = rows
            .iter()
            .filter(|row| self.seen.get(&version_key(row)) != Some(&row.updated_at))
            .map(|row| row.need_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Keeps the versions just read, and forgets those the next overlap no longer reaches
    /// (each kind by its own table's stamp).
    fn remember(&mut self, rows: Vec<repo::ChangedRow>, latest: &Latest) {
        for row in rows {
            self.seen.insert(version_key(&row), row.updated_at);
        }
        let [need, need_match, agreement] = [&latest.need, &latest.need_match, &latest.agreement].map(|at| earlier(at));
        self.seen.retain(|(kind, _), at| {
            let oldest = match kind {
                b'n' => &need,
                b'm' => &need_match,
                _ => &agreement,
            };
            *at >= *oldest
        });
    }

    fn put_needs(
        &mut self,
        needs: Vec<repo::NeedRow>,
        matches: Vec<repo::MatchRow>,
        cooperations: Vec<repo::CooperationRow>,
    ) {
        for row in needs {
            let (Some(&village), Some(submitted)) =
                (self.registry.village_index.get(&row.village_code), Date::parse(&row.submitted_at))
            else {
                continue;
            };
            let fact = NeedFact {
                village,
                sector: self.keys.id(&row.sector),
                support_type: self.keys.id(&row.support_type),
                open: row.status == "published",
                waiting: row.status == "submitted",
                submitted,
                published: row.published_at.as_deref().and_then(Date::parse),
                interest: false,
                first_interest: None,
                introductions: 0,
                cooperations: Vec::new(),
            };
            self.needs.insert(row.need_id, fact);
        }
        for row in matches {
            let Some(need) = self.needs.get_mut(&row.need_id) else { continue };
            if row.introduced_at.is_some() {
                need.introductions += 1;
            }
            if shows_interest(&row.origin, &row.status) {
                need.interest = true;
                let created = Date::parse(&row.created_at);
                need.first_interest = match (need.first_interest, created) {
                    (Some(a), Some(b)) => Some(if b.day < a.day { b } else { a }),
                    (a, b) => a.or(b),
                };
            }
        }
        for row in cooperations {
            let Some(need) = self.needs.get_mut(&row.need_id) else { continue };
            need.cooperations.push(CooperationFact {
                organisation_id: row.organisation_id,
                offer_id: row.offer_id,
                completed: row.status == "completed",
                signed: row.signed_on.as_deref().and_then(Date::parse),
                introduced: row.introduced_at.as_deref().and_then(Date::parse),
                beneficiaries: row.beneficiaries.unwrap_or(0),
                value_idr: row.value_idr.unwrap_or(0),
            });
        }
    }

    fn put_offers(&mut self, rows: repo::OfferRows) {
        let mut sectors_of: HashMap<i64, Vec<u16>> = HashMap::new();
        for (offer, sector) in rows.sectors {
            sectors_of.entry(offer).or_default().push(self.keys.id(&sector));
        }
        let mut regencies_of: HashMap<i64, Vec<usize>> = HashMap::new();
        for (offer, regency) in rows.regencies {
            regencies_of.entry(offer).or_default().extend(self.registry.regency_index(&regency));
        }
        for row in rows.offers {
            let fact = OfferFact {
                support_type: self.keys.id(&row.support_type),
                sectors: sectors_of.remove(&row.offer_id).unwrap_or_default(),
                serves_province: row.serves_province != 0,
                regencies: regencies_of.remove(&row.offer_id).unwrap_or_default(),
                status: row.status,
                capacity: row.capacity,
                submitted: row.submitted_at.as_deref().and_then(Date::parse),
                published: row.published_at.as_deref().and_then(Date::parse),
            };
            self.offers.insert(row.offer_id, fact);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_give_their_day_month_and_year() {
        let date = Date::parse("2026-03-15T23:59:00.000Z").unwrap();
        assert_eq!(date.year(), 2026);
        assert_eq!(date.month_text(), "2026-03");
        assert_eq!(Date::parse("2026-04-01").unwrap().day - date.day, 17);
        assert_eq!(Date::parse("2026-12-01").unwrap().month_text(), "2026-12");
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse(""), None);
    }

    #[test]
    fn a_refresh_reads_back_before_the_stamp() {
        assert_eq!(earlier("2026-03-01T00:00:10.000Z"), "2026-02-28T23:59:55.000Z");
        assert_eq!(earlier(""), "", "no stamp yet: everything");
        assert_eq!(earlier("yesterday"), "", "unreadable: everything");
    }

    #[test]
    fn a_refresh_reads_again_only_versions_it_has_not_read() {
        let row = |need_id, kind: &str, row_id, at: &str| repo::ChangedRow {
            need_id,
            kind: kind.into(),
            row_id,
            updated_at: at.into(),
        };
        let latest =
            |at: &str| Latest { need: at.into(), need_match: at.into(), agreement: at.into(), ..Latest::default() };
        let mut facts = Facts::default();
        let burst = vec![row(1, "n", 1, "2026-03-01T00:00:01.000Z"), row(2, "m", 7, "2026-03-01T00:00:02.000Z")];
        assert_eq!(facts.unread(&burst), [1, 2]);
        facts.remember(burst, &latest("2026-03-01T00:00:02.000Z"));
        // The same rows again (still within the overlap), one of them changed since.
        let again = vec![
            row(1, "n", 1, "2026-03-01T00:00:01.000Z"),
            row(2, "m", 7, "2026-03-01T00:00:09.000Z"),
            row(3, "a", 7, "2026-03-01T00:00:09.000Z"),
        ];
        assert_eq!(facts.unread(&again), [2, 3], "a match and a cooperation with the same id are different rows");
        facts.remember(again, &latest("2026-03-01T00:00:09.000Z"));
        // Versions the overlap no longer reaches are forgotten.
        facts.remember(Vec::new(), &latest("2026-03-01T00:01:00.000Z"));
        assert!(facts.seen.is_empty());
    }

    #[test]
    fn interest_is_more_than_a_suggestion() {
        assert!(!shows_interest("engine", "suggested"));
        assert!(!shows_interest("engine", "declined"));
        assert!(shows_interest("engine", "introduced"));
        assert!(shows_interest("partner_interest", "declined"));
    }

    #[test]
    fn keys_number_names_once() {
        let mut keys = Keys::default();
        let a = keys.id("training");
        assert_eq!(keys.id("fisheries"), a + 1);
        assert_eq!(keys.id("training"), a);
        assert_eq!(keys.find("fisheries"), Some(a + 1));
        assert_eq!(keys.find("mining"), None);
        assert_eq!(keys.name(a), "training");
    }
}
