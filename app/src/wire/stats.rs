//! Figures.

use serde::{Deserialize, Serialize};

/// The headline figures of the home page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineFigures {
    pub regencies: i64,
    pub districts: i64,
    pub desa: i64,
    pub kelurahan: i64,
    pub verified_partners: i64,
    pub published_needs: i64,
    pub published_offers: i64,
}

/// The figures of `/statistik` and `/api/v1/statistics` for one view (its filters):
/// aggregates only, nothing private.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    pub totals: Totals,
    /// How many needs got at least as far as each step, in order.
    pub funnel: Vec<FunnelCount>,
    /// How long steps take: the median days and how many were measured.
    pub leads: Vec<LeadTime>,
    /// By regency (or, for one regency, by district).
    pub areas: Vec<AreaFigures>,
    /// `regency` or `district`: what `areas` are.
    pub area_level: String,
    pub sectors: Vec<KeyFigures>,
    pub support_types: Vec<KeyFigures>,
    /// By the villages' development status (`key` empty: not recorded).
    pub village_statuses: Vec<VillageStatusFigures>,
    /// Needs posted and cooperations signed per period (`2026`, `2026-Q1` or `2026-03`).
    pub over_time: Vec<PeriodFigures>,
    /// The partners that served the most villages (signed cooperations), at most ten.
    pub partners: Vec<PartnerFigures>,
    pub capacity: Capacity,
    /// For staff, within their jurisdiction: the moderation backlog and its outcomes.
    pub moderation: Option<ModerationFigures>,
    /// What the map shows: every regency (whichever is chosen) and the villages of the view.
    pub map: MapFigures,
}

/// The map's figures: each regency's (by the view's sector and year, whichever regency is
/// chosen), and the villages with at least one need in the view, with their state.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapFigures {
    pub regencies: Vec<AreaFigures>,
    pub villages: Vec<MapVillage>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapVillage {
    pub code: String,
    pub name: String,
    /// `cooperation` (one signed), `open` (a need open to partners) or `other`.
    pub state: String,
}

/// The outlines a map is drawn with: an SVG drawing `width` × `height` units, each
/// regency's path and each village's point in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapOutlines {
    pub width: i64,
    pub height: i64,
    pub regencies: Vec<RegionOutline>,
    pub villages: Vec<VillagePoint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOutline {
    pub code: String,
    /// SVG path data.
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillagePoint {
    pub code: String,
    pub x: i64,
    pub y: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Needs sent to moderation (drafts never sent are not counted).
    pub needs: i64,
    /// Needs published and still open to partners.
    pub open_needs: i64,
    /// Offers published (open or taken up).
    pub offers: i64,
    /// Matches in which staff introduced the two sides.
    pub introductions: i64,
    /// Cooperations signed (or later).
    pub cooperations: i64,
    pub completed: i64,
    /// Beneficiaries reached by completed cooperations.
    pub beneficiaries: i64,
    /// The value of signed cooperations, in rupiah.
    pub value_idr: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelCount {
    /// `posted`, `published`, `interest`, `introduced`, `signed` or `completed`.
    pub step: String,
    pub needs: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadTime {
    /// `submitted_to_published`, `published_to_interest` or `introduced_to_signed`.
    pub lead: String,
    /// The median in days (none measured: `null`).
    pub median_days: Option<f64>,
    pub measured: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaFigures {
    pub code: String,
    pub name: String,
    pub needs: i64,
    pub open_needs: i64,
    pub introductions: i64,
    pub cooperations: i64,
    /// Desa and kelurahan in the area.
    pub villages: i64,
    /// Of those, the ones with at least one signed cooperation.
    pub villages_served: i64,
}

/// Figures by a closed vocabulary (a sector, a support type).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFigures {
    pub key: String,
    pub needs: i64,
    pub offers: i64,
    pub cooperations: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageStatusFigures {
    /// `mandiri`, `maju`, `berkembang`, `tertinggal`, `sangat_tertinggal`, or empty.
    pub key: String,
    pub villages: i64,
    pub needs: i64,
    /// Villages without any signed cooperation.
    pub never_served: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFigures {
    pub period: String,
    pub needs: i64,
    pub cooperations: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerFigures {
    pub organisation_id: i64,
    pub name: String,
    pub villages: i64,
    pub cooperations: i64,
}

/// How much of the published offers' capacity (villages they can serve) signed
/// cooperations took.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub offers: i64,
    pub capacity: i64,
    pub used: i64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationFigures {
    /// Needs (and, for province staff, offers) waiting for a decision.
    pub waiting: i64,
    /// Days the oldest of them has waited.
    pub oldest_days: Option<i64>,
    /// Of the needs decided, how many were returned for revision and how many rejected.
    pub decided: i64,
    pub returned: i64,
    pub rejected: i64,
}
