//! PPM / TJSL — what companies with community-development obligations report: the
//! villages of their operation areas (ring 1 around the site, ring 2 further out), who may
//! record them, and how a recorded village is confirmed.

use super::account::{CurrentUser, Role, Scope};
use super::organisation::{OrganisationKind, OrganisationStatus};
use super::region::{RegionCode, RegionLevel};
use super::validation::{Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How close a village lies to the company's operation.
    Ring {
        Ring1 => "ring_1",
        Ring2 => "ring_2",
    }
);

vocabulary!(
    /// A company's own entry waits for staff; staff's entries are confirmed at once.
    AreaStatus {
        Proposed => "proposed",
        Confirmed => "confirmed",
    }
);

/// Kinds of organisation that carry PPM / TJSL obligations.
pub fn has_obligations(kind: OrganisationKind) -> bool {
    matches!(kind, OrganisationKind::Company | OrganisationKind::StateEnterprise)
}

/// The organisation whose operation areas a partner member records: their own, once
/// verified. `None` for anyone else (staff record them through `staff`).
pub fn own_organisation(user: &CurrentUser) -> Option<i64> {
    match &user.scope {
        Scope::Organisation { id, status: OrganisationStatus::Verified, .. } if user.role == Role::PartnerMember => {
            Some(*id)
        }
        _ => None,
    }
}

/// A village entered into an operation area, as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationAreaInput {
    /// The village's Kemendagri code, e.g. `64.02.16.2001`.
    #[serde(default)]
    pub desa: String,
    /// `ring_1` or `ring_2`.
    #[serde(default)]
    pub ring: String,
}

impl OperationAreaInput {
    pub fn validate(&self) -> Result<(RegionCode, Ring), Vec<FieldError>> {
        let mut c = Checker::default();
        let village = c.check(
            "desa",
            RegionCode::parse(self.desa.trim())
                .filter(|code| code.level() == RegionLevel::Village)
                .ok_or(if self.desa.trim().is_empty() { Problem::Required } else { Problem::InvalidChoice }),
        );
        let ring = c.check(
            "ring",
            Ring::parse(&self.ring).ok_or(if self.ring.is_empty() {
                Problem::Required
            } else {
                Problem::InvalidChoice
            }),
        );
        c.finish()?;
        Ok((village.expect("checked"), ring.expect("checked")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(status: OrganisationStatus) -> CurrentUser {
        CurrentUser {
            user_id: 7,
            email: "csr@tambang.id".into(),
            display_name: "CSR".into(),
            role: Role::PartnerMember,
            scope: Scope::Organisation { id: 3, name: "PT Tambang".into(), status },
        }
    }

    #[test]
    fn verified_members_record_their_own_organisation_only() {
        assert_eq!(own_organisation(&member(OrganisationStatus::Verified)), Some(3));
        assert_eq!(own_organisation(&member(OrganisationStatus::Pending)), None);
        let staff =
            CurrentUser { role: Role::ProvinceStaff, scope: Scope::Province, ..member(OrganisationStatus::Verified) };
        assert_eq!(own_organisation(&staff), None);
        assert!(has_obligations(OrganisationKind::Company) && !has_obligations(OrganisationKind::University));
    }

    #[test]
    fn a_village_and_a_ring_are_required() {
        let good = OperationAreaInput { desa: " 64.02.16.2001 ".into(), ring: "ring_1".into() };
        let (village, ring) = good.validate().unwrap();
        assert_eq!((village.as_str(), ring), ("64.02.16.2001", Ring::Ring1));
        let bad = OperationAreaInput { desa: "64.02".into(), ring: "ring_3".into() };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["desa", "ring"]);
    }
}
