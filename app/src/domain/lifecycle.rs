//! The lifecycles of needs and offers, matches and agreements (see PRODUCT.md).
//! Each status knows its stored name and which actions lead where; everything
//! else is refused with a [`TransitionError`].

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{action} is not allowed from status {from}")]
pub struct TransitionError {
    pub from: &'static str,
    pub action: String,
}

vocabulary!(
    /// Status of a need (*kebutuhan*) or an offer (*penawaran*).
    PostingStatus {
        Draft => "draft",
        Submitted => "submitted",
        Published => "published",
        Returned => "returned",
        Rejected => "rejected",
        Matched => "matched",
        Fulfilled => "fulfilled",
        Withdrawn => "withdrawn",
        Expired => "expired",
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostingAction {
    /// The owner sends a draft (or a returned posting) to moderation.
    Submit,
    /// Staff publish it.
    Approve,
    /// Staff send it back for revision, with a reason.
    Return,
    /// Staff refuse it, with a reason.
    Reject,
    /// An agreement was reached for it.
    Match,
    /// It was fulfilled: its cooperation completed, or its owner says so.
    Fulfil,
    /// The only cooperation that took it up ended early: it is open to partners again.
    Reopen,
    /// The owner takes it back.
    Withdraw,
    /// Its time window is over.
    Expire,
}

impl PostingStatus {
    pub fn apply(self, action: PostingAction) -> Result<Self, TransitionError> {
        use PostingAction as A;
        use PostingStatus as S;
        let to = match (self, action) {
            (S::Draft | S::Returned, A::Submit) => S::Submitted,
            (S::Submitted, A::Approve) => S::Published,
            (S::Submitted, A::Return) => S::Returned,
            (S::Submitted, A::Reject) => S::Rejected,
            (S::Published, A::Match) => S::Matched,
            (S::Published | S::Matched, A::Fulfil) => S::Fulfilled,
            (S::Matched, A::Reopen) => S::Published,
            (S::Draft | S::Submitted | S::Returned | S::Published, A::Withdraw) => S::Withdrawn,
            (S::Draft | S::Submitted | S::Returned | S::Published, A::Expire) => S::Expired,
            _ => return Err(TransitionError { from: self.as_str(), action: format!("{action:?}") }),
        };
        Ok(to)
    }

    /// Visible to visitors.
    pub fn is_public(self) -> bool {
        matches!(self, PostingStatus::Published | PostingStatus::Matched | PostingStatus::Fulfilled)
    }

    /// Its time is over: kept as a record, shown greyed with its state and date, left out
    /// of searches unless asked for.
    pub fn is_closed(self) -> bool {
        matches!(self, PostingStatus::Expired | PostingStatus::Fulfilled)
    }

    /// The owner may still change the content in place (no moderation yet).
    pub fn is_editable_draft(self) -> bool {
        matches!(self, PostingStatus::Draft | PostingStatus::Returned)
    }

    /// The owner may change it: in place (draft, returned) or through a revision (published).
    pub fn is_editable(self) -> bool {
        self.is_editable_draft() || self == PostingStatus::Published
    }
}

/// What staff decide about a submitted posting or a pending revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    /// Back to the owner for changes; a reason is required.
    Return,
    /// Refused for good; a reason is required.
    Reject,
}

impl Decision {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "approve" => Some(Decision::Approve),
            "return" => Some(Decision::Return),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    /// The checked reason: required to return or reject, ignored to approve.
    pub fn reason(self, reason: &str) -> Result<Option<String>, super::validation::Problem> {
        match self {
            Decision::Approve => Ok(None),
            Decision::Return | Decision::Reject => super::validation::long_text(reason, 5, 1000).map(Some),
        }
    }

    /// The lifecycle action a decision about a submitted posting takes.
    pub fn action(self) -> PostingAction {
        match self {
            Decision::Approve => PostingAction::Approve,
            Decision::Return => PostingAction::Return,
            Decision::Reject => PostingAction::Reject,
        }
    }

    /// What a decided revision becomes.
    pub fn revision_outcome(self) -> RevisionStatus {
        match self {
            Decision::Approve => RevisionStatus::Approved,
            Decision::Return => RevisionStatus::Returned,
            Decision::Reject => RevisionStatus::Rejected,
        }
    }
}

vocabulary!(
    /// Status of a pending change to a published posting.
    RevisionStatus {
        Pending => "pending",
        /// Its content replaced the published one.
        Approved => "approved",
        /// Sent back to the owner for changes.
        Returned => "returned",
        /// Refused.
        Rejected => "rejected",
        /// Closed without a decision: the owner proposed another change, or the posting
        /// left publication (withdrawn, expired, matched).
        Withdrawn => "withdrawn",
    }
);

vocabulary!(
    /// Status of a match between a need and a partner (and possibly one of its offers).
    MatchStatus {
        Suggested => "suggested",
        Interested => "interested",
        Requested => "requested",
        Introduced => "introduced",
        Agreed => "agreed",
        Declined => "declined",
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchAction {
    /// Staff approve the introduction; contact details become visible to both sides.
    Introduce,
    /// An agreement is recorded.
    Agree,
    /// Either side or staff decline, with a reason.
    Decline,
}

impl MatchStatus {
    pub fn apply(self, action: MatchAction) -> Result<Self, TransitionError> {
        use MatchAction as A;
        use MatchStatus as S;
        let to = match (self, action) {
            (S::Suggested | S::Interested | S::Requested, A::Introduce) => S::Introduced,
            (S::Introduced, A::Agree) => S::Agreed,
            (S::Suggested | S::Interested | S::Requested | S::Introduced, A::Decline) => S::Declined,
            _ => return Err(TransitionError { from: self.as_str(), action: format!("{action:?}") }),
        };
        Ok(to)
    }

    /// A live match blocks another one for the same need and partner.
    pub fn is_live(self) -> bool {
        !matches!(self, MatchStatus::Agreed | MatchStatus::Declined)
    }

    /// Contact details of both sides are shown only from the introduction on.
    pub fn shows_contacts(self) -> bool {
        matches!(self, MatchStatus::Introduced | MatchStatus::Agreed)
    }
}

vocabulary!(
    /// Status of an agreement (*kerja sama*).
    AgreementStatus {
        Draft => "draft",
        Signed => "signed",
        Active => "active",
        Completed => "completed",
        Terminated => "terminated",
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementAction {
    Sign,
    Start,
    Complete,
    Terminate,
}

impl AgreementStatus {
    pub fn apply(self, action: AgreementAction) -> Result<Self, TransitionError> {
        use AgreementAction as A;
        use AgreementStatus as S;
        let to = match (self, action) {
            (S::Draft, A::Sign) => S::Signed,
            (S::Signed, A::Start) => S::Active,
            (S::Active, A::Complete) => S::Completed,
            (S::Signed | S::Active, A::Terminate) => S::Terminated,
            _ => return Err(TransitionError { from: self.as_str(), action: format!("{action:?}") }),
        };
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every (status, action) pair against the table of allowed ones.
    fn check_table<S, A>(
        all: &[S],
        actions: &[A],
        allowed: &[(S, A, S)],
        apply: impl Fn(S, A) -> Result<S, TransitionError>,
    ) where
        S: Copy + PartialEq + std::fmt::Debug,
        A: Copy + PartialEq + std::fmt::Debug,
    {
        for &from in all {
            for &action in actions {
                let expected = allowed.iter().find(|(f, a, _)| *f == from && *a == action).map(|t| t.2);
                match (expected, apply(from, action)) {
                    (Some(to), Ok(got)) => assert_eq!(got, to, "{from:?} --{action:?}-->"),
                    (None, Err(_)) => {}
                    (want, got) => panic!("{from:?} --{action:?}--> expected {want:?}, got {got:?}"),
                }
            }
        }
    }

    #[test]
    fn posting_lifecycle() {
        use PostingAction as A;
        use PostingStatus as S;
        let mut allowed = vec![
            (S::Draft, A::Submit, S::Submitted),
            (S::Returned, A::Submit, S::Submitted),
            (S::Submitted, A::Approve, S::Published),
            (S::Submitted, A::Return, S::Returned),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Published, A::Match, S::Matched),
            (S::Published, A::Fulfil, S::Fulfilled),
            (S::Matched, A::Fulfil, S::Fulfilled),
            (S::Matched, A::Reopen, S::Published),
        ];
        for from in [S::Draft, S::Submitted, S::Returned, S::Published] {
            allowed.push((from, A::Withdraw, S::Withdrawn));
            allowed.push((from, A::Expire, S::Expired));
        }
        let actions =
            [A::Submit, A::Approve, A::Return, A::Reject, A::Match, A::Fulfil, A::Reopen, A::Withdraw, A::Expire];
        check_table(S::ALL, &actions, &allowed, S::apply);
    }

    #[test]
    fn match_lifecycle() {
        use MatchAction as A;
        use MatchStatus as S;
        let mut allowed = vec![(S::Introduced, A::Agree, S::Agreed), (S::Introduced, A::Decline, S::Declined)];
        for from in [S::Suggested, S::Interested, S::Requested] {
            allowed.push((from, A::Introduce, S::Introduced));
            allowed.push((from, A::Decline, S::Declined));
        }
        check_table(S::ALL, &[A::Introduce, A::Agree, A::Decline], &allowed, S::apply);
        assert!(S::Introduced.is_live() && !S::Declined.is_live() && !S::Agreed.is_live());
        assert!(!S::Interested.shows_contacts() && S::Introduced.shows_contacts());
    }

    #[test]
    fn agreement_lifecycle() {
        use AgreementAction as A;
        use AgreementStatus as S;
        let allowed = [
            (S::Draft, A::Sign, S::Signed),
            (S::Signed, A::Start, S::Active),
            (S::Active, A::Complete, S::Completed),
            (S::Signed, A::Terminate, S::Terminated),
            (S::Active, A::Terminate, S::Terminated),
        ];
        check_table(S::ALL, &[A::Sign, A::Start, A::Complete, A::Terminate], &allowed, S::apply);
    }

    #[test]
    fn stored_names_round_trip() {
        for s in PostingStatus::ALL {
            assert_eq!(PostingStatus::parse(s.as_str()), Some(*s));
        }
        for s in MatchStatus::ALL {
            assert_eq!(MatchStatus::parse(s.as_str()), Some(*s));
        }
        for s in AgreementStatus::ALL {
            assert_eq!(AgreementStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(PostingStatus::parse("PUBLISHED"), None);
    }

    #[test]
    fn decisions_need_reasons_except_approval() {
        use crate::domain::validation::Problem;
        assert_eq!(Decision::parse("approve"), Some(Decision::Approve));
        assert_eq!(Decision::parse("delete"), None);
        assert_eq!(Decision::Approve.reason(""), Ok(None));
        assert_eq!(Decision::Return.reason(" "), Err(Problem::Required));
        assert_eq!(Decision::Reject.reason("Bukan wewenang desa."), Ok(Some("Bukan wewenang desa.".to_owned())));
        assert_eq!(Decision::Reject.action(), PostingAction::Reject);
        // A rejected revision is recorded as rejected, not as returned.
        assert_eq!(Decision::Reject.revision_outcome(), RevisionStatus::Rejected);
        assert_eq!(Decision::Return.revision_outcome(), RevisionStatus::Returned);
        assert_eq!(Decision::Approve.revision_outcome(), RevisionStatus::Approved);
    }

    #[test]
    fn only_moderated_postings_are_public() {
        assert!(PostingStatus::Published.is_public());
        for s in [PostingStatus::Draft, PostingStatus::Submitted, PostingStatus::Returned, PostingStatus::Rejected] {
            assert!(!s.is_public());
        }
    }
}
