//! Partner organisations: their kinds and verification lifecycle.

use super::lifecycle::TransitionError;
use super::offer::{self, ServedArea};
use super::posting::Sector;
use super::validation::{self as v, Checker, Email, FieldError};
use serde::{Deserialize, Serialize};

vocabulary!(
    OrganisationKind {
        /// A company running CSR (TJSL) or community development (PPM) programmes.
        Company => "company",
        University => "university",
        Ngo => "ngo",
        Donor => "donor",
        /// State (BUMN) or regional (BUMD) enterprise.
        StateEnterprise => "state_enterprise",
        Other => "other",
    }
);

vocabulary!(
    OrganisationStatus {
        Pending => "pending",
        Verified => "verified",
        Rejected => "rejected",
        Suspended => "suspended",
    }
);

/// What province staff can decide about an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrganisationDecision {
    Verify,
    Reject,
    Suspend,
    /// Lift a suspension.
    Reinstate,
}

impl OrganisationStatus {
    /// `pending → verified | rejected`, `verified → suspended`, `suspended → verified`.
    pub fn apply(self, decision: OrganisationDecision) -> Result<Self, TransitionError> {
        use OrganisationDecision as D;
        use OrganisationStatus as S;
        match (self, decision) {
            (S::Pending, D::Verify) | (S::Suspended, D::Reinstate) => Ok(S::Verified),
            (S::Pending, D::Reject) => Ok(S::Rejected),
            (S::Verified, D::Suspend) => Ok(S::Suspended),
            _ => Err(TransitionError { from: self.as_str(), action: format!("{decision:?}") }),
        }
    }

    /// Offers and interest of an organisation wait until it is verified.
    pub fn may_act_publicly(self) -> bool {
        self == OrganisationStatus::Verified
    }
}

/// The organisation profile form, as typed. The contact is private: only the members,
/// staff and (later) introduced villages see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub whole_province: String,
    #[serde(default)]
    pub regencies: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub description: Option<String>,
    pub website: Option<String>,
    pub sectors: Vec<Sector>,
    pub area: ServedArea,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
}

impl OrganisationInput {
    pub fn validate(&self, known: &dyn Fn(&str) -> bool) -> Result<ValidOrganisation, Vec<FieldError>> {
        let mut checker = Checker::default();
        let name = checker.check("name", v::organisation_name(&self.name));
        let kind = checker.check("kind", v::choice(&self.kind, OrganisationKind::parse));
        let description = checker.check("description", v::optional(&self.description, |d| v::long_text(d, 20, 2000)));
        let website = checker.check("website", v::optional(&self.website, v::website));
        let sectors = checker.check("sectors", offer::sectors(&self.sectors));
        let area =
            checker.check("regions", ServedArea::parse(&self.whole_province, &self.regencies, &self.districts, known));
        let contact_name = checker.check("contact_name", v::optional(&self.contact_name, v::display_name));
        let contact_phone = checker.check("contact_phone", v::optional(&self.contact_phone, v::phone));
        let contact_email = checker.check(
            "contact_email",
            v::optional(&self.contact_email, |e| Email::parse(e).map(|e| e.as_str().to_owned())),
        );
        checker.finish()?;
        Ok(ValidOrganisation {
            name: name.expect("checked"),
            kind: kind.expect("checked"),
            description: description.expect("checked"),
            website: website.expect("checked"),
            sectors: sectors.expect("checked"),
            area: area.expect("checked"),
            contact_name: contact_name.expect("checked"),
            contact_phone: contact_phone.expect("checked"),
            contact_email: contact_email.expect("checked"),
        })
    }

    pub fn fields(&self) -> Vec<(String, String)> {
        [
            ("name", self.name.clone()),
            ("kind", self.kind.clone()),
            ("description", self.description.clone()),
            ("website", self.website.clone()),
            ("sectors", self.sectors.join(",")),
            ("whole_province", self.whole_province.clone()),
            ("regencies", self.regencies.join(",")),
            ("districts", self.districts.join(",")),
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
    use OrganisationDecision as D;
    use OrganisationStatus as S;

    #[test]
    fn names_round_trip() {
        for &kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
        }
        for &status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        assert_eq!(OrganisationKind::parse("bank"), None);
    }

    #[test]
    fn a_profile_is_checked_field_by_field() {
        use crate::domain::validation::Problem;
        let known = |code: &str| code == "64.02";
        let good = OrganisationInput {
            name: "Universitas Mulawarman".into(),
            kind: "university".into(),
            website: "https://unmul.ac.id".into(),
            sectors: vec!["education".into()],
            regencies: vec!["64.02".into()],
            contact_phone: "0541-123456".into(),
            contact_email: "KKN@Unmul.ac.id".into(),
            ..OrganisationInput::default()
        };
        let valid = good.validate(&known).unwrap();
        assert_eq!(valid.contact_email.as_deref(), Some("kkn@unmul.ac.id"));
        let bad = OrganisationInput {
            name: "U".into(),
            kind: "bank".into(),
            website: "unmul".into(),
            sectors: vec![],
            regencies: vec![],
            contact_phone: "call me".into(),
            contact_email: "kkn@".into(),
            ..good
        };
        let problems: Vec<(String, Problem)> =
            bad.validate(&known).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                ("name".to_owned(), Problem::TooShort { min: 3 }),
                ("kind".to_owned(), Problem::InvalidChoice),
                ("website".to_owned(), Problem::InvalidUrl),
                ("sectors".to_owned(), Problem::Required),
                ("regions".to_owned(), Problem::Required),
                ("contact_phone".to_owned(), Problem::InvalidPhone),
                ("contact_email".to_owned(), Problem::EmailInvalid),
            ]
        );
    }

    #[test]
    fn every_transition_is_allowed_or_refused_as_documented() {
        let decisions = [D::Verify, D::Reject, D::Suspend, D::Reinstate];
        let allowed = [
            (S::Pending, D::Verify, S::Verified),
            (S::Pending, D::Reject, S::Rejected),
            (S::Verified, D::Suspend, S::Suspended),
            (S::Suspended, D::Reinstate, S::Verified),
        ];
        for &from in S::ALL {
            for decision in decisions {
                let expected = allowed.iter().find(|(f, d, _)| *f == from && *d == decision).map(|t| t.2);
                match expected {
                    Some(to) => assert_eq!(from.apply(decision), Ok(to)),
                    None => assert!(from.apply(decision).is_err(), "{from:?} {decision:?}"),
                }
            }
        }
    }

    #[test]
    fn only_verified_organisations_act_publicly() {
        assert!(S::Verified.may_act_publicly());
        assert!(!S::Pending.may_act_publicly());
        assert!(!S::Suspended.may_act_publicly());
    }
}
