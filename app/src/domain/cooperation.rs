//! Cooperation agreements (*kerja sama*, Permendagri 96/2017): what the record of a
//! cooperation holds and when it may be signed, who settles a dispute, and when its follow-up
//! and its report are due. Pure rules; the lifecycle itself is in `lifecycle`
//! (`AgreementStatus`).

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
    /// The form field of the clause's text.
    pub fn field(self) -> String {
        format!("clause_{}", self.as_str())
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
                c.check(&clause.field(), v::optional(text, |s| v::long_text(s, 10, CLAUSE_MAX))).flatten()
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
            need(&clause.field(), text.is_some());
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

/// Who settles a dispute (Permendagri 96/2017): the parties by deliberation first; failing
/// that the camat when both parties are in one district, the regent (bupati/wali kota)
/// otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settler {
    Deliberation,
    Camat,
    Regent,
}

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
}
