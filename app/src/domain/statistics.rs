//! Statistics of the programme (`/statistik`, `/api/v1/statistics`): the filters as they
//! appear in the URL, the steps of the funnel from a posted need to a completed
//! cooperation, the periods figures are grouped by, and the median of the days a step took.

use super::posting::Sector;
use super::region::{RegionCode, RegionLevel};
use super::search::optional;
use super::validation::{day_number, Checker, FieldError};
use serde::{Deserialize, Serialize};

/// The filters of `/statistik`, named as in its URL so that a link opens the same view.
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatisticsQuery {
    /// Regency or city code of the villages counted, e.g. `64.02`.
    #[serde(default)]
    pub kabupaten: String,
    /// Sector of the needs counted, e.g. `nature_tourism`.
    #[serde(default)]
    pub sektor: String,
    /// Only what happened in this year (a need posted, a cooperation signed), e.g. `2026`.
    #[serde(default)]
    pub tahun: String,
    /// How the figures over time are grouped: `month`, `quarter` or `year` (the default).
    #[serde(default)]
    pub periode: String,
    /// What the map shades its regencies by: `open_needs` (the default), `cooperations` or
    /// `never_served` (villages never served).
    #[serde(default)]
    pub peta: String,
}

vocabulary!(
    /// The figure by which the map shades each regency.
    MapFigure {
        /// Needs published and still open.
        OpenNeeds => "open_needs",
        /// Cooperations signed (or later).
        Cooperations => "cooperations",
        /// Villages with no cooperation signed.
        NeverServed => "never_served",
    }
);

vocabulary!(
    /// The state of a village on the map (villages with at least one need in the view).
    VillageState {
        /// A cooperation was signed for one of its needs.
        Cooperation => "cooperation",
        /// It has a need open to partners, and no cooperation yet.
        Open => "open",
        /// Its needs are waiting, returned or closed: none open, no cooperation.
        Other => "other",
    }
);

vocabulary!(
    /// How figures over time are grouped.
    Period {
        Month => "month",
        Quarter => "quarter",
        Year => "year",
    }
);

impl Period {
    /// The period a date or timestamp (`2026-03-15…`) falls in: `2026-03`, `2026-Q1` or
    /// `2026`, in an order that sorts as time does.
    pub fn bucket(self, date: &str) -> Option<String> {
        let year = date.get(0..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
        let month: u32 = date.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(match self {
            Period::Month => format!("{year}-{month:02}"),
            Period::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
            Period::Year => year.to_owned(),
        })
    }
}

/// A checked statistics query.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ValidStatisticsQuery {
    pub regency: Option<String>,
    pub sector: Option<Sector>,
    pub year: Option<i64>,
    pub period: Period,
    pub map_figure: MapFigure,
}

impl StatisticsQuery {
    pub fn validate(&self) -> Result<ValidStatisticsQuery, Vec<FieldError>> {
        let mut c = Checker::default();
        let regency = c.check(
            "kabupaten",
            optional(&self.kabupaten, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::Regency).map(|c| c.as_str().to_owned())
            }),
        );
        let sector = c.check("sektor", optional(&self.sektor, Sector::parse));
        let year =
            c.check("tahun", optional(&self.tahun, |v| v.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y))));
        let period = c.check("periode", optional(&self.periode, Period::parse));
        let map_figure = c.check("peta", optional(&self.peta, MapFigure::parse));
        c.finish()?;
        Ok(ValidStatisticsQuery {
            regency: regency.flatten(),
            sector: sector.flatten(),
            year: year.flatten(),
            period: period.flatten().unwrap_or(Period::Year),
            map_figure: map_figure.flatten().unwrap_or(MapFigure::OpenNeeds),
        })
    }

    /// The URL query of this view (`?kabupaten=64.02&periode=month`), empty for none.
    pub fn query_string(&self) -> String {
        let pairs = [
            ("kabupaten", self.kabupaten.as_str()),
            ("sektor", self.sektor.as_str()),
            ("tahun", self.tahun.as_str()),
            ("periode", self.periode.as_str()),
            ("peta", self.peta.as_str()),
        ];
        super::search::query_string(&pairs, 1)
    }
}

vocabulary!(
    /// The steps from a need to its outcome, in order: each counts the needs that got
    /// at least that far.
    FunnelStep {
        /// Sent to moderation.
        Posted => "posted",
        /// Approved and shown to partners.
        Published => "published",
        /// A partner said it is interested (or the village asked a partner).
        Interest => "interest",
        /// Staff introduced the two sides.
        Introduced => "introduced",
        /// A cooperation was signed.
        Signed => "signed",
        /// The cooperation was completed.
        Completed => "completed",
    }
);

vocabulary!(
    /// The steps whose duration is measured (median days).
    Lead {
        /// From sending a need to moderation to its publication.
        SubmittedToPublished => "submitted_to_published",
        /// From publication to the first partner's interest.
        PublishedToInterest => "published_to_interest",
        /// From the introduction to the signing of the cooperation.
        IntroducedToSigned => "introduced_to_signed",
    }
);

/// Whole days from one date or timestamp to another (`None` if either is unreadable or the
/// second comes first).
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let days = day_number(to)? - day_number(from)?;
    (days >= 0).then_some(days)
}

/// The median of values given with how often each occurs (`(days, count)`, as grouped by
/// the database): the middle one, or the mean of the two middle ones for an even total;
/// `None` for none.
pub fn median(counted: &mut [(i64, i64)]) -> Option<f64> {
    counted.sort_unstable();
    let total: i64 = counted.iter().map(|(_, n)| (*n).max(0)).sum();
    if total == 0 {
        return None;
    }
    // The values at 0-based ranks (total - 1) / 2 and total / 2.
    let at = |rank: i64| {
        let mut seen = 0;
        counted.iter().find(|(_, n)| {
            seen += (*n).max(0);
            seen > rank
        })
    };
    let (low, high) = (at((total - 1) / 2)?.0, at(total / 2)?.0);
    Some((low + high) as f64 / 2.0)
}

/// `part` as a whole percentage of `whole` (0 when `whole` is 0), for shares and the
/// funnel's conversion from one step to the next.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_and_kept_in_the_url() {
        let query = StatisticsQuery {
            kabupaten: "64.02".into(),
            sektor: "nature_tourism".into(),
            tahun: "2026".into(),
            periode: "quarter".into(),
            peta: "never_served".into(),
        };
        let valid = query.validate().unwrap();
        assert_eq!(valid.regency.as_deref(), Some("64.02"));
        assert_eq!((valid.year, valid.period, valid.map_figure), (Some(2026), Period::Quarter, MapFigure::NeverServed));
        assert_eq!(
            query.query_string(),
            "?kabupaten=64.02&sektor=nature_tourism&tahun=2026&periode=quarter&peta=never_served"
        );
        let default = StatisticsQuery::default().validate().unwrap();
        assert_eq!(default.period, Period::Year, "by year unless asked");
        assert_eq!(default.map_figure, MapFigure::OpenNeeds, "the map shows open needs unless asked");
        assert_eq!(StatisticsQuery::default().query_string(), "");
        let bad = StatisticsQuery {
            kabupaten: "64.02.07".into(),
            sektor: "x".into(),
            tahun: "26".into(),
            periode: "week".into(),
            peta: "roads".into(),
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kabupaten", "sektor", "tahun", "periode", "peta"]);
    }

    #[test]
    fn periods_group_dates_in_the_order_of_time() {
        let at = "2026-11-28T15:53:25.123Z";
        assert_eq!(Period::Month.bucket(at).as_deref(), Some("2026-11"));
        assert_eq!(Period::Quarter.bucket(at).as_deref(), Some("2026-Q4"));
        assert_eq!(Period::Quarter.bucket("2026-01-01").as_deref(), Some("2026-Q1"));
        assert_eq!(Period::Quarter.bucket("2026-03-31").as_deref(), Some("2026-Q1"));
        assert_eq!(Period::Quarter.bucket("2026-04-01").as_deref(), Some("2026-Q2"));
        assert_eq!(Period::Year.bucket("2025-07-01").as_deref(), Some("2025"));
        assert_eq!(Period::Month.bucket("2026-13-01"), None);
        assert_eq!(Period::Year.bucket("kemarin"), None);
    }

    #[test]
    fn medians_durations_and_shares() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [(9, 1), (1, 1), (5, 1)]), Some(5.0));
        assert_eq!(median(&mut [(4, 1), (1, 1), (3, 1), (2, 1)]), Some(2.5));
        assert_eq!(median(&mut [(10, 1), (2, 3)]), Some(2.0), "counted: 2, 2, 2, 10");
        assert_eq!(median(&mut [(10, 2), (2, 2)]), Some(6.0), "counted: 2, 2, 10, 10");
        assert_eq!(median(&mut [(7, 0)]), None);
        assert_eq!(days_between("2026-01-30T23:00:00.000Z", "2026-02-02T01:00:00.000Z"), Some(3));
        assert_eq!(days_between("2026-02-02", "2026-01-30"), None, "a date before its start is not a duration");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(FunnelStep::ALL.first(), Some(&FunnelStep::Posted));
        assert_eq!(FunnelStep::ALL.last(), Some(&FunnelStep::Completed));
    }
}
