//! The matchmaking parts of the need and offer pages: suggestions with their explanation
//! for those entitled, "express interest" for partners and "request" for villages.

use crate::api::matches::{ExpressInterest, ProposeMatch, RequestOffer};
use crate::api::need_posting::my_needs;
use crate::api::offer_posting::my_offers;
use crate::api::suggestions::{suggested_needs, suggested_offers};
use crate::domain::account::{Role, Scope};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::organisation::OrganisationStatus;
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{field_error, FormAlert};
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::components::suggestions::SuggestionList;
use leptos::prelude::*;

/// On a published need's page: suggested offers (its operators and staff; staff may propose
/// one), or the interest form (partners).
#[component]
pub fn NeedMatchmaking(need_id: i64, insider: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = move || session.info.get().and_then(|r| r.ok()).and_then(|i| i.user);
    view! {
        <Transition fallback=|| ()>
            {move || user().map(|user| match (&user.role, &user.scope) {
                (_, _) if insider => view! { <SuggestedOffers need_id staff=user.role.is_staff()/> }.into_any(),
                (Role::PartnerMember, Scope::Organisation { status: OrganisationStatus::Verified, .. }) => {
                    view! { <InterestForm need_id/> }.into_any()
                }
                (Role::PartnerMember, _) => view! { <p class="notice">{t!(i18n, matching.unverified)}</p> }.into_any(),
                _ => ().into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SuggestedOffers(need_id: i64, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let suggestions = Resource::new(move || need_id, suggested_offers);
    let propose = ServerAction::<ProposeMatch>::new();
    let value = Signal::derive(move || propose.value().get().map(|r| r.map(|_| ())));
    view! {
        <section aria-labelledby="suggested-offers">
            <h2 id="suggested-offers">{t!(i18n, matching.suggested_offers)}</h2>
            <Suspense fallback=Loading>
                {move || suggestions.get().map(|result| match result {
                    Ok(list) => {
                        let offers: Vec<(i64, String)> = list.iter().filter(|s| s.match_id.is_none()).map(|s| (s.offer_id, s.title.clone())).collect();
                        view! {
                            <SuggestionList suggestions=list link_to="offer"/>
                            {(staff && !offers.is_empty()).then(|| view! {
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
                        }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InterestForm(need_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ExpressInterest>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let offers = Resource::new(|| (), |_| my_offers());
    let error = field_error(value, "message");
    view! {
        <section class="panel" aria-labelledby="interest-title">
            <h2 id="interest-title">{t!(i18n, matching.express_interest)}</h2>
            <FormAlert value/>
            <ActionForm action attr:class="stack">
                <input type="hidden" name="need_id" value=need_id.to_string()/>
                <div class="field">
                    <label for="f-interest-offer">{t!(i18n, matching.with_offer)}</label>
                    <select id="f-interest-offer" name="offer_id">
                        <option value="">{t!(i18n, matching.no_offer)}</option>
                        <Suspense fallback=|| ()>
                            {move || offers.get().and_then(|r| r.ok()).map(|list| list.into_iter()
                                .filter(|o| o.status == PostingStatus::Published)
                                .map(|o| view! { <option value=o.offer_id.to_string()>{o.title}</option> })
                                .collect_view())}
                        </Suspense>
                    </select>
                </div>
                <div class="field" class:has-error=move || error.get().is_some()>
                    <label for="f-interest-message">{t!(i18n, matching.interest_message)}</label>
                    <textarea id="f-interest-message" name="message" rows="3"></textarea>
                    {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, matching.express_interest)}</button>
            </ActionForm>
        </section>
    }
}

/// On a public offer's page: suggested needs (its members and staff), or the request form
/// (village operators).
#[component]
pub fn OfferMatchmaking(offer_id: i64, insider: bool) -> impl IntoView {
    let session = use_session();
    let user = move || session.info.get().and_then(|r| r.ok()).and_then(|i| i.user);
    view! {
        <Transition fallback=|| ()>
            {move || user().map(|user| {
                if insider {
                    view! { <SuggestedNeeds offer_id/> }.into_any()
                } else if user.role == Role::VillageOperator {
                    view! { <RequestForm offer_id/> }.into_any()
                } else {
                    ().into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn SuggestedNeeds(offer_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let suggestions = Resource::new(move || offer_id, suggested_needs);
    view! {
        <section aria-labelledby="suggested-needs">
            <h2 id="suggested-needs">{t!(i18n, matching.suggested_needs)}</h2>
            <Suspense fallback=Loading>
                {move || suggestions.get().map(|result| match result {
                    Ok(list) => view! { <SuggestionList suggestions=list link_to="need"/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RequestForm(offer_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestOffer>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let needs = Resource::new(|| (), |_| my_needs());
    view! {
        <section class="panel" aria-labelledby="request-title">
            <h2 id="request-title">{t!(i18n, matching.request_offer)}</h2>
            <FormAlert value/>
            <Suspense fallback=Loading>
                {move || needs.get().and_then(|r| r.ok()).map(|list| {
                    let published: Vec<_> = list.into_iter().filter(|n| n.status == PostingStatus::Published).collect();
                    if published.is_empty() {
                        return view! { <p class="muted">{t!(i18n, matching.no_published_needs)}</p> }.into_any();
                    }
                    view! {
                        <ActionForm action attr:class="stack">
                            <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                            <div class="field">
                                <label for="f-request-need">{t!(i18n, matching.for_need)}</label>
                                <select id="f-request-need" name="need_id">
                                    {published.into_iter().map(|n| view! { <option value=n.need_id.to_string()>{n.title}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-request-message">{t!(i18n, matching.interest_message)}</label>
                                <textarea id="f-request-message" name="message" rows="3"></textarea>
                            </div>
                            <button type="submit" class="button">{t!(i18n, matching.request_offer)}</button>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
