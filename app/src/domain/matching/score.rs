//! Scoring a need against an offer: a weighted sum of factors in [0, 1], each with its
//! own value so that the interface can explain it ("why this match").
//!
//! | factor   | value                                                                    | default weight |
//! |----------|--------------------------------------------------------------------------|----------------|
//! | support  | 1 when the support type (and resource kind, when both give one) fits     | 0.20           |
//! | sector   | 1 when the offer lists the need's sector, else 0                         | 0.20           |
//! | region   | district named 1, regency named 0.85, whole province 0.7                 | 0.15           |
//! | window   | share of the need's window the offer's window covers; 0.5 if unknown     | 0.10           |
//! | capacity | villages left / capacity                                                 | 0.10           |
//! | status   | 1 at the preferred status, −0.25 per step away; 0.5 without preference   | 0.10           |
//! | text     | TF-IDF cosine similarity of the two texts                                | 0.15           |
//! | ring     | a bonus: 1 when the village lies in ring 1 of the offering company's     | 0.10           |
//! |          | confirmed operation area (PPM/TJSL), 0.5 in ring 2, 0 elsewhere          |                |
//!
//! The total is the weighted mean of the first seven factors, plus the ring bonus
//! (`ring weight × value / sum of the other weights`), at most 1: a company's own ring
//! villages, which its PPM obligations put first, rise above others of equal fit, and no
//! other pair's score changes. The ring factor is listed in an explanation only when it
//! applies.
//! A pair whose support type does not fit, whose region the offer does not serve, whose
//! offer window is over or whose offer has no capacity left is incompatible: it is never
//! suggested and has no score. Everything here is pure: no I/O, no clock (`today` is given).

use crate::domain::offer::ServedArea;
use crate::domain::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use crate::domain::ppm::Ring;
use crate::domain::validation::day_number;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The parts of a score, in the order they are explained.
    Factor {
        Support => "support",
        Sector => "sector",
        Region => "region",
        Window => "window",
        Capacity => "capacity",
        Status => "status",
        Text => "text",
        Ring => "ring",
    }
);

/// The weight of each factor. Stored as a setting; administrators edit them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub support: f64,
    pub sector: f64,
    pub region: f64,
    pub window: f64,
    pub capacity: f64,
    pub status: f64,
    pub text: f64,
    /// The bonus of a company's own operation-area villages (weights saved before it
    /// existed take the default).
    #[serde(default = "default_ring")]
    pub ring: f64,
}

fn default_ring() -> f64 {
    0.10
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            support: 0.20,
            sector: 0.20,
            region: 0.15,
            window: 0.10,
            capacity: 0.10,
            status: 0.10,
            text: 0.15,
            ring: default_ring(),
        }
    }
}

impl Weights {
    pub fn of(&self, factor: Factor) -> f64 {
        match factor {
            Factor::Support => self.support,
            Factor::Sector => self.sector,
            Factor::Region => self.region,
            Factor::Window => self.window,
            Factor::Capacity => self.capacity,
            Factor::Status => self.status,
            Factor::Text => self.text,
            Factor::Ring => self.ring,
        }
    }

    pub fn set(&mut self, factor: Factor, value: f64) {
        let slot = match factor {
            Factor::Support => &mut self.support,
            Factor::Sector => &mut self.sector,
            Factor::Region => &mut self.region,
            Factor::Window => &mut self.window,
            Factor::Capacity => &mut self.capacity,
            Factor::Status => &mut self.status,
            Factor::Text => &mut self.text,
            Factor::Ring => &mut self.ring,
        };
        *slot = value;
    }

    /// The sum of the weights of the mean (all but the ring bonus).
    fn sum(&self) -> f64 {
        Factor::ALL.iter().filter(|f| **f != Factor::Ring).map(|f| self.of(*f)).sum()
    }

    /// Weights are checked when saved: each in [0, 1], not all those of the mean zero.
    pub fn is_valid(&self) -> bool {
        Factor::ALL.iter().all(|f| (0.0..=1.0).contains(&self.of(*f))) && self.sum() > 0.0
    }
}

/// What the engine needs to know about a need.
#[derive(Clone, Debug, PartialEq)]
pub struct NeedFacts {
    pub support_type: SupportType,
    pub resource_kind: Option<ResourceKind>,
    pub sector: Sector,
    pub regency_code: String,
    pub district_code: String,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub village_status: Option<DevelopmentStatus>,
    /// The companies whose confirmed operation area holds the village, with its ring.
    pub rings: Vec<(i64, Ring)>,
}

/// What the engine needs to know about an offer.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferFacts {
    pub organisation_id: i64,
    pub support_type: SupportType,
    pub resource_kind: Option<ResourceKind>,
    pub sectors: Vec<Sector>,
    pub area: ServedArea,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub capacity: i64,
    /// Live introductions and agreements that use its capacity.
    pub used: i64,
    pub preferred_status: Option<DevelopmentStatus>,
    /// A cohort (KKN and the like): each place is one group placed in one village.
    pub cohort: bool,
}

/// One factor's part of a score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorScore {
    pub factor: Factor,
    /// In [0, 1].
    pub value: f64,
    pub weight: f64,
}

/// A compatible pair's score and its explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// In [0, 1]: the weighted mean of the factors.
    pub total: f64,
    pub factors: Vec<FactorScore>,
}

/// Why a pair is never suggested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Incompatible {
    SupportType,
    Region,
    WindowOver,
    NoCapacity,
}

fn support_fits(need: &NeedFacts, offer: &OfferFacts) -> bool {
    need.support_type == offer.support_type
        && match (need.resource_kind, offer.resource_kind) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// How well the offer's area names the village: its district, its regency, or the province.
pub fn region_value(need: &NeedFacts, area: &ServedArea) -> Option<f64> {
    if area.districts.contains(&need.district_code) {
        Some(1.0)
    } else if area.regencies.contains(&need.regency_code) {
        Some(0.85)
    } else if area.whole_province {
        Some(0.7)
    } else {
        None
    }
}

/// The share of the need's window that the offer's window covers (0.5 when either is open-ended
/// on the side that matters, since nothing is known).
fn window_value(need: &NeedFacts, offer: &OfferFacts) -> f64 {
    let parse = |d: &Option<String>| d.as_deref().and_then(day_number);
    let (ns, ne, os, oe) =
        (parse(&need.window_start), parse(&need.window_end), parse(&offer.window_start), parse(&offer.window_end));
    match (ns, ne) {
        (Some(ns), Some(ne)) if ne >= ns => {
            let start = os.map_or(ns, |os| os.max(ns));
            let end = oe.map_or(ne, |oe| oe.min(ne));
            if os.is_none() && oe.is_none() {
                return 0.5;
            }
            let overlap = (end - start + 1).max(0) as f64;
            (overlap / (ne - ns + 1) as f64).clamp(0.0, 1.0)
        }
        _ => match (ne, os, oe, ns) {
            // Only one end known on each side: do they exclude each other?
            (Some(ne), Some(os), _, _) if os > ne => 0.0,
            (_, _, Some(oe), Some(ns)) if oe < ns => 0.0,
            _ => 0.5,
        },
    }
}

fn status_value(village: Option<DevelopmentStatus>, preferred: Option<DevelopmentStatus>) -> f64 {
    let rank = |s: DevelopmentStatus| DevelopmentStatus::ALL.iter().position(|x| *x == s).unwrap_or(0) as f64;
    match (village, preferred) {
        (Some(v), Some(p)) => (1.0 - 0.25 * (rank(v) - rank(p)).abs()).max(0.0),
        _ => 0.5,
    }
}

/// The ring bonus's value: how close the village lies to the offering company's site.
fn ring_value(need: &NeedFacts, offer: &OfferFacts) -> f64 {
    match need.rings.iter().find(|(organisation, _)| *organisation == offer.organisation_id) {
        Some((_, Ring::Ring1)) => 1.0,
        Some((_, Ring::Ring2)) => 0.5,
        None => 0.0,
    }
}

/// Checks the hard conditions; `Ok` means the pair may be suggested.
pub fn compatibility(need: &NeedFacts, offer: &OfferFacts, today: &str) -> Result<f64, Incompatible> {
    if !support_fits(need, offer) {
        return Err(Incompatible::SupportType);
    }
    let region = region_value(need, &offer.area).ok_or(Incompatible::Region)?;
    if offer.window_end.as_deref().is_some_and(|end| end < today) {
        return Err(Incompatible::WindowOver);
    }
    if offer.capacity - offer.used <= 0 {
        return Err(Incompatible::NoCapacity);
    }
    Ok(region)
}

/// Scores a pair; `text` is the similarity of their texts in [0, 1] (see [`super::text`]).
pub fn score(
    need: &NeedFacts,
    offer: &OfferFacts,
    text: f64,
    weights: &Weights,
    today: &str,
) -> Result<Score, Incompatible> {
    let region = compatibility(need, offer, today)?;
    let values = [
        (Factor::Support, 1.0),
        (Factor::Sector, if offer.sectors.contains(&need.sector) { 1.0 } else { 0.0 }),
        (Factor::Region, region),
        (Factor::Window, window_value(need, offer)),
        (Factor::Capacity, ((offer.capacity - offer.used) as f64 / offer.capacity.max(1) as f64).clamp(0.0, 1.0)),
        (Factor::Status, status_value(need.village_status, offer.preferred_status)),
        (Factor::Text, if text.is_finite() { text.clamp(0.0, 1.0) } else { 0.0 }),
    ];
    let sum = weights.sum();
    let mut factors: Vec<FactorScore> = values
        .iter()
        .map(|(factor, value)| FactorScore { factor: *factor, value: *value, weight: weights.of(*factor) })
        .collect();
    let ring = ring_value(need, offer);
    if ring > 0.0 {
        factors.push(FactorScore { factor: Factor::Ring, value: ring, weight: weights.ring });
    }
    // The ring bonus is outside the mean: it is added, not averaged in.
    let total = if sum > 0.0 { factors.iter().map(|f| f.value * f.weight).sum::<f64>() / sum } else { 0.0 };
    Ok(Score { total: total.clamp(0.0, 1.0), factors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::fixtures::offer;

    const TODAY: &str = "2026-11-28";

    fn need() -> NeedFacts {
        NeedFacts {
            support_type: SupportType::Training,
            resource_kind: None,
            sector: Sector::NatureTourism,
            regency_code: "64.02".into(),
            district_code: "64.02.07".into(),
            window_start: Some("2027-01-01".into()),
            window_end: Some("2027-03-31".into()),
            village_status: Some(DevelopmentStatus::Berkembang),
            rings: vec![],
        }
    }

    fn value(score: &Score, factor: Factor) -> f64 {
        score.factors.iter().find(|f| f.factor == factor).unwrap().value
    }

    #[test]
    fn a_good_pair_scores_high_and_explains_every_factor() {
        let s = score(&need(), &offer(), 0.6, &Weights::default(), TODAY).unwrap();
        assert_eq!(s.factors.len(), Factor::ALL.len() - 1, "no ring bonus: not listed");
        assert_eq!(value(&s, Factor::Support), 1.0);
        assert_eq!(value(&s, Factor::Sector), 1.0);
        assert_eq!(value(&s, Factor::Region), 0.85);
        assert_eq!(value(&s, Factor::Window), 1.0);
        assert_eq!(value(&s, Factor::Capacity), 1.0);
        assert_eq!(value(&s, Factor::Status), 1.0);
        assert!((s.total - (0.2 + 0.2 + 0.15 * 0.85 + 0.1 + 0.1 + 0.1 + 0.15 * 0.6)).abs() < 1e-9, "{}", s.total);
    }

    #[test]
    fn incompatible_pairs_have_no_score() {
        let other_support = OfferFacts { support_type: SupportType::ResourceAccess, ..offer() };
        assert_eq!(score(&need(), &other_support, 1.0, &Weights::default(), TODAY), Err(Incompatible::SupportType));
        let elsewhere = OfferFacts { area: ServedArea { regencies: vec!["64.03".into()], ..offer().area }, ..offer() };
        assert_eq!(score(&need(), &elsewhere, 1.0, &Weights::default(), TODAY), Err(Incompatible::Region));
        let over = OfferFacts { window_end: Some("2026-11-27".into()), ..offer() };
        assert_eq!(score(&need(), &over, 1.0, &Weights::default(), TODAY), Err(Incompatible::WindowOver));
        let full = OfferFacts { used: 10, ..offer() };
        assert_eq!(score(&need(), &full, 1.0, &Weights::default(), TODAY), Err(Incompatible::NoCapacity));
    }

    #[test]
    fn resource_kinds_must_agree_when_both_are_given() {
        let funding = NeedFacts {
            support_type: SupportType::ResourceAccess,
            resource_kind: Some(ResourceKind::Funding),
            ..need()
        };
        let equipment = OfferFacts {
            support_type: SupportType::ResourceAccess,
            resource_kind: Some(ResourceKind::Equipment),
            ..offer()
        };
        assert_eq!(score(&funding, &equipment, 0.0, &Weights::default(), TODAY), Err(Incompatible::SupportType));
        let any_kind = OfferFacts { resource_kind: None, ..equipment };
        assert!(score(&funding, &any_kind, 0.0, &Weights::default(), TODAY).is_ok());
    }

    #[test]
    fn the_region_is_worth_more_the_closer_it_is_named() {
        let district = ServedArea { whole_province: false, regencies: vec![], districts: vec!["64.02.07".into()] };
        let province = ServedArea { whole_province: true, regencies: vec![], districts: vec![] };
        assert_eq!(region_value(&need(), &district), Some(1.0));
        assert_eq!(region_value(&need(), &offer().area), Some(0.85));
        assert_eq!(region_value(&need(), &province), Some(0.7));
    }

    #[test]
    fn windows_overlap_in_part_or_not_at_all() {
        let half = OfferFacts { window_start: Some("2027-02-15".into()), ..offer() };
        let v = window_value(&need(), &half);
        assert!((v - 45.0 / 90.0).abs() < 0.02, "{v}");
        let later = OfferFacts { window_start: Some("2027-06-01".into()), ..offer() };
        assert_eq!(window_value(&need(), &later), 0.0);
        let open = OfferFacts { window_start: None, window_end: None, ..offer() };
        assert_eq!(window_value(&need(), &open), 0.5);
        let no_need_window = NeedFacts { window_start: None, window_end: None, ..need() };
        assert_eq!(window_value(&no_need_window, &offer()), 0.5);
    }

    #[test]
    fn capacity_and_status_scale() {
        let busy = OfferFacts { used: 7, ..offer() };
        let s = score(&need(), &busy, 0.0, &Weights::default(), TODAY).unwrap();
        assert!((value(&s, Factor::Capacity) - 0.3).abs() < 1e-9);
        assert_eq!(status_value(Some(DevelopmentStatus::Maju), Some(DevelopmentStatus::Berkembang)), 0.75);
        assert_eq!(status_value(Some(DevelopmentStatus::Mandiri), Some(DevelopmentStatus::SangatTertinggal)), 0.0);
        assert_eq!(status_value(None, Some(DevelopmentStatus::Berkembang)), 0.5);
    }

    #[test]
    fn ties_and_odd_inputs_stay_in_range() {
        let a = score(&need(), &offer(), 0.3, &Weights::default(), TODAY).unwrap();
        let b = score(&need(), &offer(), 0.3, &Weights::default(), TODAY).unwrap();
        assert_eq!(a.total, b.total, "same inputs, same score");
        for text in [f64::NAN, -1.0, 7.0, f64::INFINITY] {
            let s = score(&need(), &offer(), text, &Weights::default(), TODAY).unwrap();
            assert!((0.0..=1.0).contains(&s.total), "{text}: {}", s.total);
        }
        let zero = Weights {
            support: 0.0,
            sector: 0.0,
            region: 0.0,
            window: 0.0,
            capacity: 0.0,
            status: 0.0,
            text: 0.0,
            ring: 1.0,
        };
        assert!(!zero.is_valid(), "the ring bonus alone is no score");
        assert_eq!(score(&need(), &offer(), 0.5, &zero, TODAY).unwrap().total, 0.0);
        assert!(Weights::default().is_valid());
        assert!((Weights::default().sum() - 1.0).abs() < 1e-9, "the defaults add up to one");
    }

    #[test]
    fn a_company_s_own_ring_villages_get_a_bonus_and_nobody_else_loses() {
        let plain = score(&need(), &offer(), 0.4, &Weights::default(), TODAY).unwrap();
        let in_ring = |ring| NeedFacts { rings: vec![(3, Ring::Ring1), (7, ring)], ..need() };
        let ring_1 = score(&in_ring(Ring::Ring1), &offer(), 0.4, &Weights::default(), TODAY).unwrap();
        let ring_2 = score(&in_ring(Ring::Ring2), &offer(), 0.4, &Weights::default(), TODAY).unwrap();
        assert!((ring_2.total - plain.total - 0.05).abs() < 1e-9, "{} {}", ring_2.total, plain.total);
        assert!(ring_1.total > ring_2.total);
        assert_eq!(value(&ring_1, Factor::Ring), 1.0);
        assert_eq!(value(&ring_2, Factor::Ring), 0.5);
        let other_company = NeedFacts { rings: vec![(3, Ring::Ring1)], ..need() };
        assert_eq!(score(&other_company, &offer(), 0.4, &Weights::default(), TODAY).unwrap(), plain);
        let perfect = score(&in_ring(Ring::Ring1), &offer(), 1.0, &Weights::default(), TODAY).unwrap();
        assert_eq!(perfect.total, 1.0, "at most one");
        let old: Weights = serde_json::from_str(
            r#"{"support":0.2,"sector":0.2,"region":0.15,"window":0.1,"capacity":0.1,"status":0.1,"text":0.15}"#,
        )
        .unwrap();
        assert_eq!(old, Weights::default(), "weights saved before the bonus take its default");
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number("2000-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(60));
        assert_eq!(day_number("2027-01-01").unwrap() - day_number("2026-12-31").unwrap(), 1);
        assert_eq!(day_number("bukan"), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn sector() -> impl Strategy<Value = Sector> {
            (0..Sector::ALL.len()).prop_map(|i| Sector::ALL[i])
        }

        fn status() -> impl Strategy<Value = Option<DevelopmentStatus>> {
            proptest::option::of((0..DevelopmentStatus::ALL.len()).prop_map(|i| DevelopmentStatus::ALL[i]))
        }

        fn date() -> impl Strategy<Value = Option<String>> {
            proptest::option::of((2026u32..2029, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")))
        }

        fn weights() -> impl Strategy<Value = Weights> {
            proptest::collection::vec(0.0f64..=1.0, 8).prop_map(|w| Weights {
                support: w[0],
                sector: w[1],
                region: w[2],
                window: w[3],
                capacity: w[4],
                status: w[5],
                text: w[6],
                ring: w[7],
            })
        }

        prop_compose! {
            fn pair()(need_sector in sector(), sectors in proptest::collection::vec(sector(), 0..4),
                      village in status(), preferred in status(),
                      ns in date(), ne in date(), os in date(), oe in date(),
                      capacity in 1i64..50, used in 0i64..50, province in any::<bool>())
                      -> (NeedFacts, OfferFacts) {
                let need = NeedFacts { sector: need_sector, village_status: village, window_start: ns, window_end: ne, ..need() };
                let area = ServedArea { whole_province: province, ..offer().area };
                let offer = OfferFacts { sectors, preferred_status: preferred, window_start: os, window_end: oe,
                                         capacity, used, area, ..offer() };
                (need, offer)
            }
        }

        proptest! {
            #[test]
            fn the_score_stays_in_the_unit_interval((need, offer) in pair(), text in -2.0f64..2.0, weights in weights()) {
                if let Ok(s) = score(&need, &offer, text, &weights, TODAY) {
                    prop_assert!((0.0..=1.0).contains(&s.total));
                    for f in &s.factors {
                        prop_assert!((0.0..=1.0).contains(&f.value));
                    }
                }
            }

            #[test]
            fn sharing_a_sector_never_lowers_the_score((need, offer) in pair(), text in 0.0f64..1.0, weights in weights()) {
                let mut shared = offer.clone();
                if !shared.sectors.contains(&need.sector) {
                    shared.sectors.push(need.sector);
                }
                match (score(&need, &offer, text, &weights, TODAY), score(&need, &shared, text, &weights, TODAY)) {
                    (Ok(before), Ok(after)) => prop_assert!(after.total >= before.total - 1e-12),
                    (before, after) => prop_assert_eq!(before.is_ok(), after.is_ok()),
                }
            }
        }
    }
}
