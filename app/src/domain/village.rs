//! A village profile as its operator writes it: potentials, development status, population
//! and a private contact person.

use super::offer;
use super::posting::{DevelopmentStatus, Sector};
use super::validation::{self as v, Checker, Email, FieldError, Problem};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The index a development status comes from: IDM until 2024, Indeks Desa from 2025.
    StatusIndexKind {
        Idm => "idm",
        IndeksDesa => "indeks_desa",
    }
);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageProfileInput {
    #[serde(default)]
    pub description: String,
    /// Potentials, as sectors.
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub development_status: String,
    #[serde(default)]
    pub status_year: String,
    #[serde(default)]
    pub status_index_kind: String,
    /// The index value (IDM 0–1, Indeks Desa 0–100), `,` or `.` as decimal mark.
    #[serde(default)]
    pub status_index_value: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidVillageProfile {
    pub description: Option<String>,
    pub sectors: Vec<Sector>,
    pub development_status: Option<DevelopmentStatus>,
    pub status_year: Option<i64>,
    pub status_index_kind: Option<StatusIndexKind>,
    pub status_index_value: Option<f64>,
    pub population: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
}

/// A decimal in `0..=max` with at most four decimals, `.` or `,` as the decimal mark.
fn index_value(value: &str, max: f64) -> Result<f64, Problem> {
    let value = value.trim().replace(',', ".");
    let shape_ok = !value.is_empty()
        && value.chars().all(|c| c.is_ascii_digit() || c == '.')
        && value.matches('.').count() <= 1
        && value.split('.').nth(1).is_none_or(|d| d.len() <= 4);
    let number: f64 =
        if shape_ok { value.parse().map_err(|_| Problem::InvalidNumber)? } else { return Err(Problem::InvalidNumber) };
    if (0.0..=max).contains(&number) {
        Ok(number)
    } else {
        Err(Problem::OutOfRange { min: 0, max: max as i64 })
    }
}

impl VillageProfileInput {
    /// `this_year` bounds the status year.
    pub fn validate(&self, this_year: i64) -> Result<ValidVillageProfile, Vec<FieldError>> {
        let mut checker = Checker::default();
        let description = checker.check("description", v::optional(&self.description, |d| v::long_text(d, 20, 4000)));
        let sectors = checker.check(
            "sectors",
            if self.sectors.iter().all(|s| s.trim().is_empty()) {
                Ok(Vec::new())
            } else {
                offer::sectors(&self.sectors)
            },
        );
        let development_status = checker.check(
            "development_status",
            v::optional(&self.development_status, |s| v::choice(s, DevelopmentStatus::parse)),
        );
        let status_year =
            checker.check("status_year", v::optional(&self.status_year, |y| v::whole_number(y, 2015, this_year)));
        let status_index_kind = checker
            .check("status_index_kind", v::optional(&self.status_index_kind, |k| v::choice(k, StatusIndexKind::parse)));
        let max = if status_index_kind == Some(Some(StatusIndexKind::Idm)) { 1.0 } else { 100.0 };
        let status_index_value =
            checker.check("status_index_value", v::optional(&self.status_index_value, |n| index_value(n, max)));
        let population =
            checker.check("population", v::optional(&self.population, |n| v::whole_number(n, 0, 1_000_000)));
        let contact_name = checker.check("contact_name", v::optional(&self.contact_name, v::display_name));
        let contact_phone = checker.check("contact_phone", v::optional(&self.contact_phone, v::phone));
        let contact_email = checker.check(
            "contact_email",
            v::optional(&self.contact_email, |e| Email::parse(e).map(|e| e.as_str().to_owned())),
        );
        checker.finish()?;
        Ok(ValidVillageProfile {
            description: description.expect("checked"),
            sectors: sectors.expect("checked"),
            development_status: development_status.expect("checked"),
            status_year: status_year.expect("checked"),
            status_index_kind: status_index_kind.expect("checked"),
            status_index_value: status_index_value.expect("checked"),
            population: population.expect("checked"),
            contact_name: contact_name.expect("checked"),
            contact_phone: contact_phone.expect("checked"),
            contact_email: contact_email.expect("checked"),
        })
    }

    pub fn fields(&self) -> Vec<(String, String)> {
        [
            ("description", self.description.clone()),
            ("sectors", self.sectors.join(",")),
            ("development_status", self.development_status.clone()),
            ("status_year", self.status_year.clone()),
            ("status_index_kind", self.status_index_kind.clone()),
            ("status_index_value", self.status_index_value.clone()),
            ("population", self.population.clone()),
            ("contact_name", self.contact_name.clone()),
            ("contact_phone", self.contact_phone.clone()),
            ("contact_email", self.contact_email.clone()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_is_valid() {
        let valid = VillageProfileInput::default().validate(2026).unwrap();
        assert!(valid.sectors.is_empty() && valid.development_status.is_none() && valid.population.is_none());
    }

    #[test]
    fn the_status_index_depends_on_its_kind() {
        let idm = VillageProfileInput {
            development_status: "berkembang".into(),
            status_year: "2024".into(),
            status_index_kind: "idm".into(),
            status_index_value: "0,6712".into(),
            population: "1.250".into(),
            ..VillageProfileInput::default()
        };
        let valid = idm.validate(2026).unwrap();
        assert_eq!(valid.status_index_value, Some(0.6712));
        assert_eq!(valid.population, Some(1250));
        let too_high = VillageProfileInput { status_index_value: "67.12".into(), ..idm.clone() };
        assert!(too_high.validate(2026).is_err());
        let indeks_desa = VillageProfileInput { status_index_kind: "indeks_desa".into(), ..too_high };
        assert_eq!(indeks_desa.validate(2026).unwrap().status_index_value, Some(67.12));
    }

    #[test]
    fn bad_fields_are_reported() {
        let bad = VillageProfileInput {
            description: "<script>".into(),
            sectors: vec!["gold".into()],
            development_status: "kaya".into(),
            status_year: "2030".into(),
            status_index_kind: "hdi".into(),
            status_index_value: "-1".into(),
            population: "-3".into(),
            contact_name: "x".into(),
            contact_phone: "abc".into(),
            contact_email: "no".into(),
        };
        let fields: Vec<String> = bad.validate(2026).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "description",
                "sectors",
                "development_status",
                "status_year",
                "status_index_kind",
                "status_index_value",
                "population",
                "contact_name",
                "contact_phone",
                "contact_email"
            ]
        );
    }
}
