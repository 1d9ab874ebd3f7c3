//! `/penawaran/:id`: one offer. Visitors see it once published by a verified partner;
//! the partner's members and the staff who moderate it see every state, with what they
//! may do about it.

use crate::api::offer_posting::get_offer_detail;
use crate::api::suggestions::offer_panel_for_caller;
use crate::domain::organisation::OrganisationStatus;
use crate::domain::posting::PostingKind;
use crate::i18n::*;
use crate::ui::components::page_meta::{public_url, PageMeta};
use crate::ui::components::posting::{OwnerActionSet, PendingRevision, PostingControls, StatusBadge, StatusNote};
use crate::ui::components::staleness::{ClosedNote, StillCurrent};
use crate::ui::components::status::{Loading, PageError};
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::offers::{OfferCard, OfferDetail};
use crate::wire::suggestions::OfferPanel;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let offer_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let actions = OwnerActionSet::new(PostingKind::Offer);
    let offer = Resource::new(offer_id, |id| async move {
        match id {
            Some(id) => get_offer_detail(id).await,
            None => Err(AppError::NotFound),
        }
    });
    // Created here, never inside the view's branches: see `OfferPanel`.
    let panel = Resource::new(offer_id, |id| async move {
        match id {
            Some(id) => offer_panel_for_caller(id).await,
            None => Ok(OfferPanel::Nothing),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || offer.get().map(|result| match result {
                Ok(offer) => view! { <OfferView offer actions panel/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn OfferView(
    offer: OfferDetail,
    actions: OwnerActionSet,
    panel: Resource<Result<OfferPanel, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let OfferDetail { card, state, organisation_status, pending_revision, .. } = offer;
    let status = state.status;
    let offer_id = card.offer_id;
    let path = format!("/penawaran/{offer_id}");
    let url = Signal::stored(format!("{}{path}", public_url()));
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
    let title = card.title.clone();
    let staff = crate::ui::app::use_session()
        .info
        .get_untracked()
        .and_then(|r| r.ok())
        .and_then(|i| i.user)
        .is_some_and(|u| u.role.is_staff());
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
        {(!public || status.is_closed()).then(|| view! { <p><StatusBadge status testid="offer-status"/></p> })}
        <ClosedNote state=state.clone()/>
        {(organisation_status != OrganisationStatus::Verified).then(|| view! {
            <p class="notice" data-testid="organisation-unverified">{t!(i18n, offer.unverified_note)}</p>
        })}
        <StatusNote state=state.clone()/>
        <StillCurrent state=state.clone()/>
        <OfferFacts card=card.clone()/>
        <div class="prose">
            {card.description.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}
        </div>
        {public.then(|| view! {
            <p><a class="button button-secondary" href=share target="_blank" rel="noopener">{t!(i18n, need.share)}</a></p>
        })}
        <PostingControls state=state.clone() actions/>
        {(card.cohort && (state.insider || staff)).then(|| view! {
            <p><a class="button button-secondary" href=format!("/penawaran/{offer_id}/penempatan")>{t!(i18n, placements.board)}</a></p>
        })}
        {public.then(|| view! {
            <crate::ui::components::matchmaking::OfferMatchmaking offer_id cohort=card.cohort panel/>
        })}
        {pending_revision.map(|revision| {
            let card = revision.content.card;
            view! {
                <PendingRevision kind=PostingKind::Offer revision_id=revision.revision_id
                    title=card.title.clone() description=card.description.clone() can_moderate=state.can_moderate>
                    <OfferFacts card=card.clone()/>
                </PendingRevision>
            }
        })}
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
            {match card.cohort {
                true => view! {
                    <div>
                        <dt>{t!(i18n, offers.cohort_label)}</dt>
                        <dd>
                            {t!(i18n, offers.cohort_places, count = card.capacity)}
                            {card.group_size.map(|size| view! { " · " {t!(i18n, offers.group_size, count = size)} })}
                        </dd>
                    </div>
                }.into_any(),
                false => view! {
                    <div><dt>{t!(i18n, offers.capacity_label)}</dt><dd>{t!(i18n, offers.capacity, count = card.capacity)}</dd></div>
                }.into_any(),
            }}
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
