//! The figures of one view of `/statistik`, counted from the [`Facts`] in memory.
//!
//! A need counts once sent to moderation, in the year it was sent (as written, UTC); a
//! cooperation once signed (not a draft), in the year it was signed. The registry's
//! villages count whatever their needs. An offer counts in a regency's view when it serves
//! the whole province or names the regency (or one of its districts), in a sector's when it
//! lists the sector, in a year's when it was published that year.

use super::facts::{CooperationFact, Date, Facts, NeedFact, OfferFact};
use crate::domain::posting::DevelopmentStatus;
use crate::domain::statistics::{self as rules, FunnelStep, Lead, ValidStatisticsQuery, VillageState};
use crate::wire::stats::{
    AreaFigures, Capacity, FunnelCount, KeyFigures, LeadTime, MapFigures, MapVillage, ModerationFigures,
    PartnerFigures, PeriodFigures, Statistics, Totals, VillageStatusFigures,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The view's filters, resolved against the facts (a regency or sector they do not know
/// matches nothing), and its needs and cooperations, picked out once: every figure is
/// counted from these lists.
struct View<'a> {
    facts: &'a Facts,
    regency: Option<Option<usize>>,
    sector: Option<Option<u16>>,
    year: Option<i64>,
    /// Of its regency and sector, sent in its year.
    needs: Vec<&'a NeedFact>,
    /// Of its regency and sector, signed in its year.
    cooperations: Vec<(&'a NeedFact, &'a CooperationFact)>,
}

impl<'a> View<'a> {
    fn new(facts: &'a Facts, query: &ValidStatisticsQuery) -> View<'a> {
        View::of(facts, query.regency.as_deref(), query)
    }

    /// The view with `regency` instead of the query's.
    fn of(facts: &'a Facts, regency: Option<&str>, query: &ValidStatisticsQuery) -> View<'a> {
        let regency = regency.map(|code| facts.registry.regency_index(code));
        let sector = query.sector.map(|sector| facts.keys.find(sector.as_str()));
        let year = query.year;
        let (mut needs, mut cooperations) = (Vec::new(), Vec::new());
        for need in facts.needs.values() {
            let in_place = regency.is_none_or(|r| r == Some(facts.registry.regency_of(need.village)))
                && sector.is_none_or(|s| s == Some(need.sector));
            if !in_place {
                continue;
            }
            if year.is_none_or(|y| need.submitted.year() == y) {
                needs.push(need);
            }
            for cooperation in &need.cooperations {
                if year.is_none_or(|y| cooperation.signed.is_some_and(|s| s.year() == y)) {
                    cooperations.push((need, cooperation));
                }
            }
        }
        View { facts, regency, sector, year, needs, cooperations }
    }

    fn needs(&self) -> impl Iterator<Item = &'a NeedFact> + '_ {
        self.needs.iter().copied()
    }

    fn cooperations(&self) -> impl Iterator<Item = (&'a NeedFact, &'a CooperationFact)> + '_ {
        self.cooperations.iter().copied()
    }

    /// The offers of the view (see the module).
    fn offers(&self) -> impl Iterator<Item = (i64, &'a OfferFact)> + '_ {
        self.facts.offers.iter().map(|(id, offer)| (*id, offer)).filter(|(_, offer)| {
            self.regency.is_none_or(|r| offer.serves_province || r.is_some_and(|r| offer.regencies.contains(&r)))
                && self.sector.is_none_or(|s| s.is_some_and(|s| offer.sectors.contains(&s)))
                && self.year.is_none_or(|y| offer.published.is_some_and(|d| d.year() == y))
        })
    }

    /// The registry's villages of the view's regency.
    fn villages(&self) -> impl Iterator<Item = usize> + '_ {
        let registry = &self.facts.registry;
        (0..registry.villages.len()).filter(|v| self.regency.is_none_or(|r| r == Some(registry.regency_of(*v))))
    }
}

/// The figures of one view. `moderation_of`: for staff, the regency of their jurisdiction
/// (`Some(None)`: the province), whose moderation figures they see. `today`: WITA's date.
pub fn statistics(
    facts: &Facts,
    query: &ValidStatisticsQuery,
    moderation_of: Option<Option<&str>>,
    today: &str,
) -> Statistics {
    let view = View::new(facts, query);
    let (funnel, mut totals) = funnel(&view);
    cooperation_totals(&view, &mut totals);
    let (capacity, offers) = capacity(&view);
    totals.offers = offers;
    let (by_area, area_level) = areas(&view);
    let regencies = match query.regency {
        None => by_area.clone(),
        Some(_) => areas(&View::of(facts, None, query)).0,
    };
    Statistics {
        totals,
        funnel,
        leads: leads(&view),
        areas: by_area,
        area_level: area_level.to_owned(),
        sectors: by_key(&view, |need| need.sector, |offer| &offer.sectors),
        support_types: by_key(&view, |need| need.support_type, |offer| std::slice::from_ref(&offer.support_type)),
        village_statuses: village_statuses(&view),
        over_time: over_time(&view, query),
        partners: partners(&view),
        capacity,
        moderation: moderation_of.map(|regency| moderation(facts, regency, today)),
        map: MapFigures { regencies, villages: map_villages(&view) },
    }
}

/// How many needs got at least as far as each step, and the needs' totals.
fn funnel(view: &View) -> (Vec<FunnelCount>, Totals) {
    let mut reached = [0i64; 6];
    let (mut open, mut introductions) = (0, 0);
    for need in view.needs() {
        let steps = [
            true,
            need.published.is_some(),
            need.interest,
            need.introductions > 0,
            !need.cooperations.is_empty(),
            need.cooperations.iter().any(|c| c.completed),
        ];
        for (count, got_there) in reached.iter_mut().zip(steps) {
            *count += i64::from(got_there);
        }
        open += i64::from(need.open);
        introductions += need.introductions;
    }
    let funnel = FunnelStep::ALL
        .iter()
        .zip(reached)
        .map(|(step, needs)| FunnelCount { step: step.as_str().to_owned(), needs })
        .collect();
    (funnel, Totals { needs: reached[0], open_needs: open, introductions, ..Totals::default() })
}

/// Signed cooperations: how many, completed, their beneficiaries and value.
fn cooperation_totals(view: &View, totals: &mut Totals) {
    for (_, cooperation) in view.cooperations() {
        totals.cooperations += 1;
        totals.value_idr += cooperation.value_idr;
        if cooperation.completed {
            totals.completed += 1;
            totals.beneficiaries += cooperation.beneficiaries;
        }
    }
}

/// By regency, or by the districts of the regency chosen.
fn areas(view: &View) -> (Vec<AreaFigures>, &'static str) {
    let registry = &view.facts.registry;
    // Each area's position in the list, by the village it holds.
    let (level, members): (&str, Vec<(usize, &str, &str)>) = match view.regency {
        None => (
            "regency",
            registry.regencies.iter().enumerate().map(|(i, r)| (i, r.code.as_str(), r.name.as_str())).collect(),
        ),
        Some(regency) => (
            "district",
            registry
                .districts
                .iter()
                .enumerate()
                .filter(|(_, d)| Some(d.regency) == regency)
                .map(|(i, d)| (i, d.code.as_str(), d.name.as_str()))
                .collect(),
        ),
    };
    let level_size = if view.regency.is_none() { registry.regencies.len() } else { registry.districts.len() };
    let mut position: Vec<Option<usize>> = vec![None; level_size];
    for (at, (i, _, _)) in members.iter().enumerate() {
        position[*i] = Some(at);
    }
    let area_of = |village: usize| {
        let key = match view.regency {
            None => registry.regency_of(village),
            Some(_) => registry.villages[village].district,
        };
        position[key]
    };
    let mut areas: Vec<AreaFigures> = members
        .iter()
        .map(|(_, code, name)| AreaFigures {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            needs: 0,
            open_needs: 0,
            introductions: 0,
            cooperations: 0,
            villages: 0,
            villages_served: 0,
        })
        .collect();
    for village in view.villages() {
        if let Some(at) = area_of(village) {
            areas[at].villages += 1;
        }
    }
    for need in view.needs() {
        if let Some(at) = area_of(need.village) {
            areas[at].needs += 1;
            areas[at].open_needs += i64::from(need.open);
            areas[at].introductions += i64::from(need.introductions > 0);
        }
    }
    let mut served = vec![false; registry.villages.len()];
    for (need, _) in view.cooperations() {
        if let Some(at) = area_of(need.village) {
            areas[at].cooperations += 1;
            if !std::mem::replace(&mut served[need.village], true) {
                areas[at].villages_served += 1;
            }
        }
    }
    (areas, level)
}

/// Needs, published offers and cooperations by a key of theirs (sector, support type),
/// the most needed first.
fn by_key(
    view: &View,
    need_key: impl Fn(&NeedFact) -> u16,
    offer_keys: impl for<'o> Fn(&'o OfferFact) -> &'o [u16],
) -> Vec<KeyFigures> {
    let keys = &view.facts.keys;
    // (needs, offers, cooperations) by key number.
    let mut counts = vec![(0i64, 0i64, 0i64); keys.len()];
    for need in view.needs() {
        counts[usize::from(need_key(need))].0 += 1;
    }
    for (need, _) in view.cooperations() {
        counts[usize::from(need_key(need))].2 += 1;
    }
    for (_, offer) in view.offers().filter(|(_, o)| matches!(o.status.as_str(), "published" | "matched" | "fulfilled"))
    {
        for key in offer_keys(offer) {
            counts[usize::from(*key)].1 += 1;
        }
    }
    let mut rows: Vec<KeyFigures> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, (needs, offers, cooperations))| needs + offers + cooperations > 0)
        .map(|(key, (needs, offers, cooperations))| KeyFigures {
            key: keys.name(key as u16).to_owned(),
            needs,
            offers,
            cooperations,
        })
        .collect();
    rows.sort_by(|a, b| (b.needs, b.cooperations).cmp(&(a.needs, a.cooperations)).then(a.key.cmp(&b.key)));
    rows
}

/// The villages by development status: how many, their needs, and those never served.
fn village_statuses(view: &View) -> Vec<VillageStatusFigures> {
    let villages = &view.facts.registry.villages;
    // Index 0..5 follow DevelopmentStatus::ALL; 5: not recorded.
    let slot = |village: usize| {
        villages[village].status.map_or(DevelopmentStatus::ALL.len(), |s| {
            DevelopmentStatus::ALL.iter().position(|x| *x == s).unwrap_or(DevelopmentStatus::ALL.len())
        })
    };
    let mut rows = [(0i64, 0i64, 0i64); 6];
    for village in view.villages() {
        rows[slot(village)].0 += 1;
    }
    for need in view.needs() {
        rows[slot(need.village)].1 += 1;
    }
    let mut served = vec![false; villages.len()];
    for (need, _) in view.cooperations() {
        if !std::mem::replace(&mut served[need.village], true) {
            rows[slot(need.village)].2 += 1;
        }
    }
    let keys = DevelopmentStatus::ALL.iter().map(|s| s.as_str()).chain([""]);
    keys.zip(rows)
        .filter(|(_, (villages, _, _))| *villages > 0)
        .map(|(key, (villages, needs, served))| VillageStatusFigures {
            key: key.to_owned(),
            villages,
            needs,
            never_served: villages - served,
        })
        .collect()
}

/// Needs posted and cooperations signed per period.
fn over_time(view: &View, query: &ValidStatisticsQuery) -> Vec<PeriodFigures> {
    let mut months: HashMap<i64, (i64, i64)> = HashMap::new();
    for need in view.needs() {
        months.entry(need.submitted.month).or_default().0 += 1;
    }
    for (_, cooperation) in view.cooperations() {
        if let Some(signed) = cooperation.signed {
            months.entry(signed.month).or_default().1 += 1;
        }
    }
    let mut periods: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (month, (needs, cooperations)) in months {
        if let Some(period) = query.period.bucket(&Date { day: 0, month }.month_text()) {
            let entry = periods.entry(period).or_default();
            entry.0 += needs;
            entry.1 += cooperations;
        }
    }
    periods.into_iter().map(|(period, (needs, cooperations))| PeriodFigures { period, needs, cooperations }).collect()
}

/// How long the steps take, as medians of days (a step that ends before it starts is not
/// a duration and is left out).
fn leads(view: &View) -> Vec<LeadTime> {
    let lead = |lead: Lead, spans: &mut dyn Iterator<Item = (Date, Date)>| {
        let mut days: HashMap<i64, i64> = HashMap::new();
        for (from, to) in spans {
            if to.day >= from.day {
                *days.entry(to.day - from.day).or_default() += 1;
            }
        }
        let mut days: Vec<(i64, i64)> = days.into_iter().collect();
        let measured = days.iter().map(|(_, n)| n).sum();
        LeadTime { lead: lead.as_str().to_owned(), median_days: rules::median(&mut days), measured }
    };
    vec![
        lead(Lead::SubmittedToPublished, &mut view.needs().filter_map(|n| Some((n.submitted, n.published?)))),
        lead(Lead::PublishedToInterest, &mut view.needs().filter_map(|n| Some((n.published?, n.first_interest?)))),
        lead(Lead::IntroducedToSigned, &mut view.cooperations().filter_map(|(_, c)| Some((c.introduced?, c.signed?)))),
    ]
}

/// The verified partners that served the most villages, at most ten.
fn partners(view: &View) -> Vec<PartnerFigures> {
    let mut served: HashMap<i64, (HashSet<usize>, i64)> = HashMap::new();
    for (need, cooperation) in view.cooperations() {
        let entry = served.entry(cooperation.organisation_id).or_default();
        entry.0.insert(need.village);
        entry.1 += 1;
    }
    let mut rows: Vec<PartnerFigures> = served
        .into_iter()
        .filter_map(|(organisation_id, (villages, cooperations))| {
            let organisation = view.facts.organisations.get(&organisation_id).filter(|o| o.verified)?;
            Some(PartnerFigures {
                organisation_id,
                name: organisation.name.clone(),
                villages: villages.len() as i64,
                cooperations,
            })
        })
        .collect();
    rows.sort_by(|a, b| (b.villages, b.cooperations).cmp(&(a.villages, a.cooperations)).then(a.name.cmp(&b.name)));
    rows.truncate(10);
    rows
}

/// The view's open offers' capacity and how much of it signed cooperations took; and how
/// many of its offers were published in all (open or taken up).
fn capacity(view: &View) -> (Capacity, i64) {
    let is_open = |status: &str| matches!(status, "published" | "matched");
    let mut capacity = Capacity::default();
    let mut published = 0;
    let mut open = HashSet::new();
    for (id, offer) in view.offers() {
        if is_open(&offer.status) {
            capacity.offers += 1;
            capacity.capacity += offer.capacity;
            open.insert(id);
        }
        published += i64::from(is_open(&offer.status) || offer.status == "fulfilled");
    }
    capacity.used = view
        .facts
        .needs
        .values()
        .flat_map(|need| &need.cooperations)
        .filter(|c| c.offer_id.is_some_and(|id| open.contains(&id)))
        .count() as i64;
    (capacity, published)
}

/// The moderation backlog of a jurisdiction (a regency, or the province with its offers)
/// and how many of its needs' decisions returned or rejected them.
fn moderation(facts: &Facts, regency: Option<&str>, today: &str) -> ModerationFigures {
    let regency = regency.map(|code| facts.registry.regency_index(code));
    let within = |need: &NeedFact| regency.is_none_or(|r| r == Some(facts.registry.regency_of(need.village)));
    let mut figures = ModerationFigures::default();
    let mut oldest: Option<i64> = None;
    let mut wait = |since: Option<Date>| {
        figures.waiting += 1;
        if let Some(since) = since {
            oldest = Some(oldest.map_or(since.day, |day| day.min(since.day)));
        }
    };
    facts.needs.values().filter(|need| need.waiting && within(need)).for_each(|need| wait(Some(need.submitted)));
    if regency.is_none() {
        facts.offers.values().filter(|offer| offer.status == "submitted").for_each(|offer| wait(offer.submitted));
    }
    let today = Date::parse(today).map(|d| d.day);
    figures.oldest_days = oldest.zip(today).map(|(from, to)| to - from).filter(|days| *days >= 0);
    for (need, decided) in &facts.decisions {
        if facts.needs.get(need).is_some_and(within) {
            figures.decided += 1;
            figures.returned += i64::from(decided.returned);
            figures.rejected += i64::from(decided.rejected);
        }
    }
    figures
}

/// The villages with needs in the view and their state on the map.
fn map_villages(view: &View) -> Vec<MapVillage> {
    let villages = &view.facts.registry.villages;
    // (has needs in the view, one open, one with a cooperation) by village, in code order.
    let mut states = vec![(false, false, false); villages.len()];
    for need in view.needs() {
        let state = &mut states[need.village];
        state.0 = true;
        state.1 |= need.open;
        state.2 |= !need.cooperations.is_empty();
    }
    states
        .into_iter()
        .enumerate()
        .filter(|(_, (has_needs, _, _))| *has_needs)
        .map(|(village, (_, open, cooperation))| {
            let state = match (cooperation, open) {
                (true, _) => VillageState::Cooperation,
                (false, true) => VillageState::Open,
                (false, false) => VillageState::Other,
            };
            MapVillage {
                code: villages[village].code.clone(),
                name: villages[village].name.clone(),
                state: state.as_str().to_owned(),
            }
        })
        .collect()
}
