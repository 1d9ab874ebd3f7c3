//! An offer (*penawaran*) as a partner writes it, and the area a partner serves (shared
//! with the organisation profile): the form's raw text and its checks.

use super::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use super::region::{RegionCode, RegionLevel};
use super::validation::{self as v, Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The fields of the offer form, exactly as sent. Lists come from checkboxes and a
/// multiple select (`offer[sectors][]`), absent when nothing is ticked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferInput {
    pub title: String,
    pub description: String,
    pub support_type: String,
    #[serde(default)]
    pub resource_kind: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    /// `"1"` when the whole province is served.
    #[serde(default)]
    pub whole_province: String,
    /// Regency codes (`64.02`).
    #[serde(default)]
    pub regencies: Vec<String>,
    /// District codes (`64.02.01`).
    #[serde(default)]
    pub districts: Vec<String>,
    /// How many villages it can serve.
    pub capacity: String,
    #[serde(default)]
    pub window_start: String,
    #[serde(default)]
    pub window_end: String,
    #[serde(default)]
    pub value_idr: String,
    #[serde(default)]
    pub preferred_status: String,
    /// `"1"` for a cohort: each place is one group (KKN students, volunteers) placed in one village.
    #[serde(default)]
    pub cohort: String,
    /// How many people each group of a cohort has (optional).
    #[serde(default)]
    pub group_size: String,
}

/// Where a partner or an offer works: the whole province, or regencies and districts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedArea {
    pub whole_province: bool,
    pub regencies: Vec<String>,
    /// Districts outside the chosen regencies (a district of a chosen regency adds nothing).
    pub districts: Vec<String>,
}

impl ServedArea {
    /// Does the area include a village of this regency and district?
    pub fn covers(&self, regency_code: &str, district_code: &str) -> bool {
        self.whole_province
            || self.regencies.iter().any(|r| r == regency_code)
            || self.districts.iter().any(|d| d == district_code)
    }

    /// The regencies the area touches (wholly or through a district).
    pub fn regencies_touched(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self.regencies.iter().cloned().collect();
        for district in &self.districts {
            if let Some((regency, _)) = district.rsplit_once('.') {
                out.insert(regency.to_owned());
            }
        }
        out
    }

    /// Checks the three inputs of an area: codes well formed and known (`known` answers
    /// for the registry), and something chosen. The problem is reported on `regions`.
    pub fn parse(
        whole_province: &str,
        regencies: &[String],
        districts: &[String],
        known: &dyn Fn(&str) -> bool,
    ) -> Result<ServedArea, Problem> {
        let whole_province = matches!(whole_province.trim(), "1" | "true" | "on");
        let codes = |list: &[String], level: RegionLevel| -> Result<BTreeSet<String>, Problem> {
            if list.len() > 200 {
                return Err(Problem::TooLong { max: 200 });
            }
            list.iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| match RegionCode::parse(c) {
                    Some(code) if code.level() == level && known(code.as_str()) => Ok(code.as_str().to_owned()),
                    _ => Err(Problem::InvalidChoice),
                })
                .collect()
        };
        let regencies = codes(regencies, RegionLevel::Regency)?;
        let districts = codes(districts, RegionLevel::District)?;
        if whole_province {
            return Ok(ServedArea { whole_province, regencies: Vec::new(), districts: Vec::new() });
        }
        let districts: Vec<String> = districts
            .into_iter()
            .filter(|d| d.rsplit_once('.').is_none_or(|(regency, _)| !regencies.contains(regency)))
            .collect();
        if regencies.is_empty() && districts.is_empty() {
            return Err(Problem::Required);
        }
        Ok(ServedArea { whole_province, regencies: regencies.into_iter().collect(), districts })
    }
}

/// A non-empty set of sectors from the vocabulary, in vocabulary order.
pub fn sectors(values: &[String]) -> Result<Vec<Sector>, Problem> {
    let mut chosen = BTreeSet::new();
    for value in values.iter().filter(|s| !s.trim().is_empty()) {
        let sector = Sector::parse(value.trim()).ok_or(Problem::InvalidChoice)?;
        chosen.insert(Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0));
    }
    if chosen.is_empty() {
        return Err(Problem::Required);
    }
    Ok(chosen.into_iter().map(|i| Sector::ALL[i]).collect())
}

/// A checked offer, ready to store (also the content of a pending revision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidOffer {
    pub title: String,
    pub description: String,
    pub support_type: SupportType,
    pub resource_kind: Option<ResourceKind>,
    pub sectors: Vec<Sector>,
    pub area: ServedArea,
    pub capacity: i64,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
    pub preferred_status: Option<DevelopmentStatus>,
    /// Each place is one group placed in one village (capacity: the placements).
    pub cohort: bool,
    /// People per group of a cohort.
    pub group_size: Option<i64>,
}

impl OfferInput {
    pub const TITLE: (usize, usize) = (10, 120);
    pub const DESCRIPTION: (usize, usize) = (30, 4000);
    /// The province has about a thousand villages and kelurahan.
    pub const CAPACITY_MAX: i64 = 1_100;
    pub const VALUE_MAX: i64 = 1_000_000_000_000;
    pub const GROUP_SIZE_MAX: i64 = 100;

    /// Every field's problem at once. `today` bounds the end of the window; `known`
    /// says whether a regency or district code is in the registry.
    pub fn validate(&self, today: &str, known: &dyn Fn(&str) -> bool) -> Result<ValidOffer, Vec<FieldError>> {
        let mut checker = Checker::default();
        let title = checker.check("title", v::plain_text(&self.title, Self::TITLE.0, Self::TITLE.1));
        let description =
            checker.check("description", v::long_text(&self.description, Self::DESCRIPTION.0, Self::DESCRIPTION.1));
        let support_type = checker.check("support_type", v::choice(&self.support_type, SupportType::parse));
        let resource_kind = checker.check(
            "resource_kind",
            match support_type {
                Some(SupportType::ResourceAccess) => v::choice(&self.resource_kind, ResourceKind::parse).map(Some),
                _ => Ok(None),
            },
        );
        let sectors = checker.check("sectors", sectors(&self.sectors));
        let area =
            checker.check("regions", ServedArea::parse(&self.whole_province, &self.regencies, &self.districts, known));
        let capacity = checker.check("capacity", v::whole_number(&self.capacity, 1, Self::CAPACITY_MAX));
        let window_start = checker.check("window_start", v::optional(&self.window_start, v::date));
        let window_end = checker.check(
            "window_end",
            v::optional(&self.window_end, v::date).and_then(|end| match (&end, window_start.as_ref()) {
                (Some(end), Some(Some(start))) if end < start => Err(Problem::EndBeforeStart),
                (Some(end), _) if end.as_str() < today => Err(Problem::DateInPast),
                _ => Ok(end),
            }),
        );
        let value_idr =
            checker.check("value_idr", v::optional(&self.value_idr, |n| v::whole_number(n, 0, Self::VALUE_MAX)));
        let preferred_status = checker
            .check("preferred_status", v::optional(&self.preferred_status, |s| v::choice(s, DevelopmentStatus::parse)));
        let cohort = matches!(self.cohort.trim(), "1" | "true" | "on");
        let group_size = checker.check(
            "group_size",
            match cohort {
                true => v::optional(&self.group_size, |n| v::whole_number(n, 1, Self::GROUP_SIZE_MAX)),
                false => Ok(None),
            },
        );
        checker.finish()?;
        Ok(ValidOffer {
            title: title.expect("checked"),
            description: description.expect("checked"),
            support_type: support_type.expect("checked"),
            resource_kind: resource_kind.expect("checked"),
            sectors: sectors.expect("checked"),
            area: area.expect("checked"),
            capacity: capacity.expect("checked"),
            window_start: window_start.expect("checked"),
            window_end: window_end.expect("checked"),
            value_idr: value_idr.expect("checked"),
            preferred_status: preferred_status.expect("checked"),
            cohort,
            group_size: group_size.expect("checked"),
        })
    }

    /// The form fields by name, to echo them with a validation error (lists joined by commas).
    pub fn fields(&self) -> Vec<(String, String)> {
        [
            ("title", self.title.clone()),
            ("description", self.description.clone()),
            ("support_type", self.support_type.clone()),
            ("resource_kind", self.resource_kind.clone()),
            ("sectors", self.sectors.join(",")),
            ("whole_province", self.whole_province.clone()),
            ("regencies", self.regencies.join(",")),
            ("districts", self.districts.join(",")),
            ("capacity", self.capacity.clone()),
            ("window_start", self.window_start.clone()),
            ("window_end", self.window_end.clone()),
            ("value_idr", self.value_idr.clone()),
            ("preferred_status", self.preferred_status.clone()),
            ("cohort", self.cohort.clone()),
            ("group_size", self.group_size.clone()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
    }
}

impl ValidOffer {
    /// Back to form text, to edit it.
    pub fn to_input(&self) -> OfferInput {
        OfferInput {
            title: self.title.clone(),
            description: self.description.clone(),
            support_type: self.support_type.as_str().to_owned(),
            resource_kind: self.resource_kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            sectors: self.sectors.iter().map(|s| s.as_str().to_owned()).collect(),
            whole_province: if self.area.whole_province { "1".to_owned() } else { String::new() },
            regencies: self.area.regencies.clone(),
            districts: self.area.districts.clone(),
            capacity: self.capacity.to_string(),
            window_start: self.window_start.clone().unwrap_or_default(),
            window_end: self.window_end.clone().unwrap_or_default(),
            value_idr: self.value_idr.map(|v| v.to_string()).unwrap_or_default(),
            preferred_status: self.preferred_status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
            cohort: if self.cohort { "1".to_owned() } else { String::new() },
            group_size: self.group_size.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-11-28";

    fn known(code: &str) -> bool {
        ["64.02", "64.03", "64.02.01", "64.03.05"].contains(&code)
    }

    fn input() -> OfferInput {
        OfferInput {
            title: "Program KKN Tematik Desa Wisata".into(),
            description: "Mahasiswa KKN mendampingi desa menyusun paket wisata dan promosi digital selama 45 hari."
                .into(),
            support_type: "technical_assistance".into(),
            sectors: vec!["nature_tourism".into(), "digital_services".into()],
            regencies: vec!["64.02".into()],
            capacity: "12".into(),
            window_start: "2027-01-10".into(),
            window_end: "2027-02-25".into(),
            preferred_status: "berkembang".into(),
            ..OfferInput::default()
        }
    }

    fn problems(input: &OfferInput) -> Vec<(String, Problem)> {
        input.validate(TODAY, &known).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_complete_offer_is_valid_and_round_trips() {
        let valid = input().validate(TODAY, &known).unwrap();
        assert_eq!(valid.sectors, [Sector::NatureTourism, Sector::DigitalServices]);
        assert_eq!(valid.capacity, 12);
        assert_eq!(valid.preferred_status, Some(DevelopmentStatus::Berkembang));
        assert_eq!(valid.to_input().validate(TODAY, &known).unwrap(), valid);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let offer = OfferInput {
            title: "<b>x</b>".into(),
            description: String::new(),
            support_type: "cash".into(),
            sectors: vec!["mining".into()],
            regencies: vec!["64.99".into()],
            capacity: "0".into(),
            window_start: "2027-13-01".into(),
            window_end: "2026-01-01".into(),
            value_idr: "-5".into(),
            preferred_status: "kaya".into(),
            ..OfferInput::default()
        };
        assert_eq!(
            problems(&offer),
            [
                ("title".to_owned(), Problem::InvalidCharacters),
                ("description".to_owned(), Problem::Required),
                ("support_type".to_owned(), Problem::InvalidChoice),
                ("sectors".to_owned(), Problem::InvalidChoice),
                ("regions".to_owned(), Problem::InvalidChoice),
                ("capacity".to_owned(), Problem::OutOfRange { min: 1, max: OfferInput::CAPACITY_MAX }),
                ("window_start".to_owned(), Problem::InvalidDate),
                ("window_end".to_owned(), Problem::DateInPast),
                ("value_idr".to_owned(), Problem::OutOfRange { min: 0, max: OfferInput::VALUE_MAX }),
                ("preferred_status".to_owned(), Problem::InvalidChoice),
            ]
        );
    }

    #[test]
    fn a_cohort_counts_its_placements_and_may_name_its_groups_size() {
        let kkn = OfferInput { cohort: "1".into(), group_size: "8".into(), ..input() };
        let valid = kkn.validate(TODAY, &known).unwrap();
        assert!(valid.cohort);
        assert_eq!((valid.capacity, valid.group_size), (12, Some(8)));
        assert_eq!(valid.to_input().validate(TODAY, &known).unwrap(), valid);
        let too_big = OfferInput { group_size: "500".into(), ..kkn.clone() };
        assert_eq!(problems(&too_big), [("group_size".to_owned(), Problem::OutOfRange { min: 1, max: 100 })]);
        let plain = OfferInput { group_size: "8".into(), ..input() }.validate(TODAY, &known).unwrap();
        assert_eq!((plain.cohort, plain.group_size), (false, None), "only a cohort has groups");
    }

    #[test]
    fn sectors_and_regions_are_required() {
        let offer = OfferInput { sectors: vec![], regencies: vec![], capacity: String::new(), ..input() };
        assert_eq!(
            problems(&offer),
            [
                ("sectors".to_owned(), Problem::Required),
                ("regions".to_owned(), Problem::Required),
                ("capacity".to_owned(), Problem::InvalidNumber),
            ]
        );
    }

    #[test]
    fn sectors_are_deduplicated_in_vocabulary_order() {
        let list = vec!["health".into(), "agriculture".into(), "health".into(), " ".into()];
        assert_eq!(sectors(&list).unwrap(), [Sector::Agriculture, Sector::Health]);
    }

    #[test]
    fn the_area_drops_what_a_wider_choice_covers() {
        let area = ServedArea::parse("", &["64.02".into()], &["64.02.01".into(), "64.03.05".into()], &known).unwrap();
        assert_eq!(area.regencies, ["64.02"]);
        assert_eq!(area.districts, ["64.03.05"]);
        assert!(area.covers("64.02", "64.02.07"));
        assert!(area.covers("64.03", "64.03.05"));
        assert!(!area.covers("64.03", "64.03.01"));
        assert_eq!(area.regencies_touched().into_iter().collect::<Vec<_>>(), ["64.02", "64.03"]);

        let province = ServedArea::parse("1", &["64.02".into()], &[], &known).unwrap();
        assert!(province.whole_province && province.regencies.is_empty());
        assert!(province.covers("64.09", "64.09.01"));
    }

    #[test]
    fn region_codes_must_have_the_right_level() {
        // A district code among the regencies, a village code, SQL-looking text.
        for bad in ["64.02.01", "64.02.01.2001", "64.02' or 1=1", "64"] {
            assert_eq!(ServedArea::parse("", &[bad.into()], &[], &known), Err(Problem::InvalidChoice), "{bad}");
        }
    }
}
