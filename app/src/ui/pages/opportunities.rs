//! `/peluang`: published needs with filters that live in the URL.

use crate::api::clusters::opportunity_clusters;
use crate::api::needs::{list_districts, list_regencies, search_needs};
use crate::domain::posting::{DevelopmentStatus, Sector, SupportType};
use crate::domain::search::NeedQuery;
use crate::i18n::*;
use crate::ui::components::filters::{page_links, Choice, FilterForm, OpenClosedChecks, Pager, RegionSelect};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::staleness::card_status;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::format;
use crate::wire::needs::NeedCard;
use crate::wire::needs::NeedResults;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Opportunities() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            NeedQuery {
                q: get("q"),
                kabupaten: get("kabupaten"),
                kecamatan: get("kecamatan"),
                sektor: get("sektor"),
                dukungan: get("dukungan"),
                status_desa: get("status_desa"),
                terbuka: get("terbuka"),
                ditutup: get("ditutup"),
                urut: get("urut"),
                halaman: get("halaman"),
            }
        })
    });
    let results = Resource::new(move || query.get(), search_needs);
    let clusters = Resource::new(move || query.get(), opportunity_clusters);
    let regencies = Resource::new(|| (), |_| list_regencies());
    let districts = Resource::new(move || query.get().kabupaten, list_districts);

    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, opportunities.title).to_string())
            description=Signal::derive(move || t_string!(i18n, opportunities.description).to_string())
        />
        <h1>{t!(i18n, opportunities.title)}</h1>
        <p class="lead">{t!(i18n, opportunities.description)}</p>
        <FilterForm action="/peluang" label=Signal::derive(move || t_string!(i18n, opportunities.filters).to_string())>
            <div class="field field-wide">
                <label for="f-q">{t!(i18n, opportunities.words)}</label>
                <input id="f-q" name="q" type="search" maxlength="100"
                    value=move || query.get().q
                    placeholder=move || t_string!(i18n, opportunities.words_hint)/>
            </div>
            <RegionSelect id="kabupaten" label=Signal::derive(move || t_string!(i18n, opportunities.regency).to_string())
                all=Signal::derive(move || t_string!(i18n, opportunities.all).to_string())
                options=regencies current=Signal::derive(move || query.get().kabupaten)
            />
            <RegionSelect id="kecamatan" label=Signal::derive(move || t_string!(i18n, opportunities.district).to_string())
                all=Signal::derive(move || if query.get().kabupaten.is_empty() {
                    t_string!(i18n, opportunities.choose_regency_first).to_string()
                } else {
                    t_string!(i18n, opportunities.all).to_string()
                })
                options=districts current=Signal::derive(move || query.get().kecamatan)
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
            <Choice id="status_desa" label=Signal::derive(move || t_string!(i18n, opportunities.village_status).to_string())
                current=Signal::derive(move || query.get().status_desa)
                options=DevelopmentStatus::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::development_status
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
                <a href="/peluang">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <Suspense fallback=|| ()>
            {move || clusters.get().and_then(Result::ok).map(|cards| view! {
                <crate::ui::components::clusters::ClusterCards cards testid="clusters"
                    heading=Signal::derive(move || t_string!(i18n, clusters.heading).to_string())/>
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || results.get().map(|result| match result {
                Ok(results) => view! { <Results results query=query.get_untracked()/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: NeedResults, query: NeedQuery) -> impl IntoView {
    let i18n = use_i18n();
    let NeedResults { items, total, page, pages } = results;
    if items.is_empty() {
        return view! { <p class="empty" role="status">{t!(i18n, opportunities.empty)}</p> }.into_any();
    }
    let (previous, next) = page_links("/peluang", page, pages, |n| query.with_page(n));
    view! {
        <p class="muted" role="status">
            {move || t_string!(i18n, opportunities.count, count = format::thousands(i18n.get_locale(), total))}
        </p>
        <ul class="cards">
            {items.into_iter().map(|need| view! { <NeedItem need/> }).collect_view()}
        </ul>
        <Pager page pages previous next/>
    }
    .into_any()
}

#[component]
fn NeedItem(need: NeedCard) -> impl IntoView {
    let i18n = use_i18n();
    let (sector, support) = (need.sector.clone(), need.support_type.clone());
    let (class, status) = card_status(&need.status);
    view! {
        <li class=class>
            <h2 class="card-title"><a href=format!("/peluang/{}", need.need_id)>{need.title}</a></h2>
            {status}
            <p class="card-meta">{need.village_name} " · " {need.regency_name}</p>
            <p>{need.summary}</p>
            <p class="tags">
                <span class="tag">{move || text::sector(i18n.get_locale(), &sector)}</span>
                <span class="tag">{move || text::support(i18n.get_locale(), &support)}</span>
                {need.window_end.map(|end| {
                    let end = format::date(&end);
                    view! { <span class="tag">{move || t_string!(i18n, opportunities.until, date = end.clone())}</span> }
                })}
                {need.value_idr.map(|value| view! {
                    <span class="tag">{move || t_string!(i18n, opportunities.value, value = format::thousands(i18n.get_locale(), value))}</span>
                })}
            </p>
        </li>
    }
}
