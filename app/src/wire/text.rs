//! Translated texts that are chosen in code (by enum) rather than written in a view.

use crate::domain::account::{Role, Scope};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::organisation::{OrganisationKind, OrganisationStatus};
use crate::domain::statistics::{MapFigure, VillageState};
use crate::domain::validation::Problem;
use crate::i18n::*;

pub fn problem(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, validation.required).to_string(),
        Problem::TooShort { min } => td_string!(locale, validation.too_short, min = *min),
        Problem::TooLong { max } => td_string!(locale, validation.too_long, max = *max),
        Problem::EmailInvalid => td_string!(locale, validation.email_invalid).to_string(),
        Problem::InvalidCharacters => td_string!(locale, validation.invalid_characters).to_string(),
        Problem::InvalidChoice => td_string!(locale, validation.invalid_choice).to_string(),
        Problem::AlreadyTaken => td_string!(locale, validation.already_taken).to_string(),
        Problem::InvalidDate => td_string!(locale, validation.invalid_date).to_string(),
        Problem::EndBeforeStart => td_string!(locale, validation.end_before_start).to_string(),
        Problem::DateInPast => td_string!(locale, validation.date_in_past).to_string(),
        Problem::DateInFuture => td_string!(locale, validation.date_in_future).to_string(),
        Problem::InvalidNumber => td_string!(locale, validation.invalid_number).to_string(),
        Problem::OutOfRange { min, max } => td_string!(
            locale,
            validation.out_of_range,
            min = crate::wire::format::thousands(locale, *min),
            max = crate::wire::format::thousands(locale, *max)
        ),
        Problem::InvalidUrl => td_string!(locale, validation.invalid_url).to_string(),
        Problem::InvalidPhone => td_string!(locale, validation.invalid_phone).to_string(),
        Problem::OfferFull => td_string!(locale, validation.offer_full).to_string(),
        Problem::OfferNotPublic => td_string!(locale, validation.offer_not_public).to_string(),
    }
}

pub fn role(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::VillageOperator => td_string!(locale, roles.village_operator),
        Role::PartnerMember => td_string!(locale, roles.partner_member),
        Role::RegencyStaff => td_string!(locale, roles.regency_staff),
        Role::ProvinceStaff => td_string!(locale, roles.province_staff),
        Role::Admin => td_string!(locale, roles.admin),
    }
}

pub fn organisation_kind(locale: Locale, kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Company => td_string!(locale, org_kind.company),
        OrganisationKind::University => td_string!(locale, org_kind.university),
        OrganisationKind::Ngo => td_string!(locale, org_kind.ngo),
        OrganisationKind::Donor => td_string!(locale, org_kind.donor),
        OrganisationKind::StateEnterprise => td_string!(locale, org_kind.state_enterprise),
        OrganisationKind::Other => td_string!(locale, org_kind.other),
    }
}

pub fn organisation_status(locale: Locale, status: OrganisationStatus) -> &'static str {
    match status {
        OrganisationStatus::Pending => td_string!(locale, org_status.pending),
        OrganisationStatus::Verified => td_string!(locale, org_status.verified),
        OrganisationStatus::Rejected => td_string!(locale, org_status.rejected),
        OrganisationStatus::Suspended => td_string!(locale, org_status.suspended),
    }
}

/// A sector by its stored name (unknown names are shown as they are).
pub fn sector(locale: Locale, name: &str) -> String {
    use crate::domain::posting::Sector as S;
    let text = match S::parse(name) {
        Some(S::NatureTourism) => td_string!(locale, sector.nature_tourism),
        Some(S::LocalProducts) => td_string!(locale, sector.local_products),
        Some(S::DigitalServices) => td_string!(locale, sector.digital_services),
        Some(S::Agriculture) => td_string!(locale, sector.agriculture),
        Some(S::Fisheries) => td_string!(locale, sector.fisheries),
        Some(S::Health) => td_string!(locale, sector.health),
        Some(S::Education) => td_string!(locale, sector.education),
        Some(S::Environment) => td_string!(locale, sector.environment),
        Some(S::Infrastructure) => td_string!(locale, sector.infrastructure),
        Some(S::Governance) => td_string!(locale, sector.governance),
        None => return name.to_owned(),
    };
    text.to_owned()
}

/// A support type by its stored name.
pub fn support(locale: Locale, name: &str) -> String {
    use crate::domain::posting::SupportType as T;
    let text = match T::parse(name) {
        Some(T::TechnicalAssistance) => td_string!(locale, support.technical_assistance),
        Some(T::Training) => td_string!(locale, support.training),
        Some(T::ResourceAccess) => td_string!(locale, support.resource_access),
        None => return name.to_owned(),
    };
    text.to_owned()
}

pub fn posting_status(locale: Locale, status: PostingStatus) -> &'static str {
    use PostingStatus as S;
    match status {
        S::Draft => td_string!(locale, status.draft),
        S::Submitted => td_string!(locale, status.submitted),
        S::Published => td_string!(locale, status.published),
        S::Returned => td_string!(locale, status.returned),
        S::Rejected => td_string!(locale, status.rejected),
        S::Matched => td_string!(locale, status.matched),
        S::Fulfilled => td_string!(locale, status.fulfilled),
        S::Withdrawn => td_string!(locale, status.withdrawn),
        S::Expired => td_string!(locale, status.expired),
    }
}

/// A village development status by its stored name.
pub fn development_status(locale: Locale, name: &str) -> String {
    use crate::domain::posting::DevelopmentStatus as D;
    let text = match D::parse(name) {
        Some(D::Mandiri) => td_string!(locale, dev_status.mandiri),
        Some(D::Maju) => td_string!(locale, dev_status.maju),
        Some(D::Berkembang) => td_string!(locale, dev_status.berkembang),
        Some(D::Tertinggal) => td_string!(locale, dev_status.tertinggal),
        Some(D::SangatTertinggal) => td_string!(locale, dev_status.sangat_tertinggal),
        None => return name.to_owned(),
    };
    text.to_owned()
}

/// A resource kind by its stored name.
pub fn resource(locale: Locale, name: &str) -> String {
    use crate::domain::posting::ResourceKind as K;
    let text = match K::parse(name) {
        Some(K::Funding) => td_string!(locale, resource.funding),
        Some(K::Equipment) => td_string!(locale, resource.equipment),
        Some(K::MarketAccess) => td_string!(locale, resource.market_access),
        None => return name.to_owned(),
    };
    text.to_owned()
}

/// A notification as a sentence; `title` and `reason` come from its payload.
pub fn notification(locale: Locale, kind: &str, title: &str, reason: &str) -> String {
    match kind {
        "need.published" => td_string!(locale, notifications.need_published, title = title),
        "need.returned" => td_string!(locale, notifications.need_returned, title = title, reason = reason),
        "need.rejected" => td_string!(locale, notifications.need_rejected, title = title, reason = reason),
        "need_revision.approved" => td_string!(locale, notifications.need_revision_approved, title = title),
        "need_revision.returned" => {
            td_string!(locale, notifications.need_revision_returned, title = title, reason = reason)
        }
        "offer.published" => td_string!(locale, notifications.offer_published, title = title),
        "offer.returned" => td_string!(locale, notifications.offer_returned, title = title, reason = reason),
        "offer.rejected" => td_string!(locale, notifications.offer_rejected, title = title, reason = reason),
        "offer_revision.approved" => td_string!(locale, notifications.need_revision_approved, title = title),
        "offer_revision.returned" => {
            td_string!(locale, notifications.need_revision_returned, title = title, reason = reason)
        }
        "need_revision.rejected" | "offer_revision.rejected" => {
            td_string!(locale, notifications.need_revision_rejected, title = title, reason = reason)
        }
        "organisation_revision.approved" => td_string!(locale, notifications.identity_approved, title = title),
        "organisation_revision.rejected" => {
            td_string!(locale, notifications.identity_rejected, title = title, reason = reason)
        }
        "need.expired" | "offer.expired" => td_string!(locale, notifications.expired, title = title),
        "need.stale_question" | "offer.stale_question" => {
            td_string!(locale, notifications.stale_question, title = title)
        }
        "need.matched" => td_string!(locale, notifications.need_matched, title = title),
        "need.fulfilled" | "offer.fulfilled" => td_string!(locale, notifications.closed_fulfilled, title = title),
        "match.interested" => td_string!(locale, notifications.match_interested, title = title),
        "match.requested" => td_string!(locale, notifications.match_requested, title = title),
        "match.suggested" => td_string!(locale, notifications.match_suggested, title = title),
        "match.introduced" => td_string!(locale, notifications.match_introduced, title = title),
        "match.declined" => td_string!(locale, notifications.match_declined, title = title, reason = reason),
        "match.message" => td_string!(locale, notifications.match_message, title = title),
        "agreement.edited" => td_string!(locale, notifications.agreement_edited, title = title),
        "operation_area.proposed" => td_string!(locale, notifications.operation_area_proposed, title = title),
        "agreement.signed" => td_string!(locale, notifications.agreement_signed, title = title),
        "agreement.registered" => td_string!(locale, notifications.agreement_registered, title = title),
        "agreement.activated" => td_string!(locale, notifications.agreement_activated, title = title),
        "agreement.progress" => td_string!(locale, notifications.agreement_progress, title = title),
        "agreement.completed" => td_string!(locale, notifications.agreement_completed, title = title),
        "agreement.reported" => td_string!(locale, notifications.agreement_reported, title = title),
        "agreement.terminated" => {
            td_string!(locale, notifications.agreement_terminated, title = title, reason = reason)
        }
        "agreement.progress_due" => td_string!(locale, notifications.agreement_progress_due, title = title),
        "agreement.report_due" => td_string!(locale, notifications.agreement_report_due, title = title),
        "organisation.verified" => td_string!(locale, notifications.organisation_verified).to_owned(),
        "organisation.rejected" => td_string!(locale, notifications.organisation_rejected, reason = reason),
        "organisation.suspended" => td_string!(locale, notifications.organisation_suspended, reason = reason),
        _ => td_string!(locale, notifications.other).to_owned(),
    }
}

/// "Desa Sukamaju", "Kabupaten Kutai Kartanegara", "PT X", or the province.
pub fn scope(locale: Locale, office: &str, scope: &Scope) -> String {
    match scope {
        Scope::Village { name, code, .. } => format!("{name} ({code})"),
        Scope::Regency { name, code } => format!("{name} ({code})"),
        Scope::Organisation { name, .. } => name.clone(),
        Scope::Province => td_string!(locale, scope.province, office = office),
    }
}

/// One factor of a score as a sentence ("why this match").
pub fn factor(locale: Locale, factor: crate::domain::matching::score::Factor, value: f64) -> String {
    use crate::domain::matching::score::Factor;
    let percent = (value.clamp(0.0, 1.0) * 100.0).round() as u32;
    match factor {
        Factor::Support => td_string!(locale, matching.factor_support).to_owned(),
        Factor::Sector if value >= 1.0 => td_string!(locale, matching.factor_sector_yes).to_owned(),
        Factor::Sector => td_string!(locale, matching.factor_sector_no).to_owned(),
        Factor::Region => {
            let how = if value >= 1.0 {
                td_string!(locale, matching.region_district)
            } else if value >= 0.8 {
                td_string!(locale, matching.region_regency)
            } else {
                td_string!(locale, matching.region_province)
            };
            td_string!(locale, matching.factor_region, value = how)
        }
        Factor::Window => td_string!(locale, matching.factor_window, percent = percent),
        Factor::Capacity => td_string!(locale, matching.factor_capacity, percent = percent),
        Factor::Status => td_string!(locale, matching.factor_status, percent = percent),
        Factor::Text => td_string!(locale, matching.factor_text, percent = percent),
        Factor::Ring => {
            let ring = if value >= 1.0 { td_string!(locale, ppm.ring_1) } else { td_string!(locale, ppm.ring_2) };
            td_string!(locale, matching.factor_ring, value = ring)
        }
    }
}

pub fn match_status(locale: Locale, status: crate::domain::lifecycle::MatchStatus) -> &'static str {
    use crate::domain::lifecycle::MatchStatus as S;
    match status {
        S::Suggested => td_string!(locale, match_status.suggested),
        S::Interested => td_string!(locale, match_status.interested),
        S::Requested => td_string!(locale, match_status.requested),
        S::Introduced => td_string!(locale, match_status.introduced),
        S::Agreed => td_string!(locale, match_status.agreed),
        S::Declined => td_string!(locale, match_status.declined),
    }
}

/// A step of a match's history (`match.introduced`) as its status word.
pub fn match_action(locale: Locale, action: &str) -> String {
    action
        .strip_prefix("match.")
        .and_then(crate::domain::lifecycle::MatchStatus::parse)
        .map(|s| match_status(locale, s).to_owned())
        .unwrap_or_else(|| action.to_owned())
}

/// A factor's name, for the weights form.
pub fn factor_name(locale: Locale, factor: crate::domain::matching::score::Factor) -> &'static str {
    use crate::domain::matching::score::Factor;
    match factor {
        Factor::Support => td_string!(locale, factor_name.support),
        Factor::Sector => td_string!(locale, factor_name.sector),
        Factor::Region => td_string!(locale, factor_name.region),
        Factor::Window => td_string!(locale, factor_name.window),
        Factor::Capacity => td_string!(locale, factor_name.capacity),
        Factor::Status => td_string!(locale, factor_name.status),
        Factor::Text => td_string!(locale, factor_name.text),
        Factor::Ring => td_string!(locale, factor_name.ring),
    }
}

/// "Desa" or "Kelurahan", as a village's title begins.
pub fn village_kind(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "kelurahan" => td_string!(locale, village.kind_kelurahan),
        _ => td_string!(locale, village.kind_desa),
    }
}

/// The index a development status comes from, short ("IDM") or as a choice with its years.
pub fn status_index(
    locale: Locale,
    kind: Option<crate::domain::village::StatusIndexKind>,
    choice: bool,
) -> &'static str {
    use crate::domain::village::StatusIndexKind;
    match (kind, choice) {
        (Some(StatusIndexKind::Idm), false) => td_string!(locale, village.index_idm),
        (Some(StatusIndexKind::Idm), true) => td_string!(locale, village.index_choice_idm),
        (_, false) => td_string!(locale, village.index_indeks_desa),
        (_, true) => td_string!(locale, village.index_choice_indeks_desa),
    }
}

/// The words of the `/api/v1` index page: title, lead, and the sentence naming the
/// machine-readable document (`link`).
pub fn api_index(locale: Locale, link: &str) -> (String, String, String) {
    (
        td_string!(locale, api_index.title).to_owned(),
        td_string!(locale, api_index.lead).to_owned(),
        td_string!(locale, api_index.machine_readable, link = link),
    )
}

/// A cooperation's status.
pub fn agreement_status(locale: Locale, status: crate::domain::lifecycle::AgreementStatus) -> &'static str {
    use crate::domain::lifecycle::AgreementStatus as S;
    match status {
        S::Draft => td_string!(locale, agreement_status.draft),
        S::Signed => td_string!(locale, agreement_status.signed),
        S::Active => td_string!(locale, agreement_status.active),
        S::Completed => td_string!(locale, agreement_status.completed),
        S::Terminated => td_string!(locale, agreement_status.terminated),
    }
}

/// A ring of a company's operation area (`ring_1`, `ring_2`) by its name.
pub fn ring_name(locale: Locale, ring: &str) -> String {
    match crate::domain::ppm::Ring::parse(ring) {
        Some(crate::domain::ppm::Ring::Ring1) => td_string!(locale, ppm.ring_1),
        Some(crate::domain::ppm::Ring::Ring2) => td_string!(locale, ppm.ring_2),
        None => "",
    }
    .to_owned()
}

/// A cooperation's status by its stored name (for the filters' choices).
pub fn agreement_status_name(locale: Locale, name: &str) -> String {
    crate::domain::lifecycle::AgreementStatus::parse(name)
        .map(|s| agreement_status(locale, s).to_owned())
        .unwrap_or_default()
}

/// Where a matching round stands.
pub fn round_status(locale: Locale, status: crate::domain::matching::round::RoundStatus) -> &'static str {
    use crate::domain::matching::round::RoundStatus as S;
    match status {
        S::Proposed => td_string!(locale, rounds.status_proposed),
        S::Accepted => td_string!(locale, rounds.status_accepted),
        S::Discarded => td_string!(locale, rounds.status_discarded),
    }
}

/// One of the eight clauses of a joint agreement, as an article's title.
pub fn clause(locale: Locale, clause: crate::domain::cooperation::Clause) -> &'static str {
    use crate::domain::cooperation::Clause as C;
    match clause {
        C::Scope => td_string!(locale, clause.scope),
        C::Field => td_string!(locale, clause.field),
        C::Procedure => td_string!(locale, clause.procedure),
        C::Duration => td_string!(locale, clause.duration),
        C::RightsObligations => td_string!(locale, clause.rights_obligations),
        C::Funding => td_string!(locale, clause.funding),
        C::Amendment => td_string!(locale, clause.amendment),
        C::Dispute => td_string!(locale, clause.dispute),
    }
}

/// The choices of a cooperation's record (initiative, plan, funding, dispute, settler), by
/// stored name.
pub fn cooperation_choice(locale: Locale, name: &str) -> String {
    match name {
        "village" => td_string!(locale, cooperation.initiative_village),
        "third_party" => td_string!(locale, cooperation.initiative_third_party),
        "in_plan" => td_string!(locale, cooperation.in_plan),
        "needs_amendment" => td_string!(locale, cooperation.needs_amendment),
        "partner" => td_string!(locale, cooperation.funding_partner),
        "village_budget" => td_string!(locale, cooperation.funding_village),
        "shared" => td_string!(locale, cooperation.funding_shared),
        "open" => td_string!(locale, cooperation.dispute_open),
        "deliberation_failed" => td_string!(locale, cooperation.dispute_failed),
        "deliberation" => td_string!(locale, cooperation.settler_deliberation),
        "camat" => td_string!(locale, cooperation.settler_camat),
        "regent" => td_string!(locale, cooperation.settler_regent),
        _ => "",
    }
    .to_owned()
}

/// What a cooperation waits for, as the dashboard says it.
pub fn cooperation_step(locale: Locale, step: crate::domain::cooperation::Step) -> &'static str {
    use crate::domain::cooperation::Step as S;
    match step {
        S::Edit => td_string!(locale, cooperation.step_edit),
        S::Sign => td_string!(locale, cooperation.step_sign),
        S::Register => td_string!(locale, cooperation.step_register),
        S::Progress => td_string!(locale, cooperation.step_progress),
        S::Complete => td_string!(locale, cooperation.step_complete),
        S::Report => td_string!(locale, cooperation.step_report),
        S::Terminate => td_string!(locale, cooperation.step_terminate),
    }
}

/// How often a user gets e-mail, by stored name.
/// How figures over time are grouped, by its name in the URL.
pub fn period(locale: Locale, name: &str) -> String {
    match name {
        "month" => td_string!(locale, statistics.period_month),
        "quarter" => td_string!(locale, statistics.period_quarter),
        "year" => td_string!(locale, statistics.period_year),
        _ => "",
    }
    .to_owned()
}

/// A step of the funnel from a posted need to a completed cooperation.
pub fn funnel_step(locale: Locale, name: &str) -> String {
    match name {
        "posted" => td_string!(locale, statistics.step_posted),
        "published" => td_string!(locale, statistics.step_published),
        "interest" => td_string!(locale, statistics.step_interest),
        "introduced" => td_string!(locale, statistics.step_introduced),
        "signed" => td_string!(locale, statistics.step_signed),
        "completed" => td_string!(locale, statistics.step_completed),
        _ => "",
    }
    .to_owned()
}

/// A step whose duration is measured.
pub fn lead(locale: Locale, name: &str) -> String {
    match name {
        "submitted_to_published" => td_string!(locale, statistics.lead_submitted_to_published),
        "published_to_interest" => td_string!(locale, statistics.lead_published_to_interest),
        "introduced_to_signed" => td_string!(locale, statistics.lead_introduced_to_signed),
        _ => "",
    }
    .to_owned()
}

/// Why an export was refused, by its HTTP status, saying what to do.
pub fn export_refused(locale: Locale, status: u16) -> &'static str {
    match status {
        401 => td_string!(locale, export.sign_in),
        403 => td_string!(locale, export.forbidden),
        404 => td_string!(locale, export.not_found),
        _ => td_string!(locale, export.invalid),
    }
}

/// What the map shades the regencies by.
pub fn map_figure(locale: Locale, figure: MapFigure) -> String {
    match figure {
        MapFigure::OpenNeeds => td_string!(locale, statistics.open_needs),
        MapFigure::Cooperations => td_string!(locale, statistics.cooperations),
        MapFigure::NeverServed => td_string!(locale, statistics.villages_never_served),
    }
    .to_owned()
}

/// A village's state on the map.
pub fn village_state(locale: Locale, state: VillageState) -> String {
    match state {
        VillageState::Cooperation => td_string!(locale, statistics.state_cooperation),
        VillageState::Open => td_string!(locale, statistics.state_open),
        VillageState::Other => td_string!(locale, statistics.state_other),
    }
    .to_owned()
}

pub fn email_frequency(locale: Locale, name: &str) -> String {
    match name {
        "immediate" => td_string!(locale, notifications.email_immediate),
        "daily" => td_string!(locale, notifications.email_daily),
        "weekly" => td_string!(locale, notifications.email_weekly),
        "never" => td_string!(locale, notifications.email_never),
        _ => "",
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_translated_with_their_numbers() {
        assert_eq!(problem(Locale::en, &Problem::TooShort { min: 10 }), "Use at least 10 characters.");
        assert_eq!(problem(Locale::id, &Problem::TooShort { min: 10 }), "Minimal 10 karakter.");
        assert_ne!(problem(Locale::id, &Problem::Required), problem(Locale::en, &Problem::Required));
    }

    /// Every key of one locale file exists in the other (leptos_i18n would silently
    /// fall back to the default locale otherwise).
    #[test]
    fn both_locales_have_the_same_keys() {
        fn keys(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        keys(&format!("{prefix}{k}."), v, out);
                    }
                }
                _ => out.push(prefix.trim_end_matches('.').to_owned()),
            }
        }
        let read = |name: &str| -> Vec<String> {
            let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let mut out = Vec::new();
            keys("", &json, &mut out);
            out.sort();
            out
        };
        let (id, en) = (read("id"), read("en"));
        let missing_en: Vec<_> = id.iter().filter(|k| !en.contains(k)).collect();
        let missing_id: Vec<_> = en.iter().filter(|k| !id.contains(k)).collect();
        assert!(missing_en.is_empty(), "keys missing in en.json: {missing_en:?}");
        assert!(missing_id.is_empty(), "keys missing in id.json: {missing_id:?}");
    }
}
