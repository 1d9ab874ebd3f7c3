//! The map of `/statistik`, drawn on the server as SVG: regencies shaded by the figure
//! chosen, each a link to its own view; the villages of the view as dots coloured by their
//! state, each a link to the village's page. Its text alternative says what it shows and
//! the table beside it gives every regency's figures; the dots are pointer shortcuts (out
//! of the tab order and hidden from screen readers: a thousand stops would make the page
//! unusable by keyboard).

use crate::domain::geo::{shade, shade_ranges};
use crate::domain::statistics::{MapFigure, VillageState};
use crate::i18n::*;
use crate::wire::stats::{AreaFigures, MapFigures, MapOutlines, VillagePoint};
use crate::wire::{format, text};
use leptos::prelude::*;
use std::collections::HashMap;

/// A regency's figure by the map's choice.
pub fn figure_of(area: &AreaFigures, figure: MapFigure) -> i64 {
    match figure {
        MapFigure::OpenNeeds => area.open_needs,
        MapFigure::Cooperations => area.cooperations,
        MapFigure::NeverServed => area.villages - area.villages_served,
    }
}

#[component]
pub fn RegionMap(
    outlines: MapOutlines,
    figures: MapFigures,
    figure: MapFigure,
    /// The regency chosen, outlined more strongly.
    chosen: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let figure_name = text::map_figure(locale, figure);
    if outlines.regencies.is_empty() {
        return view! { <p class="empty">{t!(i18n, statistics.no_map)}</p> }.into_any();
    }
    let value_of = |code: &str| figures.regencies.iter().find(|r| r.code == code).map(|r| figure_of(r, figure));
    let max = figures.regencies.iter().map(|r| figure_of(r, figure)).max().unwrap_or(0);
    let shapes = outlines
        .regencies
        .iter()
        .map(|outline| {
            let name = figures.regencies.iter().find(|r| r.code == outline.code).map(|r| r.name.clone());
            let name = name.unwrap_or_else(|| outline.code.clone());
            let value = value_of(&outline.code).unwrap_or(0);
            let label = format!("{name}: {} {}", format::thousands(locale, value), figure_name.to_lowercase());
            let class = if chosen.as_deref() == Some(outline.code.as_str()) {
                format!("region shade-{} chosen", shade(value, max))
            } else {
                format!("region shade-{}", shade(value, max))
            };
            view! {
                <a href=format!("/statistik?kabupaten={}", outline.code) aria-label=label.clone()>
                    <path class=class d=outline.path.clone()><title>{label.clone()}</title></path>
                </a>
            }
        })
        .collect_view();
    let points: HashMap<&str, &VillagePoint> = outlines.villages.iter().map(|p| (p.code.as_str(), p)).collect();
    let dots = figures
        .villages
        .iter()
        .filter_map(|village| {
            let point = points.get(village.code.as_str())?;
            let state = VillageState::parse(&village.state).unwrap_or(VillageState::Other);
            let label = format!("{}: {}", village.name, text::village_state(locale, state));
            Some(view! {
                <a href=format!("/desa/{}", village.code) tabindex="-1">
                    <title>{label}</title>
                    <circle class=format!("dot dot-{}", state.as_str()) cx=point.x.to_string() cy=point.y.to_string() r="7"/>
                </a>
            })
        })
        .collect_view();
    let summary = td_string!(
        locale,
        statistics.map_summary,
        figure = figure_name.to_lowercase(),
        villages = format::thousands(locale, figures.villages.len() as i64)
    );
    let legend = shade_ranges(max)
        .into_iter()
        .map(|(k, lowest, highest)| {
            let range = if lowest == highest {
                format::thousands(locale, lowest)
            } else {
                format!("{}–{}", format::thousands(locale, lowest), format::thousands(locale, highest))
            };
            view! { <li><span class=format!("swatch shade-{k}")></span>{range}</li> }
        })
        .collect_view();
    let states = VillageState::ALL
        .iter()
        .map(|state| {
            view! { <li><span class=format!("swatch dot-{}", state.as_str())></span>{text::village_state(locale, *state)}</li> }
        })
        .collect_view();
    view! {
        <figure class="chart map" id="peta">
            <figcaption id="peta-title">{td_string!(locale, statistics.map_title, figure = figure_name.clone())}</figcaption>
            <ul class="chart-legend" aria-hidden="true">
                <li><span class="swatch shade-0"></span>"0"</li>
                {legend}
            </ul>
            <ul class="chart-legend" aria-hidden="true">{states}</ul>
            <svg role="group" aria-labelledby="peta-title peta-desc" class="map-drawing"
                viewBox=format!("0 0 {} {}", outlines.width, outlines.height) preserveAspectRatio="xMidYMid meet">
                <desc id="peta-desc">{summary}</desc>
                <g class="regions">{shapes}</g>
                // Pointer shortcuts only: hidden from assistive technology (the table has the
                // figures) and out of the tab order.
                <g class="dots" aria-hidden="true">{dots}</g>
            </svg>
            <div class="visually-hidden">
                <table>
                    <caption>{td_string!(locale, statistics.map_title, figure = figure_name.clone())}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, statistics.area)}</th>
                        <th scope="col">{figure_name.clone()}</th>
                    </tr></thead>
                    <tbody>
                        {figures.regencies.iter().map(|r| view! {
                            <tr><th scope="row">{r.name.clone()}</th><td>{format::thousands(locale, figure_of(r, figure))}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
    .into_any()
}
