//! The home page: what Mitra Desa is, its headline figures, the latest opportunities and
//! one chart of the statistics.

use crate::api::home::home_figures;
use crate::api::needs::search_needs;
use crate::api::statistics::get_statistics;
use crate::domain::search::NeedQuery;
use crate::domain::statistics::StatisticsQuery;
use crate::i18n::*;
use crate::ui::components::chart::{BarChart, ChartRow};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::needs::NeedResults;
use crate::wire::stats::{HeadlineFigures, Statistics};
use leptos::prelude::*;

/// How many of the latest published needs the home page lists.
const RECENT: usize = 4;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let figures = Resource::new(|| (), |_| home_figures());
    let recent = Resource::new(|| (), |_| search_needs(NeedQuery::default()));
    let chart = Resource::new(|| (), |_| get_statistics(StatisticsQuery::default()));
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, home.title).to_string())
            description=Signal::derive(move || t_string!(i18n, home.description).to_string())
        />
        <section class="hero">
            <h1>{t!(i18n, home.heading)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="actions">
                <a class="button" href="/daftar">{t!(i18n, home.cta_partner)}</a>
                <a class="button button-secondary" href="/masuk">{t!(i18n, home.cta_sign_in)}</a>
            </p>
        </section>
        <section aria-labelledby="angka">
            <h2 id="angka">{t!(i18n, home.figures)}</h2>
            <Suspense fallback=Loading>
                {move || figures.get().map(|result| match result {
                    Ok(f) => view! { <Figures f/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
        <section aria-labelledby="terbaru">
            <h2 id="terbaru">{t!(i18n, home.recent)}</h2>
            <Suspense fallback=Loading>
                {move || recent.get().map(|result| match result {
                    Ok(results) => view! { <Recent results/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
        <section aria-labelledby="sekilas">
            <h2 id="sekilas">{t!(i18n, statistics.title)}</h2>
            <Suspense fallback=Loading>
                {move || chart.get().map(|result| match result {
                    Ok(figures) => view! { <AreaChart figures/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Recent(results: NeedResults) -> impl IntoView {
    let i18n = use_i18n();
    if results.items.is_empty() {
        return view! { <p class="empty">{t!(i18n, home.no_recent)}</p> }.into_any();
    }
    view! {
        <ul class="recent">
            {results.items.into_iter().take(RECENT).map(|need| view! {
                <li>
                    <a href=format!("/peluang/{}", need.need_id)>{need.title}</a>
                    <span class="card-meta">{need.village_name}" · "{need.regency_name}</span>
                </li>
            }).collect_view()}
        </ul>
        <p><a href="/peluang">{t!(i18n, home.all_opportunities)}</a></p>
    }
    .into_any()
}

/// Needs and cooperations by regency, from the statistics.
#[component]
fn AreaChart(figures: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rows = figures
        .areas
        .iter()
        .map(|a| ChartRow {
            label: a.name.clone(),
            values: vec![a.needs, a.cooperations],
            href: Some(format!("/statistik?kabupaten={}", a.code)),
        })
        .collect();
    view! {
        <BarChart id="chart-home" title=td_string!(locale, statistics.by_regency).to_owned()
            summary=td_string!(locale, statistics.areas_summary, count = figures.areas.len())
            label_header=td_string!(locale, statistics.area).to_owned()
            series=vec![td_string!(locale, statistics.needs).to_owned(), td_string!(locale, statistics.cooperations).to_owned()]
            rows/>
        <p><a href="/statistik">{t!(i18n, home.see_statistics)}</a></p>
    }
}

#[component]
fn Figures(f: HeadlineFigures) -> impl IntoView {
    let i18n = use_i18n();
    let number = move |n: i64| crate::wire::format::thousands(i18n.get_locale(), n);
    view! {
        <dl class="figures">
            <div><dt>{t!(i18n, home.regencies)}</dt><dd>{move || number(f.regencies)}</dd></div>
            <div><dt>{t!(i18n, home.districts)}</dt><dd>{move || number(f.districts)}</dd></div>
            <div><dt>{t!(i18n, home.desa)}</dt><dd>{move || number(f.desa)}</dd></div>
            <div><dt>{t!(i18n, home.kelurahan)}</dt><dd>{move || number(f.kelurahan)}</dd></div>
            <div><dt>{t!(i18n, home.partners)}</dt><dd>{move || number(f.verified_partners)}</dd></div>
            <div><dt>{t!(i18n, home.needs)}</dt><dd>{move || number(f.published_needs)}</dd></div>
            <div><dt>{t!(i18n, home.offers)}</dt><dd>{move || number(f.published_offers)}</dd></div>
        </dl>
    }
}
