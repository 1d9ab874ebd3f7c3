//! Roles, scopes and the signed-in user as both sides see it.

use serde::{Deserialize, Serialize};

vocabulary!(
    /// What a signed-in account is. Visitors are simply not signed in.
    Role {
        VillageOperator => "village_operator",
        PartnerMember => "partner_member",
        RegencyStaff => "regency_staff",
        ProvinceStaff => "province_staff",
        /// Province staff with the right to manage accounts, roles and settings.
        Admin => "admin",
    }
);

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::RegencyStaff | Role::ProvinceStaff | Role::Admin)
    }

    pub fn is_province_staff(self) -> bool {
        matches!(self, Role::ProvinceStaff | Role::Admin)
    }
}

/// The part of the region registry (or the organisation) an account acts for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// A village operator: one village, by its Kemendagri code.
    Village { code: String, name: String, regency_code: String },
    /// Regency staff: one regency or city.
    Regency { code: String, name: String },
    /// A partner member: one organisation.
    Organisation { id: i64, name: String, status: super::organisation::OrganisationStatus },
    /// Province staff and administrators: the whole province.
    Province,
}

impl Scope {
    /// Does this scope cover a village of the given regency?
    pub fn covers_regency(&self, regency_code: &str) -> bool {
        match self {
            Scope::Province => true,
            Scope::Regency { code, .. } => code == regency_code,
            Scope::Village { regency_code: own, .. } => own == regency_code,
            Scope::Organisation { .. } => false,
        }
    }
}

/// The signed-in user, as the interface shows it. Carries nothing secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
}

/// Who calls a server function: nobody, or a signed-in user.
pub type Caller = Option<CurrentUser>;

/// What a server function demands of its caller before it does anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    SignedIn,
    /// Regency staff, province staff or administrators.
    Staff,
    ProvinceStaff,
    Admin,
    PartnerMember,
    VillageOperator,
}

/// Why a caller does not meet a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotSignedIn,
    Forbidden,
}

impl Requirement {
    pub fn check(self, caller: Option<&CurrentUser>) -> Result<(), Refusal> {
        let user = caller.ok_or(Refusal::NotSignedIn)?;
        let allowed = match self {
            Requirement::SignedIn => true,
            Requirement::Staff => user.role.is_staff(),
            Requirement::ProvinceStaff => user.role.is_province_staff(),
            Requirement::Admin => user.role == Role::Admin,
            Requirement::PartnerMember => user.role == Role::PartnerMember,
            Requirement::VillageOperator => user.role == Role::VillageOperator,
        };
        if allowed {
            Ok(())
        } else {
            Err(Refusal::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::organisation::OrganisationStatus;

    fn user(role: Role, scope: Scope) -> CurrentUser {
        CurrentUser { user_id: 1, email: "a@b.id".into(), display_name: "A".into(), role, scope }
    }

    #[test]
    fn role_round_trips_through_its_stored_name() {
        for &role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("visitor"), None);
        assert_eq!(Role::parse("ADMIN"), None);
    }

    #[test]
    fn staff_requirements() {
        let regency =
            user(Role::RegencyStaff, Scope::Regency { code: "64.02".into(), name: "Kutai Kartanegara".into() });
        let province = user(Role::ProvinceStaff, Scope::Province);
        let admin = user(Role::Admin, Scope::Province);
        let partner = user(
            Role::PartnerMember,
            Scope::Organisation { id: 1, name: "X".into(), status: OrganisationStatus::Pending },
        );
        assert_eq!(Requirement::Staff.check(None), Err(Refusal::NotSignedIn));
        assert_eq!(Requirement::Staff.check(Some(&partner)), Err(Refusal::Forbidden));
        assert!(Requirement::Staff.check(Some(&regency)).is_ok());
        assert_eq!(Requirement::ProvinceStaff.check(Some(&regency)), Err(Refusal::Forbidden));
        assert!(Requirement::ProvinceStaff.check(Some(&province)).is_ok());
        assert!(Requirement::ProvinceStaff.check(Some(&admin)).is_ok());
        assert_eq!(Requirement::Admin.check(Some(&province)), Err(Refusal::Forbidden));
        assert!(Requirement::Admin.check(Some(&admin)).is_ok());
        assert!(Requirement::PartnerMember.check(Some(&partner)).is_ok());
        assert_eq!(Requirement::VillageOperator.check(Some(&partner)), Err(Refusal::Forbidden));
    }

    #[test]
    fn scope_coverage_follows_the_registry() {
        let regency = Scope::Regency { code: "64.02".into(), name: "Kutai Kartanegara".into() };
        assert!(regency.covers_regency("64.02"));
        assert!(!regency.covers_regency("64.01"));
        assert!(Scope::Province.covers_regency("64.74"));
        let org = Scope::Organisation { id: 3, name: "X".into(), status: OrganisationStatus::Verified };
        assert!(!org.covers_regency("64.02"));
    }
}
