//! A need (*kebutuhan*) as a village operator writes it: the form's raw text and its checks.

use super::posting::{ResourceKind, Sector, SupportType};
use super::validation::{self as v, Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The fields of the need form, exactly as typed (all text, so that a failed
/// submission can be shown again as it was).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedInput {
    pub title: String,
    pub description: String,
    pub support_type: String,
    /// Only for `resource_access`: funding, equipment or market access.
    #[serde(default)]
    pub resource_kind: String,
    pub sector: String,
    #[serde(default)]
    pub beneficiaries: String,
    #[serde(default)]
    pub window_start: String,
    #[serde(default)]
    pub window_end: String,
    /// Estimated value in rupiah, optional.
    #[serde(default)]
    pub value_idr: String,
}

/// A checked need, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidNeed {
    pub title: String,
    pub description: String,
    pub support_type: SupportType,
    pub resource_kind: Option<ResourceKind>,
    pub sector: Sector,
    pub beneficiaries: Option<String>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub value_idr: Option<i64>,
}

impl NeedInput {
    pub const TITLE: (usize, usize) = (10, 120);
    pub const DESCRIPTION: (usize, usize) = (30, 4000);
    pub const BENEFICIARIES_MAX: usize = 200;
    /// A trillion rupiah: far above any village programme, below any overflow.
    pub const VALUE_MAX: i64 = 1_000_000_000_000;

    /// Every field's problem at once. `today` (`YYYY-MM-DD`) bounds the end of the window.
    pub fn validate(&self, today: &str) -> Result<ValidNeed, Vec<FieldError>> {
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
        let sector = checker.check("sector", v::choice(&self.sector, Sector::parse));
        let beneficiaries = checker
            .check("beneficiaries", v::optional(&self.beneficiaries, |b| v::plain_text(b, 3, Self::BENEFICIARIES_MAX)));
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
        checker.finish()?;
        Ok(ValidNeed {
            title: title.expect("checked"),
            description: description.expect("checked"),
            support_type: support_type.expect("checked"),
            resource_kind: resource_kind.expect("checked"),
            sector: sector.expect("checked"),
            beneficiaries: beneficiaries.expect("checked"),
            window_start: window_start.expect("checked"),
            window_end: window_end.expect("checked"),
            value_idr: value_idr.expect("checked"),
        })
    }
}

impl NeedInput {
    /// The form fields by name, to echo them with a validation error.
    pub fn fields(&self) -> Vec<(String, String)> {
        [
            ("title", &self.title),
            ("description", &self.description),
            ("support_type", &self.support_type),
            ("resource_kind", &self.resource_kind),
            ("sector", &self.sector),
            ("beneficiaries", &self.beneficiaries),
            ("window_start", &self.window_start),
            ("window_end", &self.window_end),
            ("value_idr", &self.value_idr),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.clone()))
        .collect()
    }
}

impl ValidNeed {
    /// Back to form text, to edit it.
    pub fn to_input(&self) -> NeedInput {
        NeedInput {
            title: self.title.clone(),
            description: self.description.clone(),
            support_type: self.support_type.as_str().to_owned(),
            resource_kind: self.resource_kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            sector: self.sector.as_str().to_owned(),
            beneficiaries: self.beneficiaries.clone().unwrap_or_default(),
            window_start: self.window_start.clone().unwrap_or_default(),
            window_end: self.window_end.clone().unwrap_or_default(),
            value_idr: self.value_idr.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NeedInput {
        NeedInput {
            title: "Pelatihan pemandu wisata air terjun".into(),
            description: "Kami membutuhkan pelatihan bagi 20 pemuda desa untuk memandu wisatawan ke air terjun.".into(),
            support_type: "training".into(),
            resource_kind: String::new(),
            sector: "nature_tourism".into(),
            beneficiaries: "20 pemuda".into(),
            window_start: "2027-01-01".into(),
            window_end: "2027-03-31".into(),
            value_idr: "15.000.000".into(),
        }
    }

    const TODAY: &str = "2026-11-28";

    fn fields(input: &NeedInput) -> Vec<(String, Problem)> {
        input.validate(TODAY).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_complete_need_is_valid_and_round_trips() {
        let valid = input().validate(TODAY).unwrap();
        assert_eq!(valid.value_idr, Some(15_000_000));
        assert_eq!(valid.resource_kind, None);
        let again = valid.to_input().validate(TODAY).unwrap();
        assert_eq!(again, valid);
    }

    #[test]
    fn optional_fields_may_be_empty() {
        let need = NeedInput {
            beneficiaries: " ".into(),
            window_start: String::new(),
            window_end: String::new(),
            value_idr: String::new(),
            ..input()
        };
        let valid = need.validate(TODAY).unwrap();
        assert_eq!((valid.beneficiaries, valid.window_end, valid.value_idr), (None, None, None));
    }

    #[test]
    fn resource_access_needs_its_kind() {
        let need = NeedInput { support_type: "resource_access".into(), ..input() };
        assert_eq!(fields(&need), [("resource_kind".to_owned(), Problem::Required)]);
        let need = NeedInput { resource_kind: "equipment".into(), ..need };
        assert_eq!(need.validate(TODAY).unwrap().resource_kind, Some(ResourceKind::Equipment));
        // Ignored for the other support types.
        let need = NeedInput { resource_kind: "nonsense".into(), ..input() };
        assert_eq!(need.validate(TODAY).unwrap().resource_kind, None);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let need = NeedInput {
            title: "<script>alert(1)</script>".into(),
            description: "pendek".into(),
            support_type: "money".into(),
            resource_kind: String::new(),
            sector: String::new(),
            beneficiaries: "x".repeat(201),
            window_start: "2027-02-30".into(),
            window_end: "kemarin".into(),
            value_idr: "-100".into(),
        };
        assert_eq!(
            fields(&need),
            [
                ("title".to_owned(), Problem::InvalidCharacters),
                ("description".to_owned(), Problem::TooShort { min: 30 }),
                ("support_type".to_owned(), Problem::InvalidChoice),
                ("sector".to_owned(), Problem::Required),
                ("beneficiaries".to_owned(), Problem::TooLong { max: 200 }),
                ("window_start".to_owned(), Problem::InvalidDate),
                ("window_end".to_owned(), Problem::InvalidDate),
                ("value_idr".to_owned(), Problem::OutOfRange { min: 0, max: NeedInput::VALUE_MAX }),
            ]
        );
    }

    #[test]
    fn the_window_must_be_ordered_and_not_over() {
        let backwards = NeedInput { window_start: "2027-03-01".into(), window_end: "2027-02-01".into(), ..input() };
        assert_eq!(fields(&backwards), [("window_end".to_owned(), Problem::EndBeforeStart)]);
        let over = NeedInput { window_start: String::new(), window_end: "2026-11-27".into(), ..input() };
        assert_eq!(fields(&over), [("window_end".to_owned(), Problem::DateInPast)]);
        let today = NeedInput { window_start: String::new(), window_end: TODAY.into(), ..input() };
        assert!(today.validate(TODAY).is_ok());
    }
}
