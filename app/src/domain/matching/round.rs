//! A matching round (PRODUCT.md, "Matchmaking"): staff choose which needs and offers take
//! part, the weights and the equity settings; the round scores every compatible pair and
//! hands the [`assignment`](super::assignment) solver a [`Problem`]. Pure: the round's
//! service feeds it from the matching index, the benchmark from generated postings.
//!
//! **What a pair is worth.** Its score (the suggestions' score, with the round's weights)
//! plus the *status bonus* when the village's development status is at or below the chosen
//! one (KKN placements favour "Berkembang" and below); a village that has never been served
//! (no match of it was ever introduced) adds the *first-time bonus* once, to its first
//! pair. At most `max_per_village` pairs per village. Pairs the suggestions call
//! incompatible (support type, region, window over, no capacity left) never take part, nor
//! a need and an organisation that already have a live match.
//!
//! **Cohorts.** A cohort offer (KKN: N groups of students, one village each) takes at most
//! one need of a village: only the village's best-fitting need for it becomes a pair.

use super::assignment::{Pair, Problem};
use super::score::{compatibility, score, NeedFacts, OfferFacts, Weights};
use super::text::{cosine, SparseVector};
use crate::domain::posting::{DevelopmentStatus, Sector, SupportType};
use crate::domain::region::{RegionCode, RegionLevel};
use crate::domain::validation::{self as v, Checker, FieldError, Problem as Invalid};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

vocabulary!(
    /// Where a round stands: its proposal waits for staff, who accept all or part of it
    /// (the accepted pairs become staff-proposed matches) or discard it. Decided once.
    RoundStatus {
        Proposed => "proposed",
        Accepted => "accepted",
        Discarded => "discarded",
    }
);

/// The round form's fields, as sent. Lists come from checkboxes (absent when none is
/// ticked); numbers from number inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundInput {
    /// Regency codes (none: the whole jurisdiction).
    #[serde(default)]
    pub regencies: Vec<String>,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub support_types: Vec<String>,
    /// Offers by id (none: every offer in scope).
    #[serde(default)]
    pub offers: Vec<String>,
    #[serde(default)]
    pub weights: Weights,
    #[serde(default = "default_first_time_bonus")]
    pub first_time_bonus: f64,
    #[serde(default = "default_status_bonus")]
    pub status_bonus: f64,
    /// A development status: villages at it or below get the status bonus (empty: none).
    #[serde(default)]
    pub status_up_to: String,
    /// At most this many pairs per village (empty: no limit).
    #[serde(default)]
    pub max_per_village: String,
}

fn default_first_time_bonus() -> f64 {
    0.10
}

fn default_status_bonus() -> f64 {
    0.05
}

impl Default for RoundInput {
    fn default() -> Self {
        RoundInput {
            regencies: Vec::new(),
            sectors: Vec::new(),
            support_types: Vec::new(),
            offers: Vec::new(),
            weights: Weights::default(),
            first_time_bonus: default_first_time_bonus(),
            status_bonus: default_status_bonus(),
            status_up_to: DevelopmentStatus::Berkembang.as_str().to_owned(),
            max_per_village: "2".to_owned(),
        }
    }
}

/// Which needs and offers take part.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundScope {
    /// Regency codes (empty: all of the jurisdiction).
    pub regencies: Vec<String>,
    /// Empty: every sector.
    pub sectors: Vec<Sector>,
    /// Empty: every support type.
    pub support_types: Vec<SupportType>,
    /// Empty: every offer in scope.
    pub offers: Vec<i64>,
}

impl RoundScope {
    /// Does a need of this regency, sector and support type take part?
    pub fn takes_need(&self, regency_code: &str, sector: Sector, support_type: SupportType) -> bool {
        (self.regencies.is_empty() || self.regencies.iter().any(|r| r == regency_code))
            && (self.sectors.is_empty() || self.sectors.contains(&sector))
            && (self.support_types.is_empty() || self.support_types.contains(&support_type))
    }

    /// Does this offer take part? It must serve one of the regencies (or the province),
    /// list one of the sectors, give one of the support types, and be chosen if any are.
    pub fn takes_offer(&self, offer_id: i64, offer: &OfferFacts) -> bool {
        let area = &offer.area;
        let serves = self.regencies.is_empty()
            || area.whole_province
            || self.regencies.iter().any(|r| area.regencies_touched().contains(r));
        serves
            && (self.sectors.is_empty() || offer.sectors.iter().any(|s| self.sectors.contains(s)))
            && (self.support_types.is_empty() || self.support_types.contains(&offer.support_type))
            && (self.offers.is_empty() || self.offers.contains(&offer_id))
    }
}

/// How a round spreads support.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Equity {
    /// Added once for a village never served, to its first pair.
    pub first_time_bonus: f64,
    /// Added to every pair of a village at `status_up_to` or below.
    pub status_bonus: f64,
    pub status_up_to: Option<DevelopmentStatus>,
    /// At most this many pairs per village.
    pub max_per_village: Option<u32>,
}

impl Default for Equity {
    fn default() -> Self {
        Equity { first_time_bonus: 0.0, status_bonus: 0.0, status_up_to: None, max_per_village: None }
    }
}

impl Equity {
    /// The status bonus of a village: at the chosen status or a less developed one.
    pub fn status_bonus_of(&self, status: Option<DevelopmentStatus>) -> f64 {
        let rank = |s: DevelopmentStatus| DevelopmentStatus::ALL.iter().position(|x| *x == s);
        match (status, self.status_up_to) {
            (Some(village), Some(limit)) if rank(village) >= rank(limit) => self.status_bonus,
            _ => 0.0,
        }
    }
}

/// A round's checked settings, as kept with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundSettings {
    pub scope: RoundScope,
    pub weights: Weights,
    pub equity: Equity,
}

/// The most regencies, sectors, support types or offers one round names.
const MOST_CHOSEN: usize = 500;

impl RoundInput {
    /// Checks the form; `known_regency` answers for the registry. Problems are reported on
    /// the fields' names (`regencies`, `first_time_bonus`, a weight's factor…).
    pub fn validate(&self, known_regency: &dyn Fn(&str) -> bool) -> Result<RoundSettings, Vec<FieldError>> {
        let mut checker = Checker::default();
        let regencies = checker.check(
            "regencies",
            limited(&self.regencies).and_then(|list| {
                list.iter()
                    .map(|code| match RegionCode::parse(code.trim()) {
                        Some(region) if region.level() == RegionLevel::Regency && known_regency(region.as_str()) => {
                            Ok(region.as_str().to_owned())
                        }
                        _ => Err(Invalid::InvalidChoice),
                    })
                    .collect::<Result<Vec<_>, _>>()
            }),
        );
        let sectors = checker.check("sectors", limited(&self.sectors).and_then(|list| choices(list, Sector::parse)));
        let support_types = checker
            .check("support_types", limited(&self.support_types).and_then(|list| choices(list, SupportType::parse)));
        let offers = checker.check(
            "offers",
            limited(&self.offers).and_then(|list| {
                list.iter().map(|id| id.trim().parse::<i64>().map_err(|_| Invalid::InvalidChoice)).collect()
            }),
        );
        for factor in super::score::Factor::ALL {
            checker.check(factor.as_str(), unit(self.weights.of(*factor)));
        }
        if !self.weights.is_valid() && super::score::Factor::ALL.iter().all(|f| unit(self.weights.of(*f)).is_ok()) {
            checker.check::<()>("support", Err(Invalid::Required));
        }
        let first_time_bonus = checker.check("first_time_bonus", unit(self.first_time_bonus));
        let status_bonus = checker.check("status_bonus", unit(self.status_bonus));
        let status_up_to =
            checker.check("status_up_to", v::optional(&self.status_up_to, |s| v::choice(s, DevelopmentStatus::parse)));
        let max_per_village = checker.check(
            "max_per_village",
            v::optional(&self.max_per_village, |s| v::whole_number(s, 1, 50).map(|n| n as u32)),
        );
        checker.finish()?;
        let mut regencies = regencies.unwrap_or_default();
        regencies.sort();
        regencies.dedup();
        let mut offers: Vec<i64> = offers.unwrap_or_default();
        offers.sort_unstable();
        offers.dedup();
        Ok(RoundSettings {
            scope: RoundScope {
                regencies,
                sectors: sectors.unwrap_or_default(),
                support_types: support_types.unwrap_or_default(),
                offers,
            },
            weights: self.weights,
            equity: Equity {
                first_time_bonus: first_time_bonus.unwrap_or(0.0),
                status_bonus: status_bonus.unwrap_or(0.0),
                status_up_to: status_up_to.flatten(),
                max_per_village: max_per_village.flatten(),
            },
        })
    }
}

fn limited(list: &[String]) -> Result<&[String], Invalid> {
    if list.len() > MOST_CHOSEN {
        Err(Invalid::TooLong { max: MOST_CHOSEN })
    } else {
        Ok(list)
    }
}

fn choices<T: PartialEq>(list: &[String], parse: fn(&str) -> Option<T>) -> Result<Vec<T>, Invalid> {
    let mut out = Vec::new();
    for value in list {
        let choice = parse(value.trim()).ok_or(Invalid::InvalidChoice)?;
        if !out.contains(&choice) {
            out.push(choice);
        }
    }
    Ok(out)
}

/// A weight or bonus: a number in [0, 1].
fn unit(value: f64) -> Result<f64, Invalid> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Invalid::OutOfRange { min: 0, max: 1 })
    }
}

/// A need as the round sees it.
pub struct RoundNeed<'a> {
    pub facts: &'a NeedFacts,
    pub vector: &'a SparseVector,
    /// The need's village, numbered from 0 within the round.
    pub village: u32,
}

/// An offer as the round sees it.
pub struct RoundOffer<'a> {
    pub facts: &'a OfferFacts,
    pub vector: &'a SparseVector,
}

/// What the solver is given, built from the round's needs and offers. A village is
/// `never_served[village]`; `live(need, organisation)` says whether a live match between
/// them exists (such a pair never takes part).
pub fn problem(
    needs: &[RoundNeed],
    offers: &[RoundOffer],
    never_served: &[bool],
    settings: &RoundSettings,
    today: &str,
    live: &dyn Fn(usize, i64) -> bool,
) -> Problem {
    // Offers by support type: those of the whole province, and those of each regency they
    // name (or name a district of). A need looks only at those it could fit and be served by.
    let mut province: HashMap<SupportType, Vec<usize>> = HashMap::new();
    let mut regional: HashMap<(SupportType, String), Vec<usize>> = HashMap::new();
    for (index, offer) in offers.iter().enumerate() {
        let support = offer.facts.support_type;
        if offer.facts.area.whole_province {
            province.entry(support).or_default().push(index);
        } else {
            for regency in offer.facts.area.regencies_touched() {
                regional.entry((support, regency)).or_default().push(index);
            }
        }
    }
    let capacity = offers.iter().map(|o| (o.facts.capacity - o.facts.used).max(0) as u32).collect();
    let mut pairs_of_need: Vec<Vec<Pair>> = vec![Vec::new(); needs.len()];
    // A cohort's pairs, (offer, village, need, weight): only each village's best is kept.
    let mut cohort_pairs: Vec<(u32, u32, usize, f64)> = Vec::new();
    for (n, need) in needs.iter().enumerate() {
        let support = need.facts.support_type;
        let status_bonus = settings.equity.status_bonus_of(need.facts.village_status);
        let nearby = regional.get(&(support, need.facts.regency_code.clone()));
        for &o in province.get(&support).into_iter().chain(nearby).flatten() {
            let offer = &offers[o];
            if compatibility(need.facts, offer.facts, today).is_err() || live(n, offer.facts.organisation_id) {
                continue;
            }
            let text = cosine(need.vector, offer.vector);
            let Ok(scored) = score(need.facts, offer.facts, text, &settings.weights, today) else { continue };
            let weight = scored.total + status_bonus;
            if offer.facts.cohort {
                cohort_pairs.push((o as u32, need.village, n, weight));
            } else {
                pairs_of_need[n].push(Pair { offer: o as u32, weight });
            }
        }
    }
    cohort_pairs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.3.total_cmp(&a.3)).then(a.2.cmp(&b.2)));
    cohort_pairs.dedup_by_key(|(offer, village, _, _)| (*offer, *village));
    for (offer, _, n, weight) in cohort_pairs {
        pairs_of_need[n].push(Pair { offer, weight });
    }
    let villages = never_served.len();
    let first_bonus =
        (0..villages).map(|v| if never_served[v] { settings.equity.first_time_bonus } else { 0.0 }).collect();
    let village_of = needs.iter().map(|n| n.village).collect();
    Problem::with_pairs(capacity, village_of, first_bonus, settings.equity.max_per_village, pairs_of_need)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::assignment::{is_feasible, optimal};
    use crate::domain::matching::fixtures;
    use crate::domain::matching::text::Corpus;
    use crate::domain::offer::ServedArea;

    const TODAY: &str = "2026-12-07";

    fn need(regency: &str, status: DevelopmentStatus) -> NeedFacts {
        NeedFacts {
            support_type: SupportType::Training,
            resource_kind: None,
            sector: Sector::NatureTourism,
            regency_code: regency.into(),
            district_code: format!("{regency}.01"),
            window_start: None,
            window_end: None,
            village_status: Some(status),
            rings: vec![],
        }
    }

    fn offer(capacity: i64) -> OfferFacts {
        OfferFacts {
            organisation_id: 1,
            window_start: None,
            window_end: None,
            capacity,
            preferred_status: None,
            ..fixtures::offer()
        }
    }

    fn known(code: &str) -> bool {
        code.starts_with("64.")
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let settings = RoundInput::default().validate(&known).unwrap();
        assert_eq!(settings.equity.max_per_village, Some(2));
        assert_eq!(settings.equity.status_up_to, Some(DevelopmentStatus::Berkembang));
        let bad = RoundInput {
            regencies: vec!["64.02".into(), "99.01".into()],
            sectors: vec!["mining_of_dreams".into()],
            first_time_bonus: 1.5,
            max_per_village: "0".into(),
            status_up_to: "kaya".into(),
            offers: vec!["tujuh".into()],
            ..RoundInput::default()
        };
        let errors = bad.validate(&known).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["regencies", "sectors", "offers", "first_time_bonus", "status_up_to", "max_per_village"]);
        let district = RoundInput { regencies: vec!["64.02.01".into()], ..RoundInput::default() };
        assert_eq!(district.validate(&known).unwrap_err()[0].field, "regencies", "a district is no regency");
        let mut zero = RoundInput::default();
        for factor in super::super::score::Factor::ALL {
            zero.weights.set(*factor, 0.0);
        }
        assert_eq!(zero.validate(&known).unwrap_err()[0].field, "support", "weights may not all be zero");
        let open = RoundInput { max_per_village: " ".into(), status_up_to: String::new(), ..RoundInput::default() };
        let open = open.validate(&known).unwrap();
        assert_eq!((open.equity.max_per_village, open.equity.status_up_to), (None, None));
    }

    #[test]
    fn the_status_bonus_goes_to_the_less_developed() {
        let equity =
            Equity { status_bonus: 0.2, status_up_to: Some(DevelopmentStatus::Berkembang), ..Equity::default() };
        assert_eq!(equity.status_bonus_of(Some(DevelopmentStatus::Berkembang)), 0.2);
        assert_eq!(equity.status_bonus_of(Some(DevelopmentStatus::SangatTertinggal)), 0.2);
        assert_eq!(equity.status_bonus_of(Some(DevelopmentStatus::Maju)), 0.0);
        assert_eq!(equity.status_bonus_of(None), 0.0, "unknown status: no bonus");
        assert_eq!(Equity::default().status_bonus_of(Some(DevelopmentStatus::Tertinggal)), 0.0);
    }

    #[test]
    fn the_scope_chooses_needs_and_offers() {
        let scope = RoundScope { regencies: vec!["64.02".into()], ..RoundScope::default() };
        assert!(scope.takes_need("64.02", Sector::NatureTourism, SupportType::Training));
        assert!(!scope.takes_need("64.03", Sector::NatureTourism, SupportType::Training));
        assert!(scope.takes_offer(1, &offer(1)));
        let berau = OfferFacts {
            area: ServedArea { whole_province: false, regencies: vec![], districts: vec!["64.03.01".into()] },
            ..offer(1)
        };
        assert!(!scope.takes_offer(1, &berau));
        let chosen = RoundScope { offers: vec![2], ..RoundScope::default() };
        assert!(!chosen.takes_offer(1, &offer(1)) && chosen.takes_offer(2, &offer(1)));
    }

    #[test]
    fn pairs_are_compatible_not_yet_matched_and_one_per_village_for_a_cohort() {
        let mut corpus = Corpus::default();
        corpus.add("pelatihan pemandu wisata");
        let text = corpus.vector("pelatihan pemandu wisata");
        let needs_facts = [
            need("64.02", DevelopmentStatus::Berkembang),
            need("64.02", DevelopmentStatus::Maju),
            need("64.03", DevelopmentStatus::Tertinggal), // not served by the offers
            need("64.02", DevelopmentStatus::Tertinggal),
        ];
        // Needs 0 and 1 are of village 0; need 3 of village 1.
        let villages = [0, 0, 1, 1];
        let needs: Vec<RoundNeed> = needs_facts
            .iter()
            .zip(villages)
            .map(|(facts, village)| RoundNeed { facts, vector: &text, village })
            .collect();
        let plain = offer(3);
        let cohort = OfferFacts { organisation_id: 2, cohort: true, ..offer(3) };
        let offers = [RoundOffer { facts: &plain, vector: &text }, RoundOffer { facts: &cohort, vector: &text }];
        let settings = RoundSettings {
            scope: RoundScope::default(),
            weights: Weights::default(),
            equity: Equity {
                status_bonus: 0.1,
                status_up_to: Some(DevelopmentStatus::Berkembang),
                ..Equity::default()
            },
        };
        // Need 3 and organisation 1 already have a live match.
        let live = |need: usize, organisation: i64| need == 3 && organisation == 1;
        let problem = problem(&needs, &offers, &[false, true], &settings, TODAY, &live);
        let offers_of = |n: usize| {
            problem.pairs[problem.start[n]..problem.start[n + 1]].iter().map(|p| p.offer).collect::<Vec<_>>()
        };
        assert_eq!(offers_of(0), [0, 1], "the cohort's best need of village 0 is need 0 (status bonus)");
        assert_eq!(offers_of(1), [0]);
        assert!(offers_of(2).is_empty(), "Berau is not served");
        assert_eq!(offers_of(3), [1], "a live match keeps the pair out");
        assert_eq!(problem.capacity, [3, 3]);
        assert_eq!(problem.first_bonus, [0.0, 0.0], "no first-time bonus set");
        let w = |n: usize, o: u32| {
            problem.pairs[problem.start[n]..problem.start[n + 1]].iter().find(|p| p.offer == o).unwrap().weight
        };
        assert!((w(0, 0) - w(1, 0) - 0.1).abs() < 1e-9, "the status bonus is added");
        let solved = optimal(&problem);
        assert!(is_feasible(&problem, &solved.assignment.offer_of));
    }
}
