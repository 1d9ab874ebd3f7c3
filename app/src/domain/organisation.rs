//! Partner organisations: their kinds and verification lifecycle.

use super::lifecycle::TransitionError;

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
