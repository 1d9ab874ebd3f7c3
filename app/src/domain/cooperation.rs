//! Cooperation agreements (*kerja sama*, Permendagri 96/2017): what the record of a
//! cooperation holds and when it may be signed, who settles a dispute, and when its follow-up
//! and its report are due. Pure rules; the lifecycle itself is in `lifecycle`
//! (`AgreementStatus`).

use super::lifecycle::AgreementStatus;
use super::posting::DevelopmentStatus;
use super::validation::{self as v, day_number, Checker, FieldError, Problem};

vocabulary!(
    /// Who took the initiative (Permendagri 96/2017: the village, or the third party).
    Initiative {
        Village => "village",
        ThirdParty => "third_party",
    }
);

vocabulary!(
    /// Where the activity stands in the village's annual plan (RKP Desa).
    PlanStatus {
        InPlan => "in_plan",
        NeedsAmendment => "needs_amendment",
    }
);

vocabulary!(
    /// Who pays.
    FundingSource {
        Partner => "partner",
        VillageBudget => "village_budget",
        Shared => "shared",
    }
);

vocabulary!(
    /// The eight clauses a joint agreement (*Perjanjian Bersama*) must contain.
    Clause {
        Scope => "scope",
        Field => "field",
        Procedure => "procedure",
        Duration => "duration",
        RightsObligations => "rights_obligations",
        Funding => "funding",
        Amendment => "amendment",
        Dispute => "dispute",
    }
);

impl Clause {
    /// The form field (and column) of the clause's text.
    pub fn field(self) -> &'static str {
        match self {
            Clause::Scope => "clause_scope",
            Clause::Field => "clause_field",
            Clause::Procedure => "clause_procedure",
            Clause::Duration => "clause_duration",
            Clause::RightsObligations => "clause_rights_obligations",
            Clause::Funding => "clause_funding",
            Clause::Amendment => "clause_amendment",
            Clause::Dispute => "clause_dispute",
        }
    }
}

/// The record as a form posts it (every field text; empty: not yet known).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CooperationInput {
    #[serde(default)]
    pub initiated_by: String,
    #[serde(default)]
    pub mou_number: String,
    #[serde(default)]
    pub mou_signed_on: String,
    #[serde(default)]
    pub musdes_held_on: String,
    #[serde(default)]
    pub musdes_minutes: String,
    #[serde(default)]
    pub plan_status: String,
    #[serde(default)]
    pub plan_year: String,
    #[serde(default)]
    pub kak_reference: String,
    /// The eight clauses, in [`Clause::ALL`] order.
    #[serde(default)]
    pub clauses: Vec<String>,
    #[serde(default)]
    pub village_head: String,
    #[serde(default)]
    pub partner_representative: String,
    #[serde(default)]
    pub partner_title: String,
    #[serde(default)]
    pub signed_on: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub value_idr: String,
    #[serde(default)]
    pub funding_source: String,
}

/// A checked record: what is known, each value valid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidCooperation {
    pub initiated_by: Option<Initiative>,
    pub mou_number: Option<String>,
    pub mou_signed_on: Option<String>,
    pub musdes_held_on: Option<String>,
    pub musdes_minutes: Option<String>,
    pub plan_status: Option<PlanStatus>,
    pub plan_year: Option<i64>,
    pub kak_reference: Option<String>,
    /// The eight clauses' texts, in [`Clause::ALL`] order (`None`: not written yet).
    pub clauses: Vec<Option<String>>,
    pub village_head: Option<String>,
    pub partner_representative: Option<String>,
    pub partner_title: Option<String>,
    pub signed_on: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub value_idr: Option<i64>,
    pub funding_source: Option<FundingSource>,
}

/// The longest clause text (a short text: the printable agreement holds the full wording).
pub const CLAUSE_MAX: usize = 2000;

impl CooperationInput {
    /// Checks every field that is filled in; a draft may leave any of them empty except the
    /// initiative. All problems are reported at once.
    pub fn validate(&self) -> Result<ValidCooperation, Vec<FieldError>> {
        let mut c = Checker::default();
        let reference = |value: &str| v::optional(value, |s| v::plain_text(s, 2, 100));
        let name = |value: &str| v::optional(value, |s| v::plain_text(s, 3, 120));
        let date = |value: &str| v::optional(value, v::date);
        let initiated_by = c.check("initiated_by", v::choice(&self.initiated_by, Initiative::parse));
        let mou_number = c.check("mou_number", reference(&self.mou_number));
        let mou_signed_on = c.check("mou_signed_on", date(&self.mou_signed_on));
        let musdes_held_on = c.check("musdes_held_on", date(&self.musdes_held_on));
        let musdes_minutes = c.check("musdes_minutes", reference(&self.musdes_minutes));
        let plan_status = c.check("plan_status", v::optional(&self.plan_status, |s| v::choice(s, PlanStatus::parse)));
        let plan_year = c.check("plan_year", v::optional(&self.plan_year, |s| v::whole_number(s, 2000, 2100)));
        let kak_reference = c.check("kak_reference", reference(&self.kak_reference));
        let clauses = Clause::ALL
            .iter()
            .enumerate()
            .map(|(n, clause)| {
                let text = self.clauses.get(n).map(String::as_str).unwrap_or_default();
                c.check(clause.field(), v::optional(text, |s| v::long_text(s, 10, CLAUSE_MAX))).flatten()
            })
            .collect();
        let village_head = c.check("village_head", name(&self.village_head));
        let partner_representative = c.check("partner_representative", name(&self.partner_representative));
        let partner_title = c.check("partner_title", name(&self.partner_title));
        let signed_on = c.check("signed_on", date(&self.signed_on));
        let starts_on = c.check("starts_on", date(&self.starts_on));
        let ends_on = c.check("ends_on", date(&self.ends_on));
        if let (Some(Some(start)), Some(Some(end))) = (&starts_on, &ends_on) {
            if day_number(end) < day_number(start) {
                c.check::<()>("ends_on", Err(Problem::EndBeforeStart));
            }
        }
        let value_idr =
            c.check("value_idr", v::optional(&self.value_idr, |s| v::whole_number(s, 0, 1_000_000_000_000_000)));
        let funding_source =
            c.check("funding_source", v::optional(&self.funding_source, |s| v::choice(s, FundingSource::parse)));
        c.finish()?;
        Ok(ValidCooperation {
            initiated_by,
            mou_number: mou_number.flatten(),
            mou_signed_on: mou_signed_on.flatten(),
            musdes_held_on: musdes_held_on.flatten(),
            musdes_minutes: musdes_minutes.flatten(),
            plan_status: plan_status.flatten(),
            plan_year: plan_year.flatten(),
            kak_reference: kak_reference.flatten(),
            clauses,
            village_head: village_head.flatten(),
            partner_representative: partner_representative.flatten(),
            partner_title: partner_title.flatten(),
            signed_on: signed_on.flatten(),
            starts_on: starts_on.flatten(),
            ends_on: ends_on.flatten(),
            value_idr: value_idr.flatten(),
            funding_source: funding_source.flatten(),
        })
    }
}

impl CooperationInput {
    /// The record's fields by form name, to show again what was typed after an error.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("initiated_by", &self.initiated_by),
            ("mou_number", &self.mou_number),
            ("mou_signed_on", &self.mou_signed_on),
            ("musdes_held_on", &self.musdes_held_on),
            ("musdes_minutes", &self.musdes_minutes),
            ("plan_status", &self.plan_status),
            ("plan_year", &self.plan_year),
            ("kak_reference", &self.kak_reference),
            ("village_head", &self.village_head),
            ("partner_representative", &self.partner_representative),
            ("partner_title", &self.partner_title),
            ("signed_on", &self.signed_on),
            ("starts_on", &self.starts_on),
            ("ends_on", &self.ends_on),
            ("value_idr", &self.value_idr),
            ("funding_source", &self.funding_source),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.clone()))
        .collect();
        for (clause, text) in Clause::ALL.iter().zip(&self.clauses) {
            fields.push((clause.field().to_owned(), text.clone()));
        }
        fields
    }

    /// The text of a clause (empty if not written).
    pub fn clause(&self, clause: Clause) -> &str {
        let n = Clause::ALL.iter().position(|c| *c == clause).unwrap_or_default();
        self.clauses.get(n).map(String::as_str).unwrap_or_default()
    }
}

impl ValidCooperation {
    /// Which clauses are written (the checklist of the record).
    pub fn complete_clauses(&self) -> Vec<Clause> {
        Clause::ALL.iter().zip(&self.clauses).filter(|(_, text)| text.is_some()).map(|(c, _)| *c).collect()
    }

    /// What signing still needs, field by field (`Required`): the village deliberation's
    /// date, all eight clauses, both signatories with the partner's title, the signing date
    /// and the start. Empty: it may be signed. A signing date in the future is refused.
    pub fn sign_blockers(&self, today: &str) -> Vec<FieldError> {
        let mut missing = Vec::new();
        let mut need = |field: &str, present: bool| {
            if !present {
                missing.push(FieldError::new(field, Problem::Required));
            }
        };
        need("musdes_held_on", self.musdes_held_on.is_some());
        for (clause, text) in Clause::ALL.iter().zip(&self.clauses) {
            need(clause.field(), text.is_some());
        }
        need("village_head", self.village_head.is_some());
        need("partner_representative", self.partner_representative.is_some());
        need("partner_title", self.partner_title.is_some());
        need("signed_on", self.signed_on.is_some());
        need("starts_on", self.starts_on.is_some());
        if let Some(signed) = &self.signed_on {
            if day_number(signed) > day_number(today) {
                missing.push(FieldError::new("signed_on", Problem::DateInFuture));
            }
        }
        missing
    }
}

vocabulary!(
    /// Who settles a dispute (Permendagri 96/2017): the parties by deliberation first; failing
    /// that the camat when both parties are in one district, the regent (bupati/wali kota)
    /// otherwise.
    Settler {
        Deliberation => "deliberation",
        Camat => "camat",
        Regent => "regent",
    }
);

vocabulary!(
    /// How far a dispute has gone.
    DisputeStage {
        /// Not yet taken beyond the parties.
        Open => "open",
        /// Deliberation between the parties did not settle it.
        DeliberationFailed => "deliberation_failed",
    }
);

/// Who settles a dispute at `stage`, the partner being in the village's district or not.
pub fn settler(stage: DisputeStage, same_district: bool) -> Settler {
    match (stage, same_district) {
        (DisputeStage::Open, _) => Settler::Deliberation,
        (DisputeStage::DeliberationFailed, true) => Settler::Camat,
        (DisputeStage::DeliberationFailed, false) => Settler::Regent,
    }
}

/// Days without a progress update after which both sides and the regency's staff are
/// reminded (`PROGRESS_REMINDER_DAYS`).
pub const PROGRESS_REMINDER_DAYS: i64 = 30;

/// Whether an active cooperation's follow-up is overdue: no update (or, without any, no
/// start) for `reminder_days`.
pub fn progress_overdue(last_update: Option<&str>, started_on: &str, today: &str, reminder_days: i64) -> bool {
    let since = last_update.unwrap_or(started_on);
    match (day_number(since), day_number(today)) {
        (Some(since), Some(today)) => today - since >= reminder_days,
        _ => false,
    }
}

/// A dated progress update: what happened, and how far along it is (optional percentage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub text: String,
    pub percent: Option<i64>,
}

impl Progress {
    pub fn parse(text: &str, percent: &str) -> Result<Progress, Vec<FieldError>> {
        let mut c = Checker::default();
        let text = c.check("text", v::long_text(text, 10, 2000));
        let percent = c.check("percent", v::optional(percent.trim_end_matches('%'), |s| v::whole_number(s, 0, 100)));
        c.finish()?;
        Ok(Progress { text: text.unwrap_or_default(), percent: percent.flatten() })
    }
}

/// The report of a completed cooperation: the village head's report to the BPD and its copy
/// to the regent through the camat. Until both are dated, the report is due.
pub fn report_due(reported_to_bpd_on: Option<&str>, copied_to_regent_on: Option<&str>) -> bool {
    reported_to_bpd_on.is_none() || copied_to_regent_on.is_none()
}

/// A date already over (or today), for what records a past event.
fn past_date(value: &str, today: &str) -> Result<String, Problem> {
    let date = v::date(value)?;
    if day_number(&date) > day_number(today) {
        return Err(Problem::DateInFuture);
    }
    Ok(date)
}

/// The end of an active cooperation as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompletionInput {
    #[serde(default)]
    pub ended_on: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub beneficiaries: String,
    #[serde(default)]
    pub status_after: String,
    #[serde(default)]
    pub status_after_year: String,
    #[serde(default)]
    pub reported_to_bpd_on: String,
    #[serde(default)]
    pub copied_to_regent_on: String,
}

/// A checked completion: the outcome and the beneficiaries are required; the village's
/// status after and the report's dates may follow later ([`Report`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub ended_on: String,
    pub outcome: String,
    pub beneficiaries: i64,
    pub status_after: Option<DevelopmentStatus>,
    pub status_after_year: Option<i64>,
    pub report: Report,
}

/// The village head's report of a completed cooperation: to the BPD, and its copy to the
/// regent through the camat (both dated, neither before the end nor in the future).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub reported_to_bpd_on: Option<String>,
    pub copied_to_regent_on: Option<String>,
}

impl Report {
    pub fn is_due(&self) -> bool {
        report_due(self.reported_to_bpd_on.as_deref(), self.copied_to_regent_on.as_deref())
    }
}

impl CompletionInput {
    /// Checks the completion of a cooperation that started on `started_on`.
    pub fn validate(&self, started_on: Option<&str>, today: &str) -> Result<Completion, Vec<FieldError>> {
        let mut c = Checker::default();
        let ended_on = c.check("ended_on", past_date(&self.ended_on, today));
        if let (Some(end), Some(start)) = (&ended_on, started_on) {
            if day_number(end) < day_number(start) {
                c.check::<()>("ended_on", Err(Problem::EndBeforeStart));
            }
        }
        let outcome = c.check("outcome", v::long_text(&self.outcome, 20, 4000));
        let beneficiaries = c.check("beneficiaries", v::whole_number(&self.beneficiaries, 0, 10_000_000));
        let status_after =
            c.check("status_after", v::optional(&self.status_after, |s| v::choice(s, DevelopmentStatus::parse)));
        let status_after_year =
            c.check("status_after_year", v::optional(&self.status_after_year, |s| v::whole_number(s, 2000, 2100)));
        let report =
            report_fields(&mut c, &self.reported_to_bpd_on, &self.copied_to_regent_on, ended_on.as_deref(), today);
        c.finish()?;
        Ok(Completion {
            ended_on: ended_on.unwrap_or_default(),
            outcome: outcome.unwrap_or_default(),
            beneficiaries: beneficiaries.unwrap_or_default(),
            status_after: status_after.flatten(),
            status_after_year: status_after_year.flatten(),
            report,
        })
    }
}

/// Checks the report's two dates of a cooperation that ended on `ended_on`.
pub fn parse_report(
    reported_to_bpd_on: &str,
    copied_to_regent_on: &str,
    ended_on: Option<&str>,
    today: &str,
) -> Result<Report, Vec<FieldError>> {
    let mut c = Checker::default();
    let report = report_fields(&mut c, reported_to_bpd_on, copied_to_regent_on, ended_on, today);
    c.finish()?;
    Ok(report)
}

fn report_fields(c: &mut Checker, to_bpd: &str, to_regent: &str, ended_on: Option<&str>, today: &str) -> Report {
    let mut dated = |field: &str, value: &str| {
        let date = c.check(field, v::optional(value, |s| past_date(s, today))).flatten();
        match (&date, ended_on) {
            (Some(date), Some(end)) if day_number(date) < day_number(end) => {
                c.check::<()>(field, Err(Problem::EndBeforeStart));
                None
            }
            _ => date,
        }
    };
    let reported_to_bpd_on = dated("reported_to_bpd_on", to_bpd);
    let copied_to_regent_on = dated("copied_to_regent_on", to_regent);
    Report { reported_to_bpd_on, copied_to_regent_on }
}

/// The end of a signed or active cooperation before its term: why, and whether it ended
/// in a dispute (and how far that went, which says who settles it: [`settler`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Termination {
    pub ended_on: String,
    pub reason: String,
    pub dispute: Option<DisputeStage>,
}

impl Termination {
    pub fn parse(ended_on: &str, reason: &str, dispute: &str, today: &str) -> Result<Termination, Vec<FieldError>> {
        let mut c = Checker::default();
        let ended_on = c.check("terminated_on", past_date(ended_on, today));
        let reason = c.check("reason", v::long_text(reason, 10, 2000));
        let dispute = c.check("dispute", v::optional(dispute, |s| v::choice(s, DisputeStage::parse)));
        c.finish()?;
        Ok(Termination {
            ended_on: ended_on.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
            dispute: dispute.flatten(),
        })
    }
}

/// Who acts on a cooperation: one of its two sides, or staff whose jurisdiction covers the
/// village (the regency's staff; province staff everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Village,
    Partner,
    Staff,
}

vocabulary!(
    /// What can be done to a cooperation (the actions its page offers).
    Step {
        /// Change the record of the draft.
        Edit => "edit",
        /// Record that both sides signed (a side; staff sign by registering).
        Sign => "sign",
        /// The regency's staff register the signed cooperation (signing it too if a draft).
        Register => "register",
        /// A side reports how the work goes.
        Progress => "progress",
        /// A side or staff record the outcome.
        Complete => "complete",
        /// The village (or staff) dates the report to the BPD and its copy to the regent.
        Report => "report",
        /// A side or staff end it early, with a reason.
        Terminate => "terminate",
    }
);

/// Whether `party` may take `step` on a cooperation in `status`, `registered` or not.
pub fn may(party: Party, step: Step, status: AgreementStatus, registered: bool) -> bool {
    use AgreementStatus as S;
    let side = party != Party::Staff;
    match step {
        Step::Edit => status == S::Draft,
        Step::Sign => side && status == S::Draft,
        Step::Register => party == Party::Staff && matches!(status, S::Draft | S::Signed) && !registered,
        Step::Progress => side && status == S::Active,
        Step::Complete => status == S::Active,
        Step::Report => party != Party::Partner && status == S::Completed,
        Step::Terminate => matches!(status, S::Signed | S::Active),
    }
}

/// The steps `party` may take now, in [`Step::ALL`] order.
pub fn steps(party: Party, status: AgreementStatus, registered: bool) -> Vec<Step> {
    Step::ALL.iter().copied().filter(|step| may(party, *step, status, registered)).collect()
}

/// What `party` must do next on a cooperation, if anything: sign or register a draft,
/// register a signed one, report the progress of a quiet active one, date the report of a
/// completed one.
pub fn next_step(
    party: Party,
    status: AgreementStatus,
    registered: bool,
    progress_overdue: bool,
    report_due: bool,
) -> Option<Step> {
    use AgreementStatus as S;
    let step = match status {
        S::Draft if party == Party::Staff => Step::Register,
        S::Draft => Step::Sign,
        S::Signed if !registered => Step::Register,
        S::Active if progress_overdue => Step::Progress,
        S::Completed if report_due => Step::Report,
        _ => return None,
    };
    may(party, step, status, registered).then_some(step)
}

/// Whether a registered, signed cooperation has started (its start date has come).
pub fn has_started(starts_on: Option<&str>, today: &str) -> bool {
    starts_on.is_some_and(|start| day_number(start) <= day_number(today))
}

/// Whether the public may see a cooperation: once it is signed (never a draft).
pub fn is_public(status: AgreementStatus) -> bool {
    status != AgreementStatus::Draft
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-12-02";

    fn signable() -> CooperationInput {
        CooperationInput {
            initiated_by: "village".into(),
            musdes_held_on: "2026-10-05".into(),
            musdes_minutes: "BA-MUSDES/07/2026".into(),
            plan_status: "in_plan".into(),
            plan_year: "2026".into(),
            clauses: Clause::ALL.iter().map(|c| format!("Ketentuan tentang {} kerja sama ini.", c.as_str())).collect(),
            village_head: "Hj. Siti Rahmah".into(),
            partner_representative: "Ir. Bambang Wijaya".into(),
            partner_title: "Manajer CSR".into(),
            signed_on: "2026-11-20".into(),
            starts_on: "2026-12-01".into(),
            ends_on: "2027-05-31".into(),
            value_idr: "150.000.000".into(),
            funding_source: "partner".into(),
            ..Default::default()
        }
    }

    #[test]
    fn clause_fields_are_named_after_the_clauses() {
        for clause in Clause::ALL {
            assert_eq!(clause.field(), format!("clause_{}", clause.as_str()));
        }
    }

    #[test]
    fn a_draft_needs_only_its_initiative() {
        let draft = CooperationInput { initiated_by: "third_party".into(), ..Default::default() };
        let valid = draft.validate().unwrap();
        assert_eq!(valid.initiated_by, Some(Initiative::ThirdParty));
        assert_eq!(valid.clauses, vec![None; 8]);
        assert!(valid.complete_clauses().is_empty());
        let fields: Vec<String> =
            CooperationInput::default().validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["initiated_by"]);
    }

    #[test]
    fn every_filled_field_is_checked_and_named() {
        let bad = CooperationInput {
            initiated_by: "desa".into(),
            mou_signed_on: "5 Oktober".into(),
            plan_status: "maybe".into(),
            plan_year: "1999".into(),
            clauses: vec!["pendek".into()],
            village_head: "<b>Kades</b>".into(),
            starts_on: "2027-01-01".into(),
            ends_on: "2026-12-31".into(),
            value_idr: "-5".into(),
            funding_source: "bank".into(),
            ..Default::default()
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "initiated_by",
                "mou_signed_on",
                "plan_status",
                "plan_year",
                "clause_scope",
                "village_head",
                "ends_on",
                "value_idr",
                "funding_source"
            ]
        );
    }

    #[test]
    fn signing_waits_for_deliberation_clauses_and_signatories() {
        let valid = signable().validate().unwrap();
        assert_eq!(valid.sign_blockers(TODAY), []);
        assert_eq!(valid.complete_clauses().len(), 8);
        assert_eq!(valid.value_idr, Some(150_000_000));

        let mut missing = signable();
        missing.musdes_held_on.clear();
        missing.clauses[7].clear();
        missing.partner_title.clear();
        let blockers: Vec<String> =
            missing.validate().unwrap().sign_blockers(TODAY).into_iter().map(|e| e.field).collect();
        assert_eq!(blockers, ["musdes_held_on", "clause_dispute", "partner_title"]);

        let future = CooperationInput { signed_on: "2026-12-03".into(), ..signable() };
        let blockers = future.validate().unwrap().sign_blockers(TODAY);
        assert_eq!(blockers, [FieldError::new("signed_on", Problem::DateInFuture)]);
    }

    #[test]
    fn disputes_go_to_deliberation_then_the_camat_or_the_regent() {
        assert_eq!(settler(DisputeStage::Open, true), Settler::Deliberation);
        assert_eq!(settler(DisputeStage::Open, false), Settler::Deliberation);
        assert_eq!(settler(DisputeStage::DeliberationFailed, true), Settler::Camat);
        assert_eq!(settler(DisputeStage::DeliberationFailed, false), Settler::Regent);
    }

    #[test]
    fn follow_up_is_due_after_thirty_quiet_days() {
        let days = PROGRESS_REMINDER_DAYS;
        assert!(!progress_overdue(None, "2026-11-03", TODAY, days), "29 days since the start");
        assert!(progress_overdue(None, "2026-11-02", TODAY, days));
        assert!(!progress_overdue(Some("2026-11-30T08:00:00.000Z"), "2026-01-01", TODAY, days));
        assert!(!progress_overdue(None, "rusak", TODAY, days));
    }

    #[test]
    fn progress_updates_and_reports() {
        assert_eq!(
            Progress::parse("Pelatihan tahap pertama selesai, 20 peserta.", "40%"),
            Ok(Progress { text: "Pelatihan tahap pertama selesai, 20 peserta.".into(), percent: Some(40) })
        );
        assert_eq!(Progress::parse("Berjalan lancar sesuai jadwal.", "").unwrap().percent, None);
        let fields: Vec<String> = Progress::parse("ok", "120").unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["text", "percent"]);
        assert!(report_due(Some("2027-06-10"), None));
        assert!(!report_due(Some("2027-06-10"), Some("2027-06-20")));
    }

    #[test]
    fn completion_needs_an_outcome_and_checks_its_report_dates() {
        let input = CompletionInput {
            ended_on: "2026-11-30".into(),
            outcome: "Dua puluh pelaku usaha terlatih dan tiga homestay dibuka.".into(),
            beneficiaries: "1.250".into(),
            status_after: "maju".into(),
            status_after_year: "2026".into(),
            reported_to_bpd_on: "2026-12-01".into(),
            ..Default::default()
        };
        let done = input.validate(Some("2026-06-01"), TODAY).unwrap();
        assert_eq!(done.beneficiaries, 1250);
        assert_eq!(done.status_after, Some(DevelopmentStatus::Maju));
        assert!(done.report.is_due(), "the copy to the regent is not dated yet");

        let bad = CompletionInput {
            ended_on: "2026-05-01".into(),
            outcome: "Selesai".into(),
            beneficiaries: "banyak".into(),
            status_after: "hebat".into(),
            reported_to_bpd_on: "2026-12-09".into(),
            copied_to_regent_on: "2026-04-30".into(),
            ..Default::default()
        };
        let fields: Vec<String> =
            bad.validate(Some("2026-06-01"), TODAY).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["ended_on", "outcome", "beneficiaries", "status_after", "reported_to_bpd_on", "copied_to_regent_on"]
        );
        let report = parse_report("2026-12-01", "2026-12-02", Some("2026-11-30"), TODAY).unwrap();
        assert!(!report.is_due());
        let early = parse_report("2026-11-01", "", Some("2026-11-30"), TODAY).unwrap_err();
        assert_eq!(early, [FieldError::new("reported_to_bpd_on", Problem::EndBeforeStart)]);
    }

    #[test]
    fn termination_needs_a_reason_and_names_a_dispute() {
        let ended =
            Termination::parse("2026-12-01", "Mitra menarik pendanaan program.", "deliberation_failed", TODAY).unwrap();
        assert_eq!(ended.dispute, Some(DisputeStage::DeliberationFailed));
        assert_eq!(Termination::parse("2026-12-01", "Kesepakatan bersama.", "", TODAY).unwrap().dispute, None);
        let fields: Vec<String> =
            Termination::parse("besok", "", "war", TODAY).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["terminated_on", "reason", "dispute"]);
    }

    #[test]
    fn each_party_takes_its_steps_in_each_state() {
        use AgreementStatus as S;
        use Party::*;
        assert_eq!(steps(Village, S::Draft, false), [Step::Edit, Step::Sign]);
        assert_eq!(steps(Staff, S::Draft, false), [Step::Edit, Step::Register]);
        assert_eq!(steps(Partner, S::Signed, false), [Step::Terminate]);
        assert_eq!(steps(Staff, S::Signed, false), [Step::Register, Step::Terminate]);
        assert_eq!(steps(Staff, S::Signed, true), [Step::Terminate]);
        assert_eq!(steps(Partner, S::Active, true), [Step::Progress, Step::Complete, Step::Terminate]);
        assert_eq!(steps(Staff, S::Active, true), [Step::Complete, Step::Terminate]);
        assert_eq!(steps(Village, S::Completed, true), [Step::Report]);
        assert_eq!(steps(Partner, S::Completed, true), []);
        assert_eq!(steps(Staff, S::Terminated, true), []);
        assert!(has_started(Some("2026-12-02"), TODAY) && !has_started(Some("2026-12-03"), TODAY));
        assert!(!has_started(None, TODAY));
        assert!(!is_public(S::Draft) && is_public(S::Signed) && is_public(S::Terminated));
    }

    #[test]
    fn each_party_is_told_what_to_do_next() {
        use AgreementStatus as S;
        use Party::*;
        assert_eq!(next_step(Partner, S::Draft, false, false, false), Some(Step::Sign));
        assert_eq!(next_step(Staff, S::Draft, false, false, false), Some(Step::Register));
        assert_eq!(next_step(Village, S::Signed, false, false, false), None);
        assert_eq!(next_step(Staff, S::Signed, false, false, false), Some(Step::Register));
        assert_eq!(next_step(Village, S::Active, true, true, false), Some(Step::Progress));
        assert_eq!(next_step(Staff, S::Active, true, true, false), None);
        assert_eq!(next_step(Village, S::Completed, true, false, true), Some(Step::Report));
        assert_eq!(next_step(Partner, S::Completed, true, false, true), None);
        assert_eq!(next_step(Village, S::Completed, true, false, false), None);
    }
}
