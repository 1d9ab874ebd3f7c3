//! `/peluang/klaster/:id`: a cluster of alike needs of several villages. Anyone reads its
//! needs; a verified partner ticks all or some of them and expresses interest once — one
//! match per need, grouped for the staff, who can introduce them together.

use crate::api::clusters::{opportunity_cluster, ExpressClusterInterest};
use crate::i18n::*;
use crate::ui::components::form::{action_result, field_error, FormAlert};
use crate::ui::components::matchmaking::InterestFields;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::wire::clusters::{ClusterDetail, GroupOutcome};
use crate::wire::error::AppError;
use crate::wire::outcome::Outcome;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ClusterPage() -> impl IntoView {
    let params = use_params_map();
    let seed = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let cluster = Resource::new(seed, |seed| async move {
        match seed {
            Some(seed) => opportunity_cluster(seed).await,
            None => Err(AppError::NotFound),
        }
    });
    let outcome = Resource::new(|| (), |_| crate::api::outcome::last_outcome());
    let express = ServerAction::<ExpressClusterInterest>::new();
    view! {
        <Suspense fallback=Loading>
            {move || cluster.get().map(|result| match result {
                Ok(cluster) => {
                    let done = outcome.get().and_then(|r| r.ok()).flatten().and_then(|o| match o {
                        Outcome::ClusterInterest(done) => Some(done),
                        _ => None,
                    });
                    view! { <ClusterView cluster done express/> }.into_any()
                }
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ClusterView(
    cluster: ClusterDetail,
    done: Option<GroupOutcome>,
    express: ServerAction<ExpressClusterInterest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let ClusterDetail { card, needs, offers } = cluster;
    let title = t_string!(
        i18n,
        clusters.card_title,
        villages = card.villages,
        regency = card.regency_name.clone(),
        support = text::support(locale, &card.support_type),
        sector = text::sector(locale, &card.sector)
    )
    .to_string();
    let value = action_result(express);
    let needs_error = field_error(value, "needs");
    let message_error = field_error(value, "message");
    let seed = card.seed;
    let list = needs.clone();
    view! {
        <PageMeta title=Signal::derive({ let title = title.clone(); move || title.clone() })
            description=Signal::derive(move || t_string!(i18n, clusters.lead).to_string())/>
        <p class="breadcrumb"><a href="/peluang">{t!(i18n, opportunities.title)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="lead">{t!(i18n, clusters.lead)}</p>
        {done.map(|done| view! {
            <p class="alert alert-success" role="status" data-testid="cluster-interest">
                {move || t_string!(i18n, clusters.interest_done, done = done.done, skipped = done.skipped)}
            </p>
        })}
        {match offers {
            Some(offers) => view! {
                <FormAlert value/>
                <ActionForm action=express attr:class="stack" attr:aria-label=move || t_string!(i18n, clusters.express)>
                    <input type="hidden" name="cluster" value=seed.to_string()/>
                    <fieldset class="choices" class:has-error=move || needs_error.get().is_some()>
                        <legend>{t!(i18n, clusters.choose_needs)}</legend>
                        <ul class="plain-list">
                            {list.into_iter().map(|need| {
                                let label = format!("{} — {}", need.title, need.village_name);
                                view! {
                                    <li>
                                        <label>
                                            <input type="checkbox" name="needs[]" value=need.need_id.to_string()
                                                checked=!need.matched disabled=need.matched/>
                                            " " {label}
                                        </label>
                                        " " <a href=format!("/peluang/{}", need.need_id) class="small">{t!(i18n, clusters.open_need)}</a>
                                        {need.matched.then(|| view! { " " <span class="badge">{t!(i18n, clusters.already)}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {move || needs_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                    <InterestFields id="f-cluster" offers error=message_error/>
                    <button type="submit" class="button" disabled=move || express.pending().get()>{t!(i18n, clusters.express)}</button>
                </ActionForm>
            }.into_any(),
            None => view! {
                <ul class="cards" data-testid="cluster-needs">
                    {needs.into_iter().map(|need| view! {
                        <li class="card">
                            <h2 class="card-title"><a href=format!("/peluang/{}", need.need_id)>{need.title}</a></h2>
                            <p class="card-meta"><a href=format!("/desa/{}", need.village_code)>{need.village_name}</a></p>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="muted">{t!(i18n, clusters.partners_only)}</p>
            }.into_any(),
        }}
    }
}
