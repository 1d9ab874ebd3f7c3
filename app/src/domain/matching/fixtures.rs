//! Test fixtures the matching modules share.

use super::score::OfferFacts;
use crate::domain::offer::ServedArea;
use crate::domain::posting::{DevelopmentStatus, Sector, SupportType};

/// A training offer for nature tourism in Kutai Kartanegara (64.02) during 2027, ten places.
pub fn offer() -> OfferFacts {
    OfferFacts {
        organisation_id: 7,
        support_type: SupportType::Training,
        resource_kind: None,
        sectors: vec![Sector::NatureTourism],
        area: ServedArea { whole_province: false, regencies: vec!["64.02".into()], districts: vec![] },
        window_start: Some("2027-01-01".into()),
        window_end: Some("2027-12-31".into()),
        capacity: 10,
        used: 0,
        preferred_status: Some(DevelopmentStatus::Berkembang),
        cohort: false,
    }
}
