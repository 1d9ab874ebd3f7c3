//! `/kerja-sama/:id`: one cooperation. Its people (both sides, the regency's staff, province
//! staff) see the whole record and the actions of its state; everybody else sees what the
//! public may know once it is signed (never contacts, never drafts), or nothing (404).

use super::follow_up::FollowUpSection;
use super::record_form::{RecordForm, RecordView};
use crate::api::cooperations::{cooperation_page, RegisterCooperation, SignCooperation};
use crate::domain::cooperation::{Clause, Step};
use crate::i18n::*;
use crate::ui::components::cooperation::{period, CooperationBadge};
use crate::ui::components::form::{action_result, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::wire::cooperations::{CooperationLine, CooperationShown, CooperationView};
use crate::wire::error::AppError;
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CooperationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let shown = Resource::new(id, |id| async move {
        match id {
            Some(id) => cooperation_page(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=Loading>
            {move || shown.get().map(|result| match result {
                Ok(CooperationShown::Insider(view)) => view! { <InsiderView view=*view/> }.into_any(),
                Ok(CooperationShown::Public(line)) => view! { <PublicView line=*line/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PublicView(line: CooperationLine) -> impl IntoView {
    let i18n = use_i18n();
    let title = line.title.clone();
    let sector = line.sector.clone();
    view! {
        <PageMeta title=Signal::derive(move || t_string!(i18n, cooperation.page_title, title = title.clone()))
            description=Signal::derive(move || t_string!(i18n, cooperation.list_lead).to_string())/>
        <p class="breadcrumb"><a href="/kerja-sama">{t!(i18n, cooperation.list_title)}</a></p>
        <h1>{line.title.clone()}</h1>
        <dl class="facts" data-testid="cooperation-public">
            <div><dt>{t!(i18n, cooperation.status)}</dt><dd><CooperationBadge status=line.status/></dd></div>
            <div><dt>{t!(i18n, cooperation.village)}</dt><dd>
                <a href=format!("/desa/{}", line.village_code)>{line.village_name.clone()}</a> ", " {line.regency_name.clone()}
            </dd></div>
            <div><dt>{t!(i18n, cooperation.partner)}</dt><dd>
                <a href=format!("/mitra/{}", line.organisation_id)>{line.organisation_name.clone()}</a>
            </dd></div>
            <div><dt>{t!(i18n, opportunities.sector)}</dt><dd>{move || text::sector(i18n.get_locale(), &sector)}</dd></div>
            {period(line.starts_on.as_deref(), line.ends_on.as_deref()).map(|p| view! {
                <div><dt>{t!(i18n, cooperation.period)}</dt><dd>{p}</dd></div>
            })}
            {line.beneficiaries.map(|n| view! {
                <div><dt>{t!(i18n, cooperation.beneficiaries)}</dt><dd>{move || format::thousands(i18n.get_locale(), n)}</dd></div>
            })}
        </dl>
        {line.outcome.clone().map(|outcome| view! {
            <section aria-labelledby="outcome-title">
                <h2 id="outcome-title">{t!(i18n, cooperation.outcome)}</h2>
                <p class="pre-line">{outcome}</p>
            </section>
        })}
    }
}

#[component]
fn InsiderView(view: CooperationView) -> impl IntoView {
    let i18n = use_i18n();
    let sign = ServerAction::<SignCooperation>::new();
    let register = ServerAction::<RegisterCooperation>::new();
    let (sign_value, register_value) = (action_result(sign), action_result(register));
    let id = view.agreement_id.to_string();
    let title = view.need_title.clone();
    let steps = view.steps.clone();
    let f = view.follow_up.clone();
    let blockers = view.sign_blockers.clone();
    view! {
        <PageMeta title=Signal::derive(move || t_string!(i18n, cooperation.page_title, title = title.clone()))
            description=Signal::derive(move || t_string!(i18n, cooperation.list_lead).to_string())/>
        <p class="breadcrumb">
            <a href="/kerja-sama">{t!(i18n, cooperation.list_title)}</a> " · "
            <a href=format!("/kecocokan/{}", view.need_match_id)>{t!(i18n, matching.heading)}</a>
        </p>
        <h1>{view.need_title.clone()}</h1>
        <dl class="facts">
            <div><dt>{t!(i18n, cooperation.status)}</dt><dd><CooperationBadge status=view.status/></dd></div>
            <div><dt>{t!(i18n, cooperation.village)}</dt><dd>{view.village_name.clone()} ", " {f.regency_name.clone()}</dd></div>
            <div><dt>{t!(i18n, cooperation.partner)}</dt><dd>{view.organisation_name.clone()}</dd></div>
            <div><dt>{t!(i18n, cooperation.registered)}</dt><dd data-testid="registered">
                {match f.registered_on.clone() {
                    Some(day) => format::date(&day).into_any(),
                    None => view! { {t!(i18n, cooperation.not_registered)} }.into_any(),
                }}
            </dd></div>
            {f.status_at_signing.clone().map(|status| {
                let year = f.status_at_signing_year.clone().unwrap_or_default();
                let index = f.status_at_signing_index.clone().unwrap_or_default();
                view! {
                    <div><dt>{t!(i18n, cooperation.status_at_signing)}</dt><dd>
                        {move || text::development_status(i18n.get_locale(), &status)} " " {year} " " {index.to_uppercase().replace('_', " ")}
                    </dd></div>
                }
            })}
        </dl>
        {f.report_due.then(|| view! { <p class="alert alert-warning" data-testid="report-due">{t!(i18n, cooperation.report_due)}</p> })}
        {f.progress_overdue.then(|| view! { <p class="alert alert-warning">{t!(i18n, cooperation.progress_overdue)}</p> })}
        <p class="print-links">
            <a href=format!("/kerja-sama/{}/cetak", view.agreement_id)>{t!(i18n, cooperation.print_agreement)}</a>
            {(!matches!(view.status, crate::domain::lifecycle::AgreementStatus::Draft)).then(|| view! {
                " · " <a href=format!("/kerja-sama/{}/laporan", view.agreement_id)>{t!(i18n, cooperation.print_report)}</a>
            })}
        </p>
        {(steps.contains(&Step::Sign) || steps.contains(&Step::Register)).then(|| {
            let (sign_id, register_id) = (id.clone(), id.clone());
            let ready = blockers.is_empty();
            let missing = blockers.clone();
            view! {
                <section class="moderation-panel" aria-labelledby="sign-title">
                    <h2 id="sign-title">{t!(i18n, cooperation.signing)}</h2>
                    {(!ready).then(|| view! {
                        <p data-testid="sign-blockers">{t!(i18n, cooperation.still_needed)} " "
                            {move || missing.iter().map(|f| field_label(i18n.get_locale(), f)).collect::<Vec<_>>().join(", ")}
                        </p>
                    })}
                    <FormAlert value=sign_value/>
                    <FormAlert value=register_value/>
                    {steps.contains(&Step::Sign).then(|| view! {
                        <ActionForm action=sign attr:class="inline-form">
                            <input type="hidden" name="agreement_id" value=sign_id/>
                            <button type="submit" class="button">{t!(i18n, cooperation.sign)}</button>
                        </ActionForm>
                    })}
                    {steps.contains(&Step::Register).then(|| view! {
                        <p class="hint">{t!(i18n, cooperation.register_hint)}</p>
                        <ActionForm action=register attr:class="inline-form">
                            <input type="hidden" name="agreement_id" value=register_id/>
                            <button type="submit" class="button">{t!(i18n, cooperation.register)}</button>
                        </ActionForm>
                    })}
                </section>
            }
        })}
        <Checklist complete=view.complete_clauses.clone()/>
        {if view.can_edit {
            view! { <RecordForm agreement_id=view.agreement_id record=view.record.clone()/> }.into_any()
        } else {
            view! { <RecordView record=view.record.clone()/> }.into_any()
        }}
        <FollowUpSection agreement_id=view.agreement_id status=view.status steps=view.steps.clone() follow_up=f.clone()/>
    }
}

/// The eight clauses, each marked written or not.
#[component]
fn Checklist(complete: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="checklist-title">
            <h2 id="checklist-title">{t!(i18n, cooperation.checklist)}</h2>
            <ul class="checklist" data-testid="clause-checklist">
                {Clause::ALL.iter().map(|clause| {
                    let done = complete.iter().any(|c| c == clause.as_str());
                    let clause = *clause;
                    view! {
                        <li class:done=done>
                            <span aria-hidden="true">{if done { "✓ " } else { "○ " }}</span>
                            {move || text::clause(i18n.get_locale(), clause)} " — "
                            {move || if done { t_string!(i18n, cooperation.written) } else { t_string!(i18n, cooperation.not_written) }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The label of a record's field, for "still needed: …".
pub fn field_label(locale: Locale, field: &str) -> String {
    if let Some(clause) = field.strip_prefix("clause_").and_then(Clause::parse) {
        return text::clause(locale, clause).to_owned();
    }
    match field {
        "musdes_held_on" => td_string!(locale, cooperation.musdes_held_on),
        "village_head" => td_string!(locale, cooperation.village_head),
        "partner_representative" => td_string!(locale, cooperation.partner_representative),
        "partner_title" => td_string!(locale, cooperation.partner_title),
        "signed_on" => td_string!(locale, cooperation.signed_on),
        "starts_on" => td_string!(locale, cooperation.starts_on),
        _ => field,
    }
    .to_owned()
}
