//! `/penawaran/:id`: one offer. Visitors see it once published by a verified partner;
//! the partner's members and the staff who moderate it see every state, with what they
//! may do about it.

use crate::api::moderation::{DecideOffer, DecideOfferRevision};
use crate::api::offer_posting::{get_offer_detail, OfferDetail, OfferRevision, SubmitOffer, WithdrawOffer};
use crate::api::offers::OfferCard;
use crate::api::suggestions::{offer_panel_for_caller, OfferPanel};
use crate::domain::lifecycle::{PostingAction, PostingStatus};
use crate::domain::organisation::OrganisationStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::format;
use crate::ui::pages::need_detail::{DecisionInputs, DecisionPanel};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let offer_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let submit = ServerAction::<SubmitOffer>::new();
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let offer = Resource::new(
        move || (offer_id(), submit.version().get(), withdraw.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_offer_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // Created here, never inside the view's branches: see `OfferPanel`.
    let panel = Resource::new(
        move || (offer_id(), submit.version().get(), withdraw.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => offer_panel_for_caller(id).await,
                None => Ok(OfferPanel::Nothing),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || offer.get().map(|result| match result {
                Ok(offer) => view! { <OfferView offer submit withdraw panel/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn OfferView(
    offer: OfferDetail,
    submit: ServerAction<SubmitOffer>,
    withdraw: ServerAction<WithdrawOffer>,
    panel: Resource<Result<OfferPanel, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let OfferDetail {
        card, status, status_reason, organisation_status, pending_revision, can_edit, can_moderate, ..
    } = offer;
    let offer_id = card.offer_id;
    let path = format!("/penawaran/{offer_id}");
    let url = Signal::derive(move || {
        let base = session.info.get().and_then(|r| r.ok()).map(|info| info.base_url).unwrap_or_default();
        format!("{base}{path}")
    });
    let description = {
        let summary: String = card.description.chars().take(160).collect();
        format!("{}. {summary}", card.organisation_name)
    };
    let public = status.is_public() && organisation_status == OrganisationStatus::Verified;
    let share = {
        let (organisation, title) = (card.organisation_name.clone(), card.title.clone());
        move || {
            let text = t_string!(i18n, offers.share_text, organisation = organisation.clone(), title = title.clone());
            format::whatsapp_link(&text, &url.get())
        }
    };
    let reason = status_reason.unwrap_or_default();
    let can_submit = can_edit && status.is_editable_draft();
    let can_withdraw = can_edit && status.apply(PostingAction::Withdraw).is_ok();
    let (submit_value, withdraw_value) = (action_result(submit), action_result(withdraw));
    let title = card.title.clone();
    view! {
        <PageMeta title=Signal::derive(move || title.clone()) description=Signal::derive(move || description.clone()) url/>
        <p class="breadcrumb"><a href="/penawaran">{t!(i18n, offers.title)}</a></p>
        <h1>{card.title.clone()}</h1>
        <p class="card-meta">
            {t!(i18n, offers.by)} ": "
            {match organisation_status {
                OrganisationStatus::Verified => view! {
                    <a href=format!("/mitra/{}", card.organisation_id)>{card.organisation_name.clone()}</a>
                }.into_any(),
                _ => view! { <span>{card.organisation_name.clone()}</span> }.into_any(),
            }}
        </p>
        {(!public).then(|| view! {
            <p>
                <span class=format!("badge badge-{}", status.as_str()) data-testid="offer-status">
                    {move || text::posting_status(i18n.get_locale(), status)}
                </span>
            </p>
        })}
        {(organisation_status != OrganisationStatus::Verified).then(|| view! {
            <p class="notice" data-testid="organisation-unverified">{t!(i18n, offer.unverified_note)}</p>
        })}
        {match status {
            PostingStatus::Draft => Some(view! { <p class="notice">{t!(i18n, offer.draft_note)}</p> }.into_any()),
            PostingStatus::Submitted => Some(view! { <p class="notice">{t!(i18n, need.submitted_note)}</p> }.into_any()),
            PostingStatus::Returned => Some(view! {
                <p class="alert alert-warning" data-testid="status-reason">{move || t_string!(i18n, need.returned_note, reason = reason.clone())}</p>
            }.into_any()),
            PostingStatus::Rejected => Some(view! {
                <p class="alert alert-error" data-testid="status-reason">{move || t_string!(i18n, need.rejected_note, reason = reason.clone())}</p>
            }.into_any()),
            _ => None,
        }}
        <OfferFacts card=card.clone()/>
        <div class="prose">
            {card.description.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}
        </div>
        {public.then(|| view! {
            <p><a class="button button-secondary" href=share target="_blank" rel="noopener">{t!(i18n, need.share)}</a></p>
        })}
        {can_edit.then(|| view! {
            <div class="owner-actions">
                <FormAlert value=submit_value/>
                <FormAlert value=withdraw_value/>
                <a class="button button-secondary" href=format!("/penawaran/{offer_id}/ubah")>{t!(i18n, need.edit)}</a>
                {can_submit.then(|| view! {
                    <ActionForm action=submit attr:class="inline-form">
                        <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                        <button type="submit" class="button">
                            {move || if status == PostingStatus::Returned { t_string!(i18n, need.resubmit) } else { t_string!(i18n, need.submit) }}
                        </button>
                    </ActionForm>
                })}
                {can_withdraw.then(|| view! {
                    <ActionForm action=withdraw attr:class="inline-form">
                        <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                        <button type="submit" class="button button-quiet">{t!(i18n, need.withdraw)}</button>
                    </ActionForm>
                })}
            </div>
        })}
        {public.then(|| view! {
            <crate::ui::components::matchmaking::OfferMatchmaking offer_id panel/>
        })}
        {pending_revision.map(|revision| view! { <PendingRevision revision can_moderate/> })}
        {(can_moderate && status == PostingStatus::Submitted).then(|| view! { <DecisionForm offer_id/> })}
    }
}

/// The offer's facts as a definition list.
#[component]
pub fn OfferFacts(card: OfferCard) -> impl IntoView {
    let i18n = use_i18n();
    let support = card.support_type.clone();
    let resource = card.resource_kind.clone();
    let regions = if card.serves_province { None } else { Some(card.regencies.join(", ")) };
    let window = card.window_end.clone().map(|end| {
        let (start, end) = (format::date(&card.window_start.clone().unwrap_or_default()), format::date(&end));
        move || t_string!(i18n, need.window_range, start = start.clone(), end = end.clone())
    });
    let sectors = card.sectors.clone();
    view! {
        <dl class="facts">
            <div>
                <dt>{t!(i18n, need.support)}</dt>
                <dd>
                    {move || text::support(i18n.get_locale(), &support)}
                    {resource.clone().map(|kind| move || format!(" · {}", text::resource(i18n.get_locale(), &kind)))}
                </dd>
            </div>
            <div>
                <dt>{t!(i18n, offers.sectors)}</dt>
                <dd>{move || sectors.iter().map(|s| text::sector(i18n.get_locale(), s)).collect::<Vec<_>>().join(", ")}</dd>
            </div>
            <div>
                <dt>{t!(i18n, offers.regions)}</dt>
                <dd>{match regions {
                    Some(list) => list.into_any(),
                    None => (move || t_string!(i18n, offers.whole_province)).into_any(),
                }}</dd>
            </div>
            <div><dt>{t!(i18n, need.window)}</dt><dd>{match window {
                Some(window) => window.into_any(),
                None => (move || t_string!(i18n, need.window_open)).into_any(),
            }}</dd></div>
            <div><dt>{t!(i18n, offers.capacity_label)}</dt><dd>{t!(i18n, offers.capacity, count = card.capacity)}</dd></div>
            {card.value_idr.map(|value| view! {
                <div>
                    <dt>{t!(i18n, need.value)}</dt>
                    <dd>{move || t_string!(i18n, need.value_amount, value = format::thousands(i18n.get_locale(), value))}</dd>
                </div>
            })}
            {card.preferred_status.clone().map(|status| view! {
                <div>
                    <dt>{t!(i18n, offers.preferred)}</dt>
                    <dd>{move || text::development_status(i18n.get_locale(), &status)}</dd>
                </div>
            })}
        </dl>
    }
}

#[component]
fn PendingRevision(revision: OfferRevision, can_moderate: bool) -> impl IntoView {
    let i18n = use_i18n();
    let revision_id = revision.revision_id;
    view! {
        <section class="revision" aria-labelledby="revision-title">
            <h2 id="revision-title">{t!(i18n, need.pending_revision)}</h2>
            <p class="muted">{t!(i18n, need.pending_revision_note)}</p>
            <h3>{revision.card.title.clone()}</h3>
            <OfferFacts card=revision.card.clone()/>
            <p class="pre-line">{revision.card.description.clone()}</p>
            {can_moderate.then(|| view! { <RevisionDecisionForm revision_id/> })}
        </section>
    }
}

#[component]
fn DecisionForm(offer_id: i64) -> impl IntoView {
    let action = ServerAction::<DecideOffer>::new();
    let value = action_result(action);
    view! {
        <DecisionPanel value>
            <ActionForm action attr:class="stack decision-form" attr:novalidate=true>
                <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                <DecisionInputs value allow_reject=true/>
            </ActionForm>
        </DecisionPanel>
    }
}

#[component]
fn RevisionDecisionForm(revision_id: i64) -> impl IntoView {
    let action = ServerAction::<DecideOfferRevision>::new();
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
