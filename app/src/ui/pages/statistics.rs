//! `/statistik`: the programme in figures — totals, the funnel from a posted need to a
//! completed cooperation, how long the steps take, by area, sector, support type, village
//! status and over time, the partners that served most villages, the offers' capacity used;
//! staff also see their moderation backlog. Filters live in the URL; the charts are SVG
//! drawn on the server, each with its table.

use crate::api::needs::list_regencies;
use crate::api::statistics::{get_map_outlines, get_statistics};
use crate::domain::export::{Dataset, ExportFormat};
use crate::domain::posting::Sector;
use crate::domain::statistics::{percent, FunnelStep, MapFigure, Period, StatisticsQuery};
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::chart::{BarChart, ChartRow};
use crate::ui::components::export_progress::ExportFrame;
use crate::ui::components::filters::{Choice, FilterForm, RegionSelect};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::region_map::RegionMap;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::pages::data_dictionary::dataset_name;
use crate::wire::stats::{MapOutlines, ModerationFigures, Statistics};
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            StatisticsQuery {
                kabupaten: get("kabupaten"),
                sektor: get("sektor"),
                tahun: get("tahun"),
                periode: get("periode"),
                peta: get("peta"),
            }
        })
    });
    let figures = Resource::new(move || query.get(), get_statistics);
    let regencies = Resource::new(|| (), |_| list_regencies());
    let outlines = Resource::new(|| (), |_| get_map_outlines());
    let label = move |key: fn(Locale) -> &'static str| Signal::derive(move || key(i18n.get_locale()).to_string());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, statistics.title).to_string())
            description=Signal::derive(move || t_string!(i18n, statistics.lead).to_string())
        />
        <h1>{t!(i18n, statistics.title)}</h1>
        <p class="lead">{t!(i18n, statistics.lead)}</p>
        <FilterForm action="/statistik" label=Signal::derive(move || t_string!(i18n, opportunities.filters).to_string())>
            <RegionSelect id="kabupaten" label=label(|l| td_string!(l, opportunities.regency))
                all=label(|l| td_string!(l, statistics.whole_province))
                options=regencies current=Signal::derive(move || query.get().kabupaten)
            />
            <Choice id="sektor" label=label(|l| td_string!(l, opportunities.sector))
                current=Signal::derive(move || query.get().sektor)
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
            />
            <div class="field">
                <label for="f-tahun">{t!(i18n, cooperation.year)}</label>
                <input id="f-tahun" name="tahun" type="number" min="2000" max="2100" inputmode="numeric"
                    value=move || query.get().tahun/>
            </div>
            <div class="field">
                <label for="f-periode">{t!(i18n, statistics.period)}</label>
                <select id="f-periode" name="periode">
                    {Period::ALL.iter().map(|period| {
                        let value = period.as_str();
                        let chosen = move || {
                            let current = query.get().periode;
                            current == value || (current.is_empty() && *period == Period::Year)
                        };
                        view! { <option value=value selected=chosen>{move || text::period(i18n.get_locale(), value)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-peta">{t!(i18n, statistics.map_figure)}</label>
                <select id="f-peta" name="peta">
                    {MapFigure::ALL.iter().map(|figure| {
                        // The default posts nothing, so that it stays out of the URL.
                        let value = if *figure == MapFigure::OpenNeeds { "" } else { figure.as_str() };
                        let chosen = move || {
                            let current = query.get().peta;
                            current == figure.as_str() || (current.is_empty() && *figure == MapFigure::OpenNeeds)
                        };
                        view! { <option value=value selected=chosen>{move || text::map_figure(i18n.get_locale(), *figure)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t!(i18n, opportunities.apply)}</button>
                <a href="/statistik">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <Suspense fallback=Loading>
            {move || figures.get().map(|result| match result {
                Ok(figures) => {
                    let outlines = outlines.get().and_then(Result::ok).unwrap_or_default();
                    view! { <Figures figures outlines query=query.get_untracked()/> }.into_any()
                }
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Figures(figures: Statistics, outlines: MapOutlines, query: StatisticsQuery) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let number = move |n: i64| format::thousands(locale, n);
    let t = figures.totals;
    // The map's figure changes no figure: the API's address leaves it out.
    let api = format!("/api/v1/statistics{}", StatisticsQuery { peta: String::new(), ..query.clone() }.query_string());
    if t.needs == 0 && t.cooperations == 0 && t.offers == 0 {
        return view! {
            <p class="empty" role="status">{t!(i18n, statistics.empty)}</p>
            <p><a href="/statistik">{t!(i18n, statistics.whole_view)}</a></p>
        }
        .into_any();
    }
    let funnel = funnel_rows(locale, &figures);
    let funnel_summary = td_string!(
        locale,
        statistics.funnel_summary,
        posted = number(t.needs),
        signed = number(figures.funnel.iter().find(|f| f.step == "signed").map_or(0, |f| f.needs)),
        completed = number(figures.funnel.iter().find(|f| f.step == "completed").map_or(0, |f| f.needs))
    );
    let district_level = figures.area_level == "district";
    let areas_title = if district_level {
        td_string!(locale, statistics.by_district).to_owned()
    } else {
        td_string!(locale, statistics.by_regency).to_owned()
    };
    let area_rows: Vec<ChartRow> = figures
        .areas
        .iter()
        .map(|a| ChartRow {
            label: a.name.clone(),
            values: vec![a.needs, a.cooperations],
            href: (!district_level).then(|| format!("/statistik?kabupaten={}", a.code)),
        })
        .collect();
    let needs_and_cooperations = || {
        vec![td_string!(locale, statistics.needs).to_owned(), td_string!(locale, statistics.cooperations).to_owned()]
    };
    let time_rows: Vec<ChartRow> =
        figures.over_time.iter().map(|p| ChartRow::new(p.period.clone(), vec![p.needs, p.cooperations])).collect();
    let by_key = |rows: &[crate::wire::stats::KeyFigures], name: fn(Locale, &str) -> String| {
        rows.iter()
            .map(|r| ChartRow::new(name(locale, &r.key), vec![r.needs, r.offers, r.cooperations]))
            .collect::<Vec<_>>()
    };
    let three_series = || {
        vec![
            td_string!(locale, statistics.needs).to_owned(),
            td_string!(locale, statistics.offers).to_owned(),
            td_string!(locale, statistics.cooperations).to_owned(),
        ]
    };
    let status_name = |key: &str| {
        if key.is_empty() {
            td_string!(locale, statistics.status_unknown).to_owned()
        } else {
            text::development_status(locale, key)
        }
    };
    let status_rows: Vec<ChartRow> = figures
        .village_statuses
        .iter()
        .map(|s| ChartRow::new(status_name(&s.key), vec![s.villages, s.never_served]))
        .collect();
    let never_served: i64 = figures.village_statuses.iter().map(|s| s.never_served).sum();
    let villages: i64 = figures.village_statuses.iter().map(|s| s.villages).sum();
    let capacity = figures.capacity;
    view! {
        <p class="muted wrap-anywhere">
            {t!(i18n, statistics.as_json)}" "<a href=api.clone()>{api.clone()}</a>
        </p>
        <section aria-labelledby="ringkasan">
            <h2 id="ringkasan">{t!(i18n, statistics.totals)}</h2>
            <dl class="figures">
                <div><dt>{t!(i18n, statistics.needs_posted)}</dt><dd>{number(t.needs)}</dd></div>
                <div><dt>{t!(i18n, statistics.open_needs)}</dt><dd>{number(t.open_needs)}</dd></div>
                <div><dt>{t!(i18n, statistics.offers)}</dt><dd>{number(t.offers)}</dd></div>
                <div><dt>{t!(i18n, statistics.introductions)}</dt><dd>{number(t.introductions)}</dd></div>
                <div><dt>{t!(i18n, statistics.cooperations)}</dt><dd>{number(t.cooperations)}</dd></div>
                <div><dt>{t!(i18n, statistics.completed)}</dt><dd>{number(t.completed)}</dd></div>
                <div><dt>{t!(i18n, statistics.beneficiaries)}</dt><dd>{number(t.beneficiaries)}</dd></div>
                <div><dt>{t!(i18n, statistics.value)}</dt><dd class="small">{format::rupiah(locale, t.value_idr)}</dd></div>
            </dl>
        </section>
        {figures.moderation.map(|m| view! { <Moderation m/> })}
        <Exports query=query.clone()/>
        <section aria-labelledby="peta-judul">
            <h2 id="peta-judul">{t!(i18n, statistics.map)}</h2>
            <p class="muted">{t!(i18n, statistics.map_hint)}</p>
            <RegionMap outlines figures=figures.map.clone()
                figure=MapFigure::parse(&query.peta).unwrap_or(MapFigure::OpenNeeds) chosen=(!query.kabupaten.is_empty()).then(|| query.kabupaten.clone())/>
        </section>
        <section aria-labelledby="alur">
            <h2 id="alur">{t!(i18n, statistics.funnel)}</h2>
            <BarChart id="chart-funnel" title=td_string!(locale, statistics.funnel).to_owned() summary=funnel_summary
                label_header=td_string!(locale, statistics.step).to_owned()
                series=vec![td_string!(locale, statistics.needs).to_owned()] rows=funnel/>
            <h3>{t!(i18n, statistics.leads)}</h3>
            <dl class="figures">
                {figures.leads.iter().map(|lead| {
                    let name = text::lead(locale, &lead.lead);
                    let value = match lead.median_days {
                        Some(days) => td_string!(locale, statistics.median_days, days = format::decimal(locale, days), count = number(lead.measured)),
                        None => td_string!(locale, statistics.not_measured).to_owned(),
                    };
                    view! { <div><dt>{name}</dt><dd class="small">{value}</dd></div> }
                }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="wilayah">
            <h2 id="wilayah">{areas_title.clone()}</h2>
            <BarChart id="chart-areas" title=areas_title.clone()
                summary=td_string!(locale, statistics.areas_summary, count = figures.areas.len())
                label_header=td_string!(locale, statistics.area).to_owned() series=needs_and_cooperations() rows=area_rows/>
            <div class="table-scroll" tabindex="0" role="region" aria-label=td_string!(locale, statistics.villages_served_caption)>
                <table>
                    <caption>{td_string!(locale, statistics.villages_served_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, statistics.area)}</th>
                        <th scope="col">{t!(i18n, statistics.open_needs)}</th>
                        <th scope="col">{t!(i18n, statistics.villages)}</th>
                        <th scope="col">{t!(i18n, statistics.villages_served)}</th>
                        <th scope="col">{t!(i18n, statistics.share_served)}</th>
                    </tr></thead>
                    <tbody>
                        {figures.areas.iter().map(|a| view! {
                            <tr>
                                <th scope="row">{a.name.clone()}</th>
                                <td>{number(a.open_needs)}</td>
                                <td>{number(a.villages)}</td>
                                <td>{number(a.villages_served)}</td>
                                <td>{format!("{}%", percent(a.villages_served, a.villages))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="waktu">
            <h2 id="waktu">{t!(i18n, statistics.over_time)}</h2>
            <BarChart id="chart-time" title=td_string!(locale, statistics.over_time).to_owned()
                summary=td_string!(locale, statistics.time_summary, count = figures.over_time.len())
                label_header=td_string!(locale, statistics.period).to_owned() series=needs_and_cooperations() rows=time_rows/>
        </section>
        <section aria-labelledby="sektor">
            <h2 id="sektor">{t!(i18n, statistics.by_sector)}</h2>
            <BarChart id="chart-sectors" title=td_string!(locale, statistics.by_sector).to_owned()
                summary=td_string!(locale, statistics.sectors_summary, count = figures.sectors.len())
                label_header=td_string!(locale, opportunities.sector).to_owned() series=three_series()
                rows=by_key(&figures.sectors, text::sector)/>
            <BarChart id="chart-support" title=td_string!(locale, statistics.by_support).to_owned()
                summary=td_string!(locale, statistics.support_summary)
                label_header=td_string!(locale, opportunities.support).to_owned() series=three_series()
                rows=by_key(&figures.support_types, text::support)/>
        </section>
        <section aria-labelledby="status-desa">
            <h2 id="status-desa">{t!(i18n, statistics.by_village_status)}</h2>
            <BarChart id="chart-status" title=td_string!(locale, statistics.by_village_status).to_owned()
                summary=td_string!(locale, statistics.status_summary, never = number(never_served), villages = number(villages))
                label_header=td_string!(locale, statistics.village_status).to_owned()
                series=vec![td_string!(locale, statistics.villages).to_owned(), td_string!(locale, statistics.never_served).to_owned()]
                rows=status_rows/>
        </section>
        <section aria-labelledby="mitra-teratas">
            <h2 id="mitra-teratas">{t!(i18n, statistics.partners)}</h2>
            {if figures.partners.is_empty() {
                view! { <p class="empty">{t!(i18n, statistics.no_data)}</p> }.into_any()
            } else {
                view! {
                    <ol class="ranking">
                        {figures.partners.iter().map(|p| view! {
                            <li>
                                <a href=format!("/mitra/{}", p.organisation_id)>{p.name.clone()}</a>" — "
                                {td_string!(locale, statistics.partner_line, villages = number(p.villages), cooperations = number(p.cooperations))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <h3>{t!(i18n, statistics.capacity)}</h3>
            <p>{td_string!(locale, statistics.capacity_line, offers = number(capacity.offers), capacity = number(capacity.capacity),
                used = number(capacity.used), share = percent(capacity.used, capacity.capacity))}</p>
        </section>
    }
    .into_any()
}

/// The funnel's rows: each step's needs, with the share of the step before.
fn funnel_rows(locale: Locale, figures: &Statistics) -> Vec<ChartRow> {
    let mut previous: Option<i64> = None;
    FunnelStep::ALL
        .iter()
        .filter_map(|step| figures.funnel.iter().find(|f| f.step == step.as_str()))
        .map(|f| {
            let name = text::funnel_step(locale, &f.step);
            let label = match previous {
                Some(before) => format!("{name} ({}%)", percent(f.needs, before)),
                None => name,
            };
            previous = Some(f.needs);
            ChartRow::new(label, vec![f.needs])
        })
        .collect()
}

/// Staff's downloads of what they see, with the view's filters (the server checks again
/// who asks and keeps every file within their jurisdiction).
#[component]
fn Exports(query: StatisticsQuery) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let filters = StatisticsQuery { periode: String::new(), peta: String::new(), ..query }.query_string();
    move || {
        let locale = i18n.get_locale_untracked();
        let user = session.info.get().and_then(Result::ok).and_then(|info| info.user);
        let user = user.filter(|u| Dataset::ALL.iter().any(|d| d.allowed_for(u)))?;
        let rows = Dataset::ALL
            .iter()
            .filter(|d| d.allowed_for(&user))
            .map(|dataset| {
                let name = dataset_name(locale, *dataset);
                let link = |format: ExportFormat| {
                    let href = format!("/ekspor/{}.{}{filters}", dataset.as_str(), format.as_str());
                    let label = format!("{name} ({})", format.as_str().to_uppercase());
                    view! {
                        <a href=href download data-export=label>
                            {format.as_str().to_uppercase()}<span class="visually-hidden">" "{name}</span>
                        </a>
                    }
                };
                view! { <tr><th scope="row">{name}</th><td>{link(ExportFormat::Csv)}{link(ExportFormat::Xlsx)}</td></tr> }
            })
            .collect_view();
        Some(view! {
            <section aria-labelledby="ekspor">
                <h2 id="ekspor">{t!(i18n, export.title)}</h2>
                <p>{t!(i18n, export.lead)}" "<a href="/statistik/kamus-data">{t!(i18n, export.dictionary)}</a></p>
                <ExportFrame>
                    <table class="exports">
                        <caption class="visually-hidden">{t!(i18n, export.title)}</caption>
                        <thead><tr><th scope="col">{t!(i18n, export.dataset)}</th><th scope="col">{t!(i18n, export.title)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </ExportFrame>
                <p class="muted">{t!(i18n, export.preparing)}</p>
            </section>
        })
    }
}

/// What staff see of moderation in their jurisdiction.
#[component]
fn Moderation(m: ModerationFigures) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let number = move |n: i64| format::thousands(locale, n);
    let oldest = match m.oldest_days {
        Some(days) => td_string!(locale, statistics.days, days = number(days)),
        None => "—".to_owned(),
    };
    view! {
        <section aria-labelledby="moderasi-angka">
            <h2 id="moderasi-angka">{t!(i18n, statistics.moderation)}</h2>
            <dl class="figures">
                <div><dt>{t!(i18n, statistics.waiting)}</dt><dd>{number(m.waiting)}</dd></div>
                <div><dt>{t!(i18n, statistics.oldest)}</dt><dd>{oldest}</dd></div>
                <div><dt>{t!(i18n, statistics.returned_share)}</dt><dd>{format!("{}%", percent(m.returned, m.decided))}</dd></div>
                <div><dt>{t!(i18n, statistics.rejected_share)}</dt><dd>{format!("{}%", percent(m.rejected, m.decided))}</dd></div>
            </dl>
        </section>
    }
}
