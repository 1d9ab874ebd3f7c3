//! `/peluang/:id`: one need. Visitors see it once published; its village's operators and
//! the staff of its regency see it in every state, with what they may do about it.

use crate::api::matches::ProposeMatch;
use crate::api::moderation::{DecideNeed, DecideNeedRevision};
use crate::api::need_posting::{SubmitNeed, WithdrawNeed};
use crate::api::needs::{get_need, NeedDetail, NeedRevision};
use crate::api::suggestions::{need_panel_for_caller, NeedPanel};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::NeedInput;
use crate::error::AppError;
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::format;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NeedPage() -> impl IntoView {
    let params = use_params_map();
    let need_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let submit = ServerAction::<SubmitNeed>::new();
    let withdraw = ServerAction::<WithdrawNeed>::new();
    let need = Resource::new(
        move || (need_id(), submit.version().get(), withdraw.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_need(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // Created here, never inside the view's branches: see `NeedPanel`.
    let propose = ServerAction::<ProposeMatch>::new();
    let panel = Resource::new(
        move || (need_id(), submit.version().get(), withdraw.version().get(), propose.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => need_panel_for_caller(id).await,
                None => Ok(NeedPanel::Nothing),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || need.get().map(|result| match result {
                Ok(need) => view! { <NeedView need submit withdraw panel propose/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn NeedView(
    need: NeedDetail,
    submit: ServerAction<SubmitNeed>,
    withdraw: ServerAction<WithdrawNeed>,
    panel: Resource<Result<NeedPanel, AppError>>,
    propose: ServerAction<ProposeMatch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base_url = move || session.info.get().and_then(|r| r.ok()).map(|info| info.base_url).unwrap_or_default();
    let path = format!("/peluang/{}", need.need_id);
    let url = Signal::derive({
        let path = path.clone();
        move || format!("{}{path}", base_url())
    });
    let title = need.content.title.clone();
    let description = {
        let place = format!("{}, {}, {}", need.village_name, need.district_name, need.regency_name);
        let summary: String = need.content.description.chars().take(160).collect();
        format!("{place}. {summary}")
    };
    let share = {
        let (village, regency, title) = (need.village_name.clone(), need.regency_name.clone(), title.clone());
        move || {
            let text = t_string!(
                i18n,
                need.share_text,
                village = village.clone(),
                regency = regency.clone(),
                title = title.clone()
            );
            format::whatsapp_link(&text, &url.get())
        }
    };
    let status = need.status;
    let insider = need.can_edit || need.can_moderate || need.pending_revision.is_some() || !status.is_public();
    let reason = need.status_reason.clone().unwrap_or_default();
    let need_id = need.need_id;
    let can_submit = need.can_edit && status.is_editable_draft();
    let can_withdraw = need.can_edit && status.apply(crate::domain::lifecycle::PostingAction::Withdraw).is_ok();
    let submit_value = action_result(submit);
    let withdraw_value = action_result(withdraw);
    view! {
        <PageMeta
            title=Signal::derive({ let t = title.clone(); move || t.clone() })
            description=Signal::derive(move || description.clone())
            url
        />
        <p class="breadcrumb"><a href="/peluang">{t!(i18n, opportunities.title)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="card-meta">
            <a href=format!("/desa/{}", need.village_code)>{need.village_name.clone()}</a>
            " · " {need.district_name.clone()} " · " {need.regency_name.clone()}
        </p>
        {insider.then(|| view! {
            <p>
                <span class=format!("badge badge-{}", status.as_str()) data-testid="need-status">
                    {move || text::posting_status(i18n.get_locale(), status)}
                </span>
            </p>
        })}
        {(need.can_edit || need.can_moderate).then(|| {
            let reason = reason.clone();
            match status {
                PostingStatus::Draft => Some(view! { <p class="notice">{t!(i18n, need.draft_note)}</p> }.into_any()),
                PostingStatus::Submitted => Some(view! { <p class="notice">{t!(i18n, need.submitted_note)}</p> }.into_any()),
                PostingStatus::Returned => Some(view! {
                    <p class="alert alert-warning" data-testid="status-reason">{move || t_string!(i18n, need.returned_note, reason = reason.clone())}</p>
                }.into_any()),
                PostingStatus::Rejected => Some(view! {
                    <p class="alert alert-error" data-testid="status-reason">{move || t_string!(i18n, need.rejected_note, reason = reason.clone())}</p>
                }.into_any()),
                _ => None,
            }
        })}
        <Facts content=need.content.clone()/>
        <div class="prose">
            {need.content.description.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}
        </div>
        {need.published_at.clone().filter(|_| status.is_public()).map(|at| {
            let date = format::date(&at);
            view! { <p class="muted small">{move || t_string!(i18n, need.published_on, date = date.clone())}</p> }
        })}
        {status.is_public().then(|| view! {
            <p><a class="button button-secondary" href=share target="_blank" rel="noopener">{t!(i18n, need.share)}</a></p>
        })}
        {(can_submit || can_withdraw || need.can_edit).then(|| view! {
            <div class="owner-actions">
                <FormAlert value=submit_value/>
                <FormAlert value=withdraw_value/>
                {need.can_edit.then(|| view! {
                    <a class="button button-secondary" href=format!("/kebutuhan/{need_id}/ubah")>{t!(i18n, need.edit)}</a>
                })}
                {can_submit.then(|| view! {
                    <ActionForm action=submit attr:class="inline-form">
                        <input type="hidden" name="need_id" value=need_id.to_string()/>
                        <button type="submit" class="button">
                            {move || if status == PostingStatus::Returned { t_string!(i18n, need.resubmit) } else { t_string!(i18n, need.submit) }}
                        </button>
                    </ActionForm>
                })}
                {can_withdraw.then(|| view! {
                    <ActionForm action=withdraw attr:class="inline-form">
                        <input type="hidden" name="need_id" value=need_id.to_string()/>
                        <button type="submit" class="button button-quiet">{t!(i18n, need.withdraw)}</button>
                    </ActionForm>
                })}
            </div>
        })}
        {(status == PostingStatus::Published).then(|| view! {
            <crate::ui::components::matchmaking::NeedMatchmaking need_id panel propose/>
        })}
        {need.pending_revision.clone().map(|revision| view! { <PendingRevision revision can_moderate=need.can_moderate/> })}
        {(need.can_moderate && status == PostingStatus::Submitted).then(|| view! { <DecisionForm need_id/> })}
    }
}

/// The need's facts as a definition list.
#[component]
fn Facts(content: NeedInput) -> impl IntoView {
    let i18n = use_i18n();
    let NeedInput { support_type, resource_kind, sector, beneficiaries, window_start, window_end, value_idr, .. } =
        content;
    let window = (!window_start.is_empty() || !window_end.is_empty()).then(|| {
        let (start, end) = (format::date(&window_start), format::date(&window_end));
        move || t_string!(i18n, need.window_range, start = start.clone(), end = end.clone())
    });
    let value = value_idr.parse::<i64>().ok();
    view! {
        <dl class="facts">
            <div>
                <dt>{t!(i18n, need.support)}</dt>
                <dd>
                    {move || text::support(i18n.get_locale(), &support_type)}
                    {(!resource_kind.is_empty()).then(|| {
                        let kind = resource_kind.clone();
                        move || format!(" · {}", text::resource(i18n.get_locale(), &kind))
                    })}
                </dd>
            </div>
            <div><dt>{t!(i18n, need.sector)}</dt><dd>{move || text::sector(i18n.get_locale(), &sector)}</dd></div>
            {(!beneficiaries.is_empty()).then(|| view! {
                <div><dt>{t!(i18n, need.beneficiaries)}</dt><dd>{beneficiaries.clone()}</dd></div>
            })}
            <div>
                <dt>{t!(i18n, need.window)}</dt>
                <dd>{match window {
                    Some(window) => window.into_any(),
                    None => (move || t_string!(i18n, need.window_open)).into_any(),
                }}</dd>
            </div>
            {value.map(|value| view! {
                <div>
                    <dt>{t!(i18n, need.value)}</dt>
                    <dd>{move || t_string!(i18n, need.value_amount, value = format::thousands(i18n.get_locale(), value))}</dd>
                </div>
            })}
        </dl>
    }
}

#[component]
fn PendingRevision(revision: NeedRevision, can_moderate: bool) -> impl IntoView {
    let i18n = use_i18n();
    let revision_id = revision.revision_id;
    view! {
        <section class="revision" aria-labelledby="revision-title">
            <h2 id="revision-title">{t!(i18n, need.pending_revision)}</h2>
            <p class="muted">{t!(i18n, need.pending_revision_note)}</p>
            <h3>{revision.content.title.clone()}</h3>
            <Facts content=revision.content.clone()/>
            <p class="pre-line">{revision.content.description.clone()}</p>
            {can_moderate.then(|| view! { <RevisionDecisionForm revision_id/> })}
        </section>
    }
}

/// Approve, return or reject a submitted need, with a reason.
#[component]
fn DecisionForm(need_id: i64) -> impl IntoView {
    let action = ServerAction::<DecideNeed>::new();
    let value = action_result(action);
    view! {
        <DecisionPanel value>
            <ActionForm action attr:class="stack decision-form" attr:novalidate=true>
                <input type="hidden" name="need_id" value=need_id.to_string()/>
                <DecisionInputs value allow_reject=true/>
            </ActionForm>
        </DecisionPanel>
    }
}

/// Approve or return a pending change to a published need (rejecting it makes no sense:
/// the published version stays either way).
#[component]
fn RevisionDecisionForm(revision_id: i64) -> impl IntoView {
    let action = ServerAction::<DecideNeedRevision>::new();
    let value = action_result(action);
    view! {
        <DecisionPanel value>
            <ActionForm action attr:class="stack decision-form" attr:novalidate=true>
                <input type="hidden" name="revision_id" value=revision_id.to_string()/>
                <DecisionInputs value allow_reject=false/>
            </ActionForm>
        </DecisionPanel>
    }
}

/// The frame of a decision form: heading and the general error.
#[component]
pub fn DecisionPanel(value: crate::ui::components::form::ActionResult, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="moderation-panel" aria-labelledby="decision-title">
            <h2 id="decision-title">{t!(i18n, need.moderate)}</h2>
            <FormAlert value/>
            {children()}
        </section>
    }
}

#[component]
pub fn DecisionInputs(value: crate::ui::components::form::ActionResult, allow_reject: bool) -> impl IntoView {
    let i18n = use_i18n();
    let decision_error = field_error(value, "decision");
    let reason_error = field_error(value, "reason");
    view! {
        <fieldset class="choices" aria-describedby=move || decision_error.get().map(|_| "f-decision-error")>
            <legend>{t!(i18n, need.decision)}</legend>
            <label><input type="radio" name="decision" value="approve" required=true/> " " {t!(i18n, need.approve)}</label>
            <label><input type="radio" name="decision" value="return"/> " " {t!(i18n, need.send_back)}</label>
            {allow_reject.then(|| view! {
                <label><input type="radio" name="decision" value="reject"/> " " {t!(i18n, need.reject)}</label>
            })}
            {move || decision_error.get().map(|m| view! { <p class="field-error" id="f-decision-error">{m}</p> })}
        </fieldset>
        <div class="field" class:has-error=move || reason_error.get().is_some()>
            <label for="f-reason">{t!(i18n, need.reason)}</label>
            <p class="hint" id="f-reason-hint">{t!(i18n, need.reason_hint)}</p>
            <textarea id="f-reason" name="reason" rows="3"
                aria-invalid=move || reason_error.get().is_some().then_some("true")
                aria-describedby=move || if reason_error.get().is_some() { "f-reason-hint f-reason-error" } else { "f-reason-hint" }
            ></textarea>
            {move || reason_error.get().map(|m| view! { <p class="field-error" id="f-reason-error">{m}</p> })}
        </div>
        <button type="submit" class="button">{t!(i18n, need.decide)}</button>
    }
}
