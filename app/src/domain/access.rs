//! Who may see, edit and moderate what: the access rules of needs, offers and matches, in
//! one place and without I/O. Server functions decide with these; their SQL then repeats
//! the owner or the jurisdiction in its `where` clause (see `ssr::repo::postings::Guard`).

use super::account::{CurrentUser, Role, Scope};
use super::lifecycle::{PostingAction, PostingStatus};
use super::offer::ServedArea;
use super::posting::PostingKind;

/// Who owns a posting, with what decides who moderates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A need: its village (Kemendagri code) and the regency the village lies in.
    Village { code: String, regency_code: String },
    /// An offer: its organisation, whether that is verified, and the area the offer serves.
    Organisation { id: i64, verified: bool, area: ServedArea },
}

impl Owner {
    pub fn kind(&self) -> PostingKind {
        match self {
            Owner::Village { .. } => PostingKind::Need,
            Owner::Organisation { .. } => PostingKind::Offer,
        }
    }

    /// The staff who moderate what this owner posts.
    pub fn moderators(&self) -> Moderators {
        match self {
            Owner::Village { regency_code, .. } => Moderators::Regency(regency_code.clone()),
            Owner::Organisation { area, .. } => Moderators::of_area(area),
        }
    }
}

/// Whose moderation queue holds a posting: province staff moderate everything; regency
/// staff the needs of their regency's villages and the offers that serve their regency alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moderators {
    /// The staff of this regency (and province staff).
    Regency(String),
    /// Province staff only.
    Province,
}

impl Moderators {
    /// An offer serving only districts and the whole of one regency is that regency's; any
    /// wider area (two regencies, the whole province) is the province's.
    pub fn of_area(area: &ServedArea) -> Moderators {
        let touched = area.regencies_touched();
        match touched.iter().next() {
            Some(regency) if !area.whole_province && touched.len() == 1 => Moderators::Regency(regency.clone()),
            _ => Moderators::Province,
        }
    }

    /// Moderators of both: the same regency's staff, or else province staff.
    pub fn and(self, other: Moderators) -> Moderators {
        if self == other {
            self
        } else {
            Moderators::Province
        }
    }

    /// Is this user among them?
    pub fn include(&self, user: &CurrentUser) -> bool {
        if !user.role.is_staff() {
            return false;
        }
        match self {
            Moderators::Regency(code) => user.scope.covers_regency(code),
            Moderators::Province => user.role.is_province_staff(),
        }
    }
}

/// A posting as access decisions see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostingFacts {
    pub status: PostingStatus,
    pub owner: Owner,
    /// It was published once (an expired posting that was never public stays private).
    pub was_published: bool,
}

impl PostingFacts {
    pub fn kind(&self) -> PostingKind {
        self.owner.kind()
    }

    /// Visitors see it: published (or later), and for an offer its organisation verified.
    pub fn is_public(&self) -> bool {
        self.status.is_public() && self.owner_is_public()
    }

    /// Visitors may read it: public, or expired after publication (kept as a record).
    pub fn is_readable(&self) -> bool {
        let record = self.status == PostingStatus::Expired && self.was_published;
        (self.status.is_public() || record) && self.owner_is_public()
    }

    fn owner_is_public(&self) -> bool {
        match &self.owner {
            Owner::Village { .. } => true,
            Owner::Organisation { verified, .. } => *verified,
        }
    }
}

/// The village's own operators, or the organisation's members.
pub fn is_owner(user: &CurrentUser, owner: &Owner) -> bool {
    match (owner, &user.scope) {
        (Owner::Village { code, .. }, Scope::Village { code: own, .. }) => {
            user.role == Role::VillageOperator && code == own
        }
        (Owner::Organisation { id, .. }, Scope::Organisation { id: own, .. }) => {
            user.role == Role::PartnerMember && id == own
        }
        _ => false,
    }
}

/// Staff whose jurisdiction covers the posting.
pub fn may_moderate(caller: Option<&CurrentUser>, posting: &PostingFacts) -> bool {
    caller.is_some_and(|user| posting.owner.moderators().include(user))
}

/// Its owners and its moderators: they see it in every state, with its reasons and revisions.
pub fn is_insider(caller: Option<&CurrentUser>, posting: &PostingFacts) -> bool {
    caller.is_some_and(|user| is_owner(user, &posting.owner)) || may_moderate(caller, posting)
}

pub fn may_see(caller: Option<&CurrentUser>, posting: &PostingFacts) -> bool {
    posting.is_readable() || is_insider(caller, posting)
}

/// Owners change drafts and returned postings in place, and published ones through a revision.
pub fn may_edit(caller: Option<&CurrentUser>, posting: &PostingFacts) -> bool {
    caller.is_some_and(|user| is_owner(user, &posting.owner)) && posting.status.is_editable()
}

/// Who takes a lifecycle action: its owners submit and withdraw, its moderators approve,
/// return and reject; owners also say that it was fulfilled. Nobody takes the others by hand
/// (expiry is the system's, matching and reopening follow a cooperation).
pub fn may_take(caller: Option<&CurrentUser>, posting: &PostingFacts, action: PostingAction) -> bool {
    use PostingAction as A;
    match action {
        A::Submit | A::Withdraw | A::Fulfil => caller.is_some_and(|user| is_owner(user, &posting.owner)),
        A::Approve | A::Return | A::Reject => may_moderate(caller, posting),
        A::Expire | A::Match | A::Reopen => false,
    }
}

/// A match as access decisions see it: the need's village and regency, the organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchFacts {
    pub village_code: String,
    pub regency_code: String,
    pub organisation_id: i64,
}

impl MatchFacts {
    pub fn is_village_side(&self, user: &CurrentUser) -> bool {
        matches!(&user.scope, Scope::Village { code, .. } if *code == self.village_code)
    }

    pub fn is_partner_side(&self, user: &CurrentUser) -> bool {
        matches!(&user.scope, Scope::Organisation { id, .. } if *id == self.organisation_id)
    }

    /// One of the two sides.
    pub fn is_side(&self, user: &CurrentUser) -> bool {
        self.is_village_side(user) || self.is_partner_side(user)
    }

    /// Staff of the need's regency (province staff always): they introduce or decline.
    pub fn is_staff_of(&self, user: &CurrentUser) -> bool {
        Moderators::Regency(self.regency_code.clone()).include(user)
    }

    /// The two sides and the staff; nobody else learns that the match exists.
    pub fn may_see(&self, user: &CurrentUser) -> bool {
        self.is_side(user) || self.is_staff_of(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::organisation::OrganisationStatus;
    use PostingStatus as S;

    const VILLAGE: &str = "64.02.07.2001";

    fn user(role: Role, scope: Scope) -> CurrentUser {
        CurrentUser { user_id: 1, email: "a@b.id".into(), display_name: "A".into(), role, scope }
    }

    fn organisation(id: i64, status: OrganisationStatus) -> Scope {
        Scope::Organisation { id, name: "Org".into(), status }
    }

    /// How a caller stands to the posting of each kind in [`posting`].
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Stands {
        Owner,
        Moderator,
        Stranger,
    }

    /// Every kind of caller, and how each stands to the need of village `64.02.07.2001`
    /// (Kutai Kartanegara) and to the offer of organisation 5 serving only Kutai Kartanegara.
    fn callers() -> Vec<(&'static str, Option<CurrentUser>, Stands, Stands)> {
        use Stands::*;
        let village = |code: &str, regency: &str| Scope::Village {
            code: code.into(),
            name: "Desa".into(),
            regency_code: regency.into(),
        };
        let regency = |code: &str| Scope::Regency { code: code.into(), name: "Kab".into() };
        vec![
            ("visitor", None, Stranger, Stranger),
            ("operator of the village", Some(user(Role::VillageOperator, village(VILLAGE, "64.02"))), Owner, Stranger),
            (
                "operator of another village of the regency",
                Some(user(Role::VillageOperator, village("64.02.07.2002", "64.02"))),
                Stranger,
                Stranger,
            ),
            (
                "member of the organisation",
                Some(user(Role::PartnerMember, organisation(5, OrganisationStatus::Verified))),
                Stranger,
                Owner,
            ),
            (
                "member of another organisation",
                Some(user(Role::PartnerMember, organisation(6, OrganisationStatus::Verified))),
                Stranger,
                Stranger,
            ),
            ("staff of the regency", Some(user(Role::RegencyStaff, regency("64.02"))), Moderator, Moderator),
            ("staff of another regency", Some(user(Role::RegencyStaff, regency("64.03"))), Stranger, Stranger),
            ("province staff", Some(user(Role::ProvinceStaff, Scope::Province)), Moderator, Moderator),
            ("administrator", Some(user(Role::Admin, Scope::Province)), Moderator, Moderator),
        ]
    }

    fn posting(kind: PostingKind, status: PostingStatus, verified: bool) -> PostingFacts {
        let owner = match kind {
            PostingKind::Need => Owner::Village { code: VILLAGE.into(), regency_code: "64.02".into() },
            PostingKind::Offer => Owner::Organisation {
                id: 5,
                verified,
                area: ServedArea { whole_province: false, regencies: vec!["64.02".into()], districts: vec![] },
            },
        };
        PostingFacts { status, owner, was_published: true }
    }

    /// Every caller × kind × status: what each rule answers follows from how the caller
    /// stands to the posting, and from the status (public ones, editable ones).
    #[test]
    fn every_role_kind_and_status() {
        for (who, caller, to_need, to_offer) in callers() {
            for kind in PostingKind::ALL {
                let stands = if kind == PostingKind::Need { to_need } else { to_offer };
                for &status in S::ALL {
                    let p = posting(kind, status, true);
                    let c = caller.as_ref();
                    let public = matches!(status, S::Published | S::Matched | S::Fulfilled);
                    let readable = public || status == S::Expired;
                    let editable = matches!(status, S::Draft | S::Returned | S::Published);
                    let case = format!("{who}, {kind:?}, {status:?}");
                    assert_eq!(p.is_public(), public, "{case}: public");
                    assert_eq!(is_insider(c, &p), stands != Stands::Stranger, "{case}: insider");
                    assert_eq!(p.is_readable(), readable, "{case}: readable");
                    assert_eq!(may_see(c, &p), readable || stands != Stands::Stranger, "{case}: see");
                    assert_eq!(may_edit(c, &p), stands == Stands::Owner && editable, "{case}: edit");
                    assert_eq!(may_moderate(c, &p), stands == Stands::Moderator, "{case}: moderate");
                    for action in [PostingAction::Submit, PostingAction::Withdraw, PostingAction::Fulfil] {
                        assert_eq!(may_take(c, &p, action), stands == Stands::Owner, "{case}: {action:?}");
                    }
                    for action in [PostingAction::Approve, PostingAction::Return, PostingAction::Reject] {
                        assert_eq!(may_take(c, &p, action), stands == Stands::Moderator, "{case}: {action:?}");
                    }
                    for action in [PostingAction::Expire, PostingAction::Match] {
                        assert!(!may_take(c, &p, action), "{case}: {action:?} is nobody's");
                    }
                }
            }
        }
    }

    #[test]
    fn an_expired_posting_is_a_public_record_only_if_it_was_published() {
        let mut need = posting(PostingKind::Need, S::Expired, true);
        assert!(need.is_readable() && !need.is_public() && may_see(None, &need));
        need.was_published = false;
        assert!(!need.is_readable() && !may_see(None, &need), "an expired draft stays private");
        let offer = posting(PostingKind::Offer, S::Expired, false);
        assert!(!offer.is_readable(), "an unverified partner's offer stays private");
    }

    #[test]
    fn an_unverified_partners_offer_stays_with_its_insiders() {
        let offer = posting(PostingKind::Offer, S::Published, false);
        assert!(!offer.is_public());
        assert!(!may_see(None, &offer));
        let member = user(Role::PartnerMember, organisation(5, OrganisationStatus::Pending));
        assert!(may_see(Some(&member), &offer) && may_edit(Some(&member), &offer));
        let province = user(Role::ProvinceStaff, Scope::Province);
        assert!(may_see(Some(&province), &offer));
    }

    #[test]
    fn offers_beyond_one_regency_are_the_provinces() {
        let area = |province: bool, regencies: &[&str], districts: &[&str]| ServedArea {
            whole_province: province,
            regencies: regencies.iter().map(|r| r.to_string()).collect(),
            districts: districts.iter().map(|d| d.to_string()).collect(),
        };
        assert_eq!(Moderators::of_area(&area(false, &["64.02"], &["64.02.07"])), Moderators::Regency("64.02".into()));
        assert_eq!(Moderators::of_area(&area(false, &[], &["64.03.01"])), Moderators::Regency("64.03".into()));
        assert_eq!(Moderators::of_area(&area(false, &["64.02"], &["64.03.01"])), Moderators::Province);
        assert_eq!(Moderators::of_area(&area(true, &[], &[])), Moderators::Province);
        assert_eq!(Moderators::of_area(&area(false, &[], &[])), Moderators::Province);
        let kukar = Moderators::Regency("64.02".into());
        assert_eq!(kukar.clone().and(kukar.clone()), kukar);
        assert_eq!(kukar.and(Moderators::Regency("64.03".into())), Moderators::Province);
        let staff = user(Role::RegencyStaff, Scope::Regency { code: "64.02".into(), name: "Kab".into() });
        assert!(!Moderators::Province.include(&staff));
        let operator = user(Role::VillageOperator, Scope::Province);
        assert!(!Moderators::Province.include(&operator), "only staff moderate");
    }

    #[test]
    fn a_match_is_for_its_two_sides_and_the_regencys_staff() {
        let m = MatchFacts { village_code: VILLAGE.into(), regency_code: "64.02".into(), organisation_id: 5 };
        for (who, caller, to_need, to_offer) in callers() {
            let Some(caller) = caller else { continue };
            let side = to_need == Stands::Owner || to_offer == Stands::Owner;
            let staff = to_need == Stands::Moderator;
            assert_eq!(m.is_side(&caller), side, "{who}: side");
            assert_eq!(m.is_staff_of(&caller), staff, "{who}: staff");
            assert_eq!(m.may_see(&caller), side || staff, "{who}: see");
        }
    }
}
