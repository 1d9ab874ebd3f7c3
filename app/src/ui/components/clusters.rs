//! Cluster cards: "14 villages in Kutai Barat need training · nature tourism", each linking
//! to the cluster's page (on `/peluang` and on partners' dashboards).

use crate::i18n::*;
use crate::wire::clusters::ClusterCard;
use crate::wire::text;
use leptos::prelude::*;

#[component]
pub fn ClusterCards(
    cards: Vec<ClusterCard>,
    #[prop(into)] heading: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    (!cards.is_empty()).then(|| {
        view! {
            <section class="clusters" data-testid=testid aria-labelledby=format!("{testid}-heading")>
                <h2 id=format!("{testid}-heading")>{heading}</h2>
                <ul class="cards">
                    {cards.into_iter().map(|card| {
                        let (support, sector) = (card.support_type.clone(), card.sector.clone());
                        let (villages, regency) = (card.villages, card.regency_name.clone());
                        let example = card.example.clone();
                        view! {
                            <li class="card card-cluster">
                                <h3 class="card-title">
                                    <a href=format!("/peluang/klaster/{}", card.seed)>
                                        {move || t_string!(i18n, clusters.card_title, villages = villages, regency = regency.clone(),
                                            support = text::support(i18n.get_locale(), &support),
                                            sector = text::sector(i18n.get_locale(), &sector))}
                                    </a>
                                </h3>
                                <p class="card-meta">{move || t_string!(i18n, clusters.example, title = example.clone())}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
