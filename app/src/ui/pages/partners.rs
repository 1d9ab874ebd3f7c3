//! `/mitra` (verified partners) and `/mitra/:id` (one partner and its published offers).

use crate::api::offers::{get_partner, list_partners};
use crate::domain::organisation::OrganisationKind;
use crate::i18n::*;
use crate::ui::components::filters::Pager;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading, PageError};
use crate::ui::pages::offers::OfferItem;
use crate::wire::error::AppError;
use crate::wire::partners::PartnerCard;
use crate::wire::partners::PartnerResults;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Partners() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Memo::new(move |_| query.with(|q| q.get("halaman").unwrap_or_default()));
    let partners = Resource::new(move || page.get(), list_partners);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, partners.title).to_string())
            description=Signal::derive(move || t_string!(i18n, partners.description).to_string())
        />
        <h1>{t!(i18n, partners.title)}</h1>
        <p class="lead">{t!(i18n, partners.description)}</p>
        <Suspense fallback=Loading>
            {move || partners.get().map(|result| match result {
                Ok(results) if results.items.is_empty() => view! { <p class="empty">{t!(i18n, partners.empty)}</p> }.into_any(),
                Ok(results) => {
                    let PartnerResults { items, page, pages, .. } = results;
                    let link = |n: u32| if n > 1 { format!("/mitra?halaman={n}") } else { "/mitra".to_owned() };
                    let previous = (page > 1).then(|| link(page - 1));
                    let next = (page < pages).then(|| link(page + 1));
                    view! {
                        <ul class="cards">
                            {items.into_iter().map(|partner| view! { <PartnerItem partner/> }).collect_view()}
                        </ul>
                        {(pages > 1).then(|| view! { <Pager page pages previous next/> })}
                    }.into_any()
                }
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

fn kind_name(locale: Locale, kind: &str) -> String {
    OrganisationKind::parse(kind).map(|k| text::organisation_kind(locale, k).to_owned()).unwrap_or_default()
}

#[component]
fn PartnerItem(partner: PartnerCard) -> impl IntoView {
    let i18n = use_i18n();
    let kind = partner.kind.clone();
    let count = partner.published_offers;
    view! {
        <li class="card">
            <h2 class="card-title"><a href=format!("/mitra/{}", partner.organisation_id)>{partner.name.clone()}</a></h2>
            <p class="card-meta">
                {move || kind_name(i18n.get_locale(), &kind)} " · "
                {move || t_string!(i18n, partners.offers_count, count = count)}
            </p>
            {partner.description.clone().map(|d| view! { <p>{d}</p> })}
        </li>
    }
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let cooperations = Resource::new(id, |id| {
        let mitra = id.map(|id| id.to_string()).unwrap_or_default();
        crate::api::cooperations::public_cooperations(crate::domain::cooperation_query::CooperationQuery {
            mitra,
            ..Default::default()
        })
    });
    let partner = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_partner(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || partner.get().map(|result| match result {
                Ok((partner, offers)) => {
                    let kind = partner.kind.clone();
                    let (name, about) = (partner.name.clone(), partner.description.clone().unwrap_or_default());
                    let regions = (!partner.serves_province).then(|| partner.regencies.join(", "));
                    let sectors = partner.sectors.clone();
                    view! {
                        <PageMeta title=Signal::derive(move || name.clone()) description=Signal::derive(move || about.clone())/>
                        <p class="breadcrumb"><a href="/mitra">{t!(i18n, partners.title)}</a></p>
                        <h1>{partner.name.clone()}</h1>
                        <p class="card-meta">{move || kind_name(i18n.get_locale(), &kind)}</p>
                        {partner.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
                        <dl class="facts">
                            <div>
                                <dt>{t!(i18n, partners.regions)}</dt>
                                <dd>{match regions {
                                    Some(list) if !list.is_empty() => list.into_any(),
                                    _ => (move || t_string!(i18n, offers.whole_province)).into_any(),
                                }}</dd>
                            </div>
                            <div>
                                <dt>{t!(i18n, partners.sectors)}</dt>
                                <dd>{move || sectors.iter().map(|s| text::sector(i18n.get_locale(), s)).collect::<Vec<_>>().join(", ")}</dd>
                            </div>
                            {partner.website.clone().map(|site| view! {
                                <div><dt>{t!(i18n, partners.website)}</dt><dd><a href=site.clone() rel="noopener nofollow">{site.clone()}</a></dd></div>
                            })}
                        </dl>
                        <h2>{t!(i18n, partners.offers)}</h2>
                        {if offers.is_empty() {
                            view! { <p class="empty">{t!(i18n, partners.no_offers)}</p> }.into_any()
                        } else {
                            view! { <ul class="cards">{offers.into_iter().map(|offer| view! { <OfferItem offer/> }).collect_view()}</ul> }.into_any()
                        }}
                        {move || cooperations.get().and_then(Result::ok).map(|found| view! {
                            <crate::ui::components::cooperation::CooperationsOf lines=found.items/>
                        })}
                    }.into_any()
                }
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}
