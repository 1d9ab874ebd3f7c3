//! The matchmaking parts of the need and offer pages: suggestions with their explanation
//! for those entitled, "express interest" for partners and "request" for villages.

use crate::api::matches::{ExpressInterest, ProposeMatch, RequestOffer};
use crate::i18n::*;
use crate::ui::components::form::{field_error, FormAlert};
use crate::ui::components::status::ErrorNotice;
use crate::ui::components::suggestions::SuggestionList;
use crate::wire::error::AppError;
use crate::wire::suggestions::NeedPanel;
use crate::wire::suggestions::OfferPanel;
use crate::wire::suggestions::Suggestion;
use leptos::prelude::*;

/// On a published need's page: suggested offers (its operators and staff; staff may propose
/// one), or the interest form (partners). The page owns the resource and the propose
/// action, so nothing here creates a resource inside a reactive branch.
#[component]
pub fn NeedMatchmaking(
    need_id: i64,
    panel: Resource<Result<NeedPanel, AppError>>,
    propose: ServerAction<ProposeMatch>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || panel.get().map(|result| match result {
                Ok(NeedPanel::Suggestions { list, can_propose }) => {
                    view! { <SuggestedOffers need_id list can_propose propose/> }.into_any()
                }
                Ok(NeedPanel::Interest { offers }) => view! { <InterestForm need_id offers/> }.into_any(),
                Ok(NeedPanel::Unverified) => view! { <p class="notice">{t!(i18n, matching.unverified)}</p> }.into_any(),
                Ok(NeedPanel::Nothing) => ().into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SuggestedOffers(
    need_id: i64,
    list: Vec<Suggestion>,
    can_propose: bool,
    propose: ServerAction<ProposeMatch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = Signal::derive(move || propose.value().get().map(|r| r.map(|_| ())));
    let offers: Vec<(i64, String)> =
        list.iter().filter(|s| s.match_id.is_none()).map(|s| (s.offer_id, s.title.clone())).collect();
    view! {
        <section aria-labelledby="suggested-offers">
            <h2 id="suggested-offers">{t!(i18n, matching.suggested_offers)}</h2>
            <SuggestionList suggestions=list link_to="offer"/>
            {(can_propose && !offers.is_empty()).then(|| view! {
                <FormAlert value/>
                <ActionForm action=propose attr:class="inline-form">
                    <input type="hidden" name="need_id" value=need_id.to_string()/>
                    <label for="f-propose">{t!(i18n, matching.propose)}</label>
                    <select id="f-propose" name="offer_id">
                        {offers.into_iter().map(|(id, title)| view! { <option value=id.to_string()>{title}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button button-secondary">{t!(i18n, matching.propose)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn InterestForm(need_id: i64, offers: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ExpressInterest>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let error = field_error(value, "message");
    view! {
        <section class="panel" aria-labelledby="interest-title">
            <h2 id="interest-title">{t!(i18n, matching.express_interest)}</h2>
            <FormAlert value/>
            <ActionForm action attr:class="stack">
                <input type="hidden" name="need_id" value=need_id.to_string()/>
                <InterestFields id="f-interest" offers error/>
                <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, matching.express_interest)}</button>
            </ActionForm>
        </section>
    }
}

/// The fields of an expression of interest, for one need or for part of a cluster: the
/// partner's offer it comes through (optional) and a message with its error. `id` prefixes
/// the fields' ids.
#[component]
pub fn InterestFields(id: &'static str, offers: Vec<(i64, String)>, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=format!("{id}-offer")>{t!(i18n, matching.with_offer)}</label>
            <select id=format!("{id}-offer") name="offer_id">
                <option value="">{t!(i18n, matching.no_offer)}</option>
                {offers.into_iter().map(|(id, title)| view! { <option value=id.to_string()>{title}</option> }).collect_view()}
            </select>
        </div>
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=format!("{id}-message")>{t!(i18n, matching.interest_message)}</label>
            <textarea id=format!("{id}-message") name="message" rows="3"></textarea>
            {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

/// On a public offer's page: suggested needs (its members and staff), or the request form
/// (village operators).
#[component]
pub fn OfferMatchmaking(
    offer_id: i64,
    /// A cohort: villages apply for one of its placements.
    cohort: bool,
    panel: Resource<Result<OfferPanel, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || panel.get().map(|result| match result {
                Ok(OfferPanel::Suggestions { list }) => view! {
                    <section aria-labelledby="suggested-needs">
                        <h2 id="suggested-needs">{t!(i18n, matching.suggested_needs)}</h2>
                        <SuggestionList suggestions=list link_to="need"/>
                    </section>
                }.into_any(),
                Ok(OfferPanel::Request { needs }) => view! { <RequestForm offer_id needs cohort/> }.into_any(),
                Ok(OfferPanel::Nothing) => ().into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn RequestForm(offer_id: i64, needs: Vec<(i64, String)>, cohort: bool) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || match cohort {
        true => t_string!(i18n, placements.apply).to_string(),
        false => t_string!(i18n, matching.request_offer).to_string(),
    };
    let action = ServerAction::<RequestOffer>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="panel" aria-labelledby="request-title">
            <h2 id="request-title">{heading}</h2>
            {cohort.then(|| view! { <p class="hint">{t!(i18n, placements.apply_hint)}</p> })}
            <FormAlert value/>
            {if needs.is_empty() {
                view! { <p class="muted">{t!(i18n, matching.no_published_needs)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action attr:class="stack">
                        <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                        <div class="field">
                            <label for="f-request-need">{t!(i18n, matching.for_need)}</label>
                            <select id="f-request-need" name="need_id">
                                {needs.into_iter().map(|(id, title)| view! { <option value=id.to_string()>{title}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-request-message">{t!(i18n, matching.interest_message)}</label>
                            <textarea id="f-request-message" name="message" rows="3"></textarea>
                        </div>
                        <button type="submit" class="button">{heading}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
