//! `/penawaran` (published offers of verified partners, filters in the URL) and
//! `/penawaran/:id` (one offer, with link-preview tags and a WhatsApp link).

use crate::api::needs::list_regencies;
use crate::api::offers::{get_offer, search_offers, OfferCard, OfferResults};
use crate::domain::posting::{Sector, SupportType};
use crate::domain::search::OfferQuery;
use crate::error::AppError;
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::filters::{Choice, Pager, RegionSelect};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::format;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Offers() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            OfferQuery {
                kabupaten: get("kabupaten"),
                sektor: get("sektor"),
                dukungan: get("dukungan"),
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
        <Form method="GET" action="/penawaran" attr:class="filters" attr:aria-label=move || t_string!(i18n, opportunities.filters)>
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
                    <option value="terbaru" selected=move || query.get().urut != "segera">{t!(i18n, opportunities.newest)}</option>
                    <option value="segera" selected=move || query.get().urut == "segera">{t!(i18n, opportunities.closing)}</option>
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t!(i18n, opportunities.apply)}</button>
                <a href="/penawaran">{t!(i18n, opportunities.reset)}</a>
            </div>
        </Form>
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
    let previous = (page > 1).then(|| format!("/penawaran{}", query.with_page(page - 1)));
    let next = (page < pages).then(|| format!("/penawaran{}", query.with_page(page + 1)));
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
    view! {
        <li class="card">
            <h2 class="card-title"><a href=format!("/penawaran/{}", offer.offer_id)>{offer.title.clone()}</a></h2>
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

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let offer_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let offer = Resource::new(offer_id, |id| async move {
        match id {
            Some(id) => get_offer(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || offer.get().map(|result| match result {
                Ok(offer) => view! { <OfferView offer/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn OfferView(offer: OfferCard) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let path = format!("/penawaran/{}", offer.offer_id);
    let url = Signal::derive(move || {
        let base = session.info.get().and_then(|r| r.ok()).map(|info| info.base_url).unwrap_or_default();
        format!("{base}{path}")
    });
    let description = {
        let summary: String = offer.description.chars().take(160).collect();
        format!("{}. {summary}", offer.organisation_name)
    };
    let share = {
        let (organisation, title) = (offer.organisation_name.clone(), offer.title.clone());
        move || {
            let text = t_string!(i18n, offers.share_text, organisation = organisation.clone(), title = title.clone());
            format::whatsapp_link(&text, &url.get())
        }
    };
    let support = offer.support_type.clone();
    let resource = offer.resource_kind.clone();
    let regions = if offer.serves_province { None } else { Some(offer.regencies.join(", ")) };
    let window = offer.window_end.clone().map(|end| {
        let (start, end) = (format::date(&offer.window_start.clone().unwrap_or_default()), format::date(&end));
        move || t_string!(i18n, need.window_range, start = start.clone(), end = end.clone())
    });
    let title = offer.title.clone();
    view! {
        <PageMeta title=Signal::derive(move || title.clone()) description=Signal::derive(move || description.clone()) url/>
        <p class="breadcrumb"><a href="/penawaran">{t!(i18n, offers.title)}</a></p>
        <h1>{offer.title.clone()}</h1>
        <p class="card-meta">
            {t!(i18n, offers.by)} ": " <a href=format!("/mitra/{}", offer.organisation_id)>{offer.organisation_name.clone()}</a>
        </p>
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
                <dd>{
                    let sectors = offer.sectors.clone();
                    move || sectors.iter().map(|s| text::sector(i18n.get_locale(), s)).collect::<Vec<_>>().join(", ")
                }</dd>
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
            <div><dt>{t!(i18n, offers.capacity_label)}</dt><dd>{t!(i18n, offers.capacity, count = offer.capacity)}</dd></div>
            {offer.value_idr.map(|value| view! {
                <div>
                    <dt>{t!(i18n, need.value)}</dt>
                    <dd>{move || t_string!(i18n, need.value_amount, value = format::thousands(i18n.get_locale(), value))}</dd>
                </div>
            })}
            {offer.preferred_status.clone().map(|status| view! {
                <div>
                    <dt>{t!(i18n, offers.preferred)}</dt>
                    <dd>{move || text::development_status(i18n.get_locale(), &status)}</dd>
                </div>
            })}
        </dl>
        <div class="prose">
            {offer.description.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}
        </div>
        <p><a class="button button-secondary" href=share target="_blank" rel="noopener">{t!(i18n, need.share)}</a></p>
    }
}
