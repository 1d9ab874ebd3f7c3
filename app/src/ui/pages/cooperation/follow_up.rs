//! After signing: progress updates, the outcome, the village head's report and an early
//! end — each shown, and each form offered to whom may use it now.

use crate::api::cooperations::{AddCooperationProgress, CompleteCooperation, ReportCooperation, TerminateCooperation};
use crate::domain::cooperation::Step;
use crate::domain::lifecycle::AgreementStatus;
use crate::domain::posting::DevelopmentStatus;
use crate::i18n::*;
use crate::ui::components::form::{action_result, field_error, Field, FormAlert, SelectField, TextArea};
use crate::wire::cooperations::CooperationFollowUp;
use crate::wire::{format, text};
use leptos::prelude::*;

#[component]
pub fn FollowUpSection(
    agreement_id: i64,
    status: AgreementStatus,
    steps: Vec<Step>,
    follow_up: CooperationFollowUp,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = follow_up;
    let shows_progress = !f.progress.is_empty() || steps.contains(&Step::Progress);
    view! {
        {shows_progress.then(|| view! {
            <section aria-labelledby="progress-title">
                <h2 id="progress-title">{t!(i18n, cooperation.progress)}</h2>
                {steps.contains(&Step::Progress).then(|| view! { <ProgressForm agreement_id/> })}
                {if f.progress.is_empty() {
                    view! { <p class="empty">{t!(i18n, cooperation.no_progress)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="history" data-testid="progress">
                            {f.progress.iter().cloned().map(|p| view! {
                                <li>
                                    <span class="muted small">{format::date_time(&p.reported_on)}</span> " " {p.author} " — "
                                    {p.percent.map(|n| format!("{n}% · "))}
                                    <span class="pre-line">{p.text}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        })}
        {(status == AgreementStatus::Completed).then(|| {
            let f = f.clone();
            let status_after = f.status_after.clone();
            view! {
                <section aria-labelledby="outcome-title" data-testid="outcome">
                    <h2 id="outcome-title">{t!(i18n, cooperation.outcome)}</h2>
                    <p class="pre-line">{f.outcome.clone()}</p>
                    <dl class="facts">
                        {f.ended_on.clone().map(|d| view! { <div><dt>{t!(i18n, cooperation.ended_on)}</dt><dd>{format::date(&d)}</dd></div> })}
                        {f.beneficiaries.clone().map(|n| view! { <div><dt>{t!(i18n, cooperation.beneficiaries)}</dt><dd>{n}</dd></div> })}
                        {status_after.map(|s| {
                            let year = f.status_after_year.clone().unwrap_or_default();
                            view! { <div><dt>{t!(i18n, cooperation.status_after)}</dt><dd>{move || text::development_status(i18n.get_locale(), &s)} " " {year}</dd></div> }
                        })}
                        <div><dt>{t!(i18n, cooperation.reported_to_bpd_on)}</dt><dd>{f.reported_to_bpd_on.clone().map(|d| format::date(&d)).unwrap_or_else(|| "—".into())}</dd></div>
                        <div><dt>{t!(i18n, cooperation.copied_to_regent_on)}</dt><dd>{f.copied_to_regent_on.clone().map(|d| format::date(&d)).unwrap_or_else(|| "—".into())}</dd></div>
                    </dl>
                </section>
            }
        })}
        {(status == AgreementStatus::Terminated).then(|| {
            let f = f.clone();
            view! {
                <section aria-labelledby="ended-title">
                    <h2 id="ended-title">{t!(i18n, cooperation.terminated)}</h2>
                    <p class="pre-line">{f.termination_reason.clone()}</p>
                    {f.settler.clone().map(|settler| view! {
                        <p class="notice">{t!(i18n, cooperation.settled_by)} " "
                            {move || text::cooperation_choice(i18n.get_locale(), &settler)}</p>
                    })}
                </section>
            }
        })}
        {steps.contains(&Step::Complete).then(|| view! { <CompleteForm agreement_id/> })}
        {(steps.contains(&Step::Report) && f.report_due).then(|| view! { <ReportForm agreement_id/> })}
        {steps.contains(&Step::Terminate).then(|| view! { <TerminateForm agreement_id/> })}
    }
}

#[component]
fn ProgressForm(agreement_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddCooperationProgress>::new();
    let value = action_result(add);
    view! {
        <FormAlert value/>
        <ActionForm action=add attr:class="stack">
            <input type="hidden" name="agreement_id" value=agreement_id.to_string()/>
            <TextArea label=Signal::derive(move || t_string!(i18n, cooperation.progress_text).to_string()) name="text"
                post_as="text" rows=3 error=field_error(value, "text") value=Signal::derive(String::new)/>
            <Field label=Signal::derive(move || t_string!(i18n, cooperation.percent).to_string()) name="percent"
                kind="number" required=false error=field_error(value, "percent")/>
            <button type="submit" class="button">{t!(i18n, cooperation.add_progress)}</button>
        </ActionForm>
    }
}

#[component]
fn CompleteForm(agreement_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let complete = ServerAction::<CompleteCooperation>::new();
    let value = action_result(complete);
    let statuses = DevelopmentStatus::ALL.iter().map(|s| s.as_str()).collect();
    view! {
        <section class="moderation-panel" aria-labelledby="complete-title">
            <h2 id="complete-title">{t!(i18n, cooperation.complete)}</h2>
            <FormAlert value/>
            <ActionForm action=complete attr:class="stack">
                <input type="hidden" name="agreement_id" value=agreement_id.to_string()/>
                <Field label=Signal::derive(move || t_string!(i18n, cooperation.ended_on).to_string()) name="ended_on"
                    kind="date" post_as="completion[ended_on]" error=field_error(value, "ended_on")/>
                <TextArea label=Signal::derive(move || t_string!(i18n, cooperation.outcome).to_string()) name="outcome"
                    post_as="completion[outcome]" rows=4 error=field_error(value, "outcome") value=Signal::derive(String::new)/>
                <Field label=Signal::derive(move || t_string!(i18n, cooperation.beneficiaries).to_string()) name="beneficiaries"
                    post_as="completion[beneficiaries]" error=field_error(value, "beneficiaries")/>
                <SelectField label=Signal::derive(move || t_string!(i18n, cooperation.status_after).to_string()) name="status_after"
                    post_as="completion[status_after]" options=statuses name_of=text::development_status
                    placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                    error=field_error(value, "status_after") value=Signal::derive(String::new) required=false/>
                <Field label=Signal::derive(move || t_string!(i18n, cooperation.status_after_year).to_string()) name="status_after_year"
                    kind="number" post_as="completion[status_after_year]" required=false error=field_error(value, "status_after_year")/>
                <ReportDates value prefix="completion"/>
                <button type="submit" class="button">{t!(i18n, cooperation.complete)}</button>
            </ActionForm>
        </section>
    }
}

/// The two dates of the village head's report (`prefix[…]` inside a larger form).
#[component]
fn ReportDates(
    value: crate::ui::components::form::ActionResult,
    #[prop(optional)] prefix: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = move |field: &str| prefix.map(|p| format!("{p}[{field}]")).unwrap_or_else(|| field.to_owned());
    view! {
        <Field label=Signal::derive(move || t_string!(i18n, cooperation.reported_to_bpd_on).to_string()) name="reported_to_bpd_on"
            kind="date" post_as=name("reported_to_bpd_on") required=false error=field_error(value, "reported_to_bpd_on")/>
        <Field label=Signal::derive(move || t_string!(i18n, cooperation.copied_to_regent_on).to_string()) name="copied_to_regent_on"
            kind="date" post_as=name("copied_to_regent_on") required=false error=field_error(value, "copied_to_regent_on")/>
    }
}

#[component]
fn ReportForm(agreement_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let report = ServerAction::<ReportCooperation>::new();
    let value = action_result(report);
    view! {
        <section class="moderation-panel" aria-labelledby="report-title">
            <h2 id="report-title">{t!(i18n, cooperation.report)}</h2>
            <p class="hint">{t!(i18n, cooperation.report_hint)}</p>
            <FormAlert value/>
            <ActionForm action=report attr:class="stack">
                <input type="hidden" name="agreement_id" value=agreement_id.to_string()/>
                <ReportDates value/>
                <button type="submit" class="button">{t!(i18n, cooperation.save_report)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TerminateForm(agreement_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let terminate = ServerAction::<TerminateCooperation>::new();
    let value = action_result(terminate);
    view! {
        <details class="decline">
            <summary>{t!(i18n, cooperation.terminate)}</summary>
            <FormAlert value/>
            <ActionForm action=terminate attr:class="stack">
                <input type="hidden" name="agreement_id" value=agreement_id.to_string()/>
                <Field label=Signal::derive(move || t_string!(i18n, cooperation.terminated_on).to_string()) name="terminated_on"
                    kind="date" error=field_error(value, "terminated_on")/>
                <TextArea label=Signal::derive(move || t_string!(i18n, cooperation.termination_reason).to_string()) name="reason"
                    post_as="reason" rows=3 error=field_error(value, "reason") value=Signal::derive(String::new)/>
                <SelectField label=Signal::derive(move || t_string!(i18n, cooperation.dispute).to_string()) name="dispute"
                    post_as="dispute" options=vec!["open", "deliberation_failed"] name_of=text::cooperation_choice
                    placeholder=Signal::derive(move || t_string!(i18n, cooperation.no_dispute).to_string())
                    error=field_error(value, "dispute") value=Signal::derive(String::new) required=false/>
                <button type="submit" class="button button-quiet">{t!(i18n, cooperation.terminate)}</button>
            </ActionForm>
        </details>
    }
}
