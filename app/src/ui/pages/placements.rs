//! `/penawaran/:id/penempatan`: a cohort offer's placement board — how many placements
//! are filled, proposed and open, and the villages of each, with the board as XLSX for the
//! university's own KKN system.

use crate::api::placements::get_placement_board;
use crate::i18n::*;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::ui::components::table::ScrollTable;
use crate::wire::error::AppError;
use crate::wire::placements::PlacementBoard;
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlacementPage() -> impl IntoView {
    let params = use_params_map();
    let offer_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let board = Resource::new(offer_id, |id| async move {
        match id {
            Some(id) => get_placement_board(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || board.get().map(|result| match result {
                Ok(board) => view! { <Board board/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Board(board: PlacementBoard) -> impl IntoView {
    let i18n = use_i18n();
    let title = t_string!(i18n, placements.title, offer = board.title.clone()).to_string();
    let offer_path = format!("/penawaran/{}", board.offer_id);
    let period = board.window_end.clone().map(|end| {
        let start = format::date(&board.window_start.clone().unwrap_or_default());
        let end = format::date(&end);
        move || t_string!(i18n, need.window_range, start = start.clone(), end = end.clone())
    });
    let PlacementBoard { placements, filled, proposed, open, group_size, rows, regency_only, .. } = board.clone();
    view! {
        <PageMeta title=Signal::derive({ let title = title.clone(); move || title.clone() })
            description=Signal::derive(move || t_string!(i18n, placements.lead).to_string())/>
        <p class="breadcrumb"><a href=offer_path>{board.title.clone()}</a></p>
        <h1>{title.clone()}</h1>
        <p class="lead">{t!(i18n, placements.lead)}</p>
        <dl class="facts" data-testid="placement-summary">
            <div><dt>{t!(i18n, placements.total)}</dt><dd>{placements}</dd></div>
            <div><dt>{t!(i18n, placements.filled)}</dt><dd>{filled}</dd></div>
            <div><dt>{t!(i18n, placements.proposed)}</dt><dd>{proposed}</dd></div>
            <div><dt>{t!(i18n, placements.open)}</dt><dd>{open}</dd></div>
            {group_size.map(|size| view! { <div><dt>{t!(i18n, offer_form.group_size)}</dt><dd>{size}</dd></div> })}
            {period.map(|period| view! { <div><dt>{t!(i18n, need.window)}</dt><dd>{period}</dd></div> })}
        </dl>
        <p>
            <a class="button button-secondary" href=format!("/ekspor/penempatan/{}.xlsx", board.offer_id) download="">
                {t!(i18n, placements.download)}
            </a>
        </p>
        {regency_only.then(|| view! { <p class="notice">{t!(i18n, placements.regency_only)}</p> })}
        {match rows.is_empty() {
            true => view! { <p class="empty">{t!(i18n, placements.none_yet)}</p> }.into_any(),
            false => view! {
                <ScrollTable caption=Signal::derive(move || title.clone()) testid="placements" headings=vec![
                    t_string!(i18n, ppm.village).to_string(),
                    t_string!(i18n, placements.need).to_string(),
                    t_string!(i18n, placements.state).to_string(),
                ]>
                            {rows.into_iter().map(|p| {
                                let status = p.status;
                                view! {
                                    <tr>
                                        <td><a href=format!("/desa/{}", p.village_code)>{p.village_name.clone()}</a>
                                            <span class="muted small">" · " {p.district_name.clone()} ", " {p.regency_name.clone()}</span></td>
                                        <td><a href=format!("/peluang/{}", p.need_id)>{p.need_title.clone()}</a></td>
                                        <td><a href=format!("/kecocokan/{}", p.match_id)
                                            class=format!("badge badge-{}", status.as_str())>{move || text::match_status(i18n.get_locale(), status)}</a></td>
                                    </tr>
                                }
                            }).collect_view()}
                </ScrollTable>
            }.into_any(),
        }}
    }
}
