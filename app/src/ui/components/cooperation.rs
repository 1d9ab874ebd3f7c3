//! A cooperation in a list (on `/kerja-sama`, a village's and a partner's page, the
//! dashboard), with only what the public may know of it.

use crate::i18n::*;
use crate::wire::cooperations::CooperationLine;
use crate::wire::{format, text};
use leptos::prelude::*;

/// Its period: "1-12-2026 – 31-5-2027", or the part that is known.
pub fn period(starts_on: Option<&str>, ends_on: Option<&str>) -> Option<String> {
    match (starts_on, ends_on) {
        (Some(start), Some(end)) => Some(format!("{} – {}", format::date(start), format::date(end))),
        (Some(start), None) => Some(format!("{} –", format::date(start))),
        (None, Some(end)) => Some(format!("– {}", format::date(end))),
        (None, None) => None,
    }
}

/// The status of a cooperation as a badge.
#[component]
pub fn CooperationBadge(status: crate::domain::lifecycle::AgreementStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge badge-{}", status.as_str()) data-testid="cooperation-status">
            {move || text::agreement_status(i18n.get_locale(), status)}
        </span>
    }
}

#[component]
pub fn CooperationItem(line: CooperationLine, #[prop(optional)] note: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sector = line.sector.clone();
    let beneficiaries = line.beneficiaries;
    view! {
        <li class="card">
            <h2 class="card-title"><a href=format!("/kerja-sama/{}", line.agreement_id)>{line.title.clone()}</a></h2>
            <p class="card-meta">
                <CooperationBadge status=line.status/> " "
                <a href=format!("/desa/{}", line.village_code)>{line.village_name.clone()}</a>
                ", " {line.regency_name.clone()} " · "
                <a href=format!("/mitra/{}", line.organisation_id)>{line.organisation_name.clone()}</a>
            </p>
            {note.map(|note| view! { <p class="alert alert-warning">{note}</p> })}
            {period(line.starts_on.as_deref(), line.ends_on.as_deref()).map(|p| view! {
                <p class="muted small">{t!(i18n, cooperation.period)} ": " {p}</p>
            })}
            {line.outcome.clone().map(|outcome| view! { <p class="pre-line">{outcome}</p> })}
            <p class="tags">
                <span class="tag">{move || text::sector(i18n.get_locale(), &sector)}</span>
                {beneficiaries.map(|n| view! {
                    <span class="tag">{move || t_string!(i18n, cooperation.beneficiaries_count, count = format::thousands(i18n.get_locale(), n))}</span>
                })}
            </p>
        </li>
    }
}

/// The public cooperations of a village or a partner (signed or later), or nothing.
#[component]
pub fn CooperationsOf(lines: Vec<CooperationLine>) -> impl IntoView {
    let i18n = use_i18n();
    (!lines.is_empty()).then(|| {
        view! {
            <section aria-labelledby="cooperations-title">
                <h2 id="cooperations-title">{t!(i18n, cooperation.list_title)}</h2>
                <ul class="cards" data-testid="cooperations">
                    {lines.into_iter().map(|line| view! { <CooperationItem line/> }).collect_view()}
                </ul>
            </section>
        }
    })
}
