//! `/putaran`: staff run a matching round. The scope (regencies, sectors, support types)
//! is chosen in the address, so that a link opens the same form; the form then sets the
//! offers taking part, the weights and the equity settings. Below, the rounds run before.

use crate::api::rounds::{get_round_setup, matching_rounds, RunMatchingRound};
use crate::domain::matching::round::RoundInput;
use crate::domain::matching::score::Factor;
use crate::domain::posting::{DevelopmentStatus, Sector, SupportType};
use crate::i18n::*;
use crate::ui::components::choices::CheckboxGroup;
use crate::ui::components::filters::{page_links, FilterForm, Pager};
use crate::ui::components::form::{action_result, field_error, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::components::table::ScrollTable;
use crate::wire::page::Page;
use crate::wire::rounds::{RoundLine, RoundSetup, SCOPE_OFFERS};
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The scope's filters in the address: `kabupaten`, `sektor`, `dukungan`, each repeatable.
fn scope_from(query: &leptos_router::params::ParamsMap) -> RoundInput {
    let all = |key: &str| query.get_all(key).unwrap_or_default().into_iter().filter(|v| !v.is_empty()).collect();
    RoundInput {
        regencies: all("kabupaten"),
        sectors: all("sektor"),
        support_types: all("dukungan"),
        ..RoundInput::default()
    }
}

#[component]
pub fn Rounds() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let scope = Memo::new(move |_| query.with(scope_from));
    let page = Memo::new(move |_| query.with(|q| q.get("halaman").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1)));
    let setup = Resource::new(move || scope.get(), get_round_setup);
    let rounds = Resource::new(move || page.get(), matching_rounds);
    let run = ServerAction::<RunMatchingRound>::new();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, rounds.title).to_string())
            description=Signal::derive(move || t_string!(i18n, rounds.lead).to_string())
        />
        <h1>{t!(i18n, rounds.title)}</h1>
        <p class="lead">{t!(i18n, rounds.lead)}</p>
        <Suspense fallback=Loading>
            {move || setup.get().map(|result| match result {
                Ok(setup) => view! { <ScopeFilters setup=setup.clone()/> <RoundForm setup run/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
        <h2>{t!(i18n, rounds.earlier)}</h2>
        <Suspense fallback=Loading>
            {move || rounds.get().map(|result| match result {
                Ok(list) => view! { <RoundList list/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The scope, as a GET form: what it covers is then shown, and the round form below uses it.
#[component]
fn ScopeFilters(setup: RoundSetup) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = setup.defaults.clone();
    let joined = |list: &[String]| Signal::stored(list.join(","));
    let (needs, offers) = (setup.needs, setup.offers_total);
    view! {
        <FilterForm action="/putaran" label=Signal::derive(move || t_string!(i18n, rounds.scope).to_string())>
            {match setup.own_regency.clone() {
                Some(own) => view! { <p class="field">{t!(i18n, rounds.own_regency)} ": " <strong>{own.name}</strong></p> }.into_any(),
                None => {
                    let regencies = chosen.regencies.clone();
                    view! {
                        <fieldset class="choices checkbox-grid">
                            <legend>{t!(i18n, rounds.regencies)}</legend>
                            {setup.regencies.iter().map(|r| {
                                let checked = regencies.contains(&r.code);
                                view! {
                                    <label><input type="checkbox" name="kabupaten" value=r.code.clone() checked=checked/> " " {r.name.clone()}</label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }
            }}
            <CheckboxGroup legend=Signal::derive(move || t_string!(i18n, rounds.sectors).to_string())
                name="sektor" post_as="sektor" options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector error=Signal::stored(None::<String>) value=joined(&chosen.sectors)/>
            <CheckboxGroup legend=Signal::derive(move || t_string!(i18n, rounds.support_types).to_string())
                name="dukungan" post_as="dukungan" options=SupportType::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::support error=Signal::stored(None::<String>) value=joined(&chosen.support_types)/>
            <div class="filter-actions">
                <button type="submit" class="button button-secondary">{t!(i18n, rounds.show_scope)}</button>
                <a href="/putaran">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <p class="notice" role="status" data-testid="round-scope">
            {move || t_string!(i18n, rounds.scope_counts, needs = needs, offers = offers)}
        </p>
    }
}

/// The round itself: the scope (carried from the address), the offers taking part, the
/// weights and the equity settings.
#[component]
fn RoundForm(setup: RoundSetup, run: ServerAction<RunMatchingRound>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action_result(run);
    let defaults = setup.defaults.clone();
    let hidden = |name: &'static str, list: &[String]| {
        list.iter().map(|v| view! { <input type="hidden" name=name value=v.clone()/> }).collect_view()
    };
    let number = move |label: Signal<String>,
                       name: &'static str,
                       field: &'static str,
                       current: f64,
                       hint: Option<Signal<String>>| {
        let id = format!("f-{field}");
        let error = field_error(value, field);
        view! {
            <div class="field field-inline" class:has-error=move || error.get().is_some()>
                <label for=id.clone()>{label}</label>
                <input id=id type="number" min="0" max="1" step="0.01" inputmode="decimal" name=name value=current.to_string()/>
                {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        }
    };
    let offers_listed = setup.offers_total as usize <= SCOPE_OFFERS && !setup.offers.is_empty();
    let max_error = field_error(value, "max_per_village");
    let status_up_to = defaults.status_up_to.clone();
    view! {
        <section aria-labelledby="run-round">
            <h2 id="run-round">{t!(i18n, rounds.run_heading)}</h2>
            <FormAlert value/>
            <ActionForm action=run attr:class="stack" attr:novalidate=true>
                {hidden("round[regencies][]", &defaults.regencies)}
                {hidden("round[sectors][]", &defaults.sectors)}
                {hidden("round[support_types][]", &defaults.support_types)}
                {offers_listed.then(|| view! {
                    <fieldset class="choices">
                        <legend>{t!(i18n, rounds.offers)}</legend>
                        <p class="hint">{t!(i18n, rounds.offers_hint)}</p>
                        <ul class="plain-list">
                            {setup.offers.iter().map(|o| {
                                let places = o.places_left;
                                let cohort = o.cohort;
                                view! {
                                    <li><label>
                                        <input type="checkbox" name="round[offers][]" value=o.offer_id.to_string() checked=true/>
                                        " " {o.title.clone()} " — " {o.organisation_name.clone()}
                                        <span class="muted">" · " {move || t_string!(i18n, rounds.places_left, count = places)}
                                            {cohort.then(|| view! { " · " {t!(i18n, offers.cohort_label)} })}</span>
                                    </label></li>
                                }
                            }).collect_view()}
                        </ul>
                    </fieldset>
                })}
                {(!offers_listed).then(|| view! { <p class="hint">{t!(i18n, rounds.offers_too_many, most = SCOPE_OFFERS)}</p> })}
                <fieldset class="stack weights">
                    <legend>{t!(i18n, rounds.weights)}</legend>
                    {Factor::ALL.iter().map(|factor| {
                        let factor = *factor;
                        number(
                            Signal::derive(move || text::factor_name(i18n.get_locale(), factor).to_string()),
                            match factor {
                                Factor::Support => "round[weights][support]",
                                Factor::Sector => "round[weights][sector]",
                                Factor::Region => "round[weights][region]",
                                Factor::Window => "round[weights][window]",
                                Factor::Capacity => "round[weights][capacity]",
                                Factor::Status => "round[weights][status]",
                                Factor::Text => "round[weights][text]",
                                Factor::Ring => "round[weights][ring]",
                            },
                            factor.as_str(),
                            defaults.weights.of(factor),
                            None,
                        )
                    }).collect_view()}
                </fieldset>
                <fieldset class="stack">
                    <legend>{t!(i18n, rounds.equity)}</legend>
                    {number(Signal::derive(move || t_string!(i18n, rounds.first_time_bonus).to_string()),
                        "round[first_time_bonus]", "first_time_bonus", defaults.first_time_bonus,
                        Some(Signal::derive(move || t_string!(i18n, rounds.first_time_hint).to_string())))}
                    {number(Signal::derive(move || t_string!(i18n, rounds.status_bonus).to_string()),
                        "round[status_bonus]", "status_bonus", defaults.status_bonus, None)}
                    <div class="field field-inline">
                        <label for="f-status_up_to">{t!(i18n, rounds.status_up_to)}</label>
                        <select id="f-status_up_to" name="round[status_up_to]">
                            <option value="" selected=status_up_to.is_empty()>{t!(i18n, rounds.no_status_bonus)}</option>
                            {DevelopmentStatus::ALL.iter().map(|s| {
                                let name = s.as_str();
                                view! {
                                    <option value=name selected=status_up_to == name>
                                        {move || t_string!(i18n, rounds.status_and_below, status = text::development_status(i18n.get_locale(), name))}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field field-inline" class:has-error=move || max_error.get().is_some()>
                        <label for="f-max_per_village">{t!(i18n, rounds.max_per_village)}</label>
                        <input id="f-max_per_village" type="number" min="1" max="50" inputmode="numeric"
                            name="round[max_per_village]" value=defaults.max_per_village.clone()/>
                        <p class="hint">{t!(i18n, rounds.max_per_village_hint)}</p>
                        {move || max_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || run.pending().get()>{t!(i18n, rounds.run)}</button>
                    <span class="muted small">{t!(i18n, rounds.run_hint)}</span>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn RoundList(list: Page<RoundLine>) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        return view! { <p class="empty">{t!(i18n, rounds.none_yet)}</p> }.into_any();
    }
    let locale = i18n.get_locale_untracked();
    let (page, pages) = (list.page, list.pages);
    let (previous, next) = page_links("/putaran", page, pages, |n| format!("?halaman={n}"));
    view! {
        <ScrollTable caption=Signal::derive(move || t_string!(i18n, rounds.earlier).to_string()) testid="round-list"
            headings=vec![
                t_string!(i18n, rounds.round).to_string(),
                t_string!(i18n, rounds.status).to_string(),
                t_string!(i18n, rounds.pairs).to_string(),
                t_string!(i18n, rounds.villages).to_string(),
                t_string!(i18n, rounds.first_time).to_string(),
            ]>
                    {list.items.into_iter().map(|round| {
                        let status = round.status;
                        view! {
                            <tr>
                                <td>
                                    <a href=format!("/putaran/{}", round.round_id)>
                                        {move || t_string!(i18n, rounds.round_number, number = round.round_id)}
                                    </a>
                                    <span class="muted small">" · " {format::date_time(&round.created_at)} " · " {round.created_by.clone()}
                                        {round.regency_name.clone().map(|name| format!(" · {name}"))}</span>
                                </td>
                                <td>{move || text::round_status(i18n.get_locale(), status)}</td>
                                <td>{format::thousands(locale, round.proposal.pairs)}</td>
                                <td>{format::thousands(locale, round.proposal.villages)}</td>
                                <td>{format::thousands(locale, round.proposal.first_time_villages)}</td>
                            </tr>
                        }
                    }).collect_view()}
        </ScrollTable>
        {(pages > 1).then(|| view! { <Pager page pages previous next/> })}
    }
    .into_any()
}
