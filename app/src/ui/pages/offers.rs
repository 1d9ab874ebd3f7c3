//! `/penawaran`: published offers of verified partners, filters in the URL.

use crate::api::needs::list_regencies;
use crate::api::offers::search_offers;
use crate::domain::posting::{Sector, SupportType};
use crate::domain::search::OfferQuery;
use crate::i18n::*;
use crate::ui::components::filters::{page_links, Choice, FilterForm, OpenClosedChecks, Pager, RegionSelect};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::staleness::card_status;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::format;
use crate::wire::offers::OfferCard;
use crate::wire::offers::OfferResults;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Offers() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            OfferQuery {
                q: get("q"),
                kabupaten: get("kabupaten"),
                sektor: get("sektor"),
                dukungan: get("dukungan"),
                terbuka: get("terbuka"),
                ditutup: get("ditutup"),
                urut: get("urut"),
                halaman: get("halaman"),
            }
        })
    });
    let results = Resource::new(move || query.get(), search_offers);
    let regencies = Resource::new(|| (), |_| list_regencies());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, offers.title).to_string())
            description=Signal::derive(move || t_string!(i18n, offers.description).to_string())
        />
        <h1>{t!(i18n, offers.title)}</h1>
        <p class="lead">{t!(i18n, offers.description)}</p>
        <FilterForm action="/penawaran" label=Signal::derive(move || t_string!(i18n, opportunities.filters).to_string())>
            <div class="field field-wide">
                <label for="f-q">{t!(i18n, opportunities.words)}</label>
                <input id="f-q" name="q" type="search" maxlength="100"
                    value=move || query.get().q
                    placeholder=move || t_string!(i18n, offers.words_hint)/>
            </div>
            <RegionSelect id="kabupaten" label=Signal::derive(move || t_string!(i18n, opportunities.regency).to_string())
                all=Signal::derive(move || t_string!(i18n, opportunities.all).to_string())
                options=regencies current=Signal::derive(move || query.get().kabupaten)
            />
            <Choice id="sektor" label=Signal::derive(move || t_string!(i18n, opportunities.sector).to_string())
                current=Signal::derive(move || query.get().sektor)
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
            />
            <Choice id="dukungan" label=Signal::derive(move || t_string!(i18n, opportunities.support).to_string())
                current=Signal::derive(move || query.get().dukungan)
                options=SupportType::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::support
            />
            <div class="field">
                <label for="f-urut">{t!(i18n, opportunities.sort)}</label>
                <select id="f-urut" name="urut">
                    <option value="" selected=move || query.get().urut.is_empty()>{t!(i18n, opportunities.relevance)}</option>
                    <option value="terbaru" selected=move || query.get().urut == "terbaru">{t!(i18n, opportunities.newest)}</option>
                    <option value="segera" selected=move || query.get().urut == "segera">{t!(i18n, opportunities.closing)}</option>
                </select>
            </div>
            <OpenClosedChecks
                open_only=Signal::derive(move || query.get().terbuka == "1")
                include_closed=Signal::derive(move || query.get().ditutup == "1")
            />
            <div class="filter-actions">
                <button type="submit" class="button">{t!(i18n, opportunities.apply)}</button>
                <a href="/penawaran">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <p class="muted small">{t!(i18n, offers.regency_hint)}</p>
        <Suspense fallback=Loading>
            {move || results.get().map(|result| match result {
                Ok(results) => view! { <Results results query=query.get_untracked()/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: OfferResults, query: OfferQuery) -> impl IntoView {
    let i18n = use_i18n();
    let OfferResults { items, total, page, pages } = results;
    if items.is_empty() {
        return view! { <p class="empty" role="status">{t!(i18n, offers.empty)}</p> }.into_any();
    }
    let (previous, next) = page_links("/penawaran", page, pages, |n| query.with_page(n));
    view! {
        <p class="muted" role="status">
            {move || t_string!(i18n, offers.count, count = format::thousands(i18n.get_locale(), total))}
        </p>
        <ul class="cards">
            {items.into_iter().map(|offer| view! { <OfferItem offer/> }).collect_view()}
        </ul>
        <Pager page pages previous next/>
    }
    .into_any()
}

/// An offer in a list (also on a partner's page).
#[component]
pub fn OfferItem(offer: OfferCard) -> impl IntoView {
    let i18n = use_i18n();
    let support = offer.support_type.clone();
    let summary: String = offer.description.chars().take(180).collect();
    let (class, status) = card_status(&offer.status);
    view! {
        <li class=class>
            <h2 class="card-title"><a href=format!("/penawaran/{}", offer.offer_id)>{offer.title.clone()}</a></h2>
            {status}
            <p class="card-meta">
                <a href=format!("/mitra/{}", offer.organisation_id)>{offer.organisation_name.clone()}</a>
            </p>
            <p>{summary}</p>
            <p class="tags">
                <span class="tag">{move || text::support(i18n.get_locale(), &support)}</span>
                {offer.sectors.iter().cloned().map(|sector| view! {
                    <span class="tag">{move || text::sector(i18n.get_locale(), &sector)}</span>
                }).collect_view()}
                <span class="tag">{move || t_string!(i18n, offers.capacity, count = offer.capacity)}</span>
            </p>
        </li>
    }
}
