//! `/putaran/:id`: one matching round — its totals beside the greedy pairing's, the offers
//! and villages whose pairs differ most, and the proposal's pairs (a page at a time, each
//! with its explanation), which staff accept all or in part, or discard.

use crate::api::rounds::{matching_round, AcceptMatchingRound, DiscardMatchingRound};
use crate::domain::matching::round::RoundStatus;
use crate::i18n::*;
use crate::ui::components::filters::{page_links, Pager};
use crate::ui::components::form::{action_result, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::ui::components::table::ScrollTable;
use crate::wire::error::AppError;
use crate::wire::outcome::Outcome;
use crate::wire::rounds::{Comparison, RoundDetail, RoundPair, RoundTotals};
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
        let page = query.with(|q| q.get("halaman").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1));
        (id, page)
    });
    let round = Resource::new(
        move || key.get(),
        |(id, page)| async move {
            match id {
                Some(id) => matching_round(id, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let outcome = Resource::new(|| (), |_| crate::api::outcome::last_outcome());
    let accept = ServerAction::<AcceptMatchingRound>::new();
    let discard = ServerAction::<DiscardMatchingRound>::new();
    view! {
        <Suspense fallback=Loading>
            {move || round.get().map(|result| match result {
                Ok(round) => {
                    let done = outcome.get().and_then(|r| r.ok()).flatten().and_then(|o| match o {
                        Outcome::RoundAccepted(done) => Some(done),
                        _ => None,
                    });
                    view! { <RoundView round done accept discard/> }.into_any()
                }
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn RoundView(
    round: RoundDetail,
    done: Option<crate::wire::rounds::RoundAccepted>,
    accept: ServerAction<AcceptMatchingRound>,
    discard: ServerAction<DiscardMatchingRound>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let RoundDetail {
        line,
        settings,
        upper_bound,
        candidate_pairs,
        solve_ms,
        by_offer,
        offers_compared,
        by_village,
        villages_compared,
        pairs,
    } = round;
    let round_id = line.round_id;
    let status = line.status;
    let proposed = status == RoundStatus::Proposed;
    let title = t_string!(i18n, rounds.round_number, number = round_id).to_string();
    let optimal = (upper_bound - line.proposal.objective).abs() < 1e-6;
    let accept_value = action_result(accept);
    let discard_value = action_result(discard);
    let (page, pages) = (pairs.page, pairs.pages);
    let (previous, next) = page_links(&format!("/putaran/{round_id}"), page, pages, |n| format!("?halaman={n}"));
    let scope = {
        let mut parts: Vec<String> = settings.scope.sectors.iter().map(|s| text::sector(locale, s.as_str())).collect();
        parts.extend(settings.scope.support_types.iter().map(|s| text::support(locale, s.as_str())));
        parts.join(", ")
    };
    view! {
        <PageMeta title=Signal::derive({ let title = title.clone(); move || title.clone() })
            description=Signal::derive(move || t_string!(i18n, rounds.lead).to_string())/>
        <p class="breadcrumb"><a href="/putaran">{t!(i18n, rounds.title)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="card-meta">
            <span class=format!("badge badge-round-{}", status.as_str()) data-testid="round-status">
                {move || text::round_status(i18n.get_locale(), status)}
            </span>
            " " {format::date_time(&line.created_at)} " · " {line.created_by.clone()}
            " · " {line.regency_name.clone().unwrap_or_else(|| t_string!(i18n, statistics.whole_province).to_string())}
            {(!scope.is_empty()).then(|| format!(" · {scope}"))}
        </p>
        {done.map(|done| view! {
            <p class="alert alert-success" role="status" data-testid="round-accepted">
                {move || t_string!(i18n, rounds.accepted_note, accepted = done.accepted, skipped = done.skipped)}
            </p>
        })}
        <FormAlert value=accept_value/>
        <FormAlert value=discard_value/>
        <section aria-labelledby="round-totals">
            <h2 id="round-totals">{t!(i18n, rounds.totals)}</h2>
            <Totals proposal=line.proposal.clone() greedy=line.greedy.clone()/>
            <p class="muted small" data-testid="round-bound">
                {move || t_string!(i18n, rounds.taking_part, needs = line.needs, offers = line.offers, pairs = candidate_pairs)}
                " "
                {match optimal {
                    true => t_string!(i18n, rounds.optimal, bound = format::decimal(locale, upper_bound)).to_string(),
                    false => t_string!(i18n, rounds.bound, bound = format::decimal(locale, upper_bound)).to_string(),
                }}
                " " {t!(i18n, rounds.solved_in, ms = solve_ms)}
            </p>
        </section>
        {proposed.then(|| view! {
            <div class="form-actions">
                <ActionForm action=accept attr:class="inline-form">
                    <input type="hidden" name="round_id" value=round_id.to_string()/>
                    <input type="hidden" name="all" value="1"/>
                    <button type="submit" class="button" disabled=move || accept.pending().get()>{t!(i18n, rounds.accept_all)}</button>
                </ActionForm>
                <ActionForm action=discard attr:class="inline-form">
                    <input type="hidden" name="round_id" value=round_id.to_string()/>
                    <button type="submit" class="button button-quiet">{t!(i18n, rounds.discard)}</button>
                </ActionForm>
            </div>
        })}
        <section aria-labelledby="round-pairs">
            <h2 id="round-pairs">{t!(i18n, rounds.pairs_heading)} " " <span class="count">{pairs.total}</span></h2>
            {match (pairs.items.is_empty(), proposed) {
                (true, _) => view! { <p class="empty">{t!(i18n, rounds.no_pairs)}</p> }.into_any(),
                (false, true) => view! {
                    <ActionForm action=accept attr:aria-label=move || t_string!(i18n, rounds.accept_chosen)>
                        <input type="hidden" name="round_id" value=round_id.to_string()/>
                        <PairTable pairs=pairs.items choose=true/>
                        <div class="form-actions sticky-actions">
                            <button type="submit" class="button" disabled=move || accept.pending().get()>{t!(i18n, rounds.accept_chosen)}</button>
                        </div>
                    </ActionForm>
                }.into_any(),
                (false, false) => view! { <PairTable pairs=pairs.items choose=false/> }.into_any(),
            }}
            {(pages > 1).then(|| view! { <Pager page pages previous next/> })}
        </section>
        <ComparisonTable heading=Signal::derive(move || t_string!(i18n, rounds.by_offer).to_string())
            rows=by_offer total=offers_compared link="/penawaran/"/>
        <ComparisonTable heading=Signal::derive(move || t_string!(i18n, rounds.by_village).to_string())
            rows=by_village total=villages_compared link="/desa/"/>
    }
}

/// The proposal's totals beside the greedy pairing's.
#[component]
fn Totals(proposal: RoundTotals, greedy: RoundTotals) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = move |label: Signal<String>, a: String, b: String| {
        view! {
            <tr><th scope="row">{label}</th><td>{a}</td><td>{b}</td></tr>
        }
    };
    let count = move |n: i64| format::thousands(locale, n);
    let score = move |x: f64| format::decimal(locale, x);
    view! {
        <ScrollTable caption=Signal::derive(move || t_string!(i18n, rounds.totals).to_string()) testid="round-totals"
            headings=vec![String::new(), t_string!(i18n, rounds.proposal).to_string(), t_string!(i18n, rounds.greedy).to_string()]>
            {row(Signal::derive(move || t_string!(i18n, rounds.pairs).to_string()), count(proposal.pairs), count(greedy.pairs))}
            {row(Signal::derive(move || t_string!(i18n, rounds.villages).to_string()), count(proposal.villages), count(greedy.villages))}
            {row(Signal::derive(move || t_string!(i18n, rounds.first_time).to_string()),
                count(proposal.first_time_villages), count(greedy.first_time_villages))}
            {row(Signal::derive(move || t_string!(i18n, rounds.total_score).to_string()),
                score(proposal.total_score), score(greedy.total_score))}
            {row(Signal::derive(move || t_string!(i18n, rounds.objective).to_string()),
                score(proposal.objective), score(greedy.objective))}
        </ScrollTable>
    }
}

#[component]
fn PairTable(pairs: Vec<RoundPair>, choose: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <ScrollTable caption=Signal::derive(move || t_string!(i18n, rounds.pairs_heading).to_string()) testid="round-pairs"
            headings=choose.then(|| t_string!(i18n, rounds.choose).to_string()).into_iter().chain([
                t_string!(i18n, rounds.need).to_string(),
                t_string!(i18n, rounds.offer).to_string(),
                t_string!(i18n, rounds.score).to_string(),
                t_string!(i18n, rounds.outcome).to_string(),
            ]).collect()>
                    {pairs.into_iter().map(|pair| {
                        let id = format!("pair-{}", pair.pair_id);
                        let label = t_string!(i18n, rounds.choose_pair, need = pair.need_title.clone(), offer = pair.offer_title.clone()).to_string();
                        let factors = pair.factors.clone().map(|score| score.factors).unwrap_or_default();
                        let (bonus, first_time) = (pair.bonus, pair.first_time);
                        view! {
                            <tr>
                                {choose.then(|| view! {
                                    <td><input type="checkbox" id=id.clone() name="pairs[]" value=pair.pair_id.to_string() aria-label=label.clone()/></td>
                                })}
                                <td>
                                    <a href=format!("/peluang/{}", pair.need_id)>{pair.need_title.clone()}</a>
                                    <span class="muted small">" · " {pair.village_name.clone()} ", " {pair.regency_name.clone()}</span>
                                    {first_time.then(|| view! { " " <span class="badge badge-first-time">{t!(i18n, rounds.first_time_badge)}</span> })}
                                </td>
                                <td>
                                    <a href=format!("/penawaran/{}", pair.offer_id)>{pair.offer_title.clone()}</a>
                                    <span class="muted small">" · " {pair.organisation_name.clone()}</span>
                                </td>
                                <td>
                                    <details>
                                        <summary>
                                            {format!("{}%", (pair.score * 100.0).round() as i64)}
                                            {(bonus > 0.0).then(|| format!(" + {}", format::decimal(locale, bonus)))}
                                        </summary>
                                        <ul class="plain-list small">
                                            {factors.into_iter().map(|f| view! {
                                                <li>{move || text::factor(i18n.get_locale(), f.factor, f.value)}</li>
                                            }).collect_view()}
                                        </ul>
                                    </details>
                                </td>
                                <td>
                                    {match (pair.outcome.as_deref(), pair.match_id) {
                                        (Some("accepted"), Some(match_id)) => view! {
                                            <a href=format!("/kecocokan/{match_id}")>{t!(i18n, rounds.outcome_accepted)}</a>
                                        }.into_any(),
                                        (Some("skipped"), _) => view! { <span>{t!(i18n, rounds.outcome_skipped)}</span> }.into_any(),
                                        _ => view! { <span class="muted">"—"</span> }.into_any(),
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
        </ScrollTable>
    }
}

/// Pairs per offer or per village: the proposal's and the greedy pairing's.
#[component]
fn ComparisonTable(heading: Signal<String>, rows: Vec<Comparison>, total: i64, link: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    (!rows.is_empty()).then(|| {
        let shown = rows.len();
        view! {
            <section>
                <h2>{heading}</h2>
                <p class="muted small">{move || t_string!(i18n, rounds.compared, shown = shown, total = total)}</p>
                <ScrollTable caption=heading headings=vec![
                    t_string!(i18n, rounds.name).to_string(),
                    t_string!(i18n, rounds.proposal).to_string(),
                    t_string!(i18n, rounds.greedy).to_string(),
                ]>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <td><a href=format!("{link}{}", row.key)>{row.name.clone()}</a>
                                        <span class="muted small">" · " {row.detail.clone()}</span></td>
                                    <td>{row.proposal}</td>
                                    <td>{row.greedy}</td>
                                </tr>
                            }).collect_view()}
                </ScrollTable>
            </section>
        }
    })
}
