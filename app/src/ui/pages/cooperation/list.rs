//! `/kerja-sama`: cooperations that are signed or later, for everyone, with the caller's own
//! drafts; filters in the URL.

use crate::api::cooperations::cooperations;
use crate::api::needs::list_regencies;
use crate::domain::cooperation_query::CooperationQuery;
use crate::domain::lifecycle::AgreementStatus;
use crate::domain::posting::Sector;
use crate::i18n::*;
use crate::ui::components::cooperation::CooperationItem;
use crate::ui::components::filters::{page_links, Choice, FilterForm, Pager, RegionSelect};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::cooperations::CooperationResults;
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Cooperations() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            CooperationQuery {
                status: get("status"),
                kabupaten: get("kabupaten"),
                sektor: get("sektor"),
                mitra: get("mitra"),
                tahun: get("tahun"),
                desa: get("desa"),
                halaman: get("halaman"),
            }
        })
    });
    let results = Resource::new(move || query.get(), cooperations);
    let regencies = Resource::new(|| (), |_| list_regencies());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, cooperation.list_title).to_string())
            description=Signal::derive(move || t_string!(i18n, cooperation.list_lead).to_string())
        />
        <h1>{t!(i18n, cooperation.list_title)}</h1>
        <p class="lead">{t!(i18n, cooperation.list_lead)}</p>
        <FilterForm action="/kerja-sama" label=Signal::derive(move || t_string!(i18n, opportunities.filters).to_string())>
            <Choice id="status" label=Signal::derive(move || t_string!(i18n, cooperation.status).to_string())
                current=Signal::derive(move || query.get().status)
                options=AgreementStatus::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::agreement_status_name
            />
            <RegionSelect id="kabupaten" label=Signal::derive(move || t_string!(i18n, opportunities.regency).to_string())
                all=Signal::derive(move || t_string!(i18n, opportunities.all).to_string())
                options=regencies current=Signal::derive(move || query.get().kabupaten)
            />
            <Choice id="sektor" label=Signal::derive(move || t_string!(i18n, opportunities.sector).to_string())
                current=Signal::derive(move || query.get().sektor)
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
            />
            <div class="field">
                <label for="f-tahun">{t!(i18n, cooperation.year)}</label>
                <input id="f-tahun" name="tahun" type="number" min="2000" max="2100" inputmode="numeric"
                    value=move || query.get().tahun/>
            </div>
            <input type="hidden" name="mitra" value=move || query.get().mitra/>
            <input type="hidden" name="desa" value=move || query.get().desa/>
            <div class="filter-actions">
                <button type="submit" class="button">{t!(i18n, opportunities.apply)}</button>
                <a href="/kerja-sama">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <Suspense fallback=Loading>
            {move || results.get().map(|result| match result {
                Ok(results) => view! { <Results results query=query.get_untracked()/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: CooperationResults, query: CooperationQuery) -> impl IntoView {
    let i18n = use_i18n();
    let CooperationResults { items, total, page, pages } = results;
    if items.is_empty() {
        return view! { <p class="empty" role="status">{t!(i18n, cooperation.empty)}</p> }.into_any();
    }
    let (previous, next) = page_links("/kerja-sama", page, pages, |n| query.with_page(n));
    view! {
        <p class="muted" role="status">
            {move || t_string!(i18n, cooperation.count, count = format::thousands(i18n.get_locale(), total))}
        </p>
        <ul class="cards" data-testid="cooperations">
            {items.into_iter().map(|line| view! { <CooperationItem line/> }).collect_view()}
        </ul>
        <Pager page pages previous next/>
    }
    .into_any()
}
